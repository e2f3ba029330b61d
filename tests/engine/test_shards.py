"""A build shared among machines: N shard processes at once, each in its own copy of the
project, joined by `modul merge`, equal a one-machine build byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_project, small_copy
from modul import ModulError, Options, build
from modul.cli import cli
from modul.commands.merge import merge

PARTS = 3


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


@pytest.mark.parametrize(
    "copy", [small_copy, pytest.param(copy_project, marks=pytest.mark.slow)], ids=["small", "whole"]
)
def test_shards_built_at_once_and_merged_equal_one_build(tmp_path, copy):
    """The shards in processes of their own at once; the one-machine build, the merge
    and the commands after it in this one."""
    copies = [copy(tmp_path / f"machine-{n}") for n in range(1, PARTS + 1)]
    running = [
        modul(root, "build", "--jobs", "1", "--shard", f"{n}/{PARTS}")
        for n, root in enumerate(copies, 1)
    ]
    single = copy(tmp_path / "one-machine")
    said_here(single, "build", "--jobs", "1")
    for process in running:
        finished(process)
    joined = copy(tmp_path / "joined")
    said = said_here(joined, "merge", *(str(root / "build") for root in copies))
    expected = files(single / "build")
    assert len(expected) > PARTS + 1  # each part has files of its own
    assert said.startswith(f"Merged: {len(expected) - 1} files")  # all but the record
    assert files(joined / "build") == expected  # the record of written files included
    again = said_here(joined, "build")
    assert again.startswith("Done: 0 documents written")  # nothing to make: all known
    said_here(joined, "clean")
    assert files(joined / "build") == {}


def said_here(root: Path, *args: str) -> str:
    """What `modul ARGS` says on its standard output, run in this process."""
    result = CliRunner().invoke(cli, [*args, "--project", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout


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


ONE = Options(regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"], kinds=["handout"])
HANDOUT = "build/nasional/konselor-pemberdayaan-masyarakat/bahan-bacaan.pdf"


def refused_part(project: Path, part: Path, says: str) -> None:
    """`modul merge` refuses the part whole: its message, and nothing copied."""
    with pytest.raises(ModulError) as caught:
        merge(project, [part / "build"])
    assert says in str(caught.value), caught.value
    assert not (project / "build").exists() or not any((project / "build").rglob("*.pdf"))


def test_a_part_made_from_other_content_is_refused(project, tmp_path):
    part = copy_project(tmp_path / "part")
    role = part / "content/roles/konselor-pemberdayaan-masyarakat.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("Konselor", "Konsultan", 1), "utf-8")
    build(part, ONE)
    refused_part(project, part, "not made from this project's content and layouts")


def test_a_part_whose_pdf_is_cut_short_is_refused(project, tmp_path):
    part = copy_project(tmp_path / "part")
    build(part, ONE)
    pdf = part / HANDOUT
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    refused_part(project, part, "cut short or changed")


def test_a_part_whose_record_leads_out_of_build_is_refused(project, tmp_path):
    part = copy_project(tmp_path / "part")
    build(part, ONE)
    deep = part / "build" / "a" / "b"
    deep.mkdir(parents=True)
    (part / "build" / "link").symlink_to(deep)
    (part / "build" / "x.pdf").write_bytes((part / HANDOUT).read_bytes())
    manifest = part / "build" / ".modul-manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    entries[HANDOUT]["files"].append("build/link/../../x.pdf")  # in the part: build/x.pdf
    entries[HANDOUT]["hashes"].append(entries[HANDOUT]["hashes"][0])
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    refused_part(project, part, "`build/link/../../x.pdf` lies outside build/")
    assert not (project / "x.pdf").exists() and not (project.parent / "x.pdf").exists()


def test_a_good_part_is_merged_with_its_hashes_checked(project, tmp_path):
    part = copy_project(tmp_path / "part")
    build(part, ONE)
    assert merge(project, [part / "build"]) == [project / HANDOUT]
    assert (project / HANDOUT).read_bytes() == (part / HANDOUT).read_bytes()
