"""Shared by the review tests: a results workbook with rows in its sheet Tinjauan, written
as `modul scan` writes them (its filling API), and their crops beside it."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from modul.errors import relative
from modul.results.filling import Doubt, Entry, ScanBook


def png(width: int = 12, height: int = 8) -> bytes:
    """A small grey PNG, as a crop."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def add_review(root: Path, workbook: Path, entries: list[Entry]) -> None:
    """Fill `entries` into the workbook as `modul scan` does (their doubts into Tinjauan),
    and write a crop for every doubt that names one."""
    for entry in entries:
        for found in entry.doubts:
            if found.crop:
                crop = workbook.parent / found.crop
                crop.parent.mkdir(parents=True, exist_ok=True)
                crop.write_bytes(png())
    book = ScanBook(workbook, relative(workbook, root))
    book.fill(entries, replace_typed=False)
    book.save(root)


def sample(workbook: Path) -> list[Entry]:
    """Participant 3's Tes Awal: item 1 two marks (a crop), item 2 read; participant 4's
    Tes Akhir: item 5 faint; an evaluation form: Sesi 2 two marks; a blank Tes Awal page
    whose number was not read (its answers not written)."""
    crops = f"{workbook.stem}-tinjauan"

    def one(file: str, item: str, reason: str, crop: str = "") -> tuple[Doubt, ...]:
        return (Doubt(f"foto/{file}", 1, item, reason, f"{crops}/{crop}" if crop else ""),)

    return [
        Entry("Tes Awal", 3, {"2": "b"}, "foto/a.jpg", one("a.jpg", "1", "two", "a-1.png")),
        Entry("Tes Akhir", 4, {}, "foto/b.jpg", one("b.jpg", "5", "faint", "b-5.png")),
        Entry(
            "Evaluasi", None, {"Sesi 1": "4"}, "foto/e.jpg", one("e.jpg", "Sesi 2", "two", "e.png")
        ),
        Entry("Tes Awal", None, {}, "foto/c.jpg", one("c.jpg", "No", "number")),
    ]
