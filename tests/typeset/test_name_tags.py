"""Tanda Pengenal: tags of one fixed size (90 × 55 mm, the common holders) on a fixed
cutting grid with crop marks, whatever the names on them; read back from the PDFs: the
drawing (rectangles, lines) by pypdf's content stream, the words by poppler."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import pages_of_words, print_faults, write
from modul import Options, build, check
from modul.cli import cli
from modul.content.callnames import call_name
from modul.content.loading import load_project

MM = 72 / 25.4
ROLE = "konselor-pemberdayaan-masyarakat"
LONG = "Dr. Ir. Hj. Maria Goreti Nggadas Kewa, M.Si."
NAMES = (
    "nama,asal\n"
    f'"{LONG}","Desa Oelnasi, Kecamatan Kupang Tengah, Kabupaten Kupang"\n'
    "Budi,Desa Oelpuah\n"
    '"Drs. H. Muhammad Abdurrahman Wahid Kusumaatmadja Prawiranegara, M.Pd.I.",'
    "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Timor Tengah Selatan\n"
    "Ni Made Ayu Kusumawardhani,Desa Penfui Timur\n"
)


@dataclass(frozen=True)
class Box:
    left: float  # points, from the page's lower left corner
    bottom: float
    right: float
    top: float
    stroked: bool

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.right - self.left) / MM, (self.top - self.bottom) / MM


def drawing(path: Path) -> list[tuple[list[Box], list[Box]]]:
    """Each page's rectangles and straight lines (as boxes), as the content stream draws
    them, with the transformations (cm, q, Q) applied."""
    reader, pages = PdfReader(path), []
    for page in reader.pages:
        rects: list[Box] = []
        lines: list[Box] = []
        matrix, saved, path_parts = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                saved.append(matrix)
            elif op == b"Q":
                matrix = saved.pop()
            elif op == b"cm":
                a, b, c, d, e, f = (float(x) for x in operands)
                m = matrix
                matrix = (
                    a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                    c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5],
                )  # fmt: skip
            elif op in (b"re", b"m", b"l"):
                path_parts.append((op, [float(x) for x in operands], matrix))
            elif op in (b"S", b"f", b"B", b"f*", b"n", b"b"):
                _shapes(path_parts, op in (b"S", b"B", b"b"), rects, lines)
                path_parts = []
        pages.append((rects, lines))
    return pages


def _shapes(parts, stroked: bool, rects: list[Box], lines: list[Box]) -> None:
    def at(matrix, x, y):
        return matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]

    start = None
    for op, numbers, matrix in parts:
        if op == b"re":
            x, y, w, h = numbers
            corners = [at(matrix, x, y), at(matrix, x + w, y + h)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            rects.append(Box(min(xs), min(ys), max(xs), max(ys), stroked))
        elif op == b"m":
            start = at(matrix, *numbers)
        elif op == b"l" and start:
            end = at(matrix, *numbers)
            lines.append(
                Box(
                    min(start[0], end[0]),
                    min(start[1], end[1]),
                    max(start[0], end[0]),
                    max(start[1], end[1]),
                    True,
                )
            )
            start = end


def tags_of(rects: list[Box]) -> list[Box]:
    """The tags' outlines: stroked rectangles, each as large as a tag about."""
    return [r for r in rects if r.stroked and r.size_mm[0] > 40 and r.size_mm[1] + 20 > 40]


def _within(line: Box, tag: Box) -> bool:
    return tag.left < line.left < tag.right and tag.bottom < line.bottom < tag.top


def built_tags(project: Path, roster: Path | None = None, **options) -> Path:
    where = Options(regions=["nasional"], roles=[ROLE], kinds=["nametag"], roster=roster, **options)
    (document,) = build(project, where).documents
    assert document.path.name == "tanda-pengenal.pdf"
    return document.path


@pytest.fixture
def with_roster(project: Path, tmp_path: Path) -> Path:
    return built_tags(project, write(tmp_path / "peserta.csv", NAMES))


def test_every_tag_is_90_by_55_mm_ten_to_an_a4_page_whatever_the_name(with_roster, project):
    plan = load_project(project).national.workshop.pelaksanaan
    pages = drawing(with_roster)
    tags = [tags_of(rects) for rects, _lines in pages]
    given = 4 + plan.cadangan + plan.jumlah_fasilitator + 2
    assert [len(t) for t in tags] == [10] * len(tags)  # the last sheet filled with blanks
    assert len(tags) == -(-given // 10)
    for tag in (t for page in tags for t in page):
        width, height = tag.size_mm
        assert width == pytest.approx(90, abs=0.3) and height == pytest.approx(55, abs=0.3)
    first = sorted(tags[0], key=lambda t: (-t.top, t.left))
    grid = (first[0].left, first[-1].bottom, first[-1].right, first[0].top)
    width, height = (float(d) for d in PdfReader(with_roster).pages[0].mediabox[2:])
    # the 2 × 5 grid, centred on the paper, the tags touching: one cut between two
    assert (grid[2] - grid[0]) / MM == pytest.approx(180, abs=0.3)
    assert (grid[3] - grid[1]) / MM == pytest.approx(275, abs=0.3)
    assert grid[0] == pytest.approx(width - grid[2], abs=0.5)
    assert grid[1] == pytest.approx(height - grid[3], abs=0.5)
    assert not print_faults(with_roster)


def test_crop_marks_lie_outside_the_tags_at_every_cut(with_roster):
    rects, lines = drawing(with_roster)[0]
    tags = tags_of(rects)
    left, right = min(t.left for t in tags), max(t.right for t in tags)
    bottom, top = min(t.bottom for t in tags), max(t.top for t in tags)
    marks = [b for b in lines if not (left < b.left < right and bottom < b.bottom < top)]
    outside = [
        b
        for b in marks
        if b.right <= left + 0.01 or b.left >= right - 0.01 or b.top <= bottom + 0.01
        or b.bottom >= top - 0.01
    ]  # fmt: skip
    assert outside and len(outside) == len(marks)
    cuts_x = sorted({round(t.left, 1) for t in tags} | {round(t.right, 1) for t in tags})
    cuts_y = sorted({round(t.bottom, 1) for t in tags} | {round(t.top, 1) for t in tags})
    vertical = [b for b in marks if b.right - b.left < 0.01]
    horizontal = [b for b in marks if b.top - b.bottom < 0.01]
    assert sorted({round(b.left, 1) for b in vertical}) == cuts_x  # 3 cuts across
    assert sorted({round(b.bottom, 1) for b in horizontal}) == cuts_y  # 6 cuts down
    assert len(vertical) == 2 * len(cuts_x) and len(horizontal) == 2 * len(cuts_y)
    for mark in marks:
        assert max(mark.right - mark.left, mark.top - mark.bottom) / MM == pytest.approx(
            5, abs=0.05
        )


def test_the_call_name_is_large_and_the_full_name_with_titles_smaller(with_roster):
    words = pages_of_words(with_roster)[0][2]
    heights = {w.text: w.bottom - w.top for w in words}
    call = max((w for w in words if w.text == "Maria"), key=lambda w: w.bottom - w.top)
    full = [w for w in words if w.text in ("Dr.", "Goreti", "M.Si.")]
    assert len(full) == 3 and all(call.bottom - call.top > 1.8 * heights[w.text] for w in full)
    assert call.top < min(w.top for w in full)  # above it
    text = " ".join(w.text for w in words)
    assert LONG in text and "Kusumaatmadja Prawiranegara, M.Pd.I." in text
    assert "Oelnasi, Kecamatan Kupang Tengah, Kabupaten Kupang" in text
    assert "Muhammad" in heights and "Made" in heights  # Drs. H. and Ni are no call names
    assert text.count("Budi") == 1  # a one-word name is printed once, large


def test_role_bands_and_blank_tags_for_spares_facilitators_and_committee(project):
    path = built_tags(project)
    plan = load_project(project).national.workshop.pelaksanaan
    words = [w.text for _w, _h, page in pages_of_words(path) for w in page]
    given = plan.jumlah_peserta + plan.cadangan + plan.jumlah_fasilitator + 2
    filler = -given % 10  # the last sheet's empty places: blank PESERTA tags
    blanks = plan.jumlah_peserta + plan.cadangan + filler
    assert words.count("PESERTA") == blanks
    assert words.count("FASILITATOR") == plan.jumlah_fasilitator
    assert words.count("PANITIA") == 2
    assert words.count("Nama") == words.count("Asal") == given + filler
    for rects, lines in drawing(path):
        tags = tags_of(rects)
        assert len(tags) == 10  # every sheet printed whole
        inside = [b for b in lines if any(_within(b, t) for t in tags)]
        assert len(inside) == 2 * len(tags)  # a line for the name, one for the asal
        assert all((b.right - b.left) / MM == pytest.approx(84, abs=0.05) for b in inside)


@pytest.mark.parametrize(
    ("paper", "per_page", "size"),
    [("F4", 10, (90, 55)), ("Letter", 8, (90, 55)), ("A5", 4, (55, 90))],
)
def test_other_papers_take_the_same_tags_on_a_grid_that_fits(project, paper, per_page, size):
    path = built_tags(project, paper=paper)
    tags = tags_of(drawing(path)[0][0])
    assert len(tags) == per_page
    for tag in tags:
        assert tag.size_mm == pytest.approx(size, abs=0.3)
    assert not print_faults(path)


def test_a_call_name_too_long_even_at_its_least_size_is_set_smaller_with_a_warning(
    project, tmp_path
):
    roster = write(
        tmp_path / "peserta.csv", "nama,panggilan\nAni,Kusumawardhaninggadaskewaoelnasi\n"
    )
    where = Options(regions=["nasional"], roles=[ROLE], kinds=["nametag"], roster=roster)
    report = build(project, where)
    warned = [w for w in report.warnings if "does not fit on its name tag" in w.message]
    assert warned and "Kusumawardhaninggadaskewaoelnasi" in warned[0].message
    assert warned[0].file.endswith("peserta.csv") and warned[0].line == 2  # its row
    assert "panggilan" in warned[0].hint
    (document,) = report.documents
    assert tags_of(drawing(document.path)[0][0])[0].size_mm == pytest.approx((90, 55), abs=0.3)


def test_kartu_nama_is_still_understood_with_a_warning(project):
    result = CliRunner().invoke(
        cli, ["build", "--project", str(project), "--region", "nasional", "--doc", "kartu-nama"]
    )
    assert result.exit_code == 0, result.output
    assert "`kartu-nama` is now called `tanda-pengenal`" in result.output
    built = {p.name for p in (project / "build" / "nasional").rglob("*.pdf")}
    assert built == {"tanda-pengenal.pdf"}


def test_kartu_nama_handed_out_in_the_plan_is_read_with_a_warning_at_its_line(project):
    plan = project / "content" / "workshop.yaml"
    text = plan.read_text(encoding="utf-8").replace("- tanda-pengenal", "- kartu-nama")
    write(plan, text)
    setup = check(project, Options(regions=["nasional"]))
    line = text.splitlines().index("          - kartu-nama") + 1
    assert [(w.file, w.line) for w in setup.warnings if "kartu-nama" in w.message] == [
        ("content/workshop.yaml", line)
    ]


@pytest.mark.parametrize(
    ("name", "call"),
    [
        (LONG, "Maria"),
        ("Drs. H. Yohanes Bria Seran, M.Si.", "Yohanes"),
        ("Hj. Siti Nurhaliza, S.Pd.", "Siti"),
        ("M. Yusuf", "Yusuf"),
        ("I Wayan Sudarta", "Wayan"),
        ("Budi", "Budi"),
        ("Dr.", "Dr."),
    ],
)
def test_the_call_name_is_the_first_word_that_is_no_title(name, call):
    assert call_name(name) == call


def test_a_booklet_build_prints_the_tags_on_its_sheet_unfolded(project):
    path = built_tags(project, booklet=True)
    assert not list(path.parent.glob("tanda-pengenal-*.pdf"))  # no booklet of them
    width, height = (float(d) / MM for d in PdfReader(path).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    assert len(tags_of(drawing(path)[0][0])) == 10
