"""Platypus flowables ReportLab lacks: ruled writing lines, tick boxes, headings that bookmark."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

MIN_ROW_PIECE = 20 * mm


class WritingLines(Flowable):
    """`count` ruled lines to write on by hand, `spacing` points apart; splits across pages.

    A gap below the last line keeps handwriting clear of whatever follows (a label, a
    cell border).
    """

    GAP = 3 * mm

    def __init__(self, count: int, spacing: float, colour: Color) -> None:
        super().__init__()
        self.count, self.spacing, self.colour = count, spacing, colour

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.spacing + self.GAP

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - self.GAP) // self.spacing)
        if fits < 1 or fits >= self.count:
            return []
        return [WritingLines(fits, self.spacing, self.colour),
                WritingLines(self.count - fits, self.spacing, self.colour)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = self.GAP + i * self.spacing
            canvas.line(0, y, self.width, y)


class CheckBox(Flowable):
    """An empty square to tick, centred in the space it is given."""

    def __init__(self, size: float, colour: Color) -> None:
        super().__init__()
        self.size, self.colour = size, colour

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.8)
        self.canv.rect((self.avail - self.size) / 2, 0, self.size, self.size)


class Heading(Paragraph):
    """A heading paragraph that adds itself to the PDF outline (bookmarks)."""

    def __init__(self, text: str, style: object, *, level: int, title: str, key: str) -> None:
        super().__init__(text, style)
        self.outline_level, self.outline_title, self.outline_key = level, title, key


class SplittingTable(Table):
    """A table that breaks between rows, and cuts a row across pages only when that row
    is taller than a whole page, so a very long text continues instead of stopping the
    build, while ordinary rows are never cut in two.

    `frame_height` (the page's writing area) is set on a subclass per theme.
    """

    frame_height = float("inf")

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.splitInRow = 0
        parts = super().split(avail_width, avail_height)
        if parts or avail_height < self.frame_height - 1:
            return parts  # nothing fits here: the table moves on to the next page
        self.splitInRow = MIN_ROW_PIECE  # a fresh page, and still a row does not fit
        return super().split(avail_width, avail_height)
