"""The tests on one side (issue 27, point 5, with issue 28's twelve questions of four
choices): every role's Tes Awal and Tes Akhir fit one side of A4, F4 and Letter, their
questions at 9 pt or more and the choices two to a row; on A5 they take the two sides of
one sheet, at 8 pt or more. Read back from the PDFs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, copy_project, pages_of_words, small_copy
from modul import Options, build
from modul.content.loading import load_project

ROLES = sorted(load_project(REPO).national.roles)
TESTS = ("tes-awal.pdf", "tes-akhir.pdf")
SIDES = {"A4": 1, "F4": 1, "Letter": 1, "A5": 2}
LEAST_PT = {"A4": 9, "F4": 9, "Letter": 9, "A5": 8}
LETTER = re.compile(r"[a-d]\.")


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The national set and NTT (its own header: organiser and place), the two tests of
    every role, built on each paper."""
    built = {}
    for paper in SIDES:
        folder = tmp_path_factory.mktemp(paper.lower()) / "project"
        root = small_copy(folder, roles=tuple(ROLES), regions=("ntt",))
        build(root, Options(kinds=["pretest", "posttest"], paper=paper))
        built[paper] = root / "build"
    return built


def number_sizes(pdf: Path) -> list[float]:
    """The font size of every question number ("1.", "2.", …) on every page."""
    sizes: list[float] = []

    def visit(text, _cm, tm, _font, size):
        if re.fullmatch(r"\d+\.", text.strip()):
            sizes.append(size * tm[0])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("paper", list(SIDES))
def test_every_test_fits_its_sides_at_a_readable_size(papers, paper):
    count = {slug: len(role.tes) for slug, role in load_project(REPO).national.roles.items()}
    for pdf in sorted(papers[paper].rglob("tes-*.pdf")):
        shown = pdf.relative_to(papers[paper])
        pages = pages_of_words(pdf)
        assert len(pages) == SIDES[paper], (shown, len(pages))
        sizes = number_sizes(pdf)
        assert len(sizes) == count[pdf.parent.name] >= 10, (shown, len(sizes))
        assert min(sizes) >= LEAST_PT[paper], (shown, min(sizes))
    assert len(list(papers[paper].rglob("tes-*.pdf"))) == 2 * len(TESTS) * len(ROLES)  # 2 editions


@pytest.mark.parametrize("paper", ["A4", "F4", "Letter"])
def test_the_choices_stand_two_to_a_row(papers, paper):
    """Every choice's letter shares its line with one other: a. beside b., c. beside d."""
    for pdf in sorted(papers[paper].rglob("tes-*.pdf")):
        ((_width, _height, words),) = pages_of_words(pdf)
        rows: dict[int, list[str]] = {}
        for word in sorted(words, key=lambda w: w.left):
            if LETTER.fullmatch(word.text):
                rows.setdefault(round(word.top), []).append(word.text)
        shown = pdf.relative_to(papers[paper])
        count = len(load_project(REPO).national.roles[pdf.parent.name].tes)
        assert Counter(map(tuple, rows.values())) == {("a.", "b."): count, ("c.", "d."): count}, (
            shown
        )


def test_every_edition_on_its_own_paper_prints_each_test_on_one_side(tmp_path):
    """The shipped editions on the paper each region chose (NTT F4, the others A4), the
    one with a logo beside its title block (Sumatera Barat) too."""
    root = copy_project(tmp_path / "project")
    build(root, Options(kinds=["pretest", "posttest"]))
    pdfs = sorted((root / "build").rglob("tes-*.pdf"))
    editions = {pdf.parent.parent.name for pdf in pdfs}
    assert {"nasional", "ntt", "sumbar", "ntb-mitra"} <= editions
    one_side = [len(PdfReader(pdf).pages) == 1 for pdf in pdfs]
    assert all(one_side), [
        str(pdf.relative_to(root)) for pdf, one in zip(pdfs, one_side) if not one
    ]
    assert min(min(number_sizes(pdf)) for pdf in pdfs) >= LEAST_PT["A4"]
