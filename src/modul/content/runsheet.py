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

from modul.content.plans import Break, Event, RunRow, Session, Workshop, _clock
from modul.content.tree import Node
from modul.errors import Problem
from modul.i18n import _

Item = Session | Break | Event


@dataclass
class Schedule:
    rows: list[RunRow] = field(default_factory=list)
    dropped: list[Break | Event] = field(default_factory=list)  # a day's trailing break
    placed: set[int] = field(default_factory=set)  # id() of every item placed


def schedule(workshop: Workshop) -> Schedule:
    """The run-sheet's rows, and what it left out."""
    plan, found = workshop.pelaksanaan, Schedule()
    morning = int(plan.mulai[:2]) * 60 + int(plan.mulai[3:])
    days = _days(workshop)
    events = {d for e in plan.acara for d in e.bagikan}  # handed out there, not in a session
    for day, sessions in enumerate(days, 1):
        opening = "awal_pelatihan" if day == 1 else "awal_hari"
        closing = "akhir_pelatihan" if day == len(days) else "akhir_hari"
        order: list[tuple[Item, bool]] = []
        day_items: list[Item] = [*_at(workshop, opening), *sessions, *_at(workshop, closing)]
        for item in day_items:
            order += _around(workshop, item, tied=False, seen=set())
        while order and order[-1][1]:  # a break (and what follows it) ending the day
            found.dropped.append(order.pop()[0])  # type: ignore[arg-type]
        found.rows.append(RunRow(kind="day", day=day))
        clock = morning
        for item, _tied in order:
            found.placed.add(id(item))
            found.rows.append(_row(item, day, clock, events))
            clock += item.menit
    for item in found.dropped:
        found.placed.add(id(item))
    return found


def _days(workshop: Workshop) -> list[list[Session]]:
    days: list[list[Session]] = []
    for n, session in enumerate(workshop.sesi):
        if n == 0 or session.id in workshop.pelaksanaan.hari_baru:
            days.append([])
        days[-1].append(session)
    return days


def _at(workshop: Workshop, moment: str) -> list[Event]:
    return [e for e in workshop.pelaksanaan.acara if e.pada == moment]


def _around(workshop: Workshop, item: Item, tied: bool, seen: set[int]) -> list[tuple[Item, bool]]:
    """`item` with the events before it, and the breaks and events after it. `tied`: it
    hangs on a break, and goes when the break goes."""
    if id(item) in seen:  # events placed around each other in a circle
        return []
    seen = seen | {id(item)}
    plan, ident = workshop.pelaksanaan, item.id
    tied = tied or isinstance(item, Break)
    before = [e for e in plan.acara if ident and e.sebelum == ident]
    after: list[Item] = [b for b in plan.jeda if isinstance(item, Session) and b.setelah == ident]
    after += [e for e in plan.acara if ident and e.setelah == ident]
    found: list[tuple[Item, bool]] = []
    for event in before:
        found += _around(workshop, event, tied, seen)
    found.append((item, tied))
    for follower in after:
        found += _around(workshop, follower, tied, seen)
    return found


def _row(item: Item, day: int, clock: int, events: set[str]) -> RunRow:
    times = {"day": day, "start": _clock(clock), "end": _clock(clock + item.menit)}
    if isinstance(item, Session):
        steps = item.langkah
        return RunRow(
            kind="session",
            title=item.judul,
            session=item,
            handouts=list(dict.fromkeys(d for s in steps for d in s.bagikan if d not in events)),
            parts=list(dict.fromkeys(p for s in steps for p in s.lembar_kerja)),
            **times,
        )
    if isinstance(item, Break):
        return RunRow(kind="break", title=item.judul, **times)
    return RunRow(kind="event", title=item.judul, event=item, handouts=item.bagikan, **times)


# --- checks ----------------------------------------------------------------------------


def event_problems(doc: Node, workshop: Workshop) -> list[Problem]:
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


def _unreached(doc: Node, workshop: Workshop) -> list[Problem]:
    placed = schedule(workshop).placed
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


def break_warnings(doc: Node, workshop: Workshop) -> list[Problem]:
    """A break that would end a day, at its `setelah:` line."""
    plan, dropped = workshop.pelaksanaan, schedule(workshop).dropped
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
