"""Derived values of the model that the documents print."""

from __future__ import annotations

import pytest

from modul.content.plans import ScalePoint, ScoreBand, WorksheetPart, WorksheetPlan

SCALE = [
    ScalePoint(singkatan=s, label=s, skor=n)
    for s, n in [("SS", 4), ("S", 3), ("TS", 2), ("STS", 1)]
]
BANDS = [ScoreBand(rata_rata_minimal=m, judul=f"band {m}", arti="…") for m in (1.0, 2.5, 3.25)]
PART = WorksheetPart(
    id="lk", kode="LK-1", judul="x", jenis="apakah_saya_cocok", tujuan="x", petunjuk=["x"], menit=5
)


def plan() -> WorksheetPlan:
    return WorksheetPlan(bagian=[PART], skala=SCALE, pedoman_skor=BANDS)


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (10, [(10, 24), (25, 32), (33, 40)]),
        (9, [(9, 22), (23, 29), (30, 36)]),
        (4, [(4, 9), (10, 12), (13, 16)]),
    ],
)
def test_score_ranges_cover_every_total_without_gaps(statements, expected):
    ranges = plan().score_ranges(statements)
    assert [(r.low, r.high) for r in ranges] == expected
    assert ranges[0].low == statements  # everyone answering "1" lands in the first band
    assert ranges[-1].high == 4 * statements
    assert all(a.high + 1 == b.low for a, b in zip(ranges, ranges[1:]))


def test_reversed_scale_mirrors_scores_in_print_order():
    assert [(p.singkatan, p.skor) for p in plan().reversed_scale] == [
        ("SS", 1),
        ("S", 2),
        ("TS", 3),
        ("STS", 4),
    ]


def test_agenda_counts_minutes_from_the_opening(built):
    from modul.content.loading import load_project

    workshop = load_project(built).national.workshop
    rows = workshop.agenda
    assert rows[0].start == 0
    assert all(a.end == b.start for a, b in zip(rows, rows[1:]))
    assert rows[-1].end == workshop.total_menit
