"""Lay flowables out on pages and produce PDF bytes: the document with its metadata and
bookmarks, and the canvas that notes where text lands (the page furniture is drawn by
`furniture`)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

import modul.typeset.settings  # noqa: F401 (ReportLab's settings, before any canvas is made)
from modul.catalog import VERSION
from modul.layout.theme import Theme
from modul.typeset.furniture import PageFurniture, draw_page_count, furniture_painter
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import LayoutLog, current, logging_to
from modul.typeset.paragraphs import Heading
from modul.typeset.proof import Proof, RecordingText, record
from modul.typeset.scanmarks import Marks, current_session, define_qr_forms, marking


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
        marks: Marks | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.scan_marks = marks  # a form read back: its corner markers and QR codes
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
        draw_page_count(
            self,
            self.getPageNumber() - 1,
            self.furniture,
            faces=self.faces,
            font=self.furniture_font,
            size=self.furniture_size,
            colour=self.furniture_colour,
        )
        if self.scan_marks is not None:  # the version is known once every box is drawn
            define_qr_forms(self, self.scan_marks)
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
        border=info.get("border") == "1",
        cover=info.get("cover-page") == "yes",
    )
    buffer = io.BytesIO()
    document = _document(buffer, theme, info, fonts["regular"])
    document.page_limit = page_limit
    frame = _body(document)
    draw = furniture_painter(theme, fonts["regular"], faces, furniture)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw)])
    session = current_session()
    marks = Marks(session.identity, session.texts, theme) if session else None

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return _CountingCanvas(
            *args,
            furniture=furniture,
            faces=faces,
            font=fonts["regular"],
            size=theme.header_size,
            colour=colors.HexColor(theme.colours.muted),
            proof=proof,
            marks=marks,
            **kwargs,
        )

    if proof is not None:
        proof.page_size = document.pagesize
        proof.frame = (frame._x1, frame._y1, frame._x1 + frame._width, frame._y1 + frame._height)

    with logging_to(log), marking(marks):
        document.build(flowables, canvasmaker=canvas_maker)
    if session is not None:
        session.last = marks  # the layout kept is the last one made
    return buffer.getvalue(), document.page


def _document(buffer: io.BytesIO, theme: Theme, info: Mapping[str, str], font: str) -> _Document:
    """The document, with its paper, margins and metadata, written into `buffer`."""
    width, height = (d * mm for d in theme.paper_mm)
    margins = theme.margins
    return _Document(
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
        initialFontName=font,
    )  # else every page names an unembedded Helvetica


def _body(document: _Document) -> Frame:
    """The page's writing area: inside the margins, with no padding of its own."""
    return Frame(
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
