"""The parallel build: workers started with `spawn` (as on Windows and macOS) make the
same bytes as one process, and none outlives its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


@pytest.mark.skipif(
    not Path("/proc").is_dir(), reason="no /proc: the workers are found there, which only Linux has"
)
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
