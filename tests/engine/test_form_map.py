"""The form map `modul scan` reads its geometry from (issue 30): the fields and values of
every tick box, the rating scale's "1" in the lowest point's column whatever the column
order, the version printed in the QR code changing with a question's words, the same
for the same content; a document that is not read back is refused at its place."""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber
import pytest
import yaml

from conftest import SMALL_ROLE, small_copy
from modul import Options, build
from modul.engine.forms import Box, FormMap, form_map
from modul.errors import ModulError


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_copy(tmp_path_factory.mktemp("map") / "project", regions=())


def boxes(mapped: FormMap) -> list[Box]:
    return [box for page in mapped.pages for box in page.boxes]


def test_the_tests_map_each_question_option_and_digit(project):
    role = yaml.safe_load((project / "content" / "roles" / f"{SMALL_ROLE}.yaml").read_text())
    mapped = form_map(project, "nasional", SMALL_ROLE, "pretest", paper="A4")
    assert (mapped.edition, mapped.role, mapped.document) == ("nasional", SMALL_ROLE, "pretest")
    wanted = {
        (f"tes_{n}", letter)
        for n, item in enumerate(role["tes"], 1)
        for letter in "abcd"[: len(item["pilihan"])]
    }
    wanted |= {(f"nomor_{place}", str(d)) for place in ("puluhan", "satuan") for d in range(10)}
    found = [(box.field, box.value) for box in boxes(mapped)]
    assert sorted(found) == sorted(wanted)  # each once
    for page in mapped.pages:
        assert len(page.version) == 8 and int(page.version, 16) >= 0
        assert sorted(page.markers) == [0, 1, 2, 3]
        for box in page.boxes:  # on the page, inside the markers
            assert page.markers[3][0] < box.x < box.x + box.w < page.markers[1][0]
            assert page.markers[3][1] < box.y < box.y + box.h < page.markers[1][1]


def test_a_rating_of_one_is_the_lowest_points_column(project):
    """The scale is printed SS, S, TS, STS: "1" (STS, the lowest score) is the last
    column, "4" the first."""
    mapped = form_map(project, "nasional", SMALL_ROLE, "evaluation", paper="A4")
    build(project, Options(regions=["nasional"], kinds=["evaluation"], paper="A4"))
    pdf = project / "build" / "nasional" / SMALL_ROLE / "formulir-evaluasi.pdf"
    with pdfplumber.open(pdf) as plumbed:
        words = plumbed.pages[0].extract_words()
    heads = {w["text"]: (w["x0"] + w["x1"]) / 2 for w in words if w["text"] in ("SS", "STS")}
    first = [box for box in boxes(mapped) if box.field == "sesi_1"]
    assert sorted(box.value for box in first) == ["1", "2", "3", "4"]
    centre = {box.value: box.x + box.w / 2 for box in first}
    assert abs(centre["1"] - heads["STS"]) < 3 and abs(centre["4"] - heads["SS"]) < 3
    fields = {box.field for box in boxes(mapped)}
    assert {"sesi_1", "umum_1"} <= fields and not any(f.startswith("nomor") for f in fields)


def test_the_version_follows_the_questions_words(tmp_path):
    root = small_copy(tmp_path / "project", regions=())
    first = form_map(root, "nasional", SMALL_ROLE, "posttest")
    began = time.perf_counter()
    again = form_map(root, "nasional", SMALL_ROLE, "posttest")
    assert time.perf_counter() - began < 5  # once per document of a scan run
    assert again == first
    path = root / "content" / "roles" / f"{SMALL_ROLE}.yaml"
    text = path.read_text(encoding="utf-8")
    role = yaml.safe_load(text)
    question = role["tes"][0]["soal"]
    path.write_text(text.replace(question, question.replace("?", " saat ini?"), 1), "utf-8")
    changed = form_map(root, "nasional", SMALL_ROLE, "posttest")
    assert changed.pages[0].version != first.pages[0].version
    assert {p.version for p in changed.pages} == {changed.pages[0].version}  # one per document


def test_a_document_not_read_back_is_refused(project):
    with pytest.raises(ModulError) as refused:
        form_map(project, "nasional", SMALL_ROLE, "worksheet")
    assert "catalog.yaml" in str(refused.value)
