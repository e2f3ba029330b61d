"""The workshop plan (sessions, steps, timetable) and the worksheet plan (parts, scale,
scoring guide): the shared content of `content/workshop.yaml` and
`content/worksheet.yaml`, as immutable data with the sums the documents print.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AliasChoices, BeforeValidator, Field, StringConstraints

from modul.catalog import current_document_name
from modul.content.runsheet import Placed, schedule
from modul.content.types import Frozen, Minutes, Slug, Text, Texts

# A document handed out, by file name; an old name (kartu-nama) read as the new one, with a
# warning (reminders.renamed_documents).
HandedOut = Annotated[
    Slug, BeforeValidator(lambda v: current_document_name(v) if isinstance(v, str) else v)
]

# --- the workshop plan -----------------------------------------------------------------


class Step(Frozen):
    id: Slug | None = None  # optional: a region's overlay places a step `sebelum:`/`sesudah:` it
    menit: Minutes
    fasilitator: Text
    peserta: Text
    bahan: Texts = []
    bagikan: list[HandedOut] = []  # documents handed out in this step, by file name
    lembar_kerja: list[Slug] = []  # worksheet parts filled in during this step
    refleksi: list[Annotated[int, Field(strict=True, ge=1)]] = []  # pertanyaan_refleksi used
    renungan: Annotated[bool, Field(strict=True)] = False  # the role's discussion questions


class Session(Frozen):
    id: Slug
    judul: Text
    menit: Minutes
    pelaksana: Text | None = None  # who leads it, for the run-sheet
    tujuan: Annotated[Texts, Field(min_length=1)]
    metode: Annotated[Texts, Field(min_length=1)]
    bahan: Texts = []
    langkah: Annotated[list[Step], Field(min_length=1)]
    catatan: Texts = []
    # rated on the Formulir Evaluasi; false for the session that hands the form out
    dinilai: Annotated[bool, Field(strict=True)] = True


class AgendaRow(Frozen):
    session: Session
    start: int  # minutes of learning time before it, counted from the opening
    end: int
    day: int = 1  # and when it runs, as the run-sheet has it
    clock_start: str = ""
    clock_end: str = ""


# "08:30" (as a computer writes it) or "08.30" (EYD V); printed always as 08.30
Clock = Annotated[str, StringConstraints(strict=True, pattern=r"^([01]\d|2[0-3])[:.][0-5]\d$")]


class Break(Frozen):
    id: Slug | None = None  # optional: an `acara` is placed `setelah:` it (the energizer)
    setelah: Slug  # the session it follows
    menit: Minutes
    judul: Text


# Where an `acara` goes when it follows no session: the opening of the first day, the end
# of the last, the opening of every later day, the end of every earlier day.
Moment = Literal["awal_pelatihan", "akhir_pelatihan", "awal_hari", "akhir_hari"]


class Event(Frozen):
    """A row of the run-sheet that is not learning time (not in `total_menit`, not JPL):
    registration, the opening and closing protocol, an energizer, a kilas balik."""

    id: Slug
    judul: Text
    menit: Minutes
    pelaksana: Text | None = None
    rincian: Texts = []  # its order of events, e.g. Menyanyikan lagu Indonesia Raya
    bagikan: list[HandedOut] = []  # documents handed out in it (the Sertifikat)
    sebelum: Slug | None = None  # one of these three: a session, break or event id …
    setelah: Slug | None = None
    pada: Moment | None = None  # … or a moment of the day


class Timetable(Frozen):
    """When and for how many people the workshop runs: the run-sheet's input."""

    mulai: Clock  # start of each day, e.g. "08:00"
    jeda: list[Break] = []  # breaks, e.g. ISHOMA
    acara: list[Event] = []  # registration, opening, closing, energizer, kilas balik
    hari_baru: list[Slug] = []  # sessions that open a new day
    jumlah_peserta: Annotated[int, Field(strict=True, ge=1, le=10000)] = 25
    jumlah_fasilitator: Annotated[int, Field(strict=True, ge=1, le=100)] = 2
    cadangan: Annotated[int, Field(strict=True, ge=0, le=1000)] = 2  # spare copies


class RunRow(Frozen):
    """One line of the run-sheet: a new day, a session, a break or an event (`acara`),
    with clock times (EYD V: 08.30)."""

    kind: Literal["day", "session", "break", "event"]
    day: int
    start: str = ""
    end: str = ""
    title: str = ""
    session: Session | None = None
    event: Event | None = None
    handouts: list[str] = []  # documents handed out in it, by file name (`bagikan`)
    parts: list[str] = []  # worksheet parts filled in during it (`lembar_kerja`)


class Evaluation(Frozen):
    """The Formulir Evaluasi beyond one row per session: statements rated on the
    worksheet's scale and open questions."""

    pernyataan: Annotated[Texts, Field(min_length=1)]
    pertanyaan: Annotated[Texts, Field(min_length=1)]


class Workshop(Frozen):
    # the language modul speaks in this project; until 2026-12 `bahasa`, still read
    bahasa_pesan: Literal["id", "en"] = Field(
        "id", validation_alias=AliasChoices("bahasa_pesan", "bahasa")
    )
    judul: Text
    penyelenggara: Text
    tahun: Annotated[int, Field(strict=True, ge=2000, le=2100)]
    peserta: Text
    pengantar: Annotated[Texts, Field(min_length=1)]
    kata_pengantar: Texts = []  # the foreword of the facilitator's packet
    kata_pengantar_peserta: Texts = []  # the foreword of the participants' book
    tujuan: Annotated[Texts, Field(min_length=1)]
    persiapan: Texts = []
    total_menit: Minutes
    sesi: Annotated[list[Session], Field(min_length=1)]
    pertanyaan_refleksi: Texts = []
    evaluasi: Evaluation
    pelaksanaan: Timetable = Timetable(mulai="08:00")

    @property
    def agenda(self) -> list[AgendaRow]:
        """Sessions with their start and end minute, counted from the opening, and their
        day and clock times from the run-sheet (one computation for every document)."""
        timed = {row.session.id: row for row in self.run_sheet if row.session}
        rows, start = [], 0
        for session in self.sesi:
            at = timed.get(session.id)
            rows.append(
                AgendaRow(
                    session=session,
                    start=start,
                    end=start + session.menit,
                    day=at.day if at else 1,
                    clock_start=at.start if at else "",
                    clock_end=at.end if at else "",
                )
            )
            start += session.menit
        return rows

    @property
    def run_sheet(self) -> list[RunRow]:
        """Clock times of every session, break and event, day by day, from `pelaksanaan`
        (content.runsheet places them)."""
        given = {d for e in self.pelaksanaan.acara for d in e.bagikan}  # not in a session
        return [
            _row(p, given) if isinstance(p, Placed) else RunRow(kind="day", day=p)
            for p in schedule(self.sesi, self.pelaksanaan).placed
        ]

    @property
    def days(self) -> int:
        """Days the workshop runs: the first, and one more for each `hari_baru`."""
        ids = {s.id for s in self.sesi}
        return 1 + len(set(self.pelaksanaan.hari_baru) & ids)

    @property
    def materials(self) -> list[str]:
        """Every material named by a session, once, in order of first use."""
        return list(dict.fromkeys(m for s in self.sesi for m in s.bahan))


def _row(placed: Placed, given: set[str]) -> RunRow:
    """A row of the run-sheet; a document an event hands out is named there only."""
    item, start = placed.item, placed.clock
    row = RunRow(kind=placed.kind, day=placed.day, title=item.judul, start=_clock(start))
    update: dict[str, object] = {"end": _clock(start + item.menit)}
    if isinstance(item, Session):
        steps = item.langkah
        handed = (d for s in steps for d in s.bagikan if d not in given)
        update |= {"session": item, "handouts": list(dict.fromkeys(handed))}
        update["parts"] = list(dict.fromkeys(p for s in steps for p in s.lembar_kerja))
    elif isinstance(item, Event):
        update |= {"event": item, "handouts": item.bagikan}
    return row.model_copy(update=update)


def _clock(minutes: int) -> str:
    """A time of day as EYD V writes it: 08.30 (a full stop, never a colon)."""
    return f"{minutes // 60 % 24:02d}.{minutes % 60:02d}"


# --- the worksheet plan (Lembar Kerja) -------------------------------------------------

PartKind = Literal[
    "ekspektasi_realita",
    "apakah_saya_cocok",
    "kuis_miskonsepsi",
    "perbandingan_profesi",
    "rencana_tindak_lanjut",
]


class WorksheetPart(Frozen):
    id: Slug
    kode: Text
    judul: Text
    jenis: PartKind
    tujuan: Text
    petunjuk: Annotated[Texts, Field(min_length=1)]
    menit: Minutes


class ScalePoint(Frozen):
    singkatan: Text
    label: Text
    skor: Annotated[int, Field(strict=True, ge=0)]


class ScoreBand(Frozen):
    rata_rata_minimal: Annotated[float, Field(ge=0)]
    judul: Text
    arti: Text


class ScoreRange(Frozen):
    low: int
    high: int
    band: ScoreBand


class WorksheetPlan(Frozen):
    bagian: Annotated[list[WorksheetPart], Field(min_length=1)]
    skala: Annotated[list[ScalePoint], Field(min_length=4)]
    pedoman_skor: Annotated[list[ScoreBand], Field(min_length=2)]
    baris_tindak_lanjut: Annotated[int, Field(strict=True, ge=1, le=12)] = 4

    def part(self, kind: str) -> WorksheetPart | None:
        """The part of this kind (`jenis`), if the worksheet has one."""
        return next((p for p in self.bagian if p.jenis == kind), None)

    def by_id(self, ident: str) -> WorksheetPart | None:
        return next((p for p in self.bagian if p.id == ident), None)

    @property
    def reversed_scale(self) -> list[ScalePoint]:
        """The scale with scores mirrored, for negatively worded statements."""
        scores = [p.skor for p in self.skala]
        return [p.model_copy(update={"skor": s}) for p, s in zip(self.skala, reversed(scores))]

    def score_ranges(self, statements: int) -> list[ScoreRange]:
        """Total-score ranges per band for a role with `statements` statements.

        Bands are written as a minimum *average* per statement, so one scoring guide
        fits every role whatever its number of statements.
        """
        top = max(p.skor for p in self.skala) * statements
        lows = [math.ceil(b.rata_rata_minimal * statements - 1e-9) for b in self.pedoman_skor]
        highs = [low - 1 for low in lows[1:]] + [top]
        return [
            ScoreRange(low=lo, high=hi, band=b) for lo, hi, b in zip(lows, highs, self.pedoman_skor)
        ]
