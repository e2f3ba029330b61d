"""Exit 4 ("a bug in modul") never comes from the trainer's input or from where the output
goes: a key no model has, a merge key, `| head`, a closed or full standard output, Ctrl-C
during a parallel build."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import REPO, small_copy, write
from modul.cli import cli
from modul.content.loading import load_project


@pytest.fixture
def project(tmp_path):
    """The role these tests build and the national set: all these tests need of the shipped
    project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=())


ROLE = "konselor-pemberdayaan-masyarakat"
EVERY_ROLE = tuple(p.stem for p in sorted((REPO / "content" / "roles").glob("*.yaml")))
ONE_ROLE = ["--role", ROLE, "--region", "nasional", "--jobs", "1"]  # ten documents
MODUL = [sys.executable, "-m", "modul"]
STOPPED = "stopped: PDFs written before stay as they were, none is half-written"
posix = pytest.mark.skipif(
    os.name != "posix", reason="needs a POSIX shell and signals (Linux or macOS)"
)


def pdfs(project: Path) -> list[Path]:
    return sorted((project / "build").rglob("*.pdf"))


def assert_whole_build(project: Path) -> None:
    """The ten documents of the role, each a PDF that opens, no temporary file left."""
    written = pdfs(project)
    assert len(written) == 10, written
    for path in written:
        assert len(PdfReader(path).pages) >= 1
    assert not list((project / "build").rglob("*.tmp"))


@pytest.mark.parametrize("written", ["tugas utama:", "tugas-utama:", "tugas_utama::"])
def test_a_key_with_a_space_hyphen_or_two_colons_exits_1_with_its_line(project, written):
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    text = path.read_text(encoding="utf-8").replace("tugas_utama:", written)
    write(path, text)
    result = CliRunner().invoke(cli, ["build", "--project", str(project), *ONE_ROLE])
    line = text.splitlines().index(written) + 1
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"content/roles/{ROLE}.yaml:{line}:1: unknown key `{written[:-1]}`",
        "    fix: did you mean `tugas_utama`?",
    ]
    assert not (project / "build" / "nasional").exists()


def test_a_merge_key_builds_as_if_the_keys_were_written_out(project):
    """The second quiz item takes its `jawaban: salah` from the first (`<<: *pertama`)."""
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    first = "  - pernyataan: Konselor pemberdayaan masyarakat hanya"
    second = "  - pernyataan: Konselor dapat menyelesaikan semua masalah warga dengan cepat.\n"
    text = path.read_text(encoding="utf-8")
    assert first in text and second + "    jawaban: salah\n" in text
    text = text.replace(first, "  - &pertama\n    " + first[4:], 1)
    write(
        path, text.replace(second + "    jawaban: salah\n", "  - <<: *pertama\n    " + second[4:])
    )
    result = CliRunner().invoke(cli, ["build", "--project", str(project), *ONE_ROLE])
    assert result.exit_code == 0, result.output
    assert_whole_build(project)
    assert load_project(project).roles[ROLE] == load_project(REPO).roles[ROLE]


@posix
def test_a_build_piped_into_head_writes_every_pdf(project):
    """`modul build | head -1`: the reader leaves after a line; the build goes on, quietly."""
    process = subprocess.Popen(
        [*MODUL, "build", *ONE_ROLE],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout and process.stderr
    assert process.stdout.readline().startswith("[1/10] build/nasional/")
    process.stdout.close()  # as head does: the next line meets a broken pipe
    errors = process.stderr.read()
    assert process.wait(timeout=120) == 0, errors
    assert errors == ""
    assert_whole_build(project)


@posix
def test_a_build_with_standard_output_closed_writes_every_pdf(project):
    command = shlex.join([*MODUL, "build", *ONE_ROLE]) + " >&-"
    done = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert_whole_build(project)


@pytest.mark.skipif(
    not Path("/dev/full").exists(),
    reason="no /dev/full, the full disk these tests write to (Linux has it)",
)
def test_a_build_whose_output_is_full_writes_every_pdf_and_says_so_once(project):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*MODUL, "build", *ONE_ROLE], cwd=project, stdout=full, stderr=subprocess.PIPE
        )
    errors = done.stderr.decode().splitlines()
    assert done.returncode == 0, errors
    assert errors == [
        "modul: cannot write to the standard output (No space left on device); the rest of "
        "what modul says there is dropped, the work goes on"
    ]
    assert_whole_build(project)


def test_a_failed_build_keeps_its_exit_code_when_the_output_is_gone(project):
    write(project / "content" / "worksheet.yaml", "")
    done = subprocess.run(
        [*MODUL, "build", *ONE_ROLE], cwd=project, stdout=subprocess.DEVNULL, stdin=None
    )
    assert done.returncode == 1


@posix
def as_a_terminal_job() -> None:
    """Ctrl-C as a shell gives it to a job: not ignored, not blocked. A child inherits both
    from the test's process: CI started in the background by a non-interactive shell runs
    with SIGINT ignored (twice: the build ran to its end and exited 0)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_during_a_parallel_build_prints_one_line_and_exits_130(tmp_path):
    """A terminal sends Ctrl-C to every process of the build; the workers printed a
    traceback each, or the build hung, waiting for a worker that waited for it."""
    project = small_copy(tmp_path / "project", roles=EVERY_ROLE, regions=("ntt", "sumbar"))
    process = subprocess.Popen(
        [*MODUL, "build", "--jobs", "2"],  # the whole kit: one role's ten documents could
        # all be done before the signal came, on a machine busy with other work
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job
        preexec_fn=as_a_terminal_job,
    )
    assert process.stdout
    assert process.stdout.readline().startswith("[1/90] ")  # the others being laid out
    os.killpg(process.pid, signal.SIGINT)
    try:
        _out, errors = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode == 130
    assert errors.splitlines() == [STOPPED]
    for path in pdfs(project):  # a temporary file may be left (the next build removes it)
        assert len(PdfReader(path).pages) >= 1


@posix
def test_workers_ignore_ctrl_c_from_their_start(tmp_path):
    """Ctrl-C is the main process's: a worker that got it waiting for work died with a
    traceback, and the pool with it."""
    from modul.engine import workers as pools

    with pools.workers(3) as pool:
        assert pool is not None
        masks = [pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, []) for _ in range(6)]
        assert all(signal.SIGINT in mask.result(timeout=60) for mask in masks)
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGINT)
        assert pool.submit(os.getpid).result(timeout=60) in pool._processes
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # here: as it was
    for key, idle in list(pools._IDLE.items()):  # kept for the next build: not needed
        if idle is pool:
            del pools._IDLE[key]
    pool.shutdown()


def test_ctrl_c_that_python_wraps_in_another_error_is_still_ctrl_c(capsys):
    """Pressed while a class is made during an import, Ctrl-C reaches the command as
    "RuntimeError: Error calling __set_name__ …", which was reported as a bug (exit 4)."""
    from modul.cli.common import run

    def importing() -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as err:
            raise RuntimeError("Error calling __set_name__ on 'cached_property'") from err

    with pytest.raises(SystemExit) as exited:
        run(importing)
    assert exited.value.code == 130
    assert capsys.readouterr().err.splitlines() == [STOPPED]


def test_ctrl_c_outside_the_library_call_exits_130_not_aborted(project, monkeypatch):
    """Outside `run` (in click's own part of a command) click said "Aborted!", exit 1."""
    import modul.cli.common

    def pressed(_root: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(modul.cli.common, "find_root", pressed)
    result = CliRunner().invoke(cli, ["check", "--project", str(project)])
    assert result.exit_code == 130
    assert result.output.splitlines() == [STOPPED]


def test_ctrl_c_while_the_command_line_loads_prints_one_line():
    """Pressed before click and the commands are loaded, Ctrl-C showed Python's traceback."""
    script = (
        "import sys\n"
        "class Interrupting:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'modul.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupting())\n"
        "from modul.entry import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 130
    assert done.stderr.splitlines() == [
        "stopped: PDFs written before stay as they were, none is half-written"
    ]
