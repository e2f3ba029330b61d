"""Participant lists kept as Excel workbooks: which sheet to read, and its rows as texts.

Workbooks go from trainer to trainer: one may keep last year's list on a hidden sheet,
store a size (`<dimension ref=…>`) its rows outgrew, or claim a million rows in a few
kilobytes. The rows are read as the sheet holds them, never to the size it states, one
at a time; a workbook that unpacks to more than any participant list is refused before
it is read.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from modul.errors import ModulError
from modul.i18n import DECIMAL_COMMA, _, language

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

MAX_UNPACKED = 100_000_000  # all its files; a workbook of 100,000 participants has ~25 MB
MAX_STRINGS = 50_000_000  # the shared strings, which openpyxl holds in memory at once
LAST_ROW = 1_048_576  # Excel's last row: no workbook Excel saves goes further

Rows = Iterator[tuple[int, list[str]]]  # row number, its cells (no empty cells at the end)


@dataclass(frozen=True)
class Sheet:
    """The sheet a workbook's participants are read from."""

    title: str
    rows: Rows
    notes: list[str]


def read_sheet(raw: bytes, shown: str, wanted: str | None, column: str) -> Sheet:
    """The sheet `wanted`, else the first visible one, with a note for every other sheet
    whose first row names a `column` (the participants' names) too."""
    _check_size(raw, shown)
    from openpyxl import load_workbook  # only for a workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = _choose(book.worksheets, wanted, shown)
        others = [s for s in book.worksheets if s is not sheet and column in _header(s)]
        named = column in _header(sheet)
    except _unreadable_errors() as err:
        raise unreadable(shown, err) from None
    if others and not named:
        raise ModulError.one(
            shown,
            message=_(
                "the sheet “{sheet}” has no column `{column}` in its first row, "
                "but the sheet “{other}” has"
            ).format(sheet=sheet.title, column=column, other=others[0].title),
            hint=_('choose that sheet with --sheet "{other}", or drag it to the front').format(
                other=others[0].title
            ),
        )
    notes = [_other_sheet(shown, other, sheet.title) for other in others]
    return Sheet(sheet.title, _rows(sheet, shown), notes)


def thousands(number: int) -> str:
    """1,048,576 in English, 1.048.576 in Indonesian."""
    text = f"{number:,}"
    return text.replace(",", ".") if language() in DECIMAL_COMMA else text


def cell_name(sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it: Peserta!A2, 'Daftar Peserta'!C10."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    if not sheet.replace("_", "").isalnum():
        sheet = "'" + sheet.replace("'", "''") + "'"
    return f"{sheet}!{letters}{row}"


def _check_size(raw: bytes, shown: str) -> None:
    """Refuse a workbook that unpacks to more than a participant list ever needs (a few
    kilobytes can unpack to gigabytes); zipfile never unpacks more than a file states."""
    try:
        files = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise unreadable(shown, err) from None
    strings = sum(f.file_size for f in files if f.filename.lower().endswith("sharedstrings.xml"))
    if sum(f.file_size for f in files) > MAX_UNPACKED or strings > MAX_STRINGS:
        raise ModulError.one(
            shown,
            message=_("this workbook unpacks to more than {size} MB").format(
                size=MAX_UNPACKED // 1_000_000
            ),
            hint=_(
                "check that this is the list of participants; copy its participants "
                "into a new workbook"
            ),
        )


def _choose(sheets: list[ReadOnlyWorksheet], wanted: str | None, shown: str) -> ReadOnlyWorksheet:
    if wanted is not None:
        found = [s for s in sheets if s.title == wanted] or [
            s for s in sheets if s.title.strip().casefold() == wanted.strip().casefold()
        ]
        if not found:
            raise ModulError.one(
                shown,
                message=_("the workbook has no sheet “{sheet}”").format(sheet=wanted),
                hint=_("its sheets: {sheets}").format(
                    sheets=", ".join(f"“{s.title}”" for s in sheets)
                ),
            )
        return found[0]
    visible = [s for s in sheets if s.sheet_state == "visible"]
    if not visible:
        raise ModulError.one(
            shown,
            message=_("every sheet of this workbook is hidden"),
            hint=_("show the sheet of participants in Excel (Unhide), or choose it with --sheet"),
        )
    return visible[0]


def _header(sheet: ReadOnlyWorksheet) -> list[str]:
    """The sheet's first row, in lower case."""
    sheet.reset_dimensions()
    for values in sheet.iter_rows(max_row=1, values_only=True):
        return [cell_text(value).lower() for value in values]
    return []


def _other_sheet(shown: str, other: ReadOnlyWorksheet, read: str) -> str:
    if other.sheet_state == "visible":
        message = _(
            "{file}: the sheet “{sheet}” holds names too; the participants are those of "
            "“{read}” (another sheet: --sheet NAME)"
        )
    else:
        message = _(
            "{file}: the hidden sheet “{sheet}” holds names too (an old list?); the "
            "participants are those of “{read}” (another sheet: --sheet NAME)"
        )
    return message.format(file=shown, sheet=other.title, read=read)


def _rows(sheet: ReadOnlyWorksheet, shown: str) -> Rows:
    """The rows as the sheet holds them, however large it says it is."""
    sheet.reset_dimensions()  # else openpyxl stops at, or fills up to, the stated size
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            if number > LAST_ROW:
                raise ModulError.one(
                    shown,
                    message=_("the sheet “{sheet}” goes on past row {row}, Excel's last").format(
                        sheet=sheet.title, row=thousands(LAST_ROW)
                    ),
                    hint=_("open it in Excel and save it again as .xlsx, or as 'CSV UTF-8'"),
                )
            cells = [cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            yield number, cells
    except _unreadable_errors() as err:
        raise unreadable(shown, err) from None


def _unreadable_errors() -> tuple[type[Exception], ...]:
    """What openpyxl raises for a damaged or hand-made workbook (XML that does not parse
    is a SyntaxError; a cell named "A0" a CellCoordinatesException)."""
    from openpyxl.utils.exceptions import CellCoordinatesException

    return (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        EOFError,
        SyntaxError,
        CellCoordinatesException,
    )


def unreadable(shown: str, err: Exception) -> ModulError:
    return ModulError.one(
        shown,
        message=_("cannot read this Excel workbook ({reason})").format(reason=err),
        hint=_("open it in Excel and save it again as .xlsx, or as 'CSV UTF-8'"),
    )


def cell_text(value: object) -> str:
    """A cell as Excel shows it: numbers (a phone number) and dates are kept as numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d-%m-%Y")
    return " ".join(str(value).split())  # a line break typed in a cell is a space
