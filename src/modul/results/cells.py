"""Reading one sheet of a results workbook: its cells as texts, where each one is, and
the checks of a header row and of one value (a letter, a mark, a rating)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from modul.content.workbook import cell_text
from modul.errors import Problem
from modul.i18n import _
from modul.results.model import same_name

Row = list[str]


def column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Sheet:
    """A sheet's rows as texts (row 1 first), and what is found wrong or incomplete."""

    shown: str  # the workbook's file, for messages
    title: str
    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def cell(self, row: int, column: int) -> str:
        """The text of a cell (1-based), "" beyond the sheet."""
        cells = self.rows[row - 1] if row <= len(self.rows) else []
        return cells[column - 1] if column <= len(cells) else ""

    def place(self, row: int, column: int) -> str:
        """A cell as the trainer finds it: `hasil/x.xlsx:Tes Awal!D5`."""
        return f"{self.shown}:{self.title}!{column_letters(column)}{row}"

    def problem(self, row: int, column: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.place(row, column), message=message, hint=hint))

    def note(self, row: int, column: int, text: str) -> None:
        self.notes.append(f"{self.place(row, column)}: {text}")

    def check_header(self, row: int, header: Sequence[str]) -> None:
        """Every cell of the header row as modul wrote it (`_bare`)."""
        for column, wanted in enumerate(header, 1):
            found = self.cell(row, column)
            if _bare(found) != _bare(wanted):
                self.problem(
                    row,
                    column,
                    _("the header here is “{found}”, but modul wrote “{wanted}”").format(
                        found=found, wanted=wanted
                    ),
                    _(
                        "write “{wanted}” back (or undo the change): each column is read by "
                        "its place"
                    ).format(wanted=wanted),
                )

    def body(self, first: int, columns: int) -> list[tuple[int, Row]]:
        """The rows from `first` on with something in columns 2 to `columns` (the No
        column is written beforehand), each cut to `columns` cells."""
        found = []
        for number, cells in enumerate(self.rows[first - 1 :], first):
            kept = [*cells[:columns], *[""] * (columns - len(cells))]
            if any(kept[1:]):
                found.append((number, kept))
        return found

    def names(self, rows: list[tuple[int, Row]]) -> list[tuple[int, Row]]:
        """The rows with a name (column B), each name once; a row with entries but no
        name, or a name given twice, is a problem."""
        seen: dict[str, int] = {}
        named = []
        for number, cells in rows:
            name = cells[1]
            if not name:
                self.problem(
                    number,
                    2,
                    _("this row has entries but no name"),
                    _("write the participant's name, or clear the row"),
                )
            elif (key := same_name(name)) in seen:
                self.problem(
                    number,
                    2,
                    _("“{name}” is already in row {row} of this sheet").format(
                        name=name, row=seen[key]
                    ),
                    _(
                        "tell the two apart, e.g. with the village in brackets, the same in "
                        "every sheet; or delete the row written twice"
                    ),
                )
            else:
                seen[key] = number
                named.append((number, cells))
        return named

    def choice(self, row: int, column: int, text: str, allowed: Sequence[str], fix: str) -> str:
        """The entry `text` (already lower- or upper-cased as `allowed` is) if allowed,
        else "" and a problem."""
        if text in allowed:
            return text
        self.problem(
            row,
            column,
            _("“{value}” is not one of {allowed}").format(value=text, allowed=", ".join(allowed)),
            fix,
        )
        return ""


def _bare(header: str) -> str:
    """A header as compared: without a date in brackets (`Hari 1 (8 Juni 2026)`: the
    region's dates may be moved after the workbook was made), case or spacing."""
    return " ".join(header.split("(")[0].split()).casefold()


def sheet_rows(values: Sequence[Sequence[object]]) -> list[Row]:
    """openpyxl's rows as texts: numbers as Excel shows them (4, not 4.0)."""
    return [[cell_text(value) for value in row] for row in values]
