"""Blocks in columns side by side, filled in turn and balanced on the last page, like a
dictionary's: the glossary (`<columns>`).

Each block is measured once at the column's width. ReportLab's BalancedColumns finds its
balance by trial splits of the whole content, hundreds of them for a glossary of twenty
terms: it made each handout four times slower to lay out."""

from __future__ import annotations

from reportlab.platypus import Flowable

ENDLESS = 0x7FFFFFFF  # measure a block as if the column had no foot


class Columns(Flowable):
    """`blocks` in `count` columns of `width` each, `gap` apart. Where they fit on the
    page: balanced, the tallest column as short as it can be. Where they do not: the
    page's columns filled in turn, the rest on the next page."""

    def __init__(
        self, blocks: list[Flowable], count: int, width: float, gap: float, *, fill: float = 0
    ) -> None:
        super().__init__()
        self.blocks, self.count, self.column_width, self.gap = blocks, count, width, gap
        self.fill = fill  # 0: balanced; else each column filled up to this height
        self._heights: list[float] = []
        self._columns: list[list[int]] = []

    def heights(self) -> list[float]:
        if not self._heights:
            self._heights = [
                block.wrap(self.column_width, ENDLESS)[1]
                + block.getSpaceBefore()
                + block.getSpaceAfter()
                for block in self.blocks
            ]
        return self._heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        heights = self.heights()
        limit = self.fill or _balanced_limit(heights, self.count)
        self._columns = _fill(heights, self.count, limit) or [list(range(len(heights)))]
        self.width = avail_width
        self.height = max(sum(heights[i] for i in column) for column in self._columns)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heights = self.heights()
        columns = _fill(heights, self.count, avail_height, whole=False)
        placed = sum(len(column) for column in columns)
        if placed == 0:
            return []  # not even one block: the next page
        if placed == len(heights):
            return [self]
        here = Columns(self.blocks[:placed], self.count, self.column_width, self.gap)
        here.fill = avail_height
        rest = Columns(self.blocks[placed:], self.count, self.column_width, self.gap)
        rest.spaceAfter = self.spaceAfter
        return [here, rest]

    def draw(self) -> None:
        for n, column in enumerate(self._columns):
            x, y = n * (self.column_width + self.gap), self.height
            for i in column:
                block, height = self.blocks[i], self._heights[i]
                drawn = block.wrapOn(self.canv, self.column_width, ENDLESS)[1]
                block.drawOn(self.canv, x, y - block.getSpaceBefore() - drawn)
                y -= height


def _fill(heights: list[float], count: int, limit: float, *, whole: bool = True) -> list[list[int]]:
    """The blocks' indexes in up to `count` columns, each filled in turn no higher than
    `limit`. `whole`: all of them or [] (a block taller than the limit stands alone in its
    column); else as many as fit, from the first."""
    columns: list[list[int]] = [[]]
    used = 0.0
    for i, height in enumerate(heights):
        if used + height > limit and columns[-1]:
            if len(columns) == count:
                return [] if whole else columns
            columns.append([])
            used = 0.0
        if used + height > limit and not whole:  # taller than a whole column
            return [column for column in columns if column]
        columns[-1].append(i)
        used += height
    return columns


def _balanced_limit(heights: list[float], count: int) -> float:
    """The least column height that holds every block in `count` columns, in order."""
    low, high = max(heights, default=0.0), sum(heights)
    for _ in range(30):  # to a hundredth of a point for any glossary
        middle = (low + high) / 2
        low, high = (low, middle) if _fill(heights, count, middle) else (middle, high)
    return high
