"""Lay documents out on one core or several, the same way on Windows, macOS and Linux.

Workers are started with `spawn` (the only start method Windows has), so nothing is
inherited: each worker receives what every document needs once (the project
folder, the participant list, the edition's YAML trees for the layout check), and each
task its `Target` (markup and theme), all by pickling. A worker watches its parent and
exits as soon as the parent is gone (killed, terminal closed), so no orphan stays.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from modul.content.source import Node
from modul.errors import relative
from modul.folders import Folders
from modul.layout.documents import Target
from modul.production.participants import Roster
from modul.production.variants import Output, variants
from modul.typeset.render import lay_out


@dataclass(frozen=True)
class SharedInputs:
    """What every document of a build needs, sent to each worker once."""

    root: Path
    fillable: bool
    roster: Roster | None
    sources: dict[str, dict[str, Node]]  # by edition: YAML trees, to locate findings


def make(
    targets: list[Target], shared: SharedInputs, jobs: int
) -> Iterator[tuple[Target, list[Output]]]:
    """Each target with its files, in the order of `targets`."""
    if jobs <= 1 or len(targets) <= 1:
        for target in targets:
            yield target, make_one(target, shared)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(targets)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(shared,),
    ) as pool:
        # Longest first, so that no core waits at the end for one big guide; results are
        # still reported in target order.
        by_size = sorted(targets, key=lambda t: -sum(1 for _ in t.markup.iter()))
        futures = {id(t): pool.submit(_make_in_worker, t) for t in by_size}
        try:
            for target in targets:
                yield target, futures[id(target)].result()
        finally:  # stopped (error, Ctrl-C): do not lay out the rest
            pool.shutdown(cancel_futures=True)


def make_one(target: Target, shared: SharedInputs) -> list[Output]:
    """Lay out one target and make its variants."""
    shown = relative(target.path, shared.root)
    template = relative(Folders(shared.root).theme / target.kind.template, shared.root)
    laid_out = lay_out(
        target.markup,
        target.theme,
        root=shared.root,
        shown=shown,
        sources=shared.sources[target.edition],
        template=template,
    )
    return [
        Output(target.path, laid_out.pdf, laid_out.pages, laid_out.warnings),
        *variants(
            target,
            laid_out.pdf,
            laid_out.pages,
            root=shared.root,
            shown=shown,
            fillable=shared.fillable,
            roster=shared.roster,
        ),
    ]


_WORKSHOP: list[SharedInputs] = []  # this worker's, set once when it starts


def _start_worker(shared: SharedInputs) -> None:
    _WORKSHOP.append(shared)
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _make_in_worker(target: Target) -> list[Output]:
    return make_one(target, _WORKSHOP[0])


def _exit_with_parent() -> None:
    """Wait until the process that started this worker ends, then end this one at once."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)
