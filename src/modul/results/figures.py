"""Every figure of the Laporan Pelatihan, computed by `results.scores` and written as the
report prints it (`results.numbers`: "62,5", "–" for a missing one), every category
already named in the labels: the template only places them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from modul.content.model import Edition
from modul.results import scores
from modul.results.model import Results, Test
from modul.results.numbers import angka, persen

# More participants than this, and the report's Lampiran points to laporan-pelatihan.xlsx
# for the list: a national programme's 10,000 names are a table to sort, not 300 pages.
PARTICIPANTS_LISTED = 200
# The open answers of a question listed at most (each the same answer once, with how many
# gave it, the most given first); the rest are counted, and all are in the workbook.
ANSWERS_LISTED = 40
# A session fewer than half of the returned forms agree with is named in Rekomendasi.
AGREE_AT_LEAST = 0.5
# A Tes Akhir item still "sukar" after the workshop (P at most this) is named too.
HARD_AFTER = 0.30


def figures(results: Results, edition: Edition, labels: Mapping[str, str]) -> dict[str, Any]:
    """The report's figures, each a string as printed."""
    comma = not labels.get("lang", "id").startswith("en")
    names = [a.name for a in results.attendees]
    pre, post = _scores(results.pretest, names), _scores(results.posttest, names)
    people = scores.participants(names, pre, post)
    tests = (scores.summary(pre.values()), scores.summary(post.values()))
    items = {
        "pretest": _items(results.pretest, labels, comma),
        "posttest": _items(results.posttest, labels, comma),
    }
    ratings = _ratings(results, labels, comma)
    return {
        "people": str(len(names)),
        "days": _days(results, comma),
        "listed": len(people) <= PARTICIPANTS_LISTED,
        "participants": [_person(p, labels, comma) for p in people[:PARTICIPANTS_LISTED]],
        "class_rows": _class_rows(tests, labels, comma),
        "class_gain": _class_gain(people, labels, comma),
        "bars": _bars(tests, labels, comma),
        "items": items,
        "forms": str(len(results.forms)),
        "ratings": ratings,
        "facilitators": _facilitators(results, edition, comma),
        "questions": [
            _answers(q, scores.open_answers(f.answers[n] for f in results.forms))
            for n, q in enumerate(results.questions)
        ],
        "advice": _advice(items, ratings, labels),
    }


def _answers(question: str, answers: Sequence[str]) -> dict[str, Any]:
    """A question's answers, the same answer (ignoring case and spacing) once with its
    count, the most given first, then in the order first given."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for answer in answers:
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


def _scores(test: Test, names: Sequence[str]) -> dict[str, float | None]:
    found = {name: test.of(name) for name in names}
    return {name: scores.score(row.answers, test.key) for name, row in found.items() if row}


def _person(p: scores.Participant, labels: Mapping[str, str], comma: bool) -> dict[str, str]:
    return {
        "name": p.name,
        "pre": angka(p.pre, comma=comma),
        "post": angka(p.post, comma=comma),
        "gain": angka(p.gain, 2, comma=comma),
        "category": labels[f"report_gain_{p.category}"] if p.category else "–",
    }


def _days(results: Results, comma: bool) -> list[dict[str, Any]]:
    rows = [a.days for a in results.attendees]
    return [
        {
            "name": results.days[day.number - 1],
            "counts": [*(str(day.counts[c]) for c in scores.DAY_CODES), str(day.blank)],
            "rate": persen(day.rate, comma=comma),
        }
        for day in scores.attendance(rows, len(results.days))
    ]


def _class_rows(
    tests: tuple[scores.Summary, scores.Summary], labels: Mapping[str, str], comma: bool
) -> list[dict[str, str]]:
    before, after = tests
    rows = [{"label": labels["report_takers"], "pre": str(before.count), "post": str(after.count)}]
    for key, field in (
        ("report_mean", "mean"),
        ("report_median", "median"),
        ("report_lowest", "lowest"),
        ("report_highest", "highest"),
    ):
        a, b = getattr(before, field), getattr(after, field)
        rows.append(
            {"label": labels[key], "pre": angka(a, comma=comma), "post": angka(b, comma=comma)}
        )
    return rows


def _bars(
    tests: tuple[scores.Summary, scores.Summary], labels: Mapping[str, str], comma: bool
) -> list[dict[str, str]]:
    """The class means of the two tests, as the chart's bars (a test no one took: none)."""
    means = (tests[0].mean, tests[1].mean)
    return [
        {"label": labels[key], "value": f"{mean:.4f}", "text": angka(mean, comma=comma)}
        for key, mean in zip(("report_pretest", "report_posttest"), means)
        if mean is not None
    ]


def _class_gain(
    people: Sequence[scores.Participant], labels: Mapping[str, str], comma: bool
) -> str:
    figure = scores.class_gain(people)
    if figure.gain is None or figure.category is None:
        return labels["report_no_class_gain"]
    return (
        labels["report_class_gain"]
        .replace("{gain}", angka(figure.gain, 2, comma=comma))
        .replace("{category}", labels[f"report_gain_{figure.category}"])
        .replace("{n}", str(figure.matched))
        .replace("{pre}", angka(figure.pre, comma=comma))
        .replace("{post}", angka(figure.post, comma=comma))
    )


def _items(test: Test, labels: Mapping[str, str], comma: bool) -> list[dict[str, Any]]:
    """Each item as printed on its test, with the Tes Awal's number of the same question
    and how many chose each letter ("" past an item's last choice)."""
    rows = [row.answers for row in test.rows]
    items = scores.item_analysis(rows, test.key, test.choices or None)
    return [
        {
            "number": str(item.number),
            "pretest_number": str(test.items[item.number - 1]),
            "key": item.key,
            "chosen": [str(item.chosen[x]) if x in item.chosen else "" for x in scores.LETTERS],
            "blank": str(item.blank),
            "p": angka(item.difficulty, 2, comma=comma),
            "p_category": _named(labels, "report_p_", item.difficulty_category),
            "d": angka(item.discrimination, 2, comma=comma),
            "d_category": _named(labels, "report_d_", item.discrimination_category),
            "flagged": item.negative,
            "hard": item.difficulty is not None and item.difficulty <= HARD_AFTER,
        }
        for item in items
    ]


def _named(labels: Mapping[str, str], prefix: str, category: str | None) -> str:
    return labels[prefix + category] if category else "–"


def _ratings(results: Results, labels: Mapping[str, str], comma: bool) -> list[dict[str, Any]]:
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
                "aspects": [_aspect(a, title, comma) for a, title in zip(figure.aspects, titles)],
                "overall": _aspect(_pooled(figure), "", comma),
            }
        )
    return parts


def _aspect(aspect: scores.Aspect, title: str, comma: bool) -> dict[str, Any]:
    return {
        "title": title,
        "count": str(aspect.count),
        "mean": angka(aspect.mean, 2, comma=comma),
        "agree": persen(aspect.agree, comma=comma),
        "low": aspect.agree is not None and aspect.agree < AGREE_AT_LEAST,
    }


def _facilitators(results: Results, edition: Edition, comma: bool) -> list[dict[str, Any]]:
    """The session ratings pooled per `pelaksana` of the rated sessions, in the order
    each first runs a session; empty when one person or team runs them all."""
    rated = [s for s in edition.workshop.sesi if s.dinilai]
    if len(rated) != len(results.sessions):
        return []
    runs: dict[str, list[int]] = {}
    for column, session in enumerate(rated):
        if session.pelaksana:
            runs.setdefault(session.pelaksana, []).append(column)
    if len(runs) < 2:
        return []
    rows = [f.sessions for f in results.forms]
    top = max(results.scale)
    return [
        {
            "name": name,
            "sessions": ", ".join(str(c + 1) for c in columns),
            **_aspect(
                _pooled(
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


def _pooled(figure: scores.Evaluation) -> scores.Aspect:
    return scores.Aspect(0, figure.answers, figure.mean, figure.agree)


def _advice(
    items: Mapping[str, list[dict[str, Any]]],
    ratings: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str],
) -> list[str]:
    """Rekomendasi: an item to revise (negative D), a Tes Akhir item still hard, a session
    fewer than half agree with; each a sentence."""
    advice = [
        labels["report_negative_item"]
        .replace("{test}", labels[f"report_{test}"])
        .replace("{n}", item["number"])
        .replace("{d}", item["d"])
        for test in ("pretest", "posttest")
        for item in items[test]
        if item["flagged"]
    ]
    advice += [
        labels["report_hard_item"].replace("{n}", item["number"]).replace("{p}", item["p"])
        for item in items["posttest"]
        if item["hard"]
    ]
    advice += [
        labels["report_low_session"]
        .replace("{title}", aspect["title"])
        .replace("{mean}", aspect["mean"])
        .replace("{agree}", aspect["agree"])
        for part in ratings
        if part["kind"] == "sessions"
        for aspect in part["aspects"]
        if aspect["low"]
    ]
    return advice
