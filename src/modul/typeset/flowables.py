"""Platypus flowables ReportLab lacks, for the spaces participants write in: ruled
writing lines, tick boxes, and the fillable-form fields over them."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from modul.typeset.layoutcheck import current
from modul.typeset.scanmarks import current_marks

CLEAR = Color(1, 1, 1, alpha=0)  # form fields draw nothing: the form prints like the plain one


@dataclass(frozen=True)
class FormField:
    """A fillable-form field drawn over a writing space: its name, and for a tick box the
    option it stands for."""

    name: str
    value: str = ""


def text_field(canvas: Canvas, field: FormField, width: float, height: float, y: float = 0) -> None:
    canvas.acroForm.textfieldRelative(
        name=field.name,
        x=0,
        y=y,
        width=width,
        height=height,
        borderWidth=0,
        fillColor=CLEAR,
        borderColor=CLEAR,
        fontSize=11 if height > 20 else 10,
        fieldFlags="multiline" if height > 20 else "",
        maxlen=100000,
    )


class FormText(Flowable):
    """A single-line fillable field filling the space it is given (identity fields)."""

    def __init__(self, field: FormField, height: float) -> None:
        super().__init__()
        self.field, self.height = field, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        text_field(self.canv, self.field, self.width, self.height)


class WritingLines(Flowable):
    """`count` ruled lines to write on by hand, `spacing` points apart; splits across pages.

    A `gap` below the last line keeps handwriting clear of whatever follows (a label, a
    cell border); `rule` is the lines' width.
    """

    def __init__(
        self,
        count: int,
        spacing: float,
        colour: Color,
        field: FormField | None = None,
        *,
        rule: float,
        gap: float,
        part: bool = False,
    ) -> None:
        super().__init__()
        self.count, self.spacing, self.colour, self.field = count, spacing, colour, field
        self.rule, self.gap = rule, gap
        self.part = part  # a piece of a space split over two pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.spacing + self.gap

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - self.gap) // self.spacing)
        if fits < 1 or fits >= self.count:
            return []
        rest = FormField(f"{self.field.name}_lanjutan") if self.field else None
        return [
            WritingLines(
                fits, self.spacing, self.colour, self.field, rule=self.rule, gap=self.gap, part=True
            ),
            WritingLines(
                self.count - fits,
                self.spacing,
                self.colour,
                rest,
                rule=self.rule,
                gap=self.gap,
                part=True,
            ),
        ]

    def draw(self) -> None:
        canvas = self.canv
        if (log := current()) and not self.part:
            log.writing_space(canvas.getPageNumber(), self.count * self.spacing)
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.rule)
        for i in range(self.count):
            y = self.gap + i * self.spacing
            canvas.line(0, y, self.width, y)
        if self.field:
            text_field(canvas, self.field, self.width, self.count * self.spacing, self.gap)


class CheckBox(Flowable):
    """An empty square to tick, centred in the space it is given. `mark` is what a tick
    in it answers, (field, value): on a form read back, where it is drawn is noted for
    the form map."""

    def __init__(
        self,
        size: float,
        colour: Color,
        line: float,
        field: FormField | None = None,
        mark: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.size, self.colour, self.line, self.field = size, colour, line, field
        self.mark = mark

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.line)
        self.canv.rect((self.avail - self.size) / 2, 0, self.size, self.size)
        if self.mark and (marks := current_marks()) is not None:
            marks.box(self.canv, *self.mark, (self.avail - self.size) / 2, 0, self.size)
        if self.field:  # one radio group per statement: one answer each
            self.canv.acroForm.radioRelative(
                name=self.field.name,
                value=self.field.value,
                x=(self.avail - self.size) / 2,
                y=0,
                size=self.size,
                buttonStyle="check",
                borderWidth=0,
                fillColor=CLEAR,
                borderColor=CLEAR,
                textColor=self.colour,
                selected=False,
            )
