"""The parallel build: workers started with `spawn` (as on Windows and macOS) make the
same bytes as one process, and none outlives its parent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import problems_of, write
from modul.engine import incremental


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; it waits only to be reaped


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_workers_end_when_the_build_is_killed(project):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from modul import Options, build\n"
        "build(Path(sys.argv[1]), Options(jobs=2, force=True))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(project)])
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
            workers = [
                pid
                for pid in children_of(parent.pid)
                if "spawn_main"
                in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            ]
        assert len(workers) == 2, "the build did not start two workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)], "workers outlived their parent"
    finally:
        parent.kill()


def test_code_fingerprint_covers_every_module_of_every_sub_package(tmp_path, monkeypatch):
    """A module moved between sub-packages changes the fingerprint, so no build is
    taken for current that older code made."""
    monkeypatch.setattr(incremental, "PACKAGE", tmp_path)
    (tmp_path / "typeset").mkdir()
    (tmp_path / "engine").mkdir()
    (tmp_path / "typeset" / "pdf.py").write_text("X = 1\n")
    before = incremental.code_fingerprint()
    (tmp_path / "typeset" / "pdf.py").rename(tmp_path / "engine" / "pdf.py")
    assert incremental.code_fingerprint() != before
    (tmp_path / "engine" / "pdf.py").write_text("X = 2\n")
    assert len({before, incremental.code_fingerprint()}) == 2


def national_copy(project: Path, regions: int) -> Path:
    """The project with `regions` more districts, each a copy of NTT."""
    for n in range(regions):
        shutil.copytree(project / "content/regions/ntt", project / f"content/regions/kab-{n}")
    return project


def test_a_national_check_renders_in_workers_what_one_process_renders(project, monkeypatch):
    from modul import Options
    from modul.engine import preflight
    from modul.engine.workers import workers

    root = national_copy(project, 5)
    alone = preflight.check(root, Options())
    monkeypatch.setattr(preflight, "PARALLEL_FROM", 1)
    with workers(2) as pool:
        spread = preflight.check(root, Options(), pool)
    assert [(t.path, t.packed, t.theme) for t in spread.targets] == [
        (t.path, t.packed, t.theme) for t in alone.targets
    ]
    assert len({t.edition for t in spread.targets}) == 9
    assert spread.warnings == alone.warnings


def test_a_national_check_in_workers_reports_every_broken_edition(project, monkeypatch):
    from modul import Options
    from modul.engine import preflight
    from modul.engine.workers import workers
    from modul.folders import Folders

    root = national_copy(project, 20)
    for n in (3, 17):  # in two districts, in different workers' batches
        layout = Folders(root).region_layout(f"kab-{n}")
        layout.mkdir()
        write(layout / "worksheet.xml.j2", "{{ nope }}\n")
    alone = problems_of(root)
    monkeypatch.setattr(preflight, "PARALLEL_FROM", 1)
    with workers(2) as pool:
        spread = problems_of(root, lambda r: preflight.check(r, Options(), pool))
    assert [(p.file, p.line, p.message) for p in spread] == [
        (p.file, p.line, p.message) for p in alone
    ]
    assert {p.file for p in spread} == {
        f"content/regions/kab-{n}/layout/worksheet.xml.j2" for n in (3, 17)
    }
