"""What `modul serve`'s pages show: the documents on their shelves and the last build's
outcome, plain data handed from the build thread to the page requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modul.errors import Problem

if TYPE_CHECKING:
    from modul.results.plan import Plan
    from modul.results.review import Item


@dataclass(frozen=True)
class Document:
    label: str  # its name in the labels: "Lembar Kerja"
    path: Path  # in build/


@dataclass(frozen=True)
class Laporan:
    """The Laporan Pelatihan of a role in an edition whose results workbook exists."""

    workbook: Path  # hasil/<edition>/<role>.xlsx
    stamp: tuple[int, int]  # the workbook's time and size when it was read
    documents: tuple[Document, ...]  # the PDF and the xlsx in build/, those made so far
    problems: tuple[Problem, ...] = ()  # the workbook's mistakes: not made again
    notes: tuple[str, ...] = ()  # what the workbook lacks, not wrong (a test not taken)
    review: tuple[Item, ...] = ()  # the open rows of its sheet Tinjauan (modul scan's)
    plan: Plan | None = None  # the workbook's layout, to decide them by


@dataclass(frozen=True)
class Notice:
    """What became of a review decision, shown once on the page it returns to."""

    edition: str
    role: str
    text: str
    hint: str = ""
    ok: bool = True


@dataclass(frozen=True)
class Shelf:
    """One role's documents in one edition."""

    edition: str
    edition_name: str
    role: str
    role_name: str
    documents: tuple[Document, ...]
    laporan: Laporan | None = None  # only when the role's results workbook exists


@dataclass(frozen=True)
class Status:
    """The outcome of the last build, as the page shows it."""

    version: int = 0  # counts every change, so a page knows when it is out of date
    building: bool = False
    errors: tuple[Problem, ...] = ()  # nothing was built: the documents are the last ones
    warnings: tuple[Problem, ...] = ()
    shelves: tuple[Shelf, ...] = ()
    written: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    finished: float = 0.0  # time.time() at the build's end


Report = Callable[[Status], None]
