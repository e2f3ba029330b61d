"""Turn checked document markup into ReportLab Platypus flowables: one function per
element. Those that hold other blocks (cover, list, table, box) are in `containers`,
those participants write in (lines, fields, choices) in `writing`."""

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
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from modul.content.images import pixels_for, print_ready
from modul.layout.theme import Theme
from modul.typeset import cards, charts, containers, contents, quiz, writing
from modul.typeset.flowables import FormField
from modul.typeset.fonts import register_faces, register_fonts
from modul.typeset.pagination import keep_together
from modul.typeset.paragraphs import Heading, TextBlock
from modul.typeset.sheets import FillSpacer, Sheet, SpacedLine, fitted_style
from modul.typeset.styles import (
    ALIGN,
    Command,
    grid_style,
    paragraph_styles,
    table_class,
)

HEADING_LEVEL = {"h1": 0, "h2": 1}  # outline depth; h3 is not bookmarked
INLINE = ("b", "i", "u", "br")


class Typesetter:
    """Compiles the markup of one document with one theme into flowables."""

    def __init__(self, theme: Theme, root: Path, *, fillable: bool = False) -> None:
        self.theme, self.root, self.fillable = theme, root, fillable
        self._field_names: Counter[str] = Counter()
        self.font = register_fonts(theme)
        self.faces = register_faces(theme, self.font)
        self.rule_colour = colors.HexColor(theme.colours.rule)
        self.shade = colors.HexColor(theme.colours.shade)
        self.accent = colors.HexColor(theme.colours.accent)
        self._keys = count(1)
        self._compilers: dict[str, Callable[[ET.Element, float], list[Flowable]]] = {
            "cover": partial(containers.cover, self),
            "h1": self.heading,
            "h2": self.heading,
            "h3": self.heading,
            "p": self.paragraph,
            "list": partial(containers.bullet_list, self),
            "table": partial(containers.table, self),
            "lines": partial(writing.lines, self),
            "fields": partial(writing.fields, self),
            "choices": partial(writing.choices, self),
            "box": partial(containers.box, self),
            "columns": partial(containers.columns, self),
            "banner": partial(quiz.banner, self),
            "quiz": partial(quiz.quiz, self),
            "keep": self.keep,
            "spacer": self.spacer,
            "image": self.image,
            "pagebreak": lambda _e, _w: [PageBreak()],
            "tags": partial(cards.tags, self),
            "sheet": self.sheet,
            "toc": partial(contents.toc, self),
            "band": partial(contents.band, self),
            "bottom": partial(contents.bottom, self),
            "bars": partial(charts.bars, self),
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
        name = element.get("style", "body")
        style = self.styles.get(name) or self.styles["title"]  # a theme older than the style
        if align := element.get("align"):
            style = ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=ALIGN[align])
        look = self.theme.styles.get(name)
        if look and look.letter_spacing:
            plain = " ".join("".join(element.itertext()).split())
            return [SpacedLine(plain, style, look.letter_spacing, self.faces)]
        text = self.inline(element)
        if lines := element.get("max-lines"):
            smallest = float(style.fontSize) * self.theme.certificate.min_share
            style = fitted_style(text, style, width, int(lines), smallest)
        return [TextBlock(text, style)]

    def sheet(self, element: ET.Element, width: float) -> list[Flowable]:
        return [Sheet(self.blocks(element, width), width, self.frame_height)]

    def keep(self, element: ET.Element, width: float) -> list[Flowable]:
        blocks = self.blocks(element, width)
        kept = KeepTogether(blocks)
        kept.foot = blocks if element.get("foot") == "true" else None  # pagination.TableFoot
        return [kept]

    def image(self, element: ET.Element, width: float) -> list[Flowable]:
        """A picture, centred, its longer side `mm` long, printed at 300 dpi."""
        size = float(element.get("mm", "30"))
        data = print_ready(self.root / element.get("src", ""), pixels_for(size))
        return [Image(io.BytesIO(data), kind="proportional", width=size * mm, height=size * mm)]

    def spacer(self, element: ET.Element, width: float) -> list[Flowable]:
        height = float(element.get("mm", "5")) * mm
        return [FillSpacer(height) if element.get("fill") == "1" else Spacer(0, height)]

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
        blocks = [child for child in element if child.tag not in INLINE]
        text_only = ET.Element(element.tag)
        text_only.text = element.text
        text_only.extend(child for child in element if child.tag in INLINE)
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
            if child.tag in ("b", "i", "u"):
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
