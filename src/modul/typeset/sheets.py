"""Pages set as a whole, as a certificate is: a sheet that takes one page and is made
smaller as a whole rather than run on to the next one, spacers that share the room a
sheet leaves, a letter-spaced display line, a paragraph set smaller until it takes no
more than its lines, and the page border."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer

from modul.layout.theme import Theme
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import current
from modul.typeset.proof import given

HALF_POINT = 0.5  # a paragraph with max-lines shrinks in these steps


class FillSpacer(Spacer):
    """A spacer that also takes its share of the room its sheet leaves empty."""

    def __init__(self, height: float) -> None:
        super().__init__(0, height)
        self.base = height


class Sheet(KeepInFrame):
    """Blocks on a page of their own: the room they leave is shared by their fill
    spacers, and blocks too tall for the page are made smaller as a whole (so a
    certificate with a very long name is still one page)."""

    def __init__(self, content: list[Flowable], width: float, page_height: float) -> None:
        super().__init__(width, page_height, content, mode="shrink")
        self.page_height, self.reserved = page_height, page_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_height < self.page_height - 1:  # begun lower on a page: to the next one
            return avail_width, self.page_height
        fills = [block for block in self._content if isinstance(block, FillSpacer)]
        for block in fills:
            block.height = block.base
        self._scale = 1.0
        height = super().wrap(avail_width, avail_height)[1]
        spare = avail_height - height - 1
        if fills and self._scale == 1.0 and spare > 0:
            for block in fills:
                block.height = block.base + spare / len(fills)
            super().wrap(avail_width, avail_height)
        self.reserved = avail_height
        return avail_width, avail_height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # never split: it moves to the next page whole

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        super().drawOn(canvas, x, y + self.reserved - self.height, _sW)


class SpacedLine(Flowable):
    """One line of display text with space between its letters (a certificate's
    title), centred or aligned in its width. Too wide for the width, it is set smaller."""

    def __init__(self, text: str, style: ParagraphStyle, spacing: float, faces: Faces) -> None:
        super().__init__()
        self.text, self.style, self.spacing, self.faces = text, style, spacing, faces
        self.size = float(style.fontSize)
        given(text)

    def _line_width(self, size: float, spacing: float) -> float:
        # the space after the last letter is not ink: left out when centring
        inked = spacing * max(len(self.text) - 1, 0)
        return self.faces.width(self.text, self.style.fontName, size) + inked

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        size, spacing = float(self.style.fontSize), self.spacing
        needed = self._line_width(size, spacing)
        if needed > avail_width:  # smaller, letters and spaces alike
            size, spacing = size * avail_width / needed, spacing * avail_width / needed
        self.size, self.used_spacing = size, spacing
        self.height = float(self.style.leading) * size / float(self.style.fontSize)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        canvas, font = self.canv, self.style.fontName
        room = self.width - self._line_width(self.size, self.used_spacing)
        x = {0: 0.0, 1: room / 2, 2: room}.get(self.style.alignment, room / 2)
        baseline = (self.height - self.size) / 2 + self.size * 0.2
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        line = canvas.beginText(x, baseline)
        line.setCharSpace(self.used_spacing)
        for name, run in self.faces.runs(self.text, font):
            line.setFont(name, self.size)
            line.textOut(run)
        canvas.drawText(line)
        canvas.restoreState()
        if (log := current()) is not None:
            log.text_drawn(canvas.getPageNumber(), self.text)


def fitted_style(
    text: str, style: ParagraphStyle, width: float, lines: int, smallest: float
) -> ParagraphStyle:
    """`style`, or a smaller copy of it (not below `smallest` points), with which `text`
    takes at most `lines` lines of `width`."""
    size, ratio = float(style.fontSize), float(style.leading) / float(style.fontSize)
    while True:
        trial = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size)
        trial.leading = size * ratio
        laid = Paragraph(text, trial)
        laid.wrap(width, 10_000)
        if len(laid.blPara.lines) <= lines or size - HALF_POINT < smallest:
            return trial
        size -= HALF_POINT


def border_painter(theme: Theme) -> Callable[[Canvas, float, float], None]:
    """What draws the theme's page border (`certificate:`) on a page of a width and
    height: a thick rule in the accent colour, a thin one inside it."""
    look = theme.certificate
    accent, rule = colors.HexColor(theme.colours.accent), colors.HexColor(theme.colours.rule)

    def draw(canvas: Canvas, width: float, height: float) -> None:
        canvas.saveState()
        inset = look.border_inset_mm * mm
        for thickness, colour, at in (
            (look.border_outer_pt, accent, inset),
            (look.border_inner_pt, rule, inset + look.border_gap_mm * mm),
        ):
            if thickness:
                canvas.setLineWidth(thickness)
                canvas.setStrokeColor(colour)
                canvas.rect(at, at, width - 2 * at, height - 2 * at, stroke=1, fill=0)
        canvas.restoreState()

    return draw
