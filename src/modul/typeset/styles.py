"""Paragraph and table styles from the theme, in ReportLab's terms."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table

from modul.layout.theme import Padding, Theme
from modul.typeset.tables import SplittingTable

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
KEEP_WITH_NEXT = {"h1", "h2", "h3", "kind", "title"}
Command = tuple[Any, ...]  # a ReportLab table style command


def paragraph_styles(theme: Theme, fonts: dict[str, str]) -> dict[str, ParagraphStyle]:
    """The theme's paragraph styles; `fonts` maps regular/bold/… to registered names."""
    result = {}
    for name, style in theme.styles.items():
        slot = (
            "_".join(word for word, on in (("bold", style.bold), ("italic", style.italic)) if on)
            or "regular"
        )
        result[name] = ParagraphStyle(
            name,
            fontName=fonts[slot],
            fontSize=style.size,
            leading=style.leading or round(style.size * theme.line_spacing, 1),
            spaceBefore=style.space_before * mm,
            spaceAfter=style.space_after * mm,
            alignment=ALIGN[style.align],
            textColor=colors.HexColor(getattr(theme.colours, style.colour)),
            keepWithNext=name in KEEP_WITH_NEXT,
            bulletFontName=fonts["regular"],
            allowWidows=0,  # a paragraph's last line never alone at the top of a page
        )
    return result


def table_class(theme: Theme, frame_height: float) -> type[Table]:
    """A SplittingTable that knows the page's writing area and the theme's break rules."""
    rules = theme.page_breaks
    attributes = {
        "frame_height": frame_height,
        "min_rows": rules.table_min_rows,
        "short_row": rules.short_row_mm * mm,
        "min_row_piece": rules.min_row_piece_mm * mm,
        "cut_room": rules.cut_row_room_mm * mm,
        "half": theme.layout_check.least_filled,
    }
    return type("Table", (SplittingTable,), attributes)


def grid_style(theme: Theme, colour: Color) -> list[Command]:
    look = theme.tables
    return [
        ("GRID", (0, 0), (-1, -1), look.grid_pt, colour),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *padding(look.padding_pt),
    ]


def padding(padding: Padding) -> list[Command]:
    return [
        (f"{side.upper()}PADDING", (0, 0), (-1, -1), getattr(padding, side))
        for side in ("left", "right", "top", "bottom")
    ]


def split_width(width: float, spec: str | None, columns: int) -> list[float]:
    """Column widths from relative weights ("1,4,2"); missing weights count 1. A width
    in millimetres ("9mm") is kept on every paper, the weights share the rest."""
    given = [w.strip() for w in spec.split(",")] if spec else []
    given = (given + ["1"] * columns)[:columns]
    fixed = sum(float(w[:-2]) * mm for w in given if w.endswith("mm"))
    weights = [0.0 if w.endswith("mm") else float(w) for w in given]
    rest = max(width - fixed, 0.0)
    widths = [
        float(w[:-2]) * mm if w.endswith("mm") else rest * weight / (sum(weights) or 1)
        for w, weight in zip(given, weights)
    ]
    return _at_least(widths, LEAST_COLUMN)


LEAST_COLUMN = 8 + 2 * mm  # a cell's padding and a letter: a narrower column cannot be set


def _at_least(widths: list[float], least: float) -> list[float]:
    """Columns no narrower than `least`, the room taken from the widest: a weight too
    small in a template gives a narrow column (which the layout check reports where its
    words break), never a crash."""
    widths = list(widths)
    for i, width in enumerate(widths):
        if width < least:
            widest = max(range(len(widths)), key=widths.__getitem__)
            widths[widest] -= least - width
            widths[i] = least
    return widths
