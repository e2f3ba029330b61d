"""A table of contents with dot leaders (<toc>), fitted to the room left on its page, and
a band in the theme's accent colour with text reversed out of it (<band>)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from modul.layout.theme import Theme
from modul.typeset.furniture import fit_line
from modul.typeset.glyphs import Faces
from modul.typeset.paragraphs import TextBlock
from modul.typeset.styles import ALIGN, Command

BIG = 1e6  # a height ReportLab gives when it measures without a page (KeepTogether)
SCALES = (1.0, 0.9, 0.8)  # of the line height, tried before section rows are left out
GAP = 2.0  # points between a title or a number and the dots
GROUP_GAP = 0.35  # of a line, above each document after the first
CLOSEST = 1.15  # the closest lines, × the font size
MIN_ROWS = 3  # the fewest lines of contents run on to a page


class Typesetter(Protocol):
    """What these elements ask of the typesetter (typesetter.Typesetter)."""

    theme: Theme
    font: dict[str, str]
    faces: Faces
    accent: colors.Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...

    def blocks(self, parent: ET.Element, width: float) -> list[Flowable]: ...

    def inline(self, element: ET.Element) -> str: ...

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Flowable: ...


@dataclass(frozen=True)
class Entry:
    title: str
    page: str
    level: int  # 1: a document, 2: a section in it


class Contents(Flowable):
    """Entries on lines "Title ........ 17", as tall as the room allows: at full line
    height, a little closer, then without the sections (level 2) of the documents
    with most sections, one document after another, then as close as need be. It
    never splits: the contents stay on one page."""

    def __init__(
        self,
        entries: list[Entry],
        faces: Faces,
        fonts: tuple[str, str],
        size: float,
        leading: float,
        indent: float,
        fixed: bool = False,
    ) -> None:
        super().__init__()
        self.entries, self.faces, self.fonts = entries, faces, fonts
        self.size, self.leading, self.indent = size, leading, indent
        self.fixed = fixed  # a part of contents too long for any page: as it is
        self.shown, self.line = entries, leading

    def _height(self, entries: list[Entry], line: float) -> float:
        groups = sum(1 for e in entries if e.level == 1)
        return len(entries) * line + max(groups - 1, 0) * line * GROUP_GAP

    def _shorter(self) -> list[list[Entry]]:
        """The entries without the sections of the document with most sections, then of
        the two with most, and so on: the longest lists of sections go first."""
        groups: list[list[Entry]] = []
        for entry in self.entries:
            if entry.level == 1 or not groups:
                groups.append([])
            groups[-1].append(entry)
        order = sorted(range(len(groups)), key=lambda n: -len(groups[n]))
        shorter = []
        for dropped in range(1, len(groups) + 1):
            cut = set(order[:dropped])
            shorter.append(
                [e for n, g in enumerate(groups) for e in g if n not in cut or e.level == 1]
            )
        return shorter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self.fixed:
            self.height = self._height(self.shown, self.line)
            return self.width, self.height
        tries = [(self.entries, s) for s in SCALES] + [(e, SCALES[1]) for e in self._shorter()]
        self.shown, self.line = tries[-1][0], self.size * CLOSEST
        for entries, scale in tries:
            if self._height(entries, self.leading * scale) <= avail_height or avail_height >= BIG:
                self.shown, self.line = entries, self.leading * scale
                break
        else:  # even the documents alone: as close as can be read, then on (`split`)
            wanted = avail_height / max(self._height(self.shown, 1.0), 1.0)
            self.line = max(min(wanted, self.leading * SCALES[-1]), self.size * CLOSEST)
        self.height = self._height(self.shown, self.line)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Only contents of more documents than a page holds are split (as a last resort,
        instead of an error): the documents that fit, and the rest on the next page."""
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return []
        fits = int(avail_height / (self.line * (1 + GROUP_GAP)))
        if fits < MIN_ROWS:  # a few lines at a page's foot: all on the next page
            return []
        look = (self.faces, self.fonts, self.size, self.line, self.indent)
        return [
            Contents(part, *look, fixed=True) for part in (self.shown[:fits], self.shown[fits:])
        ]

    def draw(self) -> None:
        canvas, faces = self.canv, self.faces
        y = self.height - self.line * 0.78
        for n, entry in enumerate(self.shown):
            if entry.level == 1 and n:
                y -= self.line * GROUP_GAP
            font = self.fonts[0] if entry.level == 1 else self.fonts[1]
            left = 0.0 if entry.level == 1 else self.indent
            number = faces.width(entry.page, font, self.size)
            dot = faces.width(".", font, self.size)
            room = self.width - left - number - 2 * GAP - 3 * dot
            title, size = fit_line(entry.title, faces, font, self.size, room, self.size * 0.85)
            faces.draw(canvas, left, y, title, font, size)
            start = left + faces.width(title, font, size) + GAP
            end = self.width - number - GAP
            dots = int((end - start) / faces.width(" .", self.fonts[1], self.size))
            if dots > 0:
                canvas.saveState()
                canvas.setFillColor(colors.HexColor("#555555"))
                faces.draw(canvas, end, y, " ." * dots, self.fonts[1], self.size, right=True)
                canvas.restoreState()
            faces.draw(canvas, self.width, y, entry.page, font, self.size, right=True)
            y -= self.line


def toc(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """<toc> with an <entry page="…" level="1|2"> per line."""
    body = ts.styles["body"]
    entries = [
        Entry(
            " ".join((entry.text or "").split()),
            entry.get("page", ""),
            int(entry.get("level", "1")),
        )
        for entry in element
    ]
    fonts = (ts.font["bold"], ts.font["regular"])
    leading = body.leading * ts.theme.packet.contents_line
    return [
        Contents(entries, ts.faces, fonts, body.fontSize, leading, ts.theme.list_indent_mm * mm)
    ]


def band(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """<band mm="…">: the text of its paragraphs in the paper's colour on the accent."""
    look = ts.theme.packet
    pad = look.band_padding_mm * mm
    content: list[Flowable] = []
    for child in element:
        if child.tag != "p":  # a picture or a spacer
            alone = ET.Element(element.tag)
            alone.append(child)
            content += ts.blocks(alone, width - 2 * pad)
            continue
        style = ts.styles[child.get("style", "body")]
        reversed_out = ParagraphStyle(
            f"{style.name}-band-{child.get('align', 'left')}",
            parent=style,
            textColor=colors.white,
            alignment=ALIGN[child.get("align", "left")],
        )
        content.append(TextBlock(ts.inline(child), reversed_out))
    least = float(element.get("mm", "0")) * mm
    return [
        ts.make_table(
            [[content]],
            [width],
            [
                ("BACKGROUND", (0, 0), (-1, -1), ts.accent),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ],
            spaceBefore=0,
            spaceAfter=0,
            minRowHeights=[least],
        )
    ]


class AtFoot(Flowable):
    """<bottom>: its blocks at the foot of the page's writing area (a cover's organiser),
    on the next page if they do not fit in the room left."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.heights = [f.wrap(avail_width, avail_height)[1] for f in self.content]
        self.spaces = [f.getSpaceAfter() for f in self.content]
        needed = sum(self.heights) + sum(self.spaces[:-1])
        self.height = needed if avail_height >= BIG else max(avail_height, needed)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = sum(self.heights) + sum(self.spaces[:-1])
        for flowable, height, space in zip(self.content, self.heights, self.spaces):
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= space


def bottom(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    return [AtFoot(ts.blocks(element, width))]
