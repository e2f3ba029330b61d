"""Workshop packets: a role's documents in one PDF, behind a cover with a table of
contents, with nested bookmarks (document → its sections).

The documents are joined as they are (pikepdf), never laid out again, so the packet
prints exactly like the single files but for the running foot: one page number through
the packet instead of each document's own (`folios`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pikepdf

from modul.layout.theme import Theme

MM = 72 / 25.4


@dataclass(frozen=True)
class Section:
    title: str
    page: int  # 1-based, within its document
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Part:
    """One document of the packet and where it starts in the packet."""

    name: str
    pdf: bytes
    pages: int
    sections: tuple[Section, ...]
    first_page: int = 0  # 1-based page in the packet, set by `place`
    size: tuple[int, int] = (0, 0)  # of its first page, in whole points


def page_size(theme: Theme) -> tuple[int, int]:
    """The theme's portrait page in whole points, to compare with a part's `size`."""
    width, height = theme.paper_mm
    return round(width * MM), round(height * MM)


def read_part(name: str, pdf: bytes) -> Part:
    """A document with its page count and its bookmarks."""
    with pikepdf.open(io.BytesIO(pdf)) as source:
        pages = {page.objgen: n for n, page in enumerate(source.pages, 1)}
        with source.open_outline() as outline:
            sections = tuple(_section(item, pages) for item in outline.root)
        box = [float(v) for v in source.pages[0].mediabox]
        size = (round(box[2] - box[0]), round(box[3] - box[1]))
        return Part(name, pdf, len(source.pages), sections, size=size)


def _section(item: pikepdf.OutlineItem, pages: dict[Any, int]) -> Section:
    return Section(
        item.title,
        _page_of(item.destination, pages),
        tuple(_section(child, pages) for child in item.children),
    )


def _page_of(destination: object, pages: dict[Any, int]) -> int:
    """Page number of an outline destination ([page, /Fit], as ReportLab writes them)."""
    if isinstance(destination, pikepdf.Array) and len(destination):
        return pages.get(destination[0].objgen, 1)
    return 1


def place(parts: list[Part], front_pages: int) -> list[Part]:
    """The parts with the packet page each one starts on, after `front_pages` pages."""
    placed, first = [], front_pages + 1
    for part in parts:
        placed.append(Part(part.name, part.pdf, part.pages, part.sections, first, part.size))
        first += part.pages
    return placed


def join(front: Part, parts: list[Part], finish: Callable[[pikepdf.Pdf], None]) -> bytes:
    """The packet: `front` (cover and contents, its bookmarks on top), then every part
    under a bookmark of its own; `finish` is given the joined pages (the folios)."""
    result = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(p.pdf)) for p in (front, *parts)]
    for source in sources:
        result.pages.extend(source.pages)
    finish(result)
    for key, value in sources[0].docinfo.items():
        result.docinfo[key] = value
    with result.open_outline() as outline:
        outline.root.extend(_items(front.sections, 0))
        for part in parts:
            item = pikepdf.OutlineItem(part.name, part.first_page - 1)
            item.children.extend(_items(part.sections, part.first_page - 1))
            outline.root.append(item)
    result.Root.PageMode = pikepdf.Name.UseOutlines
    output = io.BytesIO()
    result.save(output, deterministic_id=True)
    for source in sources:
        source.close()
    return output.getvalue()


def _items(sections: tuple[Section, ...], offset: int) -> list[pikepdf.OutlineItem]:
    items = []
    for section in sections:
        item = pikepdf.OutlineItem(section.title, offset + section.page - 1)
        item.children.extend(_items(section.children, offset))
        items.append(item)
    return items
