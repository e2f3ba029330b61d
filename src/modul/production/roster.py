"""Personalised worksheets from a participant list (CSV, as Excel or a phone saves it).

The worksheet is laid out once. Each participant's name is then stamped onto copies of
its pages: the pages are form XObjects stored once in the print file (pikepdf), and the
stamps (a header line and the "Nama" fields) are drawn by ReportLab in one small
document whose font is shared by all of them. Layout is never run per participant.

A name always fits its field: it is set smaller, down to the theme's minimum, then on
two or three lines; a name too long even so is shortened and warned about, with its
row. The header line is kept clear of the running head.
"""

from __future__ import annotations

import copy
import io
import re
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import BinaryIO

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from modul.content.participants import Participant, Roster
from modul.errors import Problem, relative, warning
from modul.i18n import _
from modul.layout.theme import Theme
from modul.output import writing_beside
from modul.production.outputs import Output
from modul.production.pdfstream import Memo, PdfStream
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import MM
from modul.typeset.pdf import fit_line  # also ReportLab's settings for the stamps
from modul.typeset.proof import ASCENT, DESCENT

LINE_GAP = 1.15  # baseline to baseline of a name on two lines, times its size
MAX_WORDS_SPLIT = 30  # a name of more words is shortened, not cut into lines
BATCH = 200  # participants stamped at a time: memory stays the same for any list

IDENTITY_FIELD = re.compile(r"^nama(_\d+)?$")  # the "Nama" fields of the fillable form


@dataclass(frozen=True)
class NameFields:
    """Where the "Nama" fields of the worksheet are: the name is stamped on each."""

    corners: dict[int, list[tuple[float, float]]]  # page index → lower-left corners
    width: float  # of the narrowest field: one stamp serves them all
    height: float  # room above a field's line: its row, less the name's distance to it


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
) -> Iterator[Output]:
    """Each participant's worksheet as soon as it is stamped (to `single(n, person)`),
    then the print file of all (to `merged`, with the warnings of names that do not
    fit), written to disk as it grows: memory does not grow with the list.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" fields say where names go. `header` is printed on every page, with "{nama}"
    and "{asal}" replaced.

    Every page is three form XObjects: the worksheet page (stored once), the
    participant's header line and name (stored once per participant, the name placed at
    each "Nama" field). Names are stamped BATCH at a time.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    box = base.pages[0].mediabox
    fields = _name_fields(form, theme)
    stamps = _Stamps(faces, theme, float(box[2]), float(box[3]), fields, roster)
    if not fields.corners:
        stamps.warnings.append(_no_name_field(relative(merged, root)))
    sheets = _own_forms(base)
    placements = [_placement(fields.corners.get(n, [])) for n in range(len(sheets))]
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
                marks_pdf = pikepdf.open(io.BytesIO(stamps.draw(batch, header)))
                marks = _own_forms(marks_pdf)  # header, name; header, name; …
                copies = _Copies(base, sheets, placements, _shared(marks))
                memo: Memo = {}  # the batch's font, written once
                for n, person in enumerate(batch):
                    stamp = marks[2 * n], marks[2 * n + 1]
                    pdf.add_participant(*stamp, memo)
                    yield Output(single(start + n + 1, person), copies.of(*stamp), pages)
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

    def add_participant(self, header: pikepdf.Object, name: pikepdf.Object, memo: Memo) -> None:
        marks = self.out.copy(header, memo), self.out.copy(name, memo)
        for sheet, placement in zip(self.sheets, self.placements, strict=True):
            self.kids.append(
                self.out.add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox %d 0 R /Contents %d 0 R "
                    b"/Resources << /XObject << /Worksheet %d 0 R /Header %d 0 R "
                    b"/Name %d 0 R >> >> >>" % (self.tree, self.box, placement, sheet, *marks)
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

    def of(self, header: pikepdf.Object, name: pikepdf.Object) -> bytes:
        file = io.BytesIO(self.beginning)
        file.seek(0, io.SEEK_END)
        pdf = self.start.branch(file)
        pdf.add_participant(header, name, dict(self.memo))  # numbers of this file only
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


def _placement(corners: list[tuple[float, float]]) -> bytes:
    """Content of a page: the worksheet page, the header, the name at every corner."""
    names = b"".join(b" q 1 0 0 1 %.2f %.2f cm /Name Do Q" % xy for xy in corners)
    return b"q /Worksheet Do Q q /Header Do Q" + names


def _name_fields(form: bytes, theme: Theme) -> NameFields:
    corners: dict[int, list[tuple[float, float]]] = {}
    widths = []
    with pikepdf.open(io.BytesIO(form)) as pdf:
        for number, page in enumerate(pdf.pages):
            for annotation in page.get("/Annots", []):
                if IDENTITY_FIELD.match(str(annotation.get("/T", ""))):
                    x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
                    corners.setdefault(number, []).append((x0, y0))
                    widths.append(x1 - x0)
    room = (theme.fields.row_mm - 1) * MM - theme.roster.name_above_line_pt
    return NameFields(corners, min(widths, default=0.0), room)


class _Stamps:
    """Two pages per participant: the header line in place, the name at the origin."""

    def __init__(
        self,
        faces: Faces,
        theme: Theme,
        width: float,
        height: float,
        fields: NameFields,
        roster: Roster,
    ) -> None:
        self.faces, self.look, self.font = faces, theme.roster, faces.names[0]
        self.width, self.height, self.fields, self.roster = width, height, fields, roster
        self.header_y = _header_baseline(theme, height)
        self.warnings: list[Problem] = []

    def draw(self, participants: list[Participant], header: str) -> bytes:
        output = io.BytesIO()
        canvas = Canvas(
            output, pagesize=(self.width, self.height), invariant=1, initialFontName=self.font
        )  # no unembedded default font
        for person in participants:
            self.header(canvas, person, header)
            canvas.showPage()
            self.name(canvas, person)
            canvas.showPage()
        canvas.save()
        return output.getvalue()

    def header(self, canvas: Canvas, person: Participant, header: str) -> None:
        parts = (person.fill(part).strip() for part in header.split(" · "))
        text = " · ".join(part for part in parts if part)  # no "· ·" for an empty field
        left = self.look.header_left_mm * mm
        line, size = fit_line(
            text,
            self.faces,
            self.font,
            self.look.header_size_pt,
            self.width - 2 * left,
            self.look.min_size_pt,
        )
        if person.nama not in line:  # the workshop's name at its end may be cut
            self.warn(
                person,
                _("the line at the top of the page is shortened even at {size:g} pt: “{name}”"),
            )
        self.faces.draw(canvas, left, self.header_y, line, self.font, size)

    def name(self, canvas: Canvas, person: Participant) -> None:
        """The name on one line, smaller if need be; else on two or three lines."""
        look, room = self.look, self.fields.width - self.look.name_left_pt
        if not self.fields.corners:  # nowhere to print it (warned once, not per name)
            return
        for lines in _splits(person.nama, self.faces, self.font):
            widest = max(self.faces.width(line, self.font, 1) for line in lines)
            tallest = self.fields.height / ((len(lines) - 1) * LINE_GAP + ASCENT)
            size = min(look.name_size_pt, room / widest if widest else room, tallest)
            if size >= look.min_size_pt:
                break
        else:  # shortened rather than printed over a label
            size = look.min_size_pt
            lines, cut = _shortened(person.nama, self.faces, self.font, size, room)
            if cut:
                self.warn(
                    person,
                    _("the name is shortened on the “Nama” line even at {size:g} pt: “{name}”"),
                )
        for n, line in enumerate(reversed(lines)):
            y = look.name_above_line_pt + n * LINE_GAP * size
            self.faces.draw(canvas, look.name_left_pt, y, line, self.font, size)

    def warn(self, person: Participant, message: str) -> None:
        """Warn about `person`'s row: `message` (translated) has `{size}` and `{name}`."""
        self.warnings.append(
            warning(
                *self.roster.at(person.row),
                message.format(size=self.look.min_size_pt, name=person.nama),
                _(
                    "write a shorter name in this row (initials for middle names, titles "
                    "left out), or make roster.min_size_pt in theme.yaml smaller"
                ),
            )
        )


def _splits(name: str, faces: Faces, font: str) -> Iterator[list[str]]:
    """The name on one, two and three lines, each cut at the spaces that make its longest
    line shortest (a name of one long word is cut in the middle)."""
    words = name.split() or [name]
    yield [" ".join(words)]
    if len(words) == 1:
        yield [name[: len(name) // 2], name[len(name) // 2 :]]
        return
    if len(words) > MAX_WORDS_SPLIT:
        return  # not a name that can fit: it is shortened
    space, sizes = faces.width(" ", font, 1), [faces.width(w, font, 1) for w in words]

    def widest(cuts: tuple[int, ...]) -> float:
        edges = (0, *cuts, len(words))
        return max(sum(sizes[a:b]) + (b - a - 1) * space for a, b in zip(edges, edges[1:]))

    for count in (2, 3):
        if len(words) >= count:
            best = min(combinations(range(1, len(words)), count - 1), key=widest)
            edges = (0, *best, len(words))
            yield [" ".join(words[a:b]) for a, b in zip(edges, edges[1:])]


def _shortened(
    name: str, faces: Faces, font: str, size: float, room: float
) -> tuple[list[str], bool]:
    """As many words as fit on the first line, the rest on the second, cut with "…";
    and whether any letter was cut."""
    words = name.split()
    first = 1
    while first < len(words) and faces.width(" ".join(words[: first + 1]), font, size) <= room:
        first += 1
    wanted = [" ".join(words[:first]), " ".join(words[first:])]
    lines = [fit_line(line, faces, font, size, room, size)[0] for line in wanted]
    return lines, lines != wanted


def _header_baseline(theme: Theme, height: float) -> float:
    """The participant's line in the top margin, above the running head, or where that is
    too close (A5: the head is as far from the top as the line), just below its rule."""
    look, furniture = theme.roster, theme.furniture
    size, gap = look.header_size_pt, furniture.rule_gap_pt
    wanted = height - look.header_below_top_mm * mm
    head = height - (theme.margins.top - furniture.header_above_mm) * mm + gap
    if wanted - DESCENT * size >= head + ASCENT * theme.header_size + 1:
        return float(wanted)
    return float(head) - 3 * gap - ASCENT * size  # the rule lies 2 gaps below the head's baseline
