"""The command line: progress and summary, help texts, messages and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import REPO, a_nearly_empty_page, kit, write
from modul.cli import cli
from modul.layout.labels import load_labels

COMMANDS = [
    "build",
    "check",
    "show",
    "diff",
    "clean",
    "init",
    "new",
    "list",
    "preview",
    "watch",
    "serve",
    "schema",
    "merge",
    "report",
    "scan",
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_prints_a_line_per_document_and_a_summary(small_project):
    project = small_project
    a_nearly_empty_page(project)
    result = run("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    total = kit(project).total  # editions × roles × documents
    assert len([ln for ln in lines if ln.startswith("[")]) == total
    assert lines[0].startswith(f"[1/{total}] build/")
    assert lines[-1].startswith(f"Done: {total} documents written, ") and " pages in " in lines[-1]
    # each document's own time, not the time since the start (which only grows)
    times = [float(ln.split()[-2]) for ln in lines if ln.startswith("[")]
    assert times != sorted(times)
    assert "(2 warnings, shown above)" in lines[-1]  # the short handout page, both editions


def test_documents_are_reported_as_they_are_finished(small_project):
    """Under --jobs 2 the first line is printed while the build goes on, not in one
    burst at the end."""
    project = small_project
    process = subprocess.Popen(
        [sys.executable, "-m", "modul", "build", "--jobs", "2", "--project", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    still_building = process.poll() is None
    rest = process.stdout.read()
    assert process.wait() == 0
    assert first.startswith("[1/") and still_building
    assert len([ln for ln in rest.splitlines() if ln.startswith("[")]) == kit(project).total - 1


def test_check_reports_ok_without_writing(project):
    result = run("check", "--project", str(project))
    assert result.exit_code == 0, result.output
    size = kit(project)
    assert (
        f"OK: {len(size.roles)} roles, {len(size.editions) - 1} regions, "
        f"{size.total} documents checked"
    ) in result.output
    assert not (project / "build").exists()


def test_broken_yaml_exits_1_with_file_line_and_fix(project):
    write(project / "content" / "worksheet.yaml", "bagian:\n  - id: a\n   kode: x\n")
    result = run("build", "--project", str(project))
    assert result.exit_code == 1
    assert "content/worksheet.yaml:3:" in result.output and "fix:" in result.output
    assert "Traceback" not in result.output
    assert not (project / "build").exists()


def test_unknown_key_message_and_exit_code(project):
    path = project / "content" / "workshop.yaml"
    write(path, path.read_text(encoding="utf-8").replace("peserta:", "pesrta:", 1))
    result = run("check", "--project", str(project))
    assert result.exit_code == 1
    assert "content/workshop.yaml:" in result.output
    assert "unknown key `pesrta`" in result.output and "did you mean `peserta`?" in result.output


def test_several_problems_are_all_reported_and_counted(project):
    roles = project / "content" / "roles"
    for path in roles.glob("*.yaml"):
        write(path, path.read_text(encoding="utf-8").replace("nama:", "nam:"))
    result = run("check", "--project", str(project))
    assert result.exit_code == 1
    assert result.output.count("did you mean `nama`?") == 3
    assert "3 problems found." in result.output


def test_outside_a_project_is_a_clear_error(tmp_path):
    result = run("check", "--project", str(tmp_path))
    assert result.exit_code == 1 and "no modul project here" in result.output


def test_unknown_document_kind_is_a_usage_error(project):
    result = run("build", "--project", str(project), "--doc", "poster")
    assert result.exit_code == 2 and "poster" in result.output


def test_a5_sheets_for_a_booklet_are_a_usage_error(project):
    result = run("build", "--project", str(project), "--booklet", "--paper", "A5")
    assert result.exit_code == 2 and "use A4, F4 or Letter" in result.output
    assert not (project / "build").exists()


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_command_explains_itself(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    if not command:
        assert all(c in result.output for c in COMMANDS)
        assert "Exit codes" in result.output


def test_python_dash_m_works_like_modul():
    result = subprocess.run(
        [sys.executable, "-m", "modul", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "modul" in result.stdout


def test_build_with_nothing_to_do_loads_no_heavy_library(small_project):
    project = small_project
    run("build", "--project", str(project), "--region", "nasional")
    code = (
        "import sys, contextlib, io\n"
        "from modul.cli import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli(['build', '--project', {str(project)!r}, '--region', 'nasional'])\n"
        "print(sorted(m for m in ('reportlab', 'pydantic', 'jinja2', 'pikepdf')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


@pytest.mark.parametrize("args", [["--help"], ["check"]])
def test_help_and_check_do_not_import_reportlab(args):
    code = (
        "import sys, contextlib, io\n"
        "from modul.cli import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli({args!r})\n"
        "print('reportlab' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr


@pytest.mark.parametrize("shard", ["²/³", "0/2", "3/2", "a/b", "1/"])
def test_a_bad_shard_is_a_usage_error(project, shard):
    result = run("build", "--project", str(project), "--shard", shard)
    assert result.exit_code == 2, result.output
    assert "--shard" in result.output and "e.g. 2/4" in result.output
    assert "Traceback" not in result.output


def test_documents_and_paper_by_the_names_trainers_use(project):
    """`--doc lembar-kerja` (the file's name) and `--paper f4` were refused (issue 15)."""
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--project",
            str(project),
            "--region",
            "nasional",
            "--doc",
            "lembar-kerja",
            "--doc",
            "Tes-Awal.pdf",
            "--doc",
            "guide",
            "--paper",
            "f4",
        ],
    )
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (project / "build" / "nasional").rglob("*.pdf"))
    assert set(built) == {"lembar-kerja.pdf", "tes-awal.pdf", "panduan-fasilitator.pdf"}
    page = PdfReader(next((project / "build").rglob("tes-awal.pdf"))).pages[0]
    assert round(float(page.mediabox.height) / 72 * 25.4) == 330


def test_a_misspelled_document_gets_did_you_mean(project):
    result = CliRunner().invoke(cli, ["build", "--project", str(project), "--doc", "lembar-kerj"])
    assert result.exit_code == 2
    assert "unknown document `lembar-kerj`" in result.output
    assert "did you mean `lembar-kerja`?" in result.output


def test_the_help_lists_every_command_whole_and_every_document_of_the_kit(project):
    text = run("--help").output
    commands = text[text.index("Commands:") :].splitlines()[1:]
    assert len([line for line in commands if line.strip()]) == len(COMMANDS)
    assert not [line for line in commands if line.rstrip().endswith("...")]
    labels = load_labels(project)
    names = [labels[k.label] for k in kit(project).documents]
    assert all(name in " ".join(text.split()) for name in names), names


def test_a_document_by_its_file_name_is_skipped_when_nothing_changed(project):
    """The quick plan knew documents only by id: `--doc lembar-kerja` rebuilt every time."""
    args = ["build", "--project", str(project), "--region", "nasional", "--doc", "lembar-kerja"]
    first = run(*args).output
    again = run(*args).output
    assert "lembar-kerja.pdf" in first
    assert "Done: 0 documents written, 3 unchanged" in again
