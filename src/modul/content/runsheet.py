"""The run-sheet's clock: every session, break and event (`acara`) of `pelaksanaan` in the
order they happen, day by day, with clock times. One computation, which the run-sheet and
the facilitator's guide both print.

An event goes `sebelum:` or `setelah:` a session, a break (by its `id`) or another event,
or `pada:` a moment of the day: `awal_pelatihan` (the first day's opening),
`akhir_pelatihan` (the last day's end), `awal_hari` (the opening of every later day),
`akhir_hari` (the end of every earlier day). Several at one place keep the list's order.

A document an event hands out (the Sertifikat at the closing) is cued there, not again
in the session whose step names it too.

A day never ends with a break: a break after a day's last session (and an event placed
after that break, e.g. the energizer after ISHOMA) is left out of the run-sheet, with a
warning. On a day split at lunch the participants go home at lunch; a break that leads
nowhere is no part of the day.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Literal

from modul.content.tree import Node
from modul.errors import Problem
from modul.i18n import _

# The plan's models (content.plans) import this module, so it names them only as `Any`:
# a session (`id`, `menit`), a break (`setelah`, optional `id`) or an event (`acara`).
Kind = Literal["session", "break", "event"]


@dataclass(frozen=True)
class Placed:
    kind: Kind
    item: Any
    day: int
    clock: int  # minutes since midnight at its start


@dataclass
class Schedule:
    placed: list[Placed | int] = field(default_factory=list)  # a day's number, then its rows
    dropped: list[Any] = field(default_factory=list)  # a day's trailing break, and its event
    reached: set[int] = field(default_factory=set)  # id() of every item placed or dropped


def schedule(sessions: list[Any], plan: Any) -> Schedule:
    """The run-sheet's rows of the sessions and the timetable `plan` (`pelaksanaan`), and
    what it left out."""
    found = Schedule()
    morning = int(plan.mulai[:2]) * 60 + int(plan.mulai[3:])
    days = _days(sessions, plan.hari_baru)
    for day, today in enumerate(days, 1):
        opening = "awal_pelatihan" if day == 1 else "awal_hari"
        closing = "akhir_pelatihan" if day == len(days) else "akhir_hari"
        order: list[tuple[Kind, Any, bool]] = []
        items: list[tuple[Kind, Any]] = [("event", e) for e in plan.acara if e.pada == opening]
        items += [("session", s) for s in today]
        items += [("event", e) for e in plan.acara if e.pada == closing]
        for kind, item in items:
            order += _around(plan, kind, item, tied=False, seen=set())
        while order and order[-1][2]:  # a break (and what follows it) ending the day
            found.dropped.append(order.pop()[1])
        found.placed.append(day)
        clock = morning
        for kind, item, _tied in order:
            found.placed.append(Placed(kind, item, day, clock))
            clock += item.menit
    found.reached = {id(p.item) for p in found.placed if isinstance(p, Placed)}
    found.reached |= {id(item) for item in found.dropped}
    return found


def _days(sessions: list[Any], starts: list[str]) -> list[list[Any]]:
    days: list[list[Any]] = []
    for n, session in enumerate(sessions):
        if n == 0 or session.id in starts:
            days.append([])
        days[-1].append(session)
    return days


def _around(
    plan: Any, kind: Kind, item: Any, tied: bool, seen: set[int]
) -> list[tuple[Kind, Any, bool]]:
    """`item` with the events before it, and the breaks and events after it. `tied`: it
    hangs on a break, and goes when the break goes."""
    if id(item) in seen:  # events placed around each other in a circle
        return []
    seen = seen | {id(item)}
    ident, tied = item.id, tied or kind == "break"
    after: list[tuple[Kind, Any]] = [
        ("break", b) for b in plan.jeda if kind == "session" and b.setelah == ident
    ]
    after += [("event", e) for e in plan.acara if ident and e.setelah == ident]
    found: list[tuple[Kind, Any, bool]] = []
    for event in (e for e in plan.acara if ident and e.sebelum == ident):
        found += _around(plan, "event", event, tied, seen)
    found.append((kind, item, tied))
    for follower_kind, follower in after:
        found += _around(plan, follower_kind, follower, tied, seen)
    return found


# --- checks ----------------------------------------------------------------------------


def event_problems(doc: Node, workshop: Any) -> list[Problem]:
    """Errors in `pelaksanaan.acara`: no place or two, a place that names nothing, an
    event that can never be reached."""
    plan = workshop.pelaksanaan
    ids = [s.id for s in workshop.sesi] + [b.id for b in plan.jeda if b.id]
    ids += [e.id for e in plan.acara]
    problems = []
    for i, event in enumerate(plan.acara):
        keys: list[str | int] = ["pelaksanaan", "acara", i]
        places = [k for k in ("sebelum", "setelah", "pada") if getattr(event, k)]
        if len(places) != 1:
            problems.append(
                doc.problem(
                    keys if not places else [*keys, places[1]],
                    _("the event `{event}` needs one place, it has {count}").format(
                        event=event.id, count=len(places)
                    ),
                    _(
                        "give it one of `sebelum:` or `setelah:` (a session, break or event "
                        "id) or `pada:` (awal_pelatihan, akhir_pelatihan, awal_hari, akhir_hari)"
                    ),
                )
            )
        for key in ("sebelum", "setelah"):
            ident = getattr(event, key)
            if ident and ident not in ids:
                problems.append(_unknown_place(doc, [*keys, key], ident, ids))
    sessions = {s.id for s in workshop.sesi}
    if problems or any(b.setelah not in sessions for b in plan.jeda):
        return problems  # (a break after no session is an error of its own)
    return _unreached(doc, workshop)


def _unknown_place(doc: Node, keys: list[str | int], ident: str, ids: list[str]) -> Problem:
    close = difflib.get_close_matches(ident, ids, n=1, cutoff=0.6)
    return doc.problem(
        keys,
        _("unknown session, break or event `{id}`").format(id=ident),
        _("did you mean `{suggestion}`?").format(suggestion=close[0])
        if close
        else _("use an id of: {ids}").format(ids=", ".join(ids)),
    )


def _unreached(doc: Node, workshop: Any) -> list[Problem]:
    placed = schedule(workshop.sesi, workshop.pelaksanaan).reached
    return [
        doc.problem(
            ["pelaksanaan", "acara", i],
            _("the event `{event}` is placed around an event that is never reached").format(
                event=event.id
            ),
            _("place one of them `sebelum:` or `setelah:` a session, or `pada:` a moment"),
        )
        for i, event in enumerate(workshop.pelaksanaan.acara)
        if id(event) not in placed and event.pada is None
    ]


def break_warnings(doc: Node, workshop: Any) -> list[Problem]:
    """A break that would end a day, at its `setelah:` line."""
    plan = workshop.pelaksanaan
    dropped = schedule(workshop.sesi, plan).dropped
    return [
        doc.problem(
            ["pelaksanaan", "jeda", i, "setelah"],
            _("“{pause}” would end the day, so the run-sheet leaves it out").format(
                pause=pause.judul
            ),
            _(
                "move it before an earlier session, or start the next day later "
                "(`hari_baru`); a day ends with a session or an event, never a break"
            ),
            severity="warning",
        )
        for i, pause in enumerate(plan.jeda)
        if any(pause is d for d in dropped)
    ]
