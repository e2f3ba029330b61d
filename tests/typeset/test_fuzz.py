"""Fuzzing: random role files, with random structure and random Unicode text.

Either modul writes PDFs in which every generated text can be read (as printed: see
modul.glyphs), inside the page and over no other text (as poppler reads them), or it
stops with its own error (ModulError) — never another exception.
The normal run tries a few examples; for a longer run:

    MODUL_FUZZ_EXAMPLES=500 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import copy_project, pdf_text, print_faults
from modul import Options, build
from modul.engine.preflight import check
from modul.errors import ModulError
from modul.typeset.glyphs import Coverage, printed

SLUG = "peran-acak"
SPECIAL = [  # the cases of issue 7, mixed into the random text
    "<b>tebal</b>",
    "&amp; &lt; &#169;",
    "<para>",
    "{{ peran.nama }}",
    "{% if x %}",
    "x" * 500,
    "😀 ❤️ 👍",
    "ꦲꦤꦕꦫ",
    "kafe\u0301",
    "ŋə ẞ",
    "\u00ad\u200b\u202e",
    " ".join(["Kalimat panjang sekali."] * 60),
]
# Any character but surrogates and control characters: those are refused with their
# line (test_robustness.py), and one in a role file makes every example a refusal.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40),
    st.sampled_from(SPECIAL),
)


def texts(low: int, high: int) -> st.SearchStrategy[list[str]]:
    return st.lists(TEXT, min_size=low, max_size=high)


def pairs(first: str, second: str, low: int, high: int) -> st.SearchStrategy:
    return st.lists(st.fixed_dictionaries({first: TEXT, second: TEXT}), min_size=low, max_size=high)


FIELDS = {
    "nama": TEXT,
    "deskripsi": texts(1, 3),
    "tugas_utama": texts(1, 3),
    "tugas_lain": texts(0, 2),
    "cocok": texts(1, 2),
    "tidak_cocok": texts(0, 2),
    "miskonsepsi": pairs("klaim", "kebenaran", 0, 2),
    "ekspektasi_realita": pairs("ekspektasi", "realita", 1, 2),
    "perbedaan_profesi": pairs("profesi", "perbedaan", 0, 2),
    "penilaian_diri": st.lists(
        st.fixed_dictionaries({"pernyataan": TEXT, "terbalik": st.booleans()}),
        min_size=4,
        max_size=6,
    ),
    "kuis": st.lists(
        st.fixed_dictionaries(
            {"pernyataan": TEXT, "jawaban": st.sampled_from(["benar", "salah"]), "penjelasan": TEXT}
        ),
        min_size=1,
        max_size=3,
    ),
    "pertanyaan_diskusi": texts(0, 2),
}
OPTIONAL = {"tugas_lain", "tidak_cocok", "miskonsepsi", "perbedaan_profesi", "pertanyaan_diskusi"}
BREAKAGE = st.sampled_from([None, None, None, "drop", "number", "list", "unknown", "empty"])


def broken(role: dict, breakage: str | None, key: str) -> dict:
    """The role with one structural mistake, as a trainer might make it."""
    role = dict(role)
    if breakage == "drop":
        role.pop(key)
    elif breakage == "number":
        role[key] = 42
    elif breakage == "list":
        role[key] = {"a": [1, 2]}
    elif breakage == "unknown":
        role[key + "_x"] = "?"
    elif breakage == "empty":
        role[key] = []
    return role


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "jawaban" for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


@settings(
    max_examples=int(os.environ.get("MODUL_FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(role=st.fixed_dictionaries(FIELDS), breakage=BREAKAGE, key=st.sampled_from(sorted(FIELDS)))
def test_random_role_files_print_every_sentence_or_fail_cleanly(fuzz_project, role, breakage, key):
    role = broken(role, breakage, key)
    output = io.StringIO()
    YAML(typ="safe", pure=True).dump(role, output)
    (fuzz_project / "content" / "roles" / f"{SLUG}.yaml").write_text(
        output.getvalue(), encoding="utf-8"
    )
    try:
        report = build(
            fuzz_project,
            Options(
                regions=["nasional"],
                roles=[SLUG],
                force=True,
                kinds=["handout", "worksheet", "guide"],
            ),
        )
    except ModulError as err:
        event(f"refused: {err.problems[0].message.split(':')[0][:40]}")
        return  # the project's own error, with file and line: allowed
    event("built")
    assert breakage is None or breakage in ("drop", "empty") and key in OPTIONAL, (
        f"{breakage} of {key} was accepted"
    )
    theme = check(fuzz_project, Options(regions=["nasional"], roles=[SLUG])).targets[0].theme
    coverage = Coverage((theme.fonts.regular, *theme.fonts.fallback))
    seen = "".join("".join(pdf_text(d.path) for d in report.documents).split())
    for text in strings(role):
        assert printed_whole("".join(printed(text, coverage).split()), seen), repr(text)
    for document in report.documents:  # inside the page, over no other text
        assert print_faults(document.path) == []


def printed_whole(expected: str, seen: str, cuts: int = 4, head: int = 200) -> bool:
    """`expected` is in `seen` (both without spaces), every character in order. A table
    row longer than a page continues under the table's head repeated on the next page,
    so up to `cuts` runs of at most `head` characters may come between its pieces. Only
    text in `seen` is skipped, never a character of `expected`: nothing lost can pass."""
    probe = expected[:12]
    start = seen.find(probe)
    while start >= 0:
        done, at, left = 0, start, cuts
        while True:
            while done < len(expected) and at < len(seen) and expected[done] == seen[at]:
                done, at = done + 1, at + 1
            if done == len(expected):
                return True
            resume = seen.find(expected[done : done + 12], at, at + head)
            if left == 0 or resume < 0:
                break
            at, left = resume, left - 1
        start = seen.find(probe, start + 1)
    return False


def test_a_repeated_table_head_may_cut_a_text_but_nothing_may_be_lost():
    text = "Kalimatpanjangsekali." * 3
    assert printed_whole(text, "awal" + text + "akhir")
    cut = text[:30] + "NoPernyataanJawabanPenjelasan" + text[30:]
    assert printed_whole(text, "awal" + cut)
    assert not printed_whole(text, text[:30] + text[31:])  # one letter lost
    assert not printed_whole(text, text[:30] + "x" * 300 + text[30:])  # not a table head
