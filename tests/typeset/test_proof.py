"""The print proof: text lost, beyond the page's writing area or over other text stops
the build at the YAML line it comes from. Checked against poppler's reading of the PDFs."""

from __future__ import annotations

import re

import pytest
from reportlab.platypus import Table

from conftest import kit, pages_of_words, print_faults, shipped_line, write
from modul import Options, build
from modul.errors import ModulError
from modul.typeset import proof as proving
from modul.typeset.proof import Proof, Run
from modul.typeset.tables import SplittingTable

ROLE = "konselor-pemberdayaan-masyarakat"
ROLE_FILE = f"content/roles/{ROLE}.yaml"
WORKSHEET = Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"])


def run(text, left, bottom, *, width=50.0, page=1, furniture=False):
    return Run(page, text, left, left + width, bottom, bottom + 10, furniture, None)


def body_proof(*runs: Run, given: list[str] | None = None) -> Proof:
    return Proof((600, 800), (50, 50, 550, 750), given or [], list(runs))


def test_text_over_text_is_found_once_per_page():
    found = body_proof(run("Nama", 60, 100), run("Tanggal", 90, 104)).check()
    assert [(f.page, f.message) for f in found] == [(1, "“Tanggal” is printed over “Nama”")]
    assert body_proof(run("Nama", 60, 100), run("Tanggal", 111, 100)).check() == []  # touching
    assert body_proof(run("satu", 60, 100), run("dua", 60, 110.5)).check() == []  # next line


def test_body_text_beyond_the_frame_is_found_and_how_far():
    (finding,) = body_proof(run("xxxxx", 60, 900)).check()
    assert "outside the page's writing area" in finding.message
    assert "56 mm beyond its top edge" in finding.message
    furniture = run("Halaman 1 dari 3", 60, 20, furniture=True)  # in the margin: its place
    assert body_proof(furniture).check() == []
    assert body_proof(run("x", 590, 20, furniture=True)).check()  # off the paper


def test_a_given_text_must_be_drawn_whole_in_order():
    drawn = [run("Peserta menulis", 60, 700), run("harapannya.", 60, 680)]
    assert body_proof(*drawn, given=["Peserta menulis harapannya."]).check() == []
    (lost,) = body_proof(*drawn, given=["Peserta menulis harapan mereka."]).check()
    assert lost.message == "“Peserta menulis harapan mereka.” is not printed whole"


def test_the_recorded_boxes_are_where_poppler_reads_the_words(project, monkeypatch):
    """Every piece of text the proof recorded (justified lines, table cells, the running
    head and foot) holds the words poppler finds there, edge to edge."""
    captured: list[Proof] = []
    check = Proof.check

    def capture(self: Proof):
        captured.append(self)
        return check(self)

    monkeypatch.setattr(Proof, "check", capture)
    report = build(project, Options(regions=["nasional"], roles=[ROLE]))
    assert len(captured) == len(report.documents) == len(kit(project).documents)
    for recorded, document in zip(captured, report.documents, strict=True):
        pages = pages_of_words(document.path)
        for piece in recorded.runs:
            _, height, words = pages[piece.page - 1]
            inside = [
                w
                for w in words
                if piece.left - 1 <= (w.left + w.right) / 2 <= piece.right + 1
                and piece.bottom - 1 <= height - (w.top + w.bottom) / 2 <= piece.top + 1
            ]
            assert inside, f"{document.path.name} p.{piece.page}: {piece.text!r} not found"
            assert min(w.left for w in inside) == pytest.approx(piece.left, abs=1.5)
            assert max(w.right for w in inside) == pytest.approx(piece.right, abs=1.5)


def test_every_shipped_page_has_its_words_inside_the_paper_and_none_over_another(built):
    pdfs = sorted((built / "build").rglob("*.pdf"))
    assert len(pdfs) == kit(built).total
    assert [fault for pdf in pdfs for fault in print_faults(pdf)] == []


def a_word_of(length: int):
    def edit(project):
        path = project / ROLE_FILE
        text = path.read_text(encoding="utf-8")
        start = "  - ekspektasi: >-\n      "
        write(path, text.replace(start, start + "x" * length + " ", 1))

    return edit


def reportlabs_own_cell_split(monkeypatch):
    """A layout fault for the proof to find: a box's text cut at the column's width, not
    the narrower one it is drawn at (ReportLab's own cut, mended in SplittingTable), so
    that a long word's piece runs off the page."""
    monkeypatch.setattr(SplittingTable, "_splitCell", Table._splitCell)


def a_word_poppler_sees_misprinted(project, monkeypatch) -> list[str]:
    """With the proof off, find a word length whose cut piece misprints (where the cut
    lands depends on the font and the page): the faults the independent reader sees."""
    reportlabs_own_cell_split(monkeypatch)
    shipped = (project / ROLE_FILE).read_text(encoding="utf-8")
    with monkeypatch.context() as off:
        off.setattr(proving.Proof, "check", lambda self: [])
        for length in range(3000, 20000, 500):
            write(project / ROLE_FILE, shipped)
            a_word_of(length)(project)
            (document,) = build(project, WORKSHEET).documents
            if faults := print_faults(document.path):
                document.path.unlink()
                return faults
    raise AssertionError("no word length makes ReportLab's own cut misprint")


def test_a_misprint_poppler_sees_stops_the_build_at_its_yaml_line(project, monkeypatch):
    """The independent reader finds the word over the running head or off the paper
    when the proof is off, so its silence elsewhere means something; with the proof on,
    the same word stops the build at its YAML line and writes nothing."""
    faults = a_word_poppler_sees_misprinted(project, monkeypatch)
    assert any("at the paper's edge" in f or "over '" in f for f in faults), faults
    with pytest.raises(ModulError) as caught:
        build(project, WORKSHEET)
    (problem, *_) = caught.value.problems
    assert (problem.file, problem.line) == (ROLE_FILE, shipped_line(ROLE_FILE, "- ekspektasi:"))
    assert re.search(r"lembar-kerja.pdf, page \d+:", problem.message)
    assert "outside the page's writing area" in problem.message
    assert problem.hint and problem.severity == "error"
    assert not (project / "build" / "nasional" / ROLE / "lembar-kerja.pdf").exists()
