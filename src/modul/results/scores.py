"""The figures of the Laporan Pelatihan, from the results workbook's data as plain values.

Answers are the letters "a"–"d" (None for a blank cell), ratings the numbers 1–4, days
"H", "I", "S", "A" (hadir, izin, sakit, alpa). The workbook's reader checks the cells and
reports a bad one with its sheet and cell; a bad value that reaches these functions is a
bug and raises ValueError. Nothing here rounds: numbers.rounded() does, for print.

Score: the share of the test's items answered right × 100, 0–100. A participant with no
answer at all did not take the test: None (absent), never 0; a blank among answers is
wrong.

Normalized gain (Hake 1998, Am. J. Phys. 66, 64): g = (post − pre) / (100 − pre). It is
None when either test is missing or pre = 100 (nothing left to gain: undefined, shown as
"–", not 0 or 1). g is at most 1 and may be negative (fell back).

Class: for each test the count, mean, median, lowest and highest of those who took it.
The class N-gain is Hake's gain of the class means, g = (mean post − mean pre) / (100 −
mean pre), over the matched group only, those who took both tests: a participant missing
from one test would otherwise move one mean and not the other. Category (DOMAIN.md, after
Hake): g ≥ 0,7 tinggi, 0,3 ≤ g < 0,7 sedang, g < 0,3 rendah.

Item analysis, over those who took the test, with the bands of Indonesian practice as in
DOMAIN.md: difficulty P = share answering right, 0,00–0,30 sukar, 0,31–0,70 sedang,
0,71–1,00 mudah (Arikunto, Dasar-Dasar Evaluasi Pendidikan). Discrimination D = P of the
upper group − P of the lower group (Kelley 1939, J. Educ. Psychol. 30, 17), each of
round(0,27 × n) participants (a half up, at least 1), the upper with the highest total
scores, the lower with the lowest; D ≥ 0,40 baik sekali, 0,30–0,39 baik, 0,20–0,29
cukup, 0,00–0,19 jelek (revise) (Ebel's bands), negative buang (drop; flagged). Ties at
a group's edge: the participants tied there share its remaining places equally (three tied
for one place count a third each), which is the mean over every way of breaking the tie,
so the figures do not depend on the workbook's row order. With fewer than two
participants D is None (no groups to compare). Also: how often each choice and the blank
were chosen, and the distractors nobody chose (they do no work).

Categories are read from the figure as printed (see numbers.py, which holds the bands).

Evaluation: per rated aspect the count of answers, their mean and the share "setuju"
(rated 3 or 4, the top two points of the scale); overall the same over all answers
pooled (each answer counts once). Blank ratings are skipped. Attendance per day: the
count of H, I, S, A and blanks, and the rate H / participants (a blank is not present).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from modul.results.numbers import (
    DifficultyCategory,
    DiscriminationCategory,
    GainCategory,
    difficulty_category,
    discrimination_category,
    gain_category,
)

Answers = Sequence[str | None]
LETTERS = "abcd"
DAY_CODES = ("H", "I", "S", "A")


def score(answers: Answers | None, key: Sequence[str]) -> float | None:
    """The score 0–100 of one participant's answers (None: did not take the test)."""
    if answers is None or all(answer is None for answer in answers):
        return None
    if len(answers) != len(key):
        raise ValueError(f"{len(answers)} answers for {len(key)} items")
    return sum(answer == right for answer, right in zip(answers, key)) * 100 / len(key)


def gain(pre: float | None, post: float | None) -> float | None:
    """Hake's normalized gain from `pre` to `post` (0–100); None if undefined."""
    if pre is None or post is None or pre >= 100:
        return None
    return (post - pre) / (100 - pre)


@dataclass(frozen=True)
class Participant:
    name: str
    pre: float | None  # Tes Awal 0–100, None: absent
    post: float | None  # Tes Akhir
    gain: float | None
    category: GainCategory | None


def participants(
    names: Iterable[str], pre: Mapping[str, float | None], post: Mapping[str, float | None]
) -> tuple[Participant, ...]:
    """Each participant's scores and gain; a name missing from a test's scores is absent."""
    result = []
    for name in names:
        g = gain(pre.get(name), post.get(name))
        result.append(Participant(name, pre.get(name), post.get(name), g, gain_category(g)))
    return tuple(result)


@dataclass(frozen=True)
class Summary:
    count: int  # participants who took the test
    mean: float | None
    median: float | None
    lowest: float | None
    highest: float | None


def summary(scores: Iterable[float | None]) -> Summary:
    """The class figures of one test's scores (None: absent, left out)."""
    taken = sorted(s for s in scores if s is not None)
    n = len(taken)
    if not n:
        return Summary(0, None, None, None, None)
    median = (taken[(n - 1) // 2] + taken[n // 2]) / 2
    return Summary(n, math.fsum(taken) / n, median, taken[0], taken[-1])


@dataclass(frozen=True)
class ClassGain:
    matched: int  # participants who took both tests
    pre: float | None  # their mean Tes Awal
    post: float | None  # their mean Tes Akhir
    gain: float | None  # Hake's g of the two means
    category: GainCategory | None


def class_gain(people: Iterable[Participant]) -> ClassGain:
    """Hake's class N-gain over the participants who took both tests."""
    pairs = [(p.pre, p.post) for p in people if p.pre is not None and p.post is not None]
    if not pairs:
        return ClassGain(0, None, None, None, None)
    pre = math.fsum(a for a, _ in pairs) / len(pairs)
    post = math.fsum(b for _, b in pairs) / len(pairs)
    g = gain(pre, post)
    return ClassGain(len(pairs), pre, post, g, gain_category(g))


@dataclass(frozen=True)
class Item:
    number: int  # on its test, 1-based
    key: str
    difficulty: float | None  # P, None: nobody took the test
    difficulty_category: DifficultyCategory | None
    discrimination: float | None  # D, None: fewer than two took the test
    discrimination_category: DiscriminationCategory | None
    negative: bool  # D below 0,00 as printed: drop the item (flagged)
    chosen: dict[str, int]  # each of the item's choices, a first: how many chose it
    blank: int  # how many left it blank
    unchosen: tuple[str, ...]  # distractors nobody chose (only if someone took the test)


def item_analysis(
    rows: Sequence[Answers | None], key: Sequence[str], choices: Sequence[int] | None = None
) -> tuple[Item, ...]:
    """Each item's analysis from one test's answers, a row per participant; `choices` is
    each item's number of choices (3 or 4; 4 when not given)."""
    taken = [row for row in rows if row is not None and any(a is not None for a in row)]
    if any(len(row) != len(key) for row in taken):
        raise ValueError(f"a row of answers is not {len(key)} long")
    columns = list(zip(*taken)) if taken else [() for _ in key]
    right = [[answer == k for answer in column] for column, k in zip(columns, key)]
    totals = [sum(marks) for marks in zip(*right)]
    size = group_size(len(taken))
    groups = (_group(totals, size, upper=True), _group(totals, size, upper=False))
    items = []
    for number, (column, marks, k) in enumerate(zip(columns, right, key), 1):
        letters = LETTERS[: choices[number - 1] if choices else len(LETTERS)]
        chosen = Counter(column)
        if k not in letters or set(chosen) - {*letters, None}:
            raise ValueError(f"item {number}: a letter outside {letters}")
        p = sum(marks) / len(taken) if taken else None
        d = None
        if len(taken) > 1:
            d = float(_share(marks, groups[0], size) - _share(marks, groups[1], size))
        d_category = discrimination_category(d)
        items.append(
            Item(
                number=number,
                key=k,
                difficulty=p,
                difficulty_category=difficulty_category(p),
                discrimination=d,
                discrimination_category=d_category,
                negative=d_category == "buang",
                chosen={x: chosen[x] for x in letters},
                blank=chosen[None],
                unchosen=tuple(x for x in letters if x != k and not chosen[x]) if taken else (),
            )
        )
    return tuple(items)


def group_size(takers: int) -> int:
    """The size of the upper and of the lower group: 27 % of the takers, a half up, at
    least 1."""
    return max(1, (27 * takers + 50) // 100)


Group = tuple[list[int], list[int], Fraction]


def _group(totals: Sequence[int], size: int, *, upper: bool) -> Group:
    """The upper (or lower) group of `size`: the participants wholly in it, those tied at
    its edge, and the share of a place each of those tied has."""
    if not totals:
        return [], [], Fraction(0)
    edge = sorted(totals, reverse=upper)[size - 1]
    inside = [i for i, t in enumerate(totals) if (t > edge if upper else t < edge)]
    tied = [i for i, t in enumerate(totals) if t == edge]
    return inside, tied, Fraction(size - len(inside), len(tied))


def _share(marks: Sequence[bool], group: Group, size: int) -> Fraction:
    """The share of `group` who answered right (a tied participant counts by its share)."""
    inside, tied, part = group
    return (sum(marks[i] for i in inside) + part * sum(marks[i] for i in tied)) / size


def tes_awal_number(akhir: int, numbers: Sequence[int]) -> int:
    """The Tes Awal number of the Tes Akhir's question `akhir`, where `numbers` gives each
    Tes Awal question's number on the Tes Akhir (Role.tes_akhir_numbers)."""
    return numbers.index(akhir) + 1


def side_by_side(
    awal: Sequence[Item], akhir: Sequence[Item], numbers: Sequence[int]
) -> tuple[tuple[Item, Item], ...]:
    """Each Tes Awal item, in its order, with the same question's item on the Tes Akhir."""
    return tuple((item, akhir[numbers[n] - 1]) for n, item in enumerate(awal))


@dataclass(frozen=True)
class Aspect:
    number: int  # the rated aspect's column, 1-based
    count: int  # answers given (blanks skipped)
    mean: float | None
    agree: float | None  # share rated in the top two points, 3 or 4 ("setuju")


@dataclass(frozen=True)
class Evaluation:
    forms: int  # returned forms
    answers: int  # ratings given, all aspects
    mean: float | None  # over all ratings
    agree: float | None
    aspects: tuple[Aspect, ...]


def evaluation(rows: Sequence[Sequence[int | None]], aspects: int, *, top: int = 4) -> Evaluation:
    """The ratings of the returned forms, a row per form and a column per aspect, rated 1
    to `top`."""
    if any(len(row) != aspects for row in rows):
        raise ValueError(f"a form's row is not {aspects} long")
    columns = [[r for r in column if r is not None] for column in zip(*rows)] if rows else []
    columns = columns or [[] for _ in range(aspects)]
    if any(not 1 <= r <= top for column in columns for r in column):
        raise ValueError(f"a rating outside 1–{top}")
    each = tuple(_ratings(column, top, number) for number, column in enumerate(columns, 1))
    every = [r for column in columns for r in column]
    overall = _ratings(every, top)
    return Evaluation(len(rows), len(every), overall.mean, overall.agree, each)


def _ratings(ratings: Sequence[int], top: int, number: int = 0) -> Aspect:
    if not ratings:
        return Aspect(number, 0, None, None)
    agree = sum(r >= top - 1 for r in ratings) / len(ratings)
    return Aspect(number, len(ratings), sum(ratings) / len(ratings), agree)


def open_answers(texts: Iterable[str | None]) -> tuple[str, ...]:
    """The answers written to an open question, stripped, the empty ones left out."""
    return tuple(text.strip() for text in texts if text and text.strip())


@dataclass(frozen=True)
class Day:
    number: int  # the day's column, 1-based
    counts: dict[str, int]  # H, I, S, A: how many
    blank: int  # nothing written
    rate: float | None  # H / participants (None: no participants)


def attendance(rows: Sequence[Sequence[str | None]], days: int) -> tuple[Day, ...]:
    """Each day's attendance from the Kehadiran rows, a row per participant."""
    if any(len(row) != days for row in rows):
        raise ValueError(f"a participant's row is not {days} long")
    result = []
    for number, column in enumerate(zip(*rows) if rows else [()] * days, 1):
        counted = Counter(column)
        if set(counted) - {*DAY_CODES, None}:
            raise ValueError(f"day {number}: a mark outside {DAY_CODES}")
        rate = counted["H"] / len(rows) if rows else None
        result.append(Day(number, {c: counted[c] for c in DAY_CODES}, counted[None], rate))
    return tuple(result)
