"""Shared fixtures: a private copy of the shipped project, and one real build of it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from modul import build, check
from modul.errors import ModulError

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "data" / "seeds"
ROLE_OF_SEED = {
    "000": "konsultan-pemberdayaan-masyarakat",
    "001": "konsultan-kelompok-masyarakat",
    "003": "konselor-pemberdayaan-masyarakat",
}


def copy_project(target: Path) -> Path:
    """The repository's content/ and layouts/ copied to `target`, safe to edit."""
    for folder in ("content", "layouts"):
        shutil.copytree(REPO / folder, target / folder)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project, built once for all tests that only read the PDFs."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build(root)
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


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(root: Path, load=check) -> list:
    """Every problem `load(root)` reports (by default a full `modul check`)."""
    with pytest.raises(ModulError) as caught:
        load(root)
    return caught.value.problems


def one_problem(root: Path, load=check):
    problems = problems_of(root, load)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]
