"""The two packets of a role, read back from the PDFs: one running page number that
equals the page's place in the packet and the Daftar Isi, the Daftar Isi on one page with
dot leaders, the binder in the catalog's order and marked, the participants' book without
guide or key, and each packet folded in a booklet build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SMALL_REGION, SMALL_ROLE, pages_of_words, small_copy, write
from modul import Options, build
from modul.layout.catalog import load_catalog
from modul.layout.labels import load_labels

BINDER, BOOK = "paket-fasilitator.pdf", "buku-peserta.pdf"
MARKING = "Untuk fasilitator — tidak dibagikan kepada peserta"
LOOSE = {"Kartu Nama", "Tanda Pengenal", "Sertifikat"}  # sheets without a running foot
FOOT_BAND = 60  # points above the paper's lower edge where the folio stands


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One role's documents and packets for NTT, on A4."""
    root = small_copy(tmp_path_factory.mktemp("packets") / "project")
    build(root, Options(regions=[SMALL_REGION], paper="A4", packet=True))
    return root / "build" / SMALL_REGION / SMALL_ROLE


@pytest.fixture(scope="module")
def folded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, as a booklet build (A5 pages, folded on A4 sheets)."""
    root = small_copy(tmp_path_factory.mktemp("folded") / "project")
    build(root, Options(regions=[SMALL_REGION], paper="A4", packet=True, booklet=True))
    return root / "build" / SMALL_REGION / SMALL_ROLE


def folios(path: Path) -> list[int | None]:
    """The page number printed in each page's foot ("Halaman 17"), None where none is."""
    found: list[int | None] = []
    for _, height, words in pages_of_words(path):
        foot = [w.text for w in words if w.top > height - FOOT_BAND]
        numbers = [int(b) for a, b in zip(foot, foot[1:]) if a == "Halaman" and b.isdigit()]
        assert len(numbers) <= 1 and "dari" not in foot, foot  # no "Halaman 3 dari 12"
        found.append(numbers[0] if numbers else None)
    return found


def contents(path: Path) -> tuple[int, list[tuple[str, int]]]:
    """The Daftar Isi's page (1-based) and its lines: (title, page number)."""
    reader = PdfReader(path)
    page = next(n for n, p in enumerate(reader.pages, 1) if "Daftar Isi" in p.extract_text())
    lines = []
    for line in reader.pages[page - 1].extract_text().splitlines():
        if match := re.match(r"^(.+?)\s*(?:\. ?){3,}\s*(\d+)$", line.strip()):
            lines.append((match[1].strip(), int(match[2])))
    return page, lines


def page_texts(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def names(root: Path) -> dict[str, str]:
    labels = load_labels(root)
    return {kind.id: labels[kind.label] for kind in load_catalog(root).documents}


def starts(path: Path) -> list[tuple[str, int]]:
    """Each top-level bookmark (the front's pages, then each document) and its page."""
    reader = PdfReader(path)
    return [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


@pytest.mark.parametrize("packet", [BINDER, BOOK])
def test_every_page_but_the_cover_and_loose_sheets_shows_its_place_in_the_packet(folder, packet):
    printed = folios(folder / packet)
    marks = starts(folder / packet) + [("", len(printed) + 1)]
    loose = {
        page
        for (title, first), (_, after) in zip(marks, marks[1:])
        if title in LOOSE
        for page in range(first, after)
    }
    unnumbered = {n for n, folio in enumerate(printed, 1) if folio is None}
    assert unnumbered == {1} | loose  # the cover, the name tags and the certificate
    assert all(folio == n for n, folio in enumerate(printed, 1) if folio is not None)


@pytest.mark.parametrize("packet", [BINDER, BOOK])
def test_each_contents_entry_is_the_printed_folio_of_its_page(folder, packet):
    path = folder / packet
    page, lines = contents(path)
    texts, printed = page_texts(path), folios(path)
    assert page == 3 and len(lines) >= 5
    loose = 0
    for title, number in lines:
        assert number > page
        if printed[number - 1] is None:  # a sheet without a foot: counted, unnumbered
            loose += 1
            assert title in LOOSE, title
            continue
        assert printed[number - 1] == number
        assert title.upper() in texts[number - 1].upper(), (title, number)  # forms: DAFTAR HADIR
    assert loose <= 2


@pytest.mark.parametrize("packet", [BINDER, BOOK])
def test_the_contents_fit_one_page_with_dot_leaders(folder, packet):
    path = folder / packet
    page, lines = contents(path)
    text = PdfReader(path).pages[page - 1].extract_text()
    assert ". . . . . ." in text
    assert lines[0][1] == page + 1  # the first document follows at once


def test_the_binder_holds_the_documents_in_the_catalogs_order(folder):
    root = folder.parents[2]
    binder = next(p for p in load_catalog(root).packets if p.file == BINDER)
    called = names(root)
    expected = [called[name] for name in binder.documents]
    top = [item.title for item in PdfReader(folder / BINDER).outline if not isinstance(item, list)]
    assert top == ["Kata Pengantar", "Daftar Isi", *expected]
    assert expected[:2] == ["Jadwal Pelaksanaan", "Panduan Fasilitator"]
    last = PdfReader(folder / BINDER).pages[-1]  # the certificate stays landscape
    assert expected[-1] == "Sertifikat" and last.mediabox.width > last.mediabox.height


def test_the_binder_is_marked_for_facilitators_on_the_cover_and_every_foot(folder):
    texts, printed = page_texts(folder / BINDER), folios(folder / BINDER)
    assert "PAKET FASILITATOR" in texts[0] and MARKING in texts[0]
    assert all(MARKING in t for t, folio in zip(texts, printed) if folio is not None)


def test_the_participants_book_holds_no_guide_and_no_key(folder):
    text = " ".join(page_texts(folder / BOOK))
    assert "Panduan Fasilitator" not in text and "Kunci" not in text
    assert "LK-1" in text and "BUKU PESERTA" in text
    assert "Nama" in page_texts(folder / BOOK)[0]  # a line for the owner's name
    assert "Bahan Bacaan tidak dijilid dalam buku ini" in text  # the insert, named
    assert "Selamat datang di pelatihan ini" in text  # a foreword to participants
    assert MARKING not in text


def test_the_foreword_is_signed_by_the_first_signatory(folder):
    foreword = page_texts(folder / BINDER)[1]
    assert "Kata Pengantar" in foreword
    assert "Kepala Dinas Pemberdayaan Masyarakat dan Desa" in foreword
    assert "Drs. Yohanes Bria Seran, M.Si." in foreword


def test_the_cover_has_no_running_head_or_foot(folder):
    _, height, words = pages_of_words(folder / BINDER)[0]
    assert not [w.text for w in words if w.top > height - FOOT_BAND or w.bottom < FOOT_BAND]


def test_a_booklet_build_folds_each_packet_and_leaves_the_certificate_out(folded):
    for packet in (BINDER, BOOK):
        flat = PdfReader(folded / packet)
        sheets = PdfReader(folded / packet.replace(".pdf", "-buklet.pdf"))
        sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in flat.pages}
        assert sizes == {(420, 595)}  # A5 portrait only
        assert len(sheets.pages) == -(-len(flat.pages) // 4) * 2
        sheet = sheets.pages[0]
        assert (round(sheet.mediabox.width), round(sheet.mediabox.height)) == (842, 595)
    page, lines = contents(folded / BINDER)
    text = PdfReader(folded / BINDER).pages[page - 1].extract_text()
    assert "Sertifikat" not in [title for title, _ in lines]
    assert "dan Sertifikat tidak dimuat dalam buklet ini" in " ".join(text.split())
    printed = folios(folded / BINDER)
    assert all(folio == n for n, folio in enumerate(printed, 1) if folio is not None)


def test_a_packet_naming_a_document_the_catalog_lacks_is_located(tmp_path):
    from conftest import problems_of

    root = small_copy(tmp_path / "project")
    catalog = root / "layouts" / "default" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8").replace(
        "documents: [worksheet]", "documents: [worksheets]"
    )
    write(catalog, text)
    problems = problems_of(root, lambda r: build(r, Options(packet=True)))
    assert any("worksheets" in p.message and "worksheet" in p.hint for p in problems)


def test_the_old_packet_is_removed_by_the_next_packet_build(tmp_path):
    """A folder built by a modul that made paket-pelatihan.pdf (an older catalog's single
    `packet:`, still read) loses that file to the two packets of the next build."""
    root = small_copy(tmp_path / "project")
    catalog = root / "layouts" / "default" / "catalog.yaml"
    new = catalog.read_text(encoding="utf-8")
    old = new[: new.index("packets:")] + (
        "packet: {id: packet, template: packet.xml.j2, file: paket-pelatihan.pdf, "
        "label: doc_packet}\n"
    )
    write(catalog, old)
    options = Options(regions=[SMALL_REGION], roles=[SMALL_ROLE], packet=True)
    warnings = build(root, options).warnings
    (warned,) = [w for w in warnings if w.file == "layouts/default/catalog.yaml"]
    assert (warned.file, warned.line) == ("layouts/default/catalog.yaml", old.count("\n"))
    assert "`packets:`" in warned.hint
    folder = root / "build" / SMALL_REGION / SMALL_ROLE
    assert (folder / "paket-pelatihan.pdf").is_file()
    write(catalog, new)
    report = build(root, options)
    assert not (folder / "paket-pelatihan.pdf").exists()
    assert folder / "paket-pelatihan.pdf" in report.removed
    assert (folder / BINDER).is_file() and (folder / BOOK).is_file()
