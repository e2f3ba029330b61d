"""The items `modul scan` left for a person to decide (the sheet Tinjauan): the open ones
listed, each decided one at a time.

A decision writes the answer into its cell of Tes Awal, Tes Akhir or Evaluasi only if the
cell is still empty (what a person typed is never replaced) and marks the row decided in
a column of its own, Keputusan, so the sheet still reads as a list in Excel. A row whose
cell holds an answer already (typed in Excel, as docs/scan.md says) is decided too. The
workbook is written beside and renamed into place, and not at all if it was saved by
another program while the decision was being made."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modul.content.workbook import _unreadable_errors, cell_text, unreadable
from modul.errors import ModulError, relative
from modul.i18n import _
from modul.output import write_atomic
from modul.results.cells import column_letters
from modul.results.filling import REVIEW, REVIEW_HEADER
from modul.results.plan import EVALUATION, EVALUATION_HEAD_ROWS, POSTTEST, PRETEST, Plan
from modul.results.reader import workbook_bytes
from modul.results.workbook import RESULTS

DECISION = "Keputusan"  # the column of the decisions, after REVIEW_HEADER
BLANK = "kosong"  # left blank on purpose
DONE = "selesai"  # done by hand: for a row that names no cell to write
Stamp = tuple[int, int]  # the workbook's time (ns) and size


@dataclass(frozen=True)
class Item:
    """An open row of Tinjauan, with the answers that may be chosen for it."""

    row: int  # in the sheet Tinjauan
    file: str
    page: str
    sheet: str  # Tes Awal, Tes Akhir, Evaluasi
    number: int | None  # the participant's No (an evaluation form's row number)
    item: str  # the column: "3", "Sesi 2"; "No" for a participant number not read
    reason: str  # as the workbook says it (Indonesian, by modul scan)
    crop: str  # the picture, relative to the workbook's folder; "" when there is none
    choices: tuple[str, ...]  # what its cell takes; () when no cell can be written for it
    cell: str  # where the answer goes ("Tes Awal!E5"), or ""

    @property
    def key(self) -> str:
        """What the row says: a decision is made only for the row the page showed."""
        return "|".join((self.file, self.page, self.sheet, str(self.number or ""), self.item))

    @property
    def answers(self) -> tuple[str, ...]:
        """The decisions possible: an answer or blank on purpose; or done by hand."""
        return (*self.choices, BLANK) if self.choices else (DONE,)


@dataclass(frozen=True)
class Decided:
    item: Item
    answer: str
    written: bool  # the answer went into its cell
    typed: str = ""  # what the cell held already (typed by a person): kept, nothing written


def open_items(path: Path, plan: Plan, shown: str) -> tuple[Item, ...]:
    """The rows of Tinjauan not decided yet, whose cell (if any) is still empty."""
    book, _stamp = _load(path, shown, wanted=REVIEW)
    if book is None or REVIEW not in book.sheetnames:
        return ()
    sheet = book[REVIEW]
    found = (_read(book, plan, row) for row in range(2, sheet.max_row + 1))
    return tuple(item for item, open_ in found if item is not None and open_)


def decide(root: Path, path: Path, plan: Plan, row: int, key: str, answer: str) -> Decided:
    """Decide the row `row` of Tinjauan (the row whose `Item.key` is `key`): `answer` is
    one of its `Item.answers`. Raises ModulError, with what to do, for a row that is not
    (or no longer) open, an answer it does not take, a workbook that cannot be written."""
    shown = relative(path, root)
    book, stamp = _load(path, shown)
    place = f"{shown}:{REVIEW}!A{row}"
    if REVIEW not in book.sheetnames or not 2 <= row <= book[REVIEW].max_row:
        raise ModulError.one(
            place,
            message=_("the sheet {sheet} has no such item").format(sheet=REVIEW),
            hint=_("look at the list again: it shows the items still open"),
        )
    item, _open = _read(book, plan, row)
    decided = cell_text(book[REVIEW].cell(row, _decision_column(book[REVIEW])).value)
    if item is None or item.key != key or decided:
        raise ModulError.one(
            place,
            message=_("this item was decided already, or the list has changed since"),
            hint=_("look at the list again: it shows the items still open"),
        )
    if answer not in item.answers:
        raise ModulError.one(
            place,
            message=_("“{answer}” is not an answer of this item").format(answer=answer),
            hint=_("choose one of: {choices}").format(choices=", ".join(item.answers)),
        )
    if item.cell:
        target = _cell(book, item.cell)
        typed = cell_text(target.value)
        if typed:  # typed in Excel meanwhile: the person's answer stands
            return Decided(item, answer, written=False, typed=typed)
        if answer in item.choices:
            target.value = int(answer) if answer.isdigit() else answer
    _mark(book[REVIEW], row, answer)
    _save(root, path, shown, book, stamp)
    return Decided(item, answer, written=answer in item.choices)


def _load(path: Path, shown: str, wanted: str = "") -> tuple[Any, Stamp | None]:
    """The workbook and its stamp as read; None for the workbook if it has no sheet
    `wanted` (looked up in its list of sheets: a national workbook is not read twice)."""
    from openpyxl import load_workbook

    stamp = _stamp(path)
    raw = workbook_bytes(path, shown)
    if wanted and not _has_sheet(raw, wanted):
        return None, stamp
    try:
        return load_workbook(io.BytesIO(raw)), stamp
    except _unreadable_errors() as err:
        raise unreadable(shown, err) from None


def _has_sheet(raw: bytes, title: str) -> bool:
    """Whether the workbook's list of sheets may name `title` (True when unsure)."""
    from xml.sax.saxutils import quoteattr

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            listed = archive.read("xl/workbook.xml")
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        return True  # said by reading it
    return f"name={quoteattr(title)}".encode() in listed


def _stamp(path: Path) -> Stamp | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _read(book: Any, plan: Plan, row: int) -> tuple[Item | None, bool]:
    """Row `row` of Tinjauan as an item (None: an empty row), and whether it is open."""
    review = book[REVIEW]
    values = [cell_text(review.cell(row, c).value) for c in range(1, len(REVIEW_HEADER) + 1)]
    file, page, sheet, number, item, reason, crop = values
    if not any(values):
        return None, False
    whole = int(number) if number.isdigit() else None
    choices = _choices(plan, sheet, item)
    cell = _find(book, sheet, whole, item) if choices else ""
    found = Item(row, file, page, sheet, whole, item, reason, crop, choices if cell else (), cell)
    decided = cell_text(review.cell(row, _decision_column(review)).value)
    taken = bool(cell) and bool(cell_text(_cell(book, cell).value))
    return found, not decided and not taken


def _choices(plan: Plan, sheet: str, item: str) -> tuple[str, ...]:
    """The answers the column `item` of `sheet` takes (by the workbook's plan)."""
    if sheet in (PRETEST, POSTTEST) and item.isdigit():
        test = plan.pretest if sheet == PRETEST else plan.posttest
        number = int(item)
        return test.letters(number - 1) if 1 <= number <= len(test.key) else ()
    kind, _space, number_text = item.rpartition(" ")
    count = {"Sesi": len(plan.sessions), "Umum": len(plan.statements)}.get(kind, 0)
    if sheet == EVALUATION and number_text.isdigit() and 1 <= int(number_text) <= count:
        return tuple(str(score) for score in plan.scale)
    return ()


def _find(book: Any, title: str, number: int | None, item: str) -> str:
    """The cell of participant `number`'s row and the column `item` in sheet `title`, as
    "Tes Awal!E5"; "" when the sheet has no such row or column."""
    if number is None or title not in book.sheetnames:
        return ""
    sheet = book[title]
    first = EVALUATION_HEAD_ROWS + 1 if title == EVALUATION else 3
    wanted = " ".join(item.split()).casefold()
    columns = (c for c in range(2, sheet.max_column + 1) if _head(sheet, c) == wanted)
    rows = (r for r in range(first, sheet.max_row + 1) if _no(sheet, r) == number)
    column, row = next(columns, None), next(rows, None)
    return f"{title}!{column_letters(column)}{row}" if column and row else ""


def _head(sheet: Any, column: int) -> str:
    return " ".join(cell_text(sheet.cell(1, column).value).split()).casefold()


def _no(sheet: Any, row: int) -> int | None:
    text = cell_text(sheet.cell(row, 1).value)
    return int(text) if text.isdigit() else None


def _cell(book: Any, where: str) -> Any:
    title, _mark, coordinate = where.rpartition("!")
    return book[title][coordinate]


def _decision_column(sheet: Any) -> int:
    """The column Keputusan of Tinjauan, or where it goes (after REVIEW_HEADER)."""
    heads = [cell_text(sheet.cell(1, c).value) for c in range(1, sheet.max_column + 1)]
    return heads.index(DECISION) + 1 if DECISION in heads else len(REVIEW_HEADER) + 1


def _mark(sheet: Any, row: int, answer: str) -> None:
    """Write the decision into Keputusan, the column made (bold, as its neighbours) first."""
    from openpyxl.styles import Font

    column = _decision_column(sheet)
    head = sheet.cell(1, column)
    if head.value != DECISION:
        head.value, head.font = DECISION, Font(bold=True)
        sheet.column_dimensions[column_letters(column)].width = 14
    sheet.cell(row, column, answer)


def _save(root: Path, path: Path, shown: str, book: Any, stamp: Stamp | None) -> None:
    """Write the workbook back, atomically; not if another program saved it meanwhile or
    holds it open (Excel on Windows), each said with what to do."""
    data = io.BytesIO()
    book.save(data)
    if _stamp(path) != stamp:
        raise ModulError.one(
            shown,
            message=_("the workbook was saved by another program meanwhile: nothing written"),
            hint=_("choose the answer again (the list shows the workbook as it is now)"),
        )
    try:
        with path.open("r+b"):  # Windows: refused while Excel has the workbook open
            pass
    except PermissionError:
        raise ModulError.one(
            shown,
            message=_("the workbook is open in another program (Excel?): nothing written"),
            hint=_("save and close it there, then choose the answer again"),
        ) from None
    except OSError:
        pass  # said by write_atomic, with its fix
    write_atomic(path, data.getvalue(), root, RESULTS)
