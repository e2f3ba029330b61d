"""The workshop plan as the moments things happen in (step by step), and the rules about
their order besides the answers (`layout.kit`): an exercise that builds on a document
comes after it is handed out; a form that rates the sessions comes after they end.
"""

from __future__ import annotations

from dataclasses import dataclass

from modul.content.model import Edition
from modul.content.tree import KeyPath, Node
from modul.errors import Problem
from modul.i18n import _
from modul.layout.catalog import DocumentKind


@dataclass(frozen=True)
class Moment:
    """A step of the workshop plan, in the order they happen."""

    order: int
    session: int  # 0-based index into `sesi`
    step: int  # 0-based index into `langkah`

    def __str__(self) -> str:
        return _("session {session}, step {step}").format(
            session=self.session + 1, step=self.step + 1
        )


def plan_moments(edition: Edition) -> list[Moment]:
    steps = [(i, j) for i, s in enumerate(edition.workshop.sesi) for j in range(len(s.langkah))]
    return [Moment(n, i, j) for n, (i, j) in enumerate(steps)]


def read_first(
    kind: DocumentKind,
    moment: Moment,
    done: dict[str, Moment],
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


def rated_sessions_ended(
    edition: Edition,
    kind: DocumentKind,
    moment: Moment,
    where: KeyPath,
    moments: list[Moment],
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
