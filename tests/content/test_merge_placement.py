"""The overlay merge places an addition: `sebelum:`/`sesudah:` an id beside `tambah:`."""

from __future__ import annotations

import pytest

from modul.content.merge import merge
from modul.content.source import ProblemList

BASE = """\
sesi:
  - id: pembukaan
    menit: 30
  - id: penutup
    menit: 15
  - id: refleksi
    menit: 10
    langkah:
      - id: tanya
        menit: 5
      - menit: 3
      - id: simpulkan
        menit: 2
"""


def merged(load, overlay: str):
    return merge(load(BASE, "base.yaml"), load(overlay, "region.yaml"))[0].plain()


def problems(load, overlay: str):
    with pytest.raises(ProblemList) as caught:
        merge(load(BASE, "base.yaml"), load(overlay, "region.yaml"))
    return caught.value.problems


def ids(items) -> list[str]:
    return [item.get("id", "-") for item in items]


ADD_TWO = "  tambah:\n    - id: energi\n      menit: 5\n    - id: doa\n      menit: 5\n"


def test_sebelum_places_the_additions_in_order_before_the_item(load):
    tree = merged(load, "sesi:\n  sebelum: penutup\n" + ADD_TWO)
    assert ids(tree["sesi"]) == ["pembukaan", "energi", "doa", "penutup", "refleksi"]


def test_sesudah_places_the_additions_after_the_item(load):
    tree = merged(load, "sesi:\n  sesudah: pembukaan\n" + ADD_TWO)
    assert ids(tree["sesi"]) == ["pembukaan", "energi", "doa", "penutup", "refleksi"]
    tree = merged(load, "sesi:\n" + ADD_TWO + "  sesudah: refleksi\n")
    assert ids(tree["sesi"]) == ["pembukaan", "penutup", "refleksi", "energi", "doa"]


def test_modul_diff_says_where_the_additions_went(load):
    overlay = "sesi:\n  sebelum: penutup\n" + ADD_TWO
    _, changes = merge(load(BASE, "base.yaml"), load(overlay, "region.yaml"))
    assert [(c.path, c.kind, c.after["id"]) for c in changes] == [
        ("sesi (sebelum penutup)", "added", "energi"),
        ("sesi (sebelum penutup)", "added", "doa"),
    ]


def test_without_a_place_tambah_appends_as_before(load):
    tree = merged(load, "sesi:\n" + ADD_TWO)
    assert ids(tree["sesi"]) == ["pembukaan", "penutup", "refleksi", "energi", "doa"]


def test_the_place_is_looked_up_after_hapus(load):
    tree = merged(load, "sesi:\n  hapus: [pembukaan]\n  sebelum: refleksi\n" + ADD_TWO)
    assert ids(tree["sesi"]) == ["penutup", "energi", "doa", "refleksi"]
    (problem,) = problems(load, "sesi:\n  hapus: [penutup]\n  sebelum: penutup\n" + ADD_TWO)
    assert "no item with id `penutup`" in problem.message


def test_placement_in_a_nested_list_of_steps_where_only_some_have_ids(load):
    overlay = (
        "sesi:\n  - id: refleksi\n    langkah:\n      sebelum: tanya\n"
        "      tambah:\n        - menit: 7\n"
    )
    steps = merged(load, overlay)["sesi"][2]["langkah"]
    assert [s["menit"] for s in steps] == [7, 5, 3, 2]
    overlay = overlay.replace("sebelum: tanya", "sesudah: tanya")
    steps = merged(load, overlay)["sesi"][2]["langkah"]
    assert [s["menit"] for s in steps] == [5, 7, 3, 2]


def test_unknown_id_is_located_with_a_suggestion_and_the_ids_that_exist(load):
    overlay = "sesi:\n  - id: refleksi\n    langkah:\n      sebelum: simpulan\n"
    (problem,) = problems(load, overlay + "      tambah:\n        - menit: 7\n")
    assert (problem.file, problem.line) == ("region.yaml", 4)
    assert problem.message == (
        "`sesi[refleksi].langkah` has no item with id `simpulan` to place the new items next to"
    )
    assert problem.hint == "did you mean `simpulkan`? The ids here: tanya, simpulkan"


def test_unknown_id_without_a_close_one_lists_the_ids(load):
    (problem,) = problems(load, "sesi:\n  sesudah: makan-siang\n" + ADD_TWO)
    assert problem.line == 2
    assert problem.hint == "use one of the ids here: pembukaan, penutup, refleksi"


def test_a_list_without_ids_says_to_add_one(load):
    base = "catatan:\n  - Satu.\n  - Dua.\n"
    overlay = "catatan:\n  sebelum: satu\n  tambah:\n    - Nol.\n"
    with pytest.raises(ProblemList) as caught:
        merge(load(base, "base.yaml"), load(overlay, "region.yaml"))
    (problem,) = caught.value.problems
    assert problem.line == 2 and "add `id:` to the national item" in problem.hint


def test_both_sebelum_and_sesudah_is_an_error(load):
    (problem,) = problems(load, "sesi:\n  sebelum: penutup\n  sesudah: penutup\n" + ADD_TWO)
    assert (problem.file, problem.line) == ("region.yaml", 3)
    assert problem.message == "`sesi` has both `sebelum` and `sesudah`"
    assert "keep one of them" in problem.hint


def test_a_place_without_tambah_is_an_error(load):
    (problem,) = problems(load, "sesi:\n  hapus: [penutup]\n  sebelum: refleksi\n")
    assert problem.line == 3 and "there is no `tambah`" in problem.message


def test_an_empty_place_is_an_error_that_lists_the_ids(load):
    (problem,) = problems(load, "sesi:\n  sesudah:\n" + ADD_TWO)
    assert problem.message == "`sesi.sesudah` is empty"
    assert problem.hint == "use one of the ids here: pembukaan, penutup, refleksi"
