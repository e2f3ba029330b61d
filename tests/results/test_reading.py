"""`modul report FILE` and `read_results`: a workbook filled in as a trainer does (with
openpyxl, as Excel would save it), read back; every bad entry at its sheet and cell."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SMALL_REGION, SMALL_ROLE
from modul.content.loading import load_project
from modul.errors import ModulError
from modul.results import read_results
from results.helpers import WORKBOOK, new_workbook, role, run

NAMES = ["Ani Wijaya", "Budi Santoso", "Citra Lestari"]


def _fill(path: Path, change: Callable[..., None] | None = None) -> None:
    """Fill the workbook as a trainer would: three participants, Citra absent from the
    Tes Akhir, Budi leaving two questions blank; two evaluation forms."""
    book = load_workbook(path)
    attendance = book["Kehadiran"]
    for row, (name, place) in enumerate(zip(NAMES, ["Oesao", "Kupang", "Soe"]), 2):
        attendance.cell(row, 2, name)
        attendance.cell(row, 3, place)
        attendance.cell(row, 4, "H" if row != 4 else "s")  # lower case is understood
    for title in ("Tes Awal", "Tes Akhir"):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        for row, name in enumerate(NAMES, 3):
            if title == "Tes Akhir" and name == "Citra Lestari":
                continue
            sheet.cell(row, 2, name)
            for column, right in enumerate(key, 3):
                wrong = "a" if right != "a" else "b"
                answer = right if (column + row) % 3 else wrong
                if name == "Budi Santoso" and column in (3, 4):
                    answer = None
                sheet.cell(row, column, answer.upper() if row == 3 and answer else answer)
    evaluation = book["Evaluasi"]
    for row, score in ((3, 4), (4, 3)):
        for column in range(2, evaluation.max_column + 1):
            text = str(evaluation.cell(1, column).value)
            evaluation.cell(row, column, "Bagus" if text.startswith("Saran") else score)
    evaluation.cell(4, 2).value = None  # a form with one rating left blank
    if change:
        change(book)
    book.save(path)


@pytest.fixture
def filled(small_project: Path) -> Path:
    path = new_workbook(small_project)
    _fill(path)
    return path


def test_a_filled_workbook_reads_back(small_project: Path, filled: Path) -> None:
    edition = load_project(small_project).editions[SMALL_REGION]
    results = read_results(filled, edition, SMALL_ROLE)
    content = role(small_project)
    assert [a.name for a in results.attendees] == NAMES
    assert [a.days[0] for a in results.attendees] == ["H", "H", "S"]
    assert results.pretest.key == tuple(item.jawaban for item in content.tes)
    assert results.posttest.key == tuple(item.jawaban for item in content.tes_akhir)
    assert results.posttest.items == tuple(n + 1 for n in content.tes_akhir_order)
    assert [r.name for r in results.posttest.rows] == NAMES[:2]
    ani = results.pretest.of("ani  WIJAYA")
    assert ani is not None and all(a in ("a", "b", "c", "d") for a in ani.answers)
    budi = results.pretest.of("Budi Santoso")
    assert budi is not None and budi.answers[:2] == (None, None) and budi.answered == 10
    assert len(results.forms) == 2
    assert results.forms[0].sessions == (4,) * len(results.sessions)
    assert results.forms[1].sessions[0] is None
    assert results.forms[1].statements == (3,) * len(results.statements)
    assert results.forms[0].answers == ("Bagus",) * len(results.questions)
    notes = "\n".join(results.notes)
    assert "Budi Santoso: 2 questions left blank" in notes
    assert "no Tes Akhir answers of Citra Lestari: left out of its scores, not scored 0" in notes


def test_modul_report_prints_a_summary(small_project: Path, filled: Path) -> None:
    result = run("report", "--project", str(small_project), str(filled))
    assert result.exit_code == 0, result.output
    assert "3 participants" in result.output
    assert "Tes Awal: 3 of 3 answered" in result.output
    assert "Tes Akhir: 2 of 3 answered" in result.output
    assert "2 evaluation forms" in result.output


def test_a_workbook_moved_elsewhere_knows_its_role(small_project: Path, filled: Path) -> None:
    moved = small_project / "laporan Pak Yohanes.xlsx"
    shutil.copy(filled, moved)
    result = run("report", "--project", str(small_project), str(moved))
    assert result.exit_code == 0, result.output
    assert "3 participants" in result.output


def _set(sheet: str, cell: str, value: object) -> Callable[..., None]:
    def change(book) -> None:
        book[sheet][cell] = value

    return change


BAD = [
    (_set("Tes Awal", "D5", "e"), "Tes Awal!D5: “e” is not one of a, b, c, d"),
    (_set("Tes Akhir", "C3", 2), "Tes Akhir!C3: “2” is not one of a, b, c, d"),
    (_set("Evaluasi", "C4", 5), "Evaluasi!C4: “5” is not one of 1, 2, 3, 4"),
    (_set("Evaluasi", "H3", "SS"), "Evaluasi!H3: “SS” is not one of 1, 2, 3, 4"),
    (_set("Kehadiran", "D3", "X"), "Kehadiran!D3: “X” is not one of H, I, S, A"),
    (_set("Tes Awal", "B5", "ani wijaya"), "Tes Awal!B5: “ani wijaya” is already in row 3"),
    (_set("Kehadiran", "B3", None), "Kehadiran!B3: this row has entries but no name"),
    (
        _set("Tes Akhir", "E2", "z"),
        "Tes Akhir!E2: the key of question 3 is “z” here, but “{key}” in the content",
    ),
    (_set("Tes Awal", "C1", "Soal 1"), "Tes Awal!C1: the header here is “Soal 1”"),
    (_set("Tes Awal", "B2", "Jawaban"), "Tes Awal!B2: the key row is gone"),
    (
        _set("Evaluasi", "B1", "Sesi"),
        "Evaluasi!B1: the header here is “Sesi”, but modul wrote “Sesi 1”",
    ),
]


@pytest.mark.parametrize(("change", "expected"), BAD)
def test_a_bad_entry_is_named_by_its_cell(
    small_project: Path, change: Callable[..., None], expected: str
) -> None:
    path = new_workbook(small_project)
    _fill(path, change)
    key = role(small_project).tes_akhir[2].jawaban
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1
    assert f"{WORKBOOK.as_posix()}:{expected.format(key=key)}" in result.output
    assert "\n    fix: " in result.output
    assert "Traceback" not in result.output


def test_every_problem_is_said_at_once(small_project: Path) -> None:
    def two(book) -> None:
        book["Tes Awal"]["D5"] = "e"
        book["Evaluasi"]["C4"] = 7

    path = new_workbook(small_project)
    _fill(path, two)
    edition = load_project(small_project).editions[SMALL_REGION]
    with pytest.raises(ModulError) as raised:
        read_results(path, edition, SMALL_ROLE, "x.xlsx")
    assert [p.file for p in raised.value.problems] == ["x.xlsx:Evaluasi!C4", "x.xlsx:Tes Awal!D5"]
    assert raised.value.problems[1].hint == (
        "write one of a, b, c, d (the letter the participant marked), or leave it blank"
    )


def test_a_renamed_sheet_is_named_with_its_fix(small_project: Path) -> None:
    def rename(book) -> None:
        book["Tes Awal"].title = "Tes  awal "
        book["Evaluasi"].title = "Eval"

    path = new_workbook(small_project)
    _fill(path, rename)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1
    assert (
        "the sheet “Tes Awal” is missing\n    fix: rename the sheet “Tes  awal ” back to “Tes Awal”"
        in (result.output)
    )
    assert (
        "the sheet “Evaluasi” is missing\n    fix: rename the sheet back to “Evaluasi” "
        "(sheets not modul's: “Tes  awal ”, “Eval”)" in (result.output)
    )


def test_a_file_that_is_no_workbook_is_said(small_project: Path) -> None:
    path = small_project / WORKBOOK
    path.parent.mkdir(parents=True)
    path.write_text("Nama,Jawaban\n", encoding="utf-8")
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1
    assert "cannot read this Excel workbook" in result.output
    assert "Traceback" not in result.output


def test_a_roster_name_without_answers_is_absent_once(small_project: Path) -> None:
    roster = small_project / "peserta.csv"
    roster.write_text("nama,asal\nAni Wijaya,Oesao\nBudi,Soe\n", encoding="utf-8")
    path = new_workbook(small_project, "--roster", str(roster))
    book = load_workbook(path)
    book["Tes Awal"]["C3"] = "a"
    book.save(path)
    edition = load_project(small_project).editions[SMALL_REGION]
    results = read_results(path, edition, SMALL_ROLE, "x.xlsx")
    assert [r.name for r in results.pretest.rows] == ["Ani Wijaya"]
    assert [r.name for r in results.posttest.rows] == []
    assert results.notes == (
        "x.xlsx:Tes Awal!B3: Ani Wijaya: 11 questions left blank",
        "x.xlsx: no Tes Awal answers of Budi: left out of its scores, not scored 0",
        "x.xlsx: no Tes Akhir answers of Ani Wijaya, Budi: left out of its scores, not scored 0",
    )


def test_a_missing_file_is_said(small_project: Path) -> None:
    result = run("report", "--project", str(small_project), str(small_project / WORKBOOK))
    assert result.exit_code == 1
    assert f"{WORKBOOK.as_posix()}: cannot read the results workbook" in result.output


def test_a_day_s_date_in_its_header_may_change(small_project: Path, filled: Path) -> None:
    book = load_workbook(filled)
    book["Kehadiran"]["D1"] = "Hari 1 (9 Juni 2026)"
    book["Kehadiran"]["E1"] = "Hari 2"  # a column that is no day of the workshop: not read
    book.save(filled)
    edition = load_project(small_project).editions[SMALL_REGION]
    assert len(read_results(filled, edition, SMALL_ROLE).attendees) == 3
    book["Kehadiran"]["D1"] = "Hari 2 (8 Juni 2026)"
    book.save(filled)
    with pytest.raises(ModulError, match="the header here is “Hari 2 \\(8 Juni 2026\\)”"):
        read_results(filled, edition, SMALL_ROLE)


def test_a_workbook_that_does_not_say_its_role_needs_it_said(small_project: Path) -> None:
    path = small_project / "rekap.xlsx"
    book = load_workbook(new_workbook(small_project))
    book.properties.keywords = None  # as another spreadsheet program may save it
    book.save(path)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1
    assert "rekap.xlsx: cannot tell which role and region this workbook is for" in result.output
    given = ["--role", SMALL_ROLE, "--region", SMALL_REGION]
    result = run("report", "--project", str(small_project), str(path), *given)
    assert result.exit_code == 0, result.output


def test_a_long_list_of_absent_names_is_cut_short(small_project: Path) -> None:
    roster = small_project / "peserta.csv"
    names = [f"Peserta {n}" for n in range(1, 13)]
    roster.write_text("nama\n" + "\n".join(names) + "\n", encoding="utf-8")
    path = new_workbook(small_project, "--roster", str(roster))
    edition = load_project(small_project).editions[SMALL_REGION]
    notes = read_results(path, edition, SMALL_ROLE, "x.xlsx").notes
    assert notes[0] == (
        "x.xlsx: no Tes Awal answers of " + ", ".join(names[:10]) + ", 2 more: left out of "
        "its scores, not scored 0"
    )
