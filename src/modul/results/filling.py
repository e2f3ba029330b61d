"""`modul scan`: answers read from paper written into a results workbook, only into empty
cells unless asked (a person's typing is never overwritten), with the items a person must
decide listed in a sheet of their own (Tinjauan) and the pages read recorded (Pindaian),
so the same photos scanned again add nothing twice."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modul.content.workbook import _unreadable_errors, cell_text, unreadable
from modul.errors import ModulError
from modul.i18n import _
from modul.output import write_atomic
from modul.results.cells import column_letters
from modul.results.plan import EVALUATION, EVALUATION_HEAD_ROWS
from modul.results.reader import workbook_bytes
from modul.results.workbook import MARK, RESULTS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

REVIEW = "Tinjauan"
REVIEW_HEADER = ("Berkas", "Halaman", "Lembar", "No", "Butir", "Alasan", "Potongan")
RECORD = "Pindaian"  # hidden: the pages read, by their fingerprint
RECORD_HEADER = ("Berkas", "Halaman", "Sidik")
REASONS = {  # the workbook's language is Indonesian, whatever modul speaks
    "two": "lebih dari satu kotak ditandai",
    "faint": "tanda samar atau bekas dihapus",
    "number": "nomor peserta tidak jelas: jawaban halaman ini belum ditulis",
}


@dataclass(frozen=True)
class Doubt:
    """A row of the sheet Tinjauan: an item left empty for a person to decide."""

    file: str
    page: int
    item: str  # the column's header: "3", "Sesi 2", "No"
    reason: str  # a key of REASONS
    crop: str  # the crop's file, relative to the workbook's folder
    sheet: str = ""
    number: int | None = None  # the row's No, when known


@dataclass(frozen=True)
class Entry:
    """The answers of one form (its pages together) for one sheet's row."""

    sheet: str  # Tes Awal, Tes Akhir, Evaluasi
    number: int | None  # the participant's No; None: a new row of Evaluasi
    values: dict[str, str]  # column header -> value
    source: str  # the file (and page) the answers come from, for messages
    doubts: tuple[Doubt, ...] = ()
    prints: tuple[tuple[str, int, str], ...] = ()  # (file, page, fingerprint) per page


@dataclass
class Filled:
    """What writing did: counts and a line for each cell or row left alone."""

    written: int = 0
    same: int = 0  # cells that held the answer already
    lines: list[str] = field(default_factory=list)
    doubts: int = 0


class ScanBook:
    """A results workbook opened to be filled by `modul scan`."""

    def __init__(self, path: Path, shown: str) -> None:
        from openpyxl import load_workbook

        self.path, self.shown = path, shown
        raw = workbook_bytes(path, shown)
        try:
            self.book: Any = load_workbook(io.BytesIO(raw))
        except _unreadable_errors() as err:
            raise unreadable(shown, err) from None

    def workshop(self) -> tuple[str, str] | None:
        """The edition and role the workbook records (`modul report --new` writes them)."""
        found = MARK.match(str(self.book.properties.keywords or "").strip())
        return (found.group(1), found.group(2)) if found else None

    def seen(self) -> set[str]:
        """The fingerprints of the pages read into this workbook before."""
        if RECORD not in self.book.sheetnames:
            return set()
        sheet = self.book[RECORD]
        return {cell_text(row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)}

    def fill(self, entries: Sequence[Entry], replace_typed: bool) -> Filled:
        filled = Filled()
        doubts: list[Doubt] = []
        for entry in entries:
            sheet = self._sheet(entry.sheet)
            row = self._row(sheet, entry, filled)
            if row is not None:
                self._write(sheet, row, entry, replace_typed, filled)
            if row is not None or entry.number is None:  # read (a page of no one: reviewed)
                self._record(entry)
            number = cell_text(sheet.cell(row, 1).value) if row else ""
            doubts += [replace(d, sheet=entry.sheet, number=_whole(number)) for d in entry.doubts]
        self._review(doubts)
        filled.doubts = len(doubts)
        return filled

    def _sheet(self, title: str) -> Worksheet:
        if title not in self.book.sheetnames:
            raise ModulError.one(
                self.shown,
                message=_("the sheet “{title}” is missing").format(title=title),
                hint=_("copy the sheet “{title}” from a new workbook (modul report --new)").format(
                    title=title
                ),
            )
        sheet: Worksheet = self.book[title]
        return sheet

    def _row(self, sheet: Worksheet, entry: Entry, filled: Filled) -> int | None:
        first = EVALUATION_HEAD_ROWS + 1 if entry.sheet == EVALUATION else 3
        if entry.number is None and entry.sheet != EVALUATION:  # a test of no one known
            return None
        if entry.number is None:  # a new form: the first row with nothing in it
            for row in range(first, sheet.max_row + 2):
                cells = [sheet.cell(row, c).value for c in range(2, sheet.max_column + 1)]
                if not any(cell_text(v) for v in cells):
                    if not cell_text(sheet.cell(row, 1).value):
                        sheet.cell(row, 1, row - first + 1)
                    return row
        for row in range(first, sheet.max_row + 1):
            if _whole(cell_text(sheet.cell(row, 1).value)) == entry.number:
                if not cell_text(sheet.cell(row, 2).value):
                    filled.lines.append(
                        _("{place}: participant {number} has no name yet: write it in").format(
                            place=f"{self.shown}:{sheet.title}!B{row}", number=entry.number
                        )
                    )
                return row
        filled.lines.append(
            _("{source}: participant {number} has no row in {sheet}: not written").format(
                source=entry.source, number=entry.number, sheet=sheet.title
            )
        )
        return None

    def _write(
        self, sheet: Worksheet, row: int, entry: Entry, replace_typed: bool, filled: Filled
    ) -> None:
        columns = {
            " ".join(cell_text(sheet.cell(1, c).value).split()).casefold(): c
            for c in range(1, sheet.max_column + 1)
        }
        for header, value in entry.values.items():
            column = columns.get(header.casefold())
            if column is None:
                filled.lines.append(
                    _("{source}: {sheet} has no column “{header}”: not written").format(
                        source=entry.source, sheet=sheet.title, header=header
                    )
                )
                continue
            cell = sheet.cell(row, column)
            typed = cell_text(cell.value)
            if typed.casefold() == value.casefold():
                filled.same += 1
            elif typed and not replace_typed:
                filled.lines.append(
                    _(
                        "{place} holds “{typed}”, the form ({source}) says “{value}”: kept "
                        "(--replace takes the form's)"
                    ).format(
                        place=f"{self.shown}:{sheet.title}!{column_letters(column)}{row}",
                        typed=typed,
                        source=entry.source,
                        value=value,
                    )
                )
            else:
                cell.value = int(value) if value.isdigit() else value
                filled.written += 1

    def _record(self, entry: Entry) -> None:
        sheet = self._made(RECORD, RECORD_HEADER)
        sheet.sheet_state = "hidden"
        for file, page, fingerprint in entry.prints:
            sheet.append([file, page, fingerprint])

    def _review(self, doubts: Sequence[Doubt]) -> None:
        if not doubts:
            return
        sheet = self._made(REVIEW, REVIEW_HEADER)
        listed = {
            (cell_text(row[0]), cell_text(row[1]), cell_text(row[4]))
            for row in sheet.iter_rows(min_row=2, max_col=5, values_only=True)
        }
        for doubt in doubts:
            if (doubt.file, str(doubt.page), doubt.item) in listed:
                continue
            sheet.append(
                [
                    doubt.file,
                    doubt.page,
                    doubt.sheet,
                    doubt.number,
                    doubt.item,
                    REASONS[doubt.reason],
                ]
            )
            if doubt.crop:
                cell = sheet.cell(sheet.max_row, len(REVIEW_HEADER), doubt.crop)
                cell.hyperlink = doubt.crop

    def _made(self, title: str, header: Sequence[str]) -> Worksheet:
        """The sheet `title`, made with its header row if the workbook has none."""
        from openpyxl.styles import Font

        if title in self.book.sheetnames:
            found: Worksheet = self.book[title]
            return found
        sheet: Worksheet = self.book.create_sheet(title)
        sheet.append(list(header))
        for column in range(1, len(header) + 1):
            sheet.cell(1, column).font = Font(bold=True)
            sheet.column_dimensions[column_letters(column)].width = 40 if column == 6 else 14
        sheet.freeze_panes = "A2"
        return sheet

    def save(self, root: Path) -> None:
        """Write the workbook back, atomically: a failure leaves the one that was there."""
        data = io.BytesIO()
        self.book.save(data)
        write_atomic(self.path, data.getvalue(), root, RESULTS)


def _whole(text: str) -> int | None:
    return int(text) if text.isdigit() else None
