"""What `modul serve`'s pages show: the documents on their shelves and the last build's
outcome, plain data handed from the build thread to the page requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from modul.errors import Problem


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
