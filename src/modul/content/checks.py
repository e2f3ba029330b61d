"""Checks that span a file or several: minutes that must add up, bands that must rise,
references between files; and warnings about worksheet parts no session hands out and
example texts still waiting to be replaced.
"""

from __future__ import annotations

import re
from datetime import date

from modul.content.model import Edition, Role
from modul.content.plans import WorksheetPlan, Workshop
from modul.content.provenance import Provenance
from modul.content.runsheet import break_warnings, event_problems
from modul.content.tree import KeyPath, Node
from modul.errors import Problem
from modul.i18n import _, ngettext

MEAL_MINUTES = 45  # a break this long is a meal


def check_minutes(doc: Node, workshop: Workshop) -> list[Problem]:
    problems = []
    total = sum(s.menit for s in workshop.sesi)
    if total != workshop.total_menit:
        problems.append(
            doc.problem(
                ["total_menit"],
                ngettext(
                    "the sessions add up to {total} minute, but total_menit is {planned}",
                    "the sessions add up to {total} minutes, but total_menit is {planned}",
                    total,
                ).format(total=total, planned=workshop.total_menit),
                _("set total_menit to {total} or change the sessions' `menit`").format(total=total),
            )
        )
    for i, session in enumerate(workshop.sesi):
        steps = sum(step.menit for step in session.langkah)
        if steps != session.menit:
            problems.append(
                doc.problem(
                    ["sesi", i, "menit"],
                    ngettext(
                        "the steps of session `{session}` add up to {steps} minute, "
                        "but the session has menit: {minutes}",
                        "the steps of session `{session}` add up to {steps} minutes, "
                        "but the session has menit: {minutes}",
                        steps,
                    ).format(session=session.id, steps=steps, minutes=session.menit),
                    _("set menit to {steps} or change the steps' `menit`").format(steps=steps),
                )
            )
    problems += _duplicate_ids(doc, ["sesi"], [s.id for s in workshop.sesi])
    for i, session in enumerate(workshop.sesi):  # a step's optional id names one place
        problems += _duplicate_ids(doc, ["sesi", i, "langkah"], [t.id for t in session.langkah])
    ids = [s.id for s in workshop.sesi]
    plan = workshop.pelaksanaan
    references: list[tuple[list[str | int], str]] = [
        (["pelaksanaan", "jeda", i, "setelah"], b.setelah) for i, b in enumerate(plan.jeda)
    ]
    references += [(["pelaksanaan", "hari_baru", i], s) for i, s in enumerate(plan.hari_baru)]
    problems += [
        doc.problem(
            keys,
            _("unknown session `{session}`").format(session=ident),
            _("use a session id: {ids}").format(ids=", ".join(ids)),
        )
        for keys, ident in references
        if ident not in ids
    ]
    problems += _duplicate_ids(doc, ["pelaksanaan", "acara"], [e.id for e in plan.acara])
    return problems + event_problems(doc, workshop)


def check_scoring(doc: Node, plan: WorksheetPlan) -> list[Problem]:
    problems = _duplicate_ids(doc, ["bagian"], [p.id for p in plan.bagian])
    lowest = min(p.skor for p in plan.skala)
    thresholds = [b.rata_rata_minimal for b in plan.pedoman_skor]
    if thresholds[0] != lowest:
        problems.append(
            doc.problem(
                ["pedoman_skor", 0, "rata_rata_minimal"],
                _("the first band must start at the lowest score of the scale ({lowest})").format(
                    lowest=lowest
                ),
                _("set rata_rata_minimal: {lowest}").format(lowest=lowest),
            )
        )
    for i in range(1, len(thresholds)):
        if thresholds[i] <= thresholds[i - 1]:
            problems.append(
                doc.problem(
                    ["pedoman_skor", i, "rata_rata_minimal"],
                    _(
                        "bands must go up: this minimum is not above the previous one ({previous})"
                    ).format(previous=thresholds[i - 1]),
                    _("order the bands from the lowest to the highest score"),
                )
            )
    return problems


def check_test_answers(doc: Node, role: Role) -> list[Problem]:
    """Each test question's answer is the letter of one of its choices."""
    letters = "abcd"
    return [
        doc.problem(
            ["tes", n, "jawaban"],
            ngettext(
                "answer `{answer}` is not the one choice",
                "answer `{answer}` is not one of the {count} choices",
                len(item.pilihan),
            ).format(answer=item.jawaban, count=len(item.pilihan)),
            _("write one of: {letters}").format(letters=", ".join(letters[: len(item.pilihan)])),
        )
        for n, item in enumerate(role.tes)
        if letters.index(item.jawaban) >= len(item.pilihan)
    ]


def check_worksheet_references(doc: Node, workshop: Workshop, plan: WorksheetPlan) -> list[Problem]:
    known = [p.id for p in plan.bagian]
    problems = []
    for i, session in enumerate(workshop.sesi):
        for j, step in enumerate(session.langkah):
            for k, ref in enumerate(step.lembar_kerja):
                if ref not in known:
                    problems.append(
                        doc.problem(
                            ["sesi", i, "langkah", j, "lembar_kerja", k],
                            _("unknown worksheet part `{part}`").format(part=ref),
                            _("use one of the ids in content/worksheet.yaml: {ids}").format(
                                ids=", ".join(known)
                            ),
                        )
                    )
    return problems


def unused_worksheet_parts(edition: Edition, provenance: Provenance) -> list[Problem]:
    """Warnings for worksheet parts that no step of the facilitator guide hands out."""
    used = {
        ref
        for session in edition.workshop.sesi
        for step in session.langkah
        for ref in step.lembar_kerja
    }
    doc = provenance.sources["worksheet.yaml"]
    return [
        doc.problem(
            ["bagian", i, "id"],
            _("worksheet part `{part}` is not used by any step of the workshop plan").format(
                part=part.id
            ),
            _(
                "name it in a step's `lembar_kerja: [{part}]` in workshop.yaml, "
                "so the facilitator guide says when participants fill it in"
            ).format(part=part.id),
            severity="warning",
        )
        for i, part in enumerate(edition.worksheet.bagian)
        if part.id not in used
    ]


MONTHS = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
]
_DATES = re.compile(
    r"(?P<d1>\d{1,2})(?:\s+(?P<m1>[A-Za-z]+)(?:\s+(?P<y1>\d{4}))?)?\s*[–-]\s*"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\s+(?P<y2>\d{4})"
)


def calendar_days(text: str) -> int | None:
    """Days from "8–10 Juni 2026" (3), "30 Juni–2 Juli 2026" (3) or "8 Juni 2026" (1);
    None when the text is not a date modul can read."""
    if match := _DATES.search(text):
        parts = match.groupdict()
        end = _date(parts["d2"], parts["m2"], parts["y2"])
        start = _date(parts["d1"], parts["m1"] or parts["m2"], parts["y1"] or parts["y2"])
        return (end - start).days + 1 if start and end and start <= end else None
    single = re.search(r"\b\d{1,2}\s+[A-Za-z]+\s+\d{4}\b", text)
    return 1 if single and _date(*single.group().split()) else None


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def schedule_warnings(edition: Edition, provenance: Provenance) -> list[Problem]:
    """A region's dates that span another number of days than the plan has, and a day
    whose closing session comes straight after a meal break."""
    plan = provenance.sources["workshop.yaml"]
    workshop = edition.workshop
    found = []
    region, settings = edition.region, provenance.settings
    days = calendar_days(region.tanggal) if region and region.tanggal else None
    if settings and days is not None and days != workshop.days:
        at = plan.find(["pelaksanaan"], of_key=True)
        found.append(
            settings.problem(
                ["tanggal"],
                ngettext(
                    "the dates span {days} day, but the workshop plan has {planned} "
                    "({file}:{line})",
                    "the dates span {days} days, but the workshop plan has {planned} "
                    "({file}:{line})",
                    days,
                ).format(days=days, planned=workshop.days, file=at.file, line=at.line),
                _(
                    "make the dates match the plan, or give the plan its days with `hari_baru` "
                    "(the sessions that open a new day) in workshop.yaml"
                ),
                severity="warning",
            )
        )
    return found + _closing_after_a_meal(workshop, plan) + break_warnings(plan, workshop)


def _closing_after_a_meal(workshop: Workshop, plan: Node) -> list[Problem]:
    sessions, plan_ = workshop.sesi, workshop.pelaksanaan
    found = []
    for n in range(1, len(sessions)):
        closing, before = sessions[n], sessions[n - 1]
        ends_day = n + 1 == len(sessions) or sessions[n + 1].id in plan_.hari_baru
        if not ends_day or closing.id in plan_.hari_baru:
            continue
        found += [
            plan.problem(
                ["pelaksanaan", "jeda", i, "setelah"],
                _("the day's last session, `{session}`, comes straight after “{pause}”").format(
                    session=closing.id, pause=pause.judul
                ),
                _(
                    "move the break before an earlier session, so that the day does not close "
                    "on a full stomach"
                ),
                severity="warning",
            )
            for i, pause in enumerate(plan_.jeda)
            if pause.setelah == before.id and pause.menit >= MEAL_MINUTES
        ]
    return found


def _duplicate_ids(doc: Node, keys: KeyPath, ids: list[str | None]) -> list[Problem]:
    seen: set[str | None] = {None}  # an item without an id (a step's is optional) is no duplicate
    problems = []
    for i, ident in enumerate(ids):
        if ident in seen - {None}:
            problems.append(
                doc.problem(
                    [*keys, i, "id"],
                    _("the id `{id}` is used twice").format(id=ident),
                    _("give every item its own id"),
                )
            )
        seen.add(ident)
    return problems
