"""Participant lists (an Excel workbook, or CSV as Excel or a phone saves it), read and
checked row by row."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from modul.errors import ModulError, Problem
from modul.i18n import _, ngettext

REQUIRED = "nama"
OPTIONAL = ("asal", "organisasi", "desa")
MAX_BYTES = 50_000_000  # 100,000 participants take about 5 MB
SEPARATORS = ",;\t"  # comma; semicolon (Excel where the decimal mark is a comma); tab
XLSX = b"PK\x03\x04"  # a workbook is a zip file
OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # .xls, Excel 97–2003


@dataclass(frozen=True)
class Participant:
    row: int  # line in the CSV file, for messages
    nama: str
    asal: str = ""  # asal, else organisasi, else desa

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.nama.lower()).strip("-")[:40] or "peserta"


@dataclass(frozen=True)
class Roster:
    participants: list[Participant]
    notes: list[str]  # things worth saying that are not errors
    shown: str = ""  # the list's file, for messages
    per_file: int | None = None  # participants per print file (print shops take small files)


def read_roster(path: Path, shown: str) -> Roster:
    """Read a participant list; raise ModulError naming the row of every problem."""
    if path.exists() and not path.is_file():
        raise ModulError.one(
            shown,
            message=_("this is not a file (a folder or a device)"),
            hint=_("give the participant list's file, e.g. peserta.csv"),
        )
    try:
        with path.open("rb") as file:  # at most a byte past the limit
            raw = file.read(MAX_BYTES + 1)
    except OSError as err:
        raise ModulError.one(
            shown,
            message=_("cannot read the participant list ({reason})").format(reason=err.strerror),
            hint=_("check the file name"),
        ) from None
    if len(raw) > MAX_BYTES:
        raise ModulError.one(
            shown,
            message=_("the participant list is larger than {size} MB").format(
                size=MAX_BYTES // 1_000_000
            ),
            hint=_(
                "check that this is the list of participants; split a national list by district"
            ),
        )
    if raw.startswith(XLSX):
        return _participants(_workbook_rows(raw, shown), [], shown)
    return _participants(*_text_rows(raw, shown), shown)


def _text_rows(raw: bytes, shown: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    text, notes = _decode(raw)
    if "\x00" in text:
        raise ModulError.one(
            shown,
            message=_("this is neither an Excel workbook (.xlsx) nor a CSV file"),
            hint=_("in Excel choose 'Save as' → 'Excel Workbook (.xlsx)' or 'CSV UTF-8'")
            if raw.startswith(OLD_EXCEL)
            else _("give the list as .xlsx or CSV"),
        )
    try:
        return _rows(text), notes
    except csv.Error as err:  # a cell of more than 128 KB: never a name
        raise ModulError.one(
            shown,
            err.args[1] if len(err.args) > 1 else 0,
            0,
            _("a cell is longer than any name or place"),
            _("check the row: is a quote left open?"),
        ) from None


def _participants(rows: list[tuple[int, list[str]]], notes: list[str], shown: str) -> Roster:
    """The participants of the rows (the first names the columns), checked row by row."""
    if not rows:
        raise ModulError.one(
            shown,
            message=_("the participant list is empty"),
            hint=_("the first row names the columns, e.g. nama,asal"),
        )
    header = [column.strip().lower() for column in rows[0][1]]
    while header and not header[-1]:  # a cell under no column name is an extra cell
        header.pop()
    if REQUIRED not in header:
        raise ModulError.one(
            shown,
            1,
            1,
            _("no column `nama` in the first row"),
            hint=_("name the column of participant names `nama`"),
        )
    ignored = [c for c in header if c and c != REQUIRED and c not in OPTIONAL]
    if ignored:
        notes.append(
            _("{file}: columns ignored: {columns}").format(file=shown, columns=", ".join(ignored))
        )
    participants, problems = [], []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows[1:]:
        if broken := _broken_row(shown, line, row, len(header)):
            problems.append(broken)
            continue
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        if not any(values.values()):
            continue
        name = values.get(REQUIRED, "")
        if not name:
            problems.append(
                Problem(
                    shown,
                    line,
                    1,
                    _("the name is empty"),
                    _("write the participant's name, or delete the row"),
                )
            )
            continue
        origin = next((values[c] for c in OPTIONAL if values.get(c)), "")
        key = (name.lower(), origin.lower())
        if key in seen:
            notes.append(
                _(
                    "{file}:{line}: same participant as row {row} ({name}); both get a worksheet"
                ).format(file=shown, line=line, row=seen[key], name=name)
            )
        seen.setdefault(key, line)
        participants.append(Participant(line, name, origin))
    if problems:
        raise ModulError(problems)
    if not participants:
        raise ModulError.one(
            shown,
            message=_("the participant list has no names"),
            hint=_("add one participant per row under `nama`"),
        )
    return Roster(participants, notes, shown)


def _workbook_rows(raw: bytes, shown: str) -> list[tuple[int, list[str]]]:
    """The rows of the workbook's first sheet as texts, each with its row number. Cells
    Excel keeps as numbers (a phone number) or dates are written as Excel shows them."""
    from openpyxl import load_workbook  # only for a workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise _unreadable_workbook(shown, err) from None
    sheet = book.worksheets[0]
    try:
        rows = [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise _unreadable_workbook(shown, err) from None
    finally:
        book.close()
    if len(book.worksheets) > 1 and not any(any(cells) for _number, cells in rows):
        raise ModulError.one(
            shown,
            message=_("the workbook's first sheet (“{sheet}”) is empty").format(sheet=sheet.title),
            hint=_(
                "modul reads the first sheet: drag the sheet with the participants "
                "to the front, or delete the empty one"
            ),
        )
    return rows


def _unreadable_workbook(shown: str, err: Exception) -> ModulError:
    return ModulError.one(
        shown,
        message=_("cannot read this Excel workbook ({reason})").format(reason=err),
        hint=_("open it in Excel and save it again as .xlsx, or as 'CSV UTF-8'"),
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d-%m-%Y")
    return " ".join(str(value).split())  # a line break typed in a cell is a space


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """The rows of a CSV text, each with the line it starts on.

    The header row says which separator Excel or the phone used (csv.Sniffer guesses
    from all rows, and gets it wrong when some rows have fewer cells than the header).
    A header without any is a list of one column: a comma then belongs to the name
    ("Dr. Ani Wijaya, M.Si.")."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    separator = max(SEPARATORS, key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=separator if separator in first else "\0")
    rows, start = [], 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        raise csv.Error(str(err), start) from None  # with the row it stopped in
    return rows


def _broken_row(shown: str, line: int, row: list[str], columns: int) -> Problem | None:
    """A row the CSV cannot be read exactly from: an open quote, or more cells than
    columns (a name with the separator in it, not in quotes)."""
    for column, cell in enumerate(row, 1):
        if "\n" in cell:
            return Problem(
                shown,
                line,
                column,
                _(
                    'a quote (") opened in this row is not '
                    "closed, so the rows after it were read as part of it"
                ),
                _(
                    "close the quote, or delete it; a name with a comma is written "
                    'in quotes: "Dr. Ani Wijaya, M.Si."'
                ),
            )
    extra = [n for n, cell in enumerate(row[columns:], columns + 1) if cell.strip()]
    if extra:
        return Problem(
            shown,
            line,
            extra[0],
            ngettext(
                "this row has {cells} cells, but the first row names {columns} column",
                "this row has {cells} cells, but the first row names {columns} columns",
                columns,
            ).format(cells=len(row), columns=columns),
            _(
                'put a name that contains the separator in quotes ("Dr. Ani '
                'Wijaya, M.Si."), or name the extra column in the first row'
            ),
        )
    return None


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
