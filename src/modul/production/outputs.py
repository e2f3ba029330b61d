"""The files a target makes, and how many: known before any of them is laid out (for
the progress display), without loading ReportLab."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from modul.content.participants import Roster
from modul.errors import Problem
from modul.layout.documents import Target


@dataclass(frozen=True)
class Output:
    path: Path
    pdf: bytes  # empty when `written` holds the file
    pages: int
    warnings: list[Problem] = field(default_factory=list)  # the layout check's findings
    written: Path | None = None  # a finished temporary file beside `path` (too big for memory)


def print_files(roster: Roster) -> int:
    """How many print files hold the participants' worksheets."""
    size = roster.per_file or len(roster.participants) or 1
    return max(1, -(-len(roster.participants) // size))


def count(target: Target, *, fillable: bool, roster: Roster | None) -> int:
    """How many variant files `variants` makes for a target (for progress display)."""
    filled_in = target.kind.filled_in
    people = len(roster.participants) + print_files(roster) if roster and target.roster_line else 0
    return bool(target.booklet_sheet) + (fillable and filled_in) + people
