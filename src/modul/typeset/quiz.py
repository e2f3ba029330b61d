"""The elements of a test sheet: the band that names it (TES AWAL, TES AKHIR) in large
white letters on the theme's accent colour, and multiple-choice questions with a tick box
beside each option, the options side by side where they are short."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table

from modul.layout.theme import Theme
from modul.typeset.flowables import CheckBox, FormField
from modul.typeset.paragraphs import TextBlock
from modul.typeset.styles import Command

LETTERS = "abcdefgh"
NO_PADDING: list[Command] = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


class Typesetter(Protocol):
    """What these elements ask of the typesetter that sets them (typesetter.Typesetter)."""

    theme: Theme
    rule_colour: Color
    accent: Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...

    def text(self, value: str) -> str: ...

    def inline(self, element: ET.Element) -> str: ...

    def form_field(self, base: str) -> FormField | None: ...

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Table: ...


def banner(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """A full-width bar in the accent colour: `text` large in white bold, `note` small at
    the other end. `align="right"` mirrors it, so that two sheets told apart by their
    band (Tes Awal, Tes Akhir) differ in shape as well as in words, even photocopied."""
    look = ts.theme.banner
    right = element.get("align") == "right"
    big = ParagraphStyle(
        "band",
        parent=ts.styles["title"],
        fontSize=look.size_pt,
        leading=look.size_pt * 1.15,
        textColor=colors.white,
        alignment=TA_RIGHT if right else TA_LEFT,
        spaceBefore=0,
        spaceAfter=0,
    )
    small = ParagraphStyle(
        "band-note",
        parent=ts.styles["small"],
        textColor=colors.white,
        alignment=TA_LEFT if right else TA_RIGHT,
        spaceBefore=0,
        spaceAfter=0,
    )
    text = element.get("text", "")
    inner = look.padding_mm * mm
    text_w = min(width * 0.6, pdfmetrics.stringWidth(text, big.fontName, big.fontSize) + 2 * inner)
    cells = [TextBlock(ts.text(text), big)]
    note = [TextBlock(ts.text(element.get("note", "")), small)] if element.get("note") else [""]
    row = [*note, *cells] if right else [*cells, *note]
    return [
        ts.make_table(
            [row],
            [width - text_w, text_w] if right else [text_w, width - text_w],
            [
                ("BACKGROUND", (0, 0), (-1, -1), ts.accent),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), inner),
                ("RIGHTPADDING", (0, 0), (-1, -1), inner),
                ("TOPPADDING", (0, 0), (-1, -1), inner * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), inner),
            ],
            spaceBefore=0,
            spaceAfter=look.space_after_mm * mm,
        )
    ]


def quiz(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """Numbered questions, each kept whole on a page, with a tick box before each option
    (a., b., …): the options in as many columns as keep each on one line, else one
    under the other. In a fillable form, one radio group per question."""
    return [
        _question(ts, element.get("name", "soal"), n, question, width)
        for n, question in enumerate(element, 1)
    ]


def _question(ts: Typesetter, group: str, n: int, element: ET.Element, width: float) -> Table:
    look, style = ts.theme.quiz, _style(ts)
    number_w = look.number_mm * mm
    options = [o for o in element if o.tag == "option"]
    text = ET.Element("question")
    text.text = element.text
    text.extend(child for child in element if child.tag != "option")
    field = ts.form_field(f"{group}_{n}")
    inner = width - number_w
    columns = _columns(ts, options, inner, style)
    column_w = inner / columns
    cells = [
        _option(
            ts,
            LETTERS[i],
            option,
            column_w,
            FormField(field.name, LETTERS[i]) if field else None,
            mark=(f"{group}_{n}", LETTERS[i]),
        )
        for i, option in enumerate(options)
    ]
    cells += [""] * (-len(cells) % columns)
    grid = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    choices = ts.make_table(
        grid,
        [column_w] * columns,
        [
            *NO_PADDING,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), look.option_gap_mm * mm),
        ],
        spaceBefore=look.options_before_mm * mm,
        spaceAfter=0,
    )
    number = ParagraphStyle("quiz-number", parent=style, fontName=ts.styles["cell_head"].fontName)
    stem = _style(ts, "".join(text.itertext()), inner)
    return ts.make_table(
        [[TextBlock(f"{n}.", number), [TextBlock(ts.inline(text), stem), choices]]],
        [number_w, inner],
        [*NO_PADDING, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("NOSPLIT", (0, 0), (-1, -1))],
        spaceBefore=0,
        spaceAfter=look.space_after_mm * mm,
    )


def _style(ts: Typesetter, text: str = "", width: float = math.inf) -> ParagraphStyle:
    """The text of questions and options: the cell style at `size_share` of its size (so
    that twelve questions of four options fit one side), its lines `leading_share` apart;
    a `text` that wraps in `width` at the cell's own spacing, so that its lines stand clear
    of each other."""
    cell, look = ts.styles["cell"], ts.theme.quiz
    size = cell.fontSize * look.size_share
    leading = size * look.leading_share
    if pdfmetrics.stringWidth(" ".join(text.split()), cell.fontName, size) > width:
        leading = max(leading, size * cell.leading / cell.fontSize)
    return ParagraphStyle("quiz", parent=cell, fontSize=size, leading=leading)


def _columns(ts: Typesetter, options: list[ET.Element], width: float, style: ParagraphStyle) -> int:
    """The most columns (all options in a row, or two) that set each option on one line."""
    box = (ts.theme.quiz.box_mm + ts.theme.quiz.box_gap_mm) * mm
    widest = max(
        (
            pdfmetrics.stringWidth(
                f"a. {' '.join(''.join(o.itertext()).split())}", style.fontName, style.fontSize
            )
            for o in options
        ),
        default=0.0,
    )
    for columns in (len(options), 2):
        if columns >= 2 and widest + box + ts.theme.quiz.column_gap_mm * mm <= width / columns:
            return columns
    return 1


def _option(
    ts: Typesetter,
    letter: str,
    element: ET.Element,
    width: float,
    field: FormField | None,
    *,
    mark: tuple[str, str],
) -> Table:
    """An option: its tick box, then its letter and text, the box level with the first
    line of text."""
    look = ts.theme.quiz
    gap, column_gap = look.box_gap_mm * mm, look.column_gap_mm * mm
    label_width = width - look.box_mm * mm - column_gap - gap
    style = _style(ts, f"{letter}. {''.join(element.itertext())}", label_width)
    # smaller where the lines are closer (A5, a page fitted smaller): boxes never touch
    box = min(look.box_mm, (style.leading / mm + look.option_gap_mm - look.boxes_apart_mm)) * mm
    tick = CheckBox(box, ts.rule_colour, ts.theme.choices.box_line_pt, field, mark)
    label = TextBlock(f"{letter}. {ts.inline(element)}", style)
    return ts.make_table(
        [[tick, label]],
        [box, width - box - column_gap],
        [
            *NO_PADDING,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (0, 0), max(0.0, style.leading - style.fontSize * 0.2 - box)),
            ("LEFTPADDING", (1, 0), (1, 0), gap),
        ],
        spaceBefore=0,
        spaceAfter=0,
    )
