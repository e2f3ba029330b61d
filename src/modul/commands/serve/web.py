"""The HTTP side of `modul serve`: which address answers what, on the standard library's
threading server.

    /                      every edition, role and document, problems on top
    /doc/<path>            one document page by page (<path>: edition/role/file.pdf)
    /build/<path>          the PDF itself, to download or to print from the browser (or
                           the Laporan Pelatihan's workbook, .xlsx, to download)
    /png/<path>?page=&size= a page as PNG (size: thumb or page)
    /events                server-sent events: a `build` event after every change
    /hasil/<path>          a picture of an item left for review (a PNG inside hasil/)
    POST /tinjauan         a review decision, from the page itself only (see `deciding`)

A <path> is looked up inside build/ only (a picture inside hasil/): any `..`, empty or
odd part (also encoded as %2e%2e or %2f) is refused, and so is a link that leads out.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from modul.commands.serve import deciding, page, review
from modul.folders import Folders
from modul.i18n import _
from modul.results import RESULTS

if TYPE_CHECKING:
    from modul.commands.serve.site import Site

HOST = "127.0.0.1"  # never reachable from the network: the content may be unpublished
KEEP_ALIVE_S = 15  # a comment on the event stream this often, so proxies keep it open
PAGE_WIDTHS = {"thumb": 240, "page": 1000}  # pixels: a shelf picture, a page to read
TEXT = "text/plain; charset=utf-8"
Answer = tuple[HTTPStatus, bytes, str]


class Server(ThreadingHTTPServer):
    """The HTTP server, holding the site its requests read."""

    daemon_threads = True  # an open event stream must not keep modul from stopping
    # On Windows SO_REUSEADDR lets a second server take a port already in use.
    allow_reuse_address = os.name != "nt"

    def __init__(self, port: int, site: Site) -> None:
        super().__init__((HOST, port), Handler)
        self.site = site

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed a page or stopped loading a picture
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if not self._from_this_computer():
            refused = _("this page answers only to 127.0.0.1 and localhost")
            self._send(HTTPStatus.FORBIDDEN, refused.encode(), TEXT)
            return
        url = urlsplit(self.path)
        if url.path == "/events":
            self._events()
            return
        status, body, kind = self._answer(url.path, parse_qs(url.query))
        # a picture's URL carries its PDF's time: a rebuilt page has a new URL
        kept = kind == "image/png" and url.path.startswith("/png/")
        self._send(status, body, kind, "max-age=86400" if kept else "no-cache")

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        """A review decision: checked to come from this server's page, made, and the
        browser sent back to the page (303), or refused with a plain sentence."""
        port = self.server.server_address[1]
        why = deciding.refused(port, self.client_address[0], self.headers)
        length = self.headers.get("Content-Length", "")
        if urlsplit(self.path).path != review.ROUTE:
            status, said = HTTPStatus.NOT_FOUND, _("not found")
        elif why:
            status, said = HTTPStatus.FORBIDDEN, why
        elif not length.isdecimal() or int(length) > deciding.MAX_BODY:
            status, said = HTTPStatus.BAD_REQUEST, _("not a decision from modul's page")
        else:
            status, said = deciding.decision(self.server.site, self.rfile.read(int(length)))
        if status != HTTPStatus.SEE_OTHER:
            self.close_connection = True  # a body not read is not taken for a request
            self._send(status, said.encode(), TEXT)
            return
        self.send_response(status)
        self.send_header("Location", said)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _answer(self, path: str, query: dict[str, list[str]]) -> Answer:
        site = self.server.site
        if path == "/":
            notice = site.notice(query.get("kabar", [""])[0])
            shown = page.index(
                site.status, facts, lambda shelf: review.block(shelf, site.token, notice)
            )
            return HTTPStatus.OK, shown.encode(), page.HTML
        if path == review.ROUTE:
            return (
                HTTPStatus.METHOD_NOT_ALLOWED,
                _("a decision is sent by a button on the page").encode(),
                TEXT,
            )
        if path.startswith(review.CROPS):
            return _crop(in_build(site.root / RESULTS, path.removeprefix(review.CROPS)))
        for prefix, answer in ROUTES.items():
            if path.startswith(prefix):
                found = in_build(Folders(site.root).build, path.removeprefix(prefix))
                if found is None:
                    return HTTPStatus.FORBIDDEN, _("outside build/").encode(), TEXT
                return answer(site, found, query)
        return _missing()

    def _events(self) -> None:
        """The current version at once, then one `build` event per change, until the page
        or the server closes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        site, version = self.server.site, -1
        try:
            while True:
                status = site.wait(version, KEEP_ALIVE_S)
                if site.closed:
                    return
                if status.version == version:
                    self.wfile.write(b": still here\n\n")
                else:
                    version = status.version
                    self.wfile.write(f"event: build\ndata: {version}\n\n".encode())
                self.wfile.flush()
        except ConnectionError:
            return  # the page was closed

    def _from_this_computer(self) -> bool:
        """Refuse another site's name pointed at 127.0.0.1 (DNS rebinding): it would let
        that site's scripts read the unpublished content."""
        port = self.server.server_address[1]
        host = self.headers.get("Host")
        return host is None or host in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, cache: str = "no-cache") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows the builds, not every picture the browser loads."""


def in_build(build: Path, relative: str) -> Path | None:
    """The file `relative` (URL-encoded) names inside `build`; None if it leads out."""
    parts = unquote(relative).split("/")
    if any(part in ("", ".", "..") or any(c in part for c in "\\:\0") for part in parts):
        return None
    inside = build.resolve()
    path = inside.joinpath(*parts).resolve()
    return path if path.is_relative_to(inside) else None


def _crop(path: Path | None) -> Answer:
    """A picture of an item for review: a PNG inside hasil/, nothing else."""
    if path is None:
        return HTTPStatus.FORBIDDEN, _("outside hasil/").encode(), TEXT
    if path.suffix.lower() != ".png" or not path.is_file():
        return _missing()
    return HTTPStatus.OK, path.read_bytes(), "image/png"


def _missing() -> Answer:
    return HTTPStatus.NOT_FOUND, _("not found").encode(), TEXT


def _document(site: Site, path: Path, query: dict[str, list[str]]) -> Answer:
    found = page.find(site.status, path)
    if found is None:
        return _missing()
    return HTTPStatus.OK, page.document(site.status, found, facts).encode(), page.HTML


def _pdf(site: Site, path: Path, query: dict[str, list[str]]) -> Answer:
    """A PDF, or a workbook (the Laporan Pelatihan's xlsx), to download or print."""
    if path.suffix not in FILES or not path.is_file():
        return _missing()
    return HTTPStatus.OK, path.read_bytes(), FILES[path.suffix]


FILES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _png(site: Site, path: Path, query: dict[str, list[str]]) -> Answer:
    number, size = query.get("page", ["1"])[0], query.get("size", ["thumb"])[0]
    if path.suffix != ".pdf" or not number.isdecimal() or size not in PAGE_WIDTHS:
        return _missing()
    found = picture(path, int(number), PAGE_WIDTHS[size])
    return (HTTPStatus.OK, found, "image/png") if found else _missing()


ROUTES: dict[str, Callable[[Site, Path, dict[str, list[str]]], Answer]] = {
    "/doc/": _document,
    "/build/": _pdf,
    "/png/": _png,
}
_PDFIUM = threading.Lock()  # pdfium must be called by one thread at a time


def facts(path: Path) -> tuple[int, int]:
    """How many pages the PDF has and when it was written (0, 0 if it is not there)."""
    try:
        stamp = path.stat().st_mtime_ns
        return _pages(path, stamp), stamp
    except OSError:  # removed by a build at this moment
        return 0, 0


def picture(path: Path, number: int, width: int) -> bytes | None:
    """Page `number` of the PDF as PNG, `width` pixels wide; None if there is no such page."""
    pages, stamp = facts(path)
    try:
        return _picture(path, stamp, number, width) if 1 <= number <= pages else None
    except OSError:
        return None


@functools.lru_cache(maxsize=1024)
def _pages(path: Path, stamp: int) -> int:  # by time: a rebuilt file is read again
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(path.read_bytes())  # bytes: the file stays free
        try:
            return len(document)
        finally:
            document.close()


@functools.lru_cache(maxsize=256)
def _picture(path: Path, stamp: int, number: int, width: int) -> bytes:
    import pypdfium2

    from modul.commands.preview import page_png

    with _PDFIUM:
        document = pypdfium2.PdfDocument(path.read_bytes())
        try:
            return page_png(document, number, scale=width / document[number - 1].get_width())
        finally:
            document.close()
