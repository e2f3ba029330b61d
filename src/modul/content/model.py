"""The typed, immutable content model that templates read: plain frozen data.

Field names are the keys a trainer writes in the YAML files, so they are Indonesian.
Validation of one file happens here (types, required keys, unknown keys); checks that
span files (minutes that must add up, references between files) live in `checks`.
Where each value came from is kept beside the model, in `provenance`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field

from modul.content.plans import WorksheetPlan, Workshop
from modul.content.types import Frozen, Text, Texts
from modul.paper import Paper

LETTERS = "abcd"  # the letters of a test question's choices

# --- roles -----------------------------------------------------------------------------


class Misconception(Frozen):
    klaim: Text
    kebenaran: Text


class ExpectationReality(Frozen):
    ekspektasi: Text
    realita: Text
    tambahan: Annotated[bool, Field(strict=True)] = False  # written for the training, not a seed


class Comparison(Frozen):
    profesi: Text
    pengantar: Text | None = None
    perbedaan: Text


class SelfAssessmentStatement(Frozen):
    pernyataan: Text
    terbalik: Annotated[bool, Field(strict=True)] = False


class QuizItem(Frozen):
    pernyataan: Text
    jawaban: Literal["benar", "salah"]
    penjelasan: Text


class TestItem(Frozen):
    """A multiple-choice question of the Tes Awal and Tes Akhir."""

    soal: Text
    pilihan: Annotated[Texts, Field(min_length=3, max_length=4)]
    jawaban: Literal["a", "b", "c", "d"]


class Role(Frozen):
    """One job role: the seed sentences plus the exercises written for it."""

    nama: Text
    deskripsi: Annotated[Texts, Field(min_length=1)]
    tugas_utama: Annotated[Texts, Field(min_length=1)]
    tugas_lain: Texts = []
    cocok: Annotated[Texts, Field(min_length=1)]
    tidak_cocok: Texts = []
    miskonsepsi: list[Misconception] = []
    ekspektasi_realita: Annotated[list[ExpectationReality], Field(min_length=1)]
    perbedaan_profesi: list[Comparison] = []
    penilaian_diri: Annotated[list[SelfAssessmentStatement], Field(min_length=4)]
    kuis: Annotated[list[QuizItem], Field(min_length=1)]
    tes: Annotated[list[TestItem], Field(min_length=1)]
    pertanyaan_diskusi: Texts = []

    @property
    def reversed_numbers(self) -> list[int]:
        """1-based numbers of the reverse-scored self-assessment statements."""
        return [n for n, s in enumerate(self.penilaian_diri, 1) if s.terbalik]

    @property
    def tes_akhir(self) -> list[TestItem]:
        """The Tes Awal's questions shuffled (`tes_akhir_order`: no question keeps its
        number), each with its choices turned round so that its answer has another letter,
        the Tes Akhir's answer letters spread as evenly as can be (`turned_choices`): no
        letter a guess can bank on."""
        used: Counter[str] = Counter()
        turned = []
        for n in self.tes_akhir_order:
            turned.append(turned_choices(self.tes[n], used))
            used[turned[-1].jawaban] += 1
        return turned

    @property
    def tes_akhir_order(self) -> list[int]:
        """The Tes Awal's question indices in the Tes Akhir's order: sorted by a hash of
        each question (a shuffle that stays the same from build to build and changes only
        with the questions), then any question left at its own number swapped with the
        next, so that none keeps it."""
        order = sorted(
            range(len(self.tes)), key=lambda n: sha256(self.tes[n].soal.encode()).digest()
        )
        for place in range(len(order)):
            if order[place] == place:
                other = (place + 1) % len(order)
                order[place], order[other] = order[other], order[place]
        return order

    @property
    def tes_akhir_numbers(self) -> list[int]:
        """For each Tes Awal question, in order, its number on the Tes Akhir."""
        order = self.tes_akhir_order
        return [order.index(n) + 1 for n in range(len(order))]


def turned_choices(item: TestItem, used: Counter[str]) -> TestItem:
    """The item with its choices turned round by 1, 2, … places (never by all of them, so
    that its answer has another letter): by the turn that gives its answer the letter
    `used` least so far, the smallest such turn if several do; the answer's letter follows
    its text."""
    count = len(item.pilihan)
    right = LETTERS.index(item.jawaban)
    turn = min(range(1, count), key=lambda t: (used[LETTERS[(right - t) % count]], t))
    return item.model_copy(
        update={
            "pilihan": [*item.pilihan[turn:], *item.pilihan[:turn]],
            "jawaban": LETTERS[(right - turn) % count],
        }
    )


# --- the glossary ------------------------------------------------------------------------


class Term(Frozen):
    kata: Text
    arti: Text


class Glossary(Frozen):
    """`content/istilah.yaml`: words a village participant may not know, explained."""

    istilah: Annotated[list[Term], Field(min_length=1)]


# --- regions and editions ------------------------------------------------------------


class Signatory(Frozen):
    nama: Text
    jabatan: Text
    nip: Text | None = None  # a civil servant's number, printed under the name


# a labels file's name, or two joined by "+" (bilingual titles, the first language
# first); checked against layouts/labels/ by content.regions
Language = Text


class Region(Frozen):
    """A province or district: its settings from `content/regions/<slug>/region.yaml`."""

    nama: Text
    penyelenggara: Text
    mitra: Texts = []
    tempat: Text | None = None
    tanggal: Text | None = None  # e.g. "8 Juni 2026" or "8–9 Juni 2026"
    zona_waktu: Literal["WIB", "WITA", "WIT"] | None = None  # of the run-sheet's clock times
    kertas: Paper | None = None
    # the language of the labels on the participants' papers and on the facilitators'
    # (catalog.yaml: each document's `audience`): a file of layouts/labels/, or two
    # joined by "+" for bilingual titles ("id+en": "Persiapan / Preparation")
    bahasa_peserta: Language | None = None
    bahasa_fasilitator: Language | None = None
    # until 2026-12 one language for both (and before that `bahasa`): still read, with a
    # warning (reminders.renamed_keys); the two keys above, when written, win
    bahasa_label: Language | None = Field(
        None, validation_alias=AliasChoices("bahasa_label", "bahasa")
    )
    logo: Text | None = None
    label: dict[str, Text] = {}  # fixed texts replaced for this region, e.g. "village"
    penandatangan: Annotated[list[Signatory], Field(max_length=3)] = []  # of the certificates
    # the certificates' number, with {nomor} for the running number ({nomor:04d}: four
    # digits), e.g. "414/{nomor:04d}/DPMD/VI/2026"; checked by content.certificates
    nomor_sertifikat: Text | None = None
    nomor_awal: Annotated[int, Field(strict=True, ge=1, le=10_000_000)] = 1  # the first one
    # the sessions and their times on the back of each certificate (printed both-sided)
    sertifikat_materi: Annotated[bool, Field(strict=True)] = False

    @property
    def language_parts(self) -> list[str]:
        """Every labels file this region prints with (participants' first)."""
        written = [self.bahasa_peserta, self.bahasa_fasilitator, self.bahasa_label or "id"]
        return [part.strip() for value in written if value for part in value.split("+")]


@dataclass(frozen=True)
class Edition:
    """The content for one audience: the national set, or the national set with one
    region's overlay applied."""

    slug: str  # NATIONAL or the region's slug
    workshop: Workshop
    worksheet: WorksheetPlan
    roles: dict[str, Role]
    region: Region | None = None
    glossary: list[Term] = field(default_factory=list)  # printed at the end of the handout
    folder: Path | None = None  # the region's folder
    logo: Path | None = None  # checked: inside the region's folder, PNG or JPEG

    @property
    def languages(self) -> dict[str, str]:
        """The labels' language by audience (`participant`, `facilitator`)."""
        region = self.region
        if region is None:
            return {"participant": "id", "facilitator": "id"}
        both = region.bahasa_label or "id"
        return {
            "participant": region.bahasa_peserta or both,
            "facilitator": region.bahasa_fasilitator or both,
        }

    @property
    def language(self) -> str:
        """The participants' language: that of every page handed out."""
        return self.languages["participant"]
