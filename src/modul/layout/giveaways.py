"""Nothing given away by an earlier sheet: no statement of an exercise's key is printed,
as the same text or a near-copy, on a participant sheet the plan has them work on
before that exercise.

The keys: LK-1's kenyataan, LK-2's penjelasan, LK-3's perbedaan, the tests' right
choices. The printed statements: LK-1's harapan, LK-2's and LK-4's pernyataan, the tests'
questions (their choices are choices, not statements). The order: the step that names
a worksheet part in `lembar_kerja`, or hands a test out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from modul.content.model import Edition, Role
from modul.content.tree import KeyPath, Node
from modul.errors import Problem
from modul.i18n import _

NEAR = 0.6  # word-sequence similarity from which a sentence counts as a near-copy
CONTAINED = 4  # a key of at least this many words found whole in a sentence
TESTS = ("tes-awal", "tes-akhir")  # documents that are exercises: the same questions


@dataclass(frozen=True)
class _Text:
    """One sentence of a role's file, with where it is written."""

    words: tuple[str, ...]
    keys: KeyPath


def giveaway_problems(edition: Edition, roles: dict[str, Node]) -> list[Problem]:
    """For each role: a key statement near-copied on a sheet worked on earlier, at the
    line of that earlier sheet's statement (the text to reword)."""
    order = _exercise_order(edition)
    kinds = {p.id: p.jenis for p in edition.worksheet.bagian}
    found = []
    for slug, role in edition.roles.items():
        doc = roles[f"roles/{slug}.yaml"]
        for later, at in order.items():
            keys = list(_key_texts(role, kinds.get(later, later)))
            for earlier in (e for e, n in order.items() if n < at):
                printed = list(_printed_texts(role, kinds.get(earlier, earlier)))
                found += [
                    _problem(doc, shown, earlier, later)
                    for shown in printed
                    if any(_gives_away(key, shown) for key in keys)
                ]
    return list(dict.fromkeys(found))


def _exercise_order(edition: Edition) -> dict[str, int]:
    """Each exercise (worksheet part id, test document) and the step it is worked on."""
    order: dict[str, int] = {}
    steps = [step for session in edition.workshop.sesi for step in session.langkah]
    for n, step in enumerate(steps):
        for name in [*step.lembar_kerja, *(b for b in step.bagikan if b in TESTS)]:
            order.setdefault(name, n)
    return order


# By worksheet part kind: the role's list, the field printed on the sheet, the key's field.
FIELDS = {
    "ekspektasi_realita": ("ekspektasi_realita", "ekspektasi", "realita"),
    "kuis_miskonsepsi": ("kuis", "pernyataan", "penjelasan"),
    "perbandingan_profesi": ("perbedaan_profesi", None, "perbedaan"),
    "apakah_saya_cocok": ("penilaian_diri", "pernyataan", None),
}


def _key_texts(role: Role, kind: str) -> Iterator[_Text]:
    if kind in TESTS:
        for i, item in enumerate(role.tes):  # the right choice, alone and as the answer
            right = item.pilihan["abcd".index(item.jawaban)]
            yield from _sentences(right, ["tes", i, "pilihan"])
            yield _Text(_words(f"{item.soal} {right}"), ["tes", i, "soal"])
    elif kind in FIELDS:
        yield from _fields(role, *FIELDS[kind][::2])


def _printed_texts(role: Role, kind: str) -> Iterator[_Text]:
    if kind in TESTS:
        for i, item in enumerate(role.tes):
            yield from _sentences(item.soal, ["tes", i, "soal"])
    elif kind in FIELDS:
        yield from _fields(role, *FIELDS[kind][:2])


def _fields(role: Role, name: str, field: str | None) -> Iterator[_Text]:
    """The sentences of `field` in each item of the role's list `name`."""
    if field is None:
        return
    for i, item in enumerate(getattr(role, name)):
        yield from _sentences(getattr(item, field), [name, i, field])


def _sentences(text: str, keys: KeyPath) -> Iterator[_Text]:
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        if words := _words(sentence):
            yield _Text(words, keys)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def _gives_away(key: _Text, shown: _Text) -> bool:
    if key.keys[:2] == shown.keys[:2]:  # one test question, on the Tes Awal and the Tes Akhir
        return False
    if len(key.words) >= CONTAINED and _contains(shown.words, key.words):
        return True
    return SequenceMatcher(None, key.words, shown.words, autojunk=False).ratio() >= NEAR


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _problem(doc: Node, shown: _Text, earlier: str, later: str) -> Problem:
    return doc.problem(
        shown.keys,
        _(
            "this statement, on `{earlier}`, gives away the key of `{later}`, which "
            "participants do later: it is the key's text or a near-copy of it"
        ).format(earlier=earlier, later=later),
        _("reword the statement or the key so that the earlier sheet does not answer it"),
    )
