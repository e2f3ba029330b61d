"""Figures as an Indonesian report prints and names them (EYD V): a decimal comma, a
period between thousands, a half rounded up, a dash for a missing figure.

    angka(62.5) == "62,5"        angka(0.305, 2) == "0,31"     angka(10000) == "10.000"
    angka(-0.25, 2) == "−0,25"   angka(None) == "–"            persen(0.875) == "87,5%"

Rounding is half up (0,125 → 0,13), as people round by hand and as Excel's ROUND does;
Python's round() and format() round a half to even and work on the binary value, so
f"{0.125:.2f}" gives 0.12 and f"{2.675:.2f}" gives 2.67. A figure is first cut to ten
decimals (`NOISE`), which washes out the binary noise of arithmetic (0.30499999999999994
for 0.305), then rounded half up. That first cut never moves a true figure across a
rounding boundary: scores, means, gains and P are fractions whose denominators are at
most participants × items (1.5 million for 100,000 × 15), so one that is not on a
boundary lies at least 3·10⁻⁹ from it, while the noise is about 10⁻¹³. (D with ties
shared at its group boundary, and a mean of means, could in principle come closer; such a
figure within 10⁻¹⁰ of a half is printed as that half, rounded up.)

The categories of gain, difficulty and discrimination are read from the figure as
printed, rounded half up to two decimals: the bands 0,30 | 0,31 then leave no gap, and a
printed 0,30 is never called "rendah". Their values are the keys the report's labels are
looked up by (baik_sekali is "baik sekali").

modul.i18n.decimal() writes numbers in the trainer's language for messages; the report is
written in the region's language and must round half up, hence its own function here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

NOISE = Decimal("1E-10")
MISSING = "–"  # an en dash, as a table prints "no figure"
MINUS = "−"  # U+2212, the minus sign (the hyphen is shorter and sits lower)


def rounded(value: float, places: int) -> Decimal:
    """`value` rounded half up to `places` decimals (see the module's doc)."""
    exact = Decimal(repr(value)).quantize(NOISE, rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def angka(value: float | None, places: int = 1, *, comma: bool = True) -> str:
    """`value` written with `places` decimals (a whole number, an int, without any), a
    comma before the decimals and a period between thousands; "–" for None. With
    `comma=False` it is written the English way (10,000.5) for a report in English."""
    if value is None:
        return MISSING
    if isinstance(value, int):
        figure = Decimal(value)
        places = 0
    else:
        figure = rounded(value, places)
    text = f"{abs(figure):,.{places}f}"
    if comma:
        text = text.translate(str.maketrans(",.", ".,"))
    return MINUS + text if figure < 0 else text


def persen(share: float | None, places: int = 1, *, comma: bool = True) -> str:
    """A share (0–1) as a percentage, the sign written straight after the figure as EYD
    V writes it: 0.875 → "87,5%"; "–" for None."""
    if share is None:
        return MISSING
    return angka(share * 100, places, comma=comma) + "%"


GainCategory = Literal["menurun", "rendah", "sedang", "tinggi"]
DifficultyCategory = Literal["sukar", "sedang", "mudah"]
DiscriminationCategory = Literal["baik_sekali", "baik", "cukup", "jelek", "buang"]


def gain_category(g: float | None) -> GainCategory | None:
    """Hake's bands: g ≥ 0,7 tinggi, 0,3 ≤ g < 0,7 sedang, 0 ≤ g < 0,3 rendah; below 0 the
    Tes Akhir fell under the Tes Awal: menurun (not a small gain; the report prints no g)."""
    if g is None:
        return None
    shown = rounded(g, 2)
    if shown < 0:
        return "menurun"
    return (
        "tinggi" if shown >= Decimal("0.7") else "sedang" if shown >= Decimal("0.3") else "rendah"
    )


def difficulty_category(p: float | None) -> DifficultyCategory | None:
    """P 0,00–0,30 sukar, 0,31–0,70 sedang, 0,71–1,00 mudah."""
    if p is None:
        return None
    shown = rounded(p, 2)
    return "sukar" if shown <= Decimal("0.3") else "sedang" if shown <= Decimal("0.7") else "mudah"


def discrimination_category(d: float | None) -> DiscriminationCategory | None:
    """D ≥ 0,40 baik sekali, 0,30–0,39 baik, 0,20–0,29 cukup, 0,00–0,19 jelek, below
    0,00 buang."""
    if d is None:
        return None
    shown = rounded(d, 2)
    for floor, category in DISCRIMINATION_BANDS:
        if shown >= floor:
            return category
    return "buang"


DISCRIMINATION_BANDS: tuple[tuple[Decimal, DiscriminationCategory], ...] = (
    (Decimal("0.4"), "baik_sekali"),
    (Decimal("0.3"), "baik"),
    (Decimal("0.2"), "cukup"),
    (Decimal("0"), "jelek"),
)
