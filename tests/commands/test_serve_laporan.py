"""`modul serve` and the results workbook: the Laporan Pelatihan beside the kit, made
again when the workbook is saved, its mistakes on the page at their cells."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from commands.test_serve import CHROMIUM, LOADED, get, serving
from conftest import expect, small_copy
from modul.commands import serve
from modul.commands.serve import page
from modul.commands.serve.web import facts
from modul.engine.options import Options
from results.helpers import run

ROLE = "konselor-pemberdayaan-masyarakat"
WORKBOOK = Path("hasil") / "nasional" / f"{ROLE}.xlsx"
REPORT = f"nasional/{ROLE}/laporan-pelatihan.pdf"
SUMMARY = f"nasional/{ROLE}/laporan-pelatihan.xlsx"
OPTIONS = Options(regions=["nasional"], roles=[ROLE], kinds=["handout"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_copy(tmp_path / "project", roles=(ROLE,), regions=())


def new_workbook(project: Path, right: int) -> Path:
    """A results workbook of the national set: Ani answers `right` Tes Awal items right
    and all of the Tes Akhir, Budi all of both."""
    result = run("report", "--project", str(project), "--new", "--role", ROLE)
    assert result.exit_code == 0, result.output
    fill(project / WORKBOOK, right)
    return project / WORKBOOK


def fill(path: Path, right: int, bad: str | None = None) -> None:
    book = load_workbook(path)
    for row, name in enumerate(("Ani Wijaya", "Budi Santoso"), 2):
        book["Kehadiran"].cell(row, 2, name)
        book["Kehadiran"].cell(row, 4, "H")
    for title in ("Tes Awal", "Tes Akhir"):
        sheet = book[title]
        key = [sheet.cell(2, c).value for c in range(3, sheet.max_column + 1)]
        for row, name in enumerate(("Ani Wijaya", "Budi Santoso"), 3):
            sheet.cell(row, 2, name)
            for n, answer in enumerate(key):
                good = title == "Tes Akhir" or name == "Budi Santoso" or n < right
                sheet.cell(row, 3 + n, answer if good else ("a" if answer != "a" else "b"))
    if bad:
        book["Tes Awal"].cell(3, 3, bad)
    book.save(path)


def pretest_of_ani(project: Path) -> object:
    return load_workbook(project / "build" / SUMMARY)["Peserta"]["E2"].value


def test_the_shelf_shows_the_report_made_from_the_workbook(project: Path) -> None:
    site = serve.Site(project, OPTIONS)
    site.rebuild()
    (shelf,) = site.status.shelves
    assert shelf.laporan is None  # no workbook: nothing to show, nothing asked
    assert "laporan-pelatihan" not in page.index(site.status, facts)

    new_workbook(project, right=0)
    site.rebuild()
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None and not shelf.laporan.problems
    assert [d.path.name for d in shelf.laporan.documents] == [
        "laporan-pelatihan.pdf",
        "laporan-pelatihan.xlsx",
    ]
    assert pretest_of_ani(project) == 0
    html = page.index(site.status, facts)
    assert f'href="/doc/{REPORT}"' in html and f'href="/build/{SUMMARY}" download' in html
    assert "Laporan Pelatihan" in html and f"made from {WORKBOOK.as_posix()}" in html
    assert page.find(site.status, (project / "build" / REPORT).resolve()) is not None


def test_a_report_up_to_date_is_not_made_again(project: Path) -> None:
    new_workbook(project, right=0)
    assert run("report", "--project", str(project), str(project / WORKBOOK)).exit_code == 0
    made = (project / "build" / SUMMARY).stat().st_mtime_ns
    site = serve.Site(project, OPTIONS)
    site.rebuild()
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None and len(shelf.laporan.documents) == 2
    assert (project / "build" / SUMMARY).stat().st_mtime_ns == made
    # the workbook saved again: the report follows
    time.sleep(0.01)
    fill(project / WORKBOOK, right=3)
    assert site.workbooks_changed() == [project / WORKBOOK]
    site.rebuild()
    assert pretest_of_ani(project) > 0
    assert site.workbooks_changed() == []


def test_a_bad_workbook_shows_its_cells_and_keeps_the_last_report(project: Path) -> None:
    new_workbook(project, right=0)
    site = serve.Site(project, OPTIONS)
    site.rebuild()
    before = (project / "build" / SUMMARY).read_bytes()
    fill(project / WORKBOOK, right=0, bad="x")
    site.rebuild()
    assert not site.status.errors  # the kit is built: only the report waits
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None
    (problem,) = shelf.laporan.problems
    assert problem.file == f"{WORKBOOK.as_posix()}:Tes Awal!C3"
    html = page.index(site.status, facts)
    assert 'id="workbooks"' in html and f"{WORKBOOK.as_posix()}:Tes Awal!C3" in html
    assert "not made again" in html and f'href="/doc/{REPORT}"' in html  # the last one
    assert (project / "build" / SUMMARY).read_bytes() == before


def test_a_workbook_not_a_workbook_is_a_mistake_not_a_crash(project: Path) -> None:
    site = serve.Site(project, OPTIONS)
    site.rebuild()
    (project / WORKBOOK).parent.mkdir(parents=True)
    (project / WORKBOOK).write_text("not a workbook", encoding="utf-8")
    site.rebuild()
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None and shelf.laporan.problems
    assert shelf.laporan.problems[0].file == WORKBOOK.as_posix()
    assert "unexpected" not in shelf.laporan.problems[0].message
    assert "not made yet" not in page.index(site.status, facts)


def test_serve_follows_a_workbook_made_and_saved_while_it_runs(project: Path) -> None:
    """hasil/ does not exist when serve starts; the trainer makes the workbook, fills it
    in and saves it: the page offers the report, the xlsx downloads, a mistake shows."""
    with serving(project) as (url, lines):
        assert "laporan-pelatihan" not in get(url, "/")[2].decode()
        new_workbook(project, right=0)
        expect(lines, f"changed: {WORKBOOK.as_posix()}")
        expect(lines, "built:")
        html = get(url, "/")[2].decode()
        assert f'href="/build/{SUMMARY}" download' in html
        status, kind, body = get(url, f"/build/{SUMMARY}")
        assert status == 200 and kind.endswith("spreadsheetml.sheet")
        assert body == (project / "build" / SUMMARY).read_bytes()
        assert get(url, f"/doc/{REPORT}")[0] == 200
        fill(project / WORKBOOK, right=0, bad="x")
        expect(lines, f"{WORKBOOK.as_posix()}:Tes Awal!C3")
        expect(lines, "Laporan Pelatihan not made again")
        assert "Tes Awal!C3" in get(url, "/")[2].decode()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_the_report_in_a_browser_follows_the_workbook(project: Path) -> None:
    from playwright.sync_api import sync_playwright

    new_workbook(project, right=0)
    with serving(project) as (url, lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            browser_page = browser.new_page(viewport={"width": 1200, "height": 1600})
            browser_page.goto(url)
            browser_page.wait_for_function(LOADED)
            assert browser_page.locator(".laporan img").count() == 1
            browser_page.evaluate("window.notReloaded = true")
            fill(project / WORKBOOK, right=0, bad="x")
            browser_page.wait_for_selector("#workbooks .where:text('Tes Awal!C3')")
            fill(project / WORKBOOK, right=2)
            browser_page.wait_for_selector("#workbooks", state="detached")
            assert browser_page.evaluate("window.notReloaded") is True
            browser_page.click(f".laporan a[href='/doc/{REPORT}']")
            browser_page.wait_for_function(LOADED)
            assert browser_page.locator("ol.pages img").count() > 1
        finally:
            browser.close()
