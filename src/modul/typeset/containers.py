"""The elements that hold other blocks: the cover's title block, lists, tables and
boxes. What is inside is set by the typesetter (its text, its blocks); here, how it is
framed: items with bullets or numbers, cells in a grid, one bordered cell."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Protocol

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Table,
)

from modul.content.images import pixels_for, print_ready
from modul.layout.theme import Theme
from modul.typeset.columns import Columns
from modul.typeset.paragraphs import TextBlock
from modul.typeset.styles import Command, padding, split_width


class Typesetter(Protocol):
    """What these elements ask of the typesetter that sets them (typesetter.Typesetter):
    named here, so that the two modules do not import each other."""

    theme: Theme
    root: Path
    font: dict[str, str]
    rule_colour: Color
    shade: Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...

    def blocks(self, parent: ET.Element, width: float) -> list[Flowable]: ...

    def cell_content(
        self,
        element: ET.Element,
        width: float,
        style: ParagraphStyle,
        align: str | None = None,
        indent: float = 0,
    ) -> list[Flowable]: ...

    def text(self, value: str) -> str: ...

    def grid_style(self) -> list[Command]: ...

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Table: ...


def cover(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """The title block: the document's kind over its title; on a form (`form="true"`)
    the kind is the title ("TES AWAL") and the title (the role) is set under it, smaller.
    Then the subtitle and the detail line, small. An empty kind is left out (the tests:
    their banner names them)."""
    styles = ("title", "kind") if element.get("form") == "true" else ("kind", "title")
    parts: list[Flowable] = [
        TextBlock(ts.text(element.get(text, "")), ts.styles[style])
        for text, style in zip(("kind", "title"), styles)
        if element.get(text)
    ]
    for line in ("subtitle", "detail"):
        if element.get(line):
            parts.append(TextBlock(ts.text(element.get(line, "")), ts.styles["small"]))
    look = ts.theme.cover
    if element.get("logo"):
        size, gap = look.logo_mm * mm, look.logo_gap_mm * mm
        path = ts.root / element.get("logo", "")
        logo = Image(
            io.BytesIO(print_ready(path, pixels_for(look.logo_mm))),
            kind="proportional",
            width=size,
            height=size,
        )
        parts = [
            ts.make_table(
                [[parts, logo]],
                [width - size - gap, size + gap],
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ],
                spaceBefore=0,
                spaceAfter=0,
            )
        ]
    rule = HRFlowable(
        width="100%",
        thickness=look.rule_pt,
        color=ts.rule_colour,
        spaceBefore=look.rule_space_before_mm * mm,
        spaceAfter=look.rule_space_after_mm * mm,
    )
    return [*parts, rule, *ts.blocks(element, width)]


def bullet_list(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    numbered = element.get("style") == "number"
    body = ts.styles["body"]
    indent = ts.theme.list_indent_mm * mm
    items = [
        ListItem(ts.cell_content(item, width - indent, body), leftIndent=indent) for item in element
    ]
    return [
        ListFlowable(
            items,
            bulletType="1" if numbered else "bullet",
            start=None if numbered else "•",
            leftIndent=indent,
            bulletFormat="%s." if numbered else None,
            bulletFontName=ts.font["regular"],
            bulletFontSize=body.fontSize,
            spaceAfter=body.spaceAfter,
        )
    ]


def table(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    rows = list(element)
    columns = max((len(row) for row in rows), default=1)
    widths = split_width(width, element.get("widths"), columns)
    header = int(element.get("header", "0"))
    cell_style = ts.styles["cell"]
    data = []
    for r, row in enumerate(rows):
        style = ts.styles["cell_head"] if r < header else cell_style
        cells = [
            opened(
                ts.cell_content(
                    cell,
                    widths[c] - 8,
                    style,
                    cell.get("align"),
                    indent(cell.get("indent", "0"), widths[c] - 8),
                )
            )
            for c, cell in enumerate(row)
        ]
        data.append(cells + [""] * (columns - len(cells)))
    commands = ts.grid_style() if element.get("border") != "0" else []
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, header - 1), ts.shade))
    if element.get("shade"):
        column = int(element.get("shade", "1")) - 1
        commands.append(("BACKGROUND", (column, header), (column, -1), ts.shade))
    row = float(element.get("row-mm", "0")) * mm  # the least height of a body row
    heights = [0.0] * header + [row] * (len(data) - header)
    return [ts.make_table(data, widths, commands, repeatRows=header, minRowHeights=heights)]


def indent(value: str, width: float) -> float:
    """A cell's indent: millimetres ("6"), or a share of the cell's text width ("50%",
    the right half of a signature cell)."""
    if value.endswith("%"):
        return width * float(value[:-1]) / 100
    return float(value) * float(mm)


def box(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    inner = width - 12
    content: list[Flowable] = []
    if element.get("title"):
        content.append(TextBlock(ts.text(element.get("title", "")), ts.styles["cell_head"]))
    content += opened(ts.blocks(element, inner))
    look = ts.theme.box
    return [
        KeepTogether(
            [
                ts.make_table(
                    [[content]],
                    [width],
                    [
                        ("BOX", (0, 0), (-1, -1), look.border_pt, ts.rule_colour),
                        *padding(look.padding_pt),
                    ],
                    spaceBefore=0,
                    spaceAfter=look.space_after_mm * mm,
                )
            ]
        )
    ]


def columns(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """Blocks in `n` columns side by side (default 2), filled in turn and balanced on the
    last page, like a dictionary's: the glossary."""
    count = int(element.get("n", "2"))
    gap = ts.theme.columns.gap_mm * mm
    inner = (width - gap * (count - 1)) / count
    block = Columns(ts.blocks(element, inner), count, inner, gap)
    block.spaceAfter = ts.theme.columns.space_after_mm * mm
    return [block]


def opened(blocks: list[Flowable]) -> list[Flowable]:
    """What goes in a table's cell, with a box or `keep` opened: a cell keeps nothing
    together (ReportLab measures a KeepTogether there as endless and cannot split it),
    and a row taller than a page is cut between the lines of its cells."""
    result: list[Flowable] = []
    for block in blocks:
        result += opened(block._content) if isinstance(block, KeepTogether) else [block]
    return result
