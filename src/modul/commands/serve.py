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
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from modul.catalog import NATIONAL
from modul.commands.watch import watch
from modul.commands.web import Server
from modul.engine.builder import build
from modul.engine.options import Options
from modul.errors import ModulError, Problem
from modul.i18n import _

DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Document:
    label: str  # its name in the labels: "Lembar Kerja"
    path: Path  # in build/


@dataclass(frozen=True)
class Shelf:
    """One role's documents in one edition."""

    edition: str
    edition_name: str
    role: str
    role_name: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Status:
    """The outcome of the last build, as the page shows it."""

    version: int = 0  # counts every change, so a page knows when it is out of date
    building: bool = False
    errors: tuple[Problem, ...] = ()  # nothing was built: the documents are the last ones
    warnings: tuple[Problem, ...] = ()
    shelves: tuple[Shelf, ...] = ()
    written: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    finished: float = 0.0  # time.time() at the build's end


Report = Callable[[Status], None]


class Site:
    """What the pages show, replaced after every build; page requests wait on it."""

    def __init__(self, root: Path, options: Options, on_build: Report | None = None) -> None:
        self.root = root
        self.options = options
        self.on_build = on_build
        self.closed = False
        self._status = Status(building=True)
        self._changed = threading.Condition()

    @property
    def status(self) -> Status:
        return self._status

    def rebuild(self) -> None:
        """Build what is out of date and publish the outcome; never raises."""
        self._publish(replace(self._status, building=True))
        status = self._outcome()
        self._publish(status)
        if self.on_build:
            self.on_build(status)

    def _outcome(self) -> Status:
        try:
            report = build(self.root, self.options)
        except ModulError as err:  # the last build's documents stay on the page
            return replace(
                self._status,
                building=False,
                errors=tuple(err.problems),
                warnings=(),
                shelves=self._status.shelves or shelves(self.root, self.options),
            )
        except Exception as err:  # serving must survive a bug in modul too
            bug = Problem(
                "modul",
                message=_("unexpected error: {error}").format(error=f"{type(err).__name__}: {err}"),
                hint=_("this is a bug in modul, not a mistake in your files; please report it"),
            )
            return replace(self._status, building=False, errors=(bug,), warnings=())
        return Status(
            building=False,
            warnings=tuple(report.warnings),
            shelves=shelves(self.root, self.options) or self._status.shelves,
            written=len(report.documents),
            unchanged=report.skipped,
            seconds=report.seconds,
            finished=time.time(),
        )

    def _publish(self, status: Status) -> None:
        with self._changed:
            self._status = replace(status, version=self._status.version + 1)
            self._changed.notify_all()

    def wait(self, version: int, timeout: float) -> Status:
        """The status once it is newer than `version` (or after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self._status.version != version or self.closed, timeout)
            return self._status

    def close(self) -> None:
        """Let every waiting event stream end."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


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
            kwargs={"poll": self.poll, "stop": self.stop},
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


def shelves(root: Path, options: Options) -> tuple[Shelf, ...]:
    """Every edition × role the options select, with its documents, in build order and
    under the names the trainer knows; empty if the content cannot be read."""
    from modul.commands.inventory import inventory
    from modul.engine.plan import plan

    try:
        planned = plan(root, options) or []
    except ModulError:
        return ()
    try:
        found = inventory(root)
    except ModulError:  # content with a mistake: the last build's files
        found = {"roles": [], "regions": [], "documents": _document_names(root)}
        planned = [target for target in planned if target.path.is_file()]
    roles = {r["slug"]: r["name"] for r in found["roles"]}
    editions = {r["slug"]: r["name"] for r in found["regions"]} | {NATIONAL: _("National")}
    labels = {d["file"]: d["name"] for d in found["documents"]}
    grouped: dict[tuple[str, str], list[Document]] = {}
    for target in planned:
        label = labels.get(target.path.name, target.path.stem)
        grouped.setdefault((target.edition, target.role), []).append(Document(label, target.path))
    return tuple(
        Shelf(edition, editions.get(edition, edition), role, roles.get(role, role), tuple(docs))
        for (edition, role), docs in grouped.items()
    )


def _document_names(root: Path) -> list[dict[str, str]]:
    """The documents' names from the layouts alone, when the content cannot be read."""
    from modul.layout.catalog import load_catalog
    from modul.layout.labels import load_labels

    try:
        words = load_labels(root)
        kinds = load_catalog(root).documents
    except ModulError:
        return []
    return [{"file": kind.file, "name": words.get(kind.label, kind.id)} for kind in kinds]
