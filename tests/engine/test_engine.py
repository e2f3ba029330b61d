"""The build engine: what is rebuilt, in parallel and in slices, reproducibly and safely."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import SMALL_ROLE, kit, pdf_path, small_copy, write
from modul import Options, build
from modul.engine.manifest import clean
from modul.folders import MANIFEST

ROLE = SMALL_ROLE  # the small project's role, in the shipped project too
OTHER_ROLE = "konselor-pemberdayaan-masyarakat"


def names(report) -> list[str]:
    return sorted(d.path.relative_to(d.path.parents[2]).as_posix() for d in report.documents)


def test_nothing_changed_nothing_rebuilt(small_project):
    project = small_project
    total = kit(project).total
    first = build(project)
    assert len(first.documents) == total and first.skipped == 0
    again = build(project)
    assert again.documents == [] and again.skipped == total


def test_editing_one_role_rebuilds_only_its_documents(tmp_path):
    project = small_copy(tmp_path / "project", roles=(ROLE, OTHER_ROLE))
    build(project)
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    write(path, path.read_text(encoding="utf-8") + "\n# diubah\n")
    report = build(project)
    size = kit(project)
    assert report.skipped == size.total - size.per_role
    assert {d.path.parent.name for d in report.documents} == {ROLE}
    assert len(report.documents) == size.per_role  # every document in every edition


def test_editing_a_region_overlay_rebuilds_that_region_only(tmp_path):
    project = small_copy(tmp_path / "project", regions=("ntt", "sumbar"))
    build(project)
    path = project / "content" / "regions" / "ntt" / "workshop.yaml"
    write(path, path.read_text(encoding="utf-8") + "\n# diubah\n")
    report = build(project)
    assert {d.path.parts[-3] for d in report.documents} == {"ntt"}
    assert len(report.documents) == kit(project).per_edition


def test_editing_a_shared_partial_rebuilds_everything_that_includes_it(tmp_path):
    project = small_copy(tmp_path / "project", regions=())  # every template, one role
    build(project)
    path = project / "layouts" / "default" / "_cover.xml.j2"
    write(path, path.read_text(encoding="utf-8") + "\n{# diubah #}\n")
    assert len(build(project).documents) == kit(project).total  # every template has a cover
    handout = project / "layouts" / "default" / "handout.xml.j2"
    write(handout, handout.read_text(encoding="utf-8") + "\n{# diubah #}\n")
    report = build(project)
    assert {d.path.name for d in report.documents} == {"bahan-bacaan.pdf"}


def test_force_and_options_rebuild(small_project):
    project = small_project
    national = kit(project).per_edition
    build(project, Options(regions=["nasional"]))
    assert len(build(project, Options(regions=["nasional"], force=True)).documents) == national
    assert len(build(project, Options(regions=["nasional"], paper="F4")).documents) == national


def test_files_of_options_no_longer_given_are_removed(project, tmp_path):
    folder = project / "build" / "nasional" / ROLE
    three = write(tmp_path / "tiga.csv", "nama\nAni\nBudi\nCici\n")
    build(
        project,
        Options(
            regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=three, booklet=True
        ),
    )
    assert len(list((folder / "peserta").glob("*.pdf"))) == 3
    mine = write(folder / "peserta" / "catatan-saya.txt", "tulisan pelatih")
    two = write(tmp_path / "dua.csv", "nama\nAni\nBudi\n")
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=two)
    )
    assert sorted(p.name for p in report.removed) == [
        "lembar-kerja-003-cici.pdf",
        "lembar-kerja-buklet.pdf",
    ]
    assert len(list((folder / "peserta").glob("*.pdf"))) == 2
    assert not (folder / "lembar-kerja-buklet.pdf").exists() and mine.is_file()


def test_deleted_output_is_rebuilt(small_project):
    project = small_project
    build(project, Options(regions=["nasional"]))
    pdf_path(project, ROLE, "lembar-kerja.pdf").unlink()
    report = build(project, Options(regions=["nasional"]))
    assert [d.path.name for d in report.documents] == ["lembar-kerja.pdf"]


def test_two_jobs_write_the_same_files_with_the_same_bytes(small_project, tmp_path):
    """Under --jobs the documents are reported as they are finished, in any order; what
    is written is the same."""
    project, other = small_project, small_copy(tmp_path / "other")
    one, two = build(project, Options(jobs=1)), build(other, Options(jobs=2))
    assert names(one) == names(two)
    files = sorted(d.path.relative_to(project) for d in one.documents)
    assert files == sorted(d.path.relative_to(other) for d in two.documents)
    for file in files:
        assert (project / file).read_bytes() == (other / file).read_bytes()


def test_shards_split_the_targets_without_overlap(small_project):
    project = small_project
    parts = [names(build(project, Options(regions=["ntt"], shard=(i, 3)))) for i in (1, 2, 3)]
    assert all(parts)
    flat = [name for part in parts for name in part]
    assert len(flat) == len(set(flat)) == kit(project).per_edition


def test_source_date_epoch_sets_the_pdf_date(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    report = build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["handout"]))
    assert PdfReader(report.documents[0].path).metadata["/CreationDate"].startswith("D:20260528")


def test_clean_deletes_only_what_modul_wrote(small_project):
    project = small_project
    build(project, Options(regions=["nasional"]))
    mine = project / "build" / "catatan-saya.txt"
    write(mine, "jangan dihapus")
    theirs = project / "build" / "nasional" / "lama.pdf"
    write(theirs, "%PDF-1.4 bukan buatan modul")
    from modul.engine.manifest import clean

    removed, _ = clean(project)
    assert len(removed) == kit(project).per_edition + 1  # the PDFs and the manifest
    assert mine.read_text(encoding="utf-8") == "jangan dihapus" and theirs.is_file()
    assert not (project / "build" / MANIFEST).exists()
    assert not (project / "build" / "nasional" / ROLE).exists()


def test_interrupted_build_leaves_earlier_pdfs_whole(small_project):
    project = small_project
    build(project, Options(regions=["nasional"]))
    before = {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "modul",
            "build",
            "--force",
            "--jobs",
            "1",
            "--project",
            str(project),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None
    process.stdout.readline()  # the first document is written
    process.send_signal(signal.SIGKILL)
    process.wait()
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path} changed"  # reproducible, so equal
        assert len(PdfReader(path).pages) > 0
    leftovers = list((project / "build").rglob("*.tmp"))
    build(project, Options(regions=["nasional"]))
    assert not list((project / "build").rglob("*.tmp")), leftovers


def test_ctrl_c_mid_build_leaves_no_partial_file(small_project, monkeypatch):
    project = small_project
    import modul.engine.writer

    calls = []

    def interrupted(path, data, root):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(path, data, root)

    original = modul.engine.writer.write_atomic
    monkeypatch.setattr(modul.engine.writer, "write_atomic", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project, Options(regions=["nasional"], jobs=1))
    written = sorted((project / "build").rglob("*.pdf"))
    assert len(written) == 2 and not list((project / "build").rglob("*.tmp"))
    monkeypatch.setattr(modul.engine.writer, "write_atomic", original)
    report = build(project, Options(regions=["nasional"]))
    assert report.skipped == 2 and len(report.documents) == kit(project).per_edition - 2


@pytest.mark.parametrize(
    "damage",
    [
        '{"build/nasional/x.pdf": ["not", "an", "entry"]}',  # JSON of the wrong shape
        '{"build/nasional/x.pdf": {"fingerprint": "f", "files": [1]}}',
        "[1, 2, 3]",
        '{"build/nasional/konselor',  # cut off by a crash
        "\udcff",  # not UTF-8 (written below as a raw byte)
    ],
)
def test_a_damaged_manifest_is_set_aside_and_made_anew(project, damage):
    """Valid JSON of the wrong shape stopped both `build` and `clean` with exit 4."""
    where = Options(regions=["nasional"], roles=[ROLE], kinds=["handout"])
    build(project, where)
    manifest = project / "build" / MANIFEST
    manifest.write_bytes(damage.encode("utf-8", "surrogateescape"))
    report = build(project, where)
    assert [d.path.name for d in report.documents] == ["bahan-bacaan.pdf"]  # made again
    (note,) = [w for w in report.warnings if w.file == f"build/{MANIFEST}"]
    assert note.is_warning and "kept as .modul-manifest.json.damaged" in note.message
    assert manifest.with_name(f"{MANIFEST}.damaged").read_bytes() == damage.encode(
        "utf-8", "surrogateescape"
    )
    removed, problems = clean(project)
    assert problems == [] and not list((project / "build").rglob("*.pdf"))
    assert len(removed) == 2  # the handout and the new manifest
