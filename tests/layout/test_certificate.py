"""The Sertifikat as Indonesian offices issue it, read back from the PDF: landscape inside
a border, one page per participant in every mode (booklets too), the running number from
the region's pattern, the length in whole JPL in words, signatories with NIP, the name
fitted to two lines; and the checks behind it (a schedule that is not whole JPL, a
number pattern modul cannot fill)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import SMALL_ROLE, line_of, one_problem, pages_of_words, write
from modul import Options, build, check
from modul.content.certificates import PatternError, certificate_number, issue_date
from modul.layout.words import english, in_words, terbilang

MM = 72 / 25.4
LONG = "Dr. Ir. Hj. Maria Goreti Nggadas Kewa, M.Si."
ROSTER = (
    f'nama,asal\n"{LONG}","Desa Oelnasi, Kupang"\nBudi Santoso,Desa Baumata\n'
    "Raden Ajeng Siti Nurhaliza Kusumawardhani Prawiranegara Hadiningrat Sosrodiningrat "
    "Kartasasmita,"
    "Desa Oebelo\n"
)
NAMES = [LONG, "Budi Santoso", "Raden Ajeng Siti Nurhaliza"]


def certificate(project, tmp_path, region="ntt", roster=ROSTER, **options):
    people = write(tmp_path / "peserta.csv", roster) if roster else None
    where = Options(
        regions=[region], roles=[SMALL_ROLE], kinds=["certificate"], roster=people, **options
    )
    report = build(project, where)
    (document,) = [d for d in report.documents if d.path.name == "sertifikat.pdf"]
    return document.path, report


def texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def sizes_mm(path) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
        for p in PdfReader(path).pages
    ]


def frames(page) -> list[tuple[float, float, float, float, float]]:
    """The rectangles drawn around the page (x, y, width, height, line width), outermost
    first, as the page's content stream draws them."""
    found, width = [], 0.0
    stream = ContentStream(page.get_contents(), page.pdf)
    for operands, operator in stream.operations:
        if operator == b"w":
            width = float(operands[0])
        elif operator == b"re" and float(operands[2]) > float(page.mediabox.width) * 0.9:
            found.append((*(float(v) for v in operands), width))
    return sorted(found)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "satu"),
        (6, "enam"),
        (7, "tujuh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (45, "empat puluh lima"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1945, "seribu sembilan ratus empat puluh lima"),
        (2026, "dua ribu dua puluh enam"),
        (1_000_000, "satu juta"),
    ],
)
def test_terbilang_writes_numbers_as_indonesian_offices_do(number, words):
    assert terbilang(number) == words


def test_numbers_in_english_words_and_digits_for_other_languages():
    assert english(6) == "six" and english(42) == "forty-two"
    assert english(115) == "one hundred fifteen"
    assert in_words(12, "id-ID") == "dua belas" and in_words(12, "en") == "twelve"
    assert in_words(12, "fr") == "12"


def test_the_certificate_number_from_the_pattern():
    pattern = "414/{nomor:04d}/DPMD/VI/2026"
    assert certificate_number(pattern, 7) == "414/0007/DPMD/VI/2026"
    assert certificate_number("No. {nomor}", 12) == "No. 12"
    assert certificate_number(pattern, None) == "414/………/DPMD/VI/2026"
    for wrong in ("414/{no}/2026", "414/2026", "{nomor}/{nomor}", "{nomor:x}"):
        with pytest.raises(PatternError):
            certificate_number(wrong, 1)


def test_the_day_of_issue_is_the_last_day():
    assert issue_date("8–9 Juni 2026") == "9 Juni 2026"
    assert issue_date("30 Juni–2 Juli 2026") == "2 Juli 2026"
    assert issue_date("8 Juni 2026") == "8 Juni 2026"


def test_one_landscape_page_per_name_with_its_number_inside_the_border(project, tmp_path):
    path, report = certificate(project, tmp_path, paper="A4")
    assert report.warnings == []
    assert sizes_mm(path) == [(297, 210)] * 3
    pages = PdfReader(path).pages
    for n, (page, text, (_, height, words)) in enumerate(
        zip(pages, texts(path), pages_of_words(path)), 1
    ):
        assert f"Nomor: 414/{n:04d}/DPMD-NTT/VI/2026" in text
        assert "SERTIFIKAT" in text.replace(" ", "") and NAMES[n - 1] in text
        # a thick rule 8 mm in from the edge, and a thin one inside it
        outer, inner = frames(page)
        assert outer[0] == pytest.approx(8 * MM, abs=0.5) and outer[4] > inner[4] > 0
        left, bottom, right, top = inner[0], inner[1], inner[0] + inner[2], inner[1] + inner[3]
        for word in words:  # pdftotext measures from the top
            assert left < word.left and word.right < right, word
            assert height - top < word.top and word.bottom < height - bottom, word


def test_the_sentence_hours_and_signatories_with_nip(project, tmp_path):
    first = texts(certificate(project, tmp_path)[0])[0]
    assert "yang diselenggarakan oleh Dinas Pemberdayaan Masyarakat dan Desa Provinsi" in first
    assert "di Kupang pada tanggal 8 Juni 2026 selama 7 (tujuh) JPL." in first
    assert "Kupang, 8 Juni 2026" in first
    assert "NIP 19680512 199303 1 007" in first and "NIP 19780914 200501 2 004" in first
    assert "Drs. Yohanes Bria Seran, M.Si." in first
    assert "Penyelenggara" not in first


def test_a_long_name_takes_two_lines_at_most_and_shrinks(project, tmp_path):
    path = certificate(project, tmp_path, paper="A4")[0]
    heights = []
    for (_, _, words), name in zip(pages_of_words(path), NAMES):
        first = next(w for w in words if w.text == name.split()[0])
        line_height = first.bottom - first.top
        lines = {round(w.top) for w in words if abs((w.bottom - w.top) - line_height) < 0.5}
        assert 1 <= len(lines) <= 2, name
        heights.append(line_height)
    assert heights[0] == pytest.approx(heights[1])  # both on one line, at full size
    assert heights[2] < heights[0]  # set smaller to stay on two lines


def test_200_letters_of_name_still_one_page(project, tmp_path):
    roster = "nama,asal\n" + ("Nurhaliza " * 20).strip() + ",Desa X\nAni,Desa Y\n"
    for paper in ("A4", "A5"):
        path = certificate(project, tmp_path, roster=roster, paper=paper, force=True)[0]
        assert len(texts(path)) == 2


def test_booklet_builds_leave_the_certificate_one_sheet_per_name(project, tmp_path):
    path, report = certificate(project, tmp_path, booklet=True)
    assert not any(d.path.name == "sertifikat-buklet.pdf" for d in report.documents)
    assert sizes_mm(path) == [(330, 215)] * 3  # NTT prints on F4: the booklet's sheet
    assert "Budi Santoso" in texts(path)[1]


def test_the_blank_certificate_has_a_line_for_the_name_and_a_blank_number(project, tmp_path):
    (page,) = texts(certificate(project, tmp_path, roster=None)[0])
    assert "Nomor: 414/………/DPMD-NTT/VI/2026" in page
    assert re.search(r"diberikan kepada \.{40,} atas keikutsertaannya", page)


def test_the_national_certificate_has_one_signatory_and_no_repeated_organiser(project, tmp_path):
    (page,) = texts(certificate(project, tmp_path, region="nasional", roster=None)[0])
    assert "Penyelenggara / Penyelenggara" not in page and page.count("Ketua Panitia") == 1
    assert "selama 6 (enam) JPL." in page
    assert "NIP ...." in page


def test_english_labels_give_the_hours_in_english_words(project, tmp_path):
    settings = project / "content/regions/ntb-mitra/region.yaml"
    write(
        settings,
        settings.read_text(encoding="utf-8").replace("bahasa_peserta: id", "bahasa_peserta: en"),
    )
    (page,) = texts(certificate(project, tmp_path, region="ntb-mitra", roster=None)[0])
    assert "CERTIFICATE" in page.replace(" ", "")
    assert "for 6 (six) lesson hours (JPL) of 45 minutes." in page
    assert "Number: 414/………/DPMPD/IX/2026" in page


def test_a_schedule_not_in_whole_jpl_is_warned_at_its_line(project):
    path = project / "content/regions/ntt/workshop.yaml"
    text = path.read_text(encoding="utf-8").replace("total_menit: 315", "total_menit: 300")
    text = text.replace("    menit: 55\n", "    menit: 40\n").replace("- menit: 30", "- menit: 15")
    write(path, text)
    warnings = [w for w in check(project).warnings if "JPL" in w.message]
    assert len(warnings) == 1
    (warning,) = warnings
    assert warning.file == "content/regions/ntt/workshop.yaml"
    assert warning.line == line_of(text, "total_menit:")
    assert "300 minutes" in warning.message and "270 or 315" in warning.hint


def test_a_number_pattern_modul_cannot_fill_is_an_error_at_its_line(project):
    path = project / "content/regions/ntt/region.yaml"
    text = path.read_text(encoding="utf-8").replace("{nomor:04d}", "{urut}")
    write(path, text)
    problem = one_problem(project)
    assert problem.file == "content/regions/ntt/region.yaml"
    assert problem.line == line_of(text, "nomor_sertifikat:")
    assert "{urut}" in problem.message and "{nomor}" in problem.hint


def test_the_back_page_lists_the_sessions_when_the_region_asks(project, tmp_path):
    path = project / "content/regions/ntt/region.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("# sertifikat_materi: true", "sertifikat_materi: true"))
    pdf = certificate(project, tmp_path)[0]
    pages = texts(pdf)
    assert sizes_mm(pdf) == [(330, 215)] * 6  # front and back for each of three names
    assert [LONG in page for page in pages] == [True] + [False] * 5
    back = pages[1]
    assert back.startswith("Materi Pelatihan") and "Bedanya dengan Profesi Serupa 55 menit" in back
    assert "Jumlah 315 menit (7 JPL)" in back and "Budi Santoso" in pages[2]
