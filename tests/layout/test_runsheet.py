"""The run-sheet (Jadwal Pelaksanaan): clock times, breaks, days, copies to print."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import kit, line_of, one_problem, pdf_text, write
from modul import Options, build, check
from modul.content.checks import calendar_days
from modul.content.loading import load_project
from modul.layout.labels import load_labels

ROLE = "konselor-pemberdayaan-masyarakat"


def edit(project, relative: str, old: str, new: str) -> str:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    return write(path, text.replace(old, new, 1)).read_text(encoding="utf-8")


def minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])  # 08.30 as printed, 08:30 as written


def clock(minute: int) -> str:
    return f"{minute // 60:02d}.{minute % 60:02d}"  # EYD V


def runsheet(project, **options):
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["runsheet"], **options)
    )
    (document,) = report.documents
    return document.path


def test_one_page_with_clock_times_breaks_and_leads(project):
    path = runsheet(project)
    assert len(PdfReader(path).pages) == 1
    text = pdf_text(path)
    edition = load_project(project).national
    workshop, plan = edition.workshop, edition.workshop.pelaksanaan
    first = workshop.run_sheet[1]  # the first row after "Hari 1"
    assert first.start == plan.mulai.replace(":", ".")
    for row in workshop.run_sheet:
        if row.kind == "session":  # with the worksheet parts done in it, and who leads it
            assert f"{row.start}–{row.end} {row.title} ({row.session.menit} menit)" in text
            parts = ", ".join(edition.worksheet.by_id(ref).kode for ref in row.parts)
            assert not parts or f"Dikerjakan: {parts}" in text
            assert (row.session.pelaksana or "Fasilitator") in text
        elif row.kind in ("break", "event"):
            assert f"{row.start}–{row.end} {row.title}" in text
    breaks = [row for row in workshop.run_sheet if row.kind == "break"]
    assert [row.title for row in breaks] == [pause.judul for pause in plan.jeda]
    timed = [row for row in workshop.run_sheet if row.kind != "day"]
    for before, row in zip(timed, timed[1:]):
        assert row.start == before.end, "one after the other, no gap"
    for row, pause in zip(breaks, plan.jeda, strict=True):
        assert minutes(row.end) - minutes(row.start) == pause.menit
    last = workshop.run_sheet[-1]
    events = [e for e in plan.acara if e.pada in ("awal_pelatihan", "akhir_pelatihan")]
    events += [e for e in plan.acara if e.setelah and e.setelah in {p.id for p in plan.jeda}]
    length = workshop.total_menit + sum(x.menit for x in [*plan.jeda, *events])
    assert last.end == clock(minutes(plan.mulai) + length) and f"{last.start}–{last.end}" in text


def copies_rows(project, participants: int) -> list[str]:
    """The copies table's rows, "<documents> <for whom> <count>": the documents printed
    alike share a row, in the catalog's order."""
    plan = load_project(project).national.workshop.pelaksanaan
    labels = load_labels(project)
    count = {
        "per_participant": participants + plan.cadangan,
        "per_person": participants + plan.jumlah_fasilitator,
        "per_facilitator": plan.jumlah_fasilitator,
        "one": 1,
    }
    rows = []
    for rule, copies in count.items():
        names = [labels[k.label] for k in kit(project).documents if k.copies == rule]
        whom = labels["copies_" + rule].replace("{spare}", str(plan.cadangan))
        rows += [f"{', '.join(names)} {whom} {copies}"] if names else []
    return rows


def test_copies_follow_the_number_of_participants(project):
    text = pdf_text(runsheet(project, participants=40))
    assert "Peserta: 40 orang" in text
    rows = copies_rows(project, 40)
    assert all(row in text for row in rows), [row for row in rows if row not in text]
    people = load_project(project).national.workshop.pelaksanaan.jumlah_peserta
    default = pdf_text(runsheet(project))
    assert f"Peserta: {people} orang" in default
    assert all(row in default for row in copies_rows(project, people))


def test_a_new_day_starts_at_the_morning_time_again(project):
    path = project / "content" / "workshop.yaml"
    write(
        path,
        path.read_text(encoding="utf-8").replace(
            "  jumlah_peserta: 25", "  hari_baru: [apakah-saya-cocok]\n  jumlah_peserta: 25"
        ),
    )
    text = pdf_text(runsheet(project))
    workshop = load_project(project).national.workshop
    start = workshop.pelaksanaan.mulai.replace(":", ".")
    day = workshop.run_sheet.index(next(r for r in workshop.run_sheet if r.day == 2))
    opening = workshop.run_sheet[day + 1]  # the day opens with its kilas balik, at the start
    assert "Hari 1" in text and f" {start}–{opening.end} {opening.title}" in text
    assert re.search(rf"Hari 2 · Hari/Tanggal: …+ {start}–{opening.end}", text)


def test_break_after_an_unknown_session_is_an_error(project):
    path = project / "content" / "workshop.yaml"
    after = load_project(project).national.workshop.pelaksanaan.jeda[-1].setelah
    typo = after[:-1] + "x"  # apakah-saya-cocok → apakah-saya-cocox
    text = path.read_text(encoding="utf-8").replace(f"- setelah: {after}", f"- setelah: {typo}")
    write(path, text)
    problem = one_problem(project)
    assert problem.message == f"unknown session `{typo}`"
    assert problem.line == next(
        n for n, line in enumerate(text.splitlines(), 1) if f"setelah: {typo}" in line
    )


def test_start_time_must_be_a_clock_time(project):
    path = project / "content" / "workshop.yaml"
    write(path, re.sub(r'mulai: "[0-9:.]+"', 'mulai: "8.30"', path.read_text(encoding="utf-8")))
    problem = one_problem(project)
    assert problem.message == "`pelaksanaan.mulai`: `8.30` is not a time of day"
    assert '"08:30"' in problem.hint


# --- days, dates and time zones ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("8 Juni 2026", 1),
        ("8–10 Juni 2026", 3),
        ("8-9 juni 2026", 2),
        ("30 Juni–2 Juli 2026", 3),
        ("30 Desember 2026–2 Januari 2027", 4),
        ("Kupang, 8 Juni 2026", 1),
        ("minggu kedua Juni", None),
        ("31 Juni 2026", None),
        ("10–8 Juni 2026", None),
    ],
)
def test_calendar_days_of_a_region_date(text, days):
    assert calendar_days(text) == days


def test_dates_that_disagree_with_the_plan_are_a_warning_with_both_lines(project):
    region = "content/regions/ntt/region.yaml"
    text = edit(project, region, "tanggal: 8 Juni 2026", "tanggal: 8–10 Juni 2026")
    (warning,) = [w for w in check(project).warnings if "dates span" in w.message]
    assert (warning.file, warning.line) == (region, line_of(text, "tanggal:"))
    plan_line = line_of((project / "content/workshop.yaml").read_text("utf-8"), "pelaksanaan:")
    assert warning.message == (
        f"the dates span 3 days, but the workshop plan has 1 (content/workshop.yaml:{plan_line})"
    )
    # dates of two days and the region's plan of two days agree
    edit(project, region, "tanggal: 8–10 Juni 2026", "tanggal: 8–9 Juni 2026")
    overlay = project / "content/regions/ntt/workshop.yaml"
    write(overlay, overlay.read_text("utf-8") + "pelaksanaan:\n  hari_baru: [apakah-saya-cocok]\n")
    assert not [w for w in check(project).warnings if "dates span" in w.message]


def test_a_day_closing_straight_after_lunch_is_a_warning(project):
    text = edit(
        project,
        "content/workshop.yaml",
        "    - setelah: perbandingan-profesi",
        "    - setelah: rencana-tindak-lanjut",
    )
    (warning,) = [w for w in check(project).warnings if "last session" in w.message]
    assert warning.line == line_of(text, "- setelah: rencana-tindak-lanjut")
    assert "`penutupan`, comes straight after “ISHOMA" in warning.message


def test_clock_times_name_the_regions_time_zone(built):
    ntt = pdf_text(built / "build" / "ntt" / ROLE / "jadwal-pelaksanaan.pdf")
    national = pdf_text(built / "build" / "nasional" / ROLE / "jadwal-pelaksanaan.pdf")
    assert "Pukul (WITA) Sesi" in ntt and "Pukul Sesi" in national
