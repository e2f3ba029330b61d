"""How full each tick box is, on a straightened page, and what an item's boxes say: one
clear mark is the answer, none is a blank, anything else is for a person to decide.

Darkness is measured against the page's own paper (a local white level, so a shadow or
uneven light does not darken a box) and its own ink (the corner markers' black), so a
pencil mark on a dim photo counts as a pen mark on a scan does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
from numpy.typing import NDArray

from modul.scan.formmap import Box, PageMap
from modul.scan.images import Gray
from modul.scan.locate import SCALE, page_points

Floats = NDArray[np.float32]
PATCH = 40  # pixels: each box is measured at this size
INSET = 0.11  # of a box's side, each side: its printed line and the line's blur left out
INSET_PIXELS = round(PATCH * INSET)
SEARCH = 0.25  # of a box's side: how far a box is looked for around its mapped place
DARK = 0.3  # of the ink's darkness: a pixel this dark belongs to a mark
MARKED = 0.05  # share of a box's inside dark: a mark (the lightest pencil tick ~0.1)
EMPTY = 0.01  # below this share, and faint overall: an empty box (~0)
FAINT = 0.045  # mean darkness above which a box without a mark is doubtful


class State(Enum):
    EMPTY = 0.01  # below this share, and faint overall: an empty box (~0)
    MARKED = 0.05  # share of a box's inside dark: a mark (the lightest pencil tick ~0.1)
    UNSURE = "unsure"


@dataclass(frozen=True)
class Fill:
    box: Box
    share: float  # of the box's inside darker than DARK
    mean: float  # the inside's mean darkness, 1 = the ink's
    state: State


@dataclass(frozen=True)
class Decision:
    field: str
    value: str | None  # the answer, or None (blank or for review)
    reason: str  # "" when decided; "two" (more than one mark) or "faint"
    fills: tuple[Fill, ...]


def darkness(page: Gray, map_: PageMap) -> Floats:
    """Each pixel's darkness, 0 = the paper around it, 1 = the markers' black."""
    import cv2

    work = page.astype(np.float32)
    small = cv2.resize(work, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    reach = max(3, round(_box_side(map_) * SCALE * 0.25 * 2.5)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))
    paper = cv2.GaussianBlur(cv2.dilate(small, kernel), (0, 0), reach / 3)
    paper = cv2.resize(paper, (work.shape[1], work.shape[0]), interpolation=cv2.INTER_LINEAR)
    dark = np.clip(1.0 - work / np.maximum(paper, 1.0), 0.0, 1.0).astype(np.float32)
    return np.asarray(dark / _ink(dark, map_), np.float32)


def _box_side(map_: PageMap) -> float:
    return float(np.median([min(b.w, b.h) for b in map_.boxes])) if map_.boxes else 12.0


def _ink(dark: Floats, map_: PageMap) -> float:
    """The darkness of the markers' black under this page's light."""
    levels = []
    for marker in map_.markers:
        corners = page_points(map_, marker)
        (left, top), (right, bottom) = corners.min(axis=0), corners.max(axis=0)
        pad = (right - left) * 0.3
        inside = dark[int(top + pad) : int(bottom - pad), int(left + pad) : int(right - pad)]
        if inside.size:
            levels.append(float(np.percentile(inside, 90)))
    return max(0.3, float(np.median(levels))) if levels else 0.8


def measure(dark: Floats, boxes: Sequence[Box], height: float) -> list[Fill]:
    """Each box's fill: the dark share of its inside, the printed border line and its
    blur left out; the box found near its mapped place by that border."""
    import cv2

    fills = []
    for box in boxes:
        left, top, right, bottom = locate(dark, box, height)
        found = dark[top:bottom, left:right]
        patch = cv2.resize(found, (PATCH, PATCH), interpolation=cv2.INTER_AREA)
        inside = patch[INSET_PIXELS:-INSET_PIXELS, INSET_PIXELS:-INSET_PIXELS]
        share, mean = float(np.mean(inside > DARK)), float(np.mean(inside))
        fills.append(Fill(box, share, mean, _state(share, mean)))
    return fills


def _state(share: float, mean: float) -> State:
    if share >= MARKED:
        return State.MARKED
    if share < EMPTY and mean < FAINT:
        return State.EMPTY
    return State.UNSURE


def locate(dark: Floats, box: Box, height: float) -> tuple[int, int, int, int]:
    """The box's pixels (left, top, right, bottom) on the straightened page: its mapped
    place moved (up to SEARCH of its side) to where its printed border is darkest."""
    import cv2

    left, top = round(box.x * SCALE), round((height - box.y - box.h) * SCALE)
    w, h = max(4, round(box.w * SCALE)), max(4, round(box.h * SCALE))
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
    for field, group in fields.items():
        marked = [f for f in group if f.state is State.MARKED]
        unsure = [f for f in group if f.state is State.UNSURE]
        if len(marked) > 1:
            decisions.append(Decision(field, None, "two", tuple(group)))
        elif unsure:
            decisions.append(Decision(field, None, "faint", tuple(group)))
        else:
            value = marked[0].box.value if marked else None
            decisions.append(Decision(field, value, "", tuple(group)))
    return decisions
