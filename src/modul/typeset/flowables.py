"""Platypus flowables ReportLab lacks: ruled writing lines, tick boxes, headings that bookmark."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from modul.typeset.layoutcheck import current, plain
from modul.typeset.proof import given

# ReportLab lets a line run 1–2 pt past the margin (a trailing space); more than a cell's
# padding would show.
OVERFLOW = 4
_IN_TABLE: ContextVar[bool] = ContextVar("in_table", default=False)  # a table is splitting
MIN_PIECE_LINES = 20  # the rest of a long paragraph is cut into pieces at least this long
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
    """An empty square to tick, centred in the space it is given."""

    def __init__(
        self, size: float, colour: Color, line: float, field: FormField | None = None
    ) -> None:
        super().__init__()
        self.size, self.colour, self.line, self.field = size, colour, line, field

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.line)
        self.canv.rect((self.avail - self.size) / 2, 0, self.size, self.size)
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


@contextmanager
def splitting_a_table() -> Iterator[None]:
    """Paragraphs split inside this block are in a table's cell (see TextBlock.split)."""
    token = _IN_TABLE.set(True)
    try:
        yield
    finally:
        _IN_TABLE.reset(token)


class TextBlock(Paragraph):
    """A paragraph that tells the print proof what it prints, and the layout check where
    text is drawn and if it overflows."""

    whole_words: frozenset[str] = frozenset()  # of the paragraph a piece was split from

    def __init__(self, text: str | None, style: object, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self._plain = plain(text) if text else ""  # pieces of a split paragraph: from lines
        if text is not None:
            given(self._plain)

    def draw(self) -> None:
        self.canv.block = self  # the proof notes which block drew each piece of text
        super().draw()
        self.canv.block = None
        log = current()
        if log is None:
            return
        page, text = self.canv.getPageNumber(), self.plain_text()
        log.text_drawn(page, text)
        layout = getattr(self, "blPara", None)
        if layout is None or not layout.lines:
            return
        spaces = (line[0] if isinstance(line, tuple) else line.extraSpace for line in layout.lines)
        if min(spaces) < -OVERFLOW:  # a line wider than the box it is in
            log.too_wide(page, text)
        if self._plain or self.whole_words:  # a word longer than its line is cut, no hyphen
            whole = self.whole_words or frozenset(text.split())
            laid_out = self._laid_out_words()
            if not whole.issuperset(laid_out):
                broken = next(word for word in laid_out if word not in whole)
                log.word_broken(page, broken, text)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """As ReportLab splits it, but the rest of a long paragraph comes as pieces a page
        long, made from the lines already broken. ReportLab would break the whole rest
        into lines again on every page: a paragraph of 300 pages took minutes. (Not in
        a table's cell: a table takes the first two pieces of a split.)"""
        pieces: list[Flowable] = super().split(avail_width, avail_height)
        words = self.whole_words or frozenset(self._plain.split())
        for piece in pieces:  # so that each piece's cut words are found
            piece.whole_words = words
        if len(pieces) != 2 or not hasattr(self, "blPara") or _IN_TABLE.get():
            return pieces
        first, rest = pieces
        lines = self.blPara.lines
        start, per_page = len(first.blPara.lines), max(len(first.blPara.lines), MIN_PIECE_LINES)
        if len(lines) - start <= 2 * per_page:
            return pieces
        lines_of = self._get_split_blParaFunc()
        cuts = [*range(start, len(lines), per_page), len(lines)]
        inner = ParagraphStyle("piece", parent=rest.style, spaceBefore=0, spaceAfter=0)
        rests = [
            type(self)(
                None, inner if b < len(lines) else rest.style, frags=lines_of(self.blPara, a, b)
            )
            for a, b in zip(cuts, cuts[1:])
        ]
        for piece in rests:
            piece.whole_words = words
        for piece in rests[:-1]:
            piece._JustifyLast = first._JustifyLast  # its last line is not the paragraph's
        return [first, *rests]

    def _laid_out_words(self) -> list[str]:
        """The words as placed on the lines: a word cut in two shows as two pieces."""
        layout = getattr(self, "blPara", None)
        lines = [
            " ".join(line[1])
            if isinstance(line, tuple)
            else "".join(getattr(f, "text", "") for f in line.words)
            for line in (layout.lines if layout else [])
        ]
        return " ".join(lines).split()

    def plain_text(self) -> str:
        """The text a reader sees. The pieces of a split paragraph have no `text`: their
        words are in the lines laid out (a tuple of words per line, or fragments)."""
        return self._plain or " ".join(self._laid_out_words())


class Heading(TextBlock):
    """A heading paragraph that adds itself to the PDF outline (bookmarks)."""

    NO_BOOKMARK = -1

    def __init__(
        self,
        text: str,
        style: object,
        *args: Any,
        level: int = NO_BOOKMARK,
        title: str = "",
        key: str = "",
        **kwargs: Any,
    ) -> None:
        # ReportLab makes the pieces of a split paragraph with Paragraph's own arguments.
        super().__init__(text, style, *args, **kwargs)
        self.outline_level, self.outline_title, self.outline_key = level, title, key

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A heading taller than the room left splits like a paragraph; its first piece
        keeps the bookmark."""
        pieces: list[Flowable] = super().split(avail_width, avail_height)
        if pieces and isinstance(pieces[0], Heading):
            first = pieces[0]
            first.outline_level, first.outline_title = self.outline_level, self.outline_title
            first.outline_key = self.outline_key
        return pieces


class HeadingsWithStart(Flowable):
    """Headings and the long table below them. The table starts under its headings where
    its first rows fit, rather than moving with them to the next page as ReportLab's
    keepWithNext would, leaving most of a page empty."""

    def __init__(self, headings: list[Flowable], table: Table) -> None:
        super().__init__()
        self.headings, self.table = headings, table
        for heading in headings:
            heading.__dict__["keepWithNext"] = 0  # handled here, not again by the frame

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # never drawn whole: always split, like KeepTogether

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = (
            avail_height
            - self.table.getSpaceBefore()
            - sum(
                h.wrapOn(self.canv, avail_width, avail_height)[1]
                + h.getSpaceBefore()
                + h.getSpaceAfter()
                for h in self.headings
            )
        )
        if self.table.wrapOn(self.canv, avail_width, room)[1] <= room:
            return [*self.headings, self.table]
        start = self.table.splitOn(self.canv, avail_width, room) if room > 0 else []
        if start or getattr(getattr(self, "_frame", None), "_atTop", True):
            return [*self.headings, *(start or [self.table])]
        return []  # the next page
