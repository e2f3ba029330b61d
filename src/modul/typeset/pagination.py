"""Page-break rules on top of ReportLab's: what is kept together when a page ends, and
where a long table starts below its headings."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Table

from modul.layout.theme import PageBreaks
from modul.typeset.flowables import WritingLines
from modul.typeset.paragraphs import TextBlock


def keep_together(
    blocks: list[Flowable], width: float, page: float, rules: PageBreaks
) -> list[Flowable]:
    """Headings stay with what follows them, and short things are not split. A short
    list (`short_list_items` at most) or short table (`short_table_share` of the `page`
    height at most)
    moves to the next page whole, with its headings: no heading above a page break with
    one item under it, no item alone on the next page. A long table starts under its
    headings where its first rows fit. A prompt goes with the writing lines under it.
    Anything else is left to ReportLab's keepWithNext.
    (Only at the top level: ReportLab cannot split a KeepTogether inside a table cell.)"""
    result: list[Flowable] = []
    for block in blocks:
        headings: list[Flowable] = []
        while result and _keeps_with_next(result[-1]):
            headings.insert(0, result.pop())  # e.g. an h1 and the h2 below it
        if (
            isinstance(block, ListFlowable)
            and len(block._flowables) <= rules.short_list_items
            or (
                isinstance(block, Table)
                and block.wrap(width, page)[1] <= page * rules.short_table_share
            )
        ):
            result.append(KeepTogether([*headings, block]))
        elif headings and isinstance(block, Table):
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


def _ends_in_table(blocks: list[Flowable]) -> bool:
    return bool(blocks) and isinstance(blocks[-1], Table)


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", False))


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
