"""The HTML of `modul serve`: the shelf of every document, and one document to read.

Plain HTML made here, with every text the trainer reads marked for translation and every
value from the project escaped. A few lines of script listen to `/events` and fetch the
page again after a build, replacing its content in place (the scroll position stays).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from modul.commands.serve.review import STYLE as REVIEW_STYLE
from modul.i18n import _, language, ngettext

if TYPE_CHECKING:
    from modul.commands.serve.status import Document, Shelf, Status
    from modul.errors import Problem

HTML = "text/html; charset=utf-8"
Facts = Callable[[Path], tuple[int, int]]  # a PDF's pages and its time (0, 0: not there)

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #222; background: #f4f4f1; }
header, main, .problems { padding: 0.6rem 1.5rem; }
header { background: #1f4e5f; color: #fff; display: flex; gap: 1rem; align-items: baseline;
         flex-wrap: wrap; }
header a { color: #fff; }
h1 { font-size: 1.3rem; margin: 0; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 0.2rem; }
h3 { font-size: 1rem; margin: 0.8rem 0 0.4rem; color: #444; }
.state { opacity: 0.85; }
.problems h2 { margin-top: 0.2rem; }
.problems ul { list-style: none; padding: 0; margin: 0.3rem 0; }
.problems li { background: #fff; border-left: 5px solid; padding: 0.4rem 0.7rem;
               margin: 0.3rem 0; }
.errors li { border-color: #b3261e; }
.warnings li { border-color: #c48a00; }
.where { font-family: ui-monospace, monospace; font-weight: bold; }
.fix { color: #1b5e20; }
.shelf { display: flex; flex-wrap: wrap; gap: 0.8rem; list-style: none; padding: 0; margin: 0; }
.card { display: flex; flex-direction: column; width: 160px; background: #fff; padding: 0.4rem;
        text-decoration: none; color: inherit; box-shadow: 0 1px 3px #0003; }
.card img { width: 100%; height: auto; border: 1px solid #ddd; }
.card .label { font-weight: 600; margin-top: 0.3rem; }
.card .pages, .missing { color: #666; font-size: 0.85rem; }
.actions a { background: #fff; color: #1f4e5f; padding: 0.2rem 0.7rem; border-radius: 3px;
             text-decoration: none; font-weight: 600; }
h4 { font-size: 0.95rem; margin: 0.7rem 0 0.3rem; color: #444; }
.laporan .notes { color: #666; font-size: 0.85rem; margin: 0.2rem 0; }
ol.pages { list-style: none; padding: 0; }
ol.pages img { display: block; max-width: 100%; margin: 0 auto 1rem; background: #fff;
                  box-shadow: 0 1px 4px #0004; }
"""

SCRIPT = """
new EventSource("/events").addEventListener("build", async (event) => {
  if (event.data === document.body.dataset.version) return;
  const answer = await fetch(location.href, {cache: "no-store"});
  if (!answer.ok) { location.assign("/"); return; }  // the document is no longer made
  const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
  document.body.dataset.version = fresh.body.dataset.version;
  document.getElementById("page").replaceWith(fresh.getElementById("page"));
});
"""


def index(status: Status, facts: Facts, review: Callable[[Shelf], str] = lambda s: "") -> str:
    """Every edition, role and document, with the problems on top; `review`: the block of
    a role's items left for review, after its Laporan Pelatihan."""
    title = _("Training kit")
    if status.shelves:
        groups = _editions(status.shelves)
        shelves = "".join(_edition(group, facts, review) for group in groups)
    else:
        shelves = _paragraph(
            _("No documents yet: they appear here after the first build that works.")
        )
    heading = f"<h1>{escape(title)}</h1>"
    return _html(title, status, [_header(status, heading), _problems(status), _main(shelves)])


def document(status: Status, found: tuple[Shelf, Document], facts: Facts) -> str:
    """One document, page by page at reading size, to download or print."""
    shelf, doc = found
    pages, stamp = facts(doc.path)
    where = _address(shelf, doc)
    back, download, print_ = _("← all documents"), _("Download the PDF"), _("Print (opens the PDF)")
    about = f"{shelf.role_name} · {shelf.edition_name} · {_count_pages(pages)}"
    heading = (
        f'<a href="/">{escape(back)}</a><h1>{escape(doc.label)}</h1><span>{escape(about)}</span>'
        f'<span class="actions"><a href="/build/{where}" download>{escape(download)}</a> '
        f'<a href="/build/{where}" target="_blank" rel="noopener">{escape(print_)}</a></span>'
    )
    alt = _("page {number}")
    pictures = "".join(
        f'<li><img src="/png/{where}?page={number}&amp;size=page&amp;v={stamp}" '
        f'alt="{escape(alt.format(number=number))}"></li>'
        for number in range(1, pages + 1)
    )
    body = [
        _header(status, heading),
        _problems(status),
        _main(f'<ol class="pages">{pictures}</ol>'),
    ]
    return _html(f"{doc.label} · {shelf.role_name}", status, body)


def find(status: Status, path: Path) -> tuple[Shelf, Document] | None:
    """The shelf and document whose PDF is `path` (resolved)."""
    for shelf in status.shelves:
        for doc in shelf.documents + (shelf.laporan.documents if shelf.laporan else ()):
            if doc.path.resolve() == path:
                return shelf, doc
    return None


def _html(title: str, status: Status, body: list[str]) -> str:
    return (
        f'<!doctype html><html lang="{language() or "id"}"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · modul</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}{REVIEW_STYLE}</style><script>{SCRIPT}</script></head>"
        f'<body data-version="{status.version}"><div id="page">{"".join(body)}</div>'
        "</body></html>"
    )


def _header(status: Status, heading: str) -> str:
    return (
        f'<header>{heading}<span class="state" id="state">{escape(_state(status))}</span></header>'
    )


def _main(content: str) -> str:
    return f"<main>{content}</main>"


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _state(status: Status) -> str:
    if status.building:
        return _("building …")
    if status.errors:
        return _("not built: fix the mistakes below")
    made = ngettext(
        "{count} document made again", "{count} documents made again", status.written
    ).format(count=status.written)
    at = time.strftime("%H:%M:%S", time.localtime(status.finished))
    return _("up to date at {time} ({made})").format(time=at, made=made)


def _problems(status: Status) -> str:
    parts = []
    if errors := len(status.errors):
        heading = ngettext("{count} mistake to fix", "{count} mistakes to fix", errors)
        note = _(
            "Nothing is made again until it is fixed: the documents below are from the "
            "last build that worked."
        )
        parts.append(_problem_list("errors", heading.format(count=errors), note, status.errors))
    if workbooks := [
        p for shelf in status.shelves if shelf.laporan for p in shelf.laporan.problems
    ]:
        heading = ngettext(
            "{count} mistake in a results workbook",
            "{count} mistakes in results workbooks",
            len(workbooks),
        )
        note = _(
            "The Laporan Pelatihan is made again once they are fixed and the workbook saved; "
            "the one below is from the last workbook that worked."
        )
        parts.append(
            _problem_list(
                "errors", heading.format(count=len(workbooks)), note, workbooks, "workbooks"
            )
        )
    if warnings := len(status.warnings):
        heading = ngettext("{count} warning", "{count} warnings", warnings)
        parts.append(_problem_list("warnings", heading.format(count=warnings), "", status.warnings))
    return "".join(parts)


def _problem_list(
    kind: str, heading: str, note: str, problems: Iterable[Problem], anchor: str = ""
) -> str:
    items = "".join(_problem(problem) for problem in problems)
    explained = _paragraph(note) if note else ""
    return (
        f'<section class="problems {kind}" id="{anchor or kind}"><h2>{escape(heading)}</h2>'
        f"{explained}<ul>{items}</ul></section>"
    )


def _problem(problem: Problem) -> str:
    where = problem.file + (f":{problem.line}:{problem.column or 1}" if problem.line else "")
    fix = _("fix: {hint}").format(hint=problem.hint) if problem.hint else ""
    return (
        f'<li><span class="where">{escape(where)}</span> '
        f'<span class="message">{escape(problem.message)}</span>'
        + (f'<div class="fix">{escape(fix)}</div>' if fix else "")
        + "</li>"
    )


def _editions(shelves: Iterable[Shelf]) -> list[list[Shelf]]:
    groups: dict[str, list[Shelf]] = {}
    for shelf in shelves:
        groups.setdefault(shelf.edition, []).append(shelf)
    return list(groups.values())


def _edition(shelves: list[Shelf], facts: Facts, review: Callable[[Shelf], str]) -> str:
    first = shelves[0]
    heading = f"<h2>{escape(first.edition_name)} <small>({escape(first.edition)})</small></h2>"
    roles = "".join(
        f'<h3>{escape(shelf.role_name)}</h3><ul class="shelf">'
        + "".join(_card(shelf, doc, facts) for doc in shelf.documents)
        + "</ul>"
        + _laporan(shelf, facts)
        + review(shelf)
        for shelf in shelves
    )
    return f'<section class="edition">{heading}{roles}</section>'


def _laporan(shelf: Shelf, facts: Facts) -> str:
    """The Laporan Pelatihan made from the role's results workbook: the PDF to read, the
    xlsx to download, what the workbook lacks; or why it is not made."""
    found = shelf.laporan
    if found is None:
        return ""
    cards = "".join(
        _card(shelf, doc, facts) if doc.path.suffix == ".pdf" else _download(shelf, doc)
        for doc in found.documents
    )
    workbook = "/".join(found.workbook.parts[-3:])  # hasil/<edition>/<role>.xlsx
    if found.problems:
        said = _("not made again: the workbook {file} has mistakes (listed above)")
    elif not found.documents:
        said = _("not made yet")
    else:
        said = _("made from {file}")
    about = f'<p class="missing">{escape(said.format(file=workbook))}</p>'
    notes = "".join(f"<li>{escape(note)}</li>" for note in found.notes)
    heading = _("After the workshop")
    return (
        f'<div class="laporan"><h4>{escape(heading)}</h4>'
        f'<ul class="shelf">{cards}</ul>{about}'
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + "</div>"
    )


def _download(shelf: Shelf, doc: Document) -> str:
    """A card that downloads the file (a workbook: no pages to show)."""
    text = _("download")
    return (
        f'<li><a class="card" href="/build/{_address(shelf, doc)}" download>'
        f'<span class="label">{escape(doc.label)}</span>'
        f'<span class="pages">{escape(doc.path.name)} · {escape(text)}</span></a></li>'
    )


def _card(shelf: Shelf, doc: Document, facts: Facts) -> str:
    pages, stamp = facts(doc.path)
    label = f'<span class="label">{escape(doc.label)}</span>'
    if not pages:
        text = _("not made yet")
        missing = f'<span class="missing">{escape(text)}</span>'
        return f'<li><div class="card">{label}{missing}</div></li>'
    where = _address(shelf, doc)
    return (
        f'<li><a class="card" href="/doc/{where}">'
        f'<img src="/png/{where}?page=1&amp;size=thumb&amp;v={stamp}" alt="" loading="lazy">'
        f'{label}<span class="pages">{escape(_count_pages(pages))}</span></a></li>'
    )


def _address(shelf: Shelf, doc: Document) -> str:
    """The document's place in build/, as a URL path."""
    return quote(f"{shelf.edition}/{shelf.role}/{doc.path.name}")


def _count_pages(pages: int) -> str:
    return ngettext("{count} page", "{count} pages", pages).format(count=pages)
