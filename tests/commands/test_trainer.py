"""Commands for trainers: list, schema, new, init, preview, watch."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from conftest import REPO, expect, kit, modul_lines, pdf_text, shipped_line, write
from modul import Options, build
from modul.cli import cli


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_list_shows_roles_regions_documents_and_paths(project):
    text = run("list", "--project", str(project))
    assert "konselor-pemberdayaan-masyarakat   Konselor Pemberdayaan Masyarakat" in text
    assert "ntt" in text and "F4" in text and "Lembar Kerja  → lembar-kerja.pdf" in text
    made = "build/ntt/konselor-pemberdayaan-masyarakat/ +{} of 10 made"
    assert re.search(made.format(0), text)
    build(project, Options(regions=["ntt"], roles=[ROLE], kinds=["lembar-kerja"]))
    text = run("list", "--project", str(project))
    assert re.search(made.format(1), text)
    assert re.search("build/nasional/konselor-pemberdayaan-masyarakat/ +0 of 10 made", text)
    found = json.loads(run("list", "--json", "--project", str(project)))
    assert [r["slug"] for r in found["regions"]] == ["nasional", "ntb-mitra", "ntt", "sumbar"]
    assert len(found["outputs"]) == kit(project).total
    assert "build/ntt/konselor-pemberdayaan-masyarakat/lembar-kerja.pdf" in found["outputs"]


def test_schema_files_are_written_and_named_by_every_content_file(project):
    written = run("schema", "--project", str(project)).split()
    assert written == [
        f"schema/{k}.schema.json" for k in ("role", "workshop", "worksheet", "region", "glossary")
    ]
    role = json.loads((project / "schema" / "role.schema.json").read_text(encoding="utf-8"))
    assert role["additionalProperties"] is False and "nama" in role["required"]
    assert "tugas_utama" in role["properties"]
    files = [
        *(project / "content").glob("*.yaml"),
        *(project / "content").glob("roles/*"),
        *(project / "content").glob("regions/*/region.yaml"),
    ]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path


def test_committed_schemas_are_up_to_date(project):
    run("schema", "--project", str(project))
    for fresh in (project / "schema").glob("*.json"):
        assert (REPO / "schema" / fresh.name).read_text(encoding="utf-8") == fresh.read_text(
            encoding="utf-8"
        ), f"run `modul schema`: {fresh.name} is stale"


def test_a_worksheet_part_no_step_uses_is_a_warning(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("        lembar_kerja:\n          - rencana-tindak-lanjut\n", ""))
    overlay_text = "bagian:\n  - id: rencana-tindak-lanjut\n    judul: Rencana Tindak Lanjut\n"
    write(project / "content/regions/ntb-mitra/worksheet.yaml", overlay_text)
    output = run("check", "--project", str(project))
    national = shipped_line("content/worksheet.yaml", "id: rencana-tindak-lanjut")
    overlay = 2  # the overlay's line of the part
    assert (
        f"content/worksheet.yaml:{national}:9: warning: worksheet part `rencana-tindak-lanjut` "
        "is not used by any step" in output
    )
    assert "lembar_kerja: [rencana-tindak-lanjut]" in output and "2 warnings" in output
    assert f"content/regions/ntb-mitra/worksheet.yaml:{overlay}:9: warning" in output


def test_new_role_and_region_build_at_once(project):
    assert "created content/roles/pendamping-desa.yaml" in run(
        "new", "role", "pendamping-desa", "--project", str(project)
    )
    run("new", "region", "jawa-tengah", "--project", str(project))
    role = (project / "content" / "roles" / "pendamping-desa.yaml").read_text(encoding="utf-8")
    assert role.startswith("# yaml-language-server: $schema=../../schema/role.schema.json")
    assert "nama: Pendamping Desa" in role and "# Tugas utama peran ini" in role
    region = (project / "content" / "regions" / "jawa-tengah" / "region.yaml").read_text(
        encoding="utf-8"
    )
    report = build(project, Options(regions=["jawa-tengah"], roles=["pendamping-desa"]))
    assert len(report.documents) == len(kit(project).documents)
    assert "Provinsi Jawa Tengah" in pdf_text(report.documents[0].path, furniture=True)
    # every example text left in the starting files is a warning at its line
    examples = [
        ln
        for ln in (role + region).splitlines()
        if "(Tuliskan" in ln and not ln.lstrip().startswith("#")
    ]
    assert len(report.warnings) == len(examples) > 10
    assert all("is an example text of `modul new`" in w.message for w in report.warnings)
    line = next(n for n, text in enumerate(region.splitlines(), 1) if "tempat:" in text)
    assert any(
        (w.file, w.line) == ("content/regions/jawa-tengah/region.yaml", line)
        for w in report.warnings
    )


def test_new_never_overwrites_and_checks_the_name(project):
    result = CliRunner().invoke(
        cli, ["new", "role", "konselor-pemberdayaan-masyarakat", "--project", str(project)]
    )
    assert result.exit_code == 1 and "never overwrites" in result.output
    result = CliRunner().invoke(cli, ["new", "region", "Jawa Tengah", "--project", str(project)])
    assert result.exit_code == 1 and "lowercase letters" in result.output


def test_init_refuses_a_folder_that_has_a_project(project):
    result = CliRunner().invoke(cli, ["init", str(project)])
    assert result.exit_code == 1 and "already has content, layouts" in result.output


@pytest.mark.slow
def test_init_from_the_installed_wheel(tmp_path):
    """Build the wheel, install it apart from this checkout, `modul init` + `modul build`:
    the whole example, from what the wheel holds."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("modul-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    for language in ("id", "en"):  # compiled while the wheel was built
        assert f"modul/locale/{language}/LC_MESSAGES/modul.mo" in shipped
    # setuptools' own build folders are not put into build/, where modul's PDFs go
    made = [p.name for p in (REPO / "build").glob("*") if p.name == "lib" or p.name[:6] == "bdist."]
    assert not made
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    here = tmp_path / "elsewhere"
    here.mkdir()
    start = (
        f"import sys; sys.path.insert(0, {str(site)!r}); import modul; "
        f"assert modul.__file__.startswith({str(site)!r}), modul.__file__; "
        "from modul.cli import main; sys.argv[0] = 'modul'; main()"
    )

    def modul(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", start, *args], cwd=here, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    assert "next: cd pelatihan && modul build" in modul("init", "pelatihan")
    assert "Penggunaan:" in modul("--lang", "id", "--help")  # the catalogs are found
    assert (
        (here / "pelatihan" / "README.md")
        .read_text(encoding="utf-8")
        .startswith("# Bahan pelatihan")
    )
    here = here / "pelatihan"
    outputs = json.loads(modul("list", "--json"))["outputs"]
    assert len(outputs) == kit(here).total
    assert f"Done: {len(outputs)} documents written" in modul("build", "--jobs", "2")


ROLE = "konselor-pemberdayaan-masyarakat"


def test_preview_writes_png_pages_and_clean_removes_them(project):
    paths = run("preview", ROLE, "worksheet", "--page", "2", "--project", str(project)).split()
    assert paths == [f"build/preview/nasional/{ROLE}/lembar-kerja-02.png"]
    png = project / paths[0]
    assert png.read_bytes().startswith(b"\x89PNG")
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (827, 1170)  # A4 at 100 dpi, rounded up
        assert image.convert("L").getextrema()[0] < 50  # there is dark text on it
    all_pages = run("preview", ROLE, "runsheet", "--region", "ntt", "--project", str(project))
    assert all_pages.split() == [f"build/preview/ntt/{ROLE}/jadwal-pelaksanaan-01.png"]
    result = CliRunner().invoke(
        cli, ["preview", ROLE, "worksheet", "--page", "99", "--project", str(project)]
    )
    (worksheet,) = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], force=True)
    ).documents
    assert result.exit_code == 1 and f"the document has {worksheet.pages} pages" in result.output
    run("clean", "--project", str(project))
    assert not png.exists()


def test_watch_rebuilds_on_save_and_survives_a_mistake(project):
    process, lines = modul_lines(
        "watch", "--project", str(project), "--region", "nasional", "--role", ROLE,
        "--doc", "handout", "-j", "1",
    )  # fmt: skip
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        expect(lines, "watching content/ and layouts/")
        write(path, original.replace("nama: Konselor", "nama: Konselor Desa"))
        expect(lines, "changed: content/roles/konselor-pemberdayaan-masyarakat.yaml")
        expect(lines, "Done: 1 document written")
        write(path, original.replace("tugas_utama:", "tugas_utama: [", 1))
        expect(lines, "YAML syntax error")
        expect(lines, "watching content/ and layouts/")
        write(path, original.replace("nama: Konselor", "nama: Konselor Kampung"))
        expect(lines, "Done: 1 document written")
        assert process.poll() is None, "watch keeps running"
    finally:
        process.kill()
        process.wait()


def test_init_names_a_folder_with_spaces_so_that_the_next_step_can_be_pasted(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "Pelatihan Kupang 2026")])
    assert result.exit_code == 0, result.output
    assert f'next: cd "{tmp_path / "Pelatihan Kupang 2026"}" && modul build' in result.output


def test_outside_a_project_the_fix_names_modul_init(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--project", str(tmp_path)])
    assert result.exit_code != 0
    assert "no modul project here" in result.output and "modul init NAME" in result.output


def test_placeholder_warnings_are_repeated_by_a_build_where_nothing_changed(project):
    """After `modul new region`, the second build was silent while its PDFs still
    printed "(Tuliskan nama kota)" (issue 15)."""
    run("new", "region", "jawa-tengah", "--project", str(project))
    where = Options(regions=["jawa-tengah"], roles=["konselor-pemberdayaan-masyarakat"])
    first = build(project, where)
    again = build(project, where)
    assert again.skipped == len(first.documents) and not again.documents
    placeholders = [w for w in again.warnings if "example text" in w.message]
    assert placeholders and placeholders == [w for w in first.warnings if w in placeholders]
    national = build(
        project, Options(regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"])
    )
    assert not [w for w in national.warnings if "jawa-tengah" in w.file]
