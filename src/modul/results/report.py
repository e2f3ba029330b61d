"""The Laporan Pelatihan: the figures of a read results workbook (`results.scores`),
written as the report prints them (`results.numbers`), put through the theme's
`report.xml.j2` and typeset as the kit's documents are, into
build/<edition>/<role>/laporan-pelatihan.pdf. Written atomically: a report that fails
leaves the previous one in place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from modul.content.model import Edition
from modul.errors import relative
from modul.folders import Folders
from modul.layout import markup, sandbox, templates
from modul.layout.documents import edition_theme, search_path, template_context
from modul.layout.labels import load_labels
from modul.output import write_atomic
from modul.results import scores
from modul.results.model import Results, Test
from modul.results.numbers import angka, persen
from modul.typeset.render import render_document

REPORT = "laporan-pelatihan.pdf"
TEMPLATE = "report.xml.j2"


def report_path(root: Path, results: Results) -> Path:
    return Folders(root).output(results.edition, results.role, REPORT)


def write_report(root: Path, edition: Edition, results: Results) -> Path:
    """Typeset the Laporan Pelatihan of `results` and write it in place of the last one."""
    labels = report_labels(root, edition)
    context = template_context(
        root,
        edition,
        results.role,
        labels,
        document_name=labels["doc_report"],
        report=figures(results, labels),
    )
    env = sandbox.environment(search_path(root, edition), root)
    text = templates.render(env, TEMPLATE, context, root)
    template = Path(env.get_template(TEMPLATE).filename or TEMPLATE)
    document = markup.parse(text, template, root)
    path = report_path(root, results)
    theme = edition_theme(root, edition)[0]
    pdf, _pages = render_document(
        document, theme, root=root, shown=relative(path, root), template=relative(template, root)
    )
    write_atomic(path, pdf, root)
    return path


def report_labels(root: Path, edition: Edition) -> dict[str, str]:
    """The labels in the facilitators' language (the report is theirs), with the
    region's own over them."""
    labels = load_labels(root, edition.languages["facilitator"])
    own = edition.region.label if edition.region else {}
    return {**labels, **{k: v for k, v in own.items() if isinstance(v, str)}}


def figures(results: Results, labels: Mapping[str, str]) -> dict[str, Any]:
    """Every figure of the report, written as printed."""
    comma = not labels.get("lang", "id").startswith("en")
    names = [a.name for a in results.attendees]
    pre, post = _scores(results.pretest, names), _scores(results.posttest, names)
    people = scores.participants(names, pre, post)
    tests = (scores.summary(pre.values()), scores.summary(post.values()))
    return {
        "people": str(len(names)),
        "days": _days(results, comma),
        "participants": [
            {
                "name": p.name,
                "pre": angka(p.pre, comma=comma),
                "post": angka(p.post, comma=comma),
                "gain": angka(p.gain, 2, comma=comma),
                "category": labels[f"report_gain_{p.category}"] if p.category else "–",
            }
            for p in people
        ],
        "class_rows": _class_rows(tests, labels, comma),
        "class_gain": _class_gain(people, labels, comma),
        "bars": _bars(tests, labels, comma),
        "items": _items(results.pretest, labels, comma),
        "forms": str(len(results.forms)),
        "ratings": _ratings(results, labels, comma),
        "questions": [
            {"text": q, "answers": list(scores.open_answers(f.answers[n] for f in results.forms))}
            for n, q in enumerate(results.questions)
        ],
    }


def _scores(test: Test, names: Sequence[str]) -> dict[str, float | None]:
    found = {name: test.of(name) for name in names}
    return {name: scores.score(row.answers, test.key) for name, row in found.items() if row}


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
    items = scores.item_analysis([row.answers for row in test.rows], test.key)
    return [
        {
            "number": str(test.items[item.number - 1]),
            "key": item.key,
            "p": angka(item.difficulty, 2, comma=comma),
            "p_category": labels[f"report_p_{item.difficulty_category}"]
            if item.difficulty_category
            else "–",
            "d": angka(item.discrimination, 2, comma=comma),
            "d_category": labels[f"report_d_{item.discrimination_category}"]
            if item.discrimination_category
            else "–",
            "flagged": item.negative,
        }
        for item in items
    ]


def _ratings(results: Results, labels: Mapping[str, str], comma: bool) -> list[dict[str, Any]]:
    top = max(results.scale)
    parts = []
    for heading, head, titles, rows in (
        ("report_rated_sessions", "session", results.sessions, [f.sessions for f in results.forms]),
        (
            "report_rated_statements",
            "statement",
            results.statements,
            [f.statements for f in results.forms],
        ),
    ):
        if not titles:
            continue
        figure = scores.evaluation(rows, len(titles), top=top)
        parts.append(
            {
                "heading": labels[heading],
                "head": labels[head],
                "aspects": [_aspect(a, title, comma) for a, title in zip(figure.aspects, titles)],
                "overall": _aspect(
                    scores.Aspect(0, figure.answers, figure.mean, figure.agree), "", comma
                ),
            }
        )
    return parts


def _aspect(aspect: scores.Aspect, title: str, comma: bool) -> dict[str, str]:
    return {
        "title": title,
        "count": str(aspect.count),
        "mean": angka(aspect.mean, 2, comma=comma),
        "agree": persen(aspect.agree, comma=comma),
    }
