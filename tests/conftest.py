"""Shared fixtures: a private copy of the shipped project, and one real build of it."""

from __future__ import annotations

import html
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from pypdf import PdfReader

# The suite reads modul's messages in English, its source language; the Indonesian
# catalog is tested on its own (tests/test_i18n.py). Set before modul is imported, and
# inherited by the `modul` processes the tests start.
os.environ["MODUL_LANG"] = "en"
# Compiled modules are kept between runs: where the shell sets PYTHONDONTWRITEBYTECODE,
# every test process (each xdist worker, each `modul` process a test starts) compiled
# modul and rewrote the tests' asserts again, about a tenth of a run. ("" is unset.)
os.environ["PYTHONDONTWRITEBYTECODE"] = ""

from modul import check
from modul.errors import ModulError

sys.dont_write_bytecode = False  # this process: the test modules are imported after it

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "data" / "seeds"
ROLE_OF_SEED = {
    "000": "konsultan-pemberdayaan-masyarakat",
    "001": "konsultan-kelompok-masyarakat",
    "003": "konselor-pemberdayaan-masyarakat",
}


# Printed on sheets of their own: no title block, running head or page numbers; the
# certificate in landscape.
LOOSE_SHEETS = {"sertifikat.pdf", "tanda-pengenal.pdf"}
LANDSCAPE = {"sertifikat.pdf"}


def copy_project(target: Path) -> Path:
    """The repository's content/ and layouts/ copied to `target`, safe to edit."""
    for folder in ("content", "layouts"):
        shutil.copytree(REPO / folder, target / folder)
    return target


# The small project: a rule that one role, the national set and one region show is tested
# on it, in a sixth of the time the whole example (3 roles × 4 editions) takes to build.
SMALL_ROLE = "konsultan-pemberdayaan-masyarakat"  # the role NTT's overlay changes
SMALL_REGION = "ntt"  # F4 paper, a glossary and overlays of its own, a layout finding


def small_copy(
    target: Path,
    *,
    roles: tuple[str, ...] = (SMALL_ROLE,),
    regions: tuple[str, ...] = (SMALL_REGION,),
) -> Path:
    """The shipped project with only `roles` and `regions` (the national set stays):
    the others' files, and the kept regions' overlays of other roles, left out."""
    copy_project(target)
    content = target / "content"
    for path in (content / "roles").glob("*.yaml"):
        if path.stem not in roles:
            path.unlink()
    for region in (content / "regions").iterdir():
        if region.name not in regions:
            shutil.rmtree(region)
        for overlay in (region / "roles").glob("*.yaml"):
            if overlay.stem not in roles:
                overlay.unlink()
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """One role (SMALL_ROLE), the national set and NTT: 20 documents."""
    return small_copy(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The shipped project, built once for all tests that only read the PDFs: by the
    first xdist worker that asks, on every core, while the others wait for it."""
    if worker_id == "master":  # pytest -n 0
        return build_whole(tmp_path_factory.mktemp("built") / "project")
    shared = tmp_path_factory.getbasetemp().parent  # one folder for all workers
    root, done = shared / "built" / "project", shared / "built" / "done"
    with FileLock(shared / "built.lock"):
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)  # from a worker whose build failed
            build_whole(root)
            done.touch()
    return root


def build_whole(root: Path) -> Path:
    """`modul build` of a copy of the shipped project at `root`, in a process of its own
    (its workers end with it)."""
    copy_project(root)
    command = [sys.executable, "-m", "modul", "build", "--project", str(root)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def pdf_path(root: Path, role: str, filename: str) -> Path:
    return root / "build" / "nasional" / role / filename


def pdf_text(path: Path, *, furniture: bool = False) -> str:
    """The text a reader sees, white space (line wraps) folded to one space.

    Header and footer are left out unless asked for, so that a paragraph running on to
    the next page reads as one.
    """
    reader = PdfReader(path)
    if furniture:
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    parts: list[str] = []
    for page in reader.pages:
        height = float(page.mediabox.height)

        def keep_body(text, cm, tm, font, size, height=height):
            if FURNITURE_BAND < cm[5] + tm[5] < height - FURNITURE_BAND:
                parts.append(text)

        page.extract_text(visitor_text=keep_body)
        parts.append("\n")
    return " ".join("".join(parts).split())


FURNITURE_BAND = 50  # points from the paper edge where header and footer are drawn


@dataclass(frozen=True)
class Word:
    """A word as poppler's pdftotext reads it: its box, top-down, in points."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Word) -> float:
        """How far the two boxes run into each other (0 if they do not)."""
        across = min(self.right, other.right) - max(self.left, other.left)
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return max(0.0, min(across, down))


def pages_of_words(path: Path) -> list[tuple[float, float, list[Word]]]:
    """Each page's width, height and words, read by poppler (`pdftotext -bbox`): a reader
    independent of the ReportLab that wrote the file."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils (as .ci/run does)")
    xhtml = subprocess.run([tool, "-bbox", str(path), "-"], capture_output=True, check=True)
    # Read line by line: poppler does not escape every character of the title it copies
    # into the XHTML head, so an XML parser may refuse the file.
    pages: list[tuple[float, float, list[Word]]] = []
    for line in xhtml.stdout.decode("utf-8", "replace").splitlines():
        if page := PAGE.search(line):
            pages.append((float(page[1]), float(page[2]), []))
        elif word := WORD.search(line):
            pages[-1][2].append(Word(html.unescape(word[5]), *map(float, word.groups()[:4])))
    return pages


PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>'
)


def print_faults(path: Path, *, edge_mm: float = 5) -> list[str]:
    """Words closer than `edge_mm` to the paper's edge (printers leave that blank), and
    words printed over each other, as an independent reader sees them."""
    edge = edge_mm * 72 / 25.4
    faults = []
    for number, (width, height, words) in enumerate(pages_of_words(path), 1):
        for word in words:
            if min(word.left, word.top, width - word.right, height - word.bottom) < edge:
                faults.append(f"{path.name} p.{number}: {word.text!r} at the paper's edge")
        words = sorted(words, key=lambda w: w.top)
        for i, word in enumerate(words):
            for other in words[i + 1 :]:
                if other.top >= word.bottom:
                    break
                if word.overlap(other) > 1:
                    faults.append(f"{path.name} p.{number}: {word.text!r} over {other.text!r}")
    return faults


def seed_sentences(seed: Path) -> list[str]:
    """Every sentence of a seed file, without the "Ekspektasi:"/"Realita:" labels."""
    sentences = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        for part in re.split(r"\s*(?:^|\s)(?:Ekspektasi|Realita): ", line):
            sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", part.strip()) if s]
    return sentences


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` first stands."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def shipped_line(relative: str, fragment: str) -> int:
    """The line of a shipped file where `fragment` stands: tests follow the content, so
    that editing a content file never breaks a test by a line number typed in."""
    return line_of((REPO / relative).read_text(encoding="utf-8"), fragment)


@dataclass(frozen=True)
class Kit:
    """What a full build of a project makes: every edition (national and each region)
    × every role × every document of the layout's catalog."""

    editions: list[str]
    roles: list[str]
    documents: list  # the catalog's DocumentKind entries, in build order

    @property
    def per_edition(self) -> int:
        return len(self.roles) * len(self.documents)

    @property
    def per_role(self) -> int:  # one role's documents in every edition
        return len(self.editions) * len(self.documents)

    @property
    def total(self) -> int:
        return len(self.editions) * self.per_edition


def kit(root: Path = REPO) -> Kit:
    """The counts tests expect, read from the project's content and catalog, so that a
    new document or role does not break a test by a number typed in."""
    from modul.content.loading import load_project
    from modul.layout.catalog import load_catalog

    project = load_project(root)
    return Kit(list(project.editions), list(project.roles), load_catalog(root).documents)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def load(tmp_path: Path):
    """`load(text, name)`: the text written to a file of that name, read as modul reads
    content (values with their lines)."""
    from modul.content.source import read_yaml

    def load(text: str, name: str):
        return read_yaml(write(tmp_path / name, text), tmp_path)

    return load


def a_nearly_empty_page(root: Path) -> Path:
    """The shipped kit has no layout finding: a page break after the handout's first
    heading makes one, a first page with little more than its title block."""
    handout = root / "layouts" / "default" / "handout.xml.j2"
    text = handout.read_text(encoding="utf-8")
    return write(handout, text.replace("</h1>", "</h1><pagebreak/>", 1))


def problems_of(root: Path, load=check) -> list:
    """Every problem `load(root)` reports (by default a full `modul check`)."""
    with pytest.raises(ModulError) as caught:
        load(root)
    return caught.value.problems


def one_problem(root: Path, load=check):
    problems = problems_of(root, load)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def modul_lines(*args: str) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    """`modul ARGS` running (watch, serve), its output read line by line for `expect`."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "modul", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout or []], daemon=True
    ).start()
    return process, lines


def expect(lines: queue.Queue[str], text: str) -> str:
    """Wait for the line with `text` (30 s at most) and return it."""
    seen: list[str] = []
    while not seen or text not in seen[-1]:
        try:
            seen.append(lines.get(timeout=30))
        except queue.Empty:
            raise AssertionError(f"no {text!r} in:\n{''.join(seen)}") from None
    return seen[-1]
