"""The worked example of docs/results.md, filled into a results workbook and read back
from the Laporan Pelatihan: the figures the page explains are the ones modul prints."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import SMALL_REGION, SMALL_ROLE
from results.helpers import new_workbook, run

REPORT = Path("build") / SMALL_REGION / SMALL_ROLE / "laporan-pelatihan.pdf"
RIGHT = {"Ani": (6, 11), "Budi": (3, 9), "Citra": (9, 12), "Dedi": (4, None)}


def _fill(path: Path) -> None:
    book = load_workbook(path)
    for row, name in enumerate(RIGHT, 2):
        book["Kehadiran"].cell(row, 2, name)
        book["Kehadiran"].cell(row, 4, "H")
    for test, title in enumerate(("Tes Awal", "Tes Akhir")):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        row = 3
        for name, rights in RIGHT.items():
            right = rights[test]
            if right is None:
                continue
            sheet.cell(row, 2, name)
            for n, answer in enumerate(key):
                sheet.cell(row, 3 + n, answer if n < right else ("b" if answer == "a" else "a"))
            row += 1
    for row, rating in ((3, 4), (4, 3), (5, 2)):
        book["Evaluasi"].cell(row, 2, rating)  # Sesi 1
    book.save(path)


def test_the_worked_example_is_what_the_report_prints(small_project: Path) -> None:
    path = new_workbook(small_project)
    _fill(path)
    assert run("report", "--project", str(small_project), str(path)).exit_code == 0
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(small_project / REPORT).pages).split()
    )
    for person in (
        "Ani 50,0 91,7 +41,7 0,83 tinggi",  # no Asal written: an empty cell
        "Budi 25,0 75,0 +50,0 0,67 sedang",
        "Citra 75,0 100,0 +25,0 1,00 tinggi",
        "Dedi 33,3 – – – –",
    ):
        assert person in text
    assert "Rata-rata 45,8 88,9" in text
    assert "Median 41,7" in text
    assert "N-gain kelas (Hake) sebesar 0,78 (kategori tinggi)" in text
    assert "kedua tes: Tes Awal 50,0 dan Tes Akhir 88,9" in text
    pretest = text[text.index("Analisis Butir Soal Tes Awal") : text.index("Tes Akhir Soal")]
    # the item's number, its key, the counts of a–d and blank, then P and D
    assert re.search(r"\b5 [a-d] (\d+ ){5}0,50 sedang 1,00 baik sekali", pretest)
    assert re.search(r"\b1 [a-d] (\d+ ){5}1,00 mudah 0,00 jelek", pretest)
    assert " 3 3,00 66,7% " in text  # session 1: three forms, 4 + 3 + 2
