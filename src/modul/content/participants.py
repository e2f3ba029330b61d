"""Participant lists (an Excel workbook, or CSV as Excel or a phone saves it), read and
checked row by row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from modul.content.callnames import CALL, call_name
from modul.content.textlist import text_rows
from modul.content.workbook import LAST_ROW, Rows, cell_name, read_sheet, thousands
from modul.errors import ModulError, Problem
from modul.i18n import _, ngettext

REQUIRED = "nama"
OPTIONAL = ("asal", "organisasi", "desa")
MAX_BYTES = 50_000_000  # 100,000 participants take about 5 MB
MAX_PARTICIPANTS = 100_000  # a national list, read whole; a province's is a few thousand
MAX_FIELD = 200  # characters of a name or place: the longest titled names have ~90
XLSX = b"PK\x03\x04"  # a workbook is a zip file


@dataclass(frozen=True)
class Participant:
    """One row of the list: what is printed of a participant (templates' `roster`, the
    copies' line: {nama}, {asal}; the font check), and where the row is."""

    row: int  # line in the CSV file, for messages
    nama: str
    asal: str = ""  # asal, else organisasi, else desa
    panggilan: str = ""  # the call name: its column, else the name's first word (no title)

    PRINTED = ("nama", "asal", "panggilan")

    def texts(self) -> list[str]:  # the printed fields' texts
        return [getattr(self, field) for field in self.PRINTED]

    def fill(self, text: str) -> str:  # with each printed field's {placeholder} filled in
        for field in self.PRINTED:
            text = text.replace(f"{{{field}}}", getattr(self, field))
        return text

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.nama.lower()).strip("-")[:40] or "peserta"


@dataclass(frozen=True)
class Roster:
    participants: list[Participant]
    notes: list[str]  # things worth saying that are not errors
    shown: str = ""  # the list's file, for messages
    per_file: int | None = None  # participants per print file (print shops take small files)
    sheet: str = ""  # the workbook's sheet read; "" for CSV

    def at(self, row: int, column: int = 1) -> tuple[str, int, int]:
        """Where a cell of the list is, for a Problem: peserta.csv:3:1, or
        peserta.xlsx:Peserta!A3 (the file then names the cell, and line is 0)."""
        return _place(self.shown, self.sheet, row, column)


def _place(shown: str, sheet: str, row: int, column: int) -> tuple[str, int, int]:
    return (f"{shown}:{cell_name(sheet, row, column)}", 0, 0) if sheet else (shown, row, column)


def _where(place: tuple[str, int, int]) -> str:
    """A place as printed at the start of a note."""
    file, line, _column = place
    return f"{file}:{line}" if line else file


def read_roster(path: Path, shown: str, sheet: str | None = None) -> Roster:
    """Read a participant list; raise ModulError naming the row of every problem. Of a
    workbook, the sheet named `sheet` is read, else the first visible one."""
    if path.exists() and not path.is_file():
        raise ModulError.one(
            shown,
            message=_("this is not a file (a folder or a device)"),
            hint=_("give the participant list's file, e.g. peserta.csv"),
        )
    try:
        with path.open("rb") as file:  # at most a piece past the limit
            raw = b"".join(_pieces(file))
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
        found = read_sheet(raw, shown, sheet, REQUIRED)
        return _participants(found.rows, found.notes, shown, found.title)
    if sheet is not None:
        raise ModulError.one(
            shown,
            message=_("this is a CSV file, which has no sheets to choose with --sheet"),
            hint=_("leave --sheet out, or give the Excel workbook (.xlsx)"),
        )
    return _participants(*text_rows(raw, shown), shown)


def _pieces(file: BinaryIO) -> Iterator[bytes]:
    """The file a megabyte at a time, until a piece past MAX_BYTES (read(MAX_BYTES)
    would take MAX_BYTES of memory for a list of a few kilobytes)."""
    size = 0
    while size <= MAX_BYTES and (piece := file.read(1 << 20)):
        size += len(piece)
        yield piece


def _participants(rows: Rows, notes: list[str], shown: str, sheet: str = "") -> Roster:
    """The participants of the rows (the first names the columns), checked row by row,
    as they are read: a list that is too long is refused before it is held."""

    def at(row: int, column: int = 1) -> tuple[str, int, int]:
        return _place(shown, sheet, row, column)

    header = _header(next(rows, None), at, notes, shown)
    participants: list[Participant] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            _check_bounds(shown, line, 0)  # empty rows cost nothing, but none comes after this
            continue
        _check_bounds(shown, line, len(participants) + len(problems))
        found = _participant(at, line, row, header)
        if isinstance(found, Problem):
            problems.append(found)
        elif found is not None:
            key = (found.nama.lower(), found.asal.lower())
            if key in seen:
                notes.append(
                    _(
                        "{place}: same participant as row {row} ({name}); both get a worksheet"
                    ).format(
                        place=_where(at(line, header.index(REQUIRED) + 1)),
                        row=seen[key],
                        name=found.nama,
                    )
                )
            seen.setdefault(key, line)
            participants.append(found)
    if problems:
        raise ModulError(problems)
    if not participants:
        raise ModulError.one(
            shown,
            message=_("the participant list has no names"),
            hint=_("add one participant per row under `nama`"),
        )
    return Roster(participants, notes, shown, sheet=sheet)


Place = Callable[[int, int], tuple[str, int, int]]  # a row and column as the trainer sees it


def _header(
    first: tuple[int, list[str]] | None, at: Place, notes: list[str], shown: str
) -> list[str]:
    """The column names of the first row, which must name `nama`; a note names those
    modul does not print."""
    if first is None:
        raise ModulError.one(
            shown,
            message=_("the participant list is empty"),
            hint=_("the first row names the columns, e.g. nama,asal"),
        )
    header = [column.strip().lower() for column in first[1]]
    while header and not header[-1]:  # a cell under no column name is an extra cell
        header.pop()
    if REQUIRED not in header:
        raise ModulError.one(
            *at(first[0], 1),
            _("no column `nama` in the first row"),
            hint=_("name the column of participant names `nama`"),
        )
    ignored = [c for c in header if c and c not in (REQUIRED, CALL, *OPTIONAL)]
    if ignored:
        notes.append(
            _("{file}: columns ignored: {columns}").format(file=shown, columns=", ".join(ignored))
        )
    return header


def _participant(
    at: Place, line: int, row: list[str], header: list[str]
) -> Participant | Problem | None:
    """One row's participant, the problem that keeps it from being one, or None for a
    row of empty cells."""
    if broken := _broken_row(at, line, row, len(header)):
        return broken
    values = dict(zip(header, (cell.strip() for cell in row), strict=False))
    if not any(values.values()):
        return None
    if long := _too_long(at, line, header, values):
        return long
    name = values.get(REQUIRED, "")
    if not name:
        return Problem(
            *at(line, header.index(REQUIRED) + 1),
            _("the name is empty"),
            _("write the participant's name, or delete the row"),
        )
    place = next((values[c] for c in OPTIONAL if values.get(c)), "")
    return Participant(line, name, place, values.get(CALL) or call_name(name))


def _check_bounds(shown: str, line: int, rows: int) -> None:
    """Refuse a list longer than any (`rows`: those with something in them so far): it
    would be held whole, and stamped."""
    if rows >= MAX_PARTICIPANTS:
        raise ModulError.one(
            shown,
            message=_("the participant list has more than {count} participants").format(
                count=thousands(MAX_PARTICIPANTS)
            ),
            hint=_(
                "check that this is the list of participants; split a national list by district"
            ),
        )
    if line > LAST_ROW:
        raise ModulError.one(
            shown,
            message=_("the list goes on past row {row}, Excel's last").format(
                row=thousands(LAST_ROW)
            ),
            hint=_(
                "check that this is the list of participants; split a national list by district"
            ),
        )


def _too_long(
    at: Callable[[int, int], tuple[str, int, int]],
    line: int,
    header: list[str],
    values: dict[str, str],
) -> Problem | None:
    """A name or place longer than any (a text pasted into the cell): printed, it would
    fill pages."""
    for column, field in enumerate(header, 1):
        value = values.get(field, "") if field in (REQUIRED, CALL, *OPTIONAL) else ""
        if len(value) > MAX_FIELD:
            return Problem(
                *at(line, column),
                _("this cell has {length} characters; a name or place has at most {limit}").format(
                    length=thousands(len(value)), limit=MAX_FIELD
                ),
                _("write only the participant's name (or place) in the cell"),
            )
    return None


def _broken_row(
    at: Callable[[int, int], tuple[str, int, int]], line: int, row: list[str], columns: int
) -> Problem | None:
    """A row the CSV cannot be read exactly from: an open quote, or more cells than
    columns (a name with the separator in it, not in quotes)."""
    for column, cell in enumerate(row, 1):
        if "\n" in cell:
            return Problem(
                *at(line, column),
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
            *at(line, extra[0]),
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
