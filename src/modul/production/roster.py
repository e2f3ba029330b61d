"""Personalised worksheets from a participant list (CSV, as Excel or a phone saves it).

The worksheet is laid out once. Each participant's name is then stamped onto copies of
its pages: the pages are form XObjects stored once in the print file (pikepdf), and the
stamps (the "Nama" and "Desa" fields, a header line, see `stamps`) are drawn by ReportLab in
one small document whose font is shared by all of them. Layout is never run per
participant.
"""

from __future__ import annotations

import copy
import io
import zlib
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pikepdf

from modul.content.participants import Participant, Roster
from modul.errors import Problem, relative, warning
from modul.i18n import _
from modul.layout.theme import Theme
from modul.output import writing_beside
from modul.production.outputs import Output
from modul.production.pdfstream import Memo, PdfStream
from modul.production.stamps import Stamps, name_fields
from modul.typeset.glyphs import Faces
from modul.typeset.scanmarks import Marks

BATCH = 200  # participants stamped at a time: memory stays the same for any list


def personalised(
    worksheet: bytes,
    form: bytes,
    roster: Roster,
    *,
    faces: Faces,
    header: str,
    theme: Theme,
    merged: Path,
    single: Callable[[int, Participant], Path],
    root: Path,
    marks: Marks | None = None,
) -> Iterator[Output]:
    """Each participant's worksheet as soon as it is stamped (to `single(n, person)`),
    then the print file of all (to `merged`, with the warnings of names that do not
    fit), written to disk as it grows: memory does not grow with the list.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" and "Desa" fields say where the name and village (`asal`) go. `header`, with
    "{nama}" and "{asal}" replaced, is printed on the pages that have no "Nama" field.
    On a form read back (`marks`, the layout's), each page's QR code carries the
    participant's number (their row in the list, from 1).

    Every page is form XObjects: the worksheet page (stored once), the participant's
    header line, name and village (stored once per participant, placed at each "Nama"
    and "Desa" field). Names are stamped BATCH at a time.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    box = base.pages[0].mediabox
    fields = name_fields(form, theme)
    stamps = Stamps(faces, theme, float(box[2]), float(box[3]), fields, roster, marks)
    if not fields.corners:
        stamps.warnings.append(_no_name_field(relative(merged, root)))
    sheets = _own_forms(base)
    placements = [
        _placement(fields.names.corners.get(n, []), fields.villages.corners.get(n, []), marks)
        for n in range(len(sheets))
    ]
    each = 3 + (len(sheets) if marks else 0)  # stamps per participant
    people, pages = roster.participants, len(sheets)
    size = roster.per_file or len(people) or 1
    parts = range(0, max(len(people), 1), size)
    said = 0  # warnings given with the print files so far
    for number, first in enumerate(parts, 1):
        group = people[first : first + size]
        path = merged if len(parts) == 1 else _part(merged, number, len(parts))
        with writing_beside(path, root) as (file, tmp):
            pdf = _PrintFile(PdfStream(file), base, sheets, placements)
            for start in range(first, first + len(group), BATCH):
                batch = people[start : min(start + BATCH, first + len(group))]
                drawn = pikepdf.open(io.BytesIO(stamps.draw(batch, header, first=start + 1)))
                made = _own_forms(drawn)  # header, name, village, the pages' QR codes; header, …
                copies = _Copies(base, sheets, placements, _shared(made))
                memo: Memo = {}  # the batch's font, written once
                for n, person in enumerate(batch):
                    stamp = made[each * n : each * (n + 1)]
                    pdf.add_participant(stamp, memo)
                    yield Output(single(start + n + 1, person), copies.of(stamp), pages)
            pdf.finish()
        yield Output(path, b"", pages * len(group), stamps.warnings[said:], written=tmp)
        said = len(stamps.warnings)


def _no_name_field(shown: str) -> Problem:
    """The worksheet has no "Nama" field: the names are only in the line at the top."""
    return warning(
        shown,
        message=_(
            "the worksheet has no form field `nama`, so the participants' names are "
            "printed only in the line at the top of each page"
        ),
        hint=_(
            'name the field of the participant\'s name in the layout: <field label="…" '
            'name="nama"/>'
        ),
    )


def _part(merged: Path, number: int, parts: int) -> Path:
    """lembar-kerja-peserta-01.pdf, … : numbered with as many digits as the last."""
    return merged.with_name(f"{merged.stem}-{number:0{len(str(parts))}d}.pdf")


class _PrintFile:
    """All participants' pages in one PDF, written as they come."""

    def __init__(
        self,
        out: PdfStream,
        base: pikepdf.Pdf,
        sheets: list[pikepdf.Object],
        placements: list[bytes],
    ) -> None:
        self.out, self.base = out, base
        self.tree = out.reserve()
        shared: Memo = {}
        self.sheets = [out.copy(sheet, shared) for sheet in sheets]
        self.placements = [out.add_stream(p) for p in placements]
        self.box = out.add(bytes(pikepdf.Array(base.pages[0].mediabox).unparse()))
        self.kids = array("q")

    def add_participant(self, stamps: list[pikepdf.Object], memo: Memo) -> None:
        """A participant's pages: `stamps` are their header, name and village, then (on a
        form read back) each page's QR code."""
        marks = [self.out.copy(mark, memo) for mark in stamps]
        codes: list[int] = marks[3:] or [0] * len(self.sheets)
        for sheet, placement, code in zip(self.sheets, self.placements, codes, strict=True):
            forms = b"/Worksheet %d 0 R /Header %d 0 R /Name %d 0 R /Village %d 0 R" % (
                sheet,
                *marks[:3],
            )
            forms += b" /Qr %d 0 R" % code if code else b""
            self.kids.append(
                self.out.add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox %d 0 R /Contents %d 0 R "
                    % (self.tree, self.box, placement)
                    + b"/Resources << /XObject << "
                    + forms
                    + b" >> >> >>"
                )
            )

    def branch(self, file: BinaryIO) -> _PrintFile:
        """This print file as it is now, going on into `file` (see PdfStream.branch)."""
        other = copy.copy(self)
        other.out, other.kids = self.out.branch(file), array("q")
        return other

    def finish(self) -> None:
        tail = b" /Count %d >>" % len(self.kids)
        self.out.put_array(self.tree, b"<< /Type /Pages /Kids ", self.kids, tail)
        catalog = self.out.add(b"<< /Type /Catalog /Pages %d 0 R >>" % self.tree)
        self.out.finish(catalog, self.out.copy(self.base.docinfo, {}))


class _Copies:
    """One participant's worksheet: the same pages for everyone, only the stamps change.
    What a batch's files share (the worksheet's pages, the stamps' font) is written
    once; each file is that beginning, then the participant's two stamps, pages and
    cross-reference table (pikepdf would write the whole file for every participant)."""

    def __init__(
        self,
        base: pikepdf.Pdf,
        sheets: list[pikepdf.Object],
        placements: list[bytes],
        shared: list[pikepdf.Object],
    ) -> None:
        beginning = io.BytesIO()
        self.start = _PrintFile(PdfStream(beginning), base, sheets, placements)
        self.memo: Memo = {}
        for obj in shared:
            self.start.out.copy(obj, self.memo)
        self.beginning = beginning.getvalue()

    def of(self, stamps: list[pikepdf.Object]) -> bytes:
        file = io.BytesIO(self.beginning)
        file.seek(0, io.SEEK_END)
        pdf = self.start.branch(file)
        pdf.add_participant(stamps, dict(self.memo))  # this file's numbers
        pdf.finish()
        return file.getvalue()


def _shared(stamps: list[pikepdf.Object]) -> list[pikepdf.Object]:
    """What the stamps of a batch refer to in common (ReportLab's font dictionary)."""
    found: dict[tuple[int, int], pikepdf.Object] = {}
    for stamp in stamps:
        resources = stamp.get("/Resources", pikepdf.Dictionary())
        for value in [resources] if resources.is_indirect else resources.values():
            if value.is_indirect:
                found[value.objgen] = value
    return list(found.values())


def _own_forms(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """`pdf`'s pages as compressed form XObjects of `pdf`."""
    forms = []
    for page in pdf.pages:
        form = pdf.make_indirect(page.as_form_xobject())
        if "/Filter" not in form:  # as_form_xobject leaves the content decoded
            form.write(zlib.compress(form.read_bytes()), filter=pikepdf.Name.FlateDecode)
        forms.append(form)
    return forms


def _placement(
    names: list[tuple[float, float]], villages: list[tuple[float, float]], marks: Marks | None
) -> bytes:
    """Content of a page: the worksheet page, the name and village in their fields; the
    line naming the participant at the top only where the page has no "Nama" field; on a
    form read back, the participant's QR code over the blank's."""
    header = b"" if names else b" q /Header Do Q"
    stamps = [(b"Name", xy) for xy in names] + [(b"Village", xy) for xy in villages]
    placed = b"".join(b" q 1 0 0 1 %.2f %.2f cm /%s Do Q" % (*xy, kind) for kind, xy in stamps)
    return b"q /Worksheet Do Q" + header + placed + (b" q /Qr Do Q" if marks else b"")
