"""Page-break rules on top of ReportLab's: what is kept together when a page ends, where
a long table starts below its headings, and writing space that grows to its page's foot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Table

from modul.layout.theme import PageBreaks
from modul.typeset.flowables import WritingLines
from modul.typeset.paragraphs import Heading, TextBlock

# A page filled this far may lose a session's heading and summary to the next page: above
# the layout check's least_filled (0.5), as the page-fill measure reads ink, not the frame.
FILLED_TO_MOVE = 0.6


def keep_together(
    blocks: list[Flowable], width: float, page: float, rules: PageBreaks
) -> list[Flowable]:
    """Headings stay with what follows them, and short things are not split. A short
    list (`short_list_items` at most, and `short_table_share` of the `page` height at
    most) or short table (`short_table_share` at most) moves to the next page whole, with
    its headings: no heading above a page break with one item under it, no item alone on
    the next page. A long table or list starts under its headings where its first rows
    or its first item fit. A prompt goes with the writing lines under it.
    Anything else is left to ReportLab's keepWithNext.
    (Only at the top level: ReportLab cannot split a KeepTogether inside a table cell.)"""
    result: list[Flowable] = []
    for block in blocks:
        headings: list[Flowable] = []
        while result and _keeps_with_next(result[-1]):
            headings.insert(0, result.pop())  # e.g. an h1 and the h2 below it
        if headings and isinstance(block, TextBlock) and _short(block, width, rules):
            result += [*headings, _kept_with_next(block)]  # a heading's introduction
            continue
        few = not isinstance(block, ListFlowable) or len(block._flowables) <= rules.short_list_items
        short = isinstance(block, (ListFlowable, Table)) and (
            block.wrapOn(None, width, page)[1] <= page * rules.short_table_share
        )
        if short and few:
            result.append((HeadedShort if headings else KeepTogether)([*headings, block]))
        elif isinstance(block, Table) and not headings and result and _headed_short(result[-1]):
            result.append(SummaryWithStart(result.pop()._content, block))  # a session's plan
        elif headings and isinstance(block, (Table, ListFlowable)):
            result.append(HeadingsWithStart(headings, block))
        elif getattr(block, "foot", False) and not headings and _ends_in_table(result):
            result.append(TableFoot(result.pop(), block))  # (a short table is kept whole)
        elif isinstance(block, WritingLines) and (
            headings or result and isinstance(result[-1], TextBlock)
        ):
            prompt = headings or [result.pop()]  # a heading, or a paragraph, and its lines
            result.append(KeepTogether([*prompt, block]))
        else:
            result += [*headings, block]
    return result


def _headed_short(block: Flowable) -> bool:
    return isinstance(block, HeadedShort)


def _ends_in_table(blocks: list[Flowable]) -> bool:
    return bool(blocks) and isinstance(blocks[-1], Table)


def _short(block: TextBlock, width: float, rules: PageBreaks) -> bool:
    """A paragraph in the small style of `intro_lines` at most: a heading's introduction
    (not a paragraph of body text, which would chain the headings below it)."""
    if not block.style.name.startswith("small") or isinstance(block, Heading):
        return False
    lines = float(block.wrap(width, 0xFFFFFF)[1]) / float(block.style.leading)
    return lines <= rules.intro_lines + 0.5


def _kept_with_next(block: TextBlock) -> TextBlock:
    """The paragraph that introduces what follows a heading goes with it, as the heading
    does: a heading and its introduction never end a page."""
    block.style = ParagraphStyle(f"{block.style.name}-kept", parent=block.style, keepWithNext=1)
    return block


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", False))


class HeadingsWithStart(Flowable):
    """Headings and the long table (or list) below them. The table starts under its
    headings where its first rows (the list: its first item) fit, rather than moving
    with them to the next page as ReportLab's keepWithNext would, leaving most of a page
    empty."""

    def __init__(self, headings: list[Flowable], table: Table | ListFlowable) -> None:
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
        if start and isinstance(self.table, ListFlowable):  # its items: does the first fit?
            first = start[0].wrapOn(self.canv, avail_width, room)[1] + start[0].getSpaceBefore()
            start = start if first <= room else []
        if start or getattr(getattr(self, "_frame", None), "_atTop", True):
            return [*self.headings, *(start or [self.table])]
        return []  # the next page


class HeadedShort(KeepTogether):
    """A short table or list kept whole with its headings (a session's heading and its
    summary): a long table right after it starts under it (`SummaryWithStart`)."""


class SummaryWithStart(HeadingsWithStart):
    """A heading, its short summary table and the long table after it: the long table's
    first rows stay with the summary, unless moving all three would leave the page less
    than `FILLED_TO_MOVE` filled; then the summary stays and the long table begins on the
    next page."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        found = super().split(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        if found or frame is None or avail_height < frame._aH * (1 - FILLED_TO_MOVE):
            return found
        return [*self.headings, self.table]


class TableFoot(Flowable):
    """A long table and the block at its foot (`<keep foot="true">`, e.g. the signature
    block under the Daftar Hadir): the foot never stands alone at the top of a page. When
    the rest of the table fits on the page but the foot does not, the table's last rows
    go on to the next page with it."""

    def __init__(self, table: Table, foot: Flowable) -> None:
        super().__init__()
        self.table, self.foot = table, foot

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # never drawn whole: always split, like KeepTogether

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table = self.table.wrapOn(self.canv, avail_width, avail_height)[1]
        table += self.table.getSpaceBefore() + self.table.getSpaceAfter()
        foot = sum(  # a KeepTogether measures itself as endless, to be split: its blocks
            block.wrapOn(self.canv, avail_width, avail_height)[1]
            + block.getSpaceBefore()
            + block.getSpaceAfter()
            for block in self.foot.foot
        )
        if table + foot <= avail_height:
            return [self.table, self.foot]
        room = avail_height - foot if table <= avail_height else avail_height
        pieces = self.table.splitOn(self.canv, avail_width, room) if room > 0 else []
        if len(pieces) >= 2 and isinstance(pieces[-1], Table):  # [first, (FrameBreak,) rest]
            return [*pieces[:-1], TableFoot(pieces[-1], self.foot)]
        if getattr(getattr(self, "_frame", None), "_atTop", True):
            return [self.table, self.foot]  # a foot taller than the page: as it comes
        return []  # the next page


@dataclass
class Growth:
    """Writing lines marked `fill` grow into the room their page leaves empty at its foot:
    laid out once as written, then again with that room shared out among the growing
    lines drawn on each page, as whole lines. Only room that is left anyway is used,
    so every page breaks where it did."""

    extra: dict[int, int] = field(default_factory=dict)  # growing lines' number → lines added
    made: int = 0  # growing lines typeset so far
    pages: dict[int, int] = field(default_factory=dict)  # growing lines' number → its page

    def next(self) -> tuple[int, int]:
        """The number of the next growing lines, and the lines they gain."""
        self.made += 1
        return self.made, self.extra.get(self.made, 0)

    def drawn(self, number: int, page: int) -> None:
        self.pages[number] = page

    def shared_out(self, room: dict[int, float], spacing: float) -> dict[int, int]:
        """The lines each growing space gains: the whole lines that fit in the `room`
        (points) left at its page's foot, shared out evenly, the first ones first."""
        extra: dict[int, int] = {}
        for page in sorted(set(self.pages.values())):
            numbers = sorted(n for n, p in self.pages.items() if p == page)
            lines = max(0, int((room.get(page, 0.0) - 1) // spacing))
            for i, number in enumerate(numbers):
                extra[number] = lines // len(numbers) + (i < lines % len(numbers))
        return extra


_GROWTH: ContextVar[Growth | None] = ContextVar("growth", default=None)


@contextmanager
def growing(growth: Growth) -> Iterator[None]:
    """Growing lines typeset or drawn inside this block count with `growth`."""
    token = _GROWTH.set(growth)
    try:
        yield
    finally:
        _GROWTH.reset(token)


def growth() -> Growth | None:
    return _GROWTH.get()
