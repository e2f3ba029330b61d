"""The Laporan Pelatihan's figures against figures worked out by hand (the arithmetic in the
comments) and, for random workbooks, against their definitions computed another way."""

from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modul.results.numbers import angka
from modul.results.scores import (
    Aspect,
    ClassGain,
    Day,
    Evaluation,
    Participant,
    Summary,
    attendance,
    class_gain,
    evaluation,
    gain,
    group_size,
    item_analysis,
    open_answers,
    participants,
    score,
    side_by_side,
    summary,
    tes_awal_number,
)

KEY = "abcd"


def test_a_score_is_the_share_right_and_an_absent_participant_has_none():
    assert score(list("abcd"), KEY) == 100.0
    assert score(["a", "b", None, "a"], KEY) == 50.0  # 2 of 4; the blank is wrong
    assert score(list("dcba"), KEY) == 0.0  # took it, none right: 0, not absent
    assert score([None] * 4, KEY) is None  # took nothing: absent
    assert score(None, KEY) is None
    assert angka(score(list("abcdaaaaaaaaaaa"), "abcdbbbbbbbbbbb")) == "26,7"  # 4/15 × 100
    with pytest.raises(ValueError):
        score(["a", "b"], KEY)


def test_the_normalized_gain():
    assert gain(40, 70) == 0.5  # (70 − 40) / (100 − 40) = 30/60
    assert gain(50, 65) == 0.3  # 15/50
    assert gain(80, 60) == -1.0  # −20/20: fell back
    assert gain(0, 0) == 0.0  # no gain, still a figure
    assert gain(0, 100) == 1.0
    assert gain(100, 100) is None  # nothing left to gain: undefined
    assert gain(100, 90) is None
    assert gain(None, 70) is None
    assert gain(40, None) is None


def test_participants_missing_from_a_test_are_absent_not_zero():
    people = participants(["Ani", "Budi", "Citra"], {"Ani": 40.0, "Budi": 0.0}, {"Ani": 70.0})
    assert people == (
        Participant("Ani", 40.0, 70.0, 0.5, "sedang"),
        Participant("Budi", 0.0, None, None, None),
        Participant("Citra", None, None, None, None),
    )


def test_a_tests_class_figures():
    # 40, 50, 60, 80 took it: mean 230/4 = 57,5; median (50 + 60)/2 = 55
    assert summary([40.0, 60.0, None, 80.0, 50.0]) == Summary(4, 57.5, 55.0, 40.0, 80.0)
    assert summary([10.0, 30.0, 20.0]).median == 20.0  # an odd count: the middle one
    assert summary([70.0]) == Summary(1, 70.0, 70.0, 70.0, 70.0)
    assert summary([None, None]) == Summary(0, None, None, None, None)
    assert summary([]) == Summary(0, None, None, None, None)


def test_the_class_gain_is_over_those_who_took_both_tests():
    people = participants(
        "ABCD",
        {"A": 40.0, "B": 60.0, "C": 20.0},
        {"A": 70.0, "B": 90.0, "D": 100.0},
    )
    # A and B took both: means 50 and 80, g = (80 − 50)/(100 − 50) = 0,6, sedang. (All
    # who took each test would give 40 and 86,7: g = 46,7/60 = 0,78, tinggi.)
    assert class_gain(people) == ClassGain(2, 50.0, 80.0, 0.6, "sedang")
    assert class_gain(participants("A", {"A": 50.0}, {"A": 65.0})).category == "sedang"  # 0,3
    assert class_gain(participants("A", {"A": 0.0}, {"A": 70.0})).category == "tinggi"  # 0,7
    assert class_gain(participants("A", {"A": 100.0}, {"A": 100.0})).gain is None
    assert class_gain(participants("A", {"A": 50.0}, {})) == ClassGain(0, None, None, None, None)


def test_group_sizes_are_27_percent_a_half_up():
    assert [group_size(n) for n in (1, 2, 3, 9, 10, 50, 150, 10000)] == [
        1,  # 0,27 → at least 1
        1,  # 0,54
        1,  # 0,81
        2,  # 2,43
        3,  # 2,7
        14,  # 13,5 → 14
        41,  # 40,5 → 41 (round() gives 40)
        2700,
    ]


# Ten took the test (Joko's row is empty); key a, b, c.
TIES = [
    list("abc"),  # Ani     3
    list("abc"),  # Budi    3
    list("abd"),  # Citra   2
    list("acc"),  # Dedi    2
    list("bbc"),  # Eka     2
    list("ada"),  # Fajar   1
    list("cbb"),  # Gita    1
    list("daa"),  # Hadi    0
    [None, "b", None],  # Intan 1
    [None, None, None],  # Joko: absent
    list("bcd"),  # Kiki    0
]


def test_item_analysis_worked_by_hand_with_ties_at_both_edges():
    # n = 10, groups of round(2,7) = 3. Upper: Ani, Budi (3) and a third each of Citra,
    # Dedi, Eka (tied at 2 for the one place left). Lower: Hadi, Kiki (0) and a third
    # each of Fajar, Gita, Intan (tied at 1).
    one, two, three = item_analysis(TIES, "abc")
    # Item 1 (a): right Ani Budi Citra Dedi Fajar: P = 5/10. Upper (2 + ⅓·2)/3 = 8/9,
    # lower (0 + ⅓·1)/3 = 1/9: D = 7/9.
    assert one.difficulty == 0.5 and one.difficulty_category == "sedang"
    assert one.discrimination == pytest.approx(7 / 9)
    assert angka(one.discrimination, 2) == "0,78" and one.discrimination_category == "baik_sekali"
    assert one.chosen == {"a": 5, "b": 2, "c": 1, "d": 1} and one.blank == 1
    assert one.unchosen == () and not one.negative
    # Item 2 (b): right Ani Budi Citra Eka Gita Intan: P = 0,6. Upper (2 + ⅓·2)/3 = 8/9,
    # lower (0 + ⅓·2)/3 = 2/9: D = 6/9.
    assert two.difficulty == 0.6
    assert two.discrimination == pytest.approx(2 / 3)
    assert two.chosen == {"a": 1, "b": 6, "c": 2, "d": 1} and two.blank == 0
    # Item 3 (c): right Ani Budi Dedi Eka: P = 0,4. Upper 8/9, lower 0: D = 8/9.
    assert three.difficulty == 0.4
    assert three.discrimination == pytest.approx(8 / 9)
    assert three.chosen == {"a": 2, "b": 1, "c": 4, "d": 2} and three.blank == 1
    assert [item.number for item in (one, two, three)] == [1, 2, 3]
    assert [item.key for item in (one, two, three)] == ["a", "b", "c"]


def test_item_analysis_does_not_depend_on_the_row_order():
    assert item_analysis(TIES[::-1], "abc") == item_analysis(TIES, "abc")


def test_negative_discrimination_is_flagged_and_unused_distractors_found():
    rows = [list("baaa"), list("baab"), list("aabb"), list("abbb")]  # totals 3, 2, 2, 1
    # Groups of 1: upper the first (3), lower the last (1). Item 1: the upper has it
    # wrong, the lower right: D = 0 − 1 = −1. Items 2–4: 1 − 0 = 1.
    items = item_analysis(rows, "aaaa")
    assert items[0].discrimination == -1.0
    assert items[0].negative and items[0].discrimination_category == "buang"
    assert [item.negative for item in items[1:]] == [False, False, False]
    assert items[0].difficulty == 0.5  # 2 of 4
    assert items[0].unchosen == ("c", "d")  # a and b chosen twice each
    # Item 1 has three choices: only c went unchosen, and a d is not one of its letters.
    assert item_analysis(rows, "aaaa", [3, 4, 4, 4])[0].unchosen == ("c",)
    assert item_analysis(rows, "aaaa", [3, 4, 4, 4])[0].chosen == {"a": 2, "b": 2, "c": 0}
    with pytest.raises(ValueError):
        item_analysis([list("daaa")], "aaaa", [3, 4, 4, 4])


def test_all_right_one_participant_and_nobody():
    (everyone,) = item_analysis([["a"], ["a"], ["a"]], "a")
    assert everyone.difficulty == 1.0 and everyone.difficulty_category == "mudah"
    assert everyone.discrimination == 0.0 and everyone.discrimination_category == "jelek"
    assert everyone.unchosen == ("b", "c", "d")
    (alone,) = item_analysis([["b"], None], "a")
    assert alone.difficulty == 0.0 and alone.difficulty_category == "sukar"
    assert alone.discrimination is None and alone.discrimination_category is None
    (nobody,) = item_analysis([[None], None], "a")
    assert nobody.difficulty is None and nobody.discrimination is None
    assert nobody.chosen == {"a": 0, "b": 0, "c": 0, "d": 0} and nobody.unchosen == ()
    assert item_analysis([], "ab")[1].number == 2


def test_tes_akhir_items_beside_their_tes_awal_questions():
    numbers = [3, 1, 2]  # Tes Awal 1 is Tes Akhir 3, 2 is 1, 3 is 2
    assert [tes_awal_number(n, numbers) for n in (1, 2, 3)] == [2, 3, 1]
    awal = item_analysis([list("abc")], "abc")
    akhir = item_analysis([list("cab")], "cab")
    pairs = side_by_side(awal, akhir, numbers)
    assert [(a.number, b.number) for a, b in pairs] == [(1, 3), (2, 1), (3, 2)]


@given(st.permutations(range(1, 16)))
def test_tes_awal_number_undoes_tes_akhir_numbers(numbers):
    assert [tes_awal_number(numbers[n], numbers) for n in range(15)] == list(range(1, 16))


answer = st.sampled_from(["a", "b", "c", "d", None])


@st.composite
def workbooks(draw, most=30):
    items = draw(st.integers(1, 5))
    key = draw(st.lists(st.sampled_from("abcd"), min_size=items, max_size=items))
    row = st.lists(answer, min_size=items, max_size=items)
    rows = draw(st.lists(st.one_of(st.none(), row), max_size=most))
    return rows, key


@settings(max_examples=150)
@given(workbooks())
def test_random_workbooks_keep_the_figures_in_range_and_the_counts_whole(workbook):
    rows, key = workbook
    taken = [r for r in rows if r is not None and any(a is not None for a in r)]
    for item in item_analysis(rows, key):
        assert sum(item.chosen.values()) + item.blank == len(taken)
        if taken:
            assert item.difficulty == item.chosen[item.key] / len(taken)
            assert 0 <= item.difficulty <= 1
        if len(taken) > 1:
            assert -1 <= item.discrimination <= 1
            assert item.negative == (angka(item.discrimination, 2).startswith("−"))
    for row in rows:
        s = score(row, key)
        assert s is None if row is None or row == [None] * len(key) else 0 <= s <= 100


@settings(max_examples=60, deadline=None)
@given(workbooks(most=6))
def test_ties_shared_equal_the_mean_over_every_order_of_the_rows(workbook):
    # D by the plain rule (sort by total, a tie keeps its row order, the first k upper,
    # the last k lower), averaged over every order of the rows.
    rows, key = workbook
    taken = [r for r in rows if r is not None and any(a is not None for a in r)]
    if len(taken) < 2:
        return
    k = group_size(len(taken))
    orders = list(permutations(taken))
    for number, item in enumerate(item_analysis(rows, key)):
        total = Fraction(0)
        for order in orders:
            ranked = sorted(order, key=lambda r: -sum(a == b for a, b in zip(r, key)))
            right = [r[number] == key[number] for r in ranked]
            total += Fraction(sum(right[:k]) - sum(right[-k:]), k)
        assert item.discrimination == pytest.approx(float(total / len(orders)), abs=1e-12)


@given(st.floats(0, 100), st.floats(0, 100))
def test_a_gain_is_at_most_one(pre, post):
    g = gain(pre, post)
    assert (g is None) == (pre == 100)
    assert g is None or g <= 1


@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), max_size=50))
def test_class_figures_lie_between_the_lowest_and_the_highest(scores):
    result = summary(scores)
    assert result.count == sum(s is not None for s in scores)
    if result.count:
        assert result.lowest <= result.median <= result.highest
        assert result.lowest - 1e-9 <= result.mean <= result.highest + 1e-9


def test_evaluation_worked_by_hand():
    forms = [[4, 3, None], [3, 2, None], [2, None, None], [4, 4, None]]
    # Aspect 1: 4 3 2 4, mean 13/4, 3 of 4 rated 3 or 4. Aspect 2: 3 2 4, mean 9/3,
    # 2 of 3. Aspect 3: none. Overall, each answer once: 22/7 and 5/7 (the mean of the
    # aspects' means would be 3,125).
    assert evaluation(forms, 3) == Evaluation(
        forms=4,
        answers=7,
        mean=22 / 7,
        agree=5 / 7,
        aspects=(Aspect(1, 4, 3.25, 0.75), Aspect(2, 3, 3.0, 2 / 3), Aspect(3, 0, None, None)),
    )
    nothing = (Aspect(1, 0, None, None), Aspect(2, 0, None, None))
    assert evaluation([], 2) == Evaluation(0, 0, None, None, nothing)
    assert evaluation([[4], [3]], 1, top=5).agree == 0.5  # on 1–5, "setuju" is 4 or 5
    for bad in ([[5]], [[0]], [[1, 2]]):
        with pytest.raises(ValueError):
            evaluation(bad, 1)


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=3, max_size=3)))
def test_evaluation_counts_add_up(forms):
    result = evaluation(forms, 3)
    assert sum(aspect.count for aspect in result.aspects) == result.answers
    for figure in (result, *result.aspects):
        assert figure.mean is None or 1 <= figure.mean <= 4
        assert figure.agree is None or 0 <= figure.agree <= 1


def test_open_answers_are_listed_stripped_without_empty_ones():
    texts = ["  Materinya jelas. ", None, "", "   ", "Waktu praktik kurang"]
    assert open_answers(texts) == ("Materinya jelas.", "Waktu praktik kurang")


def test_attendance_per_day():
    rows = [["H", "H"], ["H", "I"], ["S", None], ["A", "A"]]
    # Day 1: H 2, S 1, A 1, rate 2/4. Day 2: H 1, I 1, A 1, one blank, rate 1/4.
    assert attendance(rows, 2) == (
        Day(1, {"H": 2, "I": 0, "S": 1, "A": 1}, 0, 0.5),
        Day(2, {"H": 1, "I": 1, "S": 0, "A": 1}, 1, 0.25),
    )
    assert attendance([], 1) == (Day(1, {"H": 0, "I": 0, "S": 0, "A": 0}, 0, None),)
    with pytest.raises(ValueError):
        attendance([["X"]], 1)


@given(st.lists(st.lists(st.sampled_from(["H", "I", "S", "A", None]), min_size=2, max_size=2)))
def test_attendance_counts_add_up(rows):
    for day in attendance(rows, 2):
        assert sum(day.counts.values()) + day.blank == len(rows)
        assert day.rate is None if not rows else 0 <= day.rate <= 1
