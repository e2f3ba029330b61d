"""The run-sheet (Jadwal Pelaksanaan): clock times, breaks, days, copies to print."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import one_problem, pdf_text, write
from modul import Options, build
from modul.content.loading import load_project

ROLE = "konselor-pemberdayaan-masyarakat"


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
    assert "08:30–09:00 Pembukaan, Kontrak Belajar, dan Pemetaan Harapan (30 menit)" in text
    assert "09:45–10:00 Rehat kopi" in text
    assert "ISHOMA (istirahat, salat, makan)" in text
    assert "Pendamping fasilitator (co-fasilitator)" in text
    assert "LK-2" in text
    last = load_project(project).national.workshop.run_sheet[-1]
    assert last.end == "13:30" and f"{last.start}–{last.end}" in text


def test_copies_follow_the_number_of_participants(project):
    text = pdf_text(runsheet(project, participants=40))
    assert "Peserta: 40 orang" in text
    assert "Bahan Bacaan 42" in text and "Lembar Kerja 43" in text  # + 2 facilitators, + 3
    assert "Panduan Fasilitator 2" in text
    default = pdf_text(runsheet(project))
    assert "Peserta: 25 orang" in default and "Lembar Kerja 28" in default


def test_a_new_day_starts_at_the_morning_time_again(project):
    path = project / "content" / "workshop.yaml"
    write(
        path,
        path.read_text(encoding="utf-8").replace(
            "  jumlah_peserta: 25", "  hari_baru: [apakah-saya-cocok]\n  jumlah_peserta: 25"
        ),
    )
    text = pdf_text(runsheet(project))
    assert "Hari 1" in text and "Hari 2 08:30–09:05 Apakah Saya Cocok?" in text


def test_break_after_an_unknown_session_is_an_error(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "- setelah: mengenal-peran", "- setelah: mengenal-peren"
    )
    write(path, text)
    problem = one_problem(project)
    assert problem.message == "unknown session `mengenal-peren`"
    assert problem.line == next(
        n for n, line in enumerate(text.splitlines(), 1) if "mengenal-peren" in line
    )


def test_start_time_must_be_a_clock_time(project):
    path = project / "content" / "workshop.yaml"
    write(path, path.read_text(encoding="utf-8").replace('mulai: "08:30"', 'mulai: "8.30"'))
    problem = one_problem(project)
    assert problem.message == "`pelaksanaan.mulai`: `8.30` is not a time of day"
    assert '"08:30"' in problem.hint
