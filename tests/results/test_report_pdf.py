"""`modul report FILE` writes the Laporan Pelatihan: a workbook filled in with known
answers, the PDF read back, each figure computed here by hand."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import SMALL_REGION, SMALL_ROLE
from results.helpers import new_workbook, run

REPORT = Path("build") / SMALL_REGION / SMALL_ROLE / "laporan-pelatihan.pdf"


def _fill(path: Path) -> int:
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
                sheet.cell(row, 3 + n, answer if n < right else wrong)
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
    items = _fill(path)
    result = run("report", "--project", str(small_project), str(path))
    assert result.exit_code == 0, result.output
    text = _text(small_project / REPORT)
    print(text)
    assert "LAPORAN PELATIHAN" in text
    assert "Ani Wijaya" in text and "Budi Santoso" in text
    pre_ani, pre_budi = 3 * 100 / items, 6 * 100 / items
    gain = (100 - pre_ani) / (100 - pre_ani)
    assert f"{pre_ani:.1f}".replace(".", ",") in text
    assert f"{pre_budi:.1f}".replace(".", ",") in text
    assert "N-gain kelas (Hake): 1,00, kategori tinggi" in text
    assert gain == 1
    assert "Lebih banyak praktik" in text
    assert "3,50" in text  # a session rated 4 and 3


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
