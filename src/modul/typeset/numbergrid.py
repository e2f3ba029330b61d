"""A number ticked digit by digit (`<digits>` in `<fields>`): the participant's number on
a blank Tes Awal or Tes Akhir, one row of ten tick boxes for the tens and one for the
units, under the digits 0–9; `modul scan` reads it where a copy has no number in its QR
code. It stands at the right of the identity fields' row, as tall as that row."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Protocol

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Table

from modul.layout.theme import Theme
from modul.typeset.flowables import CheckBox, FormField
from modul.typeset.paragraphs import TextBlock
from modul.typeset.styles import Command

# The form map's fields of the rows, from the last (units) up: nomor_puluhan, nomor_satuan
PLACES = ("ribuan", "ratusan", "puluhan", "satuan")
LABEL_GAP_MM = 1.5  # between the rows' names and their first box


class Typesetter(Protocol):
    theme: Theme
    rule_colour: Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...

    def text(self, value: str) -> str: ...

    def form_field(self, base: str) -> FormField | None: ...

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Table: ...


def digit_grid(ts: Typesetter, element: ET.Element) -> tuple[Table, float, float]:
    """The grid, its width and its height: `label` over the rows' names, the digits over
    the boxes, one row of boxes per name in `rows` (tens, units)."""
    look = ts.theme.scan
    size = look.grid_size_pt
    plain = ParagraphStyle(
        "digits", parent=ts.styles["small"], fontSize=size, leading=size * 1.2, spaceAfter=0
    )
    bold = ParagraphStyle("digits-label", parent=ts.styles["cell_head"], fontSize=size)
    bold.leading, bold.spaceAfter, bold.alignment = size * 1.2, 0, TA_RIGHT
    right = ParagraphStyle("digits-row", parent=plain, alignment=TA_RIGHT)
    centred = ParagraphStyle("digits-head", parent=plain, alignment=TA_CENTER)
    rows = [r.strip() for r in element.get("rows", "").split(",") if r.strip()]
    label = element.get("label", "")
    label_w = (
        max(
            pdfmetrics.stringWidth(label, bold.fontName, size),
            *(pdfmetrics.stringWidth(r, plain.fontName, size) for r in rows),
        )
        + LABEL_GAP_MM * mm
    )
    box, pitch, gap = look.grid_box_mm * mm, look.grid_pitch_mm * mm, look.grid_row_gap_mm * mm
    name = element.get("name", "nomor")
    data: list[list[Any]] = [
        [TextBlock(ts.text(label), bold), *(TextBlock(str(d), centred) for d in range(10))]
    ]
    for place, row in zip(PLACES[-len(rows) :], rows, strict=True):
        field = ts.form_field(f"{name}_{place}")
        data.append(
            [TextBlock(ts.text(row), right)]
            + [
                CheckBox(
                    box,
                    ts.rule_colour,
                    ts.theme.choices.box_line_pt,
                    FormField(field.name, str(d)) if field else None,
                    (f"{name}_{place}", str(d)),
                )
                for d in range(10)
            ]
        )
    heights = [size * 1.25] + [box + gap] * len(rows)
    commands: list[Command] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), LABEL_GAP_MM * mm),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("BOTTOMPADDING", (0, 1), (0, -1), (box - size * 0.7) / 2),  # names mid-box
    ]
    width = label_w + 10 * pitch
    table = ts.make_table(
        data,
        [label_w] + [pitch] * 10,
        commands,
        rowHeights=heights,
        spaceBefore=0,
        spaceAfter=0,
    )
    return table, width, sum(heights)
