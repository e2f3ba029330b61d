"""One rule for every file modul writes or deletes: a regular file under this project's
build/, reached without `..` and without a link out, whatever a record says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import small_copy
from modul import Options, build
from modul.engine.manifest import clean
from modul.errors import OutputError
from modul.folders import Folders
from modul.output import may_change


@pytest.fixture
def project(tmp_path):
    """The role these tests build and the national set: all these tests need of the shipped
    project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=())


ONE = Options(regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"], kinds=["handout"])
HANDOUT = "build/nasional/konselor-pemberdayaan-masyarakat/bahan-bacaan.pdf"


def keep(path: Path, text: str = "the trainer's own file") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def record_also(root: Path, *names: str) -> None:
    """Add `names` to the files the manifest says modul wrote for the handout."""
    manifest = Folders(root).manifest
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    entries[HANDOUT]["files"] += list(names)
    manifest.write_text(json.dumps(entries), encoding="utf-8")


def test_the_rule(tmp_path):
    root = tmp_path / "project"
    build_folder = root / "build"
    keep(build_folder / "a" / "x.pdf")
    keep(tmp_path / "outside.pdf")
    (build_folder / "link-out").symlink_to(tmp_path)
    (build_folder / "link-in.pdf").symlink_to(build_folder / "a" / "x.pdf")
    (build_folder / "folder.pdf").mkdir()
    assert may_change(build_folder / "a" / "x.pdf", root)
    assert may_change(build_folder / "a" / "new.pdf", root)  # not there yet
    assert may_change(build_folder / "link-in.pdf", root)  # a link that stays inside
    assert not may_change(build_folder / "a" / ".." / "a" / "x.pdf", root)  # `..` refused
    assert not may_change(build_folder / ".." / "outside.pdf", root)
    assert not may_change(build_folder / "link-out" / "outside.pdf", root)
    assert not may_change(build_folder / "folder.pdf", root)  # not a regular file
    assert not may_change(build_folder, root)
    assert not may_change(root / "content" / "x.yaml", root)


@pytest.mark.parametrize("name", ["../outside.pdf", "build/../../outside.pdf", "build/link/x.pdf"])
def test_a_manifest_naming_a_file_outside_build_deletes_nothing(project, name):
    build(project, ONE)
    victim = keep(project.parent / "outside.pdf")
    keep(project.parent / "elsewhere" / "x.pdf")
    (project / "build" / "link").symlink_to(project.parent / "elsewhere")
    record_also(project, name)
    (project / HANDOUT).unlink()  # so that the build makes it again and drops the rest
    report = build(
        project,
        Options(
            regions=["nasional"],
            roles=["konselor-pemberdayaan-masyarakat"],
            kinds=["handout"],
            paper="A5",
        ),
    )
    assert victim.read_text(encoding="utf-8") == "the trainer's own file"
    assert (project.parent / "elsewhere" / "x.pdf").exists()
    assert any(
        "outside build/" in w.message and w.file == "build/.modul-manifest.json"
        for w in report.warnings
    )
    record_also(project, name)
    removed, problems = clean(project)
    assert victim.exists() and (project.parent / "elsewhere" / "x.pdf").exists()
    assert project / HANDOUT in removed
    assert any("outside build/" in p.message for p in problems)


def test_a_build_folder_linked_out_of_the_project_is_not_written_through(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "build").mkdir()
    (project / "build" / "nasional").symlink_to(elsewhere)
    with pytest.raises(OutputError) as caught:
        build(project, ONE)
    [problem] = caught.value.problems
    assert problem.file.startswith("build/nasional/")
    assert "modul writes only into build/" in problem.message
    assert list(elsewhere.iterdir()) == []


def test_preview_and_serve_keep_what_a_roster_build_made(project):
    """A trainer who built the named certificates and personal copies, then looks at a
    page (`modul preview`) or opens `modul serve`, still has every name on paper."""
    from pypdf import PdfReader

    from modul.commands.preview import preview

    roster = project / "peserta.csv"
    roster.write_text("nama,asal\nBudi Santoso,Desa Oelnasi\nAni Lestari,Desa Baumata\n", "utf-8")
    role = "konselor-pemberdayaan-masyarakat"
    kinds = ["certificate", "worksheet"]
    build(project, Options(regions=["nasional"], roles=[role], kinds=kinds, roster=roster))
    folder = project / "build" / "nasional" / role
    made = sorted(p.relative_to(folder) for p in folder.rglob("*.pdf"))
    assert any(p.parts[0] == "peserta" for p in made)  # each participant's own copy

    def names_on_certificate() -> str:
        return " ".join(page.extract_text() for page in PdfReader(folder / "sertifikat.pdf").pages)

    pngs = preview(project, role, "sertifikat")
    assert len(pngs) == 2  # a page per participant: the named certificate was shown
    serving = Options(regions=["nasional"], roles=[role], kinds=kinds, keep_named=True)
    assert build(project, serving).documents == []
    assert sorted(p.relative_to(folder) for p in folder.rglob("*.pdf")) == made
    assert "Budi Santoso" in names_on_certificate() and "Ani Lestari" in names_on_certificate()
    # A plain build without the list is asked for blank copies: it makes them.
    build(project, Options(regions=["nasional"], roles=[role], kinds=kinds))
    assert "Budi Santoso" not in names_on_certificate()


def test_a_document_that_cannot_be_laid_out_stops_no_other(project):
    """Asked for A5, the guide whose rows cannot be cut is said at the end; every other
    document is made on A5 all the same, so that no set is left half on the old paper."""
    from pypdf import PdfReader

    from modul.errors import ModulError

    guide = project / "layouts" / "default" / "guide.xml.j2"
    markup = guide.read_text(encoding="utf-8")
    old = '<table widths="1.6,6" shade="1">'
    guide.write_text(markup.replace(old, old.replace(">", ' row-mm="200">'), 1), "utf-8")
    role = "konselor-pemberdayaan-masyarakat"
    kinds = ["guide", "handout", "worksheet", "pretest"]
    build(project, Options(regions=["nasional"], roles=[role], kinds=kinds))  # A4 (the guide too)
    with pytest.raises(ModulError) as caught:
        build(project, Options(regions=["nasional"], roles=[role], kinds=kinds, paper="A5", jobs=2))
    assert all("does not fit on a page" in p.message for p in caught.value.problems)
    folder = project / "build" / "nasional" / role
    for name in ("bahan-bacaan.pdf", "lembar-kerja.pdf", "tes-awal.pdf"):
        box = PdfReader(folder / name).pages[0].mediabox
        assert round(float(box.width) * 25.4 / 72) == 148, name  # all made on A5
