"""The report's figures written the Indonesian way (EYD V), rounded half up, and the
categories read from the printed figure at their band edges."""

from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modul.results.numbers import (
    angka,
    difficulty_category,
    discrimination_category,
    gain_category,
    persen,
    rounded,
)


@pytest.mark.parametrize(
    ("value", "places", "written"),
    [
        (62.5, 1, "62,5"),
        (62.25, 1, "62,3"),  # a half up; f"{62.25:.1f}" gives 62.2 (half to even)
        (0.125, 2, "0,13"),  # likewise 0.12 with format()
        (2.675, 2, "2,68"),  # binary 2.67499999…, format() gives 2.67
        (0.30499999999999994, 2, "0,31"),  # 0.305 after arithmetic's binary noise
        (0.3049, 2, "0,30"),  # a true figure below the half stays below
        (0.45, 2, "0,45"),
        (100.0, 1, "100,0"),
        (0.0, 2, "0,00"),
        (10000.0, 1, "10.000,0"),
        (1234567.25, 1, "1.234.567,3"),
        (999.95, 1, "1.000,0"),  # the half carries into the thousands
        (-0.25, 2, "−0,25"),  # the minus sign U+2212
        (-0.001, 2, "0,00"),  # no "−0,00"
        (-0.005, 2, "−0,01"),  # a half rounds away from zero
        (0.5, 0, "1"),
        (2.5, 0, "3"),  # round() gives 2
    ],
)
def test_figures_are_written_with_a_comma_and_rounded_half_up(value, places, written):
    assert angka(value, places) == written


def test_whole_numbers_thousands_missing_figures_and_percentages():
    assert angka(10000) == "10.000"
    assert angka(7) == "7"  # a count, whatever `places`
    assert angka(1_048_576, 2) == "1.048.576"
    assert angka(None) == "–"
    assert angka(None, 2) == "–"
    assert persen(0.875) == "87,5%"
    assert persen(1 / 3) == "33,3%"
    assert persen(0.0305) == "3,1%"  # 3.0500000000000003 after × 100, rounded from 3.05
    assert persen(1.0, 0) == "100%"
    assert persen(None) == "–"


def test_an_english_report_writes_the_english_way():
    assert angka(10000.5, comma=False) == "10,000.5"
    assert angka(-0.25, 2, comma=False) == "−0.25"
    assert persen(0.875, comma=False) == "87.5%"


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**6), st.integers(0, 2))
def test_rounding_matches_exact_arithmetic(numerator, denominator, places):
    # The reference: |a/b| × 10^places + ½, floored, with the sign put back (half away
    # from zero), computed on the exact fraction.
    exact = Fraction(numerator, denominator)
    scaled = floor(abs(exact) * 10**places + Fraction(1, 2))
    expected = Fraction(scaled, 10**places) * (1 if exact >= 0 else -1)
    assert Fraction(rounded(numerator / denominator, places)) == expected


@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 2))
def test_a_written_figure_reads_back_within_half_a_unit(value, places):
    written = angka(value, places)
    back = float(written.replace(".", "").replace(",", ".").replace("−", "-"))
    assert abs(back - value) <= 0.5 * 10**-places + 1e-6
    assert written.count(",") == (1 if places else 0)
    whole = written.lstrip("−").split(",")[0]
    assert all(len(group) == 3 for group in whole.split(".")[1:])  # 1.234.567


@pytest.mark.parametrize(
    ("g", "category"),
    [
        (-1.0, "menurun"),
        (-0.004, "rendah"),  # printed 0,00: no fall shown
        (0.0, "rendah"),
        (0.29, "rendah"),
        (0.2949, "rendah"),  # printed 0,29
        (0.2999, "sedang"),  # printed 0,30: the category follows the printed figure
        (0.3, "sedang"),  # 0,3 exactly is sedang
        (0.69, "sedang"),
        (0.6949, "sedang"),
        (0.695, "tinggi"),  # printed 0,70
        (0.7, "tinggi"),  # 0,7 is tinggi
        (1.0, "tinggi"),
        (None, None),
    ],
)
def test_gain_categories_at_their_edges(g, category):
    assert gain_category(g) == category


@pytest.mark.parametrize(
    ("p", "category"),
    [
        (0.0, "sukar"),
        (0.3, "sukar"),  # 0,30 sukar
        (0.304, "sukar"),
        (0.305, "sedang"),  # printed 0,31
        (0.31, "sedang"),  # 0,31 sedang
        (0.7, "sedang"),
        (0.71, "mudah"),
        (1.0, "mudah"),
        (None, None),
    ],
)
def test_difficulty_categories_at_their_edges(p, category):
    assert difficulty_category(p) == category


@pytest.mark.parametrize(
    ("d", "category"),
    [
        (1.0, "baik_sekali"),
        (0.4, "baik_sekali"),
        (0.395, "baik_sekali"),  # printed 0,40
        (0.39, "baik"),
        (0.3, "baik"),
        (0.29, "cukup"),
        (0.2, "cukup"),
        (0.19, "jelek"),
        (0.0, "jelek"),
        (-0.004, "jelek"),  # printed 0,00: not negative as printed
        (-0.01, "buang"),
        (-1.0, "buang"),
        (None, None),
    ],
)
def test_discrimination_categories_at_their_edges(d, category):
    assert discrimination_category(d) == category
