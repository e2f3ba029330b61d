"""A running head longer than the line is set smaller, then shortened with "…": never
printed past the margin, and never reported against another file page by page."""

from __future__ import annotations

import re

from conftest import pages_of_words, write
from modul import Options, build
from modul.typeset.layoutcheck import Finding, locate

ROLE = "konselor-pemberdayaan-masyarakat"
LONG = (
    "Konselor Pemberdayaan Masyarakat dan Pendamping Kelompok Usaha Ekonomi Produktif "
    "Desa Tertinggal di Wilayah Perbatasan Negara"
)


def test_a_long_role_name_keeps_the_running_head_inside_the_margins(project):
    role = project / "content" / "roles" / f"{ROLE}.yaml"
    text = role.read_text(encoding="utf-8")
    write(role, re.sub(r"^nama: .*$", f"nama: {LONG}", text, count=1, flags=re.M))
    report = build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["guide"]))
    assert report.warnings == []
    [document] = report.documents
    margin = 18 * 72 / 25.4  # the default theme's side margins are 20 mm
    for width, _height, words in pages_of_words(document.path)[1:]:
        head = [w for w in words if w.top < 60]  # the running head, above the rule
        assert head and head[0].text == "Panduan"
        assert max(w.right for w in head) <= width - margin
        assert head[-1].text.endswith("…")  # shortened, after being set smaller


def test_the_same_finding_on_many_pages_is_said_once():
    findings = [Finding(page, "too wide", "shorten it", "Bahan Bacaan · Peran") for page in (3, 2)]
    [problem] = locate(findings, {}, "layouts/default/handout.xml.j2", "bahan-bacaan.pdf")
    assert problem.message == "bahan-bacaan.pdf, pages 2, 3: too wide"
