"""The run-sheet's protocol (issue 28, point 5): registration, the official opening and
closing, the energizer after lunch, a kilas balik on later days, a cue for every hand-out,
each day with weekday and date; the guide's clock times are the run-sheet's; one page on
every paper. Read back from the PDFs."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import SMALL_ROLE, kit, line_of, one_problem, pdf_text, write
from modul import Options, build, check
from modul.content.loading import load_project
from modul.layout.labels import load_labels

PAPERS = ("A4", "F4", "Letter", "A5")
LEAST_PT = {"A4": 8.5, "F4": 8.5, "Letter": 8.5, "A5": 6.3}  # A5: see test_one_page_…


def build_one(project, region: str, kind: str, **options):
    report = build(project, Options(regions=[region], roles=[SMALL_ROLE], kinds=[kind], **options))
    (document,) = report.documents
    return document.path


def workshop_of(project, region: str = "nasional"):
    return load_project(project).editions[region].workshop


def add_to_plan(project, lines: str) -> str:
    """`lines` appended inside `pelaksanaan:` of the national workshop.yaml."""
    path = project / "content" / "workshop.yaml"
    text = path.read_text("utf-8").replace(
        "  jumlah_peserta: 25\n", lines + "  jumlah_peserta: 25\n"
    )
    return write(path, text).read_text("utf-8")


def two_days(project) -> tuple[str, str]:
    """NTT over two dated days, split where day 1 would end with ISHOMA (the session after
    the one the meal follows opens day 2); the session ids come from the plan."""
    workshop = workshop_of(project)
    (meal,) = [b for b in workshop.pelaksanaan.jeda if b.id == "ishoma"]
    ids = [s.id for s in workshop.sesi]
    second = ids[ids.index(meal.setelah) + 1]
    region = project / "content/regions/ntt/region.yaml"
    write(
        region, region.read_text("utf-8").replace("tanggal: 8 Juni 2026", "tanggal: 8–9 Juni 2026")
    )
    overlay = project / "content/regions/ntt/workshop.yaml"
    write(overlay, overlay.read_text("utf-8") + f"pelaksanaan:\n  hari_baru: [{second}]\n")
    return meal.judul, second


def test_protocol_rows_come_in_order_with_clock_times(small_project):
    text = pdf_text(build_one(small_project, "nasional", "runsheet"))
    workshop = workshop_of(small_project)
    rows = [r for r in workshop.run_sheet if r.kind != "day"]
    assert [r.title for r in rows[:2]] == ["Registrasi peserta", "Pembukaan resmi"]
    assert rows[2].session == workshop.sesi[0] and rows[-2].session == workshop.sesi[-1]
    assert rows[-1].title == "Penutupan resmi"
    where = [text.index(f"{r.start}–{r.end} {r.title}") for r in rows]
    assert where == sorted(where), "printed in the order they happen"
    assert rows[0].start == "07.30" and "Hari 1 ·" in text
    assert re.search(r"Hari/Tanggal: …+ 07.30–08.00 Registrasi peserta", text)
    opening = "Pembukaan resmi: Menyanyikan lagu Indonesia Raya; Pembacaan doa; Laporan ketua"
    assert opening in text and "pembukaan resmi oleh pejabat" in text
    assert "Penutupan resmi: Kesan dan pesan peserta; Sambutan dan penutupan resmi;" in text
    meal = next(n for n, r in enumerate(rows) if r.title.startswith("ISHOMA"))
    assert rows[meal + 1].title.startswith("Penyegaran") and rows[meal + 1].kind == "event"
    assert minutes(rows[meal + 1]) == 10
    assert "Hari 1 · Hari/Tanggal: …" in text, "no date in the national edition: a line for it"


def minutes(row) -> int:
    return (int(row.end[:2]) * 60 + int(row.end[3:])) - (
        int(row.start[:2]) * 60 + int(row.start[3:])
    )


def test_ceremonies_are_not_learning_time(small_project):
    """The JPL stay those of the sessions: the same with and without the protocol rows."""
    workshop = workshop_of(small_project)
    assert workshop.total_menit == sum(s.menit for s in workshop.sesi)
    jpl = f"Waktu: {workshop.total_menit // 45} JPL ({workshop.total_menit} menit)"
    text = pdf_text(build_one(small_project, "nasional", "runsheet"))
    assert jpl in text and "Baris bercetak miring bukan waktu belajar" in text
    path = small_project / "content" / "workshop.yaml"
    plain = re.sub(r"  acara:\n(    .*\n)+", "", path.read_text("utf-8"))
    write(path, plain.replace("      id: ishoma\n", ""))
    bare = pdf_text(build_one(small_project, "nasional", "runsheet"))
    assert jpl in bare and "Registrasi peserta" not in bare


def test_every_hand_out_has_its_cue_by_its_printed_title(small_project):
    text = pdf_text(build_one(small_project, "nasional", "runsheet"))
    labels = load_labels(small_project)
    edition = load_project(small_project).national
    names = {k.stem: labels[k.label] for k in kit(small_project).documents}
    cued = set()
    for row in edition.workshop.run_sheet:
        if row.handouts:
            cue = "Dibagikan: " + ", ".join(names[d] for d in row.handouts)
            assert cue in text[text.index(f"{row.start}–{row.end}") :], cue
            cued |= set(row.handouts)
        if row.parts:
            kodes = ", ".join(edition.worksheet.by_id(p).kode for p in row.parts)
            assert f"Dikerjakan: {kodes}" in text
    for document in ("tes-awal", "lembar-kerja", "bahan-bacaan", "tes-akhir"):
        assert document in cued
    assert "formulir-evaluasi" in cued and "sertifikat" in cued
    schedule = text.split("Baris bercetak")[0]  # not the copies table
    assert "Dibagikan: Sertifikat" in schedule[schedule.index("Penutupan resmi") :]
    assert schedule.count("Sertifikat") == 2, "in the closing's order of events and its cue only"


def test_two_days_a_kilas_balik_weekday_and_date_and_no_day_ends_on_a_break(small_project):
    after = next(b.setelah for b in workshop_of(small_project).pelaksanaan.jeda if b.id)
    meal, second = two_days(small_project)
    workshop = workshop_of(small_project, "ntt")
    text = pdf_text(build_one(small_project, "ntt", "runsheet"))
    assert "Hari 1 · Senin, 8 Juni 2026 07.30–08.00 Registrasi peserta" in text
    day2 = text[text.index("Hari 2") :]
    assert day2.startswith("Hari 2 · Selasa, 9 Juni 2026 07.30–07.45 Kilas balik")
    assert meal not in text and "Penyegaran" not in text, "day 1 does not end on lunch"
    last_of_day1 = text[: text.index("Hari 2")].rstrip()
    assert not last_of_day1.endswith(meal)
    (warning,) = [w for w in check(small_project).warnings if "would end the day" in w.message]
    plan = (small_project / "content/workshop.yaml").read_text("utf-8")
    assert (warning.file, warning.line) == (
        "content/workshop.yaml",
        line_of(plan, f"setelah: {after}"),
    )
    assert [r.day for r in workshop.run_sheet if r.session and r.session.id == second] == [2]


def guide_times(path) -> list[tuple[str, str, str]]:
    """Each session's Waktu: (day or "", clock, minutes) as the guide prints them."""
    found = re.findall(
        r"Waktu (?:\d+ JPL \()?\d+ menit\)?, (Hari \d+, )?pukul (\d\d\.\d\d–\d\d\.\d\d)"
        r"(?: WITA)? \(menit (\d+–\d+)\)",
        pdf_text(path),
    )
    return [(day.strip(", "), clock, span) for day, clock, span in found]


@pytest.mark.parametrize("region", ["nasional", "ntt"])
def test_the_guide_gives_the_run_sheets_clock_times(small_project, region):
    if region == "ntt":
        two_days(small_project)
    sheet = pdf_text(build_one(small_project, region, "runsheet"))
    guide = build_one(small_project, region, "guide")
    workshop = workshop_of(small_project, region)
    times = guide_times(guide)
    assert len(times) == len(workshop.sesi)
    for row, (day, clock, span) in zip(workshop.agenda, times, strict=True):
        assert f"{clock} {row.session.judul}" in sheet, "the run-sheet's clock, printed alike"
        assert span == f"{row.start}–{row.end}"
        assert day == (f"Hari {row.day}" if workshop.days > 1 else "")
    overview = pdf_text(guide)
    for n, row in enumerate(workshop.agenda, 1):
        clock = f"{row.clock_start}–{row.clock_end}"
        assert (
            f"{n} {row.session.judul} {clock} {row.start}–{row.end} {row.session.menit}" in overview
        )
    if region == "ntt":
        assert "Pukul (WITA)" in overview and "Hari 2 · Selasa, 9 Juni 2026" in overview


def sizes(path) -> list[float]:
    found: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append(size * tm[3] * cm[3])

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("paper", PAPERS)
def test_one_page_on_every_paper(small_project, paper):
    """One page everywhere; the table text at least 8.5 pt on A4, F4 and Letter. On A5
    the protocol rows leave 6.3 pt (the base was 7.2): a known limit, in the report."""
    two_days(small_project)
    path = build_one(small_project, "ntt", "runsheet", paper=paper)
    assert len(PdfReader(path).pages) == 1
    body = sorted(sizes(path))[len(sizes(path)) // 2]  # the median: table text
    assert body >= LEAST_PT[paper] - 0.01, body


# --- located errors ----------------------------------------------------------------------


def test_an_event_after_an_unknown_id_names_the_line_and_the_closest_id(project):
    text = add_to_plan(project, "")
    path = project / "content" / "workshop.yaml"
    text = write(path, text.replace("setelah: ishoma", "setelah: ishomaa")).read_text("utf-8")
    problem = one_problem(project)
    assert problem.message == "unknown session, break or event `ishomaa`"
    assert problem.hint == "did you mean `ishoma`?"
    assert (problem.file, problem.line) == (
        "content/workshop.yaml",
        line_of(text, "setelah: ishomaa"),
    )


def test_an_event_needs_exactly_one_place(project):
    text = add_to_plan(project, "")
    path = project / "content" / "workshop.yaml"
    text = text.replace(
        "      pada: akhir_pelatihan\n", "      pada: akhir_pelatihan\n      sebelum: ishoma\n"
    )
    write(path, text)
    problem = one_problem(project)
    assert problem.message == "the event `penutupan-resmi` needs one place, it has 2"
    assert problem.line == line_of(text, "pada: akhir_pelatihan")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            "      menit: 10\n      judul: Penyegaran",
            "      menit: 0\n      judul: Penyegaran",
            "menit: 0",
        ),
        ("      pada: awal_hari", "      pada: pagi", "pada: pagi"),
    ],
)
def test_bad_minutes_or_moment_are_located(project, old, new, key):
    path = project / "content" / "workshop.yaml"
    text = path.read_text("utf-8")
    assert old in text
    text = write(path, text.replace(old, new)).read_text("utf-8")
    problem = one_problem(project)
    assert (problem.file, problem.line) == ("content/workshop.yaml", line_of(text, key))
    assert "Traceback" not in problem.message


def test_an_event_hands_out_only_documents_of_the_kit(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text("utf-8").replace(
        "        - sertifikat\n  jumlah", "        - piagam\n  jumlah"
    )
    write(path, text)
    problem = one_problem(project)
    assert problem.message == "`piagam` is not a document of the kit"
    assert problem.line == line_of(text, "- piagam")


def test_a_region_overrides_an_event_by_its_id(small_project):
    overlay = small_project / "content/regions/ntt/workshop.yaml"
    opener = "Kepala Dinas PMD Provinsi NTT"
    write(
        overlay,
        overlay.read_text("utf-8")
        + f"pelaksanaan:\n  acara:\n    - id: pembukaan-resmi\n      pelaksana: {opener}\n",
    )
    text = pdf_text(build_one(small_project, "ntt", "runsheet"))
    assert opener in text and "Registrasi peserta" in text


def test_a_day_without_a_date_has_a_line_to_write_it_and_the_guide_names_the_other_rows(built):
    """The national edition has no dates: the organiser writes them in. The guide's Jadwal
    lists the sessions only and says where the ceremonies and breaks are."""
    folder = built / "build" / "nasional" / SMALL_ROLE
    schedule = " ".join(pdf_text(folder / "jadwal-pelaksanaan.pdf").split())
    assert "Hari 1 · Hari/Tanggal: …" in schedule
    guide = " ".join(pdf_text(folder / "panduan-fasilitator.pdf").split())
    assert "rehat, ISHOMA, dan penyegaran tercantum di Jadwal Pelaksanaan" in guide
    ntt = " ".join(
        pdf_text(built / "build" / "ntt" / SMALL_ROLE / "jadwal-pelaksanaan.pdf").split()
    )
    assert "Hari/Tanggal" not in ntt and "Senin, 8 Juni 2026" in ntt


@pytest.mark.parametrize("paper", PAPERS)
def test_every_shipped_edition_s_run_sheet_is_one_page(project, paper):
    """Sumatera Barat's logo makes the title block taller: its A5 run-sheet ran onto a
    second page until the closing session's Pelaksana was one line."""
    report = build(project, Options(kinds=["runsheet"], paper=paper))
    pages = {d.path.relative_to(project): d.pages for d in report.documents}
    assert set(pages.values()) == {1}, pages
