"""The sheets of laporan-pelatihan.xlsx (`summary_workbook`): for each, its columns and
its rows of plain values, from the figures of `results.scores`. A value is a number, a
text, None (a blank cell: no figure), or a (number, format) pair where a row's figure is
not in its column's format (a count in a column of scores)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from modul.content.model import Edition
from modul.results import scores
from modul.results.model import Attendee, Results, Test
from modul.results.plan import plan

TEXT, WHOLE, SCORE, GAIN, SHARE = None, "0", "0.0", "0.00", "0.0%"  # number formats
Cell = str | int | float | tuple[int | float | None, str] | None
Table = tuple[list["Column"], Iterator[Sequence[Cell]]]


@dataclass(frozen=True)
class Column:
    head: str
    width: float  # characters
    format: str | None = TEXT  # a number format; TEXT: the value as it is


def people(results: Results) -> tuple[scores.Participant, ...]:
    """Each participant of Kehadiran with their scores and gain, in its order."""
    names = [a.name for a in results.attendees]
    return scores.participants(
        names, test_scores(results.pretest, names), test_scores(results.posttest, names)
    )


def test_scores(test: Test, names: Sequence[str]) -> dict[str, float | None]:
    """The score of each of `names` who took `test` (the others are left out: absent)."""
    found = {name: test.of(name) for name in names}
    return {name: scores.score(row.answers, test.key) for name, row in found.items() if row}


def attendance_rate(attendee: Attendee) -> float | None:
    """The share of the workshop's days the participant was marked H (hadir)."""
    return sum(day == "H" for day in attendee.days) / len(attendee.days) if attendee.days else None


def participants(
    results: Results, persons: Sequence[scores.Participant], labels: Mapping[str, str]
) -> Table:
    columns = [
        Column(labels["summary_number"], 6, WHOLE),
        Column(labels["summary_name"], 32),
        Column(labels["summary_origin"], 22),
        Column(labels["summary_attendance"], 12, SHARE),
        Column(labels["report_pretest"], 10, SCORE),
        Column(labels["report_posttest"], 10, SCORE),
        Column(labels["report_gain"], 9, GAIN),
        Column(labels["summary_gain_category"], 13),
        Column(labels["summary_remark"], 34),
    ]
    rows = (
        [
            number,
            p.name,
            attendee.origin or None,
            attendance_rate(attendee),
            p.pre,
            p.post,
            p.gain,
            labels[f"report_gain_{p.category}"] if p.category else None,
            _remark(p, labels),
        ]
        for number, (attendee, p) in enumerate(zip(results.attendees, persons, strict=True), 1)
    )
    return columns, rows


def _remark(person: scores.Participant, labels: Mapping[str, str]) -> str | None:
    """Why a participant has no N-gain, when they have none."""
    if person.pre is None and person.post is None:
        return labels["summary_no_tests"]
    if person.pre is None:
        return labels["summary_no_pretest"]
    if person.post is None:
        return labels["summary_no_posttest"]
    return labels["summary_full_pretest"] if person.gain is None else None


def class_figures(
    results: Results, persons: Sequence[scores.Participant], labels: Mapping[str, str]
) -> Table:
    """The class's figures of each test, and Hake's class N-gain over those who took both."""
    columns = [
        Column(labels["report_figure"], 46),
        Column(labels["report_pretest"], 12, SCORE),
        Column(labels["report_posttest"], 12, SCORE),
    ]
    tests = [scores.summary(p.pre for p in persons), scores.summary(p.post for p in persons)]
    both = scores.class_gain(persons)
    category = labels[f"report_gain_{both.category}"] if both.category else None
    rows: list[list[Cell]] = [
        [labels["report_participants"], (len(results.attendees), WHOLE), None],
        [labels["report_takers"], *((t.count, WHOLE) for t in tests)],
        [labels["report_mean"], *(t.mean for t in tests)],
        [labels["report_median"], *(t.median for t in tests)],
        [labels["report_lowest"], *(t.lowest for t in tests)],
        [labels["report_highest"], *(t.highest for t in tests)],
        [labels["summary_matched"], (both.matched, WHOLE), (both.matched, WHOLE)],
        [labels["summary_matched_mean"], both.pre, both.post],
        [labels["summary_class_gain"], (both.gain, GAIN), None],
        [labels["summary_class_gain_category"], category, None],
        [labels["summary_forms"], (len(results.forms), WHOLE), None],
    ]
    return columns, iter(rows)


def attendance(results: Results, labels: Mapping[str, str]) -> Table:
    """Each day: how many were marked H, I, S, A or nothing, and the share present."""
    heads = ("report_present", "report_excused", "report_sick", "report_absent", "report_blank")
    columns = [
        Column(labels["report_day"], max(10, *(len(day) + 2 for day in results.days))),
        *(Column(labels[key], 9, WHOLE) for key in heads),
        Column(labels["report_rate"], 12, SHARE),
    ]
    days = scores.attendance([a.days for a in results.attendees], len(results.days))
    rows = (
        [
            results.days[day.number - 1],
            *(day.counts[code] for code in scores.DAY_CODES),
            day.blank,
            day.rate,
        ]
        for day in days
    )
    return columns, rows


def items(edition: Edition, results: Results, labels: Mapping[str, str]) -> Table:
    """Each item of each test: its key, P and D with their categories, how many chose each
    letter or left it blank, and the flag of a negative D."""
    letters = scores.LETTERS
    columns = [
        Column(labels["summary_test"], 11),
        Column(labels["report_item"], 6, WHOLE),
        Column(labels["report_key"], 7),
        Column(labels["report_difficulty"], 7, GAIN),
        Column(labels["summary_p_category"], 12),
        Column(labels["report_discrimination"], 7, GAIN),
        Column(labels["summary_d_category"], 12),
        *(Column(labels["summary_chose"].format(letter=x), 10, WHOLE) for x in letters),
        Column(labels["report_blank"], 8, WHOLE),
        Column(labels["summary_review"], 16),
    ]
    layout = plan(edition, results.role)
    tests = (
        (labels["report_pretest"], results.pretest, layout.pretest.choices),
        (labels["report_posttest"], results.posttest, layout.posttest.choices),
    )
    rows = (
        [
            name,
            item.number,
            item.key,
            item.difficulty,
            _label(labels, "report_p_", item.difficulty_category),
            item.discrimination,
            _label(labels, "report_d_", item.discrimination_category),
            *(item.chosen.get(x) for x in letters),
            item.blank,
            labels["report_flag"] if item.negative else None,
        ]
        for name, test, choices in tests
        for item in scores.item_analysis([r.answers for r in test.rows], test.key, choices)
    )
    return columns, rows


def _label(labels: Mapping[str, str], prefix: str, category: str | None) -> str | None:
    return labels[prefix + category] if category else None


def evaluation(results: Results, labels: Mapping[str, str]) -> Table:
    """Each rated session and statement: answers, mean rating and share agreeing; then
    the same over all of a part's ratings."""
    columns = [
        Column(labels["summary_part"], 12),
        Column(labels["summary_number"], 6, WHOLE),
        Column(labels["summary_aspect"], 60),
        Column(labels["report_answers"], 10, WHOLE),
        Column(labels["report_mean_rating"], 11, GAIN),
        Column(labels["report_agree"], 10, SHARE),
    ]
    top = max(results.scale)
    parts = (
        (labels["session"], results.sessions, [f.sessions for f in results.forms]),
        (labels["statement"], results.statements, [f.statements for f in results.forms]),
    )
    rows: list[list[Cell]] = []
    for part, titles, ratings in parts:
        if not titles:
            continue
        figure = scores.evaluation(ratings, len(titles), top=top)
        for aspect, title in zip(figure.aspects, titles, strict=True):
            rows.append([part, aspect.number, title, aspect.count, aspect.mean, aspect.agree])
        rows.append(
            [part, None, labels["report_overall"], figure.answers, figure.mean, figure.agree]
        )
    return columns, iter(rows)


def open_answers(results: Results, labels: Mapping[str, str]) -> Table:
    """Every open answer as written, a row each, by question: the PDF lists each answer
    once and at most 40; here all are, to sort and count."""
    columns = [
        Column(labels["summary_number"], 6, WHOLE),
        Column(labels["summary_question"], 40),
        Column(labels["summary_answer"], 70),
    ]
    rows: Iterator[list[Cell]] = (
        [number, question, answer]
        for number, question in enumerate(results.questions, 1)
        for answer in scores.open_answers(form.answers[number - 1] for form in results.forms)
    )
    return columns, rows
