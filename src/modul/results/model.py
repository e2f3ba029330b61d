"""What a results workbook holds, read back: plain frozen data for the statistics and
the report. Every tuple is in the workbook's order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

Letter = str  # "a", "b", "c" or "d"
Mark = str  # attendance: "H" hadir, "I" izin, "S" sakit, "A" alpa (tanpa keterangan)


@dataclass(frozen=True)
class Attendee:
    """One row of the sheet Kehadiran."""

    row: int  # the sheet's row, for messages
    name: str
    origin: str  # Asal
    days: tuple[Mark | None, ...]  # one per day of the workshop; None: left blank


@dataclass(frozen=True)
class Answers:
    """One participant's row of a test."""

    row: int
    name: str
    answers: tuple[Letter | None, ...]  # one per item in the sheet's order; None: blank

    @property
    def answered(self) -> int:
        return sum(answer is not None for answer in self.answers)


@dataclass(frozen=True)
class Test:
    """The sheet Tes Awal or Tes Akhir."""

    sheet: str
    key: tuple[Letter, ...]  # the Kunci row as read (checked equal to the content's key)
    items: tuple[int, ...]  # for each column, the question's number on the Tes Awal
    rows: tuple[Answers, ...]  # participants with at least one answer
    choices: tuple[int, ...] = ()  # for each column, how many choices (3 or 4)

    def of(self, name: str) -> Answers | None:
        """The row of the participant `name` (compared as `same_name` does)."""
        return self._by_name.get(same_name(name))

    @cached_property
    def _by_name(self) -> dict[str, Answers]:
        """The rows by name, made once: a scan per name made a report of 10,000 quadratic."""
        return {same_name(r.name): r for r in self.rows}


@dataclass(frozen=True)
class Form:
    """One returned Formulir Evaluasi (no names): a row of the sheet Evaluasi."""

    row: int
    sessions: tuple[int | None, ...]  # a rating per rated session; None: blank
    statements: tuple[int | None, ...]  # a rating per general statement
    answers: tuple[str, ...]  # the open questions' answers ("" when blank)


@dataclass(frozen=True)
class Results:
    """A results workbook read and checked against the content it was made from."""

    edition: str
    role: str
    days: tuple[str, ...]  # the Kehadiran's day headers: "Hari 1", "Hari 1 (8 Juni 2026)"
    attendees: tuple[Attendee, ...]
    pretest: Test
    posttest: Test
    sessions: tuple[str, ...]  # titles of the rated sessions, in the Evaluasi's order
    statements: tuple[str, ...]  # workshop.evaluasi.pernyataan
    questions: tuple[str, ...]  # workshop.evaluasi.pertanyaan
    scale: tuple[int, ...]  # the ratings allowed, lowest first (1, 2, 3, 4)
    forms: tuple[Form, ...]
    notes: tuple[str, ...]  # what is incomplete, not wrong (a participant absent a test)


def same_name(name: str) -> str:
    """A name as compared across sheets: case and spacing do not count."""
    return " ".join(name.split()).casefold()
