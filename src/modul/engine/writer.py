"""Each target's files written into build/ as they are made, and recorded in the manifest
with their hashes: what a build leaves behind, and what `modul clean` removes."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from modul.engine.incremental import Fingerprints, file_digest
from modul.engine.manifest import Manifest
from modul.engine.options import Options
from modul.errors import ModulError, OutputError, Problem
from modul.output import put_in_place, remove, write_atomic

if TYPE_CHECKING:
    from modul.production.outputs import Output


@dataclass(frozen=True)
class BuiltDocument:
    path: Path
    pages: int
    seconds: float  # laying out its document (with the other files made from it)


Progress = Callable[[BuiltDocument, int, int], None]


@dataclass
class Writer:
    """Writes the targets of one build, in order, and gathers what the report says."""

    root: Path
    options: Options
    keys: dict[Path, str]  # each target's fingerprint
    records: tuple[Fingerprints, Manifest]
    total: int  # files to write, for the progress display
    progress: Progress | None = None
    written: list[BuiltDocument] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # earlier builds' files not made now
    layout: list[Problem] = field(default_factory=list)  # the layout check's findings
    refused: list[Problem] = field(default_factory=list)  # --strict: findings not kept
    failed: list[Problem] = field(default_factory=list)  # targets that cannot be laid out
    _digests: dict[Path, str] = field(default_factory=dict)  # until recorded

    def target(
        self,
        path: Path,
        outputs: Iterable[Output],
        seconds: float | None,
        warnings: list[Problem],
    ) -> None:
        """Write a target's files as they arrive (a participant list's come one by one),
        then record them with the checks' `warnings` about it. With --strict, a target
        with findings is not kept: its files written so far are removed. A target that
        cannot be laid out is said at the end: the build goes on with the others, so that
        they are all made with today's content and paper."""
        strict = self.options.strict
        files: list[Path] = []
        found: list[Problem] = []
        clock = time.perf_counter()
        try:
            for output in outputs:
                found += output.warnings
                if strict and found:
                    break
                now = time.perf_counter()
                self._write(path, output, seconds if seconds is not None else now - clock)
                files.append(output.path)
                clock = now
        except OutputError:  # the disk, not the document: nothing more can be written
            raise
        except ModulError as err:  # not recorded: the next build makes it again
            self.failed += err.problems
            return
        if strict and found:
            self.refused += found
            for file in files:
                remove(file, self.root)
            return
        self.layout += found
        fingerprints, manifest = self.records
        outdated = manifest.record(
            path,
            self.keys.get(path, ""),
            files,
            found + warnings,
            hashes=[self._digests.pop(file) for file in files],
            project=fingerprints.project,
            named=self.options.roster is not None,
        )
        self.removed += remove_files(outdated, self.root)

    def _write(self, target: Path, output: Output, seconds: float) -> None:
        self.records[1].written(target, output.path)
        if output.written:
            self._digests[output.path] = file_digest(output.written)
            put_in_place(output.written, output.path, self.root)
        else:
            self._digests[output.path] = hashlib.sha256(output.pdf).hexdigest()
            write_atomic(output.path, output.pdf, self.root)
        self.written.append(BuiltDocument(output.path, output.pages, seconds))
        if self.progress:
            self.progress(self.written[-1], len(self.written), self.total)


def remove_files(outdated: list[Path], root: Path) -> list[Path]:
    """Files modul made for options no longer given (a booklet, an earlier roster), and
    the folders they leave empty."""
    gone = [path for path in outdated if remove(path, root)]
    for folder in {path.parent for path in gone}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return gone
