"""Every shipped edition builds on every paper and as booklets (issue 25): the whole
example in each mode, and every page of every PDF of the size asked for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import LANDSCAPE, copy_project, kit, print_faults
from modul import Options, build
from modul.content.loading import load_project
from modul.paper import SIZE_MM

MM = 72 / 25.4
BOOKLET_PAGES = "A5"
PACKETS = {"paket-fasilitator.pdf", "buku-peserta.pdf"}  # a folded packet: A5 pages only
MODES = {
    "A4": Options(paper="A4", jobs=2),
    "F4": Options(paper="F4", jobs=2),
    "Letter": Options(paper="Letter", jobs=2),
    "A5": Options(paper="A5", jobs=2),
    "booklet": Options(booklet=True, jobs=2),
    "packet-booklet": Options(packet=True, booklet=True, jobs=2),
}


def size_mm(page) -> tuple[int, int]:
    box = page.mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


def paper(name: str, *, landscape: bool = False) -> tuple[int, int]:
    width, height = (round(side) for side in SIZE_MM[name])
    return (height, width) if landscape else (width, height)


def sheet_of_each_edition(root: Path) -> dict[str, str]:
    """The sheet a booklet is printed on without --paper: the region's paper, else A4."""
    project = load_project(root)
    return {
        slug: (edition.region.kertas if edition.region and edition.region.kertas else "A4")
        for slug, edition in project.editions.items()
    }


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_the_whole_example_builds_on_the_paper_asked_for(tmp_path, mode):
    root = copy_project(tmp_path / "project")
    options = MODES[mode]
    report = build(root, options)
    pages = options.paper or BOOKLET_PAGES
    sheets = sheet_of_each_edition(root)
    loose = {document.file for document in kit(root).documents if document.loose}
    seen: Counter[str] = Counter()
    wrong = []
    for path in sorted((root / "build").rglob("*.pdf")):
        edition = path.relative_to(root / "build").parts[0]
        kind = "booklet" if path.stem.endswith("-buklet") else path.name
        seen["booklet" if kind == "booklet" else "document"] += 1
        for number, page in enumerate(PdfReader(path).pages, 1):
            if kind == "booklet":
                wanted = {paper(sheets[edition], landscape=True)}  # two A5 pages a side
            elif kind in loose and options.booklet:  # never imposed: on the sheet itself
                wanted = {paper(sheets[edition], landscape=kind in LANDSCAPE)}
            elif kind in PACKETS and not options.booklet:  # the certificate turned
                wanted = {paper(pages), paper(pages, landscape=True)}
            else:
                wanted = {paper(pages, landscape=kind in LANDSCAPE)}
            if size_mm(page) not in wanted:
                wrong.append(f"{path.relative_to(root)} p.{number}: {size_mm(page)} mm")
    assert wrong == []
    expected = kit(root)
    packets = len(expected.editions) * len(expected.roles) * len(PACKETS) if options.packet else 0
    assert seen["document"] == expected.total + packets
    assert len(report.documents) >= expected.total
    if options.booklet:
        assert seen["booklet"] > 0
    if mode == "A5":  # the smallest page, where long rows are cut: read by poppler too
        documents = sorted((root / "build").rglob("*.pdf"))
        assert [fault for pdf in documents for fault in print_faults(pdf)] == []
