"""A label's {placeholders} are the ones modul fills in for that label: one it does not
offer would print with its braces on every page, so it is an error at its line."""

from __future__ import annotations

from conftest import line_of, one_problem, write


def test_a_region_label_with_an_unknown_placeholder_is_an_error_at_its_line(project):
    region = project / "content" / "regions" / "ntt" / "region.yaml"
    text = (
        region.read_text(encoding="utf-8") + 'label:\n  page_label: "Hal. {halaman} dari {pages}"\n'
    )
    write(region, text)
    problem = one_problem(project)
    assert (problem.file, problem.line) == (
        "content/regions/ntt/region.yaml",
        line_of(text, "page_label:"),
    )
    assert (
        problem.message == "label `page_label` has {halaman}, which modul does not fill in for it"
    )
    assert problem.hint == "use {page}, {pages}, or write the text without braces"


def test_a_translated_label_with_an_unknown_placeholder_is_an_error_at_its_line(project):
    labels = project / "layouts" / "labels" / "en.yaml"
    text = labels.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("participant_line:"))
    text = text.replace(old, 'participant_line: "Participant: {name} · {asal}"')
    write(labels, text)
    problem = one_problem(project)
    assert (problem.file, problem.line) == (
        "layouts/labels/en.yaml",
        line_of(text, "participant_line:"),
    )
    assert "has {name}, which modul does not fill in" in problem.message
    assert problem.hint == "use {nama}, {asal}, or write the text without braces"


def test_a_label_that_fills_nothing_in_says_so(project):
    region = project / "content" / "regions" / "ntt" / "region.yaml"
    text = region.read_text(encoding="utf-8") + 'label:\n  name: "Nama {lengkap}"\n'
    write(region, text)
    problem = one_problem(project)
    assert problem.hint == "write the text without braces: this label fills nothing in"


def test_placeholders_a_label_offers_are_accepted(project):
    from modul import check

    region = project / "content" / "regions" / "ntt" / "region.yaml"
    write(region, region.read_text("utf-8") + 'label:\n  page_label: "Hal. {page}/{pages}"\n')
    check(project)
