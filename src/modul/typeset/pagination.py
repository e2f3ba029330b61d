"""Page-break rules on top of ReportLab's: what is kept together when a page ends."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Table

from modul.layout.theme import PageBreaks
from modul.typeset.flowables import HeadingsWithStart, TextBlock, WritingLines


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
        elif isinstance(block, WritingLines) and (
            headings or result and isinstance(result[-1], TextBlock)
        ):
            prompt = headings or [result.pop()]  # a heading, or a paragraph, and its lines
            result.append(KeepTogether([*prompt, block]))
        else:
            result += [*headings, block]
    return result


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", False))
