"""`modul serve`: the project's documents in the browser, made again on every save.

A small web server on this computer only (127.0.0.1): the page lists every edition, role
and document with a picture of its first page, shows a document page by page, and puts
the current mistakes and layout warnings on top, each with its file, line and fix. The
build runs in a background thread, driven by `modul watch`'s loop; after each one the
open pages are told through server-sent events (`/events`) and fetch themselves again.

The standard library's HTTP server is enough for one trainer's browser, and adds no
framework to install. Only PDFs inside build/ are ever read from disk for a request.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from modul.commands.serve.site import Site
from modul.commands.serve.status import Document, Report, Shelf, Status
from modul.commands.serve.web import Server
from modul.commands.watch import watch
from modul.engine.options import Options
from modul.errors import ModulError
from modul.i18n import _

__all__ = ["DEFAULT_PORT", "Document", "Serving", "Shelf", "Site", "Status", "start"]

DEFAULT_PORT = 8000


@dataclass
class Serving:
    """A running `modul serve`: `run()` until Ctrl-C, or `close()` from another thread."""

    server: Server
    site: Site
    poll: bool
    on_change: Callable[[list[Path]], None]
    stop: threading.Event

    @property
    def url(self) -> str:
        return self.server.url

    def run(self) -> None:
        """Build now and after every change, and answer the browser, until stopped."""
        builder = threading.Thread(
            target=watch,
            args=(self.site.root, self.site.rebuild, self.on_change),
            kwargs={"poll": self.poll, "stop": self.stop, "also": self.site.workbooks_changed},
            name="modul-serve-build",
            daemon=True,
        )
        builder.start()
        try:
            self.server.serve_forever(poll_interval=0.2)
        finally:
            self.stop.set()
            self.site.close()
            self.server.server_close()

    def close(self) -> None:
        self.stop.set()
        self.site.close()
        self.server.shutdown()


def start(
    root: Path,
    options: Options,
    *,
    port: int | None = None,
    poll: bool = False,
    on_build: Report | None = None,
    on_change: Callable[[list[Path]], None] = lambda paths: None,
) -> Serving:
    """Listen on 127.0.0.1: `port`, or 8000 or else any free port when it is None."""
    site = Site(root, options, on_build)
    return Serving(_listen(port, site), site, poll, on_change, threading.Event())


def _listen(port: int | None, site: Site) -> Server:
    try:
        return Server(DEFAULT_PORT if port is None else port, site)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        if port is None:
            return Server(0, site)  # 0: the system picks a free port
        raise ModulError.one(
            "modul",
            message=_("port {port} is in use by another program").format(port=port),
            hint=_("leave out --port to take a free one, or choose another port"),
        ) from None
