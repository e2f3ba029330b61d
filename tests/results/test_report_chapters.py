"""The Laporan Pelatihan's chapters as Indonesian laporan kegiatan have them (Pendahuluan,
Pelaksanaan, Hasil, Evaluasi, Rekomendasi, Lampiran), read back from the PDF: the Tes
Akhir's item analysis, the ratings per facilitator, the recommendations the figures call
for, and the list of participants moved out of the PDF when it is long."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from ruamel.yaml import YAML

from conftest import SMALL_REGION, SMALL_ROLE, small_copy
from modul.results.figures import PARTICIPANTS_LISTED
from results.helpers import new_workbook, role, run

REPORT = Path("build") / SMALL_REGION / SMALL_ROLE / "laporan-pelatihan.pdf"


def _fill(path: Path, people: int = 2) -> None:
    """`people` participants, all present; each right on every Tes Awal item but the
    first; on the Tes Akhir every one wrong on the first item (b for key a, else a), right
    on the rest. Two forms: every session rated 4 and 3, except the first rated session,
    rated 1 and 2."""
    book = load_workbook(path)
    for row in range(2, people + 2):
        book["Kehadiran"].cell(row, 2, f"Peserta {row - 1}")
        book["Kehadiran"].cell(row, 4, "H")
    for title in ("Tes Awal", "Tes Akhir"):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        for row in range(3, people + 3):
            sheet.cell(row, 2, f"Peserta {row - 2}")
            for n, answer in enumerate(key):
                sheet.cell(row, 3 + n, answer if n else ("b" if answer == "a" else "a"))
    evaluation = book["Evaluasi"]
    for row, rating in ((3, 4), (4, 3)):
        for column in range(2, evaluation.max_column + 1):
            head = str(evaluation.cell(1, column).value)
            if head.startswith(("Sesi", "Umum")):
                evaluation.cell(row, column, rating)
    evaluation.cell(3, 2, 1)
    evaluation.cell(4, 2, 2)
    book.save(path)


def _report(project: Path, people: int = 2) -> str:
    path = new_workbook(project)
    _fill(path, people)
    result = run("report", "--project", str(project), str(path))
    assert result.exit_code == 0, result.output
    pages = PdfReader(project / REPORT).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _rated_sessions(project: Path) -> list[dict[str, object]]:
    """The national workshop's rated sessions, read from the YAML (NTT changes none)."""
    workshop = YAML(typ="safe").load(project / "content" / "workshop.yaml")
    return [s for s in workshop["sesi"] if s.get("dinilai", True)]


def test_the_chapters_follow_the_laporan_kegiatan(small_project: Path) -> None:
    text = _report(small_project)
    headings = [
        "I. Pendahuluan",
        "A. Latar Belakang",
        "B. Tujuan Pelatihan",
        "II. Pelaksanaan",
        "C. Susunan Sesi",
        "III. Hasil",
        "B. Analisis Butir Soal Tes Awal",
        "C. Analisis Butir Soal Tes Akhir",
        "IV. Evaluasi",
        "V. Rekomendasi",
        "Lampiran 1. Daftar Nilai Peserta",
    ]
    places = [text.index(h) for h in headings]
    assert places == sorted(places)
    assert "Setelah pelatihan ini, peserta diharapkan mampu:" in text
    assert "Menyusun rencana tindak lanjut yang sederhana dan dapat dijalankan" in text


def test_the_tes_akhir_items_by_their_printed_number(small_project: Path) -> None:
    text = _report(small_project)
    posttest = text[text.index("Analisis Butir Soal Tes Akhir") :]
    first = role(small_project).tes_akhir_order[0] + 1  # its number on the Tes Awal
    key = role(small_project).tes_akhir[first - 1].jawaban
    wrong = "b" if key == "a" else "a"
    counts = ["2" if x == wrong else "0" for x in "abcd"]
    # both wrong on the Tes Akhir's first item: P 0,00 sukar; D 0,00 jelek
    row = f"1 {first} {key} {' '.join(counts)} 0 0,00 sukar 0,00 jelek"
    assert row in posttest
    assert "Soal nomor 1 Tes Akhir masih dijawab benar oleh sedikit peserta (P = 0,00)" in text


def test_sessions_rated_low_and_per_facilitator(small_project: Path) -> None:
    text = _report(small_project)
    rated = _rated_sessions(small_project)
    # the first rated session: 1 and 2 → mean 1,50 (under 3), no one agrees
    assert f"Sesi “{rated[0]['judul']}” mendapat rata-rata penilaian di bawah 3" in text
    assert "(rata-rata 1,50; setuju 0,0%)" in text
    lead = rated[0]["pelaksana"]
    runs = [n for n, s in enumerate(rated, 1) if s["pelaksana"] == lead]
    # lead: 1 + 2 on the first session, 4 + 3 on each other one
    mean = (3 + 7 * (len(runs) - 1)) / (2 * len(runs))
    agree = (2 * (len(runs) - 1)) / (2 * len(runs)) * 100
    numbers = ", ".join(map(str, runs))
    expected = f"{lead} {numbers} {mean:.2f} {agree:.1f}%".replace(".", ",")
    assert "Penilaian Sesi menurut Fasilitator" in text
    assert expected in text


def test_a_long_list_of_participants_is_left_to_the_workbook(small_project: Path) -> None:
    people = PARTICIPANTS_LISTED + 1
    text = _report(small_project, people)
    assert f"Daftar nilai {people} peserta terlalu panjang" in text
    assert "laporan-pelatihan.xlsx (lembar Peserta)" in text
    assert "Peserta 1 " not in text


def test_a_region_with_two_facilitator_languages_reports_in_the_first(tmp_path: Path) -> None:
    project = small_copy(tmp_path / "project", regions=("ntb-mitra",))
    path = new_workbook(project, region="ntb-mitra")
    result = run("report", "--project", str(project), str(path))
    assert result.exit_code == 0, result.output
    pdf = project / "build" / "ntb-mitra" / SMALL_ROLE / "laporan-pelatihan.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "I. Pendahuluan" in text and "Introduction" not in text
