"""What templates see: the content as plain frozen data, never the model's objects.

A template from a shared region pack is someone else's code. The model's objects carry
methods (pydantic's among them, some of which read files or unpickle); records, tuples,
strings and numbers carry none a template may call. Values the templates need that
the model works out (the agenda, the Tes Akhir's order, score ranges) are worked out
here, once per edition, and handed over as data too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any, get_args

from pydantic import BaseModel

from modul.content.certificates import issue_date
from modul.content.checks import MONTHS, calendar_days
from modul.content.model import Edition, Region, Role
from modul.content.plans import PartKind, WorksheetPlan, Workshop

PART_KINDS: tuple[str, ...] = get_args(PartKind)


class Record(Mapping[str, Any]):
    """A frozen mapping whose keys templates read as attributes (`role.nama`)."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[str, Any]) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Record({self._items!r})"

    def __reduce__(self) -> tuple[type[Record], tuple[dict[str, Any]]]:
        return Record, (self._items,)


class Items(tuple[Any, ...]):
    """A frozen list of plain data (told apart from a tuple that may hold anything)."""

    __slots__ = ()


_PLAIN = {str, int, float, bool, type(None), Record, Items}


def freeze(value: Any) -> Any:
    """`value` as plain frozen data: models, dataclasses and mappings become records,
    lists and tuples items; anything else that is not plain data is refused (a bug in
    modul). What is frozen already is returned as it is, at no cost."""
    kind = type(value)  # the common kinds by type first: a national check freezes millions
    if kind in _PLAIN:
        return value
    if kind is dict:
        return Record({str(k): freeze(v) for k, v in value.items()})
    if kind is list or kind is tuple:
        return Items([freeze(v) for v in value])
    if isinstance(value, BaseModel):
        return freeze(value.model_dump())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return Record({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple | range):
        return Items([freeze(v) for v in value])
    if isinstance(value, str | int | float):  # a subclass: Markup, an enum of texts
        return value
    raise TypeError(f"not plain data for a template: {type(value).__name__}")


def _record(items: dict[str, Any]) -> Record:
    return Record({key: freeze(value) for key, value in items.items()})


def edition_data(edition: Edition) -> dict[str, Any]:
    """The edition's content as templates see it, roles by slug."""
    return {
        "roles": {slug: _role(role, edition.worksheet) for slug, role in edition.roles.items()},
        "workshop": _workshop(edition.workshop, edition.region),
        "worksheet": _worksheet(edition.worksheet),
        "glossary": freeze(edition.glossary),
        "region": _region(edition.region),
    }


NO_BREAK = "\u00a0"
_DATE_SPACE = re.compile(r"(?<=\d) +(?=\w)|(?<=\w) +(?=\d)")  # "8 Juni", "Juni 2026"


def unbroken_date(text: str) -> str:
    """A date that is never broken across lines: "8 Juni 2026", "8–9 Juni 2026" with
    non-breaking spaces between a number and a word (a place before it may still break:
    "Kupang, 8 Juni 2026")."""
    return _DATE_SPACE.sub(NO_BREAK, text)


# "Provinsi Nusa Tenggara Timur", "Kabupaten Lombok Timur": a place's name after the word
# that says what it is, never broken across lines in a signatory's jabatan.
_PLACE = re.compile(r"\b(Provinsi|Kabupaten|Kota|Province|Regency|City)((?: [A-Z][\w'-]*)+)")


def unbroken_place(text: str) -> str:
    return _PLACE.sub(lambda m: m.group(1) + m.group(2).replace(" ", NO_BREAK), text)


def _region(region: Region | None) -> Record | None:
    """The region's settings, its dates unbroken, and the day its certificates are signed
    (`tanggal_terbit`)."""
    if region is None:
        return None
    dates = region.tanggal
    dated = (
        {"tanggal": unbroken_date(dates), "tanggal_terbit": unbroken_date(issue_date(dates))}
        if dates
        else {"tanggal_terbit": None}
    )
    signatories = [
        {**signatory.model_dump(), "jabatan": unbroken_place(signatory.jabatan)}
        for signatory in region.penandatangan
    ]
    return _record({**region.model_dump(), **dated, "penandatangan": signatories})


def _role(role: Role, worksheet: WorksheetPlan) -> Record:
    return _record(
        {
            **role.model_dump(),
            "reversed_numbers": role.reversed_numbers,
            "tes_akhir": role.tes_akhir,
            "tes_akhir_numbers": role.tes_akhir_numbers,
            "score_ranges": worksheet.score_ranges(len(role.penilaian_diri)),
        }
    )


def _workshop(workshop: Workshop, region: Region | None) -> Record:
    return _record(
        {
            **workshop.model_dump(),
            "agenda": workshop.agenda,
            "run_sheet": workshop.run_sheet,
            "days": workshop.days,
            "materials": workshop.materials,
            "dates": day_dates(region.tanggal if region else None, workshop.days),
        }
    )


_LAST_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$")


def day_dates(text: str | None, days: int) -> list[dict[str, Any]]:
    """Each day of the workshop with its weekday (0 = Monday) and date ("8 Juni 2026",
    unbroken), when the region's `tanggal` reads as exactly `days` calendar days; else
    none (the forms then leave a line to write the date on)."""
    found = _LAST_DATE.search(text or "")
    if not text or not found or calendar_days(text) != days:
        return []
    day, month, year = found.groups()
    last = date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    dates = [last - timedelta(days=days - 1 - n) for n in range(days)]
    return [
        {
            "weekday": d.weekday(),
            "date": unbroken_date(f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"),
        }
        for d in dates
    ]


def _worksheet(worksheet: WorksheetPlan) -> Record:
    return _record(
        {
            **worksheet.model_dump(),
            "reversed_scale": worksheet.reversed_scale,
            "by_id": {part.id: part for part in worksheet.bagian},
            # Every kind, None where the worksheet has no part of it: `{% if %}` asks.
            "by_kind": {kind: worksheet.part(kind) for kind in PART_KINDS},
        }
    )
