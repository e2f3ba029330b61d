"""The build: decide what is out of date, lay it out on every core, write it.

1. Plan the targets from the folder layout and the layout's catalog, and fingerprint
   their inputs. When every target is current (manifest), stop: no content is read or
   laid out.
2. Otherwise check all content and layouts (`preflight.check`): any problem stops the build
   before anything is written.
3. Lay out the out-of-date targets (`parallel.make`), collect the results in target
   order, write each file atomically and record it in the manifest.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from modul.engine.incremental import Fingerprints
from modul.engine.manifest import Manifest
from modul.engine.options import Options
from modul.engine.plan import plan, shard
from modul.engine.workers import workers
from modul.engine.writer import BuiltDocument, Progress, Writer, remove_files
from modul.errors import ModulError, OutputError, Problem, relative
from modul.folders import Folders
from modul.output import exclusive, make_folder, remove_leftovers

# The one packet per role that modul made until 2026-12; a build in its folder removes it.
OLD_PACKET = "paket-pelatihan.pdf"

if TYPE_CHECKING:  # the rest is imported only when something needs building
    from modul.engine.parallel import SharedInputs
    from modul.engine.preflight import Setup
    from modul.layout.catalog import Catalog
    from modul.layout.documents import PacketTarget, Target
    from modul.production.outputs import Output


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


def build(
    root: Path,
    options: Options | None = None,
    *,
    progress: Progress | None = None,
    waiting: Callable[[], None] | None = None,
) -> BuildReport:
    """Build what is out of date (everything with `options.force`); return what was
    written. With `options.strict`, warnings (layout check, fonts, unused parts) are
    errors and such documents are not written. Another build of the same project is
    waited for (`waiting` is called first, to say so)."""
    started = time.perf_counter()
    options = options or Options()
    options.check()
    with exclusive(root, waiting):
        return _build_when_needed(root, options, progress, started)


def _build_when_needed(
    root: Path, options: Options, progress: Progress | None, started: float
) -> BuildReport:
    fingerprints, manifest = Fingerprints(root), Manifest(root)
    keys = _fingerprints(root, options, fingerprints)
    mine = shard(list(keys), *options.shard)
    stale = [p for p in mine if _stale(p, keys[p], options, manifest)]
    if keys and not stale:
        found = sorted({w for p in mine for w in manifest.warnings(p)})
        if options.strict and found:
            raise ModulError([w.as_error() for w in found])
        return BuildReport([], time.perf_counter() - started, skipped=len(mine), warnings=found)
    # Workers start now and load their libraries while the content is checked here.
    with workers(options.jobs if len(stale) > 1 or not keys else 1) as pool:
        try:
            return _build(root, options, keys, (fingerprints, manifest), progress, started, pool)
        finally:
            gc.unfreeze()  # what `_build` set aside after the check


def _stale(target: Path, key: str, options: Options, manifest: Manifest) -> bool:
    """Whether to make the target (again): asked to, or not current; but never, for
    `keep_named`, a document made with a participant list when none is given now."""
    if options.keep_named and not options.roster and manifest.named(target):
        return False
    return options.force or not manifest.current(target, key)


def _fingerprints(root: Path, options: Options, fingerprints: Fingerprints) -> dict[Path, str]:
    """Each planned target's fingerprint; empty when the plan cannot be known without
    reading content (a name that is not there, a broken catalog)."""
    planned = plan(root, options)
    if planned is None:
        return {}
    option_key = options.fingerprint(fingerprints.file(options.roster) if options.roster else "")
    return {p.path: fingerprints.target(p, option_key) for p in planned}


def _build(
    root: Path,
    options: Options,
    keys: dict[Path, str],
    records: tuple[Fingerprints, Manifest],
    progress: Progress | None,
    started: float,
    pool: Executor | None,
) -> BuildReport:
    from modul.engine.preflight import check
    from modul.production.outputs import count

    manifest = records[1]
    setup = check(root, options, pool)
    # The checked content and the targets live until the build ends: the collector's full
    # passes, frequent while pages are laid out, need not walk them each time.
    gc.freeze()
    paths = shard([t.path for t in setup.targets] + [p.path for p in setup.packets], *options.shard)
    stale = {p for p in paths if p not in keys or _stale(p, keys[p], options, manifest)}
    documents = [t for t in setup.targets if t.path in stale]
    packets = [p for p in setup.packets if p.path in stale]
    total = sum(1 + bool(p.booklet_sheet) for p in packets) + sum(
        1 + count(t, fillable=options.fillable, roster=setup.roster) for t in documents
    )
    make_folder(Folders(root).build, root)
    remove_leftovers(Folders(root).build)
    if options.strict and setup.warnings:
        raise ModulError([w.as_error() for w in setup.warnings])
    writer = Writer(root, options, keys, records, total, progress)
    writer.layout += [w for p in paths if p not in stale for w in manifest.warnings(p)]
    try:
        shared = _shared_inputs(root, setup, options.fillable)
        for path, outputs, seconds in _made(root, shared, setup.catalog, documents, packets, pool):
            writer.target(path, outputs, seconds, _edition_warnings(root, setup.warnings, path))
        rebuilt = {target.path for target in documents} | {job.path for job in packets}
        names = {kind.file for kind in setup.catalog.all_packets} | {OLD_PACKET}
        stale_packets = _stale_packets(manifest, names, rebuilt)
        writer.removed += remove_files(stale_packets, root)
    except BaseException:
        with contextlib.suppress(OutputError):  # the first error is the one to report
            manifest.save()  # even when stopped part-way, `clean` knows every file written
        raise
    manifest.save()
    if writer.failed or writer.refused:
        raise ModulError(_once(writer.failed) + [w.as_error() for w in writer.refused])
    return BuildReport(
        writer.written,
        time.perf_counter() - started,
        setup.roster.notes if setup.roster else [],
        skipped=len(paths) - len(stale),
        removed=writer.removed,
        warnings=sorted(set(setup.warnings + writer.layout + manifest.problems)),
    )


def _made(
    root: Path,
    shared: SharedInputs,
    catalog: Catalog,
    documents: list[Target],
    packets: list[PacketTarget],
    pool: Executor | None,
) -> Iterator[tuple[Path, Iterable[Output], float | None]]:
    """Each target's files as they are laid out: the documents on every core, then the
    packets that join them."""
    from modul.engine.parallel import make

    for target, outputs, seconds in make(documents, shared, pool):
        yield target.path, outputs, seconds
    if packets:
        from modul.production.variants import packet
    for job in packets:  # after the documents they join
        began = time.perf_counter()
        folder = job.path.parent
        parts = [
            (kind, (folder / kind.file).read_bytes())
            for kind in catalog.packet_documents(job.kind)
            if (folder / kind.file).is_file()
        ]
        joined = packet(job, parts, root=root, shown=relative(job.path, root))
        yield job.path, joined, time.perf_counter() - began


def _once(problems: list[Problem]) -> list[Problem]:
    """A layout mistake of a shared template shows up once per document: say it once."""
    return list({(p.file, p.line, p.message): p for p in problems}.values())


def _edition_warnings(root: Path, warnings: list[Problem], target: Path) -> list[Problem]:
    """The checks' warnings that concern the edition of `target`: its region's files and
    the files every edition reads. Kept with the target in the manifest, so that a build
    where nothing changed repeats them (a placeholder text still waiting, say)."""
    edition = target.relative_to(Folders(root).build).parts[0]
    own = f"content/regions/{edition}/"
    return [
        w for w in warnings if not w.file.startswith("content/regions/") or w.file.startswith(own)
    ]


def _stale_packets(manifest: Manifest, packets: set[str], made: set[Path]) -> list[Path]:
    """The packets of earlier builds whose documents this build made again without them
    (say, after a text edit or with other paper): a packet would print the old pages.
    A packet of an older modul (`OLD_PACKET`) goes the same way."""
    folders = {path.parent for path in made}
    return [
        file
        for target in manifest.targets()
        if target.name in packets and target.parent in folders and target not in made
        for file in manifest.forget(target)
    ]


def _shared_inputs(root: Path, setup: Setup, fillable: bool) -> SharedInputs:
    from modul.engine.parallel import SharedInputs

    sources = {slug: p.sources for slug, p in setup.project.provenance.items()}
    return SharedInputs(root, fillable, setup.roster, sources)


@dataclass(frozen=True)
class CheckReport:
    roles: int
    regions: int
    documents: int
    warnings: list[Problem]


def check_project(
    root: Path, options: Options | None = None, *, layout: bool = False
) -> CheckReport:
    """`modul check`: check everything and return what was checked and every warning;
    with `layout`, also lay every document out in memory and report what looks wrong on
    the pages, at the YAML line causing it. With `options.strict`, warnings are errors."""
    from modul.engine.preflight import check
    from modul.engine.rendering import PARALLEL_FROM

    options = options or Options()
    national = len(plan(root, options) or []) >= PARALLEL_FROM  # its markup in workers too
    with workers(options.jobs if layout or national else 1) as pool:
        setup = check(root, options, pool, keep=layout)
        found: list[Problem] = []
        if layout:
            from modul.engine.parallel import make

            shared = _shared_inputs(root, setup, fillable=False)
            outputs = make(setup.targets, shared, pool)
            found = [w for _, made, _ in outputs for w in next(iter(made)).warnings]
    warnings = sorted(set(setup.warnings + found))
    if options.strict and warnings:
        raise ModulError([w.as_error() for w in warnings])
    return CheckReport(
        len(setup.project.roles), len(setup.project.editions) - 1, len(setup.targets), warnings
    )
