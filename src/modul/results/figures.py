"""Every figure of the Laporan Pelatihan, computed by `results.scores` and written as the
report prints it (`results.numbers`: "62,5", "–" for a missing one), every category
already named in the labels: the template only places them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from modul.content.model import Edition
from modul.results import ratings, scores
from modul.results.model import Results, Test
from modul.results.numbers import angka, persen
from modul.results.summary_sheets import test_scores

# More participants than this, and the report's Lampiran points to laporan-pelatihan.xlsx
# for the list: a national programme's 10,000 names are a table to sort, not 300 pages.
PARTICIPANTS_LISTED = 200
# A Tes Akhir item still "sukar" after the workshop (P at most this) is named too.
HARD_AFTER = 0.30


def figures(results: Results, edition: Edition, labels: Mapping[str, str]) -> dict[str, Any]:
    """The report's figures, each a string as printed."""
    comma = not labels.get("lang", "id").startswith("en")
    names = [a.name for a in results.attendees]
    origins = {a.name: a.origin for a in results.attendees}
    pre, post = test_scores(results.pretest, names), test_scores(results.posttest, names)
    people = scores.participants(names, pre, post)
    tests = (scores.summary(pre.values()), scores.summary(post.values()))
    items = {
        "pretest": _items(results.pretest, labels, comma),
        "posttest": _items(results.posttest, labels, comma),
    }
    rated = ratings.ratings(results, comma)
    return {
        "people": str(len(names)),
        "days": _days(results, comma),
        "listed": len(people) <= PARTICIPANTS_LISTED,
        "participants": [
            {**_person(p, labels, comma), "origin": origins.get(p.name, "")}
            for p in people[:PARTICIPANTS_LISTED]
        ],
        "class_rows": _class_rows(tests, labels, comma),
        "class_gain": _class_gain(people, labels, comma),
        "spread": _spread(people, labels),
        "bars": _bars(tests, labels, comma),
        "items": items,
        "forms": str(len(results.forms)),
        "ratings": rated,
        "facilitators": ratings.facilitators(results, edition, comma),
        "questions": [
            ratings.answers(q, scores.open_answers(f.answers[n] for f in results.forms))
            for n, q in enumerate(results.questions)
        ],
        "scale": ", ".join(
            f"{p.skor} = {p.label.lower()}"
            for p in sorted(edition.worksheet.skala, key=lambda p: p.skor)
        ),
        "advice": _advice(items, rated, labels),
    }


def _person(p: scores.Participant, labels: Mapping[str, str], comma: bool) -> dict[str, str]:
    """A participant's row; one who fell back has no N-gain (Hake's g of a fall, −3,00
    for 91,7 → 66,7, says nothing a reader can use), the difference shows how far."""
    fell = p.category == "menurun"
    difference = None if p.pre is None or p.post is None else p.post - p.pre
    return {
        "name": p.name,
        "pre": angka(p.pre, comma=comma),
        "post": angka(p.post, comma=comma),
        "difference": ("+" if difference and difference > 0 else "")
        + angka(difference, comma=comma),
        "gain": "–" if fell else angka(p.gain, 2, comma=comma),
        "category": labels[f"report_gain_{p.category}"] if p.category else "–",
    }


def _spread(people: Sequence[scores.Participant], labels: Mapping[str, str]) -> str:
    """How many participants fall in each N-gain category, highest first ("" if none)."""
    counted = [
        (category, sum(p.category == category for p in people))
        for category in ("tinggi", "sedang", "rendah", "menurun")
    ]
    parts = [
        labels["report_people_count"]
        .replace("{category}", labels[f"report_gain_{category}"])
        .replace("{n}", str(n))
        for category, n in counted
        if n
    ]
    return labels["report_gain_spread"].replace("{spread}", ", ".join(parts)) if parts else ""


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


def _advice(
    items: Mapping[str, list[dict[str, Any]]],
    ratings: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str],
) -> list[str]:
    """Rekomendasi: an item to revise (negative D), a Tes Akhir item still hard, a session
    rated under 3 on average; each a sentence."""
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
