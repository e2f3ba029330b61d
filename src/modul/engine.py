"""The build engine: decide what is out of date, lay it out on every core, write it.

1. Plan the targets from the folder layout and fingerprint their inputs. When every
   target is current (manifest), stop: nothing is read or laid out.
2. Otherwise check all content and layouts (`build.check`): any problem stops the build
   before anything is written.
3. Lay out the out-of-date targets in a process pool (`jobs`), collect the results in
   target order, write each file atomically and record it in the manifest.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from modul.catalog import KINDS, NATIONAL, PACKET, SLUG
from modul.errors import ModulError, OutputError, Problem, relative
from modul.incremental import Fingerprints, Manifest, Planned

if TYPE_CHECKING:  # the rest is imported only when something needs building
    from modul import production
    from modul.targets import Setup, Target


@dataclass(frozen=True)
class BuiltDocument:
    path: Path
    pages: int
    seconds: float


@dataclass(frozen=True)
class BuildReport:
    documents: list[BuiltDocument]
    seconds: float
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # targets already up to date
    warnings: list[Problem] = field(default_factory=list)  # e.g. characters a font lacks
    removed: list[Path] = field(default_factory=list)  # earlier builds' files not made now

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.documents)


Progress = Callable[[BuiltDocument, int, int], None]


@dataclass(frozen=True)
class Options:
    """What to make, besides the documents themselves (see `modul build --help`)."""

    paper: str | None = None
    booklet: bool = False
    packet: bool = False
    participants: int | None = None
    fillable: bool = False
    roster: Path | None = None

    def key(self, fingerprints: Fingerprints) -> str:
        roster = fingerprints.file(self.roster) if self.roster else ""
        return (f"paper={self.paper}|booklet={self.booklet}|fillable={self.fillable}|"
                f"participants={self.participants}|roster={roster}")


def build(root: Path, *, regions: Iterable[str] = (), roles: Iterable[str] = (),
          kinds: Iterable[str] = (), force: bool = False, jobs: int = 1,
          shard: tuple[int, int] = (1, 1), progress: Progress | None = None,
          strict: bool = False, **options: object) -> BuildReport:
    """Build what is out of date (everything with `force`); return what was written.

    `options` are the fields of `Options`; `shard` (i, n) builds the i-th of n stable
    slices of the targets, for spreading one big build over machines. With `strict`,
    warnings (layout check, fonts, unused parts) are errors and such documents are not
    written.
    """
    started = time.perf_counter()
    wanted = Options(**options)  # type: ignore[arg-type]
    selection = (list(regions), list(roles), list(kinds))
    fingerprints = Fingerprints(root)
    manifest = Manifest(root)
    plan = _plan(root, *selection, packet=wanted.packet)
    option_key = wanted.key(fingerprints)
    documents_templates = [root / "layouts" / "default" / k.template for k in KINDS]
    keys = {p.path: fingerprints.target(p, option_key, documents_templates
                                        if p.template == PACKET.template else [])
            for p in plan or []}
    mine = _shard(list(keys), shard)
    if plan is not None and not force and all(manifest.current(p, keys[p]) for p in mine):
        found = sorted({w for p in mine for w in manifest.warnings(p)})
        if strict and found:
            raise ModulError([w.as_error() for w in found])
        return BuildReport([], time.perf_counter() - started, skipped=len(mine),
                           warnings=found)
    from modul import production
    from modul.output import remove_leftovers, write_atomic
    from modul.targets import check

    setup = check(root, regions=selection[0], roles=selection[1], kinds=selection[2],
                  paper=wanted.paper, booklet=wanted.booklet, packet=wanted.packet,
                  participants=wanted.participants, roster=wanted.roster)
    paths = _shard([t.path for t in setup.targets] + [p.path for p in setup.packets], shard)
    stale = [p for p in paths if force or p not in keys or not manifest.current(p, keys[p])]
    total = sum(1 + production.count(t, fillable=wanted.fillable, roster=setup.roster)
                for t in setup.targets if t.path in stale)
    total += sum(1 for p in setup.packets if p.path in stale)
    remove_leftovers(root / "build")
    if strict and setup.warnings:
        raise ModulError([w.as_error() for w in setup.warnings])
    written: list[BuiltDocument] = []
    removed: list[Path] = []
    layout: list[Problem] = [w for p in paths if p not in stale for w in manifest.warnings(p)]
    refused: list[Problem] = []
    try:
        for path, outputs, began in _make(setup, stale, root, wanted, jobs):
            found = [w for output in outputs for w in output.warnings]
            if strict and found:
                refused += found  # --strict: a document with findings is not written
                continue
            layout += found
            for output in outputs:
                write_atomic(output.path, output.pdf, root)
                written.append(BuiltDocument(output.path, output.pages,
                                             time.perf_counter() - began))
                if progress:
                    progress(written[-1], len(written), total)
            removed += _remove(manifest.record(path, keys.get(path, ""),
                                               [o.path for o in outputs], found))
    except BaseException:
        with contextlib.suppress(OutputError):  # the first error is the one to report
            manifest.save()  # even when stopped part-way, `clean` knows every file written
        raise
    manifest.save()
    if refused:
        raise ModulError([w.as_error() for w in refused])
    notes = setup.roster.notes if setup.roster else []
    return BuildReport(written, time.perf_counter() - started, notes,
                       skipped=len(paths) - len(stale), removed=removed,
                       warnings=sorted(set(setup.warnings + layout)))


def _remove(outdated: list[Path]) -> list[Path]:
    """Files modul made for options no longer given (a booklet, an earlier roster)."""
    for path in outdated:
        path.unlink(missing_ok=True)
    for folder in {path.parent for path in outdated}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return outdated


def _plan(root: Path, regions: list[str], roles: list[str], kinds: list[str], *,
          packet: bool) -> list[Planned] | None:
    """The targets the folder layout shows; None if a selected name is not there."""
    folder = root / "content" / "regions"
    editions = [NATIONAL] + sorted(p.name for p in folder.iterdir()
                                   if p.is_dir() and SLUG.match(p.name)) \
        if folder.is_dir() else [NATIONAL]
    all_roles = sorted(p.stem for p in (root / "content" / "roles").glob("*.yaml"))
    chosen = [
        [name for name in available if not wanted or name in wanted]
        for available, wanted in ((editions, regions), (all_roles, roles),
                                  ([k.id for k in KINDS], kinds))]
    if any(set(wanted) - set(available) for available, wanted in
           ((editions, regions), (all_roles, roles), ([k.id for k in KINDS], kinds))):
        return None
    planned = []
    for edition in chosen[0]:
        for role in chosen[1]:
            for kind in (k for k in KINDS if k.id in chosen[2]):
                planned.append(Planned(edition, role, kind.template,
                                       root / "build" / edition / role / kind.filename))
            if packet:  # the packet's inputs are those of all its documents
                planned.append(Planned(edition, role, PACKET.template,
                                       root / "build" / edition / role / PACKET.filename))
    return planned


def _shard(paths: list[Path], shard: tuple[int, int]) -> list[Path]:
    """The i-th of n slices, stable for the same targets on every machine."""
    index, count = shard
    if not 1 <= index <= count:
        raise ModulError([Problem("modul", message=f"--shard {index}/{count}: the first "
                                  "number must be from 1 to the second", hint="e.g. 2/4")])
    return [p for n, p in enumerate(sorted(paths)) if n % count == index - 1]


# --- laying out, on one core or several ----------------------------------------------------

_SETUP: dict[str, object] = {}  # what forked workers inherit


def _make(setup: Setup, stale: list[Path], root: Path, wanted: Options, jobs: int
          ) -> Iterator[tuple[Path, list[production.Output], float]]:
    """(target path, its files, start time) for every stale target, in target order."""
    from modul import production
    from modul.targets import _render

    documents = [t for t in setup.targets if t.path in stale]
    _SETUP.update(setup=setup, root=root, options=wanted)
    began = time.perf_counter()
    if jobs > 1 and len(documents) > 1:
        context = multiprocessing.get_context("fork")  # workers share the loaded setup
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            # Longest first, so that no core waits at the end for one big guide;
            # results are still reported in target order.
            by_size = sorted(documents, key=lambda t: -sum(1 for _ in t.markup.iter()))
            futures = {t.path: pool.submit(_make_one, setup.targets.index(t)) for t in by_size}
            try:
                for target in documents:
                    yield target.path, futures[target.path].result(), began
            finally:  # stopped (error, Ctrl-C): do not lay out the rest
                pool.shutdown(cancel_futures=True)
    else:
        for target in documents:
            yield target.path, _make_one(setup.targets.index(target)), began
    render = partial(_render, root=root)
    for job in (p for p in setup.packets if p.path in stale):
        parts = [(kind, (job.path.parent / kind.filename).read_bytes()) for kind in KINDS
                 if (job.path.parent / kind.filename).is_file()]
        yield job.path, [production.packet(job, parts, render)], began


def _make_one(index: int) -> list[production.Output]:
    """Lay out one target and make its variants (runs in a worker process)."""
    from modul import production
    from modul.targets import Setup, _render

    setup, root, wanted = _SETUP["setup"], _SETUP["root"], _SETUP["options"]
    assert isinstance(setup, Setup) and isinstance(root, Path) and isinstance(wanted, Options)
    target = setup.targets[index]
    render = partial(_render, root=root)
    pdf, pages, warnings = lay_out(setup, target, root)
    return [production.Output(target.path, pdf, pages, warnings), *production.variants(
        target, pdf, pages, fillable=wanted.fillable, roster=setup.roster, render=render)]


def lay_out(setup: Setup, target: Target, root: Path) -> tuple[bytes, int, list[Problem]]:
    """A target's PDF, its pages, and the layout check's findings at their YAML lines."""
    from modul.layoutcheck import MM, LayoutLog, locate
    from modul.targets import _render

    log = LayoutLog(target.theme.min_writing_mm * MM)
    pdf, pages = _render(target.markup, target.theme, target.path, root=root, log=log)
    return pdf, pages, locate(log.finish(), setup.project.editions[target.edition].sources,
                              f"layouts/default/{target.kind.template}",
                              relative(target.path, root))
