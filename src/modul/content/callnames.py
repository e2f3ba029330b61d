"""The call name printed large on a name tag: the name a participant is called by."""

from __future__ import annotations

CALL = "panggilan"  # the list's column of call names, where not the name's first word
# Words before a name that are no part of the call name (compared without dots, any case):
# academic, religious and courtesy titles. A word ending in "." is one too ("M. Yusuf").
TITLES = frozenset(
    {"dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "pdt", "ns", "romo", "sr"}
    | {"bpk", "bapak", "ibu", "bu", "pak", "sdr", "sdri", "ni", "i"}  # Ni/I: Balinese
)


def call_name(name: str) -> str:
    """The name a participant is called by: the first word that is not a title
    ("Dr. Ir. Hj. Maria Goreti Nggadas Kewa, M.Si." → "Maria"), else the first word."""
    words = [w.strip(",;") for w in name.split()]
    for word in words:
        if word and not word.endswith(".") and word.replace(".", "").lower() not in TITLES:
            return word
    return words[0] if words else ""
