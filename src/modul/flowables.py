"""Platypus flowables ReportLab lacks: ruled writing lines, tick boxes, headings that bookmark."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph


class WritingLines(Flowable):
    """`count` ruled lines to write on by hand, `spacing` points apart; splits across pages."""

    def __init__(self, count: int, spacing: float, colour: Color) -> None:
        super().__init__()
        self.count, self.spacing, self.colour = count, spacing, colour

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.spacing

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.spacing)
        if fits < 1 or fits >= self.count:
            return []
        return [WritingLines(fits, self.spacing, self.colour),
                WritingLines(self.count - fits, self.spacing, self.colour)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = i * self.spacing + 1
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
