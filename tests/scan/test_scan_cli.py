"""`modul scan FOLDER --into WORKBOOK` on the command line: the summary, the exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

import modul.scan
from results.helpers import run
from scan.helpers import maps, photo, workbook

WORKBOOK = "hasil/ntt/konsultan-pemberdayaan-masyarakat.xlsx"


@pytest.fixture
def book(small_project: Path, monkeypatch) -> Path:
    monkeypatch.setattr(modul.scan, "project_maps", lambda root: maps)
    return workbook(small_project)


def scan(root: Path, *extra: str):
    return run(
        "scan", "--project", str(root), str(root / "foto"), "--into", str(root / WORKBOOK), *extra
    )


def test_the_summary_says_pages_answers_and_items_for_review(small_project, book):
    folder = small_project / "foto"
    photo(folder, "a.jpg", "pretest", 1, {"tes_1": ["a"], "tes_2": ["b", "c"]}, participant=2)
    result = scan(small_project)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "1 page read (from 1 file)",
        f"1 answer written into {WORKBOOK}",
        "1 item for review (sheet Tinjauan; crops in "
        "hasil/ntt/konsultan-pemberdayaan-masyarakat-tinjauan)",
    ]


def test_a_page_not_read_is_named_and_exits_1(small_project, book):
    folder = small_project / "foto"
    photo(folder, "a.jpg", "pretest", 1, {"tes_1": ["a"]}, participant=2)
    (folder / "rusak.jpg").write_bytes(b"\xff\xd8\xff broken")
    result = scan(small_project)
    assert result.exit_code == 1
    assert "1 page not read:" in result.output
    assert (
        "foto/rusak.jpg: the image cannot be read (a damaged or incomplete file)" in result.output
    )
    assert f"1 answer written into {WORKBOOK}" in result.output


def test_a_workbook_not_there_is_a_located_error(small_project, book):
    (small_project / "foto").mkdir()
    result = run(
        "scan",
        "--project",
        str(small_project),
        str(small_project / "foto"),
        "--into",
        str(small_project / "hasil/ntt/lain.xlsx"),
    )
    assert result.exit_code == 1
    assert "hasil/ntt/lain.xlsx: cannot read the results workbook" in result.output


def test_into_is_required(small_project):
    result = run("scan", "--project", str(small_project), str(small_project))
    assert result.exit_code == 2 and "--into" in result.output
