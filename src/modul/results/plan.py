"""The layout of a results workbook, from the content it is made for: its sheets, their
header rows, the tests' keys. One description, used to write the workbook and to check
it when it comes back."""

from __future__ import annotations

from dataclasses import dataclass

from modul.content.model import LETTERS, Edition, Role, TestItem
from modul.layout.data import NO_BREAK, day_dates

GUIDE = "Petunjuk"
ATTENDANCE = "Kehadiran"
PRETEST = "Tes Awal"
POSTTEST = "Tes Akhir"
EVALUATION = "Evaluasi"
SHEETS = (GUIDE, ATTENDANCE, PRETEST, POSTTEST, EVALUATION)
KEY = "Kunci"  # the Nama cell of a test's key row
MARKS = ("H", "I", "S", "A")  # hadir, izin, sakit, alpa
FIRST_ROW = 2  # the first row under the header (a test's key row)
EVALUATION_HEAD_ROWS = 2  # the numbers, then the texts


@dataclass(frozen=True)
class TestPlan:
    sheet: str
    key: tuple[str, ...]  # in the sheet's printed order
    items: tuple[int, ...]  # for each column, the question's number on the Tes Awal
    choices: tuple[int, ...]  # for each column, how many choices its question has

    def letters(self, column: int = -1) -> tuple[str, ...]:
        """The answers a participant can give to the question of `column` (0-based), or
        to the question with the most choices."""
        return tuple(LETTERS[: self.choices[column] if column >= 0 else max(self.choices)])

    @property
    def header(self) -> tuple[str, ...]:
        return ("No", "Nama", *(str(n) for n in range(1, len(self.key) + 1)))


@dataclass(frozen=True)
class Plan:
    """Everything the workbook of one role in one edition holds before it is filled."""

    edition: str
    role: str
    role_name: str
    title: str  # the workshop's title
    days: tuple[str, ...]
    pretest: TestPlan
    posttest: TestPlan
    sessions: tuple[str, ...]
    statements: tuple[str, ...]
    questions: tuple[str, ...]
    scale: tuple[int, ...]  # ratings, lowest first
    scale_legend: tuple[tuple[int, str, str], ...]  # score, abbreviation, label
    blank_rows: int  # rows for names when there is no roster

    @property
    def attendance_header(self) -> tuple[str, ...]:
        return ("No", "Nama", "Asal", *self.days)

    @property
    def evaluation_header(self) -> tuple[str, ...]:
        sessions = [f"Sesi {n}" for n in range(1, len(self.sessions) + 1)]
        statements = [f"Umum {n}" for n in range(1, len(self.statements) + 1)]
        questions = [f"Saran {n}" for n in range(1, len(self.questions) + 1)]
        return ("No", *sessions, *statements, *questions)

    @property
    def evaluation_texts(self) -> tuple[str, ...]:
        return ("", *self.sessions, *self.statements, *self.questions)


def plan(edition: Edition, slug: str) -> Plan:
    """The workbook of role `slug` in `edition` (both known)."""
    role: Role = edition.roles[slug]
    workshop = edition.workshop
    dates = day_dates(edition.region.tanggal if edition.region else None, workshop.days)
    days = tuple(
        f"Hari {n} ({dates[n - 1]['date'].replace(NO_BREAK, ' ')})" if dates else f"Hari {n}"
        for n in range(1, workshop.days + 1)
    )
    scale = sorted(edition.worksheet.skala, key=lambda point: point.skor)
    timetable = workshop.pelaksanaan
    return Plan(
        edition=edition.slug,
        role=slug,
        role_name=role.nama,
        title=workshop.judul,
        days=days,
        pretest=_test(PRETEST, role.tes, range(len(role.tes))),
        posttest=_test(POSTTEST, role.tes_akhir, role.tes_akhir_order),
        sessions=tuple(s.judul for s in workshop.sesi if s.dinilai),
        statements=tuple(workshop.evaluasi.pernyataan),
        questions=tuple(workshop.evaluasi.pertanyaan),
        scale=tuple(point.skor for point in scale),
        scale_legend=tuple((p.skor, p.singkatan, p.label) for p in reversed(scale)),
        blank_rows=timetable.jumlah_peserta + timetable.cadangan,
    )


def _test(sheet: str, items: list[TestItem], order: range | list[int]) -> TestPlan:
    return TestPlan(
        sheet,
        tuple(item.jawaban for item in items),
        tuple(n + 1 for n in order),
        tuple(len(item.pilihan) for item in items),
    )
