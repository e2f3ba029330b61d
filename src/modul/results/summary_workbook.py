"""The Laporan Pelatihan as a workbook, build/<edition>/<role>/laporan-pelatihan.xlsx
beside the PDF: the report's figures (`results.scores`, the same functions the PDF
uses) as numbers a spreadsheet computes with, for the office that merges the reports of
many workshops or checks a figure.

Every figure is a numeric cell holding the unrounded value, shown by a number format
(62.5 shown 62,5 by an Indonesian Excel, 0.875 shown 87,5%); a figure that does not exist
(a test not taken) is a blank cell, which AVERAGE and SUM pass over, never 0 or a dash.
The value is first cut to ten decimals as the PDF's figures are (`numbers.rounded`), so
the binary noise of arithmetic is gone (0.125, not 0.12499999999999994) and a spreadsheet
rounding it for show, a half away from zero, shows what the PDF prints. Categories are
the PDF's, read from the figure as printed.

Written with openpyxl's write-only mode, row by row into the file: a national
programme's 10,000 participants take a few seconds and little memory. The sheets' names
and heads are labels in the report's language (`summary_*`, `report_*`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from modul.content.model import Edition
from modul.folders import Folders
from modul.layout.documents import edition_theme
from modul.output import put_in_place, writing_beside
from modul.results import summary_sheets as sheets
from modul.results.model import Results
from modul.results.numbers import rounded
from modul.results.plan import plan
from modul.results.report import report_labels, write_report

SUMMARY = "laporan-pelatihan.xlsx"
HEAD_FILL = "D9D9D9"
# Excel's paper codes: F4 (215 × 330 mm) is Folio (8.5 × 13 in), 216 × 330 mm
PAPER_CODES = {"A4": 9, "F4": 14, "Letter": 1, "A5": 11}
PORTRAIT_WIDTH = 90  # characters of column width that a portrait A4 or F4 page holds
KEPT = 10  # decimals of a figure kept: numbers.NOISE


def summary_path(root: Path, results: Results) -> Path:
    return Folders(root).output(results.edition, results.role, SUMMARY)


def write_laporan(root: Path, edition: Edition, results: Results) -> tuple[Path, Path]:
    """The Laporan Pelatihan as PDF and as workbook, each in place of the last one, or
    neither: the workbook is written beside its place first and put there only once the
    PDF is."""
    path = summary_path(root, results)
    paper = edition_theme(root, edition)[1].page
    with writing_beside(path, root) as (handle, tmp):
        write_summary(handle, edition, results, report_labels(root, edition), paper)
    try:
        pdf = write_report(root, edition, results)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    put_in_place(tmp, path, root)
    return pdf, path


def write_summary(
    target: IO[bytes],
    edition: Edition,
    results: Results,
    labels: Mapping[str, str],
    paper: str = "A4",
) -> None:
    """The workbook of `results` into the open file `target`: Ringkasan, Peserta,
    Kehadiran, Analisis Butir, Evaluasi, Pendapat dan Saran; each sheet printed on
    `paper`, as wide as the page (in landscape when it is wide), its head row on every
    page."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    persons = sheets.people(results)
    for title, (columns, rows), frozen, filtered in (
        ("summary_sheet_class", sheets.class_figures(results, persons, labels), "B2", False),
        ("summary_sheet_people", sheets.participants(results, persons, labels), "C2", True),
        ("summary_sheet_attendance", sheets.attendance(results, labels), "B2", False),
        ("summary_sheet_items", sheets.items(edition, results, labels), "C2", True),
        ("summary_sheet_evaluation", sheets.evaluation(results, labels), "D2", True),
        ("summary_sheet_answers", sheets.open_answers(results, labels), "B2", True),
    ):
        sheet = book.create_sheet(labels[title])
        wide = sum(column.width for column in columns) > PORTRAIT_WIDTH
        _print_setup(sheet, paper, wide)  # first: a sheet's properties go out with row 1
        _sheet(sheet, columns, rows, frozen, filtered=filtered)
    book.properties.title = f"{labels['doc_report']}: {plan(edition, results.role).role_name}"
    book.properties.creator = "modul"
    book.save(target)


def _sheet(
    sheet: Any,
    columns: Sequence[sheets.Column],
    rows: Iterable[Sequence[sheets.Cell]],
    frozen: str,
    *,
    filtered: bool,
) -> None:
    """A sheet: the bold head row kept in view (and the columns left of `frozen`), then
    `rows`, each value in its column's number format; `filtered`: the head row's sort and
    filter buttons on (the trainer sorts by N-gain, filters a category)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.freeze_panes = frozen
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEAD_FILL)
    wrap = Alignment(vertical="center", wrap_text=True)
    head = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.head)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        head.append(cell)
    sheet.append(head)
    formats = [column.format for column in columns]
    last = 1  # the head row
    for row in rows:
        sheet.append([_cell(sheet, value, f) for value, f in zip(row, formats, strict=True)])
        last += 1
    if filtered:  # written after the rows, at the sheet's end: their count is known now
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


def _print_setup(sheet: Any, paper: str, wide: bool) -> None:
    """Printed as the office prints a table: on the project's paper (in landscape when
    `wide`), all columns on the width of the page, the head row again on every page."""
    sheet.page_setup.paperSize = PAPER_CODES.get(paper, PAPER_CODES["A4"])
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _cell(sheet: Any, value: sheets.Cell, number_format: str | None) -> Any:
    """A figure as a numeric cell in `number_format` (or the one paired with it)."""
    if isinstance(value, tuple):
        value, number_format = value
    if value is None or number_format is None or isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, float(rounded(value, KEPT)) if isinstance(value, float) else value)
    cell.number_format = number_format
    return cell
