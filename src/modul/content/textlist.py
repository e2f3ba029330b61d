"""Participant lists as text: CSV as Excel or a phone saves it (comma, semicolon or tab;
UTF-8, UTF-16 or Windows-1252), row by row with the line each starts on."""

from __future__ import annotations

import csv
import io

from modul.content.workbook import Rows
from modul.errors import ModulError
from modul.i18n import _

SEPARATORS = ",;\t"  # comma; semicolon (Excel where the decimal mark is a comma); tab
OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # .xls, Excel 97–2003


def text_rows(raw: bytes, shown: str) -> tuple[Rows, list[str]]:
    text, notes = _decode(raw)
    if "\x00" in text:
        raise ModulError.one(
            shown,
            message=_("this is neither an Excel workbook (.xlsx) nor a CSV file"),
            hint=_("in Excel choose 'Save as' → 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
            if raw.startswith(OLD_EXCEL)
            else _("give the list as .xlsx or CSV"),
        )
    return _rows(text, shown), notes


def _rows(text: str, shown: str) -> Rows:
    """The rows of a CSV text, each with the line it starts on.

    The header row says which separator Excel or the phone used (csv.Sniffer guesses
    from all rows, and gets it wrong when some rows have fewer cells than the header).
    A header without any is a list of one column: a comma then belongs to the name
    ("Dr. Ani Wijaya, M.Si.")."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    separator = max(SEPARATORS, key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=separator if separator in first else "\0")
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error:  # a cell of more than 128 KB: never a name
        raise ModulError.one(
            shown,
            start,
            0,
            _("a cell is longer than any name or place"),
            _("check the row: is a quote left open?"),
        ) from None


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Excel's Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), [
            _("the participant list is not UTF-8; it was read as Windows-1252 (Excel)")
        ]
