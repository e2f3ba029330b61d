"""One running folio through a packet: each page's own "Halaman 3 dari 12" is taken out
and the packet's page number printed in its place.

The documents are not laid out again: the running foot marks its page label and its
footer text as marked content (`furniture.FOLIO_TAG`, `FOOTER_TAG`, with where each was
drawn), so the packet drops exactly those operators from a page's content and stamps
its own text there, drawn by ReportLab in one small document (one page per packet page)
and placed on each page as a form XObject. A page without a running foot (the cover, a
certificate, the name tags) is counted and left unnumbered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

import modul.typeset.settings  # noqa: F401 (ReportLab's settings, before any canvas is made)
from modul.layout.theme import Theme
from modul.typeset.furniture import FOLIO_TAG, FOOTER_TAG, fit_line
from modul.typeset.glyphs import Faces

STAMP = pikepdf.Name("/ModulPacketFolio")


@dataclass(frozen=True)
class Foot:
    """Where a page's running foot was drawn, as its marks say; None: not there."""

    folio: tuple[float, float, float] | None = None  # x, y, size
    footer: tuple[float, float, float] | None = None  # right edge, y, room


@dataclass(frozen=True)
class FolioText:
    """What a packet prints in each running foot."""

    label: str  # "Halaman {page}"
    footer: str | None  # instead of each document's footer text; None: keep it


def take_out(
    page: pikepdf.Page, *, footer: bool
) -> tuple[list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage], Foot]:
    """The page's content without its folio (and, with `footer`, its footer text), and
    where they were."""
    kept: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    found: dict[str, tuple[float, ...]] = {}
    skipping = 0  # depth inside a marked sequence being dropped, 0: keeping
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = instruction.operands, str(instruction.operator)
        if skipping:
            skipping += {"BDC": 1, "BMC": 1, "EMC": -1}.get(operator, 0)
            continue
        if operator == "BDC" and str(operands[0]) in (f"/{FOLIO_TAG}", f"/{FOOTER_TAG}"):
            tag, where = str(operands[0])[1:], operands[1]
            if tag == FOLIO_TAG:
                found[tag] = (float(where.X), float(where.Y), float(where.Size))
            else:
                found[tag] = (float(where.X), float(where.Y), float(where.Width))
            if tag == FOLIO_TAG or footer:
                skipping = 1
                continue
        kept.append(instruction)
    folio = found.get(FOLIO_TAG)
    marks = found.get(FOOTER_TAG)
    return kept, Foot(
        (folio[0], folio[1], folio[2]) if folio else None,
        (marks[0], marks[1], marks[2]) if marks and footer else None,
    )


def refolio(pdf: pikepdf.Pdf, text: FolioText, theme: Theme, faces: Faces) -> None:
    """Print the packet's page number in every running foot of `pdf` (page 1 is 1)."""
    contents, feet = [], []
    for page in pdf.pages:
        kept, foot = take_out(page, footer=text.footer is not None)
        contents.append(kept)
        feet.append(foot)
    stamps = pikepdf.open(io.BytesIO(_stamps(pdf, feet, text, theme, faces)))
    for number, (page, kept, foot) in enumerate(zip(pdf.pages, contents, feet), 1):
        if foot.folio is None:
            continue
        form = pdf.copy_foreign(stamps.pages[number - 1].as_form_xobject())
        name = page.add_resource(form, pikepdf.Name.XObject, STAMP)
        page.Contents = pdf.make_stream(
            b"q\n"
            + pikepdf.unparse_content_stream(kept)
            + b"\nQ\nq "
            + str(name).encode()
            + b" Do Q\n"
        )


def _stamps(
    pdf: pikepdf.Pdf, feet: list[Foot], text: FolioText, theme: Theme, faces: Faces
) -> bytes:
    """One page per packet page, the size of it, with its folio (and footer) drawn."""
    output = io.BytesIO()
    font = faces.names[0]
    canvas = Canvas(output, invariant=1, initialFontName=font)
    canvas.setFillColor(colors.HexColor(theme.colours.muted))
    for number, (page, foot) in enumerate(zip(pdf.pages, feet), 1):
        box = page.mediabox
        canvas.setPageSize((float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
        if foot.folio is not None:
            x, y, size = foot.folio
            canvas.setFillColor(colors.HexColor(theme.colours.muted))
            faces.draw(canvas, x, y, text.label.replace("{page}", str(number)), font, size)
            if foot.footer is not None and text.footer:
                right, y, room = foot.footer
                line, line_size = fit_line(text.footer, faces, font, size, room, size * 0.8)
                faces.draw(canvas, right, y, line, font, line_size, right=True)
        canvas.showPage()
    canvas.save()
    return output.getvalue()
