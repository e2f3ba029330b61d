"""Personalised worksheets from a participant list (CSV, as Excel or a phone saves it).

The worksheet is laid out once. Each participant's name is then stamped onto copies of
its pages: the pages are form XObjects stored once in the print file (pikepdf), and the
stamps (a header line and the "Nama" fields) are drawn by ReportLab in one small
document whose font is shared by all of them. Layout is never run per participant.
"""

from __future__ import annotations

import io
import re
import zlib

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

import modul.typeset.pdf  # noqa: F401  (ReportLab settings for the stamps)
from modul.layout.theme import Roster as StampLook
from modul.production.participants import Participant, Roster
from modul.typeset.glyphs import Faces

IDENTITY_FIELD = re.compile(r"^nama(_\d+)?$")  # the "Nama" fields of the fillable form


def personalise(
    worksheet: bytes, form: bytes, roster: Roster, *, faces: Faces, header: str, look: StampLook
) -> tuple[bytes, list[bytes]]:
    """The merged print file and one file per participant.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" fields say where names go. `header` is printed on every page, with
    "{nama}" and "{asal}" replaced.

    Every page is three form XObjects: the worksheet page (stored once), the
    participant's header line and name (stored once per participant, the name placed
    at each "Nama" field). Pages are made as dictionaries and set in one go: appending
    them one by one through pikepdf costs 50 times more.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    box = base.pages[0].mediabox
    stamps = pikepdf.open(io.BytesIO(_stamps(roster.participants, box, faces, header, look)))
    merged = _new_like(base)
    sheets = _forms(merged, base.pages)
    marks = _forms(merged, stamps.pages)  # header, name; header, name; …
    boxes = _name_boxes(form)
    placements = [merged.make_stream(_placement(boxes.get(n, []))) for n in range(len(sheets))]
    _set_pages(
        merged,
        box,
        [
            (sheet, marks[2 * p], marks[2 * p + 1], placement)
            for p in range(len(roster.participants))
            for sheet, placement in zip(sheets, placements, strict=True)
        ],
    )
    single = _new_like(base)  # the same pages for everyone, only the stamps change
    first = [single.copy_foreign(mark) for mark in marks[:2]]
    _set_pages(
        single,
        box,
        [
            (single.copy_foreign(sheet), *first, single.copy_foreign(placement))
            for sheet, placement in zip(sheets, placements, strict=True)
        ],
    )
    singles = []
    for p in range(len(roster.participants)):
        stamps_of_p = {
            "/Header": single.copy_foreign(marks[2 * p]),
            "/Name": single.copy_foreign(marks[2 * p + 1]),
        }
        for page in single.Root.Pages.Kids:
            for name, stamp in stamps_of_p.items():
                page.Resources.XObject[name] = stamp
        singles.append(_save(single))  # the previous participant's stamps are left out
    return _save(merged), singles


def _new_like(base: pikepdf.Pdf) -> pikepdf.Pdf:
    """An empty PDF with the title, author and dates of `base`."""
    pdf = pikepdf.new()
    for key, value in base.docinfo.items():
        pdf.docinfo[key] = value
    return pdf


def _forms(pdf: pikepdf.Pdf, pages: pikepdf._core.PageList) -> list[pikepdf.Object]:
    """Foreign pages as compressed form XObjects of `pdf`."""
    forms = []
    for page in pages:
        form = pdf.copy_foreign(page.as_form_xobject())
        if "/Filter" not in form:  # as_form_xobject leaves the content decoded
            form.write(zlib.compress(form.read_bytes()), filter=pikepdf.Name.FlateDecode)
        forms.append(form)
    return forms


def _placement(corners: list[tuple[float, float]]) -> bytes:
    """Content of a page: the worksheet page, the header, the name at every corner."""
    names = b"".join(b" q 1 0 0 1 %.2f %.2f cm /Name Do Q" % xy for xy in corners)
    return b"q /Worksheet Do Q q /Header Do Q" + names


def _set_pages(
    pdf: pikepdf.Pdf, box: pikepdf.Array, pages: list[tuple[pikepdf.Object, ...]]
) -> None:
    """Make `pdf`'s pages from (worksheet page, header, name, placement) forms."""
    tree, box = pdf.Root.Pages, pdf.make_indirect(pikepdf.Array(box))
    kids = [
        pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                Parent=tree,
                MediaBox=box,
                Contents=placement,
                Resources=pikepdf.Dictionary(
                    XObject=pikepdf.Dictionary(Worksheet=sheet, Header=header, Name=name)
                ),
            )
        )
        for sheet, header, name, placement in pages
    ]
    tree.Kids, tree.Count = pikepdf.Array(kids), len(kids)


def _name_boxes(form: bytes) -> dict[int, list[tuple[float, float]]]:
    """Page index → lower-left corners of the "Nama" fields on that page."""
    boxes: dict[int, list[tuple[float, float]]] = {}
    with pikepdf.open(io.BytesIO(form)) as pdf:
        for number, page in enumerate(pdf.pages):
            for annotation in page.get("/Annots", []):
                if IDENTITY_FIELD.match(str(annotation.get("/T", ""))):
                    x, y = float(annotation.Rect[0]), float(annotation.Rect[1])
                    boxes.setdefault(number, []).append((x, y))
    return boxes


def _stamps(
    participants: list[Participant], box: pikepdf.Array, faces: Faces, header: str, look: StampLook
) -> bytes:
    """Two pages per participant: the header line in place, the name at the origin."""
    output = io.BytesIO()
    width, height = float(box[2]), float(box[3])
    font = faces.names[0]
    canvas = Canvas(
        output, pagesize=(width, height), invariant=1, initialFontName=font
    )  # no unembedded default font
    for person in participants:
        parts = (
            part.replace("{nama}", person.nama).replace("{asal}", person.asal).strip()
            for part in header.split(" · ")
        )
        faces.draw(
            canvas,
            look.header_left_mm * mm,
            height - look.header_below_top_mm * mm,
            " · ".join(part for part in parts if part),  # no "· ·" for an empty field
            font,
            look.header_size_pt,
        )
        canvas.showPage()
        faces.draw(
            canvas, look.name_left_pt, look.name_above_line_pt, person.nama, font, look.name_size_pt
        )
        canvas.showPage()
    canvas.save()
    return output.getvalue()


def _save(pdf: pikepdf.Pdf) -> bytes:
    """Streams are all compressed already: re-compressing them would take 10× longer."""
    output = io.BytesIO()
    pdf.save(
        output,
        deterministic_id=True,
        compress_streams=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
    )
    return output.getvalue()
