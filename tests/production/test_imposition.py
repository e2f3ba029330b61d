"""Paper sizes and A5 booklets: page sizes, and the order of pages on folded sheets."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from conftest import LANDSCAPE, SMALL_ROLE, kit
from modul import Options, build
from modul.production.imposition import saddle_stitch_order

SIZES = {"A4": (210, 297), "F4": (215, 330), "Letter": (216, 279), "A5": (148, 210)}


def mm(points) -> int:
    return round(float(points) / 72 * 25.4)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (5, [(None, 1), (2, None), (None, 3), (4, 5)]),
        (1, [(None, 1), (None, None)]),
    ],
)
def test_saddle_stitch_order(pages, expected):
    assert saddle_stitch_order(pages) == expected


def test_every_page_number_appears_once_whatever_the_count():
    for pages in range(1, 30):
        numbers = [n for side in saddle_stitch_order(pages) for n in side if n]
        assert sorted(numbers) == list(range(1, pages + 1))
        assert len(saddle_stitch_order(pages)) % 2 == 0  # front and back of whole sheets


@pytest.mark.parametrize("paper", list(SIZES))
@pytest.mark.parametrize(
    "roles",
    [
        pytest.param([SMALL_ROLE], id="one-role"),
        pytest.param([], marks=pytest.mark.slow, id="every-role"),  # [] is every role
    ],
)
def test_every_document_lays_out_on_every_paper(project, paper, roles):
    report = build(project, Options(regions=["nasional"], roles=roles, paper=paper))
    size = kit(project)
    assert len(report.documents) == len(size.documents) * len(roles or size.roles)
    for document in report.documents:
        size = SIZES[paper][::-1] if document.path.name in LANDSCAPE else SIZES[paper]
        for page in PdfReader(document.path).pages:
            assert (mm(page.mediabox.width), mm(page.mediabox.height)) == size
    # no word cut for a narrow column, no nearly empty page, no lone heading, …
    assert report.warnings == [], "\n".join(map(str, report.warnings))
    assert {d.pages for d in report.documents if d.path.name == "jadwal-pelaksanaan.pdf"} == {1}


def test_a5_sets_text_smaller_and_keeps_the_footer_whole(project):
    pages = {}
    for paper in ("A4", "A5"):  # the same file, written twice: read it in between
        (guide,) = build(
            project,
            Options(
                regions=["nasional"],
                roles=["konselor-pemberdayaan-masyarakat"],
                kinds=["guide"],
                paper=paper,
                force=True,
            ),
        ).documents
        pages[paper] = PdfReader(guide.path).pages
    assert body_size(*pages["A5"]) == pytest.approx(
        body_size(*pages["A4"]) * 0.82, abs=0.05
    )  # font_scale_a5
    footer = "Pelatihan Mengenal Peran Pendamping Pemberdayaan Masyarakat 2026"
    text = " ".join(pages["A5"][1].extract_text().split())
    assert footer in text and "…" not in text


def body_size(*pages) -> float:
    """The most common font size on the pages (one page's can tie with its tables')."""
    sizes: list[float] = []
    for page in pages:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: (
                sizes.append(round(size * tm[0], 2)) if text.strip() else None
            )
        )
    return max(set(sizes), key=sizes.count)


def test_booklet_sheets_read_in_order_when_folded(project):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils (as .ci/run does)")
    report = build(
        project,
        Options(
            regions=["ntt"],
            roles=["konselor-pemberdayaan-masyarakat"],
            kinds=["worksheet"],
            booklet=True,
        ),
    )
    pages_pdf, booklet_pdf = (d.path for d in report.documents)
    assert booklet_pdf.name == "lembar-kerja-buklet.pdf"
    pages = len(PdfReader(pages_pdf).pages)
    sheet = PdfReader(booklet_pdf)
    first = PdfReader(pages_pdf).pages[0].mediabox
    assert (mm(first.width), mm(first.height)) == SIZES["A5"]
    assert (mm(sheet.pages[0].mediabox.width), mm(sheet.pages[0].mediabox.height)) == (330, 215)
    width, height = (float(v) for v in sheet.pages[0].mediabox[2:])
    found = []
    for number in range(1, len(sheet.pages) + 1):
        halves = []
        for left in (0, width / 2):
            text = subprocess.run(
                [
                    pdftotext,
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-x",
                    str(int(left)),
                    "-y",
                    "0",
                    "-W",
                    str(int(width / 2)),
                    "-H",
                    str(int(height)),
                    str(booklet_pdf),
                    "-",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            label = re.search(r"Halaman (\d+) dari (\d+)", text)
            halves.append(int(label.group(1)) if label else None)
            assert not label or int(label.group(2)) == pages
        found.append(tuple(halves))
    assert found == saddle_stitch_order(pages)


def test_booklet_is_the_same_bytes_every_time(project):
    """Reproducible output covers the imposed sheets too (pikepdf's add_overlay names
    each placed page at random)."""
    where = Options(
        regions=["nasional"],
        roles=["konselor-pemberdayaan-masyarakat"],
        kinds=["worksheet"],
        booklet=True,
        force=True,
    )
    first = {d.path: d.path.read_bytes() for d in build(project, where).documents}
    again = {d.path: d.path.read_bytes() for d in build(project, where).documents}
    assert len(first) == 2 and first == again
