"""Notes where the sheets disagree with Kehadiran: test answers of someone absent on
every day, more evaluation forms than people present. Incomplete or doubtful, not wrong:
the report is still written."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from results.helpers import new_workbook, run


def _fill(path: Path, marks: tuple[str, ...], forms: int) -> None:
    book = load_workbook(path)
    test = book["Tes Awal"]
    key = [test.cell(2, c).value for c in range(3, test.max_column + 1)]
    for row, mark in enumerate(marks, 2):
        name = f"Peserta {row - 1}"
        book["Kehadiran"].cell(row, 2, name)
        book["Kehadiran"].cell(row, 4, mark)
        test.cell(row + 1, 2, name)
        for n, answer in enumerate(key):
            test.cell(row + 1, 3 + n, answer)
    for row in range(3, 3 + forms):
        book["Evaluasi"].cell(row, 2, 4)
    book.save(path)


def test_answers_of_someone_absent_every_day_are_noted(small_project: Path) -> None:
    path = new_workbook(small_project)
    _fill(path, ("H", "S"), forms=1)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "Peserta 2 not present on any day in Kehadiran, but with answers in Tes Awal: "
        "check the attendance" in output
    )
    assert "Peserta 1 not present" not in output
    assert "evaluation forms, but" not in output


def test_more_forms_than_people_present_is_noted(small_project: Path) -> None:
    path = new_workbook(small_project)
    _fill(path, ("H", "H", "I"), forms=3)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "3 evaluation forms, but at most 2 participants present on a day" in output
