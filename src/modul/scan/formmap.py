"""What the reader needs of a printed form: the geometry of its pages, given by the print
side's form map, and the label its QR code carries.

The form map is the print side's (`modul.typeset.formmap`, laid out by
`modul.engine.forms`); the reader takes it through `Maps`, any function `(edition, role,
document) -> FormMap`, so its tests can hand it synthetic forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# the reader's modules take the form map's types from here (an explicit re-export)
from modul.typeset.formmap import Box as Box
from modul.typeset.formmap import FormMap as FormMap
from modul.typeset.formmap import PageMap as PageMap

DOCUMENTS = ("pretest", "posttest", "evaluation")  # the documents printed to be read back
NUMBER_FIELDS = ("nomor_puluhan", "nomor_satuan")  # a blank test's participant number
PAYLOAD = re.compile(
    r"^MODUL1;([a-z0-9-]+);([a-z0-9-]+);([a-z0-9-]+);([0-9a-f]{8});([1-9][0-9]{0,2});"
    r"([0-9]{1,6})$"
)

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
        return form_map(root, edition, role, document)

    return maps
