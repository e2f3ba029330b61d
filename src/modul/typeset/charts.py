"""`<bars>`: a horizontal bar chart drawn with ReportLab's canvas (the Laporan
Pelatihan's class means): each `<bar label value text/>` a bar from 0 to the chart's
`max`, its label on the left, its value as printed on the right. The look is the
theme's `chart:` block; the text is the `small` style's size in the regular font."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Protocol

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from modul.layout.theme import Theme


class Typesetter(Protocol):
    theme: Theme
    font: dict[str, str]
    accent: colors.Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...


def bars(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    rows = [
        (bar.get("label", ""), float(bar.get("value", "0")), bar.get("text", ""))
        for bar in element.iter("bar")
    ]
    top = float(element.get("max", "100")) or 1.0
    size = ts.styles["small"].fontSize
    chart = Bars(rows, top, width, ts.theme, ts.font["regular"], size, ts.accent)
    return [chart, Spacer(0, ts.theme.chart.space_after_mm * mm)]


class Bars(Flowable):
    def __init__(
        self,
        rows: list[tuple[str, float, str]],
        top: float,
        width: float,
        theme: Theme,
        font: str,
        size: float,
        colour: colors.Color,
    ) -> None:
        super().__init__()
        self.rows, self.top, self.font, self.size, self.colour = rows, top, font, size, colour
        look = theme.chart
        self.bar, self.gap = look.bar_mm * mm, look.gap_mm * mm
        self.label_width = width * look.label_share
        self.room = max(width - self.label_width - look.value_mm * mm, 1.0)
        self.width = width
        self.height = len(rows) * (self.bar + self.gap)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        for n, (label, value, text) in enumerate(self.rows):
            y = self.height - (n + 1) * (self.bar + self.gap) + self.gap / 2
            middle = y + self.bar / 2 - self.size * 0.35
            canvas.setFillColor(colors.black)
            shown = label
            while shown and stringWidth(shown, self.font, self.size) > self.label_width - 2 * mm:
                shown = shown[:-1]
            canvas.drawString(0, middle, shown)
            length = self.room * max(0.0, min(value / self.top, 1.0))
            canvas.setFillColor(self.colour)
            canvas.rect(self.label_width, y, length, self.bar, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            canvas.drawString(self.label_width + length + 1.5 * mm, middle, text)
