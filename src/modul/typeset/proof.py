"""The print proof: what the laid-out pages show, checked before a PDF is written.

Every piece of text ReportLab draws passes through a recording text object, which notes
where it lands on the page (the canvas's transformation applied) and how wide it is. After
layout the proof checks, page by page, that
- every text block the markup gave is on the pages whole: its characters, in order;
- no text of the body lies outside the page's writing area (the frame);
- no text lies over other text, the running head and foot included.

A failure is a Finding whose anchor is the text block's whole text, so that the layout
check's `locate` finds the YAML line it comes from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.textobject import PDFTextObject

from modul.i18n import N_, _
from modul.typeset.layoutcheck import MM, Finding, short

ASCENT, DESCENT = 0.75, 0.2  # of the font size: the part of a line's box that ink fills
TOLERANCE = 1.0  # points: rounding of positions, never a visible overlap
# Where text lies beyond the writing area: by how much (a millimetre or more), or just beyond.
BEYOND = {
    "left": (N_("{distance:.0f} mm beyond its left edge"), N_("beyond its left edge")),
    "right": (N_("{distance:.0f} mm beyond its right edge"), N_("beyond its right edge")),
    "bottom": (N_("{distance:.0f} mm beyond its bottom edge"), N_("beyond its bottom edge")),
    "top": (N_("{distance:.0f} mm beyond its top edge"), N_("beyond its top edge")),
}


@dataclass(slots=True)
class Run:
    """One piece of text as drawn: its box on the page, and the text block it is from."""

    page: int
    text: str
    left: float
    right: float
    bottom: float
    top: float
    furniture: bool
    block: Any  # the TextBlock drawing it, else None (running head, stamps, bullets)

    def overlaps(self, other: Run) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > TOLERANCE
            and min(self.top, other.top) - max(self.bottom, other.bottom) > TOLERANCE
        )


@dataclass
class Proof:
    """What was given and what was drawn, for one layout of one document."""

    page_size: tuple[float, float] = (0.0, 0.0)
    frame: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # of the body: l, b, r, t
    given: list[str] = field(default_factory=list)  # each text block's plain text, in order
    runs: list[Run] = field(default_factory=list)

    def check(self) -> list[Finding]:
        """At most one finding per page: text beyond the frame, else text over text."""
        outside = self._outside()
        pages = {finding.page for finding in outside}
        findings = outside + [f for f in self._overprinted() if f.page not in pages]
        return findings or self._missing()

    def _outside(self) -> list[Finding]:
        """Body text beyond the frame, any text beyond the paper: the first of each page."""
        frame, paper = self.frame, (0.0, 0.0, *self.page_size)
        found: dict[int, Finding] = {}
        for run in self.runs:
            area = paper if run.furniture else frame
            if run.page in found or _inside(run, area):
                continue
            found[run.page] = Finding(
                run.page,
                _("“{text}” is printed outside the page's writing area ({where})").format(
                    text=short(run.text), where=_where(run, area)
                ),
                _(
                    "a word or a box is too big for the page: shorten the text or add spaces "
                    "where it may break, or split it into several items"
                ),
                _anchor(run),
            )
        return list(found.values())

    def _overprinted(self) -> list[Finding]:
        """Pairs of runs whose boxes intersect, found with a sweep from the top down; the
        one drawn later is said to be printed over the other."""
        found: dict[int, Finding] = {}
        by_page: dict[int, list[tuple[int, Run]]] = {}
        for order, run in enumerate(self.runs):
            by_page.setdefault(run.page, []).append((order, run))
        for page, runs in by_page.items():
            runs.sort(key=lambda r: -r[1].top)
            for i, (order, run) in enumerate(runs):
                for other_order, other in runs[i + 1 :]:
                    if other.top <= run.bottom + TOLERANCE:
                        break  # this and all later runs lie lower
                    if page not in found and run.overlaps(other):
                        under, over = (run, other) if order < other_order else (other, run)
                        found[page] = Finding(
                            page,
                            _("“{text}” is printed over “{other}”").format(
                                text=short(over.text), other=short(under.text)
                            ),
                            _("shorten the text, or give it more room in the template"),
                            _anchor(over if over.block is not None else under),
                        )
        return list(found.values())

    def _missing(self) -> list[Finding]:
        """Each given text's characters in the drawn body text, in order. Texts are given
        in the order they are drawn, so one pass over the drawn text serves them all."""
        drawn = _visible("".join([run.text for run in self.runs if not run.furniture]))
        at = 0
        for text in self.given:
            wanted = _visible(text)
            end = _subsequence_end(wanted, drawn, at)
            if end is None:
                end = _subsequence_end(wanted, drawn, 0)  # drawn in another order
            if end is None:
                return [
                    Finding(
                        0,
                        _("“{text}” is not printed whole").format(text=short(text)),
                        _("report this with the project: modul lost text while laying it out"),
                        text,
                    )
                ]
            at = end
        return []


_CURRENT: ContextVar[Proof | None] = ContextVar("proof", default=None)


@contextmanager
def proving(proof: Proof) -> Iterator[None]:
    """Text blocks made inside this block are given to `proof`."""
    token = _CURRENT.set(proof)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def given(text: str) -> None:
    """A text block with this plain text is made: it must be printed whole."""
    if (proof := _CURRENT.get()) is not None:
        proof.given.append(text)


class RecordingText(PDFTextObject):
    """A ReportLab text object that also notes each piece of text it is given and where.

    It follows the PDF text state: the start of the line (moved by Td and T*) and the
    point after the last piece on it (a piece moves it by its width)."""

    def __init__(self, canvas: Any, x: float = 0, y: float = 0, direction: Any = None) -> None:
        self.pieces: list[tuple[str, float, float, float, float]] = []  # text, l, r, base, size
        super().__init__(canvas, x, y, direction)  # which sets the text origin

    def setTextOrigin(self, x: float, y: float) -> None:
        super().setTextOrigin(x, y)
        self._line_x, self._line_y, self._at = x, y, x

    def setTextTransform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        super().setTextTransform(a, b, c, d, e, f)
        self._line_x, self._line_y, self._at = e, f, e

    def moveCursor(self, dx: float, dy: float) -> None:
        super().moveCursor(dx, dy)
        self._line_x += dx
        self._line_y -= dy  # ReportLab's dy points down the page
        self._at = self._line_x

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803 (ReportLab's name)
        self._note(text)
        super()._textOut(text, TStar)
        if TStar:
            self._next_line()

    def textOut(self, text: str) -> None:
        self._note(text)
        super().textOut(text)

    def textLine(self, text: str = "") -> None:
        self._note(text)
        super().textLine(text)
        self._next_line()

    def _next_line(self) -> None:
        self._line_y -= self._leading
        self._at = self._line_x

    def _note(self, text: str) -> None:
        """The piece's inked part (spaces around it left out) from the current point."""
        width, ink = self._width(text), text.strip(" ")
        if ink:
            left, right = self._at, self._at + width
            if len(ink) < len(text):  # measured again only when spaces surround it
                left += self._width(text[: text.index(ink)])
                right = left + self._width(ink)
            right -= self._charSpace  # letter spacing follows the last letter: no ink
            self.pieces.append((ink, left, right, self._line_y + self._rise, self._fontsize))
        self._at += width

    _charSpace = _wordSpace = 0.0  # noqa: N815 (ReportLab's names; set by setCharSpace …)

    def _width(self, text: str) -> float:
        width: float = getFont(self._fontname).stringWidth(text, self._fontsize)
        if self._charSpace:
            width += self._charSpace * len(text)
        if self._wordSpace:
            width += self._wordSpace * text.count(" ")
        return width


def record(canvas: Any, text: RecordingText, proof: Proof, *, furniture: bool, block: Any) -> None:
    """Note the pieces of `text`, about to be drawn on `canvas`, on the page."""
    a, b, c, d, e, f = canvas._currentMatrix
    page = canvas.getPageNumber()
    for piece, left, right, baseline, size in text.pieces:
        xs = (a * left + c * baseline + e, a * right + c * baseline + e)
        low, high = baseline - DESCENT * size, baseline + ASCENT * size
        ys = (b * left + d * low + f, b * right + d * high + f)
        proof.runs.append(Run(page, piece, min(xs), max(xs), min(ys), max(ys), furniture, block))


def _inside(run: Run, area: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = area
    return (
        run.left >= left - TOLERANCE
        and run.right <= right + TOLERANCE
        and run.bottom >= bottom - TOLERANCE
        and run.top <= top + TOLERANCE
    )


def _where(run: Run, area: tuple[float, float, float, float]) -> str:
    left, bottom, right, top = area
    beyond = [
        ("left", left - run.left),
        ("right", run.right - right),
        ("bottom", bottom - run.bottom),
        ("top", run.top - top),
    ]
    side, by = max(beyond, key=lambda b: b[1])
    by_distance, just_beyond = BEYOND[side]
    return _(by_distance).format(distance=by / MM) if by >= MM else _(just_beyond)


def _anchor(run: Run) -> str:
    return str(run.block.plain_text()) if run.block is not None else run.text


def _visible(text: str) -> str:
    """The characters that leave ink: no spaces, no soft hyphens or other format marks."""
    ink = "".join(text.split())
    if ink.isascii() or ink.isprintable():  # no format mark (they are not printable)
        return ink
    return "".join(c for c in ink if unicodedata.category(c) != "Cf")


def _subsequence_end(wanted: str, drawn: str, start: int) -> int | None:
    """Where `wanted` ends as a subsequence of `drawn[start:]`: contiguous if it can be."""
    if not wanted:
        return start
    found = drawn.find(wanted, start)
    if found >= 0:
        return found + len(wanted)
    at = start
    for char in wanted:
        at = drawn.find(char, at) + 1
        if at == 0:
            return None
    return at
