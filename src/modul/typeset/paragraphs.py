"""Paragraphs that tell the print proof what they print and the layout check where text
lands, that split a long paragraph page by page, and headings that bookmark."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from modul.typeset.layoutcheck import current, plain
from modul.typeset.proof import given

# ReportLab lets a line run 1–2 pt past the margin (a trailing space); more than a cell's
# padding would show.
OVERFLOW = 4
_IN_TABLE: ContextVar[bool] = ContextVar("in_table", default=False)  # a table is splitting
MIN_PIECE_LINES = 20  # the rest of a long paragraph is cut into pieces at least this long


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
