"""`modul scan FOLDER --into WORKBOOK`: every photo and scanned PDF in a folder read into
the results workbook; a summary line for each page that could not be read."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from modul.errors import ModulError, Problem, relative
from modul.i18n import _
from modul.output import write_atomic
from modul.results.filling import Doubt, Entry, Filled, ScanBook
from modul.results.plan import EVALUATION, POSTTEST, PRETEST
from modul.results.workbook import RESULTS
from modul.scan.formmap import NUMBER_FIELDS, Maps
from modul.scan.images import files, pages
from modul.scan.reading import PageRead, Unread, read_page

SHEETS = {"pretest": PRETEST, "posttest": POSTTEST, "evaluation": EVALUATION}
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Summary:
    """What `modul scan` prints: counts, then a line for each page not read."""

    files: int = 0
    pages: int = 0  # pages read
    filled: Filled = field(default_factory=Filled)
    problems: list[Problem] = field(default_factory=list)  # pages not read
    skipped: int = 0  # pages read into this workbook by an earlier scan


@dataclass
class _Read:
    """A page read, where it came from."""

    shown: str
    index: int
    fingerprint: str
    page: PageRead


def crops_folder(workbook: Path) -> Path:
    """Where the crops of the items for review go: beside the workbook."""
    return workbook.with_name(f"{workbook.stem}-tinjauan")


def scan_folder(
    root: Path, folder: Path, workbook: Path, maps: Maps, replace: bool = False
) -> Summary:
    """Read every image and PDF in `folder` into `workbook` (in the project at `root`)."""
    if not folder.is_dir():
        raise ModulError.one(
            relative(folder, root),
            message=_("no such folder"),
            hint=_("give the folder that holds the photos or scans of the forms"),
        )
    book = ScanBook(workbook, relative(workbook, root))
    workshop = book.workshop()
    if workshop is None:
        raise ModulError.one(
            relative(workbook, root),
            message=_("this is not a results workbook made by modul"),
            hint=_("make one with `modul report --new --region REGION --role ROLE`"),
        )
    summary = Summary()
    maps = cache(maps)  # a form is laid out once, not once a page
    read = list(_read_all(root, folder, maps, workshop, book.seen(), summary))
    entries = _entries(read, root, workbook, summary)
    summary.filled = book.fill(entries, replace)
    book.save(root)
    return summary


def _read_all(
    root: Path,
    folder: Path,
    maps: Maps,
    workshop: tuple[str, str],
    seen: set[str],
    summary: Summary,
) -> Iterator[_Read]:
    keys: dict[tuple[str, int, int], str] = {}
    for path in files(folder):
        summary.files += 1
        shown = relative(path, root)
        try:
            data = path.read_bytes()
        except OSError as err:
            summary.problems.append(Problem(shown, message=str(err.strerror)))
            continue
        digest = hashlib.sha256(data).hexdigest()[:16]
        for page in pages(path, data):
            where = _where(shown, page.index)
            fingerprint = f"{digest}:{page.index}"
            if fingerprint in seen:
                summary.skipped += 1
                continue
            seen.add(fingerprint)
            if page.image is None:
                summary.problems.append(Problem(where, message=page.problem, hint=page.hint))
                continue
            try:
                found = read_page(page.image, maps, *workshop)
            except Unread as err:
                summary.problems.append(Problem(where, message=err.message, hint=err.hint))
                continue
            label = found.label
            key = (label.document, label.page, found.number or 0)
            if found.number and key in keys:
                summary.problems.append(
                    Problem(
                        where,
                        message=_(
                            "the same page as {other} (page {page}, participant {number}): "
                            "read once"
                        ).format(other=keys[key], page=label.page, number=found.number),
                        hint=_("leave out one of the two photos"),
                    )
                )
                continue
            keys.setdefault(key, where)
            summary.pages += 1
            yield _Read(shown, page.index, fingerprint, found)


def _entries(read: list[_Read], root: Path, workbook: Path, summary: Summary) -> list[Entry]:
    """The pages read as the workbook's rows: a form's pages together (a page that follows
    its page before in the same file, of the same form and participant)."""
    entries: list[Entry] = []
    last: _Read | None = None
    for item in read:
        follows = last is not None and _follows(last, item)
        if follows and last is not None and item.page.number is None:
            item.page = replace(item.page, number=last.page.number)
        entry = _entry(item, _doubts(item, root, workbook), summary)
        if follows and entries and entry.sheet == EVALUATION:
            before = entries.pop()
            entry = replace(
                entry,
                values={**before.values, **entry.values},
                source=before.source,
                doubts=(*before.doubts, *entry.doubts),
                prints=(*before.prints, *entry.prints),
            )
        entries.append(entry)
        last = item
    return entries


def _follows(last: _Read, item: _Read) -> bool:
    """Whether `item` is the next page of the form `last` is a page of."""
    before, label = last.page.label, item.page.label
    return (
        last.shown == item.shown
        and last.index + 1 == item.index
        and (before.document, before.page + 1) == (label.document, label.page)
        and item.page.number in (None, last.page.number)
    )


def _entry(item: _Read, doubts: tuple[Doubt, ...], summary: Summary) -> Entry:
    sheet = SHEETS[item.page.label.document]
    where = _where(item.shown, item.index)
    number = item.page.number
    if sheet != EVALUATION and number is None:
        summary.problems.append(
            Problem(
                where,
                message=_("the participant number cannot be read: answers not written"),
                hint=_("type the answers in by hand; see the sheet Tinjauan"),
            )
        )
        unknown = Doubt(item.shown, item.index, "No", "number", "")
        prints = ((item.shown, item.index, item.fingerprint),)
        return Entry(sheet, None, {}, where, (*doubts, unknown), prints)
    values = {_column(name): value for name, value in item.page.answers.items()}
    prints = ((item.shown, item.index, item.fingerprint),)
    return Entry(sheet, number if sheet != EVALUATION else None, values, where, doubts, prints)


def _where(shown: str, index: int) -> str:
    """A page as the summary names it: the photo, or the PDF and its page."""
    if index == 1 and not shown.lower().endswith(".pdf"):
        return shown
    return f"{shown} " + _("page {number}").format(number=index)


def _column(name: str) -> str:
    """The workbook's column of a form map's field: tes_3 -> 3, sesi_2 -> Sesi 2."""
    kind, _sep, number = name.rpartition("_")
    if kind == "sesi":
        return f"Sesi {number}"
    if kind == "umum":
        return f"Umum {number}"
    return "No" if name in NUMBER_FIELDS else number


def _doubts(item: _Read, root: Path, workbook: Path) -> tuple[Doubt, ...]:
    """The page's items for review, each crop saved beside the workbook."""
    folder = crops_folder(workbook)
    doubts = []
    for doubt in item.page.doubts:
        stem = UNSAFE.sub("-", Path(item.shown).stem)
        name = f"{stem}-{item.index}-{item.page.label.document}-{doubt.field}.png"
        write_atomic(folder / name, doubt.crop, root, RESULTS)
        doubts.append(
            Doubt(
                item.shown,
                item.index,
                _column(doubt.field),
                doubt.reason,
                f"{folder.name}/{name}",
            )
        )
    return tuple(doubts)
