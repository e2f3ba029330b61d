"""Lay flowables out on pages and produce PDF bytes: page furniture, metadata, bookmarks."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from modul.catalog import VERSION
from modul.layout.theme import Theme
from modul.typeset.flowables import Heading
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import LayoutLog, current, logging_to
from modul.typeset.proof import Proof, RecordingText, record

PAGE_COUNT_FORM = "modul-page-count"

# Binary streams instead of ASCII85 text: files a fifth smaller, written faster, and
# read by every viewer and printer of this century.
rl_config.useA85 = 0


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16
    pairs: ReportLab writes <1F600>, which makes copying or searching such text fail."""
    return BEYOND_BMP.sub(
        lambda m: f"<{m[1]}> <{chr(int(m[2], 16)).encode('utf-16-be').hex().upper()}>",
        _reportlab_to_unicode_cmap(font_name, subset),
    )


BEYOND_BMP = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class PageFurniture:
    """What every page repeats; the texts come from the document's <document> element."""

    header: str
    footer: str
    page_label: str  # e.g. "Halaman {page} dari {pages}"


class _CountingCanvas(Canvas):
    """Draws "of N" on every page as a form XObject filled in once the count is known.

    This keeps layout to a single pass: the total is written at save time. Every piece
    of text drawn on a page is noted for the print proof.
    """

    def __init__(
        self,
        *args: Any,
        furniture: PageFurniture,
        faces: Faces,
        font: str,
        size: float,
        colour: colors.Color,
        proof: Proof | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.furniture, self.furniture_font, self.furniture_size = furniture, font, size
        self.furniture_colour, self.faces = colour, faces
        self.proof = proof
        self.drawing_furniture = False  # set while the running head and foot are drawn
        self.block: Flowable | None = None  # the text block being drawn

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
        return RecordingText(self, x, y, direction=direction)

    def drawText(self, text: Any) -> None:
        if self.proof is not None:
            record(self, text, self.proof, furniture=self.drawing_furniture, block=self.block)
        super().drawText(text)

    def save(self) -> None:
        self.proof = None  # the page count is drawn into a form: its place is reserved
        pages = self.getPageNumber() - 1
        _, _, after = self.furniture.page_label.partition("{pages}")
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(self.furniture_font, self.furniture_size)
        self.setFillColor(self.furniture_colour)
        self.faces.draw(
            self,
            0,
            0,
            f"{pages}{after.replace('{page}', '')}",
            self.furniture_font,
            self.furniture_size,
        )
        self.endForm()
        super().save()


class PastPageLimit(Exception):
    """The layout has begun a page beyond the limit it was given."""


class TooTall(Exception):
    """A flowable does not fit on an empty page and cannot be split (ReportLab's
    LayoutError, which names only its own objects): the page, and the flowable."""

    def __init__(self, page: int, flowable: Flowable | None) -> None:
        super().__init__(page, flowable)
        self.page, self.flowable = page, flowable


class _Document(BaseDocTemplate):
    outline_level = -1
    page_limit = 0  # none
    placing: Flowable | None = None  # the flowable being laid out

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        super().handle_keepWithNext(flowables)
        self.placing = flowables[0]  # as ReportLab takes it: a heading with what follows

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.placing = flowables[0]
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise TooTall(self.page, self.placing) from None

    def beforePage(self) -> None:
        if self.page_limit and self.page > self.page_limit:
            raise PastPageLimit

    def afterFlowable(self, flowable: Flowable) -> None:
        if (log := current()) and (frame := self.frame) is not None:
            filled = (frame._y1 + frame._height - frame._y) / frame._height
            log.flowable_placed(
                self.page, filled, flowable.plain_text() if isinstance(flowable, Heading) else None
            )
        if isinstance(flowable, Heading) and flowable.outline_level != Heading.NO_BOOKMARK:
            # A PDF outline cannot skip a level: an <h2> before any <h1> goes on top.
            self.outline_level = min(flowable.outline_level, self.outline_level + 1)
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(
                flowable.outline_title, flowable.outline_key, level=self.outline_level
            )


def render_pdf(
    flowables: list[Flowable],
    *,
    theme: Theme,
    fonts: dict[str, str],
    faces: Faces,
    info: Mapping[str, str],
    log: LayoutLog | None = None,
    proof: Proof | None = None,
    page_limit: int = 0,
) -> tuple[bytes, int]:
    """Lay out `flowables`; return the PDF bytes and the number of pages.

    `info` holds the attributes of the markup's <document> element: metadata and the
    texts of header and footer. Where text lands is noted in `proof`. A layout that
    begins a page beyond `page_limit` (if not 0) stops with PastPageLimit.
    """
    furniture = PageFurniture(
        header=info.get("header", ""),
        footer=info.get("footer", ""),
        page_label=info.get("page-label", "{page} / {pages}"),
    )
    width, height = (d * mm for d in theme.paper_mm)
    margins = theme.margins
    buffer = io.BytesIO()
    document = _Document(
        buffer,
        pagesize=(width, height),
        leftMargin=margins.left * mm,
        rightMargin=margins.right * mm,
        topMargin=margins.top * mm,
        bottomMargin=margins.bottom * mm,
        title=info.get("title", ""),
        author=info.get("author", ""),
        subject=info.get("subject", ""),
        keywords=info.get("keywords", ""),
        lang=info.get("lang", "id-ID"),
        creator=f"modul {VERSION}",
        invariant=1,
        displayDocTitle=True,
        initialFontName=fonts["regular"],
    )  # else every page names an unembedded Helvetica
    frame = Frame(
        document.leftMargin,
        document.bottomMargin,
        document.width,
        document.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.page_limit = page_limit
    draw = _furniture_painter(theme, fonts["regular"], faces, furniture)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw)])

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return _CountingCanvas(
            *args,
            furniture=furniture,
            faces=faces,
            font=fonts["regular"],
            size=theme.header_size,
            colour=colors.HexColor(theme.colours.muted),
            proof=proof,
            **kwargs,
        )

    if proof is not None:
        proof.page_size = (width, height)
        proof.frame = (frame._x1, frame._y1, frame._x1 + frame._width, frame._y1 + frame._height)

    with logging_to(log):
        document.build(flowables, canvasmaker=canvas_maker)
    return buffer.getvalue(), document.page


def _furniture_painter(theme: Theme, font: str, faces: Faces, furniture: PageFurniture) -> Any:
    size, look = theme.header_size, theme.furniture
    colour = colors.HexColor(theme.colours.muted)
    rule = colors.HexColor(theme.colours.rule)
    gap = look.rule_gap_pt
    smallest = max(look.min_size_pt, size * look.min_share)

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        if not (furniture.header or furniture.footer or furniture.page_label):
            if page == 1:  # a certificate or badges: nothing around the page
                canvas.showOutline()
            return
        left, right = document.leftMargin, document.pagesize[0] - document.rightMargin
        top = document.pagesize[1] - document.topMargin + look.header_above_mm * mm
        bottom = document.bottomMargin - look.footer_below_mm * mm
        canvas.drawing_furniture = True
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        canvas.setStrokeColor(rule)
        canvas.setLineWidth(look.rule_pt)
        if page == 1:
            canvas.showOutline()
        else:  # the first page carries the title block instead of a header
            header, header_size = fit_line(
                furniture.header, faces, font, size, right - left, smallest
            )
            faces.draw(canvas, left, top + gap, header, font, header_size)
            canvas.line(left, top - gap, right, top - gap)
        canvas.line(left, bottom + size + gap, right, bottom + size + gap)
        before = furniture.page_label.partition("{pages}")[0].replace("{page}", str(page))
        faces.draw(canvas, left, bottom, before, font, size)
        canvas.saveState()
        canvas.translate(left + faces.width(before, font, size), bottom)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()
        # The page label with a three-digit total, and a gap, is kept clear of the footer
        # (no document comes near 1000 pages; the roster's merged file counts per sheet).
        room = right - left - faces.width(before + "000", font, size) - look.footer_gap_mm * mm
        text, text_size = fit_line(furniture.footer, faces, font, size, room, smallest)
        faces.draw(canvas, right, bottom, text, font, text_size, right=True)
        canvas.restoreState()
        canvas.drawing_furniture = False

    return draw


def fit_line(
    text: str, faces: Faces, font: str, size: float, width: float, smallest: float
) -> tuple[str, float]:
    """`text` at `size`, or smaller (down to `smallest`), or shortened with "…", to fit."""
    needed = faces.width(text, font, size)
    if needed <= width:
        return text, size
    if faces.width(text, font, smallest) <= width:
        return text, max(smallest, size * width / needed)
    # The longest start that fits with "…": found by halving, so a header of thousands of
    # characters is measured a few dozen times, not once per character.
    fits, too_long = 0, len(text)
    while fits < too_long:
        middle = (fits + too_long + 1) // 2
        if faces.width(text[:middle] + "…", font, smallest) <= width:
            fits = middle
        else:
            too_long = middle - 1
    return text[:fits].rstrip() + "…", smallest
