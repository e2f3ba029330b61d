"""POST /tinjauan: a review decision from `modul serve`'s own page, written into the
results workbook (modul.results.review), then back to the page (303) where what became
of it is said.

Only the page itself may post: the request comes from 127.0.0.1, to the Host
127.0.0.1:PORT or localhost:PORT (not another site's name pointed here), with the
Origin of this server when the browser sends one (not a form on another site), and with
the token made when serve started, which only this server's pages carry. Anything else
is refused (403) with a plain sentence; nothing is written.
"""

from __future__ import annotations

import secrets
import threading
from email.message import Message
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from modul.commands.serve.review import anchor
from modul.commands.serve.status import Notice, Shelf
from modul.errors import ModulError
from modul.i18n import _

if TYPE_CHECKING:
    from modul.commands.serve.site import Site
    from modul.results.review import Decided

MAX_BODY = 8192  # bytes: a decision is a few short fields
FORM = "application/x-www-form-urlencoded"
_WRITING = threading.Lock()  # one decision at a time: each reads what the last wrote
Reply = tuple[HTTPStatus, str]  # a plain sentence, or the address to go back to (303)


def refused(port: int, client: str, headers: Message) -> str:
    """Why the request is not from this server's page; "" if it may be."""
    host = headers.get("Host")
    if client != "127.0.0.1" or host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
        return _("decisions are taken only from this computer's page (127.0.0.1 or localhost)")
    origin, site = headers.get("Origin"), headers.get("Sec-Fetch-Site", "same-origin")
    if (origin is not None and origin != f"http://{host}") or site != "same-origin":
        return _("decisions are taken only from modul's own page, not from another site")
    if headers.get_content_type() != FORM:
        return _("decisions are taken only from the form on modul's page")
    return ""


def decision(site: Site, body: bytes) -> Reply:
    """The decision the form in `body` asks for, made; the page to go back to."""
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=12)

    def field(name: str) -> str:
        return (fields.get(name) or [""])[0]

    if not secrets.compare_digest(field("token").encode(), site.token.encode()):
        return HTTPStatus.FORBIDDEN, _(
            "this form is not from the page of this modul serve (it may be from before a "
            "restart): load the page again and choose once more"
        )
    wanted = (field("edition"), field("role"))
    shelf = next((s for s in site.status.shelves if (s.edition, s.role) == wanted), None)
    row = field("row")
    if shelf is None or shelf.laporan is None or not row.isdecimal() or len(row) > 7:
        return HTTPStatus.BAD_REQUEST, _("no such review item: load the page again")
    notice = _decide(site, shelf, int(row), field("key"), field("answer"))
    return HTTPStatus.SEE_OTHER, f"/?kabar={site.notify(notice)}#{anchor(shelf)}"


def _decide(site: Site, shelf: Shelf, row: int, key: str, answer: str) -> Notice:
    from modul.results.review import decide

    found = shelf.laporan
    assert found is not None
    if found.plan is None:
        return _bad(shelf, _("the workbook cannot be read now"), _("see the mistakes above"))
    with _WRITING:
        try:
            done = decide(site.root, found.workbook, found.plan, row, key, answer)
        except ModulError as err:
            problem = err.problems[0]
            return _bad(shelf, f"{problem.file}: {problem.message}", problem.hint)
        except Exception as err:  # serving must survive a bug in modul too
            return _bad(
                shelf,
                _("unexpected error: {error}").format(error=f"{type(err).__name__}: {err}"),
                _("this is a bug in modul, not a mistake in your files; please report it"),
            )
        site.reviewed(shelf.edition, shelf.role)
    return Notice(shelf.edition, shelf.role, _said(done))


def _bad(shelf: Shelf, text: str, hint: str) -> Notice:
    return Notice(shelf.edition, shelf.role, text, hint, ok=False)


def _said(done: Decided) -> str:
    from modul.results.review import BLANK

    item = done.item
    if item.cell:
        where = _("{sheet}, No. {number}, item {item}").format(
            sheet=item.sheet, number=item.number, item=item.item
        )
    else:  # a page whose answers were not written
        where = _("{file}, page {page} ({sheet})").format(
            file=item.file, page=item.page, sheet=item.sheet
        )
    if done.typed:
        return _(
            "{where}: {cell} holds “{typed}” already, typed in the workbook: kept, "
            "nothing replaced."
        ).format(where=where, cell=item.cell, typed=done.typed)
    if done.written:
        return _("{where}: “{answer}” written into {cell}.").format(
            where=where, answer=done.answer, cell=item.cell
        )
    if done.answer == BLANK:
        return _("{where}: left blank, as chosen.").format(where=where)
    return _("{where}: marked done.").format(where=where)
