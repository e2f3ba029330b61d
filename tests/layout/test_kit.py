"""The kit in the room: no participant holds an answer before the exercise it answers,
every document a step hands out is one the kit makes, and the new forms: Tes Awal and
Tes Akhir, Daftar Hadir, Formulir Evaluasi."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import (
    REPO,
    ROLE_OF_SEED,
    SEEDS,
    line_of,
    pdf_path,
    pdf_text,
    problems_of,
    shipped_line,
    write,
)
from modul import Options, build, check
from modul.content.loading import load_project

ROLES = [
    "konselor-pemberdayaan-masyarakat",
    "konsultan-kelompok-masyarakat",
    "konsultan-pemberdayaan-masyarakat",
]
WORKSHOP = "content/workshop.yaml"
CATALOG = "layouts/default/catalog.yaml"


def edit(project: Path, relative: str, old: str, new: str) -> str:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    write(path, text.replace(old, new, 1))
    return path.read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def in_order(sentence: str, text: str) -> bool:
    """The sentence's words in `text` in order: whole, though a table row that runs onto
    the next page has the repeated table head (and the row's other cells) in between."""
    words, found = sentence.split(), iter(text.split())
    return all(word in found for word in words)


# --- no answers before the exercise ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_exercise_sheets_hold_no_answer_and_the_reading_holds_them_all(built, role):
    content = load_project(built).national.roles[role]
    answers = [flat(p.realita) for p in content.ekspektasi_realita]
    answers += [flat(m.kebenaran) for m in content.miskonsepsi]
    answers += [flat(q.penjelasan) for q in content.kuis]
    for sheet in ("lembar-kerja.pdf", "tes-awal.pdf", "tes-akhir.pdf"):
        text = pdf_text(pdf_path(built, role, sheet))
        assert not [a for a in answers if a in text], sheet
    # the catalog says the reading holds the answers of LK-1 and LK-3: it does
    reading = pdf_text(pdf_path(built, role, "bahan-bacaan.pdf"))
    assert all(flat(p.realita) in reading for p in content.ekspektasi_realita)
    assert all(flat(m.kebenaran) in reading for m in content.miskonsepsi)


def test_the_shipped_plan_hands_out_the_reading_after_its_exercises():
    plan = load_project(REPO).national.workshop
    steps = [step for session in plan.sesi for step in session.langkah]
    first = {
        name: next(n for n, step in enumerate(steps) if name in step.bagikan + step.lembar_kerja)
        for name in ("bahan-bacaan", "tes-awal", "ekspektasi-realita", "kuis-miskonsepsi")
    }
    assert first["bahan-bacaan"] > max(first["tes-awal"], first["ekspektasi-realita"])
    assert first["bahan-bacaan"] > first["kuis-miskonsepsi"]


def test_handing_out_the_reading_first_is_an_error_at_that_line(project):
    text = edit(
        project,
        WORKSHOP,
        "        bagikan:\n          - daftar-hadir\n",
        "        bagikan:\n          - daftar-hadir\n          - bahan-bacaan\n",
    )
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.endswith("- bahan-bacaan"))
    problems = problems_of(project)
    assert {(p.file, p.line) for p in problems} == {(WORKSHOP, line)}
    messages = " ".join(p.message for p in problems)
    assert "`bahan-bacaan` is handed out in session 1, step 1" in messages
    for exercise in ("ekspektasi-realita", "kuis-miskonsepsi", "tes-awal"):
        assert f"holds the answers of `{exercise}`" in messages
    assert "which participants do only in session 2, step 2" in messages
    assert all("hand it out after that exercise" in p.hint for p in problems)


def test_a_document_the_kit_does_not_make_is_an_error(project):
    text = edit(project, WORKSHOP, "          - tes-akhir\n", "          - piagam\n")
    (problem,) = problems_of(project)
    assert (problem.file, problem.line) == (
        WORKSHOP,
        next(n for n, ln in enumerate(text.splitlines(), 1) if ln.endswith("- piagam")),
    )
    assert problem.message == "`piagam` is not a document of the kit"
    assert "tes-awal" in problem.hint and "daftar-hadir" in problem.hint


def test_catalog_answers_must_name_an_exercise(project):
    edit(project, CATALOG, "kuis-miskonsepsi, tes-awal]", "kuis-miskonsepsi, tes-awl]")
    (problem,) = problems_of(project)
    assert (problem.file, problem.line) == (CATALOG, shipped_line(CATALOG, "tes-awal]"))
    assert "`answers` names `tes-awl`" in problem.message and "tes-awal" in problem.hint


def test_catalog_read_before_must_name_an_exercise(project):
    """A typo there checked nothing at all: the build went on as if the rule were kept."""
    edit(project, CATALOG, "apakah-saya-cocok]}", "apakah-sya-cocok]}")
    (problem,) = problems_of(project)
    assert (problem.file, problem.line) == (CATALOG, shipped_line(CATALOG, "apakah-saya-cocok]}"))
    assert "`read_before` names `apakah-sya-cocok`" in problem.message
    assert "apakah-saya-cocok" in problem.hint


def test_a_form_no_step_hands_out_is_a_warning(project):
    edit(project, WORKSHOP, "        bagikan:\n          - formulir-evaluasi\n", "")
    warnings = [w.message for w in check(project).warnings]
    assert "no step hands out `formulir-evaluasi`, a document for every participant" in warnings


# --- reflection questions ----------------------------------------------------------------


def test_every_reflection_question_is_printed_at_the_step_that_asks_it(built):
    plan = load_project(built).national.workshop
    for role in ROLES:
        guide = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
        for question in plan.pertanyaan_refleksi:
            assert f"– {flat(question)}" in guide
        discussion = load_project(built).national.roles[role].pertanyaan_diskusi
        assert all(in_order(q, guide) for q in discussion)
    assert "Pertanyaan Kunci:" in guide and "Bahan Renungan:" in guide


def test_questions_no_step_asks_are_warnings_and_unknown_numbers_errors(project):
    edit(project, WORKSHOP, "        refleksi: [5]\n", "")
    edit(project, WORKSHOP, "        renungan: true\n", "")
    warnings = " ".join(w.message for w in check(project).warnings)
    assert "no step asks reflection question 5" in warnings
    assert "no step discusses the roles' questions" in warnings
    edit(project, WORKSHOP, "        refleksi: [4]\n", "        refleksi: [9]\n")
    (problem,) = problems_of(project)
    assert problem.message == "there is no reflection question 9"
    assert problem.hint == "use a number from 1 to 5 (pertanyaan_refleksi)"


# --- Tes Awal and Tes Akhir --------------------------------------------------------------


def positions(text: str, questions: list[str]) -> list[int]:
    return [text.index(flat(q)) for q in questions]


@pytest.mark.parametrize("role", ROLES)
def test_the_two_tests_ask_the_same_questions_in_another_order(built, role):
    items = load_project(built).national.roles[role].tes
    questions = [item.soal for item in items]
    before = positions(pdf_text(pdf_path(built, role, "tes-awal.pdf")), questions)
    after = positions(pdf_text(pdf_path(built, role, "tes-akhir.pdf")), questions)
    order_before = sorted(range(len(items)), key=before.__getitem__)
    order_after = sorted(range(len(items)), key=after.__getitem__)
    assert order_before == list(range(len(items)))
    assert all(a != b for a, b in zip(order_before, order_after))  # no question keeps its place
    for name in ("tes-awal.pdf", "tes-akhir.pdf"):
        text = pdf_text(pdf_path(built, role, name))
        assert all(flat(choice) in text for item in items for choice in item.pilihan)


@pytest.mark.parametrize("role", ROLES)
def test_the_key_and_the_score_table_are_in_the_guide(built, role):
    content = load_project(built).national.roles[role]
    items = content.tes
    guide = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
    key = guide[guide.index("Tes Awal dan Tes Akhir Soal Tes Akhir") :]
    for number, (item, after) in enumerate(zip(items, content.tes_akhir_numbers), 1):
        letter = content.tes_akhir[after - 1].jawaban
        assert f"{number} {item.jawaban} {after} {letter} {flat(item.soal)}" in key
    scores = [str(round(100 * k / len(items))) for k in range(len(items) + 1)]
    table = key[: key.index("No. Tes Awal")]  # the score rows, one or two
    assert (
        re.findall(r"Nilai((?: \d+)+)", table)
        and " ".join(re.findall(r"Nilai((?: \d+)+)", table)).split() == scores
    )


def test_an_answer_letter_without_its_choice_is_an_error(project):
    role = "content/roles/konselor-pemberdayaan-masyarakat.yaml"
    text = edit(
        project,
        role,
        "      - Bekerja sama dengan pihak terkait\n    jawaban: d",
        "    jawaban: d",
    )
    (problem,) = problems_of(project)
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln == "    jawaban: d")
    assert (problem.file, problem.line) == (role, line)
    assert problem.message == "answer `d` is not one of the 3 choices"
    assert problem.hint == "write one of: a, b, c"


# --- Daftar Hadir and Formulir Evaluasi ----------------------------------------------------


def test_the_attendance_list_has_a_row_per_expected_participant(built):
    plan = load_project(built).national.workshop.pelaksanaan
    text = pdf_text(pdf_path(built, ROLES[0], "daftar-hadir.pdf"))
    assert "No Nama Asal L/P No. HP Tanda Tangan" in text
    rows = plan.jumlah_peserta + plan.cadangan
    assert f" {rows} " in f" {text} " and f" {rows + 1} " not in f" {text} "


def test_the_attendance_list_names_the_roster_on_a_sheet_per_day(project, tmp_path):
    edit(
        project,
        WORKSHOP,
        "  jumlah_peserta: 25",
        "  hari_baru: [apakah-saya-cocok]\n  jumlah_peserta: 25",
    )
    roster = write(
        tmp_path / "peserta.csv", 'nama,asal\n"Dr. Ani Wijaya, M.Si.",Oebelo\nBudi,Camplong\n'
    )
    report = build(
        project,
        Options(regions=["nasional"], roles=[ROLES[0]], kinds=["attendance"], roster=roster),
    )
    (document,) = report.documents
    text = pdf_text(document.path)
    day_1, day_2 = text.split("(hari ke-2 dari 2)")
    assert "(hari ke-1 dari 2)" in day_1
    for sheet in (day_1, day_2):
        assert "1 Dr. Ani Wijaya, M.Si. Oebelo 1." in sheet and "2 Budi Camplong 2." in sheet
        spare = max(load_project(project).national.workshop.pelaksanaan.cadangan, 5)
        assert f" {2 + spare} {2 + spare}. " in sheet  # blank rows after the roster's
        assert f" {3 + spare} " not in f" {sheet} "


def test_the_evaluation_form_rates_every_rated_session_and_names_no_one(project, tmp_path):
    roster = write(tmp_path / "peserta.csv", "nama,asal\nSiti Aminah,Oelnasi\n")
    report = build(
        project,
        Options(regions=["nasional"], roles=[ROLES[0]], kinds=["evaluation"], roster=roster),
    )
    assert [d.path.name for d in report.documents] == ["formulir-evaluasi.pdf"]
    text = pdf_text(report.documents[0].path)
    plan = load_project(project).national.workshop
    assert all(flat(s.judul) in text for s in plan.sesi if s.dinilai)
    assert [s.id for s in plan.sesi if not s.dinilai] == ["penutupan"]  # handed out in it
    assert flat(plan.sesi[-1].judul) not in text
    assert all(flat(s) in text for s in plan.evaluasi.pernyataan + plan.evaluasi.pertanyaan)
    assert "Siti Aminah" not in text and "tidak perlu menulis nama" in text


def test_the_runsheet_counts_copies_of_every_document_of_the_kit(built):
    plan = load_project(built).national.workshop.pelaksanaan
    text = pdf_text(pdf_path(built, ROLES[0], "jadwal-pelaksanaan.pdf"))
    each = plan.jumlah_peserta + plan.cadangan
    forms = "Lembar Kerja, Tes Awal, Tes Akhir, Formulir Evaluasi, Sertifikat"
    assert f"{forms} setiap peserta, ditambah {plan.cadangan} salinan cadangan {each}" in text
    assert "Daftar Hadir, Tanda Pengenal panitia 1" in text


# --- LK-1 and LK-2 -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_lk1_prints_three_expectations_and_marks_those_not_from_the_seed(built, seed):
    role = ROLE_OF_SEED[seed.name[:3]]
    pairs = load_project(built).national.roles[role].ekspektasi_realita
    source = flat(seed.read_text(encoding="utf-8"))
    assert len(pairs) >= 3
    for pair in pairs:
        assert (flat(pair.ekspektasi).rstrip(",") in source) != pair.tambahan, pair.ekspektasi
    sheet = pdf_text(pdf_path(built, role, "lembar-kerja.pdf"))
    lk1 = sheet[: sheet.index("LK-2")]
    assert all(f"Harapan {n}" in lk1 for n in range(1, len(pairs) + 1))


def test_lk4_has_a_score_column_marks_reversed_items_and_a_line_for_the_skill(built):
    role = load_project(built).national.roles[ROLES[1]]
    sheet = pdf_text(pdf_path(built, ROLES[1], "lembar-kerja.pdf"))
    lk2 = sheet[sheet.index("LK-4") : sheet.index("LK-5")]
    assert "Pernyataan SS S TS STS Skor" in lk2
    assert lk2.count("dibalik") == len(role.reversed_numbers) + 2  # and twice in the steps
    for number in role.reversed_numbers:
        statement = flat(role.penilaian_diri[number - 1].pernyataan)
        assert f"{statement} dibalik" in lk2
    assert "Satu kemampuan yang ingin saya latih:" in lk2


# --- Daftar Istilah ----------------------------------------------------------------------


def test_the_reading_ends_with_the_glossary_in_order_with_the_regions_terms(built):
    terms = load_project(built).editions["sumbar"].glossary
    reading = pdf_text(built / "build" / "sumbar" / ROLES[0] / "bahan-bacaan.pdf")
    glossary = reading[reading.rindex("Daftar Istilah") :]  # in two columns, no table head
    words = sorted((t.kata for t in terms), key=str.lower)
    assert [glossary.index(f"{w} ") for w in words] == sorted(
        glossary.index(f"{w} ") for w in words
    )
    assert all(flat(t.arti) in glossary for t in terms)
    assert "Ninik mamak" in glossary and "BUMDes" in glossary
    national = pdf_text(pdf_path(built, ROLES[0], "bahan-bacaan.pdf"))
    assert "Daftar Istilah" in national and "Ninik mamak" not in national


def test_a_term_without_its_meaning_is_an_error_and_no_glossary_is_fine(project):
    text = edit(
        project, "content/istilah.yaml", "  - kata: JPL\n    arti:", "  - kata: JPL\n    artinya:"
    )
    problems = problems_of(project)
    assert {p.file for p in problems} == {"content/istilah.yaml"}
    assert any(p.line == line_of(text, "artinya:") for p in problems)
    (project / "content/istilah.yaml").unlink()
    (project / "content/regions/sumbar/istilah.yaml").unlink()
    (project / "content/regions/ntt/istilah.yaml").unlink()
    report = build(project, Options(regions=["nasional"], roles=[ROLES[0]], kinds=["handout"]))
    assert "Daftar Istilah" not in pdf_text(report.documents[0].path)


def test_each_packet_opens_with_its_foreword_signed_by_the_first_signatory(project):
    report = build(project, Options(regions=["ntt"], roles=[ROLES[0]], kinds=[], packet=True))
    made = {d.path.name: d.path for d in report.documents}
    plan = load_project(project).editions["ntt"]
    signer = plan.region.penandatangan[0]
    for name, texts in [
        ("paket-fasilitator.pdf", plan.workshop.kata_pengantar),
        ("buku-peserta.pdf", plan.workshop.kata_pengantar_peserta),
    ]:
        text = pdf_text(made[name])
        foreword = " ".join(flat(p) for p in texts)
        signed = f"Kupang, 8 Juni 2026 {signer.jabatan}, {signer.nama}"
        assert f"Kata Pengantar {foreword} {signed}" in text
        assert text.index("Kata Pengantar") < text.index("Daftar Isi")


# --- Sertifikat (the Tanda Pengenal: tests/typeset/test_name_tags.py) ------------------

NAMES = (
    'nama,asal\n"Dr. Ani Wijaya, M.Si.",Desa Oebelo\n'
    "Raden Ajeng Siti Nurhaliza Kusumawardhani,Baumata\n"
)


def test_a_certificate_per_participant_landscape_signed_as_the_region_says(project, tmp_path):
    roster = write(tmp_path / "peserta.csv", NAMES)
    where = Options(regions=["sumbar"], roles=[ROLES[0]], kinds=["certificate"], roster=roster)
    (document,) = build(project, where).documents
    reader = PdfReader(document.path)
    assert len(reader.pages) == 2
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / 72 * 25.4) == 297 and round(float(height) / 72 * 25.4) == 210
    region = load_project(project).editions["sumbar"].region
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Dr. Ani Wijaya, M.Si." in first and "Kusumawardhani" in second
    for signatory in region.penandatangan:
        assert flat(signatory.nama) in first
    assert "Padang, 22 Juli 2026" in first and "Halaman" not in first
    assert len(reader.pages[0].images) == 1  # the region's logo


def test_without_a_roster_one_certificate_with_a_line_for_the_name(built):
    reader = PdfReader(pdf_path(built, ROLES[0], "sertifikat.pdf"))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "diberikan kepada " + "." * 40 in text  # a dotted line, not bold dots


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ('<image src="content/workshop.yaml" mm="35"/>', "is not a PNG or JPEG image"),
        ('<image src="{{ logo }}" mm="300"/>', "<image mm> must be a number of millimetres"),
        ('<image src="../x.png"/>', "which is not an image file inside the project"),
    ],
)
def test_a_bad_picture_on_the_sampul_is_an_error_at_its_line(project, image, message):
    packet = "layouts/default/packet.xml.j2"
    text = edit(project, packet, '<image src="{{ logo }}" mm="28"/>', image)
    problems = problems_of(project, lambda root: check(root, Options(packet=True)))
    assert {(p.file, p.line) for p in problems} == {(packet, line_of(text, "<image"))}
    assert all(message in p.message for p in problems)
