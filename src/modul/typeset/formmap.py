"""Where the tick boxes, corner markers and QR code of a form read back by `modul scan`
are on its pages (the form map; layouts/README.md, "Forms read back"): plain data, in PDF
points with the origin at the page's bottom-left, and the content version printed in
every page's QR code."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

PAYLOAD_PREFIX = "MODUL1"
TEXT_TAGS = ("question", "option", "item")  # the texts a reader answers
SCALE_TAGS = ("choices",)  # their options (SS, S, …) and values belong to the content


@dataclass(frozen=True)
class Box:
    """One tick box: its field ("tes_3", "sesi_2", "nomor_satuan") and the value a tick
    in it means ("a", "4", "7"), and its square."""

    field: str
    value: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageMap:
    number: int  # 1-based page of the document
    width: float
    height: float
    markers: dict[int, tuple[float, float, float]]  # ArUco id → centre x, centre y, side
    qr: tuple[float, float, float]  # x, y (bottom-left), side of the QR symbol
    boxes: tuple[Box, ...]
    version: str  # as printed in the QR code


@dataclass(frozen=True)
class FormMap:
    edition: str
    role: str
    document: str
    pages: tuple[PageMap, ...]


@dataclass(frozen=True)
class ScanIdentity:
    """What a form's QR code names: the edition, role and document; the participant's
    number on a personalised copy (0: a blank form)."""

    edition: str
    role: str
    document: str

    def payload(self, version: str, page: int, participant: int = 0) -> str:
        return ";".join(
            (PAYLOAD_PREFIX, self.edition, self.role, self.document, version, str(page))
            + (str(participant),)
        )


def form_texts(document: ET.Element) -> list[str]:
    """The texts of the questions, options and statements, and each scale's options, in
    their order: a page printed from other words does not match the map."""
    texts = []
    for element in document.iter():
        if element.tag in TEXT_TAGS:
            own = element.text or ""
            inner = "".join(
                "".join(child.itertext()) + (child.tail or "")
                for child in element
                if child.tag not in TEXT_TAGS
            )
            texts.append(f"{element.tag}:{' '.join((own + inner).split())}")
        elif element.tag in SCALE_TAGS:
            texts.append(f"{element.tag}:{element.get('options', '')}:{element.get('values', '')}")
    return texts


def version_of(
    sizes: Iterable[tuple[float, float]], boxes: Iterable[tuple[int, Box]], texts: Iterable[str]
) -> str:
    """The first 8 hex digits of sha256 over the page sizes, the boxes (positions to
    0.1 pt) and the texts."""
    digest = hashlib.sha256()
    for width, height in sizes:
        digest.update(f"page {width:.1f} {height:.1f}\n".encode())
    for page, b in sorted(boxes, key=lambda pb: (pb[0], pb[1].field, pb[1].value)):
        digest.update(
            f"box {page} {b.field} {b.value} {b.x:.1f} {b.y:.1f} {b.w:.1f} {b.h:.1f}\n".encode()
        )
    for text in texts:
        digest.update(f"text {text}\n".encode())
    return digest.hexdigest()[:8]
