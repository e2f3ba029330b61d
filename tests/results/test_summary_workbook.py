"""`modul report FILE` writes laporan-pelatihan.xlsx beside the PDF: a workbook filled in
with known answers, the xlsx read back with openpyxl, each figure computed here by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import SMALL_REGION, SMALL_ROLE
from modul.content.loading import load_project
from modul.errors import ModulError
from results.helpers import new_workbook, run

SUMMARY = Path("build") / SMALL_REGION / SMALL_ROLE / "laporan-pelatihan.xlsx"
PDF = SUMMARY.with_suffix(".pdf")
SHEETS = ["Ringkasan", "Peserta", "Kehadiran", "Analisis Butir", "Evaluasi", "Pendapat dan Saran"]

# Tes Awal (12 items, key c a d b d b c a c b d a): Ani right on 1, 2 and 12 (3 of 12);
# Budi on 1–6, item 11 left blank; Citra on 1–9. Tes Akhir: Ani all 12, Citra 1–6, Budi
# absent. Dedi took neither test. A wrong answer is "a", or "b" where the key is "a".
PRETEST = {
    "Ani Wijaya": {1, 2, 12},
    "Budi Santoso": set(range(1, 7)),
    "Citra Lestari": set(range(1, 10)),
}
POSTTEST = {"Ani Wijaya": set(range(1, 13)), "Citra Lestari": set(range(1, 7))}
PEOPLE = (("Ani Wijaya", "Kupang", "H"), ("Budi Santoso", "Oesao", "S"),
          ("Citra Lestari", "Soe", "H"), ("Dedi", None, None))  # fmt: skip


def _fill(path: Path) -> None:
    """The answers above; three evaluation forms rating everything 4, 3 and 2 (the third
    form's first rating left blank)."""
    book = load_workbook(path)
    for row, (name, origin, mark) in enumerate(PEOPLE, 2):
        book["Kehadiran"].cell(row, 2, name)
        book["Kehadiran"].cell(row, 3, origin)
        book["Kehadiran"].cell(row, 4, mark)
    for title, rights in (("Tes Awal", PRETEST), ("Tes Akhir", POSTTEST)):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        for row, (name, right) in enumerate(rights.items(), 3):
            sheet.cell(row, 2, name)
            for n, answer in enumerate(key, 1):
                wrong = "a" if answer != "a" else "b"
                sheet.cell(row, 2 + n, answer if n in right else wrong)
    book["Tes Awal"].cell(4, 2 + 11).value = None  # Budi's item 11
    evaluation = book["Evaluasi"]
    for row, rating in ((3, 4), (4, 3), (5, 2)):
        for column in range(2, evaluation.max_column + 1):
            text = str(evaluation.cell(1, column).value)
            evaluation.cell(
                row, column, "Lebih banyak praktik" if text.startswith("Saran") else rating
            )
    evaluation.cell(5, 2).value = None
    book.save(path)


@pytest.fixture
def summary(small_project: Path) -> Path:
    """The small project's report made from the answers above: the xlsx."""
    path = new_workbook(small_project)
    _fill(path)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 0, result.output
    assert f"wrote {SUMMARY.as_posix()}" in result.output
    return small_project / SUMMARY


def _rows(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_each_participants_scores_and_gain_as_numbers(summary: Path) -> None:
    book = load_workbook(summary)
    assert book.sheetnames == SHEETS
    sheet = book["Peserta"]
    assert [c.value for c in sheet[1]] == [
        "No.", "Nama", "Asal", "Kehadiran", "Tes Awal", "Tes Akhir", "N-gain",
        "Kategori N-gain", "Keterangan",
    ]  # fmt: skip
    rows = _rows(sheet)
    # Ani: 3 of 12 → 25; 12 of 12 → 100; g = (100 − 25) / (100 − 25) = 1 (tinggi)
    assert rows[0] == [1, "Ani Wijaya", "Kupang", 1, 25, 100, 1, "tinggi", None]
    # Budi: 6 of 12 (a blank is wrong) → 50; sick on the one day; absent from the Tes Akhir
    assert rows[1] == [2, "Budi Santoso", "Oesao", 0, 50, None, None, None,
                       "tidak mengikuti Tes Akhir"]  # fmt: skip
    # Citra: 9 → 75, 6 → 50: g = (50 − 75) / (100 − 75) = −1 (rendah)
    assert rows[2] == [3, "Citra Lestari", "Soe", 1, 75, 50, -1, "menurun", None]
    # Dedi: no mark (not present), no test: blank cells, never 0
    assert rows[3] == [4, "Dedi", None, 0, None, None, None, None,
                       "tidak mengikuti Tes Awal dan Tes Akhir"]  # fmt: skip
    formats = [cell.number_format for cell in sheet[2]]
    assert formats[:7] == ["0", "General", "General", "0.0%", "0.0", "0.0", "0.00"]
    assert all(isinstance(v, int | float) for v in rows[0][3:7])


def test_the_class_figures_and_hakes_gain(summary: Path) -> None:
    sheet = load_workbook(summary)["Ringkasan"]
    figures = {row[0]: tuple(row[1:]) for row in _rows(sheet)}
    assert figures["Peserta terdaftar"] == (4, None)
    assert figures["Peserta yang mengikuti tes"] == (3, 2)
    assert figures["Rata-rata"] == (50, 75)  # (25 + 50 + 75) / 3; (100 + 50) / 2
    assert figures["Median"] == (50, 75)
    assert figures["Nilai terendah"] == (25, 50)
    assert figures["Nilai tertinggi"] == (75, 100)
    # over Ani and Citra, who took both: 50 → 75, g = 25 / 50 = 0,50 (sedang)
    assert figures["Jumlah peserta yang mengikuti kedua tes"] == (2, 2)
    assert figures["Rata-rata peserta yang mengikuti kedua tes"] == (50, 75)
    assert figures["N-gain kelas (Hake)"] == (0.5, None)
    assert figures["Kategori N-gain kelas"] == ("sedang", None)
    assert figures["Formulir evaluasi yang dikembalikan"] == (3, None)
    formats = {row[0].value: row[1].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats["Peserta yang mengikuti tes"] == "0" and formats["Rata-rata"] == "0.0"
    assert formats["N-gain kelas (Hake)"] == "0.00"


def test_attendance_per_day(summary: Path) -> None:
    sheet = load_workbook(summary)["Kehadiran"]
    assert [c.value for c in sheet[1]] == [
        "Hari", "Hadir", "Izin", "Sakit", "Alpa", "Kosong", "% Hadir"
    ]  # fmt: skip
    (day,) = _rows(sheet)
    # Ani and Citra H, Budi S, Dedi blank: 2 of 4 present
    assert day[1:] == [2, 0, 1, 0, 1, 0.5]
    assert sheet.cell(2, 7).number_format == "0.0%"


def test_item_analysis_of_both_tests(summary: Path) -> None:
    rows = _rows(load_workbook(summary)["Analisis Butir"])
    pretest = {row[1]: row for row in rows if row[0] == "Tes Awal"}
    assert len(pretest) == 12 and len(rows) == 24
    # groups of round(0,27 × 3) = 1: upper Citra (9 right), lower Ani (3)
    # item 1 (c): all right → P 1, mudah; D 1 − 1 = 0, jelek
    assert pretest[1][2:] == ["c", 1, "mudah", 0, "jelek", 0, 0, 3, 0, 0, None]
    # item 3 (d): Ani chose a, Budi and Citra d → P 2/3 sedang; D 1 − 0 = 1
    assert pretest[3][2:5] == ["d", pytest.approx(2 / 3), "sedang"]
    assert pretest[3][5:] == [1, "baik sekali", 1, 0, 0, 2, 0, None]
    # item 11 (d): Ani and Citra chose a, Budi left it blank
    assert pretest[11][7:] == [2, 0, 0, 0, 1, None]
    # item 12 (a): only Ani (lower) right, Citra (upper) chose b → D = 0 − 1 = −1, flagged
    assert pretest[12][2:] == ["a", pytest.approx(1 / 3), "sedang", -1, "dibuang",
                               1, 2, 0, 0, 0, "Perlu ditinjau"]  # fmt: skip
    posttest = [row for row in rows if row[0] == "Tes Akhir"]
    assert [row[1] for row in posttest] == list(range(1, 13))
    # the Tes Akhir's item 1: Ani and Citra both right → P 1
    assert posttest[0][3] == 1


def test_the_evaluation_per_session_and_statement(summary: Path) -> None:
    rows = _rows(load_workbook(summary)["Evaluasi"])
    sessions = [row for row in rows if row[0] == "Sesi"]
    statements = [row for row in rows if row[0] == "Pernyataan"]
    assert len(sessions) == len(statements) == 8  # seven rated and Keseluruhan each
    # session 1: rated 4 and 3 (the third form blank) → n 2, mean 3,5, all agree
    assert sessions[0][1:] == [1, "Perkenalan, Kontrak Belajar, dan Tes Awal", 2, 3.5, 1]
    # session 2: 4, 3, 2 → mean 3, 2 of 3 agree
    assert sessions[1][3:] == [3, 3, pytest.approx(2 / 3)]
    # all sessions: 20 ratings, (7 × 4 + 7 × 3 + 6 × 2) / 20 = 3,05; 14 of 20 agree
    assert sessions[-1][1:5] == [None, "Keseluruhan", 20, pytest.approx(3.05)]
    assert sessions[-1][5] == pytest.approx(0.7)
    assert statements[-1][3:] == [21, 3, pytest.approx(2 / 3)]


def test_heads_are_bold_and_stay_in_view(summary: Path) -> None:
    book = load_workbook(summary)
    for title, frozen in zip(SHEETS, ["B2", "C2", "B2", "C2", "D2", "B2"], strict=True):
        sheet = book[title]
        assert sheet.freeze_panes == frozen, title
        assert all(cell.font.b for cell in sheet[1]), title
    widths = book["Peserta"].column_dimensions
    assert widths["B"].width >= 30 and widths["A"].width < 10  # names wide, numbers narrow
    wide = ["portrait", "landscape", "portrait", "landscape", "landscape", "landscape"]
    for sheet, orientation in zip(book.worksheets, wide, strict=True):
        setup = sheet.page_setup  # NTT prints on F4: Excel's Folio, 8.5 × 13 in
        assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (14, orientation, 1)
        assert setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    # sort and filter buttons over every column and row of the participants, the items
    assert book["Peserta"].auto_filter.ref == "A1:I5"
    assert book["Analisis Butir"].auto_filter.ref == "A1:M25"


def test_a_figure_is_kept_without_the_binary_noise(summary: Path) -> None:
    """P = 2/3 is kept to ten decimals, as the PDF cuts a figure before rounding it: the
    binary noise of arithmetic (0.12499999999999994 for 0.125, shown 0,12 where the PDF
    prints 0,13) never reaches a cell."""
    rows = _rows(load_workbook(summary)["Analisis Butir"])
    item3 = next(row for row in rows if row[:2] == ["Tes Awal", 3])
    assert item3[3] == 0.6666666667


def test_a_failed_report_leaves_the_last_workbook_byte_for_byte(
    summary: Path, small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, pdf = summary.read_bytes(), (small_project / PDF).read_bytes()
    path = small_project / "hasil" / SMALL_REGION / f"{SMALL_ROLE}.xlsx"
    book = load_workbook(path)
    book["Tes Awal"].cell(3, 3, "x")
    book.save(path)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1 and "Tes Awal!C3" in result.output
    assert summary.read_bytes() == before
    # the cell put right, the PDF fails to be typeset: the workbook is not put in place
    book["Tes Awal"].cell(3, 3, "c")
    book.save(path)

    def fail(*args: object) -> Path:
        raise ModulError.one("layouts/default/report.xml.j2", message="broken", hint="mend it")

    monkeypatch.setattr("modul.results.summary_workbook.write_report", fail)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 1 and "broken" in result.output
    assert summary.read_bytes() == before and (small_project / PDF).read_bytes() == pdf
    assert sorted(p.name for p in summary.parent.glob(".laporan*")) == []  # no leftover


def test_every_open_answer_has_a_row(summary: Path, small_project: Path) -> None:
    questions = role_questions(small_project)
    rows = _rows(load_workbook(summary)["Pendapat dan Saran"])
    # three forms, each question answered "Lebih banyak praktik": three rows per question
    assert rows == [
        [n, question, "Lebih banyak praktik"]
        for n, question in enumerate(questions, 1)
        for _ in range(3)
    ]


def role_questions(project: Path) -> list[str]:
    return list(load_project(project).editions[SMALL_REGION].workshop.evaluasi.pertanyaan)
