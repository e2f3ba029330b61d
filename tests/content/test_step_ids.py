"""A step's optional `id` (a place for a region's addition): valid without, unique within
its session, and the place the shipped NTT overlay names."""

from __future__ import annotations

from conftest import one_problem, write
from modul.content.loading import load_project

SECOND = "      - menit: 15\n        fasilitator: >-\n          Bagikan Bahan Bacaan"


def test_ntt_places_its_example_before_the_first_step_with_its_id(small_project):
    editions = load_project(small_project).editions
    national, ntt = (
        next(s for s in editions[slug].workshop.sesi if s.id == "mengenal-peran")
        for slug in ("nasional", "ntt")
    )
    assert [s.id for s in national.langkah][:2] == ["tanya-tugas", None]
    assert [s.id for s in ntt.langkah][:2] == [None, "tanya-tugas"]
    assert ntt.langkah[0].fasilitator.startswith("Buka sesi dengan contoh dari Nusa Tenggara")
    assert ntt.langkah[1:] == national.langkah


def test_a_step_id_used_twice_in_a_session_is_an_error_at_the_second(small_project):
    path = small_project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      - id: tanya-tugas\n" in text and text.count(SECOND) == 1
    text = text.replace(SECOND, SECOND.replace("- menit", "- id: tanya-tugas\n        menit"))
    write(path, text)
    problem = one_problem(small_project)
    assert problem.message == "the id `tanya-tugas` is used twice"
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "- id: tanya-tugas" in line]
    assert len(lines) == 2 and problem.line == lines[1]
