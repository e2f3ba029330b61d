"""Markup rendered in the worker processes, as for a national project, is what one
process renders: the same targets in the same order, the same problems."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import problems_of, write
from modul import Options
from modul.engine import preflight, rendering
from modul.engine.workers import workers
from modul.folders import Folders


def national_copy(project: Path, regions: int) -> Path:
    """The project with `regions` more districts, each a copy of NTT."""
    for n in range(regions):
        shutil.copytree(project / "content/regions/ntt", project / f"content/regions/kab-{n}")
    return project


def test_a_national_check_renders_in_workers_what_one_process_renders(project, monkeypatch):
    root = national_copy(project, 5)
    alone = preflight.check(root, Options())
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    with workers(2) as pool:
        spread = preflight.check(root, Options(), pool)
    assert [(t.path, t.packed, t.theme) for t in spread.targets] == [
        (t.path, t.packed, t.theme) for t in alone.targets
    ]
    assert len({t.edition for t in spread.targets}) == 9
    assert spread.warnings == alone.warnings


def test_a_national_check_in_workers_reports_every_broken_edition(project, monkeypatch):
    root = national_copy(project, 20)
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


def test_problems_found_in_workers_speak_the_language_of_the_command(project, monkeypatch):
    from modul import i18n

    root = national_copy(project, 1)
    layout = Folders(root).region_layout("kab-0")
    layout.mkdir()
    write(layout / "worksheet.xml.j2", "{{ nope }}\n")
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 1)
    try:
        with workers(2) as pool:  # started, and kept, in the suite's English
            english = problems_of(root, lambda r: preflight.check(r, Options(), pool))
            i18n.use("id")
            indonesian = problems_of(root, lambda r: preflight.check(r, Options(), pool))
    finally:
        i18n.use("en")
    assert [p.message for p in english] == ["template error: 'nope' is undefined"]
    assert [p.message for p in indonesian] != [p.message for p in english]
    assert "nope" in indonesian[0].message
