"""Numbers as the certificate writes them: in words ("6 (enam) JPL", Indonesian
*terbilang*), and the certificate number made from the region's pattern. Given to the
templates as filters: `{{ 6|in_words(t.lang) }}`, `{{ pattern|certificate_number(7) }}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from modul.content.certificates import certificate_number

_ONES_ID = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_ONES_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_EN = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_LARGE_ID = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))
_LARGE_EN = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
LIMIT = 10**15  # beyond this, digits only


def terbilang(number: int) -> str:
    """`number` in Indonesian words, as a cheque or a certificate writes it: 12 → "dua
    belas", 1000 → "seribu", 145 → "seratus empat puluh lima"."""
    if number < 0:
        return f"minus {terbilang(-number)}"
    if number < 12:
        return _ONES_ID[number]
    if number < 20:
        return f"{_ONES_ID[number - 10]} belas"
    if number < 100:
        tens, rest = divmod(number, 10)
        return _join(f"{_ONES_ID[tens]} puluh", rest and terbilang(rest))
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "seratus" if hundreds == 1 else f"{_ONES_ID[hundreds]} ratus"
        return _join(head, rest and terbilang(rest))
    for size, name in _LARGE_ID:
        if number >= size:
            count, rest = divmod(number, size)
            head = "seribu" if size == 1000 and count == 1 else f"{terbilang(count)} {name}"
            return _join(head, rest and terbilang(rest))
    raise AssertionError(number)  # every number is below one of the sizes or 1000


def english(number: int) -> str:
    """`number` in English words: 12 → "twelve", 145 → "one hundred forty-five"."""
    if number < 0:
        return f"minus {english(-number)}"
    if number < 20:
        return _ONES_EN[number]
    if number < 100:
        tens, rest = divmod(number, 10)
        return _TENS_EN[tens] + (f"-{_ONES_EN[rest]}" if rest else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return _join(f"{_ONES_EN[hundreds]} hundred", rest and english(rest))
    for size, name in _LARGE_EN:
        if number >= size:
            count, rest = divmod(number, size)
            return _join(f"{english(count)} {name}", rest and english(rest))
    raise AssertionError(number)


def _join(head: str, rest: str | int) -> str:
    return f"{head} {rest}" if rest else head


def in_words(number: Any, language: str = "id") -> str:
    """A whole number in the words of `language` (a labels file's `lang`, "id-ID" or
    "en"); in any other language, or past a thousand trillion, its digits."""
    if not isinstance(number, int) or isinstance(number, bool) or abs(number) >= LIMIT:
        return str(number)
    words = {"id": terbilang, "en": english}.get(re.split(r"[-_]", language)[0].lower())
    return words(number) if words else str(number)


def numbered(pattern: str, number: Any = None) -> str:
    """The certificate number `number` made from `pattern` (checked when the region was
    read), or the pattern with a blank for the number when `number` is None."""
    return certificate_number(pattern, number if isinstance(number, int) else None)


FILTERS: dict[str, Callable[..., str]] = {
    "in_words": in_words,
    "certificate_number": numbered,
}
