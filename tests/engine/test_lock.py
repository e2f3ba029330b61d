"""One build at a time: a second build waits for the first, and nothing either wrote is
forgotten (`modul clean` removes every file of both)."""

from __future__ import annotations

import subprocess
import sys
import time

from filelock import FileLock

from conftest import SMALL_ROLE, kit
from modul.output import lock_path

ROLE = SMALL_ROLE


def modul(project, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "modul", *args[:1], "--project", str(project), *args[1:]]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_build_waits_for_the_first(small_project):
    project = small_project
    held = FileLock(lock_path(project))
    with held:
        second = modul(project, "build", "--region", "nasional", "--role", ROLE, "--doc", "handout")
        assert second.stderr is not None
        said = second.stderr.readline()  # once it has found the lock taken
        time.sleep(1.5)  # one handout is written in less, were it not waiting
        assert second.poll() is None
        assert not (project / "build" / "nasional").exists()
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, said + out + err
    assert "another modul build is writing to build/: waiting" in said
    assert (project / "build" / "nasional" / ROLE / "bahan-bacaan.pdf").is_file()


def test_two_builds_at_once_lose_nothing(small_project):
    """`modul watch` in one window and `modul build` in another: before the lock, one
    edition's manifest entries were lost and `clean` left 12 PDFs behind."""
    project = small_project
    builds = [
        modul(project, "build", "--region", region, "--jobs", "1") for region in ("nasional", "ntt")
    ]
    for running in builds:
        out, err = running.communicate(timeout=300)
        assert running.returncode == 0, out + err
    both = 2 * kit(project).per_edition
    assert len(list((project / "build").rglob("*.pdf"))) == both
    cleaned = subprocess.run(
        [sys.executable, "-m", "modul", "clean", "--project", str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"Removed {both + 1} files" in cleaned.stdout  # the PDFs and the manifest
    assert not list((project / "build").rglob("*.pdf"))


def test_clean_after_kill_9_removes_every_file_the_build_wrote(small_project):
    """A build killed with SIGKILL as its first PDFs appeared left PDFs that no manifest
    listed, so `clean` removed none of them."""
    project = small_project
    total = kit(project).total
    running = modul(project, "build", "--jobs", "1")
    deadline = time.monotonic() + 120
    while not list((project / "build").rglob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)  # a few more documents
    running.kill()
    running.communicate()
    written = list((project / "build").rglob("*.pdf"))
    assert 0 < len(written) < total, "the build was not stopped part-way"
    cleaned = subprocess.run(
        [sys.executable, "-m", "modul", "clean", "--project", str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not list((project / "build").rglob("*.pdf")), cleaned.stdout
    assert not [p for p in (project / "build").rglob("*") if p.is_file()]  # no .tmp, no journal
    again = subprocess.run(
        [sys.executable, "-m", "modul", "build", "--project", str(project), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"Done: {total} documents written" in again.stdout
