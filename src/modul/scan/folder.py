"""`modul scan FOLDER --into WORKBOOK`: every photo and scanned PDF in a folder read into
the results workbook; a summary line for each page that could not be read."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from modul.errors import ModulError, Problem, relative
from modul.i18n import _, ngettext
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
                        message=_("the same page as {other}: read once").format(other=keys[key]),
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
        label = item.page.label
        number = item.page.number
        follows = (
            last is not None
            and last.shown == item.shown
            and last.index + 1 == item.index
            and last.page.label.document == label.document
            and last.page.label.page + 1 == label.page
            and (number is None or number == last.page.number)
        )
        if follows and last is not None:
            number = last.page.number
        doubts = _doubts(item, root, workbook)
        if label.document != "evaluation" and number is None:
            summary.problems.append(
                Problem(
                    _where(item.shown, item.index),
                    message=_("the participant number cannot be read: answers not written"),
                    hint=_("type the answers in by hand; see the sheet Tinjauan"),
                )
            )
            unknown = Doubt(item.shown, item.index, "No", _("participant number not clear"), "")
            entries.append(
                Entry(
                    SHEETS[label.document],
                    None,
                    {},
                    _where(item.shown, item.index),
                    (*doubts, unknown),
                )
            )
            last = None
            continue
        values = {_column(name): value for name, value in item.page.answers.items()}
        print_ = (item.shown, item.index, item.fingerprint)
        if follows and entries and label.document == "evaluation":
            before = entries.pop()
            values = {**before.values, **values}
            doubts = (*before.doubts, *doubts)
            prints = (*before.prints, print_)
        else:
            prints = (print_,)
        sheet = SHEETS[label.document]
        entries.append(
            Entry(
                sheet,
                number if sheet != EVALUATION else None,
                values,
                _where(item.shown, item.index),
                doubts,
                prints,
            )
        )
        item.page = PageRead(label, item.page.answers, item.page.doubts, number)
        last = item
    return entries


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


def summary_lines(summary: Summary, workbook: str, crops: str) -> list[str]:
    """What `modul scan` prints: pages read, answers written, items for review, then a
    line for each page not read and each cell left as it was."""
    filled = summary.filled
    lines = [
        ngettext("{count} page read", "{count} pages read", summary.pages).format(
            count=summary.pages
        )
        + " "
        + ngettext("(from {count} file)", "(from {count} files)", summary.files).format(
            count=summary.files
        ),
        ngettext(
            "{count} answer written into {file}",
            "{count} answers written into {file}",
            filled.written,
        ).format(count=filled.written, file=workbook),
    ]
    if filled.same:
        lines.append(
            ngettext(
                "{count} answer was there already",
                "{count} answers were there already",
                filled.same,
            ).format(count=filled.same)
        )
    if summary.skipped:
        lines.append(
            ngettext(
                "{count} page skipped: read into this workbook before",
                "{count} pages skipped: read into this workbook before",
                summary.skipped,
            ).format(count=summary.skipped)
        )
    lines.append(
        ngettext("{count} item for review", "{count} items for review", filled.doubts).format(
            count=filled.doubts
        )
        + (
            " " + _("(sheet Tinjauan; crops in {folder})").format(folder=crops)
            if filled.doubts
            else ""
        )
    )
    if summary.problems:
        lines.append(
            ngettext(
                "{count} page not read:", "{count} pages not read:", len(summary.problems)
            ).format(count=len(summary.problems))
        )
    return lines + [str(problem) for problem in summary.problems] + filled.lines
