"""The forms as an Indonesian organiser hands them out (issue 27, points 1, 6 and 7): the
kind of document as the title, clock times and dates as EYD V writes them, and a
Daftar Hadir with Hari/Tanggal, Tempat, a wide Nama column, zig-zag signatures, spare
rows and "Mengetahui". Read back from the PDFs by pdfium (sizes) and poppler (words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from conftest import pages_of_words, pdf_text, write
from modul import Options, build
from modul.content.loading import load_project

ROLE = "konselor-pemberdayaan-masyarakat"
MM = 72 / 25.4


@dataclass(frozen=True)
class Run:
    """Characters of one size on one baseline, as pdfium reads them (points, bottom-up)."""

    text: str
    size: float
    left: float
    right: float
    bottom: float


def runs(path: Path, page: int = 0) -> list[Run]:
    """The page's text in runs of one font size on one line, in reading order."""
    document = pdfium.PdfDocument(path)
    text = document[page].get_textpage()
    found: list[Run] = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char in "\r\n":
            continue
        size = round(pdfium_raw.FPDFText_GetFontSize(text.raw, i), 1)
        left, bottom, right, _ = text.get_charbox(i)
        last = found[-1] if found else None
        if last and last.size == size and abs(last.bottom - bottom) < size / 2:
            found[-1] = Run(last.text + char, size, last.left, max(right, last.right), last.bottom)
        else:
            found.append(Run(char, size, left, right, bottom))
    document.close()
    return [Run(" ".join(r.text.split()), r.size, r.left, r.right, r.bottom) for r in found]


def largest(path: Path) -> tuple[str, float]:
    """The text set largest on the first page, and its size."""
    page = runs(path)
    top = max(r.size for r in page)
    return " ".join(r.text for r in page if r.size == top), top


def kit_pdf(built: Path, region: str, name: str) -> Path:
    return built / "build" / region / ROLE / name


# --- the title hierarchy -----------------------------------------------------------------


@pytest.mark.parametrize("region", ["nasional", "ntt"])
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("daftar-hadir.pdf", "DAFTAR HADIR PESERTA"),
        ("tes-awal.pdf", "TES AWAL"),
        ("tes-akhir.pdf", "TES AKHIR"),
        ("formulir-evaluasi.pdf", "FORMULIR EVALUASI"),
        ("lembar-kerja.pdf", "LEMBAR KERJA"),
        ("jadwal-pelaksanaan.pdf", "JADWAL PELAKSANAAN"),
    ],
)
def test_on_a_form_the_kind_of_document_is_the_title(built, region, name, title):
    path = kit_pdf(built, region, name)
    text, size = largest(path)
    assert text == title
    role = load_project(built).national.roles[ROLE].nama
    (under,) = [r for r in runs(path) if r.text == role]  # the role under it, smaller
    assert under.size < size


@pytest.mark.parametrize("name", ["bahan-bacaan.pdf", "panduan-fasilitator.pdf"])
def test_the_role_stays_the_title_of_the_handout_and_the_guide(built, name):
    text, _size = largest(kit_pdf(built, "ntt", name))
    assert text == load_project(built).national.roles[ROLE].nama


def test_the_title_block_names_the_province_once(built):
    for name in ("tes-awal.pdf", "daftar-hadir.pdf", "bahan-bacaan.pdf"):
        page = [r for r in runs(kit_pdf(built, "ntt", name)) if r.bottom > 30 * MM]  # no foot
        role = load_project(built).national.roles[ROLE].nama
        block = " ".join(r.text for r in page[: [r.text for r in page].index(role) + 3])
        assert block.count("Nusa Tenggara Timur") == 1, block
        assert "Kupang, 8 Juni 2026" in block


# --- EYD V: clock times, dates ---------------------------------------------------------------


def test_clock_times_are_written_with_a_full_stop_in_the_whole_kit(built):
    pdfs = sorted((built / "build").rglob("*.pdf"))
    assert len(pdfs) > 30
    colons = {p.name: found for p in pdfs if (found := re.findall(r"\b\d\d:\d\d\b", pdf_text(p)))}
    assert colons == {}
    runsheet = pdf_text(kit_pdf(built, "ntt", "jadwal-pelaksanaan.pdf"))
    assert "Hari 1 · Senin, 8 Juni 2026 07.30–" in runsheet


MONTH = re.compile(
    r"^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)$"
)


def test_no_date_is_broken_across_lines(built):
    """Wherever a region's date is printed (title blocks, guide, certificate, …), the day,
    the month and the year stand on one line."""
    seen = 0
    for path in sorted((built / "build" / "ntt" / ROLE).glob("*.pdf")):
        for _width, _height, words in pages_of_words(path):
            for n, word in enumerate(words[1:-1], 1):
                before, after = words[n - 1], words[n + 1]
                if (
                    MONTH.match(word.text)
                    and before.text[-1:].isdigit()
                    and after.text[:4].isdigit()
                ):
                    seen += 1
                    assert abs(before.top - word.top) < 1 and abs(after.top - word.top) < 1, (
                        f"{path.name}: {before.text} {word.text} {after.text} broken"
                    )
    assert seen >= 5


# --- Daftar Hadir --------------------------------------------------------------------------


def words_of(path: Path, page: int = 0):
    return pages_of_words(path)[page][2]


def test_the_attendance_list_has_a_wide_name_column_and_zigzag_signatures(built):
    path = kit_pdf(built, "ntt", "daftar-hadir.pdf")
    words = words_of(path)
    head = next(w for w in words if w.text == "Nama")
    origin = next(w for w in words if w.text == "Asal" and abs(w.top - head.top) < 1)
    assert (origin.left - head.left) / MM >= 60  # the Nama column, cell to cell
    signature = next(w for w in words if w.text == "Tanda" and abs(w.top - head.top) < 1)
    numbers = [w for w in words if re.fullmatch(r"\d+\.", w.text) and w.left > signature.left - 1]
    assert len(numbers) >= 10
    for word in numbers:
        n = int(word.text[:-1])
        if n % 2:  # odd: at the left of the signature cell
            assert abs(word.left - signature.left) < 1, word
        else:  # even: in its right half
            assert word.left - signature.left > 12 * MM, word
    rows = sorted({round(w.top) for w in numbers})
    assert min(b - a for a, b in zip(rows, rows[1:])) >= 8 * MM - 0.5  # rows of 8 mm at least


def test_the_attendance_list_says_when_and_where_and_who_acknowledges_it(built):
    ntt = pdf_text(kit_pdf(built, "ntt", "daftar-hadir.pdf"))
    assert "Hari/Tanggal : Senin, 8 Juni 2026 Tempat : Kupang" in ntt
    signer = load_project(built).editions["ntt"].region.penandatangan[0]
    assert f"Mengetahui, {signer.jabatan}" in ntt and f"{signer.nama} NIP " in ntt
    national = pdf_text(kit_pdf(built, "nasional", "daftar-hadir.pdf"))
    assert re.search(r"Hari/Tanggal : …+ Tempat : …+", national)  # to fill in by hand
    assert re.search(r"Mengetahui, …+ \(…+\) NIP …+", national)


def test_the_attendance_table_splits_with_its_head_and_fills_its_pages(built):
    path = kit_pdf(built, "nasional", "daftar-hadir.pdf")
    pages = pages_of_words(path)
    assert len(pages) >= 2
    for _width, _height, words in pages:
        assert [w.text for w in words if w.text == "Asal"] == ["Asal"]  # head again
    for _width, height, words in pages[:-1]:
        body = [w for w in words if w.bottom < height - 25 * MM]  # above the footer
        assert max(w.bottom for w in body) > height * 0.75  # filled, not half empty


def test_a_roster_fills_the_names_then_spare_rows_on_a_sheet_per_day(project, tmp_path):
    overlay = project / "content/regions/ntt/workshop.yaml"
    write(overlay, overlay.read_text("utf-8") + "pelaksanaan:\n  hari_baru: [apakah-saya-cocok]\n")
    region = project / "content/regions/ntt/region.yaml"
    write(region, region.read_text("utf-8").replace("tanggal: 8 Juni", "tanggal: 8–9 Juni"))
    roster = write(
        tmp_path / "peserta.csv", "nama,asal\nSiti Aminah,Oelnasi\nYohanes Kase,Baumata\n"
    )
    report = build(
        project, Options(regions=["ntt"], roles=[ROLE], kinds=["attendance"], roster=roster)
    )
    text = pdf_text(report.documents[0].path)
    first, second = text.split("Hari/Tanggal : Selasa, 9 Juni 2026 (hari ke-2 dari 2)")
    assert "Hari/Tanggal : Senin, 8 Juni 2026 (hari ke-1 dari 2)" in first
    for sheet in (first, second):
        assert "1 Siti Aminah Oelnasi 1. 2 Yohanes Kase Baumata 2." in sheet
        assert " 7 7. " in sheet and " 8 8. " not in sheet  # five spare rows (cadangan: 2)


def test_a_width_in_millimetres_stays_and_the_weights_share_the_rest():
    from modul.typeset.styles import split_width

    widths = split_width(100 * MM, "10mm,1,3", 3)
    assert [round(w / MM, 6) for w in widths] == [10, 22.5, 67.5]
    assert [round(w / MM, 6) for w in split_width(60 * MM, "1,2", 3)] == [15, 30, 15]


def test_the_acknowledgement_never_stands_alone_on_a_page(project, tmp_path):
    """On A5 pages the signature block does not fit under the rows: the last rows go
    with it to the next page (`<keep foot="true">`), rather than leave it alone there."""
    roster = write(
        tmp_path / "peserta.csv", "nama,asal\nSiti Aminah,Oelnasi\nYohanes Kase,Baumata\n"
    )
    for paper in ("A5", "A4"):
        where = dict(regions=["ntt"], roles=[ROLE], kinds=["attendance"], roster=roster)
        (document,) = build(project, Options(**where, paper=paper)).documents
        (page,) = [
            words
            for _w, _h, words in pages_of_words(document.path)
            if any(w.text == "Mengetahui," for w in words)
        ]
        rows = [w for w in page if re.fullmatch(r"\d+\.", w.text)]
        assert len(rows) >= 2, paper
