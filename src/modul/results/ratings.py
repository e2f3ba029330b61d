"""The Evaluasi chapter's figures: the returned forms' ratings per session, per
statement and per facilitator, and the open answers, written as the report prints them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from modul.content.model import Edition
from modul.results import scores
from modul.results.model import Results
from modul.results.numbers import angka, persen, rounded

# The open answers of a question listed at most (each the same answer once, with how many
# gave it, the most given first); the rest are counted, and all are in the workbook.
ANSWERS_LISTED = 40
# A session rated under "setuju" (3) on average is named in Rekomendasi.
LOW_MEAN = 3.0


def answers(question: str, given: Sequence[str]) -> dict[str, Any]:
    """A question's answers, the same answer (ignoring case and spacing) once with its
    count, the most given first, then in the order first given."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for answer in given:
        same = " ".join(answer.casefold().split())
        counts[same] = counts.get(same, 0) + 1
        first.setdefault(same, answer)
    ranked = sorted(counts, key=lambda same: -counts[same])  # stable: first given first
    return {
        "text": question,
        "answers": [
            {"text": first[same], "count": str(counts[same]) if counts[same] > 1 else ""}
            for same in ranked[:ANSWERS_LISTED]
        ],
        "more": str(len(ranked) - ANSWERS_LISTED) if len(ranked) > ANSWERS_LISTED else "",
    }


def ratings(results: Results, comma: bool) -> list[dict[str, Any]]:
    """The sessions' and the statements' ratings, each with the overall figure."""
    top = max(results.scale)
    parts = []
    for kind, titles, rows in (
        ("sessions", results.sessions, [f.sessions for f in results.forms]),
        ("statements", results.statements, [f.statements for f in results.forms]),
    ):
        if not titles:
            continue
        figure = scores.evaluation(rows, len(titles), top=top)
        parts.append(
            {
                "kind": kind,
                "aspects": [aspect(a, title, comma) for a, title in zip(figure.aspects, titles)],
                "overall": aspect(pooled(figure), "", comma),
            }
        )
    return parts


def aspect(figure: scores.Aspect, title: str, comma: bool) -> dict[str, Any]:
    """A rated aspect as printed; `low`: under LOW_MEAN as printed."""
    mean = figure.mean
    return {
        "title": title,
        "count": str(figure.count),
        "mean": angka(mean, 2, comma=comma),
        "agree": persen(figure.agree, comma=comma),
        "low": mean is not None and rounded(mean, 2) < Decimal(str(LOW_MEAN)),
    }


def facilitators(results: Results, edition: Edition, comma: bool) -> list[dict[str, Any]]:
    """The session ratings pooled per `pelaksana` of the rated sessions, in the order
    each first runs a session; empty when one person or team runs them all."""
    rated = [s for s in edition.workshop.sesi if s.dinilai]
    if len(rated) != len(results.sessions):
        return []
    runs: dict[str, list[int]] = {}
    for column, session in enumerate(rated):
        for name in (session.pelaksana or "").split(";"):  # "Fasilitator; narasumber PD"
            if name.strip():
                runs.setdefault(name.strip(), []).append(column)
    if len(runs) < 2:
        return []
    rows = [f.sessions for f in results.forms]
    top = max(results.scale)
    return [
        {
            "name": name,
            "sessions": ", ".join(str(c + 1) for c in columns),
            **aspect(
                pooled(
                    scores.evaluation(
                        [[r[c] for c in columns] for r in rows], len(columns), top=top
                    )
                ),
                name,
                comma,
            ),
        }
        for name, columns in runs.items()
    ]


def pooled(figure: scores.Evaluation) -> scores.Aspect:
    return scores.Aspect(0, figure.answers, figure.mean, figure.agree)
