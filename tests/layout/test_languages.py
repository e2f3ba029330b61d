"""Participants' papers in the participants' language, the facilitators' in theirs
(region.yaml `bahasa_peserta`, `bahasa_fasilitator`; catalog.yaml `audience`), bilingual
titles ("id+en"), and the guide naming each paper by the title printed on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO, SMALL_ROLE, line_of, one_problem, pdf_text, small_copy, write
from modul import Options, build, check
from modul.content.source import read_yaml
from modul.layout.catalog import load_catalog

REGION = "ntb-mitra"
SETTINGS = f"content/regions/{REGION}/region.yaml"
LANGUAGES = "bahasa_peserta: id\nbahasa_fasilitator: id+en\n"  # as ntb-mitra ships


def labels(language: str) -> dict[str, str]:
    return yaml.safe_load((REPO / "layouts/labels" / f"{language}.yaml").read_text("utf-8"))


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z']+", re.sub(r"\{\w+\}", " ", text)))


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def content_words() -> set[str]:
    """Every word the shipped content prints (its texts, not its comments)."""
    files = (REPO / "content").rglob("*.yaml")
    return words(" ".join(s for p in files for s in strings(yaml.safe_load(p.read_text("utf-8")))))


def english_words() -> set[str]:
    """The words of the English labels that no Indonesian label or content text has:
    "Name", "Instructions", "Page", "Monday", "Strongly", …"""
    english, indonesian = labels("en"), labels("id")
    differing = " ".join(v for k, v in english.items() if v != indonesian.get(k))
    return words(differing) - words(" ".join(indonesian.values())) - content_words()


def found_english(text: str, vocabulary: set[str]) -> list[str]:
    return sorted(w for w in vocabulary if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text))


def participant_files(root: Path) -> list[str]:
    catalog = load_catalog(root)
    kinds = [*catalog.documents, *catalog.all_packets]
    return [k.file for k in kinds if k.audience == "participant"]


def set_languages(root: Path, written: str) -> Path:
    path = root / SETTINGS
    text = path.read_text("utf-8")
    assert LANGUAGES in text
    return write(path, text.replace(LANGUAGES, written))


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ntb-mitra as it ships, one role, every document and both packets."""
    root = small_copy(tmp_path_factory.mktemp("languages") / "project", regions=(REGION,))
    build(root, Options(regions=[REGION], roles=[SMALL_ROLE], packet=True))
    return root / "build" / REGION / SMALL_ROLE


def test_the_catalog_says_who_reads_each_document():
    catalog = load_catalog(REPO)
    audience = {k.id: k.audience for k in [*catalog.documents, *catalog.all_packets]}
    assert {k for k, v in audience.items() if v == "facilitator"} == {
        "guide",
        "runsheet",
        "facilitator-binder",
    }
    assert audience["certificate"] == audience["attendance"] == "participant"


def test_no_english_word_on_a_participants_paper(edition):
    vocabulary = english_words()
    assert {"Name", "Instructions", "Page", "Monday", "Certificate"} <= vocabulary
    files = participant_files(REPO)
    assert len(files) == 9  # 8 documents and the participants' book
    for name in files:
        text = pdf_text(edition / name, furniture=True)
        assert found_english(text, vocabulary) == [], name
        assert text.strip(), name


def test_the_detector_sees_english_where_participants_read_english(tmp_path):
    """The check above can fail: with `bahasa_peserta: en` the same papers are English."""
    root = small_copy(tmp_path / "project", regions=(REGION,))
    set_languages(root, "bahasa_peserta: en\nbahasa_fasilitator: id\n")
    build(root, Options(regions=[REGION], roles=[SMALL_ROLE], kinds=["worksheet", "certificate"]))
    folder = root / "build" / REGION / SMALL_ROLE
    worksheet = pdf_text(folder / "lembar-kerja.pdf", furniture=True)
    assert {"Name", "Instructions", "Page"} <= set(found_english(worksheet, english_words()))
    certificate = pdf_text(folder / "sertifikat.pdf")
    assert "(six) lesson hours" in certificate and "enam" not in certificate
    guide = folder / "panduan-fasilitator.pdf"
    assert not guide.exists()  # only the kinds asked for


def test_the_certificate_is_indonesian_with_hours_in_indonesian_words(edition):
    text = pdf_text(edition / "sertifikat.pdf")
    assert text.startswith("DINAS PMPD DUKCAPIL") and "SERTIFIKAT" in text.replace(" ", "")
    assert "selama 6 (enam) JPL" in text and "Koordinator Pelatihan Lembaga Mitra" in text
    assert " / " not in text  # one language on the page


def printed_title(path: Path) -> str:
    """The document's name as its PDF's title carries it: "Lembar Kerja: Konsultan …"."""
    return str(PdfReader(path).metadata.title).split(": ")[0]


def test_the_guide_names_each_participants_paper_by_its_printed_title(edition):
    guide = pdf_text(edition / "panduan-fasilitator.pdf", furniture=True)
    runsheet = pdf_text(edition / "jadwal-pelaksanaan.pdf", furniture=True)
    english, indonesian = labels("en"), labels("id")
    catalog = load_catalog(REPO)
    for key in catalog.bilingual_labels:  # a heading's English half may name a paper
        guide = guide.replace(f"{indonesian[key]} / {english[key]}", indonesian[key])
    for kind in catalog.documents:
        if kind.audience != "participant":
            continue
        title = printed_title(edition / kind.file)
        assert title == indonesian[kind.label], kind.file  # printed on the paper itself
        assert title in runsheet, kind.file  # its row in the copies table
        assert english[kind.label] not in guide + runsheet, kind.file
    for handed in ("Daftar Hadir", "Tes Awal", "Lembar Kerja", "Bahan Bacaan", "Tes Akhir"):
        assert handed in guide
    assert "Formulir Evaluasi" in guide and "Sertifikat" in runsheet


def test_the_facilitators_titles_are_bilingual_and_their_text_is_not(edition):
    guide = pdf_text(edition / "panduan-fasilitator.pdf", furniture=True)
    assert pdf_text(edition / "panduan-fasilitator.pdf").startswith(
        "Panduan Fasilitator / Facilitator Guide"
    )
    for heading in ("Persiapan / Preparation", "Jadwal / Schedule", "Pengantar / Introduction"):
        assert heading in guide
    assert "Kegiatan Fasilitator Kegiatan Peserta" in guide  # column heads: one language
    assert "Facilitator Activity" not in guide and "Halaman 1 dari" in guide
    assert PdfReader(edition / "panduan-fasilitator.pdf").trailer["/Root"]["/Lang"] == "id-ID"
    binder = pdf_text(edition / "paket-fasilitator.pdf", furniture=True)
    assert "Daftar Isi / Contents" in binder and "Kata Pengantar / Foreword" in binder
    book = pdf_text(edition / "buku-peserta.pdf", furniture=True)
    assert "Daftar Isi" in book and "Contents" not in book


def runs(path: Path, page: int) -> list[tuple[str, str]]:
    """A page's text runs with their fonts, as the PDF draws them."""
    found: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), str(font.get("/BaseFont", "")) if font else ""))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def test_the_second_language_is_in_italics_in_headings_only(edition):
    first = runs(edition / "panduan-fasilitator.pdf", 0)
    assert ("Pengantar /", "/AAAAAA+PlusJakartaSans-Bold") in first
    assert ("Introduction", "/AAAAAA+PlusJakartaSans-BoldItalic") in first
    # the document's own name stands in the title block's kind, upright
    assert ("Panduan Fasilitator / Facilitator Guide", "/AAAAAA+PlusJakartaSans-Bold") in first
    copies = runs(edition / "jadwal-pelaksanaan.pdf", 0)  # a table's cell: upright
    assert not [text for text, font in copies if "Italic" in font and "Guide" in text]
    italic = [text for text, font in runs(edition / "lembar-kerja.pdf", 0) if "Italic" in font]
    assert italic == []  # participants: one language


@pytest.mark.parametrize("old", ["bahasa_label", "bahasa"])
def test_the_one_old_language_key_sets_both_with_a_warning(tmp_path, old):
    root = small_copy(tmp_path / "project", regions=(REGION,))
    text = set_languages(root, f"{old}: en\n").read_text("utf-8")
    report = build(
        root, Options(regions=[REGION], roles=[SMALL_ROLE], kinds=["worksheet", "guide"])
    )
    [warning] = [w for w in report.warnings if "two keys" in w.message]
    assert (warning.file, warning.line) == (SETTINGS, line_of(text, f"{old}: en"))
    assert (
        warning.message == f"`{old}:` is now two keys, `bahasa_peserta:` and `bahasa_fasilitator:`"
    )
    assert "bahasa_peserta: en" in warning.hint and "bahasa_fasilitator: en" in warning.hint
    folder = root / "build" / REGION / SMALL_ROLE
    assert "Page 1 of" in pdf_text(folder / "lembar-kerja.pdf", furniture=True)
    assert pdf_text(folder / "panduan-fasilitator.pdf").startswith("Facilitator Guide ")


def test_the_new_keys_win_over_the_old_one(tmp_path):
    root = small_copy(tmp_path / "project", regions=(REGION,))
    set_languages(root, "bahasa_label: en\nbahasa_peserta: id\n")
    edition = check(root).project.editions[REGION]
    assert edition.languages == {"participant": "id", "facilitator": "en"}


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("bahasa_fasilitator: id+fr", "no labels for the language `fr`"),
        ("bahasa_fasilitator: id+id", "`id+id` is not one language or two different ones"),
        ("bahasa_fasilitator: id+en+id", "`id+en+id` is not one language or two different ones"),
        ("bahasa_peserta: inggris", "no labels for the language `inggris`"),
    ],
)
def test_a_language_without_labels_is_a_located_error(tmp_path, written, message):
    root = small_copy(tmp_path / "project", regions=(REGION,))
    key = written.split(":")[0]
    other = "bahasa_fasilitator: id" if key == "bahasa_peserta" else "bahasa_peserta: id"
    text = set_languages(root, f"{other}\n{written}\n").read_text("utf-8")
    problem = one_problem(root)
    assert (problem.file, problem.line) == (SETTINGS, line_of(text, written))
    assert problem.message == message
    assert (
        "use one of: en, id (files in layouts/labels/)" in problem.hint and "id+en" in problem.hint
    )


def test_a_bilingual_label_that_is_no_label_is_a_located_error(tmp_path):
    root = small_copy(tmp_path / "project", regions=(REGION,))
    path = root / "layouts/default/catalog.yaml"
    text = write(
        path, path.read_text("utf-8").replace("doc_nametag, contents", "doc_nametag, contens")
    )
    problem = one_problem(root, load=load_catalog)
    assert (problem.file, problem.line) == (
        "layouts/default/catalog.yaml",
        line_of(text.read_text("utf-8"), "contens"),
    )
    assert problem.message == "unknown label `contens`" and "`contents`" in problem.hint


def test_the_list_names_both_languages_where_they_differ():
    from modul.commands.inventory import describe, inventory

    found = inventory(REPO)
    lines = "\n".join(describe(found, REPO))
    (mitra,) = [r for r in found["regions"] if r["slug"] == REGION]
    assert (mitra["language"], mitra["facilitator_language"]) == ("id", "id+en")
    assert "labels `id` (participants), `id+en` (facilitators)" in lines
    assert "F4, labels `id`\n" in lines  # ntt: one language


def test_the_plan_naming_a_paper_by_a_title_it_does_not_carry_is_warned(tmp_path):
    """workshop.yaml is Indonesian: with participants' papers in English, its "Daftar
    Hadir" names a paper printed as "Attendance List"."""
    root = small_copy(tmp_path / "project", regions=(REGION,))
    assert not [w for w in check(root).warnings if "is printed as" in w.message]
    set_languages(root, "bahasa_peserta: en\nbahasa_fasilitator: en\n")
    warnings = [w for w in check(root).warnings if "is printed as" in w.message]
    [attendance] = [w for w in warnings if "Daftar Hadir" in w.message]
    assert attendance.file == "content/workshop.yaml" and attendance.line > 0
    assert re.fullmatch(
        r"“Daftar Hadir” \(here and in \d+ more texts?\) is printed as “Attendance List” "
        r"in ntb-mitra|“Daftar Hadir” is printed as “Attendance List” in ntb-mitra",
        attendance.message,
    )
    plan = read_yaml(root / "content/workshop.yaml", root)
    assert any(
        "Daftar Hadir" in node.value
        for node in plan.strings()
        if (node.origin.line, node.origin.column) == (attendance.line, attendance.column)
    )
    assert len(warnings) <= 9  # one for each title, not one for each text
