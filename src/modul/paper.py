"""Paper: the sizes modul prints on, and the one rule that picks a document's paper.

Every caller asks here: the build, booklets, `modul list` and the command line's choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Paper = Literal["A4", "F4", "Letter", "A5"]
NAMES: tuple[str, ...] = get_args(Paper)

# Width × height in millimetres. F4 (folio) is the common office paper in Indonesia.
SIZE_MM: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "F4": (215, 330),
    "Letter": (215.9, 279.4),
    "A5": (148, 210),
}
BOOKLET_PAGE = "A5"  # a booklet's pages, two to a side of its sheet
BOOKLET_SHEET = "A4"  # the sheet of A5 pages when nothing larger is named


@dataclass(frozen=True)
class Choice:
    """The paper a document is laid out on, and for a booklet the sheet it is printed on."""

    page: str
    sheet: str | None = None


def choose(*, asked: str | None, region: str | None, theme: str, booklet: bool) -> Choice:
    """The one rule: `--paper`, else the region's `kertas`, else the theme's `paper`.
    With `--booklet` the pages are A5 and that paper is the sheet (A4 if it is A5)."""
    paper = asked or region or theme
    if booklet:
        return Choice(BOOKLET_PAGE, paper if paper != BOOKLET_PAGE else BOOKLET_SHEET)
    return Choice(paper)


def canonical(name: str) -> str:
    """A paper name as a trainer may type it ("f4", "letter") as modul writes it; an
    unknown name is returned as it is, for the caller to refuse."""
    return {paper.lower(): paper for paper in NAMES}.get(name.lower(), name)
