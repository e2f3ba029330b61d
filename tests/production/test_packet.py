"""Workshop packets: cover, contents with page numbers, the documents' pages as in their
single files (but the running foot), bookmarks, and a packet removed with its pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FURNITURE_BAND
from modul import Options, build
from modul.layout.catalog import load_catalog
from modul.layout.labels import load_labels

ROLE = "konsultan-kelompok-masyarakat"


BINDER = "paket-fasilitator.pdf"


def document_names(project) -> list[str]:
    """The display names of the binder's documents, in its order ("Jadwal Pelaksanaan", …)."""
    labels = load_labels(project)
    catalog = load_catalog(project)
    binder = next(p for p in catalog.packets if p.file == BINDER)
    return [labels[kind.label] for kind in catalog.packet_documents(binder)]


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def body(page) -> str:
    """A page's text without its running foot, the one line a packet prints anew."""
    parts: list[str] = []

    def above_the_foot(text, cm, tm, font, size):
        if cm[5] + tm[5] > FURNITURE_BAND:
            parts.append(text)

    page.extract_text(visitor_text=above_the_foot)
    return " ".join("".join(parts).split())


def singles(project, report) -> list[Path]:
    """The single files of the binder's documents, in its order."""
    made = {d.path.name: d.path for d in report.documents}
    binder = next(p for p in load_catalog(project).packets if p.file == BINDER)
    return [made[kind.file] for kind in load_catalog(project).packet_documents(binder)]


def test_the_binder_joins_the_documents_behind_cover_and_contents(project):
    report = build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    packet = next(d.path for d in report.documents if d.path.name == BINDER)
    joined = PdfReader(packet)
    documents = [PdfReader(path) for path in singles(project, report)]
    front = len(joined.pages) - sum(len(r.pages) for r in documents)
    assert front == 3  # the Sampul, the foreword, then the contents
    first = " ".join(joined.pages[0].extract_text().split())
    organiser = "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Sumatera Barat"
    assert "PAKET FASILITATOR Konsultan Kelompok Masyarakat" in first
    assert "Provinsi Sumatera Barat" in first and f"{organiser} Padang, 2026" in first
    assert len(joined.pages[0].images) == 1  # the region's logo
    contents = " ".join(joined.pages[2].extract_text().split())
    page = front + 1
    for reader, name in zip(documents, document_names(project), strict=True):
        assert re.search(rf"{name}[ .]* {page}\b", contents), (name, page)
        for n, single in enumerate(reader.pages):  # each page as in the single file
            assert body(joined.pages[page - 1 + n]) == body(single)
        page += len(reader.pages)


def test_packet_bookmarks_nest_sections_under_their_document(project):
    report = build(project, Options(regions=["nasional"], roles=[ROLE], packet=True))
    packet = next(d.path for d in report.documents if d.path.name == BINDER)
    joined = PdfReader(packet)
    marks = outline(joined)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    documents = singles(project, report)
    starts, page = [], 4  # behind the cover, the foreword and the contents
    for name, document in zip(document_names(project), documents, strict=True):
        starts.append((name, page))
        page += len(PdfReader(document).pages)
    assert top == [("Kata Pengantar", 2), ("Daftar Isi", 3), *starts]
    guide = dict(starts)["Panduan Fasilitator"]
    single = outline(PdfReader(documents[1]))
    key = next(m for m in single if m[1] == "Acuan Pembahasan dan Kunci Jawaban")
    assert (1, "Acuan Pembahasan dan Kunci Jawaban", key[2] + guide - 1) in marks


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
    packet = project / "build" / "sumbar" / ROLE / BINDER
    assert packet.is_file()
    report = build(project, later)
    assert not packet.exists() and packet in report.removed
    again = build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    assert packet.is_file() and packet in [d.path for d in again.documents]


def test_a_packet_stays_when_nothing_of_its_role_is_made_again(project):
    build(project, Options(regions=["sumbar"], roles=[ROLE], packet=True))
    report = build(project, Options(regions=["sumbar"], roles=[ROLE]))
    assert report.documents == [] and report.removed == []
    assert (project / "build" / "sumbar" / ROLE / BINDER).is_file()
