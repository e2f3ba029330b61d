"""A faithful copy of the form map's dataclasses of the scan contract
(/work/notes/scan_contract.md), standing in for `modul.engine.forms` in the reader's tests
until the printing side is merged."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:  # one tick box, PDF points, origin bottom-left of the page
    field: str  # "tes_3", "sesi_2", "umum_4", "nomor_puluhan", "nomor_satuan"
    value: str  # "a".."d" for a test, "1".."4" for a rating, "0".."9" for a digit
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageMap:
    number: int  # 1-based page of the document
    width: float  # page size in points
    height: float
    markers: dict[int, tuple[float, float, float]]  # id -> (centre x, centre y, side)
    qr: tuple[float, float, float]  # (x, y, side) of the QR code
    boxes: tuple[Box, ...]
    version: str  # as printed in the QR


@dataclass(frozen=True)
class FormMap:
    edition: str
    role: str
    document: str
    pages: tuple[PageMap, ...]
