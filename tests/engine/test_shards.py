"""A build shared among machines: N shard processes at once, each in its own copy of the
project, joined by `modul merge`, equal a one-machine build byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project

PARTS = 3
WHERE = ["--region", "nasional", "--region", "ntt"]


def modul(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "modul", *args, "--project", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def files(build: Path) -> dict[str, bytes]:
    return {
        path.relative_to(build).as_posix(): path.read_bytes()
        for path in sorted(build.rglob("*"))
        if path.is_file()
    }


def test_shards_built_at_once_and_merged_equal_one_build(tmp_path):
    copies = [copy_project(tmp_path / f"machine-{n}") for n in range(1, PARTS + 1)]
    running = [
        modul(root, "build", *WHERE, "--jobs", "1", "--shard", f"{n}/{PARTS}")
        for n, root in enumerate(copies, 1)
    ]
    single = copy_project(tmp_path / "one-machine")
    finished(modul(single, "build", *WHERE, "--jobs", "1"))
    for process in running:
        finished(process)
    joined = copy_project(tmp_path / "joined")
    said = finished(modul(joined, "merge", *(str(root / "build") for root in copies)))
    expected = files(single / "build")
    assert said.startswith(f"Merged: {len(expected) - 1} files")  # all but the record
    assert files(joined / "build") == expected  # the record of written files included
    again = finished(modul(joined, "build", *WHERE))
    assert again.startswith("Done: 0 documents written")  # nothing to make: all known
    finished(modul(joined, "clean"))
    assert files(joined / "build") == {}


def test_a_part_that_is_incomplete_is_refused_before_anything_is_copied(project, tmp_path):
    part = copy_project(tmp_path / "part")
    finished(modul(part, "build", "--region", "nasional", "--doc", "lembar-kerja"))
    (part / "build" / "nasional" / "konselor-pemberdayaan-masyarakat" / "lembar-kerja.pdf").unlink()
    result = modul(project, "merge", str(part / "build"))
    _, err = result.communicate(timeout=120)
    assert result.returncode == 1
    assert "the part is incomplete" in err and "lembar-kerja.pdf" in err
    assert not (project / "build").exists()


@pytest.mark.parametrize("name", ["github-actions-national.yml", "kubernetes-indexed-job.yaml"])
def test_the_shipped_batch_recipes_shard_and_merge(name):
    from ruamel.yaml import YAML

    text = (REPO / "docs" / "national" / name).read_text(encoding="utf-8")
    documents = list(YAML(typ="safe").load_all(text))
    assert documents and all(isinstance(d, dict) for d in documents)
    assert "--shard" in text and "modul merge" in text
