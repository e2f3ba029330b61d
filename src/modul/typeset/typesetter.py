"""Turn checked document markup into ReportLab Platypus flowables: one function per element."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from functools import cached_property, partial
from itertools import count
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from modul.content.images import pixels_for, print_ready
from modul.layout.theme import Theme
from modul.typeset import writing
from modul.typeset.flowables import (
    FormField,
    Heading,
    TextBlock,
)
from modul.typeset.fonts import register_faces, register_fonts
from modul.typeset.pagination import keep_together
from modul.typeset.styles import (
    ALIGN,
    Command,
    grid_style,
    padding,
    paragraph_styles,
    split_width,
    table_class,
)

HEADING_LEVEL = {"h1": 0, "h2": 1}  # outline depth; h3 is not bookmarked


class Typesetter:
    """Compiles the markup of one document with one theme into flowables."""

    def __init__(self, theme: Theme, root: Path, *, fillable: bool = False) -> None:
        self.theme, self.root, self.fillable = theme, root, fillable
        self._field_names: Counter[str] = Counter()
        self.font = register_fonts(theme)
        self.faces = register_faces(theme, self.font)
        self.rule_colour = colors.HexColor(theme.colours.rule)
        self.shade = colors.HexColor(theme.colours.shade)
        self._keys = count(1)
        self._compilers: dict[str, Callable[[ET.Element, float], list[Flowable]]] = {
            "cover": self.cover,
            "h1": self.heading,
            "h2": self.heading,
            "h3": self.heading,
            "p": self.paragraph,
            "list": self.bullet_list,
            "table": self.table,
            "lines": partial(writing.lines, self),
            "fields": partial(writing.fields, self),
            "choices": partial(writing.choices, self),
            "box": self.box,
            "keep": self.keep,
            "spacer": self.spacer,
            "image": self.image,
            "pagebreak": lambda _e, _w: [PageBreak()],
        }

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        return paragraph_styles(self.theme, self.font)

    def flowables(self, document: ET.Element) -> list[Flowable]:
        margins = self.theme.margins
        width = (self.theme.paper_mm[0] - margins.left - margins.right) * mm
        return keep_together(
            self.blocks(document, width), width, self.frame_height, self.theme.page_breaks
        )

    def blocks(self, parent: ET.Element, width: float) -> list[Flowable]:
        result: list[Flowable] = []
        for element in parent:
            result += self._compilers[element.tag](element, width)
        return result

    # --- one function per element -------------------------------------------------------

    def cover(self, element: ET.Element, width: float) -> list[Flowable]:
        parts: list[Flowable] = [
            TextBlock(self.text(element.get("kind", "")), self.styles["kind"]),
            TextBlock(self.text(element.get("title", "")), self.styles["title"]),
        ]
        if element.get("subtitle"):
            parts.append(TextBlock(self.text(element.get("subtitle", "")), self.styles["small"]))
        look = self.theme.cover
        if element.get("logo"):
            size, gap = look.logo_mm * mm, look.logo_gap_mm * mm
            path = self.root / element.get("logo", "")
            logo = Image(
                io.BytesIO(print_ready(path, pixels_for(look.logo_mm))),
                kind="proportional",
                width=size,
                height=size,
            )
            parts = [
                self.make_table(
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
            color=self.rule_colour,
            spaceBefore=look.rule_space_before_mm * mm,
            spaceAfter=look.rule_space_after_mm * mm,
        )
        return [*parts, rule, *self.blocks(element, width)]

    def heading(self, element: ET.Element, width: float) -> list[Flowable]:
        text = self.inline(element)
        level = HEADING_LEVEL.get(element.tag)
        if level is None:
            return [TextBlock(text, self.styles[element.tag])]
        title = " ".join("".join(element.itertext()).split())
        return [
            Heading(
                text,
                self.styles[element.tag],
                level=level,
                title=title,
                key=element.get("id") or f"h{next(self._keys)}",
            )
        ]

    def paragraph(self, element: ET.Element, width: float) -> list[Flowable]:
        style = self.styles[element.get("style", "body")]
        if align := element.get("align"):
            style = ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=ALIGN[align])
        return [TextBlock(self.inline(element), style)]

    def bullet_list(self, element: ET.Element, width: float) -> list[Flowable]:
        numbered = element.get("style") == "number"
        body = self.styles["body"]
        indent = self.theme.list_indent_mm * mm
        items = [
            ListItem(self.cell_content(item, width - indent, body), leftIndent=indent)
            for item in element
        ]
        return [
            ListFlowable(
                items,
                bulletType="1" if numbered else "bullet",
                start=None if numbered else "•",
                leftIndent=indent,
                bulletFormat="%s." if numbered else None,
                bulletFontName=self.font["regular"],
                bulletFontSize=body.fontSize,
                spaceAfter=body.spaceAfter,
            )
        ]

    def table(self, element: ET.Element, width: float) -> list[Flowable]:
        rows = list(element)
        columns = max((len(row) for row in rows), default=1)
        widths = split_width(width, element.get("widths"), columns)
        header = int(element.get("header", "0"))
        cell_style = self.styles["cell"]
        data = []
        for r, row in enumerate(rows):
            style = self.styles["cell_head"] if r < header else cell_style
            cells = [
                opened(
                    self.cell_content(
                        cell,
                        widths[c] - 8,
                        style,
                        cell.get("align"),
                        float(cell.get("indent", "0")) * mm,
                    )
                )
                for c, cell in enumerate(row)
            ]
            data.append(cells + [""] * (columns - len(cells)))
        commands = self.grid_style() if element.get("border") != "0" else []
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, header - 1), self.shade))
        if element.get("shade"):
            column = int(element.get("shade", "1")) - 1
            commands.append(("BACKGROUND", (column, header), (column, -1), self.shade))
        row = float(element.get("row-mm", "0")) * mm  # the least height of a body row
        heights = [0.0] * header + [row] * (len(data) - header)
        return [self.make_table(data, widths, commands, repeatRows=header, minRowHeights=heights)]

    def box(self, element: ET.Element, width: float) -> list[Flowable]:
        inner = width - 12
        content: list[Flowable] = []
        if element.get("title"):
            content.append(TextBlock(self.text(element.get("title", "")), self.styles["cell_head"]))
        content += opened(self.blocks(element, inner))
        look = self.theme.box
        return [
            KeepTogether(
                [
                    self.make_table(
                        [[content]],
                        [width],
                        [
                            ("BOX", (0, 0), (-1, -1), look.border_pt, self.rule_colour),
                            *padding(look.padding_pt),
                        ],
                        spaceBefore=0,
                        spaceAfter=look.space_after_mm * mm,
                    )
                ]
            )
        ]

    def keep(self, element: ET.Element, width: float) -> list[Flowable]:
        return [KeepTogether(self.blocks(element, width))]

    def image(self, element: ET.Element, width: float) -> list[Flowable]:
        """A picture, centred, its longer side `mm` long, printed at 300 dpi."""
        size = float(element.get("mm", "30"))
        data = print_ready(self.root / element.get("src", ""), pixels_for(size))
        return [Image(io.BytesIO(data), kind="proportional", width=size * mm, height=size * mm)]

    def spacer(self, element: ET.Element, width: float) -> list[Flowable]:
        return [Spacer(0, float(element.get("mm", "5")) * mm)]

    # --- helpers -------------------------------------------------------------------------

    def cell_content(
        self,
        element: ET.Element,
        width: float,
        style: ParagraphStyle,
        align: str | None = None,
        indent: float = 0,
    ) -> list[Flowable]:
        """Text of a cell or list item as a paragraph, followed by any blocks inside it."""
        if align or indent:
            style = ParagraphStyle(
                f"{style.name}-{align}-{indent}",
                parent=style,
                alignment=ALIGN[align or "left"],
                leftIndent=indent,
            )
        blocks = [child for child in element if child.tag not in ("b", "i", "br")]
        text_only = ET.Element(element.tag)
        text_only.text = element.text
        text_only.extend(child for child in element if child.tag in ("b", "i", "br"))
        result: list[Flowable] = []
        if "".join(text_only.itertext()).strip():
            result.append(TextBlock(self.inline(text_only), style))
        for block in blocks:
            result += self._compilers[block.tag](block, width)
        return result

    def inline(self, element: ET.Element) -> str:
        """ReportLab paragraph markup for an element's text; all content text is escaped."""
        parts = [self.text(element.text or "")]
        for child in element:
            if child.tag in ("b", "i"):
                parts.append(f"<{child.tag}>{self.inline(child)}</{child.tag}>")
            elif child.tag == "br":
                parts.append("<br/>")
            parts.append(self.text(child.tail or ""))
        return "".join(parts).strip()

    def text(self, value: str) -> str:
        """Content text as paragraph markup: escaped, each character in a font that has it."""
        return self.faces.markup(value)

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Table:
        # Every table names the theme font: ReportLab's default is an unembedded Helvetica.
        style = TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font["regular"]), *commands])
        look = self.theme.tables
        options = {
            "hAlign": "LEFT",
            "spaceBefore": look.space_before_mm * mm,
            "spaceAfter": look.space_after_mm * mm,
            **options,
        }
        return self._table_class(data, colWidths=widths, style=style, **options)

    @cached_property
    def frame_height(self) -> float:
        """The height of a page's writing area, in points."""
        margins = self.theme.margins
        return float((self.theme.paper_mm[1] - margins.top - margins.bottom) * mm)

    @cached_property
    def _table_class(self) -> type[Table]:
        return table_class(self.theme, self.frame_height)

    def form_field(self, base: str) -> FormField | None:
        """A uniquely named form field, when a fillable form is being made."""
        if not self.fillable:
            return None
        self._field_names[base] += 1
        count = self._field_names[base]
        return FormField(base if count == 1 else f"{base}_{count}")

    def grid_style(self) -> list[Command]:
        return grid_style(self.theme, self.rule_colour)


def opened(blocks: list[Flowable]) -> list[Flowable]:
    """What goes in a table's cell, with a box or `keep` opened: a cell keeps nothing
    together (ReportLab measures a KeepTogether there as endless and cannot split it),
    and a row taller than a page is cut between the lines of its cells."""
    result: list[Flowable] = []
    for block in blocks:
        result += opened(block._content) if isinstance(block, KeepTogether) else [block]
    return result
