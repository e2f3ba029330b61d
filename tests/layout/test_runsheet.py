"""The run-sheet (Jadwal Pelaksanaan): clock times, breaks, days, copies to print."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import kit, one_problem, pdf_text, write
from modul import Options, build
from modul.content.loading import load_project
from modul.layout.labels import load_labels

ROLE = "konselor-pemberdayaan-masyarakat"


def minutes(clock: str) -> int:
    hours, rest = clock.split(":")
    return int(hours) * 60 + int(rest)


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


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
    first, *_ = (row for row in workshop.run_sheet if row.kind == "session")
    assert first.start == plan.mulai
    for row in workshop.run_sheet:
        if row.kind == "session":  # with the worksheet parts done in it, and who leads it
            parts = "".join(
                f" · {edition.worksheet.by_id(ref).kode}"
                for step in row.session.langkah
                for ref in step.lembar_kerja
            )
            assert f"{row.start}–{row.end} {row.title} ({row.session.menit} menit){parts}" in text
            assert (row.session.pelaksana or "Fasilitator") in text
        elif row.kind == "break":
            assert f"{row.start}–{row.end} {row.title}" in text
    breaks = [row for row in workshop.run_sheet if row.kind == "break"]
    assert [row.title for row in breaks] == [pause.judul for pause in plan.jeda]
    timed = [row for row in workshop.run_sheet if row.kind != "day"]
    for before, row in zip(timed, timed[1:]):
        assert row.start == before.end, "one after the other, no gap"
    for row, pause in zip(breaks, plan.jeda, strict=True):
        assert minutes(row.end) - minutes(row.start) == pause.menit
    last = workshop.run_sheet[-1]
    length = workshop.total_menit + sum(pause.menit for pause in plan.jeda)
    assert last.end == clock(minutes(plan.mulai) + length) and f"{last.start}–{last.end}" in text


def copies_rows(project, participants: int) -> list[str]:
    """The copies table's rows, "<document> <for whom> <count>", one per kit document."""
    plan = load_project(project).national.workshop.pelaksanaan
    labels = load_labels(project)
    count = {
        "per_participant": participants + plan.cadangan,
        "per_person": participants + plan.jumlah_fasilitator,
        "per_facilitator": plan.jumlah_fasilitator,
        "one": 1,
    }
    return [
        f"{labels[kind.label]} "
        f"{labels['copies_' + kind.copies].replace('{spare}', str(plan.cadangan))} "
        f"{count[kind.copies]}"
        for kind in kit(project).documents
    ]


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
    start = workshop.pelaksanaan.mulai
    (session,) = (s for s in workshop.sesi if s.id == "apakah-saya-cocok")
    end = clock(minutes(start) + session.menit)
    assert "Hari 1" in text and f"Hari 2 {start}–{end} {session.judul}" in text


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
    write(path, path.read_text(encoding="utf-8").replace('mulai: "08:30"', 'mulai: "8.30"'))
    problem = one_problem(project)
    assert problem.message == "`pelaksanaan.mulai`: `8.30` is not a time of day"
    assert '"08:30"' in problem.hint
