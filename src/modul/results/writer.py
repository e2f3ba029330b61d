"""Write the results workbook a trainer fills in: sheets with their header rows, the
tests' keys, drop-down lists, frozen headers and the names of the roster."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from modul.results.guide import guide_lines
from modul.results.plan import (
    ATTENDANCE,
    EVALUATION,
    GUIDE,
    KEY,
    MARKS,
    Plan,
    TestPlan,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Person = tuple[str, str]  # name, origin
SPARE = 100  # rows validated below the last written one: participants added by hand
HEAD_FILL = "D9D9D9"
KEY_FILL = "FFF2CC"
RATED_WIDTH = 16  # characters: a session's title or statement wraps in a rating column


def workbook_bytes(plan: Plan, people: Sequence[Person]) -> bytes:
    """The workbook as an .xlsx file: named rows for `people`, else blank rows."""
    from openpyxl import Workbook

    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE
    _guide(guide, plan)
    rows = len(people) or plan.blank_rows
    _attendance(book.create_sheet(ATTENDANCE), plan, people, rows)
    for test in (plan.pretest, plan.posttest):
        _test(book.create_sheet(test.sheet), test, people, rows)
    _evaluation(book.create_sheet(EVALUATION), plan, rows)
    book.properties.title = f"Hasil Pelatihan: {plan.role_name}"
    book.properties.keywords = f"modul:{plan.edition}/{plan.role}"
    book.properties.creator = "modul"
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _guide(sheet: Worksheet, plan: Plan) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 100
    for number, (text, style) in enumerate(guide_lines(plan), 1):
        cell = sheet.cell(number, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style:
            cell.font = Font(bold=True, size=14 if style == "title" else 11)


def _head(sheet: Worksheet, row: int, values: Sequence[str | int], widths: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for column, (value, width) in enumerate(zip(values, widths, strict=True), 1):
        cell = sheet.cell(row, column, value)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEAD_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width


def _choose(sheet: Worksheet, choices: Sequence[str], cells: str, error: str) -> None:
    """A drop-down list of `choices` on the ranges `cells` (separated by spaces),
    refusing anything else."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, showDropDown=False
    )
    rule.error, rule.errorTitle, rule.showErrorMessage = error, "Isian tidak sesuai", True
    for cells_range in cells.split():
        rule.add(cells_range)
    sheet.add_data_validation(rule)


def _attendance(sheet: Worksheet, plan: Plan, people: Sequence[Person], rows: int) -> None:
    from openpyxl.utils import get_column_letter

    widths = [5, 32, 24, *(22 if "(" in day else 10 for day in plan.days)]
    _head(sheet, 1, plan.attendance_header, widths)
    for n in range(1, rows + 1):
        sheet.cell(n + 1, 1, n)
        if people:
            sheet.cell(n + 1, 2, people[n - 1][0])
            sheet.cell(n + 1, 3, people[n - 1][1] or None)
    last = get_column_letter(3 + len(plan.days))
    _choose(
        sheet,
        MARKS,
        f"D2:{last}{rows + 1 + SPARE}",
        "Tulis H (hadir), I (izin), S (sakit), atau A (alpa).",
    )
    sheet.freeze_panes = "D2"


def _test(sheet: Worksheet, test: TestPlan, people: Sequence[Person], rows: int) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    header = [*test.header[:2], *range(1, len(test.key) + 1)]
    _head(sheet, 1, header, [5, 32, *(5 for _item in test.key)])
    sheet.cell(2, 2, KEY).comment = Comment(
        "Kunci jawaban dari isi modul. Jangan diubah: modul memeriksanya.", "modul"
    )
    for column, letter in enumerate(test.key, 3):
        sheet.cell(2, column, letter)
    for column in range(1, len(test.header) + 1):
        sheet.cell(2, column).fill = PatternFill("solid", fgColor=KEY_FILL)
        sheet.cell(2, column).font = Font(bold=True)
    for n in range(1, rows + 1):
        sheet.cell(n + 2, 1, n)
        if people:
            sheet.cell(n + 2, 2, people[n - 1][0])
    for count, runs in _runs(test.choices).items():
        letters = test.letters(test.choices.index(count))
        cells = " ".join(
            f"{get_column_letter(first + 3)}3:{get_column_letter(last + 3)}{rows + 2 + SPARE}"
            for first, last in runs
        )
        _choose(sheet, letters, cells, f"Tulis salah satu: {', '.join(letters)}.")
    sheet.freeze_panes = "C3"


def _runs(counts: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    """For each number of choices, the runs of neighbouring columns (0-based, first and
    last) whose questions have it."""
    runs: dict[int, list[tuple[int, int]]] = {}
    for column, count in enumerate(counts):
        found = runs.setdefault(count, [])
        if found and found[-1][1] == column - 1:
            found[-1] = (found[-1][0], column)
        else:
            found.append((column, column))
    return runs


def _evaluation(sheet: Worksheet, plan: Plan, rows: int) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    rated = len(plan.sessions) + len(plan.statements)
    widths = [5, *(RATED_WIDTH for _n in range(rated)), *(40 for _q in plan.questions)]
    _head(sheet, 1, plan.evaluation_header, widths)
    for column, text in enumerate(plan.evaluation_texts, 1):
        cell = sheet.cell(2, column, text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    longest = max(len(text) for text in plan.evaluation_texts[1 : rated + 1])
    lines = -(-longest // (RATED_WIDTH - 3)) + 1  # a word seldom fills its line
    sheet.row_dimensions[2].height = min(15 * lines, 150)
    for n in range(1, rows + 1):
        sheet.cell(n + 2, 1, n)
    scores = [str(score) for score in plan.scale]
    legend = ", ".join(f"{abbr} = {score}" for score, abbr, _label in plan.scale_legend)
    last = get_column_letter(1 + rated)
    _choose(sheet, scores, f"B3:{last}{rows + 2 + SPARE}", f"Tulis skornya: {legend}.")
    sheet.freeze_panes = "B3"
