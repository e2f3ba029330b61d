"""Personalised copies (`--roster`) read back: the participant's name and village written
into the "Nama" and "Desa/Kelurahan" fields at the size of the body text, as a
participant would write them, a long name smaller and never past its field, and no
line over the running head where the page has a "Nama" field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from conftest import REPO, small_copy, write
from modul import Options, build
from modul.layout.theme import load_theme, scaled

ROLE = "konselor-pemberdayaan-masyarakat"
LONG = "Dr. Ir. Hj. Maria Goreti Nggadas Kewa Laka Lena Bria Seran, M.Si."
PEOPLE = [("Siti Aminah", "Oelnasi"), (LONG, "Oelamasi Tengah Raya"), ("Yohanes Kase", "Baumata")]


@dataclass(frozen=True)
class Char:
    text: str
    size: float
    left: float
    right: float
    bottom: float


def chars(path: Path, page: int = 0) -> list[Char]:
    """Every character of the page with its font size and box, as pdfium reads them
    (the stamps are form XObjects drawn over the page: read as the printer sees them)."""
    document = pdfium.PdfDocument(path)
    text = document[page].get_textpage()
    found = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char.strip():
            left, bottom, right, _top = text.get_charbox(i)
            size = round(pdfium_raw.FPDFText_GetFontSize(text.raw, i), 2)
            found.append(Char(char, size, left, right, bottom))
    document.close()
    return found


def placed(page: list[Char], text: str) -> list[Char]:
    """The characters that spell `text`: on one line, or on two or three (drawn from the
    bottom line up)."""
    whole = "".join(c.text for c in page)
    words = text.split()
    cuts = [()] + [(a,) for a in range(1, len(words))]
    cuts += [(a, b) for a in range(1, len(words)) for b in range(a + 1, len(words))]
    for cut in cuts:
        edges = (0, *cut, len(words))
        lines = ["".join(words[a:b]) for a, b in zip(edges, edges[1:])]
        drawn = "".join(reversed(lines))
        if drawn in whole:
            start = whole.index(drawn)
            return page[start : start + len(drawn)]
    raise AssertionError(f"{text!r} is not on the page")


def field_end(page: list[Char], field: Char, beside: str, paper: str) -> float:
    """Where the field's line ends: at the next label on its row, else at the margin."""
    other = label(page, beside)
    if abs(other.bottom - field.bottom) < ROW:
        return other.left
    return (148 - 15 if paper == "A5" else 215 - 20) * MM


def label(page: list[Char], text: str) -> Char:
    """A label's box: from its first letter to its last, on its baseline."""
    letters = placed(page, text)
    return Char(text, letters[0].size, letters[0].left, letters[-1].right, letters[0].bottom)


def on_row(char: Char, field: Char) -> bool:
    """On the row of the form that the label `field` heads: from just under the label's
    baseline (the field's line) up to the row's height above it."""
    return -3 * MM < char.bottom - field.bottom < THEME.fields.row_mm * MM


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    """The NTT worksheet and Tes Awal personalised for three participants, on F4 (the
    region's paper) and the worksheet on A5 booklet pages (a test is a loose sheet: a
    booklet build leaves it on the F4 sheet), by "<paper> <document> <participant>"."""
    made: dict[str, Path] = {}
    for paper, booklet in (("F4", False), ("A5", True)):
        root = small_copy(tmp_path_factory.mktemp(paper), roles=(ROLE,), regions=("ntt",))
        lines = "".join(f'"{name}",{village}\n' for name, village in PEOPLE)
        roster = write(root / "peserta.csv", "nama,desa\n" + lines)
        kinds = ["worksheet"] if booklet else ["worksheet", "pretest"]
        where = Options(regions=["ntt"], roles=[ROLE], kinds=kinds, roster=roster, booklet=booklet)
        report = build(root, where)
        assert report.warnings == []
        for document in report.documents:
            if document.path.parent.name == "peserta":  # lembar-kerja-001-siti-aminah.pdf
                made[f"{paper} {document.path.name}"] = document.path
    return made


def copy_of(copies: dict[str, Path], paper: str, document: str, number: int) -> Path:
    (path,) = [p for k, p in copies.items() if k.startswith(f"{paper} {document}-{number:03d}-")]
    return path


THEME = load_theme(REPO / "layouts" / "default", REPO)


def body_size(paper: str) -> float:
    return scaled(THEME, THEME.font_scale_a5 if paper == "A5" else 1).styles["body"].size


MM = 72 / 25.4
ROW = 6 * MM  # two labels this close to one baseline stand on one row


PAPERS = [("F4", "lembar-kerja"), ("F4", "tes-awal"), ("A5", "lembar-kerja")]


@pytest.mark.parametrize(("paper", "document"), PAPERS)
def test_the_name_is_written_in_the_nama_field_at_body_size(copies, paper, document):
    page = chars(copy_of(copies, paper, document, 1))
    name = placed(page, "Siti Aminah")
    assert {c.size for c in name} == {round(body_size(paper), 2)}
    field = label(page, "Nama")
    end = field_end(page, field, "Tanggal", paper)
    assert all(field.right < c.left and c.right < end for c in name)
    assert all(on_row(c, field) for c in name)
    assert "Peserta:" not in "".join(c.text for c in page)  # no line over the running head


@pytest.mark.parametrize("paper", ["F4", "A5"])
def test_the_village_is_written_in_the_desa_field(copies, paper):
    page = chars(copy_of(copies, paper, "lembar-kerja", 1))
    village = placed(page, "Oelnasi")
    assert {c.size for c in village} == {round(body_size(paper), 2)}
    field = label(page, "Desa/Kelurahan")
    end = field_end(page, field, "Kabupaten/Kota", paper)
    assert all(field.right < c.left and c.right < end for c in village)
    assert all(on_row(c, field) for c in village)


@pytest.mark.parametrize(("paper", "document"), PAPERS)
def test_a_long_name_shrinks_to_its_field(copies, paper, document):
    page = chars(copy_of(copies, paper, document, 2))
    name = placed(page, LONG)
    assert all(THEME.roster.min_size_pt <= c.size < body_size(paper) for c in name)
    field = label(page, "Nama")
    assert min(c.left for c in name) > field.right  # never over the label
    assert max(c.right for c in name) < field_end(page, field, "Tanggal", paper)  # nor past it
    assert all(on_row(c, field) for c in name)


def test_pages_without_a_nama_field_name_the_participant_at_the_top(copies):
    path = copy_of(copies, "F4", "lembar-kerja", 3)
    pages = len(pdfium.PdfDocument(path))
    texts = ["".join(c.text for c in chars(path, n)) for n in range(pages)]
    assert all("YohanesKase" in text for text in texts)
    headed = [text for text in texts if "Peserta:" in text]
    assert headed and all("Nama" not in text for text in headed)


def test_the_running_head_and_folio_of_an_a5_page_are_8_pt_or_more(tmp_path):
    """PRINT.md: small text ≥ 8 pt on A5; the theme's 9 pt head times 0.82 was 7.4 pt."""
    root = small_copy(tmp_path, roles=(ROLE,), regions=("ntt",))
    where = Options(regions=["ntt"], roles=[ROLE], kinds=["handout"], paper="A5")
    (document,) = build(root, where).documents
    page = chars(document.path, 1)  # a page with a running head
    folio = placed(page, "Halaman 2")
    assert folio and all(c.size >= 8 for c in folio)
    height = pdfium.PdfDocument(document.path)[1].get_size()[1]
    head = [c for c in page if c.bottom > height - 17 * MM]  # above the A5 top margin
    assert head and all(c.size >= 8 for c in head)
