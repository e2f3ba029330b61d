"""How full each tick box is, on a straightened page, and what an item's boxes say: one
clear mark is the answer, none is a blank, anything else is for a person to decide.

Darkness is measured against the page's own paper (a local white level, so a shadow or
uneven light does not darken a box) and its own ink (the corner markers' black), so a
pencil mark on a dim photo counts as a pen mark on a scan does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
from numpy.typing import NDArray

from modul.scan.formmap import Box, PageMap
from modul.scan.images import Gray
from modul.scan.locate import SCALE, page_points

Floats = NDArray[np.float32]
Place = tuple[int, int, int, int]  # left, top, right, bottom: pixels of the straightened page
PATCH = 40  # pixels: each box is measured at this size
INSET = 0.11  # of a box's side, each side: its printed line and the line's blur left out
INSET_PIXELS = round(PATCH * INSET)
EDGE = 2  # patch pixels (5 % of a side) along the inside's edge a trace is not counted in
GAP = 0.08  # of a box's side: the paper read this far outside its printed line …
STRIP = 0.12  # … in a strip this wide
NEAR = 6.0  # box sides: the boxes whose moves a box's place is compared with (at least
NEIGHBOURS = 4  # this many) …
ASIDE = 0.15  # … and how far (of its side) it may move otherwise
SEARCH = 0.25  # of a box's side: how far a box is looked for around its mapped place
DARK = 0.3  # of the ink's darkness: a pixel this dark belongs to a mark …
LIGHT = 0.15  # … and one this dark to a trace of one (a faint or rubbed-out mark)
MARKED = 0.05  # share of the inside dark: a mark (the lightest pencil tick: ~0.12)
EMPTY = 0.01  # less of it dark, and …
STRONG = 0.4  # share of a box's middle inked: a heavy mark, that may spill over
BESIDE = 1.6  # box sides apart (at most): boxes beside each other
FAINT = 0.025  # … less of it a trace: empty (empty boxes ≤ 0.02; faint marks ≥ 0.03)


class State(Enum):
    EMPTY = "empty"
    MARKED = "marked"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Fill:
    box: Box
    share: float  # of the box's inside darker than DARK
    trace: float  # of the box's inside darker than LIGHT
    state: State
    core: float = 0.0  # share darker than LIGHT of the inside's middle (the central 40 %)
    sides: tuple[float, float, float, float] = (0, 0, 0, 0)  # … of its top, bottom, left,
    # right bands around that middle
    place: Place = (0, 0, 0, 0)  # where it was measured: left, top, right, bottom pixels


@dataclass(frozen=True)
class Decision:
    field: str
    value: str | None  # the answer, or None (blank or for review)
    reason: str  # "" when decided; "two" (more than one mark) or "faint"
    fills: tuple[Fill, ...]


def darkness(page: Gray, map_: PageMap) -> Floats:
    """Each pixel's darkness against the paper near it (0 = paper), to find the boxes'
    printed lines by."""
    import cv2

    work = page.astype(np.float32)
    small = cv2.resize(work, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    reach = max(3, round(_box_side(map_) * SCALE * 0.25 * 2.5)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))
    paper = cv2.GaussianBlur(cv2.dilate(small, kernel), (0, 0), reach / 3)
    paper = cv2.resize(paper, (work.shape[1], work.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.clip(1.0 - work / np.maximum(paper, 1.0), 0.0, 1.0).astype(np.float32)


def _box_side(map_: PageMap) -> float:
    return float(np.median([min(b.w, b.h) for b in map_.boxes])) if map_.boxes else 12.0


def ink(page: Gray, map_: PageMap) -> float:
    """How much darker than the paper beside them the markers' black is on this page
    (under any light, black is a share of the paper's white)."""
    levels = []
    for marker in map_.markers:
        corners = page_points(map_, marker)
        (left, top), (right, bottom) = corners.min(axis=0), corners.max(axis=0)
        black = page[int(top) : int(bottom), int(left) : int(right)]
        paper = _around(page, (int(left), int(top), int(right), int(bottom)), 0.04, 0.15)
        if black.size and paper:
            levels.append(1.0 - float(np.percentile(black, 20)) / paper)
    return max(0.3, float(np.median(levels))) if levels else 0.8


def _around(page: Gray, place: tuple[int, int, int, int], near: float, far: float) -> float:
    """The paper's brightness in a ring around `place` (from `near` to `far` of its side
    away): the brighter part, so a label or a stroke crossing the ring does not count."""
    left, top, right, bottom = place
    side = right - left
    inner, outer = max(1, round(side * near)), max(2, round(side * far))
    y0, x0 = max(0, top - outer), max(0, left - outer)
    region = page[y0 : bottom + outer, x0 : right + outer]
    ring = np.ones(region.shape, np.bool_)
    ring[
        max(0, top - inner - y0) : bottom + inner - y0,
        max(0, left - inner - x0) : right + inner - x0,
    ] = False
    found = region[ring]
    return max(1.0, float(np.percentile(found, 75))) if found.size else 0.0


def measure(
    page: Gray, dark: Floats, boxes: Sequence[Box], height: float, black: float
) -> list[Fill]:
    """Each box's fill: the dark share of its inside, the printed border line and its
    blur left out, against the paper all round it (so the edge of a shadow across the
    box is no mark) and the page's black (`ink`); the box found near its mapped place by
    its printed border."""
    import cv2

    fills = []
    for box, place in zip(boxes, places(dark, boxes, height)):
        left, top, right, bottom = place
        found = page[top:bottom, left:right].astype(np.float32)
        paper = _paper(page, place)
        inked = np.clip(1.0 - found / np.maximum(paper, 1.0), 0.0, 1.0) / black
        patch = cv2.resize(inked, (PATCH, PATCH), interpolation=cv2.INTER_AREA)
        inside = patch[INSET_PIXELS:-INSET_PIXELS, INSET_PIXELS:-INSET_PIXELS]
        traced = inside > LIGHT
        # a trace only along the inside's edge is the printed border's blur, a box a pixel
        # off its mapped place (the number grid's small boxes on a photo), not a mark
        share = float(np.mean(inside > DARK))
        trace = float(np.mean(traced[EDGE:-EDGE, EDGE:-EDGE]))
        band = PATCH * 3 // 10 - INSET_PIXELS  # from 0.3 of the side in: the middle
        middle = float(np.mean(traced[band:-band, band:-band]))
        sides = (
            float(np.mean(traced[:band])),  # top
            float(np.mean(traced[-band:])),  # bottom
            float(np.mean(traced[:, :band])),  # left
            float(np.mean(traced[:, -band:])),  # right
        )
        fills.append(Fill(box, share, trace, _state(share, trace), middle, sides, place))
    return fills


def _paper(page: Gray, place: tuple[int, int, int, int]) -> Floats:
    """The paper's brightness at each pixel of the box at `place`: read along a thin
    strip of paper just outside each of its four sides (a stroke crossing a strip left
    out), and blended across the box between them (a Coons patch), so light that
    changes across the box, even sharply, is followed."""
    import cv2

    left, top, right, bottom = place
    w, h = right - left, bottom - top
    gap, depth = max(2, round(w * GAP)), max(2, round(w * STRIP))
    if top - gap - depth < 0 or left - gap - depth < 0:
        return np.full((h, w), _around(page, place, GAP, GAP + STRIP), np.float32)
    if bottom + gap + depth > page.shape[0] or right + gap + depth > page.shape[1]:
        return np.full((h, w), _around(page, place, GAP, GAP + STRIP), np.float32)
    sides = [
        page[top - gap - depth : top - gap, left:right].max(axis=0),
        page[bottom + gap : bottom + gap + depth, left:right].max(axis=0),
        page[top:bottom, left - gap - depth : left - gap].max(axis=1),
        page[top:bottom, right + gap : right + gap + depth].max(axis=1),
    ]
    reach = max(3, round(w * 0.25)) | 1  # wider than a pen stroke crossing a strip
    kernel = np.ones((1, reach), np.uint8)
    upper, lower, before, after = (
        cv2.dilate(side.reshape(1, -1), kernel).ravel().astype(np.float32) for side in sides
    )
    u = (np.arange(w, dtype=np.float32) + 0.5)[None, :] / w
    v = (np.arange(h, dtype=np.float32) + 0.5)[:, None] / h
    corners = (
        (upper[0] + before[0]) / 2,
        (upper[-1] + after[0]) / 2,
        (lower[0] + before[-1]) / 2,
        (lower[-1] + after[-1]) / 2,
    )
    blend = (1 - u) * (1 - v) * corners[0] + u * (1 - v) * corners[1]
    blend += (1 - u) * v * corners[2] + u * v * corners[3]
    coons = (1 - v) * upper[None, :] + v * lower[None, :]
    coons += (1 - u) * before[:, None] + u * after[:, None] - blend
    return np.asarray(coons, np.float32)


def _state(share: float, trace: float) -> State:
    if share >= MARKED:
        return State.MARKED
    if share < EMPTY and trace < FAINT:
        return State.EMPTY
    return State.UNSURE


def places(dark: Floats, boxes: Sequence[Box], height: float) -> list[Place]:
    """Where each box is on the straightened page: found by its printed border, unless
    that moved it otherwise than the boxes near it (a heavy mark beside it pulled it
    aside): then moved as they are (their median)."""
    found = [locate(dark, box, height) for box in boxes]
    mapped = [_mapped(box, height) for box in boxes]
    moved = np.asarray([(f[0] - m[0], f[1] - m[1]) for f, m in zip(found, mapped)], np.float32)
    centres = np.asarray([((m[0] + m[2]) / 2, (m[1] + m[3]) / 2) for m in mapped], np.float32)
    result = []
    for index, (left, top, right, bottom) in enumerate(mapped):
        near = np.max(np.abs(centres - centres[index]), axis=1) <= NEAR * (right - left)
        usual = np.median(moved[near], axis=0)
        alike = np.max(np.abs(moved[index] - usual)) <= ASIDE * (right - left)
        if alike or np.count_nonzero(near) < NEIGHBOURS + 1:
            result.append(found[index])
            continue
        dx, dy = (round(float(v)) for v in usual)
        result.append((left + dx, top + dy, right + dx, bottom + dy))
    return result


def _mapped(box: Box, height: float) -> Place:
    left, top = round(box.x * SCALE), round((height - box.y - box.h) * SCALE)
    return left, top, left + max(4, round(box.w * SCALE)), top + max(4, round(box.h * SCALE))


def locate(dark: Floats, box: Box, height: float) -> Place:
    """The box's pixels (left, top, right, bottom) on the straightened page: its mapped
    place moved (up to SEARCH of its side) to where its printed border is darkest."""
    import cv2

    left, top, right, bottom = _mapped(box, height)
    w, h = right - left, bottom - top
    reach = max(1, round(min(w, h) * SEARCH))
    y0, x0 = max(0, top - reach), max(0, left - reach)
    window = dark[y0 : top + h + reach, x0 : left + w + reach]
    if window.shape[0] < h or window.shape[1] < w:
        return left, top, left + w, top + h
    ring = np.zeros((h, w), np.float32)
    line = max(1, round(min(w, h) * 0.08))
    ring[:line, :] = ring[-line:, :] = ring[:, :line] = ring[:, -line:] = 1.0
    scores = cv2.matchTemplate(window, ring, cv2.TM_CCORR)
    _low, _high, _lowest, (bx, by) = cv2.minMaxLoc(scores)
    return x0 + bx, y0 + by, x0 + bx + w, y0 + by + h


def decide(fills: Sequence[Fill]) -> list[Decision]:
    """Per field (an item), in the map's order: its answer, a blank, or why not."""
    fields: dict[str, list[Fill]] = {}
    for fill in fills:
        fields.setdefault(fill.box.field, []).append(fill)
    decisions = []
    for field, found in fields.items():
        group = _unspilled(found)
        marked = [f for f in group if f.state is State.MARKED]
        unsure = [f for f in group if f.state is State.UNSURE]
        if len(marked) > 1:
            decisions.append(Decision(field, None, "two", tuple(found)))
        elif unsure:
            decisions.append(Decision(field, None, "faint", tuple(found)))
        else:
            value = marked[0].box.value if marked else None
            decisions.append(Decision(field, value, "", tuple(found)))
    return decisions


def _unspilled(group: list[Fill]) -> list[Fill]:
    """The item's boxes, a box counted empty where its only ink is the end of a heavy
    mark in the box beside it (a fill or a large cross over a gap of 0.8 mm): its middle
    clean, its ink all on the side facing that box, none on the far side."""
    strong = [f for f in group if f.state is State.MARKED and f.core >= STRONG]
    if len(strong) != 1:
        return group
    mark = strong[0].box
    kept = []
    for fill in group:
        box = fill.box
        dx, dy = mark.x - box.x, mark.y - box.y
        beside = fill is not strong[0] and max(abs(dx), abs(dy)) <= BESIDE * mark.h
        # bands: top, bottom, left, right on the image (y down; the map's y is up)
        near, far = (
            ((0, 1) if dy > 0 else (1, 0)) if abs(dy) >= abs(dx) else ((3, 2) if dx > 0 else (2, 3))
        )
        spilled = fill.core < EMPTY and fill.sides[far] < EMPTY and fill.sides[near] > 0
        kept.append(replace(fill, state=State.EMPTY) if beside and spilled else fill)
    return kept
