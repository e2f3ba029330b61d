"""Markup rendered in the worker processes, as for a national project, is what one
process renders: the same targets in the same order, the same problems. The editions are
what is spread over the workers: one role shows it (two where roles are chosen)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SMALL_ROLE, kit, problems_of, small_copy, write
from modul import Options
from modul.engine import preflight, rendering
from modul.engine.workers import workers
from modul.folders import Folders

ROLE = SMALL_ROLE  # NTT, and so each copy of it, has an overlay of this role
REGIONS = ("ntb-mitra", "ntt", "sumbar")


def national_copy(tmp_path: Path, regions: int, roles: tuple[str, ...] = (ROLE,)) -> Path:
    """The project, with `roles` only, and `regions` more districts, each a copy of NTT."""
    project = small_copy(tmp_path / "project", roles=roles, regions=REGIONS)
    for n in range(regions):
        shutil.copytree(project / "content/regions/ntt", project / f"content/regions/kab-{n}")
    return project


def test_a_national_check_renders_in_workers_what_one_process_renders(tmp_path, monkeypatch):
    root = national_copy(tmp_path, 5)
    alone = preflight.check(root, Options())
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    with workers(2) as pool:
        spread = preflight.check(root, Options(), pool)
    assert [(t.path, t.packed, t.theme) for t in spread.targets] == [
        (t.path, t.packed, t.theme) for t in alone.targets
    ]
    assert len({t.edition for t in spread.targets}) == 9
    assert spread.warnings == alone.warnings


def test_a_national_check_in_workers_reports_every_broken_edition(tmp_path, monkeypatch):
    root = national_copy(tmp_path, 20)
    for n in (3, 17):  # in two districts, in different workers' batches
        layout = Folders(root).region_layout(f"kab-{n}")
        layout.mkdir()
        write(layout / "worksheet.xml.j2", "{{ nope }}\n")
    alone = problems_of(root)
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    with workers(2) as pool:
        spread = problems_of(root, lambda r: preflight.check(r, Options(), pool))
    assert [(p.file, p.line, p.message) for p in spread] == [
        (p.file, p.line, p.message) for p in alone
    ]
    assert {p.file for p in spread} == {
        f"content/regions/kab-{n}/layout/worksheet.xml.j2" for n in (3, 17)
    }


def test_problems_found_in_workers_speak_the_language_of_the_command(tmp_path, monkeypatch):
    """Workers learn the language when they start; a process that speaks another one
    gets workers of its own (the pools kept for the next build are kept per language)."""
    from modul import i18n

    root = national_copy(tmp_path, 1)
    layout = Folders(root).region_layout("kab-0")
    layout.mkdir()
    write(layout / "worksheet.xml.j2", "{{ nope }}\n")
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    try:
        with workers(2) as pool:  # started, and kept, in the suite's English
            english = problems_of(root, lambda r: preflight.check(r, Options(), pool))
        i18n.use("id")
        with workers(2) as other:
            assert other is not pool
            indonesian = problems_of(root, lambda r: preflight.check(r, Options(), other))
    finally:
        i18n.use("en")
        from modul.engine import workers as pools

        if (kept := pools._IDLE.pop((2, "id"), None)) is not None:
            kept.shutdown()  # this process speaks English again
    assert [p.message for p in english] == ["template error: 'nope' is undefined"]
    assert [p.message for p in indonesian] != [p.message for p in english]
    assert "nope" in indonesian[0].message


def taken_ahead(monkeypatch) -> list[int]:
    """How many jobs each check takes over from those sent while loading."""
    taken: list[int] = []
    take = rendering.Ahead.take

    def counted(self, how, editions):
        jobs = take(self, how, editions)
        taken.append(len(jobs))
        return jobs

    monkeypatch.setattr(rendering.Ahead, "take", counted)
    return taken


def test_editions_are_rendered_while_the_rest_are_still_read(tmp_path, monkeypatch):
    """24 editions: three jobs of eight are sent as the editions are read, and the
    targets are what one process renders."""
    root = national_copy(tmp_path, 20)
    alone = preflight.check(root, Options())
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    taken = taken_ahead(monkeypatch)
    with workers(2) as pool:
        spread = preflight.check(root, Options(), pool)
    assert taken == [3]
    assert [(t.path, t.packed) for t in spread.targets] == [
        (t.path, t.packed) for t in alone.targets
    ]


def test_a_chosen_region_and_role_are_rendered_ahead_alike(tmp_path, monkeypatch):
    root = national_copy(tmp_path, 20, roles=(ROLE, "konsultan-kelompok-masyarakat"))
    chosen = Options(regions=[f"kab-{n}" for n in range(2, 19)], roles=[ROLE])
    alone = preflight.check(root, chosen)
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    taken = taken_ahead(monkeypatch)
    with workers(2) as pool:
        spread = preflight.check(root, chosen, pool)
    assert taken == [2]  # 17 editions: two jobs of eight ahead, the last one after
    assert [(t.path, t.packed) for t in spread.targets] == [
        (t.path, t.packed) for t in alone.targets
    ]
    assert {t.role for t in spread.targets} == {ROLE}


def test_a_mistake_in_the_last_region_read_stops_the_check_as_before(tmp_path, monkeypatch):
    """The editions sent ahead are dropped; the workers go on serving the next check."""
    root = national_copy(tmp_path, 20)
    region = root / "content/regions/sumbar/workshop.yaml"
    write(region, region.read_text(encoding="utf-8") + "\ntidak_ada: 1\n")
    alone = problems_of(root)
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    taken, dropped, cancel = taken_ahead(monkeypatch), [], rendering.Ahead.cancel
    monkeypatch.setattr(
        rendering.Ahead, "cancel", lambda self: dropped.append(len(self.jobs)) or cancel(self)
    )
    with workers(2) as pool:
        spread = problems_of(root, lambda r: preflight.check(r, Options(), pool))
        region.write_text(region.read_text(encoding="utf-8").replace("tidak_ada: 1", ""))
        again = preflight.check(root, Options(), pool)
    assert [str(p) for p in spread] == [str(p) for p in alone]
    assert "tidak_ada" in str(spread[0])
    assert dropped[0] == 2  # 23 good editions read: two jobs sent, then dropped
    assert taken == [3]  # the check after the mistake was mended
    assert len(again.targets) == kit(root).total == 24 * 10
