"""A question with three choices: its column takes a–c only, on both tests."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SMALL_REGION, SMALL_ROLE
from modul.content.loading import load_project
from modul.errors import ModulError
from modul.results import read_results
from modul.results.plan import plan
from modul.results.writer import workbook_bytes


def test_a_question_with_three_choices_takes_a_to_c(small_project: Path, tmp_path: Path) -> None:
    edition = load_project(small_project).editions[SMALL_REGION]
    role = edition.roles[SMALL_ROLE]
    first = role.tes[0]
    kept = [c for n, c in enumerate(first.pilihan) if "abcd"[n] != first.jawaban][:2]
    right = first.pilihan["abcd".index(first.jawaban)]
    three = first.model_copy(update={"pilihan": [right, *kept], "jawaban": "a"})
    role = role.model_copy(update={"tes": [three, *role.tes[1:]]})
    edition = dataclasses.replace(edition, roles={**edition.roles, SMALL_ROLE: role})
    layout = plan(edition, SMALL_ROLE)
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(workbook_bytes(layout, [("Ani", "Oesao")]))
    book = load_workbook(io.BytesIO(path.read_bytes()))
    post = role.tes_akhir_numbers[0]  # the question's number on the Tes Akhir
    for title, column in (("Tes Awal", 1), ("Tes Akhir", post)):
        rules = {r.formula1: str(r.sqref) for r in book[title].data_validations.dataValidation}
        letter = chr(ord("C") + column - 1)
        assert rules['"a,b,c"'] == f"{letter}3:{letter}103"
        assert f"{letter}3:" not in rules['"a,b,c,d"']
        book[title].cell(3, column + 2, "d")
    book.save(path)
    with pytest.raises(ModulError) as raised:
        read_results(path, edition, SMALL_ROLE, "x.xlsx")
    letter = chr(ord("C") + post - 1)
    assert [str(p).split("\n")[0] for p in raised.value.problems] == [
        f"x.xlsx:Tes Akhir!{letter}3: “d” is not one of a, b, c",
        "x.xlsx:Tes Awal!C3: “d” is not one of a, b, c",
    ]
