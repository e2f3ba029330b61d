"""The marks of the forms read back (theme `scan:`) must fit the page's margins: a QR
code too large for the bottom margin would stand over the last question, so it is an
error at its line of theme.yaml, with the way out."""

from __future__ import annotations

import pytest

from conftest import line_of, small_copy
from modul import Options, build
from modul.errors import ModulError


def test_a_qr_code_too_large_for_the_margin_is_an_error_at_its_line(tmp_path):
    root = small_copy(tmp_path / "project", regions=())
    theme = root / "layouts" / "default" / "theme.yaml"
    text = theme.read_text(encoding="utf-8").replace("    qr_mm: 14 ", "    qr_mm: 18 ", 1)
    theme.write_text(text, encoding="utf-8")
    with pytest.raises(ModulError) as refused:
        build(root, Options(regions=["nasional"], kinds=["pretest"], paper="A4"))
    (problem,) = refused.value.problems
    place = ("layouts/default/theme.yaml", line_of(text, "qr_mm: 18"))
    assert (problem.file, problem.line) == place
    assert "A4" in problem.message and "scan.marks.qr_mm" in problem.hint


def test_the_shipped_marks_fit_every_paper(tmp_path):
    root = small_copy(tmp_path / "project", regions=())
    for paper in ("A4", "F4", "Letter", "A5"):
        build(root, Options(regions=["nasional"], kinds=["evaluation"], paper=paper))
