"""Full pages (issue 27, point 5): no page but a document's last is less than half
filled, read back from the PDFs; the layout check says so when one is."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO, SMALL_REGION, SMALL_ROLE, copy_project, small_copy
from modul import Options, build
from modul.typeset.layoutcheck import MM, LayoutLog
from modul.typeset.pagination import Growth

HALF = 0.5
FILL = re.compile(r"nearly empty|filled, and it is not the document's last")


@cache
def page_fill() -> ModuleType:
    """tools/page_fill.py, the measure the issue's numbers were taken with."""
    spec = importlib.util.spec_from_file_location("page_fill", REPO / "tools" / "page_fill.py")
    assert spec and spec.loader
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # its dataclasses look their module up
    spec.loader.exec_module(loaded)
    return loaded


def half_empty_pages(root: Path) -> list[str]:
    tool = page_fill()
    pages = list(tool.non_last_pages(root / "build", root))
    assert pages  # documents of more than one page were measured
    return [f"{p.document} p.{p.number}: {p.fill:.0%}" for p in pages if p.fill < HALF]


def test_every_page_but_the_last_is_half_full_on_a4(tmp_path):
    root = small_copy(tmp_path / "project")
    report = build(root, Options(regions=[SMALL_REGION], paper="A4"))
    assert half_empty_pages(root) == []
    assert [w.message for w in report.warnings if FILL.search(w.message)] == []


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "F4", "Letter", "A5"])
def test_every_shipped_edition_fills_its_pages(tmp_path, paper):
    root = copy_project(tmp_path / "project")
    report = build(root, Options(paper=paper, jobs=2))
    assert half_empty_pages(root) == []
    assert [w.message for w in report.warnings if FILL.search(w.message)] == []


def test_the_measure_sees_a_half_empty_page(tmp_path):
    """The read-back measure itself: a page ended early by a page break is seen."""
    root = small_copy(tmp_path / "project")
    guide = root / "layouts" / "default" / "guide.xml.j2"
    text = guide.read_text(encoding="utf-8")
    heading = "<h1>{{ t.objectives }}</h1>"  # after the Pengantar, a third of page 1
    guide.write_text(text.replace(heading, f"<pagebreak/>{heading}", 1), encoding="utf-8")
    report = build(root, Options(regions=["nasional"], kinds=["guide"], paper="A4"))
    assert any(f"{SMALL_ROLE}/panduan-fasilitator.pdf p.1" in p for p in half_empty_pages(root))
    assert any("page 1: the page is only" in w.message for w in report.warnings)


def test_a_page_before_the_last_is_reported_below_half_the_last_is_not():
    log = LayoutLog(15 * MM, 0.2, 0.5)
    for page, filled in [(1, 0.9), (2, 0.42), (3, 0.1), (4, 0.05)]:
        log.flowable_placed(page, filled, None)
    findings = log.finish()
    assert [(f.page, f.message) for f in findings] == [
        (2, "the page is only 42% filled, and it is not the document's last"),
        (3, "the page is nearly empty (10% filled)"),
    ]


def test_a_document_that_asks_not_to_be_measured_is_not():
    log = LayoutLog(15 * MM, 0, 0.5)  # <document nearly-empty="0">: the attendance list
    log.flowable_placed(1, 0.1, None)
    log.flowable_placed(2, 0.1, None)
    assert log.finish() == []


def test_growing_lines_share_a_page_s_room_in_whole_lines():
    growth = Growth()
    for number, page in [(1, 1), (2, 3), (3, 3), (4, 3)]:
        growth.drawn(number, page)
    spacing = 8.5 * MM
    extra = growth.shared_out({1: 2.5 * spacing, 3: 7.2 * spacing}, spacing)
    assert extra == {1: 2, 2: 3, 3: 2, 4: 2}  # 7 lines on page 3: the first ones first


def test_a_session_s_heading_and_summary_end_a_page_only_when_moving_them_would_empty_it(built):
    """Page review: "Sesi 8" and its summary stood at a page's foot, the steps on the
    next page. A session's heading now has its steps' table head on the same page, unless
    moving it would leave the page under 60 % filled (FILLED_TO_MOVE): here only Sesi 1,
    under "Proses Penyajian", after the end of the Persiapan list."""
    from pypdf import PdfReader

    from conftest import pdf_path

    guide = pdf_path(built, "konsultan-pemberdayaan-masyarakat", "panduan-fasilitator.pdf")
    alone = []
    for page in PdfReader(guide).pages:
        text = " ".join(page.extract_text().split())
        for match in re.finditer(r"Sesi (\d+): ", text):
            if "Kegiatan Fasilitator" not in text[match.end() :]:
                alone.append(int(match.group(1)))
    assert alone in ([], [1]), alone
