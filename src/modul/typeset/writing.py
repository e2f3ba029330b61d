"""The elements participants write in: ruled lines, identity fields (Nama, Tanggal, …)
and statements with tick boxes. With a fillable form, each gets its form fields."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Protocol

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Spacer, Table

from modul.layout.theme import Theme
from modul.typeset.flowables import CheckBox, FormField, FormText, WritingLines
from modul.typeset.numbergrid import digit_grid
from modul.typeset.pagination import growth
from modul.typeset.paragraphs import TextBlock
from modul.typeset.styles import Command

NO_PADDING: list[Command] = [
    (f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")
]


class Typesetter(Protocol):
    """What these elements ask of the typesetter that sets them (typesetter.Typesetter):
    named here, so that the two modules do not import each other."""

    theme: Theme
    rule_colour: Color
    shade: Color

    @property
    def styles(self) -> dict[str, ParagraphStyle]: ...

    def text(self, value: str) -> str: ...

    def inline(self, element: ET.Element) -> str: ...

    def form_field(self, base: str) -> FormField | None: ...

    def grid_style(self) -> list[Command]: ...

    def make_table(
        self, data: list[list[Any]], widths: list[float], commands: list[Command], **options: object
    ) -> Table: ...


def lines(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """Ruled lines to write on; with `fill="1"`, more of them down to the page's foot
    where the page leaves room (see pagination.Growth)."""
    count = int(element.get("n", "3"))
    field = ts.form_field(element.get("name", "isian"))
    spacing, look = ts.theme.writing_line_mm * mm, ts.theme.writing
    grows = growth() if element.get("fill") == "1" else None
    if grows is None:
        return [
            WritingLines(
                count, spacing, ts.rule_colour, field, rule=look.rule_pt, gap=look.gap_mm * mm
            )
        ]
    number, extra = grows.next()
    return [
        GrowingLines(
            count + extra,
            spacing,
            ts.rule_colour,
            field,
            rule=look.rule_pt,
            gap=look.gap_mm * mm,
            number=number,
        )
    ]


class GrowingLines(WritingLines):
    """Writing lines that tell the growth on which page they are drawn: the room left
    below them there is theirs on the next layout."""

    def __init__(
        self,
        count: int,
        spacing: float,
        colour: Color,
        field: FormField | None,
        *,
        rule: float,
        gap: float,
        number: int,
    ) -> None:
        super().__init__(count, spacing, colour, field, rule=rule, gap=gap)
        self.number = number

    def draw(self) -> None:
        if (grows := growth()) is not None and not self.part:
            grows.drawn(self.number, self.canv.getPageNumber())
        super().draw()


def fields(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """Identity fields (Nama, Tanggal, …): a label and a line each, two to a row when
    the lines are still long enough to write a name or a village on. A `<digits>` grid
    (the participant's number) stands at the right of the first row: beside all the
    fields where their lines stay `scan.min_line_mm` long, else beside the first."""
    entries = [f for f in element if f.tag == "field"]
    digits = element.find("digits")
    if digits is None or not entries:
        return _field_rows(ts, entries, width)
    grid, grid_w, grid_h = digit_grid(ts, digits)
    look, gap = ts.theme.scan, ts.theme.scan.grid_gap_mm * mm
    style = ts.styles["cell_head"]
    label_ws = [
        pdfmetrics.stringWidth(f.get("label", ""), style.fontName, style.fontSize) + 14
        for f in entries
    ]
    room = width - grid_w - gap
    lines = room - sum(label_ws) - (len(entries) - 1) * ts.theme.fields.gap_mm * mm
    shares = [look.name_share] + [(1 - look.name_share) / (len(entries) - 1)] * (len(entries) - 1)
    if len(entries) == 1 or min(lines * share for share in shares) < look.min_line_mm * mm:
        entries, rest = entries[:1], entries[1:]  # the first field beside the grid
        label_ws, shares, lines = label_ws[:1], [1.0], room - label_ws[0]
    else:
        rest = []
    row = _field_rows(ts, entries, room, [lines * share for share in shares], label_ws)[0]
    height = max(ts.theme.fields.row_mm * mm, grid_h)
    beside = ts.make_table(
        [[row, grid]],
        [room + gap, grid_w],
        [*NO_PADDING, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
        rowHeights=[height],
        spaceAfter=ts.theme.fields.space_after_mm * mm if not rest else 0,
    )
    return [beside, *(_field_rows(ts, rest, width) if rest else [])]


def _field_rows(
    ts: Typesetter,
    element: list[ET.Element],
    width: float,
    line_ws: list[float] | None = None,
    label_ws: list[float] | None = None,
) -> list[Flowable]:
    """The fields in rows, two to a row where the lines stay long enough; or in one row,
    their lines and labels as wide as given (beside a number grid)."""
    style, look = ts.styles["cell_head"], ts.theme.fields
    labels = [f.get("label", "") for f in element]
    label_w = (
        max(pdfmetrics.stringWidth(label, style.fontName, style.fontSize) for label in labels) + 14
    )  # the cell's own padding is 12
    gap = look.gap_mm * mm
    two_w = (width - 2 * label_w - gap) / 2
    per_row = 2 if len(labels) > 1 and two_w >= look.min_line_mm * mm else 1
    line_w = two_w if per_row == 2 else width - label_w
    if line_ws and label_ws:
        per_row = len(labels)
    cells = [
        [TextBlock(ts.text(label), style), _identity_field(ts, f)]
        for label, f in zip(labels, element, strict=True)
    ]
    cells += [["", ""]] * (-len(cells) % per_row)
    data = [sum(cells[i : i + per_row], []) for i in range(0, len(cells), per_row)]
    commands: list[Command] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (2, 0), (2, -1), gap),
    ]
    for n in range(len(labels)):
        column, row = (n % per_row) * 2 + 1, n // per_row
        commands.append(("LINEBELOW", (column, row), (column, row), look.line_pt, ts.rule_colour))
    widths = [label_w, line_w, label_w + gap, line_w][: 2 * per_row]
    after = look.space_after_mm * mm
    if line_ws and label_ws:  # one row: each label as wide as it is, then its line
        pairs = zip(label_ws, line_ws, strict=True)
        widths = [w for n, (lw, line) in enumerate(pairs) for w in (lw + (gap if n else 0), line)]
        after = 0  # inside the row that holds the grid
    return [
        ts.make_table(
            data,
            widths,
            commands,
            rowHeights=[look.row_mm * mm] * len(data),
            spaceAfter=after,
            **({"spaceBefore": 0} if after == 0 else {}),
        )
    ]


def choices(ts: Typesetter, element: ET.Element, width: float) -> list[Flowable]:
    """A numbered list of statements with one tick box per option (scales, quizzes), and
    with `score` a last column where participants write each statement's score."""
    options = [o.strip() for o in element.get("options", "").split(",")]
    score = element.get("score")
    head = ts.styles["cell_head"]
    centred = ParagraphStyle("choice-head", parent=head, alignment=TA_CENTER)
    widths = _choice_widths(ts, element, options, width)
    headings = [element.get("number", ""), element.get("head", ""), *options]
    headings += [score] if score else []
    data: list[list[Flowable | list[Flowable]]] = [
        [TextBlock(ts.text(h), head if n == 1 else centred) for n, h in enumerate(headings)]
    ]
    data += [_statement(ts, element, n, item, options) for n, item in enumerate(element, 1)]
    commands = [
        *ts.grid_style(),
        ("BACKGROUND", (0, 0), (-1, 0), ts.shade),
        ("VALIGN", (2, 1), (-1, -1), "MIDDLE"),
    ]
    if len(data) > 4:  # the last statement never goes alone to the next page
        commands.append(("NOSPLIT", (0, len(data) - 2), (-1, len(data) - 1)))
    return [ts.make_table(data, widths, commands, repeatRows=1)]


def _choice_widths(
    ts: Typesetter, element: ET.Element, options: list[str], width: float
) -> list[float]:
    """The columns of a list of choices: the number, the statement (what is left), one
    per option, and the score if asked for; each as wide as its heading or notes."""
    head, small, look = ts.styles["cell_head"], ts.styles["small"], ts.theme.choices
    score = element.get("score")
    option_w = max(
        look.option_min_mm * mm,
        max(pdfmetrics.stringWidth(o, head.fontName, head.fontSize) for o in options) + 10,
    )
    number_w = max(
        look.number_min_mm * mm,
        pdfmetrics.stringWidth(element.get("number", ""), head.fontName, head.fontSize) + 10,
    )
    notes = [item.get("score-note", "") for item in element]
    score_w = (
        max(
            look.number_min_mm * mm,
            pdfmetrics.stringWidth(score, head.fontName, head.fontSize) + 10,
            *(pdfmetrics.stringWidth(n, small.fontName, small.fontSize) + 10 for n in notes),
        )
        if score
        else 0
    )
    text_w = width - number_w - option_w * len(options) - score_w
    return [number_w, text_w] + [option_w] * len(options) + ([score_w] if score else [])


def _statement(
    ts: Typesetter, element: ET.Element, n: int, item: ET.Element, options: list[str]
) -> list[Flowable | list[Flowable]]:
    """The row of statement `n`: its number, its text, a tick box per option (in a
    fillable form, one radio group: one answer), and the room for its score."""
    number = ParagraphStyle("choice-number", parent=ts.styles["cell"], alignment=TA_CENTER)
    box, look = ts.theme.checkbox_mm * mm, ts.theme.choices
    group = element.get("name", "pilihan")
    name = ts.form_field(f"{group}_{n}")
    # what a tick means to a reader: the option's `values` entry (a scale's 1 = lowest)
    values = [v.strip() for v in element.get("values", "").split(",")]
    values = values if len(values) == len(options) else options
    return [
        TextBlock(str(n), number),
        TextBlock(ts.inline(item), ts.styles["cell"]),
        *[
            CheckBox(
                box,
                ts.rule_colour,
                look.box_line_pt,
                FormField(name.name, option) if name else None,
                (f"{group}_{n}", value),
            )
            for option, value in zip(options, values, strict=True)
        ],
    ] + ([_score_cell(ts, item, f"{group}_{n}_skor")] if element.get("score") else [])


def _score_cell(ts: Typesetter, item: ET.Element, name: str) -> list[Flowable]:
    """Room to write a statement's score, under its `score-note` (e.g. "dibalik"); the
    same height with or without a form field, so both print alike."""
    note = item.get("score-note")
    style = ParagraphStyle("score-note", parent=ts.styles["small"], alignment=TA_CENTER)
    cell: list[Flowable] = [TextBlock(ts.text(note), style)] if note else []
    height = ts.theme.fields.form_height_mm * mm
    field = ts.form_field(name)
    return [*cell, FormText(field, height) if field else Spacer(0, height)]


def _identity_field(ts: Typesetter, element: ET.Element) -> Flowable | str:
    field = ts.form_field(element.get("name") or _field_name(element.get("label", "")))
    return FormText(field, ts.theme.fields.form_height_mm * mm) if field else ""


def _field_name(label: str) -> str:
    """ "Desa/Kelurahan" → "desa_kelurahan": a form field name from a label."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "isian"
