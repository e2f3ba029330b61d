"""The layout check: findings on the laid-out pages, traced back to the YAML line."""

from __future__ import annotations

import re

from click.testing import CliRunner
from pypdf import PdfReader

from conftest import a_nearly_empty_page, shipped_line, small_copy, write
from modul import Options, build
from modul.cli import cli
from modul.content.source import read_yaml
from modul.errors import ModulError
from modul.typeset.layoutcheck import MM, Finding, LayoutLog, locate

ROLE = "konselor-pemberdayaan-masyarakat"
GROUP = "konsultan-kelompok-masyarakat"
GUIDE = f"build/nasional/{GROUP}/panduan-fasilitator.pdf"
WHERE = dict(regions=["nasional"], roles=[GROUP], kinds=["guide"])
GROUP_FILE = f"content/roles/{GROUP}.yaml"
# LK-4's difference (the role has one): a folded value starts at its "pengantar: >-"
LAST_TEXT = GROUP_FILE, shipped_line(GROUP_FILE, "Perbedaan signifikan antara Konsultan") - 1


def last_paragraph_alone(project):
    """The shipped guides have no finding: page breaks in the template make one, a page
    with only LK-4's comparison paragraph on it."""
    guide = project / "layouts" / "default" / "guide.xml.j2"
    text = guide.read_text(encoding="utf-8")
    paragraph = "<p>{% if item.pengantar %}{{ item.pengantar }} {% endif %}{{ item.perbedaan }}</p>"
    assert text.count(paragraph) == 1
    write(
        guide,
        text.replace(
            paragraph, f"<pagebreak/>{paragraph}{{% if loop.last %}}<pagebreak/>{{% endif %}}"
        ),
    )


def page_of(path, words: str) -> int:
    """The 1-based page of a PDF on which `words` start."""
    return next(
        n
        for n, page in enumerate(PdfReader(path).pages, 1)
        if words in " ".join(page.extract_text().split())
    )


def test_shipped_content_has_no_layout_finding(built):
    again = build(built)  # nothing to rebuild: the findings come from the manifest
    assert again.documents == []
    assert [(w.file, w.severity, w.message) for w in again.warnings] == []


def test_findings_are_kept_for_a_build_with_nothing_to_do(small_project):
    a_nearly_empty_page(small_project)
    first = build(small_project, Options(kinds=["handout"]))
    again = build(small_project, Options(kinds=["handout"]))
    assert again.documents == [] and first.warnings
    assert [(w.file, w.message) for w in again.warnings] == [
        (w.file, w.message) for w in first.warnings
    ]
    assert all(
        "bahan-bacaan.pdf, page 1: the page is nearly empty" in w.message for w in again.warnings
    )


def test_nearly_empty_page_points_at_its_text(project):
    last_paragraph_alone(project)
    report = build(project, Options(**WHERE))
    # (the page before the inserted break is also less than half full: reported too)
    (finding,) = [w for w in report.warnings if "nearly empty" in w.message]
    assert (finding.file, finding.line) == LAST_TEXT
    assert finding.is_warning
    page = page_of(project / GUIDE, "Perbedaan signifikan antara Konsultan")
    assert finding.message.startswith(f"{GUIDE}, page {page}: the page is nearly empty (")
    again = build(project, Options(**WHERE))
    assert again.documents == [] and again.warnings == report.warnings  # repeated when skipped


def test_writing_space_below_the_theme_minimum(project):
    theme = project / "layouts" / "default" / "theme.yaml"
    write(
        theme, theme.read_text(encoding="utf-8").replace("min_writing_mm: 15", "min_writing_mm: 20")
    )
    report = build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"]))
    short = [w for w in report.warnings if "writing space" in w.message]
    assert short and all(
        "is 17 mm high, below the theme's minimum of 20 mm" in w.message for w in short
    )
    assert short[0].hint.startswith("give it more lines")


def test_strict_writes_no_document_with_a_finding(project):
    last_paragraph_alone(project)
    result = CliRunner().invoke(
        cli,
        ["build", "--strict", "--project", str(project), "--region", "nasional", "--role", GROUP],
    )
    assert result.exit_code == 1
    assert re.search(
        rf"{re.escape(LAST_TEXT[0])}:{LAST_TEXT[1]}:16: {re.escape(GUIDE)}, page \d+: "
        "the page is nearly empty",
        result.output,
    ), result.output
    folder = project / "build" / "nasional" / GROUP
    assert not (folder / "panduan-fasilitator.pdf").exists()
    assert (folder / "lembar-kerja.pdf").exists()  # it has no finding


def test_check_lays_out_only_when_asked(tmp_path):
    project = small_copy(tmp_path / "project", roles=(GROUP,), regions=())  # ten documents
    last_paragraph_alone(project)
    quick = CliRunner().invoke(cli, ["check", "--project", str(project)])
    assert "nearly empty" not in quick.output
    full = CliRunner().invoke(cli, ["check", "--layout", "--project", str(project)])
    assert full.exit_code == 0 and "the page is nearly empty" in full.output
    strict = CliRunner().invoke(cli, ["check", "--layout", "--strict", "--project", str(project)])
    assert strict.exit_code == 1 and "warning" not in strict.output


def test_heading_alone_at_the_foot_of_a_page():
    log = LayoutLog(15 * MM, 0.2)
    log.text_drawn(3, "Siapa yang Cocok?")
    log.flowable_placed(3, 0.95, "Siapa yang Cocok?")
    log.flowable_placed(4, 0.30, None)
    (finding,) = log.finish()
    assert finding.page == 3 and "the heading “Siapa yang Cocok?” is alone" in finding.message


def test_findings_are_located_at_the_content_value(project):
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    sources = {"roles.yaml": read_yaml(path, project)}
    anchor = (
        "Pekerjaan konselor dalam bidang pemberdayaan masyarakat adalah mendampingi "
        "individu dan kelompok dalam mengatasi masalah"
    )  # the start of a long value
    (problem,) = locate([Finding(2, "x", "y", anchor)], sources, "layouts/t.j2", "doc.pdf")
    role_file = f"content/roles/{ROLE}.yaml"
    description = shipped_line(role_file, "deskripsi:") + 1  # its "- >-"
    assert (problem.file, problem.line) == (role_file, description)
    (unknown,) = locate([Finding(2, "x", "y", "Nama")], sources, "layouts/t.j2", "doc.pdf")
    assert unknown.file == "layouts/t.j2"


def test_a_strict_failure_is_a_modul_error(project):
    last_paragraph_alone(project)
    try:
        build(project, Options(strict=True, **WHERE))
    except ModulError as err:
        assert "warning" not in err.problems[0].message
    else:
        raise AssertionError("the nearly empty page should stop a strict build")
