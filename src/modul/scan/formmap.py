"""What the reader needs of a printed form (docs: /notes scan contract): the geometry of
its pages, given by the print side's form map, and the label its QR code carries.

The form map is taken through an interface, not imported: `Maps` is any function
`(edition, role, document) -> FormMap`, and the shapes below are what the reader reads of
it, so the print side's frozen dataclasses (`modul.engine.forms`) fit as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, cast

DOCUMENTS = ("pretest", "posttest", "evaluation")  # the documents printed to be read back
NUMBER_FIELDS = ("nomor_puluhan", "nomor_satuan")  # a blank test's participant number
PAYLOAD = re.compile(
    r"^MODUL1;([a-z0-9-]+);([a-z0-9-]+);([a-z0-9-]+);([0-9a-f]{8});([1-9][0-9]{0,2});"
    r"([0-9]{1,6})$"
)


class Box(Protocol):
    """One tick box, PDF points, origin bottom-left of the page."""

    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def w(self) -> float: ...
    @property
    def h(self) -> float: ...


class PageMap(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def markers(self) -> Mapping[int, tuple[float, float, float]]: ...
    @property
    def qr(self) -> tuple[float, float, float]: ...
    @property
    def boxes(self) -> Sequence[Box]: ...
    @property
    def version(self) -> str: ...


class FormMap(Protocol):
    @property
    def edition(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def document(self) -> str: ...
    @property
    def pages(self) -> Sequence[PageMap]: ...


Maps = Callable[[str, str, str], FormMap]  # (edition, role, document) -> its form map


@dataclass(frozen=True)
class Label:
    """What a page's QR code says."""

    edition: str
    role: str
    document: str
    version: str
    page: int  # 1-based within the document
    participant: int  # the `No` of a personalised copy; 0 on a blank form

    def __str__(self) -> str:
        return f"{self.edition}/{self.role}/{self.document} p{self.page}"


def parse_label(text: str) -> Label | None:
    """The QR code's text as a Label, or None when it is not a modul form's."""
    found = PAYLOAD.match(text.strip())
    if not found:
        return None
    edition, role, document, version, page, participant = found.groups()
    return Label(edition, role, document, version, int(page), int(participant))


def page_of(form: FormMap, number: int) -> PageMap | None:
    return next((page for page in form.pages if page.number == number), None)


def project_maps(root: Path) -> Maps:
    """The form maps of the project at `root`, from the print side
    (`modul.engine.forms.form_map`), each laid out once."""
    from modul.engine.forms import form_map

    @cache
    def maps(edition: str, role: str, document: str) -> FormMap:
        return cast(FormMap, form_map(root, edition, role, document))

    return maps
