"""Layouts: template errors point at the template line; the sandbox holds; markup is checked."""

from __future__ import annotations

import pytest

from conftest import write
from modul import build, check
from modul.errors import ModulError


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


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_template_syntax_error_names_template_and_line(project):
    problem, text = layout_problem(project, "handout.xml.j2", "{% endif %}", "{% endfi %}")
    assert problem.file == "layouts/default/handout.xml.j2"
    assert problem.line == line_of(text, "{% endfi %}")
    assert "template syntax error" in problem.message


def test_undefined_variable_names_template_and_line(project):
    problem, text = layout_problem(project, "worksheet.xml.j2", "{{ part.tujuan }}",
                                   "{{ part.tujuan_bagian }}")
    assert problem.file == "layouts/default/worksheet.xml.j2"
    assert problem.line == line_of(text, "part.tujuan_bagian")
    assert "tujuan_bagian" in problem.message


def test_error_inside_a_partial_names_the_partial(project):
    problem, text = layout_problem(project, "_macros.xml.j2", "{{ t.page_label }}",
                                   "{{ t.no_such_label }}")
    assert problem.file == "layouts/default/_macros.xml.j2"
    assert problem.line == line_of(text, "no_such_label")


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ role.__class__.__init__.__globals__ }}",
    "{{ workshop.model_config.__class__ }}",
])
def test_sandbox_refuses_access_to_internals(project, attack):
    problem, _ = layout_problem(project, "handout.xml.j2", "<h1>{{ t.objectives }}</h1>",
                                f"<h1>{attack}</h1>")
    assert problem.file == "layouts/default/handout.xml.j2"
    assert "unsafe" in problem.message or "template error" in problem.message


def test_unknown_element_names_the_template_line(project):
    problem, text = layout_problem(project, "handout.xml.j2", "<h3>{{ item.profesi }}</h3>",
                                   "<h4>{{ item.profesi }}</h4>")
    assert "unknown element <h4>" in problem.message
    assert problem.line == line_of(text, "<h4>")


def test_unclosed_element_is_invalid_markup(project):
    problem, _ = layout_problem(project, "handout.xml.j2", "<p>{{ t.objectives_intro }}</p>",
                                "<p>{{ t.objectives_intro }}")
    assert "invalid markup" in problem.message


def test_missing_label_is_an_error_not_a_blank(project):
    path = project / "layouts" / "labels" / "id.yaml"
    write(path, "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                          if not line.startswith("main_tasks:")))
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
    write(path, text.replace("regular: Vera.ttf", "regular: Missing.ttf"))
    with pytest.raises(ModulError) as caught:
        check(project)
    (problem,) = caught.value.problems
    assert "font file `Missing.ttf` not found" in problem.message
    assert problem.line == line_of(text, "regular:")


def test_theme_paper_size_is_used(project):
    from pypdf import PdfReader

    path = project / "layouts" / "default" / "theme.yaml"
    write(path, path.read_text(encoding="utf-8").replace("paper: A4", "paper: F4"))
    report = build(project, roles=["konselor-pemberdayaan-masyarakat"], kinds=["worksheet"])
    box = PdfReader(report.documents[0].path).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        215, 330)


def test_text_colour_too_light_for_a_photocopier(project):
    path = project / "layouts" / "default" / "theme.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, text.replace('muted: "#222222"', 'muted: "#AAAAAA"'))
    with pytest.raises(ModulError) as caught:
        check(project)
    (problem,) = caught.value.problems
    assert "too light" in problem.message and problem.line == line_of(text, "muted:")
