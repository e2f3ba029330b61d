"""Lay documents out, in this process or in worker processes (`workers`).

A task sends a worker its `Target` (markup and theme) and what every document of the
build needs (`SharedInputs`: the project folder, the participant list, the editions' YAML
trees to locate layout findings), pickled once per build and unpickled once per worker.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modul.content.participants import Roster
from modul.content.tree import Node, Origin
from modul.errors import ModulError, relative
from modul.folders import Folders
from modul.layout.documents import Target
from modul.production.outputs import Output


@dataclass(frozen=True)
class SharedInputs:
    """What every document of a build needs."""

    root: Path
    fillable: bool
    roster: Roster | None
    sources: dict[str, dict[str, Node]]  # by edition: YAML trees, to locate findings


def make(
    targets: list[Target], shared: SharedInputs, pool: Executor | None
) -> Iterator[tuple[Target, Iterable[Output], float | None]]:
    """Each target with its files, as soon as they are made, and the seconds they took.

    Laid out by the `pool`'s workers, or here without one. A target with a participant
    list is made here in any case, file by file as the caller takes them (seconds:
    None), so that a list of any length is never held in memory whole; the workers go
    on with the rest meanwhile."""
    here = [pool is None or bool(shared.roster and t.roster_line) for t in targets]
    streamed = [t for t, made_here in zip(targets, here) if made_here]
    pooled = [t for t, made_here in zip(targets, here) if not made_here]
    futures = _submit(pooled, shared, pool) if pool and pooled else {}
    try:
        for target in streamed:
            yield target, make_one(target, shared), None
        for future in as_completed(futures):
            # let go of each result once taken: a national build's PDFs would otherwise
            # all stay in memory until the last one
            target = futures.pop(future)
            try:
                outputs, seconds = future.result()
            except ModulError as err:  # said when its files are taken, as for one made here
                yield target, _failed(err), None
                continue
            yield target, outputs, seconds
    finally:  # stopped (error, Ctrl-C): do not lay out the rest
        for future in futures:
            future.cancel()


def _failed(err: ModulError) -> Iterator[Output]:
    """The files of a target that could not be laid out: none; the error, when asked."""
    raise err
    yield  # a generator, like make_one


def _submit(targets: list[Target], shared: SharedInputs, pool: Executor) -> dict[Any, Target]:
    inputs = pickle.dumps(shared)
    # Longest first, so that no core waits at the end for one big guide.
    by_size = sorted(targets, key=lambda t: -len(t.packed))
    return {pool.submit(_make_in_worker, t, inputs): t for t in by_size}


def _timed(target: Target, shared: SharedInputs) -> tuple[list[Output], float]:
    began = time.perf_counter()
    outputs = list(make_one(target, shared))
    return outputs, time.perf_counter() - began


def make_one(target: Target, shared: SharedInputs) -> Iterator[Output]:
    """Lay out one target, then make its variants one by one."""
    # Imported here: a main process whose workers lay everything out never loads them.
    from modul.production.variants import scan_session, variants
    from modul.typeset.render import lay_out

    shown = relative(target.path, shared.root)
    template = relative(Folders(shared.root).theme / target.kind.template, shared.root)
    laid_out = lay_out(
        target.markup,
        target.theme,
        root=shared.root,
        shown=shown,
        sources=_sources(target, shared),
        template=template,
        scan=scan_session(target),
    )
    yield Output(target.path, laid_out.pdf, laid_out.pages, laid_out.warnings)
    yield from variants(
        target,
        laid_out.pdf,
        laid_out.pages,
        root=shared.root,
        shown=shown,
        fillable=shared.fillable,
        roster=shared.roster,
    )


def _sources(target: Target, shared: SharedInputs) -> dict[str, Node]:
    """Where the texts of a document come from, to locate its findings: the edition's YAML
    trees; for name tags also the participant list's rows (a name too long for its tag)."""
    sources, roster = shared.sources[target.edition], shared.roster
    if roster is None or target.markup.find("tags") is None:
        return sources
    rows = [
        Node(text, Origin(*roster.at(person.row)))
        for person in roster.participants
        for text in person.texts()
        if text
    ]
    return {**sources, roster.shown: Node(rows, Origin(*roster.at(1)))}


_INPUTS: dict[bytes, SharedInputs] = {}  # this worker's, unpickled once per build


def _make_in_worker(target: Target, inputs: bytes) -> tuple[list[Output], float]:
    if inputs not in _INPUTS:
        _INPUTS.clear()
        _INPUTS[inputs] = pickle.loads(inputs)
    return _timed(target, _INPUTS[inputs])
