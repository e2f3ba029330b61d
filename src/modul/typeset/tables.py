"""Tables that break across pages: between rows, and inside a row taller than a page."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from reportlab.platypus import Flowable, FrameBreak, Table

from modul.typeset.paragraphs import splitting_a_table

FUZZ = 1e-6  # points: rounding, as ReportLab allows
_CUTTING: ContextVar[bool] = ContextVar("cutting", default=False)  # a table is being split


class SplittingTable(Table):
    """A table that breaks between rows, and cuts a row across pages only when that row
    (with the table's head) is taller than a whole page, so a very long text continues
    instead of stopping the build, while ordinary rows are never cut in two. A page does
    not end with the head and one row of a table.

    `frame_height` (the page's writing area) and the theme's page-break rules are set
    on a subclass per theme.
    """

    frame_height = float("inf")
    min_rows = 1  # rows of a table that a page break leaves at the foot of a page, at least
    short_row = 0.0  # a row this short moves on to keep a last row company
    min_row_piece = 0.0  # a row taller than a page is cut into pieces this high at least
    cut_room = 0.0  # a row that would leave this much empty at a page's foot is cut (0: never)
    half = 0.5  # … when the page would be filled less than this share

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        in_a_cell = _CUTTING.get()  # a box in a cell of a row being cut: cut it too
        token = _CUTTING.set(True)
        try:
            with splitting_a_table():
                return self._split(avail_width, avail_height, in_a_cell)
        finally:
            _CUTTING.reset(token)

    def _split(self, avail_width: float, avail_height: float, in_a_cell: bool) -> list[Flowable]:
        self.splitInRow: float = 0
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if not in_a_cell and (cut := self._cut_rather_than_move(avail_height, parts)):
            return cut
        if in_a_cell or avail_height >= self.frame_height - 1:
            return parts or self._cut_row(avail_width, avail_height, anyhow=True)
        if parts or not self._first_row_taller_than_a_page():
            return self._no_lone_rows(parts, avail_width)  # [] : on to the next page
        return self._cut_row(avail_width, avail_height, anyhow=False)

    def _cut_rather_than_move(
        self, avail_height: float, parts: list[Flowable]
    ) -> list[Flowable] | None:
        """A table with a head (it repeats on the next page) whose next row would leave
        `cut_room` or more empty at the page's foot, and the page less than `half` full:
        that row is cut, its first piece here, rather than moved whole (a long step of
        the facilitator's guide on A5). A fuller page keeps its rows whole."""
        if not (self.repeatRows and self.cut_room) or len(parts) > 2:
            return None
        kept = len(parts[0]._cellvalues) if parts else 0
        room = avail_height - sum(self._rowHeights[:kept])  # left empty if not cut
        if room < self.cut_room or self.frame_height - room >= self.frame_height * self.half:
            return None  # too little room for a piece, or the page is full enough
        self.splitInRow = self.min_row_piece
        pieces: list[Flowable] = self._splitRows(avail_height, doInRowSplit=True)
        return pieces or None

    def _tall(self, first: int, end: int) -> bool:
        """Rows taller than `short_row` (with cutting on): enough to stand under a head."""
        return bool(self.cut_room) and sum(self._rowHeights[first:end]) > self.short_row

    def _first_row_taller_than_a_page(self) -> bool:
        """The head and the first row below it fit on no page: the row is cut anyway, so
        it may start where the table is, rather than leave the rest of this page empty."""
        head_and_row: float = sum(self._rowHeights[: self.repeatRows + 1])
        return head_and_row > self.frame_height

    def _cut_row(self, avail_width: float, avail_height: float, *, anyhow: bool) -> list[Flowable]:
        """The row that does not fit is cut in two, each cell's text between its lines.
        Both pieces are `min_row_piece` high at least: a row a little taller than the
        page leaves that much for the next one. On a fresh page (`anyhow`), a row too
        short for two such pieces is cut where it must be, rather than stop the build."""
        self.splitInRow = self.min_row_piece
        for room in (avail_height, self._height - self.min_row_piece):
            if not 0 < room <= avail_height:
                continue
            pieces: list[Flowable] = super().split(avail_width, room)
            if pieces:
                return pieces
        if not anyhow:
            return []  # on to the next page
        self.splitInRow = 1
        last: list[Flowable] = super().split(avail_width, avail_height)
        return last

    def _splitCell(
        self, value: Any, style: Any, oldHeight: float, newHeight: float, width: float
    ) -> Any:
        """A cell's content cut where its row is cut (`newHeight` from the row's top):
        what fits above, and the rest. ReportLab's own cut measures the content at the
        column's width, padding included, and leaves no room for the bottom padding: the
        first piece came out taller than its room and ran over the page's foot. Here the
        content is measured as it is drawn."""
        if not isinstance(value, (list, tuple)):
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        canvas = getattr(self, "canv", None)
        inner = width - style.leftPadding - style.rightPadding
        room = newHeight - style.topPadding - style.bottomPadding
        above: list[Flowable] = []
        rest, used = list(value), 0.0
        while rest:
            flowable = rest[0]
            space = flowable.getSpaceBefore() if above else 0.0
            height = flowable.wrapOn(canvas, inner, room)[1]
            if used + space + height <= room + FUZZ:
                above.append(rest.pop(0))
                used += space + height + flowable.getSpaceAfter()
                continue
            left = room - used - space
            pieces = flowable.splitOn(canvas, inner, left) if left > 0 else []
            if len(pieces) < 2:
                break
            rest[0:1] = pieces  # the first piece fits now, or is split again
        if rest and not above:
            return []  # nothing fits: the row is not cut here
        return tuple(above), tuple(rest)

    def _no_lone_rows(self, parts: list[Flowable], avail_width: float) -> list[Flowable]:
        """A table of four rows or more moves to the next page rather than leave its head
        and a single row at the foot of this one, unless that row is a tall one; its
        last row does not start a page alone when a short row can go with it (moving tall
        rows costs pages)."""
        head = self.repeatRows
        if len(parts) != 2 or len(self._cellvalues) - head < 2 * self.min_rows:
            return parts
        before = len(parts[0]._cellvalues) - head
        after = len(parts[1]._cellvalues) - head
        if before < self.min_rows and not self._tall(head, head + before):
            return []  # a tall row may stand alone under the head
        last = head + before - 1  # the last row above the break
        if after == 1 and before > self.min_rows and self._rowHeights[last] <= self.short_row:
            first, rest = super().split(avail_width, sum(self._rowHeights[:last]) + 0.01)
            return [first, FrameBreak(), rest]  # else the rest splits again in the gap
        return parts
