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

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from modul.errors import Problem, warning
from modul.i18n import _
from modul.layout.theme import Theme
from modul.production.participants import Participant, Roster
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import MM
from modul.typeset.pdf import fit_line  # also ReportLab's settings for the stamps
from modul.typeset.proof import ASCENT, DESCENT

LINE_GAP = 1.15  # baseline to baseline of a name on two lines, times its size
MAX_WORDS_SPLIT = 30  # a name of more words is shortened, not cut into lines

IDENTITY_FIELD = re.compile(r"^nama(_\d+)?$")  # the "Nama" fields of the fillable form


@dataclass(frozen=True)
class NameFields:
    """Where the "Nama" fields of the worksheet are: the name is stamped on each."""

    corners: dict[int, list[tuple[float, float]]]  # page index → lower-left corners
    width: float  # of the narrowest field: one stamp serves them all
    height: float  # room above a field's line: its row, less the name's distance to it


def personalise(
    worksheet: bytes, form: bytes, roster: Roster, *, faces: Faces, header: str, theme: Theme
) -> tuple[bytes, list[bytes], list[Problem]]:
    """The merged print file, one file per participant, and warnings of names that do
    not fit.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" fields say where names go. `header` is printed on every page, with
    "{nama}" and "{asal}" replaced.

    Every page is three form XObjects: the worksheet page (stored once), the
    participant's header line and name (stored once per participant, the name placed
    at each "Nama" field). Pages are made as dictionaries and set in one go: appending
    them one by one through pikepdf costs 50 times more.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    box = base.pages[0].mediabox
    fields = _name_fields(form, theme)
    stamps = _Stamps(faces, theme, float(box[2]), float(box[3]), fields, roster.shown)
    stamps_pdf = pikepdf.open(io.BytesIO(stamps.draw(roster.participants, header)))
    merged = _new_like(base)
    sheets = _forms(merged, base.pages)
    marks = _forms(merged, stamps_pdf.pages)  # header, name; header, name; …
    placements = [
        merged.make_stream(_placement(fields.corners.get(n, []))) for n in range(len(sheets))
    ]
    _set_pages(
        merged,
        box,
        [
            (sheet, marks[2 * p], marks[2 * p + 1], placement)
            for p in range(len(roster.participants))
            for sheet, placement in zip(sheets, placements, strict=True)
        ],
    )
    single = _new_like(base)  # the same pages for everyone, only the stamps change
    first = [single.copy_foreign(mark) for mark in marks[:2]]
    _set_pages(
        single,
        box,
        [
            (single.copy_foreign(sheet), *first, single.copy_foreign(placement))
            for sheet, placement in zip(sheets, placements, strict=True)
        ],
    )
    singles = []
    for p in range(len(roster.participants)):
        stamps_of_p = {
            "/Header": single.copy_foreign(marks[2 * p]),
            "/Name": single.copy_foreign(marks[2 * p + 1]),
        }
        for page in single.Root.Pages.Kids:
            for name, stamp in stamps_of_p.items():
                page.Resources.XObject[name] = stamp
        singles.append(_save(single))  # the previous participant's stamps are left out
    return _save(merged), singles, stamps.warnings


def _new_like(base: pikepdf.Pdf) -> pikepdf.Pdf:
    """An empty PDF with the title, author and dates of `base`."""
    pdf = pikepdf.new()
    for key, value in base.docinfo.items():
        pdf.docinfo[key] = value
    return pdf


def _forms(pdf: pikepdf.Pdf, pages: pikepdf._core.PageList) -> list[pikepdf.Object]:
    """Foreign pages as compressed form XObjects of `pdf`."""
    forms = []
    for page in pages:
        form = pdf.copy_foreign(page.as_form_xobject())
        if "/Filter" not in form:  # as_form_xobject leaves the content decoded
            form.write(zlib.compress(form.read_bytes()), filter=pikepdf.Name.FlateDecode)
        forms.append(form)
    return forms


def _placement(corners: list[tuple[float, float]]) -> bytes:
    """Content of a page: the worksheet page, the header, the name at every corner."""
    names = b"".join(b" q 1 0 0 1 %.2f %.2f cm /Name Do Q" % xy for xy in corners)
    return b"q /Worksheet Do Q q /Header Do Q" + names


def _set_pages(
    pdf: pikepdf.Pdf, box: pikepdf.Array, pages: list[tuple[pikepdf.Object, ...]]
) -> None:
    """Make `pdf`'s pages from (worksheet page, header, name, placement) forms."""
    tree, box = pdf.Root.Pages, pdf.make_indirect(pikepdf.Array(box))
    kids = [
        pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                Parent=tree,
                MediaBox=box,
                Contents=placement,
                Resources=pikepdf.Dictionary(
                    XObject=pikepdf.Dictionary(Worksheet=sheet, Header=header, Name=name)
                ),
            )
        )
        for sheet, header, name, placement in pages
    ]
    tree.Kids, tree.Count = pikepdf.Array(kids), len(kids)


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
        shown: str,
    ) -> None:
        self.faces, self.look, self.font = faces, theme.roster, faces.names[0]
        self.width, self.height, self.fields, self.shown = width, height, fields, shown
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
        parts = (
            part.replace("{nama}", person.nama).replace("{asal}", person.asal).strip()
            for part in header.split(" · ")
        )
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
        for lines in _splits(person.nama, self.faces, self.font):
            widest = max(self.faces.width(line, self.font, 1) for line in lines)
            tallest = self.fields.height / ((len(lines) - 1) * LINE_GAP + ASCENT)
            size = min(look.name_size_pt, room / widest if widest else room, tallest)
            if size >= look.min_size_pt:
                break
        else:  # shortened rather than printed over a label
            self.warn(
                person, _("the name is shortened on the “Nama” line even at {size:g} pt: “{name}”")
            )
            size = look.min_size_pt
            lines = _shortened(person.nama, self.faces, self.font, size, room)
        for n, line in enumerate(reversed(lines)):
            y = look.name_above_line_pt + n * LINE_GAP * size
            self.faces.draw(canvas, look.name_left_pt, y, line, self.font, size)

    def warn(self, person: Participant, message: str) -> None:
        """Warn about `person`'s row: `message` (translated) has `{size}` and `{name}`."""
        self.warnings.append(
            warning(
                self.shown,
                person.row,
                0,
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


def _shortened(name: str, faces: Faces, font: str, size: float, room: float) -> list[str]:
    """As many words as fit on the first line, the rest on the second, cut with "…"."""
    words = name.split()
    first = 1
    while first < len(words) and faces.width(" ".join(words[: first + 1]), font, size) <= room:
        first += 1
    rest = " ".join(words[first:])
    return [
        fit_line(" ".join(words[:first]), faces, font, size, room, size)[0],
        fit_line(rest, faces, font, size, room, size)[0],
    ]


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


def _save(pdf: pikepdf.Pdf) -> bytes:
    """Streams are all compressed already: re-compressing them would take 10× longer."""
    output = io.BytesIO()
    pdf.save(
        output,
        deterministic_id=True,
        compress_streams=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
    )
    return output.getvalue()
