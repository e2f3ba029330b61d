"""Workshop packets: cover, contents with page numbers, the documents unchanged, bookmarks."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import kit
from modul import Options, build
from modul.layout.labels import load_labels

ROLE = "konsultan-kelompok-masyarakat"


def document_names(project) -> list[str]:
    """The display names of the catalog's documents, in packet order ("Bahan Bacaan", …)."""
    labels = load_labels(project)
    return [labels[kind.label] for kind in kit(project).documents]


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_packet_joins_the_documents_behind_cover_and_contents(project):
    report = build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    *documents, packet = (d.path for d in report.documents)
    assert packet.name == "paket-pelatihan.pdf"
    joined = PdfReader(packet)
    singles = [PdfReader(path) for path in documents]
    front = len(joined.pages) - sum(len(r.pages) for r in singles)
    assert front >= 3  # the Sampul, the foreword, then the contents
    first = " ".join(joined.pages[0].extract_text().split())
    organiser = "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Sumatera Barat"
    assert "Paket Pelatihan Konsultan Kelompok Masyarakat" in first
    assert f"Provinsi Sumatera Barat {organiser} Padang · 2026" in first
    assert len(joined.pages[0].images) == 1  # the region's logo, large
    contents = " ".join(" ".join(p.extract_text().split()) for p in joined.pages[2:front])
    page = front + 1
    for reader, name in zip(singles, document_names(project), strict=True):
        assert re.search(rf"{name} {page}\b", contents), (name, page)
        for n, single in enumerate(reader.pages):  # each page exactly as in the single file
            assert joined.pages[page - 1 + n].extract_text() == single.extract_text()
        page += len(reader.pages)


def test_packet_bookmarks_nest_sections_under_their_document(project):
    report = build(project, Options(regions=["nasional"], roles=[ROLE], packet=True))
    joined = PdfReader(report.documents[-1].path)
    marks = outline(joined)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    *documents, _ = report.documents
    front = len(joined.pages) - sum(len(PdfReader(d.path).pages) for d in documents)
    starts, page = [], front + 1  # behind the cover and the contents
    for name, document in zip(document_names(project), documents, strict=True):
        starts.append((name, page))
        page += len(PdfReader(document.path).pages)
    assert top == [("Kata Pengantar", 2), ("Daftar Isi", 3), *starts]
    handout_pages = len(PdfReader(report.documents[0].path).pages)
    worksheet_pages = len(PdfReader(report.documents[1].path).pages)
    under_worksheet = marks[[m[1] for m in marks].index("Lembar Kerja") + 1]
    assert under_worksheet == (1, "LK-1 Ekspektasi dan Realita", front + 1 + handout_pages)
    single = outline(PdfReader(report.documents[2].path))
    key = next(m for m in single if m[1] == "Kunci Jawaban")
    assert (1, "Kunci Jawaban", key[2] + front + handout_pages + worksheet_pages) in marks


@pytest.mark.parametrize(
    "later",
    [
        Options(regions=["sumbar"], roles=[ROLE], paper="F4"),  # other paper, no packet
        Options(regions=["sumbar"], roles=[ROLE], kinds=["handout"], force=True),
    ],
)
def test_a_packet_is_removed_when_its_documents_are_made_again_without_it(project, later):
    """After --packet, a build with other paper (or an edited text) left the packet with
    the old pages, looking current."""
    build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    packet = project / "build" / "sumbar" / ROLE / "paket-pelatihan.pdf"
    assert packet.is_file()
    report = build(project, later)
    assert not packet.exists() and packet in report.removed
    again = build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    assert packet.is_file() and packet in [d.path for d in again.documents]


def test_a_packet_stays_when_nothing_of_its_role_is_made_again(project):
    build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    report = build(project, Options(regions=["sumbar"], roles=[ROLE]))
    assert report.documents == [] and report.removed == []
    assert (project / "build" / "sumbar" / ROLE / "paket-pelatihan.pdf").is_file()
