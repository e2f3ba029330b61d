"""`modul report FILE` writes the Laporan Pelatihan: a workbook filled in with known
answers, the PDF read back, each figure computed here by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import SMALL_REGION, SMALL_ROLE
from results.helpers import new_workbook, run

REPORT = Path("build") / SMALL_REGION / SMALL_ROLE / "laporan-pelatihan.pdf"


def _fill(path: Path, ani_right_on_12: bool = False) -> int:
    """Ani gets 3 items right on the Tes Awal and all on the Tes Akhir; Budi 6 right on
    the Tes Awal and is absent from the Tes Akhir; two forms rate everything 4 and 3 (one
    rating left blank). The number of items."""
    book = load_workbook(path)
    attendance = book["Kehadiran"]
    for row, (name, mark) in enumerate((("Ani Wijaya", "H"), ("Budi Santoso", "S")), 2):
        attendance.cell(row, 2, name)
        attendance.cell(row, 3, "Kupang")
        attendance.cell(row, 4, mark)
    items = 0
    for title, rights in (
        ("Tes Awal", {"Ani Wijaya": 3, "Budi Santoso": 6}),
        ("Tes Akhir", {"Ani Wijaya": 99}),
    ):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        items = len(key)
        for row, (name, right) in enumerate(rights.items(), 3):
            sheet.cell(row, 2, name)
            for n, answer in enumerate(key):
                wrong = "a" if answer != "a" else "b"
                good = n < right or (ani_right_on_12 and name == "Ani Wijaya" and n == 11)
                sheet.cell(row, 3 + n, answer if good else wrong)
    evaluation = book["Evaluasi"]
    for row, rating in ((3, 4), (4, 3)):
        for column in range(2, evaluation.max_column + 1):
            text = str(evaluation.cell(1, column).value)
            evaluation.cell(
                row, column, "Lebih banyak praktik" if text.startswith("Saran") else rating
            )
    evaluation.cell(4, 2).value = None
    book.save(path)
    return items


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_the_report_prints_the_figures_as_computed_by_hand(small_project: Path) -> None:
    path = new_workbook(small_project)
    assert _fill(path) == 12  # the small project's Tes Awal has 12 items
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 0, result.output
    assert "laporan-pelatihan.pdf" in result.output
    lines = _text(small_project / REPORT).splitlines()
    assert "LAPORAN PELATIHAN" in lines
    # Ani: 3 of 12 right → 25,0; all 12 → 100,0; g = (100 − 25) / (100 − 25) = 1,00
    assert _row(lines, "Ani Wijaya", 6) == ["Kupang", "25,0", "100,0", "+75,0", "1,00", "tinggi"]
    # Budi: 6 of 12 → 50,0; absent from the Tes Akhir: no score, no gain (not 0)
    assert _row(lines, "Budi Santoso", 6) == ["Kupang", "50,0", "–", "–", "–", "–"]
    # class: Tes Awal mean (25 + 50) / 2 = 37,5; the N-gain over Ani alone, the only pair
    assert _row(lines, "Rata-rata", 2) == ["37,5", "100,0"]
    text = "\n".join(lines)
    assert "N-gain kelas (Hake) sebesar 1,00 (kategori tinggi)" in text
    # one day: Ani H, Budi S → 1 hadir of 2 = 50,0%
    assert "50,0%" in text
    # a session rated 4 and 3 → 3,50; the first one's second rating blank → 4,00
    assert "3,50" in text and "4,00" in text
    assert "Lebih banyak praktik" in text
    # item 4 (key b): Budi (upper) right, Ani (lower) chose a → a 1, b 1, c 0, d 0, blank
    # 0; P 0,50 sedang, D 1,00 baik sekali
    items = _after(lines, "Analisis Butir Soal Tes Awal")
    assert _row(items, "4", 8) == [
        *("b", "1", "1", "0", "0", "0"),
        "0,50 sedang",
        "1,00 baik sekali",
    ]
    # nothing to revise: no negative D, Ani right on every Tes Akhir item, all agree
    assert (
        " ".join(text.split()).count("Tidak ada soal dengan daya pembeda negatif, tidak ada") == 1
    )


def test_an_item_the_weaker_answer_right_is_flagged(small_project: Path) -> None:
    path = new_workbook(small_project)
    _fill(path, ani_right_on_12=True)  # Ani (4 right, lower) right on 12, Budi (6) wrong
    assert run("report", "--project", str(small_project), str(path)).exit_code == 0
    lines = _text(small_project / REPORT).splitlines()
    # key a: Ani a, Budi b; P = 1/2 = 0,50; D = 0 (upper: Budi) − 1 (lower: Ani) = −1,00
    # (U+2212), dibuang; its number starred
    items = _after(lines, "Analisis Butir Soal Tes Awal")
    assert _row(items, "12*", 8) == [
        *("a", "1", "1", "0", "0", "0"),
        "0,50 sedang",
        "−1,00 dibuang",
    ]
    text = " ".join(" ".join(lines).split())
    assert "Soal nomor 12 Tes Awal memiliki daya pembeda negatif (D = −1,00)" in text


def _after(lines: list[str], heading: str) -> list[str]:
    """The lines after the heading that ends with `heading`."""
    return lines[next(n for n, line in enumerate(lines) if line.endswith(heading)) + 1 :]


def _row(lines: list[str], first: str, count: int = 4) -> list[str]:
    """The `count` cells after the cell `first` in the text read back."""
    at = [line.strip() for line in lines].index(first)
    return [line.strip() for line in lines[at + 1 : at + 1 + count]]


def test_a_failed_report_leaves_the_last_one(small_project: Path) -> None:
    path = new_workbook(small_project)
    _fill(path)
    assert run("report", "--project", str(small_project), str(path)).exit_code == 0
    before = (small_project / REPORT).read_bytes()
    book = load_workbook(path)
    book["Tes Awal"].cell(3, 3, "x")
    book.save(path)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code != 0
    assert "Tes Awal!C3" in result.output
    assert (small_project / REPORT).read_bytes() == before


def test_the_chart_draws_the_class_means_to_scale(small_project: Path) -> None:
    import pikepdf

    path = new_workbook(small_project)
    _fill(path)
    assert run("report", "--project", str(small_project), str(path)).exit_code == 0
    bar = 6 * 72 / 25.4  # the theme's chart.bar_mm
    with pikepdf.open(small_project / REPORT) as pdf:
        rects = [
            [float(x) for x in operands]
            for page in pdf.pages
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "re"
        ]
    bars = [r for r in rects if abs(r[3] - bar) < 0.01]
    # Tes Awal mean 37,5 and Tes Akhir mean 100: the first bar 0,375 of the second
    assert len(bars) == 2
    first, second = sorted(bars, key=lambda r: -r[1])  # the upper first
    assert first[2] / second[2] == pytest.approx(0.375)
    assert first[0] == pytest.approx(second[0])
