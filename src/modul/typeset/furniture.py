"""What every page repeats around its text: the running head, the rules, and the foot
with the footer text and the page label ("Halaman 3 dari 12"), each line fitted to its
room (`fit_line`, also for the roster's stamps). The total in the page label is a form
XObject drawn once the page count is known, so layout takes a single pass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from modul.layout.theme import Theme
from modul.typeset.glyphs import Faces
from modul.typeset.scanmarks import draw_marks
from modul.typeset.sheets import border_painter

PAGE_COUNT_FORM = "modul-page-count"
# The page label and the footer text are marked-content sequences with these tags: a
# packet takes them out of its documents' pages and prints its own running folio there.
FOLIO_TAG, FOOTER_TAG = "ModulFolio", "ModulFooter"


@dataclass(frozen=True)
class PageFurniture:
    """What every page repeats; the texts come from the document's <document> element."""

    header: str
    footer: str
    page_label: str  # e.g. "Halaman {page} dari {pages}"
    border: bool = False  # the theme's page border (`certificate:`) on every page
    cover: bool = False  # the first page is a cover: nothing around it


def draw_page_count(
    canvas: Canvas,
    pages: int,
    furniture: PageFurniture,
    *,
    faces: Faces,
    font: str,
    size: float,
    colour: colors.Color,
) -> None:
    """The form every page label shows after its own number: the total, and what
    follows it in the label."""
    _, _, after = furniture.page_label.partition("{pages}")
    canvas.beginForm(PAGE_COUNT_FORM)
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    faces.draw(canvas, 0, 0, f"{pages}{after.replace('{page}', '')}", font, size)
    canvas.endForm()


def furniture_painter(
    theme: Theme, font: str, faces: Faces, furniture: PageFurniture
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """What ReportLab calls on every page (`onPage`) to draw the page's furniture."""
    size, look = theme.header_size, theme.furniture
    colour = colors.HexColor(theme.colours.muted)
    rule = colors.HexColor(theme.colours.rule)
    gap = look.rule_gap_pt
    smallest = max(look.min_size_pt, size * look.min_share)
    border = border_painter(theme) if furniture.border else None

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        if border is not None:
            border(canvas, *document.pagesize)
        marks = getattr(canvas, "scan_marks", None)
        if marks is not None:  # a form read back: corner markers, a QR code in the foot
            draw_marks(canvas, marks, page, *document.pagesize)
        bare = page == 1 and furniture.cover
        if bare or not (furniture.header or furniture.footer or furniture.page_label):
            if page == 1:  # a cover, a certificate or badges: nothing around the page
                canvas.showOutline()
            return
        left, right = document.leftMargin, document.pagesize[0] - document.rightMargin
        foot = right - (marks.foot_room() if marks is not None else 0)  # the QR code beside it
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
        canvas.line(left, bottom + size + gap, foot, bottom + size + gap)
        before = furniture.page_label.partition("{pages}")[0].replace("{page}", str(page))
        canvas.addLiteral(f"/{FOLIO_TAG} <</X {left:.2f} /Y {bottom:.2f} /Size {size:g}>> BDC")
        faces.draw(canvas, left, bottom, before, font, size)
        canvas.saveState()
        canvas.translate(left + faces.width(before, font, size), bottom)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()
        canvas.addLiteral("EMC")
        # The page label with a three-digit total, and a gap, is kept clear of the footer
        # (no document comes near 1000 pages; the roster's merged file counts per sheet).
        room = foot - left - faces.width(before + "000", font, size) - look.footer_gap_mm * mm
        text, text_size = fit_line(furniture.footer, faces, font, size, room, smallest)
        canvas.addLiteral(f"/{FOOTER_TAG} <</X {foot:.2f} /Y {bottom:.2f} /Width {room:.2f}>> BDC")
        faces.draw(canvas, foot, bottom, text, font, text_size, right=True)
        canvas.addLiteral("EMC")
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
