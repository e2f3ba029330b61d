"""A PDF written to disk object by object, so that a print file of 100,000 participants
never sits in memory (pikepdf and ReportLab build the whole document before saving).

Objects are numbered in the order they are written; objects copied from another PDF
(pikepdf) keep their references by a table from the source's numbers to the stream's,
one table per source, dropped when the source is done with. What stays in memory per
object is its offset (8 bytes) and per page its number (8 bytes).
"""

from __future__ import annotations

import copy
import hashlib
import zlib
from array import array
from decimal import Decimal
from typing import BinaryIO

import pikepdf

Memo = dict[tuple[int, int], int]  # a source's (object number, generation) → ours
CHUNK = 10_000  # entries of the cross-reference table written at a time


class PdfStream:
    """Write objects with `add`/`put`, copy pikepdf objects with `copy`, then `finish`."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.offsets = array("q", [0])  # object 0 is the free list's head
        self.written = 0
        self.digest = hashlib.sha256()  # of everything written: the file's /ID
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def branch(self, file: BinaryIO) -> PdfStream:
        """This stream as it is now, going on into `file`, which holds what was written so
        far: files that begin alike (each participant's worksheet) share that beginning."""
        other = copy.copy(self)
        other.file, other.offsets, other.digest = file, array("q", self.offsets), self.digest.copy()
        return other

    def reserve(self) -> int:
        """A number for an object written later with `put`."""
        self.offsets.append(0)
        return len(self.offsets) - 1

    def put(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.written
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def put_array(self, number: int, head: bytes, numbers: array[int], tail: bytes) -> None:
        """An object holding a long array of references (a page tree's /Kids), written a
        chunk at a time."""
        self.offsets[number] = self.written
        self._write(b"%d 0 obj\n%s[" % (number, head))
        for chunk in range(0, len(numbers), CHUNK):
            self._write(b" ".join(b"%d 0 R" % n for n in numbers[chunk : chunk + CHUNK]) + b" ")
        self._write(b"]%s\nendobj\n" % tail)

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.put(number, body)
        return number

    def add_stream(self, data: bytes, entries: bytes = b"") -> int:
        """A compressed stream with the dictionary `entries` (e.g. b"/Type /XObject")."""
        packed = zlib.compress(data)
        head = b"<< %s /Filter /FlateDecode /Length %d >>" % (entries, len(packed))
        return self.add(b"%s\nstream\n%s\nendstream" % (head, packed))

    def copy(self, obj: pikepdf.Object, memo: Memo) -> int:
        """Write `obj` and everything it refers to (once per `memo`); its number here."""
        if obj.is_indirect and obj.objgen in memo:
            return memo[obj.objgen]
        number = self.reserve()
        if obj.is_indirect:
            memo[obj.objgen] = number
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            entries = b" ".join(
                pikepdf.Name(key).unparse() + b" " + self._value(value, memo)
                for key, value in obj.stream_dict.items()
                if key != "/Length"
            )
            body = b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(raw), raw)
        else:
            body = self._value(obj, memo, top=True)
        self.put(number, body)
        return number

    def finish(self, root: int, info: int) -> None:
        """The cross-reference table and trailer; every reserved object must be put."""
        start = self.written
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for chunk in range(1, len(self.offsets), CHUNK):  # a million entries: not at once
            entries = self.offsets[chunk : chunk + CHUNK]
            self._write(b"".join(b"%010d 00000 n \n" % offset for offset in entries))
        ident = self.digest.hexdigest()[:32].encode()
        self._write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (len(self.offsets), root, info, ident, ident, start)
        )

    def _value(self, obj: object, memo: Memo, *, top: bool = False) -> bytes:
        if not isinstance(obj, pikepdf.Object):  # pikepdf hands numbers out as Python's
            return _number(obj)
        if obj.is_indirect and not top:
            return b"%d 0 R" % self.copy(obj, memo)
        if isinstance(obj, pikepdf.Dictionary):
            items = (
                pikepdf.Name(k).unparse() + b" " + self._value(v, memo) for k, v in obj.items()
            )
            return b"<< " + b" ".join(items) + b" >>"
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self._value(v, memo) for v in obj) + b"]"
        return bytes(obj.unparse())

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)
        self.written += len(data)


def _number(value: object) -> bytes:
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, Decimal | float):
        return f"{value:f}".rstrip("0").rstrip(".").encode() or b"0"
    if value is None:
        return b"null"
    raise TypeError(f"not a PDF value: {value!r}")
