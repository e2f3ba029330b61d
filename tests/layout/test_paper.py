"""One rule picks the paper (modul.paper): --paper, else the region's `kertas`, else the
theme's `paper`; `modul list`, the build and the booklet's sheet all ask it."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import write
from modul import Options, build
from modul.commands.inventory import inventory
from modul.paper import Choice, choose

ROLE = "konselor-pemberdayaan-masyarakat"


def mm(points: float) -> int:
    return round(float(points) * 25.4 / 72)


@pytest.mark.parametrize(
    ("asked", "region", "theme", "booklet", "expected"),
    [
        (None, None, "A4", False, Choice("A4")),
        (None, None, "F4", False, Choice("F4")),
        (None, "F4", "Letter", False, Choice("F4")),
        ("A5", "F4", "Letter", False, Choice("A5")),
        (None, None, "F4", True, Choice("A5", "F4")),
        (None, "Letter", "F4", True, Choice("A5", "Letter")),
        (None, None, "A5", True, Choice("A5", "A4")),
    ],
)
def test_the_rule(asked, region, theme, booklet, expected):
    assert choose(asked=asked, region=region, theme=theme, booklet=booklet) == expected


def test_the_theme_paper_is_what_list_says_the_build_writes_and_the_booklet_uses(project):
    theme = project / "layouts" / "default" / "theme.yaml"
    write(theme, re.sub(r"^paper: A4", "paper: F4", theme.read_text("utf-8"), flags=re.M))
    papers = {r["slug"]: r["paper"] for r in inventory(project)["regions"]}
    assert papers["nasional"] == "F4"
    assert papers["ntt"] == "F4"  # its region.yaml says F4 too
    one = Options(regions=["nasional"], roles=[ROLE], kinds=["handout"])
    [handout] = build(project, one).documents
    page = PdfReader(handout.path).pages[0].mediabox
    assert (mm(page.width), mm(page.height)) == (215, 330)
    booklet = Options(regions=["nasional"], roles=[ROLE], kinds=["handout"], booklet=True)
    pages, sheets = (d.path for d in build(project, booklet).documents)
    first = PdfReader(pages).pages[0].mediabox
    assert (mm(first.width), mm(first.height)) == (148, 210)
    sheet = PdfReader(sheets).pages[0].mediabox
    assert (mm(sheet.width), mm(sheet.height)) == (330, 215)  # F4 across, two A5 pages
