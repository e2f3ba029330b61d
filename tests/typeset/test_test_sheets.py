"""The test sheets (issue 27): a TES AWAL / TES AKHIR band in the accent colour that
tells the two stacks apart, a tick box before every option, 10 or more questions to a
side; and the handout's emphasis as a Harapan | Kenyataan table, not bold sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import yaml
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import SMALL_ROLE, pdf_path, small_copy
from modul import Options, build
from modul.content.loading import load_project
from modul.typeset.layoutcheck import MM

ACCENT = (0x1D / 255, 0x4E / 255, 0x89 / 255)  # colours.accent in theme.yaml
BOX_MM = 3.4  # quiz.box_mm


def drawn(pdf: Path, words: str) -> tuple[float, float]:
    """The font size of `words` on the first page, and the x where they start."""
    found: list[tuple[float, float]] = []

    def visit(text, cm, tm, _font, size):
        if words in text:
            found.append((size * tm[0], cm[4] + tm[4]))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    assert found, f"{words!r} not on the first page of {pdf.name}"
    return found[0]


def fills(pdf: Path) -> list[tuple[float, ...]]:
    """The RGB fill colours set on the first page."""
    page = PdfReader(pdf).pages[0]
    content = ContentStream(page.get_contents(), page.pdf)
    return [tuple(float(v) for v in operands) for operands, op in content.operations if op == b"rg"]


def test_the_two_tests_carry_bands_that_differ(built):
    awal = pdf_path(built, SMALL_ROLE, "tes-awal.pdf")
    akhir = pdf_path(built, SMALL_ROLE, "tes-akhir.pdf")
    for pdf in (awal, akhir):
        assert any(all(abs(a - b) < 0.01 for a, b in zip(c, ACCENT)) for c in fills(pdf))
    width = float(PdfReader(awal).pages[0].mediabox.width)
    size, x = drawn(awal, "TES AWAL")
    assert size >= 18 and x < width / 3  # large, at the left
    size, x = drawn(akhir, "TES AKHIR")
    assert size >= 18 and x > width / 2  # mirrored: at the right
    assert "TES AKHIR" not in PdfReader(awal).pages[0].extract_text()


def test_every_option_has_its_tick_box_before_it(built):
    pdf = pdf_path(built, SMALL_ROLE, "tes-awal.pdf")
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    text = page.get_textpage()
    boxes = []
    for item in page.get_objects(max_depth=1):
        left, bottom, right, top = item.get_bounds()
        square = abs((right - left) - (top - bottom)) < 0.1
        # a box: drawn, square (the corner markers, drawn for `modul scan`, are larger)
        if item.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH and square and right - left < 6 * MM:
            assert abs(right - left - BOX_MM * MM) < 2.5
            boxes.append((left, bottom, right, top))
    letters = [
        text.get_charbox(i)
        for i in range(text.count_chars() - 1)
        if re.fullmatch(r"[a-d]\.", text.get_text_range(i, 2))
    ]
    first = max(char[3] for char in letters)  # the first option's top
    grid = [box for box in boxes if box[1] > first + 3]  # above the questions: No. Peserta
    assert len(grid) == 20  # a row of ten for the tens, one for the units
    boxes = [box for box in boxes if box not in grid]
    role = load_project(built).national.roles[SMALL_ROLE]
    assert len(boxes) == sum(len(item.pilihan) for item in role.tes)
    for left, bottom, right, top in boxes:  # a letter just right of each box, level with it
        assert any(
            0 < char[0] - right < 4 * MM and bottom - 3 < char[1] < top for char in letters
        ), (left, bottom)


def questions_per_side(tmp_path: Path, count: int) -> list[int]:
    """The questions on each side of a Tes Awal of `count` questions on A4."""
    root = small_copy(tmp_path / f"project-{count}", regions=())
    path = root / "content" / "roles" / f"{SMALL_ROLE}.yaml"
    role = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = role["tes"]

    def stem(n: int) -> str:  # a repeated question's words reversed: `modul check` refuses copies
        words = items[n % len(items)]["soal"].split()
        return " ".join(words if n < len(items) else words[::-1])

    role["tes"] = [{**items[n % len(items)], "soal": f"({n + 1}) {stem(n)}"} for n in range(count)]
    path.write_text(yaml.safe_dump(role, allow_unicode=True), encoding="utf-8")
    build(root, Options(regions=["nasional"], kinds=["pretest"], paper="A4"))
    pages = PdfReader(pdf_path(root, SMALL_ROLE, "tes-awal.pdf")).pages
    return [len(re.findall(r"^\d+\.\s*$", p.extract_text(), re.MULTILINE)) for p in pages]


def test_fifteen_questions_on_two_sides_ten_or_more_to_a_side(tmp_path):
    """Issue 28 raises the tests to 10–15 questions: 15 fit on two A4 sides, and a side
    without the title block holds 10 or more."""
    fifteen = questions_per_side(tmp_path, 15)
    assert len(fifteen) == 2 and sum(fifteen) == 15, fifteen
    assert questions_per_side(tmp_path, 24)[1] >= 10


def test_the_handout_sets_expectation_and_reality_side_by_side_not_in_bold(built):
    pdf = pdf_path(built, SMALL_ROLE, "bahan-bacaan.pdf")
    role = load_project(built).national.roles[SMALL_ROLE]
    bold_text: list[str] = []

    def visit(text, _cm, _tm, font, _size):
        if font and "Bold" in str(font.get("/BaseFont", "")):
            bold_text.append(text)

    reader = PdfReader(pdf)
    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    bold = " ".join("".join(bold_text).split())
    for pair in role.ekspektasi_realita:
        first_words = " ".join(pair.realita.split()[:4])
        assert first_words not in bold
    whole = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Harapan Kenyataan" in whole
