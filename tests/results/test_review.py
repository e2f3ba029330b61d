"""Deciding the items `modul scan` left for review (sheet Tinjauan): the answer written
into its empty cell only, never over a typed one, the row marked decided, the rest
refused with what to do."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SMALL_REGION, SMALL_ROLE
from modul.content.loading import load_project
from modul.errors import ModulError
from modul.results.plan import Plan, plan
from modul.results.review import BLANK, DONE, Item, decide, open_items
from results.helpers import new_workbook
from results.reviewing import add_review, sample


@pytest.fixture
def book(small_project: Path) -> Path:
    roster = small_project / "peserta.csv"
    roster.write_text("nama,asal\n" + "".join(f"Peserta {n},Desa {n}\n" for n in range(1, 9)))
    path = new_workbook(small_project, "--roster", str(roster))
    add_review(small_project, path, sample(path))
    return path


def the_plan(root: Path) -> Plan:
    return plan(load_project(root).editions[SMALL_REGION], SMALL_ROLE)


def items(book: Path, root: Path) -> dict[str, Item]:
    return {f"{i.sheet} {i.item}": i for i in open_items(book, the_plan(root), "x.xlsx")}


def cell(book: Path, where: str) -> object:
    sheet, coordinate = where.split("!")
    return load_workbook(book)[sheet][coordinate].value


def test_the_open_items_with_their_cells_and_answers(small_project, book):
    found = items(book, small_project)
    assert list(found) == ["Tes Awal 1", "Tes Akhir 5", "Evaluasi Sesi 2", "Tes Awal No"]
    first = found["Tes Awal 1"]
    assert (first.number, first.cell, first.reason) == (
        3,
        "Tes Awal!C5",
        "lebih dari satu kotak ditandai",
    )
    assert first.choices == ("a", "b", "c", "d") and first.answers[-1] == BLANK
    assert first.crop.endswith("-tinjauan/a-1.png") and (book.parent / first.crop).is_file()
    assert found["Tes Akhir 5"].cell == "Tes Akhir!G6"
    assert found["Evaluasi Sesi 2"].choices == ("1", "2", "3", "4")
    assert found["Evaluasi Sesi 2"].cell == "Evaluasi!C3"
    number = found["Tes Awal No"]  # the page's answers were not written: nothing to choose
    assert (number.choices, number.cell, number.answers, number.crop) == ((), "", (DONE,), "")


def test_a_decision_writes_the_empty_cell_and_marks_the_row(small_project, book):
    first = items(book, small_project)["Tes Awal 1"]
    done = decide(small_project, book, the_plan(small_project), first.row, first.key, "c")
    assert done.written and cell(book, "Tes Awal!C5") == "c"
    assert cell(book, "Tes Awal!D5") == "b"  # the answer read is left as it was
    review = load_workbook(book)["Tinjauan"]
    assert review["H1"].value == "Keputusan" and review["H1"].font.b
    assert review.cell(first.row, 8).value == "c"
    assert "Tes Awal 1" not in items(book, small_project)
    rating = items(book, small_project)["Evaluasi Sesi 2"]
    decide(small_project, book, the_plan(small_project), rating.row, rating.key, "3")
    assert cell(book, "Evaluasi!C3") == 3  # a number, as the report reads ratings


def test_a_cell_typed_meanwhile_is_never_overwritten(small_project, book):
    first = items(book, small_project)["Tes Awal 1"]
    typed = load_workbook(book)
    typed["Tes Awal"]["C5"] = "d"
    typed.save(book)
    done = decide(small_project, book, the_plan(small_project), first.row, first.key, "a")
    assert not done.written and done.typed == "d"
    assert cell(book, "Tes Awal!C5") == "d"
    assert "Tes Awal 1" not in items(book, small_project)  # typed in Excel: decided


def test_blank_on_purpose_and_done_by_hand_write_no_answer(small_project, book):
    found = items(book, small_project)
    faint, number = found["Tes Akhir 5"], found["Tes Awal No"]
    before = load_workbook(book)["Tes Akhir"]["G6"].value
    assert not decide(
        small_project, book, the_plan(small_project), faint.row, faint.key, BLANK
    ).written
    assert cell(book, "Tes Akhir!G6") == before is None
    decide(small_project, book, the_plan(small_project), number.row, number.key, DONE)
    review = load_workbook(book)["Tinjauan"]
    assert [review.cell(r, 8).value for r in (faint.row, number.row)] == [BLANK, DONE]
    assert list(items(book, small_project)) == ["Tes Awal 1", "Evaluasi Sesi 2"]


@pytest.mark.parametrize(
    ("which", "row", "key", "answer", "said"),
    [
        ("Tes Awal 1", 0, None, "a", "no such item"),
        ("Tes Awal 1", 99, None, "a", "no such item"),
        ("Tes Awal 1", None, "foto/x.jpg|1|Tes Awal|3|1", "a", "list has changed"),
        ("Tes Awal 1", None, None, "e", "not an answer of this item"),
        ("Tes Awal 1", None, None, DONE, "not an answer of this item"),
        ("Evaluasi Sesi 2", None, None, "5", "not an answer of this item"),
        ("Tes Awal No", None, None, "a", "not an answer of this item"),
    ],
)
def test_a_bad_row_or_answer_is_refused_and_nothing_written(
    small_project, book, which, row, key, answer, said
):
    item = items(book, small_project)[which]
    before = book.read_bytes()
    with pytest.raises(ModulError) as err:
        decide(small_project, book, the_plan(small_project), row if row is not None else item.row,
               key or item.key, answer)  # fmt: skip
    (problem,) = err.value.problems
    assert said in problem.message and problem.hint
    assert problem.file.startswith("hasil/ntt/") and "Tinjauan!A" in problem.file
    assert book.read_bytes() == before


def test_a_decided_row_is_not_decided_twice(small_project, book):
    first = items(book, small_project)["Tes Awal 1"]
    decide(small_project, book, the_plan(small_project), first.row, first.key, "b")
    with pytest.raises(ModulError, match="decided already"):
        decide(small_project, book, the_plan(small_project), first.row, first.key, "c")
    assert cell(book, "Tes Awal!C5") == "b"


def test_a_three_choice_question_takes_a_to_c(small_project, book):
    wide = the_plan(small_project)
    narrow = replace(wide, pretest=replace(wide.pretest, choices=(3,) * len(wide.pretest.key)))
    (first, *_rest) = open_items(book, narrow, "x.xlsx")
    assert first.choices == ("a", "b", "c")
    with pytest.raises(ModulError, match="not an answer"):
        decide(small_project, book, narrow, first.row, first.key, "d")


def test_a_workbook_open_in_excel_or_saved_meanwhile_is_said(small_project, book, monkeypatch):
    first = items(book, small_project)["Tes Awal 1"]
    real_open = Path.open

    def locked(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self == book and mode == "r+b":
            raise PermissionError(13, "The process cannot access the file")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(ModulError, match="open in another program") as err:
        decide(small_project, book, the_plan(small_project), first.row, first.key, "a")
    assert "close it" in err.value.problems[0].hint
    monkeypatch.undo()

    import modul.results.review as review

    def saved_meanwhile(path: Path, *args: object) -> object:
        book.write_bytes(book.read_bytes() + b"")  # as Excel saving: a new time
        import os

        os.utime(book, ns=(1, 1))
        return None

    monkeypatch.setattr(review, "_mark", saved_meanwhile)
    with pytest.raises(ModulError, match="saved by another program"):
        decide(small_project, book, the_plan(small_project), first.row, first.key, "a")
    assert cell(book, "Tes Awal!C5") is None


def test_a_workbook_never_scanned_has_no_items(small_project):
    path = new_workbook(small_project)
    assert open_items(path, the_plan(small_project), "x.xlsx") == ()
    with pytest.raises(ModulError, match="no such item"):
        decide(small_project, path, the_plan(small_project), 2, "", BLANK)
