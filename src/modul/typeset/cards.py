"""Name tags (Tanda Pengenal) on a fixed cutting grid: as many tags of one fixed size
(theme `name_tags`, 90 × 55 mm: the common holders) as fit the paper with
`min_margin_mm` around them, the grid centred, crop marks in the margin at every cut.

A4 and F4 take 2 × 5 tags, Letter 2 × 4; A5 takes 2 × 2 turned a quarter (four, where
upright it takes three). A document with <tags> is laid out with the grid as its
writing area, so the print proof checks that no text leaves the grid; each tag's face
(`tagface`) keeps its texts inside the tag."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from modul.layout.theme import Margins, Theme
from modul.typeset.glyphs import Faces
from modul.typeset.tagface import Look, Tag, TagFace

HAIR = 0.005  # mm
LIGHT_ACCENT = 0.5  # an accent lighter than this (as a copier sees it) takes dark text


class Typesetter(Protocol):
    """What the tags take of the typesetter of their document."""

    theme: Theme
    root: Path
    font: dict[str, str]
    faces: Faces
    accent: colors.Color


@dataclass(frozen=True)
class Grid:
    """The cutting grid of a page: columns and rows of tags, each `cell` mm as it stands
    on the page (turned: a tag on its side)."""

    columns: int
    rows: int
    turned: bool
    cell: tuple[float, float]

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def size(self) -> tuple[float, float]:
        return self.columns * self.cell[0], self.rows * self.cell[1]


def tag_grid(theme: Theme) -> Grid:
    """As many tags as fit the paper with the margin left around them: upright, or
    turned where that fits more (A5); at least one."""
    look, (width, height) = theme.name_tags, theme.paper_mm
    room = (width - 2 * look.min_margin_mm, height - 2 * look.min_margin_mm)
    tag = (look.width_mm, look.height_mm)
    upright = Grid(max(1, int(room[0] // tag[0])), max(1, int(room[1] // tag[1])), False, tag)
    turned = Grid(int(room[0] // tag[1]), int(room[1] // tag[0]), True, (tag[1], tag[0]))
    return turned if turned.per_page > upright.per_page else upright


def tag_page(theme: Theme) -> Theme:
    """The theme whose page margins leave the tag grid, centred, as the writing area."""
    (width, height), (grid_w, grid_h) = theme.paper_mm, tag_grid(theme).size
    # A hair less, so that rounding never leaves the frame smaller than the grid.
    side, end = (
        max(0.0, (paper - grid) / 2 - HAIR) for paper, grid in ((width, grid_w), (height, grid_h))
    )
    return theme.model_copy(update={"margins": Margins(top=end, bottom=end, left=side, right=side)})


def tags(typesetter: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """<tags>: one sheet of tags per page, in the order given; with `fill` (a role), the
    last sheet's empty places hold blank tags of that role: a sheet is printed whole."""
    theme = typesetter.theme
    grid, look = tag_grid(theme), _look(typesetter, element)
    faces = [
        TagFace(
            look, Tag(t.get("role", ""), t.get("call", ""), t.get("name", ""), t.get("origin", ""))
        )
        for t in element
        if t.tag == "tag"
    ]
    if role := element.get("fill", ""):
        faces += [TagFace(look, Tag(role)) for _ in range(-len(faces) % grid.per_page)]
    return [
        TagSheet(faces[start : start + grid.per_page], grid, theme)
        for start in range(0, len(faces), grid.per_page)
    ]


def _look(typesetter: Typesetter, element: ET.Element) -> Look:
    theme = typesetter.theme
    accent = theme.colours.accent
    red, green, blue = (int(accent[i : i + 2], 16) / 255 for i in (1, 3, 5))
    light = 0.299 * red + 0.587 * green + 0.114 * blue > LIGHT_ACCENT
    logo = element.get("logo", "")
    return Look(
        tags=theme.name_tags,
        fonts=typesetter.font,
        faces=typesetter.faces,
        text=colors.HexColor(theme.colours.text),
        muted=colors.HexColor(theme.colours.muted),
        accent=typesetter.accent,
        on_accent=colors.HexColor(theme.colours.text) if light else colors.white,
        event=element.get("event", ""),
        detail=element.get("detail", ""),
        logo=typesetter.root / logo if logo else None,
        captions=(element.get("name-label", ""), element.get("origin-label", "")),
    )


class TagSheet(Flowable):
    """A page of tags: exactly the grid (the page's writing area), crop marks around it."""

    def __init__(self, faces: list[TagFace], grid: Grid, theme: Theme) -> None:
        super().__init__()
        self.faces, self.grid, self.look = faces, grid, theme.name_tags
        self.width, self.height = (d * mm for d in grid.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, grid = self.canv, self.grid
        cell_w, cell_h = (d * mm for d in grid.cell)
        for n, face in enumerate(self.faces):
            column, row = n % grid.columns, n // grid.columns
            canvas.saveState()
            canvas.translate(column * cell_w, self.height - (row + 1) * cell_h)
            if grid.turned:  # the tag's foot along the cell's right side
                canvas.translate(cell_w, 0)
                canvas.rotate(90)
            face.draw(canvas)
            canvas.restoreState()
        self._crop_marks(canvas, cell_w, cell_h)

    def _crop_marks(self, canvas: Any, cell_w: float, cell_h: float) -> None:
        """A short hairline in the margin at both ends of every cut, never on a tag."""
        gap, length = self.look.crop_gap_mm * mm, self.look.crop_mark_mm * mm
        canvas.saveState()
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(self.look.crop_pt)
        for column in range(self.grid.columns + 1):
            x = column * cell_w
            canvas.line(x, -gap, x, -gap - length)
            canvas.line(x, self.height + gap, x, self.height + gap + length)
        for row in range(self.grid.rows + 1):
            y = row * cell_h
            canvas.line(-gap, y, -gap - length, y)
            canvas.line(self.width + gap, y, self.width + gap + length, y)
        canvas.restoreState()
