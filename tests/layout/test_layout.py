"""Layouts: template errors point at the template line; the sandbox holds; markup is checked."""

from __future__ import annotations

import os

import pytest

from conftest import line_of, small_copy, write
from modul import Options, build, check
from modul.errors import ModulError


@pytest.fixture
def project(tmp_path):
    """A template's rule is shown by one role, the national set and one region (NTB,
    whose A5 guide once broke its schedule's head): each check reads a sixth of the whole
    example."""
    roles, regions = ("konselor-pemberdayaan-masyarakat",), ("ntb-mitra",)
    return small_copy(tmp_path / "project", roles=roles, regions=regions)


def layout_problem(project, template: str, old: str, new: str):
    path = project / "layouts" / "default" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    write(path, text)
    with pytest.raises(ModulError) as caught:
        check(project)
    problems = caught.value.problems
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0], text


def test_a_template_edited_in_the_same_second_is_read_again(project):
    """A later build in the same process (`modul serve`) compiles an edited template
    anew even when its time of change is the same (FAT keeps times to two seconds)."""
    template = project / "layouts/default/runsheet.xml.j2"
    check(project)  # compiled, and kept for the process
    before = template.stat()
    text = template.read_text(encoding="utf-8")
    write(template, text.replace('widths="2.1,6.7,2.8"', 'widths="2.6,6,3.0"'))
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert template.stat().st_mtime_ns == before.st_mtime_ns
    runsheets = [t for t in check(project).targets if t.kind.template == "runsheet.xml.j2"]
    assert runsheets and all(t.markup.find("table").get("widths") == "2.6,6,3.0" for t in runsheets)


def test_template_syntax_error_names_template_and_line(project):
    problem, text = layout_problem(project, "handout.xml.j2", "{% endif %}", "{% endfi %}")
    assert problem.file == "layouts/default/handout.xml.j2"
    assert problem.line == line_of(text, "{% endfi %}")
    assert "template syntax error" in problem.message


def test_undefined_variable_names_template_and_line(project):
    problem, text = layout_problem(
        project, "worksheet.xml.j2", "{{ part.tujuan }}", "{{ part.tujuan_bagian }}"
    )
    assert problem.file == "layouts/default/worksheet.xml.j2"
    assert problem.line == line_of(text, "part.tujuan_bagian")
    assert "tujuan_bagian" in problem.message


def test_error_inside_a_partial_names_the_partial(project):
    problem, text = layout_problem(
        project, "_macros.xml.j2", "{{ t.page_label }}", "{{ t.no_such_label }}"
    )
    assert problem.file == "layouts/default/_macros.xml.j2"
    assert problem.line == line_of(text, "no_such_label")


def test_unknown_element_names_the_template_line(project):
    problem, text = layout_problem(
        project, "handout.xml.j2", "<h3>{{ item.profesi }}</h3>", "<h4>{{ item.profesi }}</h4>"
    )
    assert "unknown element <h4>" in problem.message
    assert problem.line == line_of(text, "<h4>")


def test_fit_pages_must_be_a_number(project):
    problem, text = layout_problem(project, "runsheet.xml.j2", 'fit-pages="1"', 'fit-pages="satu"')
    assert problem.message == '<document fit-pages> must be a whole number of pages, e.g. "1"'
    assert problem.file == "layouts/default/runsheet.xml.j2"
    assert problem.line == line_of(text, "<document")


@pytest.mark.parametrize("value", ["²", "1.5", "-1", "٣"])
def test_numbers_in_markup_are_plain_digits(project, value):
    """ "²" and "٣" pass str.isdigit() but not int(): refused at their line, not a crash."""
    problem, text = layout_problem(
        project, "runsheet.xml.j2", 'fit-pages="1"', f'fit-pages="{value}"'
    )
    assert problem.message == '<document fit-pages> must be a whole number of pages, e.g. "1"'
    assert problem.line == line_of(text, "<document")


@pytest.mark.parametrize("value", ["²", "1.5", "٣"])
def test_writing_lines_are_counted_in_plain_digits(project, value):
    problem, text = layout_problem(
        project, "worksheet.xml.j2", '<lines n="3"', f'<lines n="{value}"'
    )
    assert problem.message == "<lines n> must be a whole number from 1 to 40"
    assert problem.line == line_of(text, f'<lines n="{value}"')


def test_unclosed_element_is_invalid_markup(project):
    problem, _ = layout_problem(
        project, "handout.xml.j2", "<p>{{ t.objectives_intro }}</p>", "<p>{{ t.objectives_intro }}"
    )
    assert "invalid markup" in problem.message


def test_missing_label_is_an_error_not_a_blank(project):
    path = project / "layouts" / "labels" / "id.yaml"
    write(
        path,
        "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("main_tasks:")
        ),
    )
    with pytest.raises(ModulError, match="main_tasks"):
        check(project)


def test_theme_problems_are_located(project):
    path = project / "layouts" / "default" / "theme.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("paper: A4", "paper: A3"))
    with pytest.raises(ModulError) as caught:
        check(project)
    (problem,) = caught.value.problems
    assert problem.message.startswith("`paper`") and problem.line == line_of(text, "paper:")
    assert "'A4', 'F4', 'Letter' or 'A5'" in problem.hint
    write(path, text.replace("regular: PlusJakartaSans-Regular.ttf", "regular: Missing.ttf"))
    with pytest.raises(ModulError) as caught:
        check(project)
    (problem,) = caught.value.problems
    assert "font file `Missing.ttf` not found" in problem.message
    assert problem.line == line_of(text, "regular:")


def test_theme_paper_size_is_used(project):
    from pypdf import PdfReader

    path = project / "layouts" / "default" / "theme.yaml"
    write(path, path.read_text(encoding="utf-8").replace("paper: A4", "paper: F4"))
    report = build(
        project, Options(roles=["konselor-pemberdayaan-masyarakat"], kinds=["worksheet"])
    )
    box = PdfReader(report.documents[0].path).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)


def test_text_colour_too_light_for_a_photocopier(project):
    path = project / "layouts" / "default" / "theme.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, text.replace('muted: "#222222"', 'muted: "#AAAAAA"'))
    with pytest.raises(ModulError) as caught:
        check(project)
    (problem,) = caught.value.problems
    assert "too light" in problem.message and problem.line == line_of(text, "muted:")


# --- page breaks ----------------------------------------------------------------------------


def laid_out_pages(project, body: str, log=None, attributes: str = "") -> list[str]:
    """The text of each page of a document with this markup, in the default theme."""
    import io
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader

    from modul.layout.theme import load_theme
    from modul.typeset.render import render_document

    theme = load_theme(project / "layouts" / "default", project)
    pdf, _ = render_document(
        ET.fromstring(f"<document {attributes}>{body}</document>"),
        theme,
        root=project,
        shown="build/test.pdf",
        log=log,
    )
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def findings_of(project, body: str, attributes: str = "") -> tuple[list[str], list[str]]:
    from modul.typeset.layoutcheck import MM, LayoutLog

    log = LayoutLog(15 * MM, 0.2)
    pages = laid_out_pages(project, body, log, attributes)
    return pages, [f"page {f.page}: {f.message}" for f in log.finish()]


def test_a_word_cut_for_a_narrow_column_is_reported(project):
    table = (
        '<table widths="1,12"><row><cell>Menempelkannya</cell><cell>Kertas plano.'
        "</cell></row></table>"
    )
    _, findings = findings_of(project, FILLER + table)
    assert findings == [
        "page 1: the word “Menempelkannya” is cut across two lines: its column is too narrow for it"
    ]
    _, findings = findings_of(project, FILLER + table.replace("1,12", "4,9"))
    assert findings == []


def test_a_column_narrower_than_its_padding_is_widened_and_reported_not_a_crash(project):
    """ReportLab refuses a cell narrower than its padding ("negative availWidth"): the
    column gets a letter's room, taken from the widest, and its broken word is reported."""
    table = (
        '<table widths="0.01,1000"><row><cell>Tanda</cell><cell>Kertas plano.</cell></row></table>'
    )
    pages, findings = findings_of(project, table)
    assert "Kertas plano." in pages[0] and "T" in pages[0]
    assert findings and all("its column is too narrow" in f for f in findings)


def test_a_document_that_must_fit_one_page_is_set_smaller(project):
    long = "".join(f"<p>Baris jadwal nomor {n}.</p>" for n in range(35))
    assert len(laid_out_pages(project, long)) == 2
    pages, findings = findings_of(project, long, 'fit-pages="1"')
    assert len(pages) == 1 and "Baris jadwal nomor 34." in pages[0] and findings == []
    pages, findings = findings_of(project, long * 3, 'fit-pages="1"')
    assert len(pages) > 1
    assert findings[-1] == (
        f"page 2: the document is meant to fit on 1 page but takes "
        f"{len(pages)}, even with its text at 70 %"
    )


def rows(count: int) -> str:
    return "".join(
        f"<row><cell>{n}</cell><cell>Baris {n}</cell></row>" for n in range(1, count + 1)
    )


FILLER = "<p>" + "Kalimat pengisi halaman ini. " * 100 + "</p>"  # four fifths of a page


def test_a_long_table_starts_under_its_heading_where_its_first_rows_fit(project):
    first, second = laid_out_pages(
        project, f'{FILLER}<h2>Tabel Panjang</h2><table header="1" widths="1,5">{rows(30)}</table>'
    )
    assert "Tabel Panjang" in first and "Baris 1 " in first
    assert "Baris 30" in second and "Tabel Panjang" not in second


@pytest.mark.parametrize("heading", ["<h2>Tabel Pendek</h2>", ""])
def test_a_short_table_moves_whole_to_the_next_page(project, heading):
    first, second = laid_out_pages(
        project,
        f'{FILLER}<spacer mm="20"/>{heading}<table header="1" widths="1,5">{rows(6)}</table>',
    )
    assert "Tabel Pendek" not in first and "Baris" not in first
    assert heading[4:-5] in second and "Baris 1 " in second and "Baris 6" in second


def test_a_table_of_short_rows_breaks_with_two_rows_or_more_on_each_page(project):
    table = (
        '<table header="1" widths="1,5"><row><cell>No</cell><cell>Isi</cell></row>'
        f"{rows(14)}</table>"
    )
    first_pages = set()
    for space in range(120, 250, 4):  # the table starts lower and lower on the page
        pages = laid_out_pages(project, f'<spacer mm="{space}"/>{table}')
        on_page = [sum(f"Baris {n} " in f"{page} " for n in range(1, 15)) for page in pages]
        assert sum(on_page) == 14 and 1 not in on_page, f"{space} mm down: {on_page}"
        assert [page.count("No Isi") for page in pages] == [
            int(count > 0) for count in on_page
        ]  # the head once on each page with rows
        first_pages.add(on_page[0])
    assert {0, 2, 12} <= first_pages  # moved whole; two rows; a row kept the last company


def test_a_heading_right_above_writing_lines_is_printed(project):
    (page,) = laid_out_pages(project, "<p>Pengantar.</p><h2>Catatan Saya</h2><lines n='2'/>")
    assert "Pengantar." in page and "Catatan Saya" in page


def test_a_prompt_goes_to_the_next_page_with_its_writing_lines(project):
    prompt = "<p>Pernyataan yang paling membuat saya berpikir ulang:</p>"
    pages = laid_out_pages(project, f'{FILLER}<spacer mm="28"/>{prompt}<lines n="4"/>')
    assert "berpikir ulang" not in pages[0] and "berpikir ulang" in pages[1]


def test_a_table_head_is_printed_once_a_page(project):
    """The schedule of ntb-mitra's A5 guide once broke with its last row moved on, and the
    rest split again in the room that left: a second head in the middle of the table."""
    from pypdf import PdfReader

    from modul import build

    settings = project / "content/regions/ntb-mitra/region.yaml"  # the guide in English
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("bahasa_fasilitator: id+en", "bahasa_fasilitator: en"))
    (guide,) = build(
        project,
        Options(
            regions=["ntb-mitra"],
            roles=["konselor-pemberdayaan-masyarakat"],
            kinds=["guide"],
            paper="A5",
        ),
    ).documents
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(guide.path).pages]
    heads = [t.count("No. Session Time (WITA) From–To Minutes") for t in texts]
    assert 1 in heads and max(heads) == 1


def test_columns_run_on_over_pages_in_order_and_balance_on_the_last(project):
    """A glossary longer than a page: each page's two columns filled in turn, every term
    once and in order, the last page's columns balanced (none twice the other's length)."""
    terms = "".join(
        f"<p><b>Istilah{n}</b> – arti istilah nomor {n} dalam dua baris panjang yang "
        "menjelaskan maknanya bagi peserta pelatihan.</p>"
        for n in range(1, 91)
    )
    pages = laid_out_pages(project, f'<columns n="2">{terms}</columns>')
    assert len(pages) >= 2
    found = [int(word[7:]) for page in pages for word in page.split() if word.startswith("Istilah")]
    assert found == list(range(1, 91))
    last = [word for word in pages[-1].split() if word.startswith("Istilah")]
    assert len(last) >= 2


def test_columns_on_the_page_are_balanced(project):
    import io
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader

    from modul.layout.theme import load_theme
    from modul.typeset.render import render_document

    terms = "".join(f"<p>Istilah{n} – artinya.</p>" for n in range(1, 11))
    body = f'<columns n="2">{terms}</columns>'
    theme = load_theme(project / "layouts" / "default", project)
    pdf, _ = render_document(
        ET.fromstring(f"<document>{body}</document>"), theme, root=project, shown="t.pdf"
    )
    lefts: dict[float, int] = {}

    def visit(text, cm, tm, font, size):
        if text.strip().startswith("Istilah"):
            x = round(cm[4] + tm[4])
            lefts[x] = lefts.get(x, 0) + 1

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert sorted(lefts.values()) == [5, 5]  # two columns of five terms
