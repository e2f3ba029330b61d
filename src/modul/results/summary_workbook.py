"""The Laporan Pelatihan as a workbook, build/<edition>/<role>/laporan-pelatihan.xlsx
beside the PDF: the report's figures (`results.scores`, the same functions the PDF
uses) as numbers a spreadsheet computes with, for the office that merges the reports of
many workshops or checks a figure.

Every figure is a numeric cell holding the unrounded value, shown by a number format
(62.5 shown 62,5 by an Indonesian Excel, 0.875 shown 87,5%); a figure that does not exist
(a test not taken) is a blank cell, which AVERAGE and SUM pass over, never 0 or a dash.
Categories are the PDF's, read from the figure as printed (`results.numbers`).

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
from modul.output import put_in_place, writing_beside
from modul.results import summary_sheets as sheets
from modul.results.model import Results
from modul.results.plan import plan
from modul.results.report import report_labels, write_report

SUMMARY = "laporan-pelatihan.xlsx"
HEAD_FILL = "D9D9D9"


def summary_path(root: Path, results: Results) -> Path:
    return Folders(root).output(results.edition, results.role, SUMMARY)


def write_laporan(root: Path, edition: Edition, results: Results) -> tuple[Path, Path]:
    """The Laporan Pelatihan as PDF and as workbook, each in place of the last one, or
    neither: the workbook is written beside its place first and put there only once the
    PDF is."""
    path = summary_path(root, results)
    with writing_beside(path, root) as (handle, tmp):
        write_summary(handle, edition, results, report_labels(root, edition))
    try:
        pdf = write_report(root, edition, results)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    put_in_place(tmp, path, root)
    return pdf, path


def write_summary(
    target: IO[bytes], edition: Edition, results: Results, labels: Mapping[str, str]
) -> None:
    """The workbook of `results` into the open file `target`: Ringkasan, Peserta,
    Kehadiran, Analisis Butir, Evaluasi."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    persons = sheets.people(results)
    for title, (columns, rows), frozen in (
        ("summary_sheet_class", sheets.class_figures(results, persons, labels), "B2"),
        ("summary_sheet_people", sheets.participants(results, persons, labels), "C2"),
        ("summary_sheet_attendance", sheets.attendance(results, labels), "B2"),
        ("summary_sheet_items", sheets.items(edition, results, labels), "C2"),
        ("summary_sheet_evaluation", sheets.evaluation(results, labels), "D2"),
    ):
        _sheet(book, labels[title], columns, rows, frozen)
    book.properties.title = f"{labels['doc_report']}: {plan(edition, results.role).role_name}"
    book.properties.creator = "modul"
    book.save(target)


def _sheet(
    book: Any,
    title: str,
    columns: Sequence[sheets.Column],
    rows: Iterable[Sequence[sheets.Cell]],
    frozen: str,
) -> None:
    """A sheet: the bold head row kept in view (and the columns left of `frozen`), then
    `rows`, each value in its column's number format."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
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
    for row in rows:
        sheet.append([_cell(sheet, value, f) for value, f in zip(row, formats, strict=True)])


def _cell(sheet: Any, value: sheets.Cell, number_format: str | None) -> Any:
    """A figure as a numeric cell in `number_format` (or the one paired with it)."""
    if isinstance(value, tuple):
        value, number_format = value
    if value is None or number_format is None or isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell
