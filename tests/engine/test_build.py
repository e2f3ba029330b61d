"""End-to-end: build the shipped project and read the PDFs back as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import (
    LANDSCAPE,
    LOOSE_SHEETS,
    REPO,
    ROLE_OF_SEED,
    SEEDS,
    SMALL_ROLE,
    copy_project,
    kit,
    pdf_path,
    pdf_text,
    seed_sentences,
    write,
)
from modul import Options, build
from modul.content.loading import load_project
from modul.errors import ModulError
from modul.layout.catalog import load_catalog
from modul.layout.labels import load_labels

ROLES = sorted(ROLE_OF_SEED.values())
KINDS = load_catalog(REPO).documents
NAMES = {kind.file: load_labels(REPO)[kind.label] for kind in KINDS}  # "Bahan Bacaan", …
A4 = (595.28, 841.89)


def all_pdfs(root: Path) -> list[Path]:
    return [pdf_path(root, role, kind.file) for role in ROLES for kind in KINDS]


EDITIONS = ["nasional", "ntb-mitra", "ntt", "sumbar"]


def test_build_writes_every_edition_at_documented_paths(built):
    written = sorted(p.relative_to(built).as_posix() for p in (built / "build").rglob("*.pdf"))
    assert written == sorted(
        f"build/{edition}/{role}/{kind.file}"
        for edition in EDITIONS
        for role in ROLES
        for kind in KINDS
    )


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_sentence_is_in_the_handout(built, seed):
    text = pdf_text(pdf_path(built, ROLE_OF_SEED[seed.name[:3]], "bahan-bacaan.pdf"))
    text = text.replace("… …", ", ")  # a sentence cut between Harapan and Kenyataan
    for sentence in seed_sentences(seed):
        assert sentence in text, sentence


@pytest.mark.parametrize("role", ROLES)
def test_realities_are_in_the_guide_and_not_on_the_worksheet(built, role):
    pairs = load_project(built).roles[role].ekspektasi_realita
    worksheet = pdf_text(pdf_path(built, role, "lembar-kerja.pdf"))
    guide = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
    for pair in pairs:
        assert pair.realita not in worksheet
        assert pair.realita in guide
        assert pair.ekspektasi.rstrip(",") in worksheet


@pytest.mark.parametrize("role", ROLES)
def test_quiz_answers_only_in_the_guide(built, role):
    quiz = load_project(built).roles[role].kuis
    worksheet = pdf_text(pdf_path(built, role, "lembar-kerja.pdf"))
    guide = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
    for item in quiz:
        assert item.pernyataan in worksheet
        assert item.penjelasan not in worksheet
        assert item.penjelasan in guide


def test_worksheet_has_every_part_scale_and_identity_fields(built):
    project = load_project(built)
    text = pdf_text(pdf_path(built, ROLES[0], "lembar-kerja.pdf"))
    for part in project.national.worksheet.bagian:
        assert f"{part.kode} {part.judul}" in text
    for label in ("Nama", "Tanggal", "Desa/Kelurahan", "SS", "STS", "Benar", "Salah"):
        assert label in text
    for statement in project.roles[ROLES[0]].penilaian_diri:
        assert statement.pernyataan in text


def test_document_name_and_role_on_the_first_page(built):
    for role in ROLES:
        title = load_project(built).roles[role].nama
        for filename, name in NAMES.items():
            if filename in LOOSE_SHEETS:
                continue
            first = PdfReader(pdf_path(built, role, filename)).pages[0].extract_text()
            assert name.upper() in first.upper() and title in first  # "TES AWAL" on forms


def test_page_size_fonts_and_page_numbers(built):
    for path in all_pdfs(built):
        reader = PdfReader(path)
        pages = len(reader.pages)
        size = A4[::-1] if path.name in LANDSCAPE else A4
        for number, page in enumerate(reader.pages, 1):
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == size
            if path.name not in LOOSE_SHEETS:
                assert f"Halaman {number} dari {pages}" in " ".join(page.extract_text().split())
        fonts = embedded_fonts(reader)
        assert fonts and all(fonts.values()), f"{path.name}: not embedded: {fonts}"
        assert all("PlusJakartaSans" in name for name in fonts)


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → whether the font program is embedded (FontFile2 for TrueType)."""
    found: dict[str, bool] = {}

    def visit(resources) -> None:
        fonts = resources.get("/Font", {}) if resources else {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = bool(
                descriptor
                and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
            )
        for xobject in (resources.get("/XObject", {}) if resources else {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def test_metadata(built):
    role = ROLES[1]
    workshop = load_project(built).national.workshop
    reader = PdfReader(pdf_path(built, role, "panduan-fasilitator.pdf"))
    info = reader.metadata
    assert info.title == "Panduan Fasilitator: Konsultan Kelompok Masyarakat"
    assert info.author == workshop.penyelenggara
    assert info.subject == workshop.judul
    assert reader.trailer["/Root"]["/Lang"] == "id-ID"


def test_bookmarks_follow_the_sections(built):
    reader = PdfReader(pdf_path(built, ROLES[0], "bahan-bacaan.pdf"))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == ["Tujuan Pembelajaran", "Mengenal Peran Ini", "Siapa yang Cocok?"]
    assert "Harapan dan Kenyataan" in top
    nested = [i.title for group in reader.outline if isinstance(group, list) for i in group]
    assert "Tugas Utama" in nested
    guide = PdfReader(pdf_path(built, ROLES[0], "panduan-fasilitator.pdf"))
    assert {"Jadwal", "Proses Penyajian", "Acuan Pembahasan dan Kunci Jawaban"} <= {
        i.title for i in guide.outline if not isinstance(i, list)
    }


def test_agenda_lists_sessions_and_the_total(built):
    workshop = load_project(built).national.workshop
    text = pdf_text(pdf_path(built, ROLES[2], "panduan-fasilitator.pdf"))
    agenda = text[text.index("Jadwal") : text.index("Persiapan")]
    for row in workshop.agenda:
        assert f"{row.start}–{row.end} {row.session.menit}" in agenda
    assert f"Jumlah {workshop.total_menit}" in agenda
    total = workshop.total_menit
    jpl = f"{total // 45} JPL ({total} menit)" if total % 45 == 0 else f"{total} menit"
    assert f"Waktu: {jpl}" in text


def test_scoring_ranges_printed_match_the_number_of_statements(built):
    role = load_project(built).roles[ROLES[0]]
    text = pdf_text(pdf_path(built, ROLES[0], "lembar-kerja.pdf"))
    n = len(role.penilaian_diri)
    assert f"{n}–" in text and f"–{4 * n}" in text
    numbers = [str(i) for i in role.reversed_numbers]
    assert f"nomor {', '.join(numbers[:-1])}, dan {numbers[-1]}" in text  # EYD V series


def test_same_input_gives_identical_bytes(built, tmp_path):
    """One role's documents in every edition, made again in another copy, in one process
    (`built` was made by `modul build` on every core)."""
    again = copy_project(tmp_path / "again")
    made = build(again, Options(roles=[SMALL_ROLE])).documents
    assert len(made) == len(KINDS) * len(EDITIONS)
    for document in made:
        first = built / document.path.relative_to(again)
        assert first.read_bytes() == document.path.read_bytes(), first


def test_markup_characters_in_content_print_literally(project):
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "nama: Konselor Pemberdayaan Masyarakat",
        'nama: "Konselor <b>A&amp;B</b> {{ x }} {% if %} <para>"',
    )
    write(path, text)
    build(project, Options(roles=["konselor-pemberdayaan-masyarakat"], kinds=["handout"]))
    first = (
        PdfReader(pdf_path(project, "konselor-pemberdayaan-masyarakat", "bahan-bacaan.pdf"))
        .pages[0]
        .extract_text()
    )
    assert "Konselor <b>A&amp;B</b> {{ x }} {% if %} <para>" in " ".join(first.split())


def test_a_problem_stops_the_build_before_anything_is_written(project):
    build(project, Options(kinds=["handout"]))
    before = {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")}
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    write(path, path.read_text(encoding="utf-8").replace("nama:", "namaa:"))
    with pytest.raises(ModulError):
        build(project)
    after = {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")}
    assert after == before, "earlier PDFs are untouched and nothing new was written"


def test_no_temporary_files_are_left_behind(built):
    leftovers = [
        p
        for p in (built / "build").rglob("*")
        if p.name.startswith(".") and p.name != ".modul-manifest.json"
    ]
    assert leftovers == []


def test_role_and_document_filters(project):
    report = build(
        project,
        Options(regions=["nasional"], roles=["konsultan-kelompok-masyarakat"], kinds=["worksheet"]),
    )
    assert [d.path.relative_to(project).as_posix() for d in report.documents] == [
        "build/nasional/konsultan-kelompok-masyarakat/lembar-kerja.pdf"
    ]
    with pytest.raises(ModulError, match="unknown role `konsultan`"):
        build(project, Options(roles=["konsultan"]))


def test_a_fourth_role_needs_only_one_yaml_file(small_project):
    project = small_project  # its region too: the new role is in every edition
    roles = project / "content" / "roles"
    source = (roles / f"{SMALL_ROLE}.yaml").read_text(encoding="utf-8")
    write(
        roles / "pendamping-desa.yaml",
        source.replace("nama: Konsultan Pemberdayaan Masyarakat", "nama: Pendamping Desa"),
    )
    report = build(project, Options(roles=["pendamping-desa"]))
    assert len(report.documents) == kit(project).per_role
    text = pdf_text(pdf_path(project, "pendamping-desa", "panduan-fasilitator.pdf"))
    assert re.search(r"Panduan Fasilitator .*Pendamping Desa", text)


def test_table_cell_longer_than_a_page_continues_on_the_next_page(project):
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    text = path.read_text(encoding="utf-8")
    sentence = "Penjelasan yang sangat panjang nomor {}."
    long = " ".join(sentence.format(n) for n in range(400))
    write(path, text.replace("penjelasan: ", f"penjelasan: {long} ", 1))
    report = build(
        project,
        Options(regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"], kinds=["guide"]),
    )
    guide = pdf_text(report.documents[0].path)
    header = "No Pernyataan Jawaban Penjelasan "  # repeated on each page the cell runs onto
    for n in range(400):
        assert re.search(
            sentence.format(n).replace(" ", f" (?:{header})?").replace(".", r"\."), guide
        ), n


def test_what_a_build_sets_aside_from_garbage_collection_is_given_back(project):
    """A build keeps the checked content out of the collector's full passes while it
    lays pages out; a long-running `modul serve` must not keep it there after."""
    import gc

    build(project, Options(regions=["ntt"], kinds=["lembar-kerja"], jobs=1))
    assert gc.get_freeze_count() == 0
    (project / "layouts/default/worksheet.xml.j2").write_text("<document>", encoding="utf-8")
    with pytest.raises(ModulError):
        build(project, Options(regions=["ntt"], kinds=["lembar-kerja"], jobs=1, force=True))
    assert gc.get_freeze_count() == 0
