"""The kit in the room: which document is handed out in which step of the workshop plan.

Checked before anything is built, for every edition:
- every document a step hands out (`bagikan`) is one the layout makes;
- no participant holds an answer before doing the exercise it answers: a document whose
  catalog entry lists `answers` is handed out only after each of those exercises
  (worksheet parts, done in the step that names them in `lembar_kerja`; tests, done in
  the step that hands them out);
- an exercise that builds on a document (`read_before`: the self-assessment on what
  the handout teaches) comes after the step that hands that document out;
- a form that rates the sessions (`rates_sessions`) is handed out only after every
  session it rates (`dinilai`) has ended;
- every reflection question a step names exists;
- warnings: a document for participants that no step hands out, a reflection question
  or a role's discussion questions that no step asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from modul.content.model import Edition
from modul.content.tree import KeyPath, Node
from modul.errors import Problem, relative
from modul.i18n import _
from modul.layout.catalog import Catalog, DocumentKind
from modul.layout.sequence import Moment, plan_moments, rated_sessions_ended, read_first

FOR_PARTICIPANTS = ("per_participant", "per_person")


@dataclass(frozen=True)
class KitDocument:
    """A document of the kit as templates see it: file name without .pdf, display name,
    how many copies to print."""

    file: str
    name: str
    copies: str


def kit_documents(catalog: Catalog, labels: Mapping[str, str]) -> dict[str, KitDocument]:
    return {
        k.stem: KitDocument(k.stem, labels.get(k.label, k.stem), k.copies)
        for k in catalog.documents
    }


def kit_problems(
    edition: Edition, plan: Node, catalog: Catalog, catalog_file: Path, root: Path
) -> list[Problem]:
    """Errors and warnings of the rules above, at the workshop plan's lines."""
    kinds = {k.stem: k for k in catalog.documents}
    exercises = [*kinds, *(p.id for p in edition.worksheet.bagian)]
    unknown = [
        (key, name)
        for k in catalog.documents
        for key, names in (("answers", k.answers), ("read_before", k.read_before))
        for name in names
        if name not in exercises
    ]
    if unknown:
        return [_unknown_exercise(*u, exercises, catalog_file, root) for u in unknown]
    handed: dict[str, tuple[Moment, KeyPath]] = {}  # first step, and the `bagikan` entry
    done: dict[str, Moment] = {}
    done_at: dict[str, KeyPath] = {}  # a worksheet part's `lembar_kerja` entry
    problems: list[Problem] = []
    moments = plan_moments(edition)
    for moment in moments:
        step = edition.workshop.sesi[moment.session].langkah[moment.step]
        keys: list[str | int] = ["sesi", moment.session, "langkah", moment.step]
        for n, name in enumerate(step.bagikan):
            if name not in kinds:
                problems.append(
                    plan.problem(
                        [*keys, "bagikan", n],
                        _("`{document}` is not a document of the kit").format(document=name),
                        _("use one of: {documents}").format(documents=", ".join(kinds)),
                    )
                )
                continue
            handed.setdefault(name, (moment, [*keys, "bagikan", n]))
            done.setdefault(name, moment)
        for k, part in enumerate(step.lembar_kerja):
            done.setdefault(part, moment)
            done_at.setdefault(part, [*keys, "lembar_kerja", k])
        problems += _questions(edition, plan, keys, step.refleksi)
    for name, (moment, where) in handed.items():
        problems += _answers_first(kinds[name], moment, where, done, plan)
        problems += read_first(kinds[name], moment, done, done_at, plan)
        if kinds[name].rates_sessions:
            problems += rated_sessions_ended(edition, kinds[name], moment, where, moments, plan)
    events, at_events = _event_handouts(edition, plan, kinds, done)
    problems += events
    handed_any = [*handed, *at_events]
    return problems + _never_handed_out(catalog, handed_any, plan) + _unasked(edition, plan)


def _event_handouts(
    edition: Edition, plan: Node, kinds: Mapping[str, DocumentKind], done: dict[str, Moment]
) -> tuple[list[Problem], list[str]]:
    """The documents the run-sheet's events (`pelaksanaan.acara`) hand out: each one the
    layout makes, and none before the session where its exercises are done."""
    workshop, problems, names = edition.workshop, [], []
    rows = workshop.run_sheet
    position = {id(r.session or r.event): n for n, r in enumerate(rows) if r.session or r.event}
    for i, event in enumerate(workshop.pelaksanaan.acara):
        for n, name in enumerate(event.bagikan):
            where: KeyPath = ["pelaksanaan", "acara", i, "bagikan", n]
            if name not in kinds:
                problems.append(
                    plan.problem(
                        where,
                        _("`{document}` is not a document of the kit").format(document=name),
                        _("use one of: {documents}").format(documents=", ".join(kinds)),
                    )
                )
                continue
            names.append(name)
            for exercise in kinds[name].answers:
                session = workshop.sesi[done[exercise].session] if exercise in done else None
                if session and position.get(id(event), -1) < position.get(id(session), -1):
                    problems.append(_answers_at_event(kinds[name], event.id, exercise, where, plan))
    return problems, names


def _answers_at_event(
    kind: DocumentKind, event: str, exercise: str, where: KeyPath, plan: Node
) -> Problem:
    return plan.problem(
        where,
        _(
            "`{document}` is handed out at `{event}`, but it holds the answers of "
            "`{exercise}`, which participants do only later"
        ).format(document=kind.stem, event=event, exercise=exercise),
        _("hand it out after that exercise, or move the exercise before this step"),
    )


def _answers_first(
    kind: DocumentKind, moment: Moment, where: KeyPath, done: dict[str, Moment], plan: Node
) -> list[Problem]:
    return [
        plan.problem(
            where,
            _(
                "`{document}` is handed out in {moment}, but it holds the answers of "
                "`{exercise}`, which participants do only in {exercise_moment}"
            ).format(
                document=kind.stem,
                moment=str(moment),
                exercise=exercise,
                exercise_moment=str(done[exercise]),
            ),
            _("hand it out after that exercise, or move the exercise before this step"),
        )
        for exercise in kind.answers
        if exercise in done and done[exercise].order >= moment.order
    ]


def _questions(
    edition: Edition, plan: Node, keys: list[str | int], numbers: list[int]
) -> list[Problem]:
    count = len(edition.workshop.pertanyaan_refleksi)
    return [
        plan.problem(
            [*keys, "refleksi", n],
            _("there is no reflection question {number}").format(number=number),
            _("use a number from 1 to {count} (pertanyaan_refleksi)").format(count=count),
        )
        for n, number in enumerate(numbers)
        if number > count
    ]


def _never_handed_out(catalog: Catalog, handed: Iterable[str], plan: Node) -> list[Problem]:
    return [
        plan.problem(
            ["sesi"],
            _("no step hands out `{document}`, a document for every participant").format(
                document=kind.stem
            ),
            _("name it in the step where participants get it: `bagikan: [{document}]`").format(
                document=kind.stem
            ),
            severity="warning",
        )
        for kind in catalog.documents
        if kind.copies in FOR_PARTICIPANTS and kind.stem not in handed
    ]


def _unknown_exercise(
    key: str, name: str, exercises: list[str], catalog_file: Path, root: Path
) -> Problem:
    """An `answers:` or `read_before:` entry of the catalog that names no exercise, at its
    line."""
    lines = catalog_file.read_text(encoding="utf-8").splitlines()
    found = next(
        (
            (n, m.start() + 1)
            for n, line in enumerate(lines, 1)
            if key in line and (m := re.search(rf"\b{re.escape(name)}\b", line))
        ),
        (0, 0),
    )
    return Problem(
        relative(catalog_file, root),
        *found,
        _("`{key}` names `{name}`, which is neither a worksheet part nor a document").format(
            key=key, name=name
        ),
        _("use the id of a worksheet part or a document's file name: {exercises}").format(
            exercises=", ".join(exercises)
        ),
    )


def _unasked(edition: Edition, plan: Node) -> list[Problem]:
    steps = [step for session in edition.workshop.sesi for step in session.langkah]
    asked = {n for step in steps for n in step.refleksi}
    found = [
        plan.problem(
            ["pertanyaan_refleksi", n - 1],
            _("no step asks reflection question {number}").format(number=n),
            _("name it in the step that asks it (`refleksi: [{number}]`), or remove it").format(
                number=n
            ),
            severity="warning",
        )
        for n in range(1, len(edition.workshop.pertanyaan_refleksi) + 1)
        if n not in asked
    ]
    if any(r.pertanyaan_diskusi for r in edition.roles.values()) and not any(
        step.renungan for step in steps
    ):
        found.append(
            plan.problem(
                ["sesi"],
                _("no step discusses the roles' questions (pertanyaan_diskusi, Bahan Renungan)"),
                _("write `renungan: true` in the step that discusses them"),
                severity="warning",
            )
        )
    return found
