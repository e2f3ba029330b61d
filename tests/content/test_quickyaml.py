"""libyaml's quick reading of a content file must give the very tree ruamel gives (values,
types, lines and columns), and leave to ruamel whatever it cannot read the same way."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modul.content.fullyaml import MAX_DEPTH, MAX_NODES, parse_fully
from modul.content.quickyaml import GiveUp, quick_tree

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    [*REPO.glob("content/**/*.yaml"), *REPO.glob("layouts/**/*.yaml")]
    + [*REPO.glob("src/modul/commands/starters/*.yaml")]
)


def quick(text: str):
    return quick_tree("f.yaml", text, MAX_NODES, MAX_DEPTH)


def test_the_shipped_files_are_read_quickly():
    assert len(SHIPPED) > 20
    read_quickly = 0
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8-sig")
        try:
            tree = quick(text)
        except GiveUp:
            continue
        assert tree == parse_fully("f.yaml", text), path
        windows = text.replace("\n", "\r\n")  # as Notepad saves it
        assert quick(windows) == parse_fully("f.yaml", windows), path
        read_quickly += 1
    assert read_quickly >= len(SHIPPED) - 2  # the starters: their values are left empty


SAME = [
    "judul: Peran\nbaris: 5\nskala: 1.5\nwajib: true\nnol: ~\nkosong: null\n",
    "a:\n  - satu\n  - 'dua'\n  - \"tiga: empat\"\n"
    "  - |\n    baris\n    dua\n  - >\n    dilipat\n    jadi satu\n",
    "jadwal: 10:30\njawab: yes\ntidak: no\nhuruf: y\nangka: -7\n",
    "nama: Bapak Drs. Ir. H. Muhammad Yusuf Al-Amin, S.Pd., M.Si.\n",
    "kunci: [é, ü, 😀, x]\ndaftar: {a: 1, b: dua}\n",
    "bertingkat:\n  a:\n    b:\n      - c: d\n        e: [1, 2]\n",
    "jangkar: &x [satu, dua]\nsalinan: *x\n",
    "1: angka sebagai kunci\nnull: kunci kosong\n",
    'teks: "tab\\tdan\\nbaris"\n# komentar\nlain: ok  # komentar\n',
]


@pytest.mark.parametrize("text", SAME)
def test_the_quick_tree_is_ruamels_tree(text):
    assert quick(text) == parse_fully("f.yaml", text)


GIVE_UP = [
    "a: 010\n",  # octal in YAML 1.2 for ruamel
    "a:\nb: 1\n",  # an empty value: ruamel places it on the next line
    "a: 1e3\n",
    "a: 0x1F\n",
    "a: 1_000\n",
    "a: " + "9" * 5000 + "\n",  # too long to read: ruamel says so
    "a: .5\n",
    "a: 2026-12-03\n",  # a date
    "a: !!int '5'\n",
    "a: !rahasia x\n",
    "a: 1\na: 2\n",  # a repeated key
    "dasar: &d {x: 1}\nlain:\n  <<: *d\n",  # a merge key
    "a: [1, 2\n",  # a mistake: ruamel names its line
    "\tb: 1\n",
    "- a\n- b\n",  # not keys at the top
    "",
    "a: satu\u2028dua\n",
    "a: b\n---\nc: d\n",
    "? [kunci, rumit]\n: nilai\n",
]


@pytest.mark.parametrize("text", GIVE_UP)
def test_what_it_cannot_read_as_ruamel_does_is_left_to_ruamel(text):
    with pytest.raises(GiveUp):
        quick(text)


def test_too_deep_or_too_many_values_are_left_to_ruamel():
    with pytest.raises(GiveUp):
        quick("a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    with pytest.raises(GiveUp):
        quick(bomb)


words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30)
scalars = st.one_of(
    words,
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["true", "False", "~", "yes", "10:30", "1.25", "-0", "null", "on"]),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), scalars, min_size=1))
def test_any_simple_file_reads_the_same_both_ways(mapping):
    """Keys and values written as a trainer would: plain where YAML allows, else quoted."""
    lines = []
    for key, value in mapping.items():
        plain = (
            value
            and value.strip() == value
            and not any(c in value for c in ":#'\"[]{},&*!|>%@`-?\\\n\t")
        )
        lines.append(f"{key}: {value if plain else json.dumps(value, ensure_ascii=False)}")
    text = "\n".join(lines) + "\n"
    try:
        tree = quick(text)
    except GiveUp:
        return
    assert tree == parse_fully("f.yaml", text)


def test_merge_keys_read_as_if_the_keys_were_written_out_where_they_are_written():
    """`<<: *name` (ruamel reads it): the keys brought in keep the line and column where
    they are written, also through a merge of a merge and a list of mappings."""
    text = (
        "dasar: &d\n"
        "  menit: 10\n"
        "  peserta: Mendengarkan\n"
        "lanjut: &l\n"
        "  <<: *d\n"
        "  bahan: Spidol\n"
        "langkah:\n"
        "  <<: [*l, {catatan: singkat}]\n"
        "  peserta: Berdiskusi\n"
    )
    tree = parse_fully("f.yaml", text)
    step = tree.value["langkah"]
    assert step.plain() == {
        "menit": 10,
        "peserta": "Berdiskusi",
        "bahan": "Spidol",
        "catatan": "singkat",
    }
    where = {
        key: (node.key_origin.line, node.origin.line, node.origin.column)
        for key, node in step.value.items()
    }
    assert where == {
        "peserta": (9, 9, 12),  # written here: the merged one is overridden
        "menit": (2, 2, 10),
        "bahan": (6, 6, 10),
        "catatan": (8, 8, 22),
    }
