"""The overlay merge: a pure function, one test per rule."""

from __future__ import annotations

import pytest

from modul.content.merge import merge
from modul.content.source import ProblemList

BASE = """\
nama: Konselor
tugas_utama:
  - Tugas satu.
  - Tugas dua.
sesi:
  - id: pembukaan
    menit: 30
    bahan: [kertas plano, spidol]
  - id: penutup
    menit: 15
info:
  tempat: Jakarta
  tahun: 2026
"""


def merged(load, overlay: str):
    return merge(load(BASE, "base.yaml"), load(overlay, "region.yaml"))


def problems(load, overlay: str):
    with pytest.raises(ProblemList) as caught:
        merged(load, overlay)
    return caught.value.problems


def test_scalar_replaces_and_keeps_its_origin(load):
    tree, changes = merged(load, "nama: Konselor Desa\n")
    assert tree.plain()["nama"] == "Konselor Desa"
    assert str(tree.value["nama"].origin) == "region.yaml:1"
    assert str(tree.value["tugas_utama"].value[0].origin) == "base.yaml:3"
    assert [(c.path, c.kind, c.before, c.after) for c in changes] == [
        ("nama", "changed", "Konselor", "Konselor Desa")
    ]


def test_nested_mappings_merge_key_by_key(load):
    tree, changes = merged(load, "info:\n  tempat: Kupang\n")
    assert tree.plain()["info"] == {"tempat": "Kupang", "tahun": 2026}
    assert [c.path for c in changes] == ["info.tempat"]


def test_plain_list_replaces_the_national_list(load):
    tree, changes = merged(load, "tugas_utama:\n  - Tugas lokal.\n")
    assert tree.plain()["tugas_utama"] == ["Tugas lokal."]
    assert changes[0].kind == "changed" and changes[0].before == ["Tugas satu.", "Tugas dua."]


def test_tambah_appends_and_hapus_removes(load):
    tree, changes = merged(
        load, "tugas_utama:\n  hapus:\n    - Tugas satu.\n  tambah:\n    - Tugas lokal.\n"
    )
    assert tree.plain()["tugas_utama"] == ["Tugas dua.", "Tugas lokal."]
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("removed", "Tugas satu.", None),
        ("added", None, "Tugas lokal."),
    ]
    assert str(tree.value["tugas_utama"].value[1].origin) == "region.yaml:5"


def test_items_with_ids_merge_by_id(load):
    tree, changes = merged(load, "sesi:\n  - id: penutup\n    menit: 20\n")
    sessions = tree.plain()["sesi"]
    assert [s["menit"] for s in sessions] == [30, 20]
    assert sessions[0]["bahan"] == ["kertas plano", "spidol"]
    assert [(c.path, c.before, c.after) for c in changes] == [("sesi[penutup].menit", 15, 20)]


def test_items_with_ids_can_be_added_and_removed(load):
    tree, _ = merged(
        load, "sesi:\n  hapus: [penutup]\n  tambah:\n    - id: lokal\n      menit: 10\n"
    )
    assert [s["id"] for s in tree.plain()["sesi"]] == ["pembukaan", "lokal"]


def test_new_key_is_added_for_validation_to_judge(load):
    tree, changes = merged(load, "tugas_lain:\n  - Tugas tambahan.\n")
    assert tree.plain()["tugas_lain"] == ["Tugas tambahan."]
    assert changes[0].kind == "added"


def test_unknown_id_is_an_error_with_a_suggestion(load):
    (problem,) = problems(load, "sesi:\n  - id: pembukan\n    menit: 20\n")
    assert (problem.file, problem.line) == ("region.yaml", 2)
    assert "no item with id `pembukan`" in problem.message
    assert "did you mean `pembukaan`?" in problem.hint


def test_removing_text_that_is_not_there_is_an_error(load):
    (problem,) = problems(load, "tugas_utama:\n  hapus:\n    - Tugas satu\n")
    assert problem.line == 3 and "no item “Tugas satu” to remove" in problem.message
    assert "did you mean “Tugas satu.…”" in problem.hint


@pytest.mark.parametrize(
    ("overlay", "expected"),
    [
        ("nama:\n  - a list\n", "write a single value"),
        ("info: Kupang\n", "write keys with values"),
        ("tugas_utama: Satu tugas.\n", "write a list"),
    ],
)
def test_kind_mismatch_between_base_and_overlay(load, overlay, expected):
    (problem,) = problems(load, overlay)
    assert "the national value is of another kind" in problem.message
    assert expected in problem.hint and problem.line == 1


def test_empty_value_is_an_error_not_a_deletion(load):
    (problem,) = problems(load, "nama:\n")
    assert problem.message == "`nama` is empty"


def test_adding_an_existing_id_is_an_error(load):
    (problem,) = problems(load, "sesi:\n  tambah:\n    - id: penutup\n      menit: 5\n")
    assert "already has an item with id `penutup`" in problem.message


def test_merge_does_not_modify_its_inputs(load):
    base = load(BASE, "base.yaml")
    before = base.plain()
    merge(base, load("nama: Lain\nsesi:\n  hapus: [penutup]\n", "region.yaml"))
    assert base.plain() == before
