"""Sound in the room (issue 28, point 1): the plan teaches before participants assess
themselves, rates only sessions that have ended, numbers the worksheets in the order
they are used, and no earlier sheet gives an exercise's answer away."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, SMALL_ROLE, line_of, pdf_path, pdf_text, problems_of, write
from modul.content.loading import load_project

WORKSHOP = "content/workshop.yaml"
# What participants do, in the order of the day (worksheet parts and documents).
ORDER = [
    "tes-awal",
    "ekspektasi-realita",  # LK-1
    "kuis-miskonsepsi",  # LK-2
    "bahan-bacaan",  # the role is taught
    "perbandingan-profesi",  # LK-3
    "apakah-saya-cocok",  # LK-4: now an informed self-assessment
    "rencana-tindak-lanjut",  # LK-5
    "tes-akhir",
    "formulir-evaluasi",
]


def first_steps(edition) -> dict[str, int]:
    steps = [step for session in edition.workshop.sesi for step in session.langkah]
    found: dict[str, int] = {}
    for n, step in enumerate(steps):
        for name in [*step.bagikan, *step.lembar_kerja]:
            found.setdefault(name, n)
    return found


@pytest.mark.parametrize("edition", ["nasional", "ntt", "sumbar", "ntb-mitra"])
def test_every_edition_teaches_in_the_order_of_the_issue(edition):
    workshop = load_project(REPO).editions[edition].workshop
    steps = first_steps(load_project(REPO).editions[edition])
    assert sorted(ORDER, key=steps.__getitem__) == ORDER
    last = [row for row in workshop.run_sheet if row.kind != "day"][-1]  # the official close
    assert last.kind == "event" and "sertifikat" in last.handouts


def test_worksheet_numbers_follow_the_order_of_use(built):
    project = load_project(REPO)
    parts = project.national.worksheet.bagian
    steps = first_steps(project.national)
    assert [p.kode for p in sorted(parts, key=lambda p: steps[p.id])] == [
        f"LK-{n}" for n in range(1, len(parts) + 1)
    ]
    sheet = pdf_text(pdf_path(built, SMALL_ROLE, "lembar-kerja.pdf"))
    heads = [sheet.index(f"{p.kode} {p.judul}") for p in parts]
    assert heads == sorted(heads)


def test_lk1_and_lk2_do_not_call_the_beliefs_wrong_before_the_reading(built):
    """LK-1 asks for the participant's own expectations; neither LK-1 nor LK-2, nor the
    guide's first sessions, tell them the beliefs are mistaken."""
    sheet = " ".join(pdf_text(pdf_path(built, SMALL_ROLE, "lembar-kerja.pdf")).split())
    before_reading = sheet[: sheet.index("LK-3 ")]
    assert "harapan Anda" in before_reading
    assert not re.search(r"keliru|Realita\b|Ekspektasi\b", before_reading)
    guide = " ".join(pdf_text(pdf_path(built, SMALL_ROLE, "panduan-fasilitator.pdf")).split())
    sessions = guide[guide.index("Sesi 2: Harapan dan Kenyataan") :]
    assert "bayangan yang keliru" not in sessions[: sessions.index("Sesi 4:")]


def test_an_assessment_before_the_role_is_taught_is_an_error_at_its_line(project):
    path = project / WORKSHOP
    text = path.read_text(encoding="utf-8")
    text = text.replace("        lembar_kerja:\n          - apakah-saya-cocok\n", "", 1).replace(
        "          - ekspektasi-realita\n",
        "          - ekspektasi-realita\n          - apakah-saya-cocok\n",
        1,
    )
    write(path, text)
    problems = problems_of(project)  # one per edition: NTT hands the reading out a step later
    assert {(p.file, p.line) for p in problems} == {(WORKSHOP, line_of(text, "- apakah-saya-"))}
    national = problems[0]
    assert "`apakah-saya-cocok` is done in session 2, step 2, before participants have" in (
        national.message
    )
    assert "`bahan-bacaan` (handed out in session 4, step 2)" in national.message
    assert "after the one that hands out `bahan-bacaan`" in national.hint


def test_rating_a_session_still_running_is_an_error_at_the_hand_out(project):
    path = project / WORKSHOP
    text = path.read_text(encoding="utf-8").replace("    dinilai: false\n", "", 1)
    write(path, text)
    (problem,) = problems_of(project)
    assert (problem.file, problem.line) == (WORKSHOP, line_of(text, "- formulir-evaluasi"))
    assert "rate session 8 (`penutupan`), which has not ended then" in problem.message
    assert "`dinilai: false`" in problem.hint


def test_a_key_printed_on_an_earlier_sheet_is_an_error_at_that_statement(project):
    """LK-2's explanation, copied into an LK-1 expectation, answers LK-2 before it is done."""
    role = project / "content" / "roles" / f"{SMALL_ROLE}.yaml"
    text = role.read_text(encoding="utf-8")
    key = load_project(project).roles[SMALL_ROLE].kuis[0].penjelasan
    first = load_project(project).roles[SMALL_ROLE].ekspektasi_realita[0].ekspektasi
    anchor = " ".join(first.split()[:3])
    start = text.index(anchor)
    end = text.index("realita:", start)
    text = text[:start] + key + "\n    " + text[end:]
    write(role, text)
    problems = problems_of(project)
    assert {(p.file, p.line) for p in problems} == {
        (f"content/roles/{SMALL_ROLE}.yaml", line_of(text, "  - ekspektasi:"))
    }
    assert "on `ekspektasi-realita`, gives away the key of `kuis-miskonsepsi`" in (
        problems[0].message
    )


def test_a_test_question_copied_from_lk2_is_an_error_at_the_lk2_statement(project):
    """The Tes Akhir would measure whether participants remember LK-2's sentence."""
    role = project / "content" / "roles" / f"{SMALL_ROLE}.yaml"
    text = role.read_text(encoding="utf-8")
    content = load_project(project).roles[SMALL_ROLE]
    statement = " ".join(content.kuis[0].pernyataan.split())
    question = " ".join(content.tes[0].soal.split())
    start = text.index(question.split()[0], text.index("\ntes:"))
    end = text.index("pilihan:", start)
    write(role, text[:start] + statement + "\n    " + text[end:])
    lk2 = text.splitlines().index("kuis:") + 2  # the line of its first statement
    (problem,) = problems_of(project)
    assert (problem.file, problem.line) == (f"content/roles/{SMALL_ROLE}.yaml", lk2)
    assert "on `kuis-miskonsepsi`, gives away the key of `tes-akhir`" in problem.message
