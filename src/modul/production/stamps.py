"""The stamps on a participant's worksheet: the name and village written into the
"Nama" and "Desa/Kelurahan" fields at the size of the body text, as the participant
would write them, and a line naming the participant for the pages without a "Nama"
field; drawn by ReportLab, three small pages per participant, in one document whose
font all share.

A name always fits its field: it is set smaller, down to the theme's minimum, then on
two or three lines; a name too long even so is shortened and warned about, with its
row. The header line is kept clear of the running head.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

import modul.typeset.settings  # noqa: F401 (ReportLab's settings, before any canvas is made)
from modul.content.participants import Participant, Roster
from modul.errors import Problem, warning
from modul.i18n import _
from modul.layout.theme import Theme
from modul.typeset.furniture import fit_line
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import MM
from modul.typeset.proof import ASCENT, DESCENT
from modul.typeset.scanmarks import Marks, stamp_qr

LINE_GAP = 1.15  # baseline to baseline of a name on two lines, times its size
MAX_WORDS_SPLIT = 30  # a name of more words is shortened, not cut into lines

# The fields of the fillable form a participant's name and village are written into
IDENTITY_FIELD = re.compile(r"^nama(_\d+)?$")  # name="nama" in the layout
VILLAGE_FIELD = re.compile(r"^desa(_kelurahan)?(_\d+)?$")  # name="desa", or "Desa/Kelurahan"


@dataclass(frozen=True)
class Places:
    """Where one kind of identity field is on the pages: the text is stamped on each."""

    corners: dict[int, list[tuple[float, float]]]  # page index → lower-left corners
    width: float  # of the narrowest field: one stamp serves them all


@dataclass(frozen=True)
class NameFields:
    """Where the "Nama" and "Desa/Kelurahan" fields of the worksheet are, and the room a
    text has above a field's line: its row, less the text's distance to the line."""

    names: Places
    villages: Places
    height: float

    @property
    def corners(self) -> dict[int, list[tuple[float, float]]]:
        return self.names.corners


def name_fields(form: bytes, theme: Theme) -> NameFields:
    """Where the fillable `form` has its "Nama" and "Desa" fields, and their room."""
    found: dict[re.Pattern[str], tuple[dict[int, list[tuple[float, float]]], list[float]]] = {
        IDENTITY_FIELD: ({}, []),
        VILLAGE_FIELD: ({}, []),
    }
    with pikepdf.open(io.BytesIO(form)) as pdf:
        for number, page in enumerate(pdf.pages):
            for annotation in page.get("/Annots", []):
                name = str(annotation.get("/T", ""))
                for pattern, (corners, widths) in found.items():
                    if pattern.match(name):
                        x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
                        corners.setdefault(number, []).append((x0, y0))
                        widths.append(x1 - x0)
    names, villages = (Places(c, min(w, default=0.0)) for c, w in found.values())
    room = (theme.fields.row_mm - 1) * MM - theme.roster.name_above_line_pt
    return NameFields(names, villages, room)


class Stamps:
    """Three pages per participant: the header line in place, the name and the village
    at the origin."""

    def __init__(
        self,
        faces: Faces,
        theme: Theme,
        width: float,
        height: float,
        fields: NameFields,
        roster: Roster,
        marks: Marks | None = None,
    ) -> None:
        self.faces, self.look, self.font = faces, theme.roster, faces.names[0]
        self.width, self.height, self.fields, self.roster = width, height, fields, roster
        self.header_y = _header_baseline(theme, height)
        # written as the participant would write it: at the size of the body text
        self.size = min(self.look.name_size_pt, theme.styles["body"].size)
        self.warnings: list[Problem] = []
        self.marks = marks  # a form read back: each page's QR code names the participant

    def draw(self, participants: list[Participant], header: str, first: int = 1) -> bytes:
        """The stamps of `participants`, the first of them number `first` in the list."""
        output = io.BytesIO()
        canvas = Canvas(
            output, pagesize=(self.width, self.height), invariant=1, initialFontName=self.font
        )  # no unembedded default font
        for number, person in enumerate(participants, first):
            self.header(canvas, person, header)
            canvas.showPage()
            if self.fields.names.corners and not self.written(
                canvas, person.nama, self.fields.names
            ):
                self.warn(
                    person,
                    _("the name is shortened on the “Nama” line even at {size:g} pt: “{name}”"),
                )
            canvas.showPage()
            if person.asal and not self.written(canvas, person.asal, self.fields.villages):
                self.warn(
                    person,
                    _("the village is shortened on its line even at {size:g} pt: “{text}”"),
                )
            canvas.showPage()
            if self.marks is not None:
                self.codes(canvas, self.marks, number)
        canvas.save()
        return output.getvalue()

    def codes(self, canvas: Canvas, marks: Marks, number: int) -> None:
        """A page per page of the form: its QR code with the participant's `number`."""
        version = marks.version
        for page, (x, y, side) in sorted(marks.qr.items()):
            stamp_qr(canvas, marks.identity.payload(version, page, number), x, y, side)
            canvas.showPage()

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

    def written(self, canvas: Canvas, text: str, places: Places) -> bool:
        """`text` on one line at the body size, smaller if need be, else on two or three
        lines, within the field's line (never over its label, never past its end);
        False when it had to be shortened even so."""
        look, room = self.look, places.width - self.look.name_left_pt
        if not places.corners:  # no such field (a missing "Nama" is warned once)
            return True
        cut = False
        for lines in _splits(text, self.faces, self.font):
            widest = max(self.faces.width(line, self.font, 1) for line in lines)
            tallest = self.fields.height / ((len(lines) - 1) * LINE_GAP + ASCENT)
            size = min(self.size, room / widest if widest else room, tallest)
            if size >= look.min_size_pt:
                break
        else:  # shortened rather than printed over a label
            size = look.min_size_pt
            lines, cut = _shortened(text, self.faces, self.font, size, room)
        for n, line in enumerate(reversed(lines)):
            y = look.name_above_line_pt + n * LINE_GAP * size
            self.faces.draw(canvas, look.name_left_pt, y, line, self.font, size)
        return not cut

    def warn(self, person: Participant, message: str) -> None:
        """Warn about `person`'s row: `message` (translated) has `{size}` and `{name}`
        or `{text}` (the village)."""
        self.warnings.append(
            warning(
                *self.roster.at(person.row),
                message.format(size=self.look.min_size_pt, name=person.nama, text=person.asal),
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
