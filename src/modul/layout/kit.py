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


@dataclass(frozen=True)
class _Moment:
    """A step of the workshop plan, in the order they happen."""

    order: int
    session: int  # 0-based index into `sesi`
    step: int  # 0-based index into `langkah`

    def __str__(self) -> str:
        return _("session {session}, step {step}").format(
            session=self.session + 1, step=self.step + 1
        )


def kit_problems(
    edition: Edition, plan: Node, catalog: Catalog, catalog_file: Path, root: Path
) -> list[Problem]:
    """Errors and warnings of the rules above, at the workshop plan's lines."""
    kinds = {k.stem: k for k in catalog.documents}
    exercises = [*kinds, *(p.id for p in edition.worksheet.bagian)]
    unknown = [a for k in catalog.documents for a in k.answers if a not in exercises]
    if unknown:
        return [_unknown_exercise(a, exercises, catalog_file, root) for a in unknown]
    handed: dict[str, tuple[_Moment, KeyPath]] = {}  # first step, and the `bagikan` entry
    done: dict[str, _Moment] = {}
    done_at: dict[str, KeyPath] = {}  # a worksheet part's `lembar_kerja` entry
    problems: list[Problem] = []
    moments = _moments(edition)
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
        problems += _read_first(kinds[name], moment, done, done_at, plan)
        if kinds[name].rates_sessions:
            problems += _rated_sessions_ended(edition, kinds[name], moment, where, moments, plan)
    return problems + _never_handed_out(catalog, handed, plan) + _unasked(edition, plan)


def _moments(edition: Edition) -> list[_Moment]:
    steps = [(i, j) for i, s in enumerate(edition.workshop.sesi) for j in range(len(s.langkah))]
    return [_Moment(n, i, j) for n, (i, j) in enumerate(steps)]


def _answers_first(
    kind: DocumentKind, moment: _Moment, where: KeyPath, done: dict[str, _Moment], plan: Node
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


def _read_first(
    kind: DocumentKind,
    moment: _Moment,
    done: dict[str, _Moment],
    done_at: dict[str, KeyPath],
    plan: Node,
) -> list[Problem]:
    """An exercise that builds on what `kind` teaches (a self-assessment after the role is
    taught) done before, or in the step where, participants get it."""
    return [
        plan.problem(
            done_at[exercise],
            _(
                "`{exercise}` is done in {exercise_moment}, before participants have "
                "`{document}` (handed out in {moment}), which it builds on"
            ).format(
                exercise=exercise,
                exercise_moment=str(done[exercise]),
                document=kind.stem,
                moment=str(moment),
            ),
            _("move the exercise to a step after the one that hands out `{document}`").format(
                document=kind.stem
            ),
        )
        for exercise in kind.read_before
        if exercise in done_at and done[exercise].order <= moment.order
    ]


def _rated_sessions_ended(
    edition: Edition,
    kind: DocumentKind,
    moment: _Moment,
    where: KeyPath,
    moments: list[_Moment],
    plan: Node,
) -> list[Problem]:
    """A form that rates the sessions handed out before a session it rates has ended."""
    last_step = {m.session: m for m in moments}  # the last moment of each session
    return [
        plan.problem(
            where,
            _(
                "`{document}` is handed out in {moment}, but it asks participants to rate "
                "session {session} (`{id}`), which has not ended then"
            ).format(document=kind.stem, moment=str(moment), session=i + 1, id=session.id),
            _(
                "hand it out after that session, or write `dinilai: false` in the session "
                "so that the form does not rate it"
            ),
        )
        for i, session in enumerate(edition.workshop.sesi)
        if session.dinilai and last_step[i].order >= moment.order
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


def _unknown_exercise(name: str, exercises: list[str], catalog_file: Path, root: Path) -> Problem:
    """An `answers:` entry of the catalog that names no exercise, at its line."""
    lines = catalog_file.read_text(encoding="utf-8").splitlines()
    found = next(
        (
            (n, m.start() + 1)
            for n, line in enumerate(lines, 1)
            if "answers" in line and (m := re.search(rf"\b{re.escape(name)}\b", line))
        ),
        (0, 0),
    )
    return Problem(
        relative(catalog_file, root),
        *found,
        _("`answers` names `{name}`, which is neither a worksheet part nor a document").format(
            name=name
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
