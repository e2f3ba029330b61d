"""Table rows taller than a page are cut between the lines of their cells, inside the
page; what cannot be cut is an error at the file a trainer or designer changes, never
ReportLab's own words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from conftest import REPO, pages_of_words, print_faults, shipped_line, small_copy, write
from modul import Options, build
from modul.cli import cli
from modul.errors import ModulError
from modul.layout.theme import load_theme
from modul.typeset import containers
from modul.typeset.render import render_document
from modul.typeset.typesetter import Typesetter


@pytest.fixture
def project(tmp_path):
    """The role these tests build, the national set and Sumatera Barat: all these tests need of
    the shipped project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=("sumbar",))


A5 = load_theme(REPO / "layouts" / "default", REPO).model_copy(update={"paper": "A5"})
TEMPLATE = "layouts/default/test.xml.j2"
HEAD = "<row><cell>Menit</cell><cell>Kegiatan</cell><cell>Bahan</cell></row>"
REPORTLAB = re.compile(r"Flowable|0x[0-9A-Fa-f]{6}|frame '|template 'page'")


def words(count: int, stem: str = "kata") -> str:
    return " ".join(f"{stem}{n}" for n in range(count))


def steps_table(activity: str) -> str:
    row = f"<row><cell>10</cell><cell>{activity}</cell><cell>Kertas plano</cell></row>"
    return f'<table header="1" widths="1.6,4,2">{HEAD}{row}</table>'


def laid_out(tmp_path, body: str) -> tuple[int, list]:
    """The pages of `body` laid out on A5 (print proof passed): their count and words."""
    pdf, pages = render_document(
        ET.fromstring(f"<document>{body}</document>"), A5, root=REPO, shown="uji.pdf"
    )
    path = tmp_path / "uji.pdf"
    path.write_bytes(pdf)
    assert print_faults(path) == []
    return pages, pages_of_words(path)


def in_order(pages: list, stem: str) -> list[str]:
    return [w.text for _, _, page in pages for w in page if w.text.startswith(stem)]


def row_just_taller_than_a_page_with_its_head() -> str:
    """A text whose row fits on an A5 page alone but not below the table's head: the
    facilitator guide's step that stopped `--paper A5` (issue 25)."""
    typesetter = Typesetter(A5, REPO)
    width = (A5.paper_mm[0] - A5.margins.left - A5.margins.right) * 72 / 25.4
    for count in range(50, 2000):
        (table,) = containers.table(typesetter, ET.fromstring(steps_table(words(count))), width)
        table.wrap(width, typesetter.frame_height)
        head, row = table._rowHeights
        if head + row > typesetter.frame_height:
            assert row <= typesetter.frame_height
            return words(count)
    raise AssertionError("no such text")


def test_a_row_a_little_taller_than_the_page_below_its_head_is_cut(tmp_path):
    text = row_just_taller_than_a_page_with_its_head()
    pages, read = laid_out(tmp_path, steps_table(text))
    assert pages == 2
    assert in_order(read, "kata") == text.split()
    for _, _, page in read:
        assert {"Menit", "Kegiatan"} <= {w.text for w in page}  # the head on each page
    second = [w for w in read[1][2] if w.text.startswith("kata")]
    lines = {round(w.top) for w in second}
    assert len(lines) >= 3  # the theme's min_row_piece_mm (20 mm): not a line or two


def test_a_cell_of_several_pages_starts_under_the_text_before_it(tmp_path):
    body = f"<p>{words(40, 'awal')}</p>" + steps_table(words(900)).replace(
        "Kertas plano", words(150, "bahan")
    )
    pages, read = laid_out(tmp_path, body)
    assert pages >= 4
    first = {w.text for w in read[0][2]}
    assert {"awal0", "Kegiatan", "kata0", "bahan0"} <= first  # not moved to page 2
    assert in_order(read, "kata") == words(900).split()
    assert in_order(read, "bahan") == words(150, "bahan").split()
    for _, _, page in read[1:]:
        assert "Kegiatan" in {w.text for w in page}


def test_a_box_with_a_list_longer_than_a_page_stays_inside_the_pages(tmp_path):
    """ReportLab measured the list at the box's full width when cutting it: the first
    piece came out taller than the page and the print proof refused it."""
    items = "".join(f"<item>{words(40, f'b{n}x')}</item>" for n in range(12))
    pages, read = laid_out(tmp_path, f'<p>Awal.</p><box title="Catatan"><list>{items}</list></box>')
    assert pages >= 3
    for n in range(12):
        assert in_order(read, f"b{n}x") == words(40, f"b{n}x").split()


def test_a_box_in_a_table_cell_is_cut_with_its_row(tmp_path):
    """A box in a cell was kept together, which a cell cannot: exit 4 (AttributeError)."""
    box = f'<box title="Catatan"><p>{words(1200)}</p></box>'
    _, read = laid_out(tmp_path, steps_table(box))
    assert in_order(read, "kata") == words(1200).split()


def test_a_picture_taller_than_the_page_is_an_error_at_its_template():
    markup = ET.fromstring(
        '<document><p>Awal.</p><image src="content/regions/sumbar/logo.png" mm="400"/></document>'
    )
    with pytest.raises(ModulError) as caught:
        render_document(markup, A5, root=REPO, shown="build/uji.pdf", template=TEMPLATE)
    (problem,) = caught.value.problems
    assert problem.file == TEMPLATE
    assert problem.message == "build/uji.pdf, page 2: a picture or box does not fit on a page"
    assert "`mm`" in (problem.hint or "")


def test_a_row_that_cannot_be_cut_is_an_error_at_its_yaml_line(project):
    """A row the template makes taller than a page (`row-mm`) cannot be cut: the error
    names the text in it, at its YAML line, with a fix; exit 1, no ReportLab words."""
    guide = project / "layouts" / "default" / "guide.xml.j2"
    markup = guide.read_text(encoding="utf-8")
    write(
        guide,
        markup.replace(
            '<table widths="1.6,6" shade="1">', '<table widths="1.6,6" shade="1" row-mm="300">', 1
        ),
    )
    options = dict(
        regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"], kinds=["guide"]
    )
    with pytest.raises(ModulError) as caught:
        build(project, Options(paper="A5", **options))
    (problem,) = caught.value.problems
    assert problem.file == "content/workshop.yaml"
    line = (project / problem.file).read_text(encoding="utf-8").splitlines()[problem.line - 1]
    quoted = re.search(r"“(\w+) (.+?)…?” does not fit on a page", problem.message)
    assert quoted and quoted[2][:20] in line  # after the row's label, the text of that line
    assert not REPORTLAB.search(problem.message)
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--project",
            str(project),
            "--paper",
            "a5",
            "--region",
            "nasional",
            "--role",
            "konselor-pemberdayaan-masyarakat",
            "--doc",
            "guide",
        ],
    )
    assert result.exit_code == 1
    assert f"{problem.file}:{problem.line}:" in result.output
    assert not REPORTLAB.search(result.output)


def test_a_word_of_thousands_of_letters_in_a_box_runs_on_with_a_warning(project):
    """It ran off the page before (ReportLab's cut of the box); now it is cut between
    lines like any text, and the layout check says where, on each page it is cut."""
    role_file = "content/roles/konselor-pemberdayaan-masyarakat.yaml"
    path = project / role_file
    start = "  - ekspektasi: >-\n      "
    write(path, path.read_text(encoding="utf-8").replace(start, start + "x" * 5000 + " ", 1))
    worksheet = Options(
        regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"], kinds=["worksheet"]
    )
    report = build(project, worksheet)
    (document,) = report.documents
    assert print_faults(document.path) == []
    cut = [w for w in report.warnings if "is cut across two lines" in w.message]
    assert len(cut) >= 2  # the word runs over more than one page
    assert {(w.file, w.line) for w in cut} == {
        (role_file, shipped_line(role_file, "- ekspektasi:"))
    }
