"""What lets `modul scan` read a printed form back (catalog `scan: true`): on every page
four ArUco corner markers (DICT_4X4_50, ids 0 top-left, 1 top-right, 2 bottom-right,
3 bottom-left) and a small QR code at the right of the running foot, naming the edition,
role, document, content version, page and participant; and where every tick box was
drawn, for the form map.

The QR code holds the version, which is known only once every box is placed: each page
draws a form XObject that is filled in when the document is saved, as the page count is.
The markers are drawn from the table below: no OpenCV at build time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from modul.layout.theme import Theme
from modul.typeset.formmap import Box, FormMap, PageMap, ScanIdentity, version_of

# ArUco DICT_4X4_50, markers 0–3: the 4 × 4 bits inside the black border, rows from the
# top, "1" white (as cv2.aruco.generateImageMarker draws them; tests/typeset/
# test_scan_marks.py checks this table against OpenCV's dictionary).
MARKERS = {
    0: ("1011", "0101", "0011", "0010"),
    1: ("0000", "1111", "1001", "1010"),
    2: ("0011", "0011", "0010", "1101"),
    3: ("1001", "1001", "0100", "0110"),
}
MODULES = 6  # a marker's side in modules, its black border included
# L, not M: the payload fits 33 modules, not 37; at 14 mm a module is 0.42 mm (3.3 pixels
# at 200 dpi, not 3.0), which a blurred phone photo still resolves (photos of the printed
# tests: M left 1 of 130 unread, L none of 300). No logo covers it; a code torn or
# written over is named in the summary, to photograph again.
QR_LEVEL = "L"


@dataclass
class Marks:
    """One layout of a scannable document: the marks of each page and its tick boxes."""

    identity: ScanIdentity
    texts: list[str]
    theme: Theme
    pages: dict[int, tuple[float, float]] = field(default_factory=dict)
    markers: dict[int, dict[int, tuple[float, float, float]]] = field(default_factory=dict)
    qr: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    boxes: list[tuple[int, Box]] = field(default_factory=list)

    def place(self, page: int, width: float, height: float) -> None:
        """The markers in the paper's corners, the QR code at the foot's right end: its
        right edge on the right margin, its foot level with the markers'."""
        look = self.theme.scan.on(self.theme.paper)
        side, inset = look.marker_mm * mm, look.inset_mm * mm
        near, far_x, far_y = inset + side / 2, width - inset - side / 2, height - inset - side / 2
        self.pages[page] = (width, height)
        self.markers[page] = {
            0: (near, far_y, side),
            1: (far_x, far_y, side),
            2: (far_x, near, side),
            3: (near, near, side),
        }
        qr = look.qr_mm * mm
        self.qr[page] = (width - self.theme.margins.right * mm - qr, inset, qr)

    def foot_room(self) -> float:
        """What the running foot leaves at its right end for the QR code."""
        look = self.theme.scan.on(self.theme.paper)
        return float((look.qr_mm + look.qr_gap_mm) * mm)

    def box(self, canvas: Canvas, name: str, value: str, x: float, y: float, size: float) -> None:
        left, bottom = canvas.absolutePosition(x, y)
        self.boxes.append((canvas.getPageNumber(), Box(name, value, left, bottom, size, size)))

    @property
    def version(self) -> str:
        sizes = [self.pages[n] for n in sorted(self.pages)]
        return version_of(sizes, self.boxes, self.texts)

    def form_map(self) -> FormMap:
        version = self.version
        pages = tuple(
            PageMap(
                number=n,
                width=width,
                height=height,
                markers=self.markers[n],
                qr=self.qr[n],
                boxes=tuple(box for page, box in self.boxes if page == n),
                version=version,
            )
            for n, (width, height) in sorted(self.pages.items())
        )
        return FormMap(self.identity.edition, self.identity.role, self.identity.document, pages)


@dataclass
class ScanSession:
    """A scannable document being laid out (`scanning`): the texts its version covers,
    and the marks of its last layout, the one kept."""

    identity: ScanIdentity
    texts: list[str] = field(default_factory=list)
    last: Marks | None = None


_SESSION: ContextVar[ScanSession | None] = ContextVar("scan_session", default=None)
_MARKS: ContextVar[Marks | None] = ContextVar("scan_marks", default=None)


@contextmanager
def scanning(session: ScanSession | None) -> Iterator[None]:
    """Documents laid out inside this block carry the marks of `session` (None: none)."""
    token = _SESSION.set(session)
    try:
        yield
    finally:
        _SESSION.reset(token)


def current_session() -> ScanSession | None:
    return _SESSION.get()


@contextmanager
def marking(marks: Marks | None) -> Iterator[None]:
    """Tick boxes drawn inside this block are noted in `marks`."""
    token = _MARKS.set(marks)
    try:
        yield
    finally:
        _MARKS.reset(token)


def current_marks() -> Marks | None:
    return _MARKS.get()


def qr_form(page: int) -> str:
    return f"modul-scan-qr-{page}"


def draw_marks(canvas: Canvas, marks: Marks, page: int, width: float, height: float) -> None:
    """A page's markers, and its QR code's form (filled in by `define_qr_forms`)."""
    marks.place(page, width, height)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    for number, (x, y, side) in marks.markers[page].items():
        draw_marker(canvas, number, x - side / 2, y - side / 2, side)
    canvas.doForm(qr_form(page))
    canvas.restoreState()


def draw_marker(canvas: Canvas, number: int, x: float, y: float, side: float) -> None:
    """ArUco marker `number` with its lower-left corner at x, y: one path of its black
    modules, each row's neighbours joined, so no seam shows between them."""
    rows = ["0" * MODULES, *(f"0{bits}0" for bits in MARKERS[number]), "0" * MODULES]
    canvas.drawPath(_runs(canvas, rows, "0", x, y, side / MODULES), stroke=0, fill=1)


def define_qr_forms(canvas: Canvas, marks: Marks) -> None:
    """Every page's QR code, now that the version is known."""
    version = marks.version
    for page, (x, y, side) in marks.qr.items():
        canvas.beginForm(qr_form(page))
        draw_qr(canvas, marks.identity.payload(version, page), x, y, side)
        canvas.endForm()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, side: float) -> None:
    """A QR code (error correction QR_LEVEL) of `payload`, its symbol `side` square at x,
    y; the white quiet zone around it is the page's. ReportLab's QrCodeWidget encodes it; its
    dark modules are drawn here as one path, in black (a drawing would name a font)."""
    code = QrCodeWidget(payload, barLevel=QR_LEVEL, barBorder=0).qr
    code.make()
    rows = ["".join("1" if dark else "0" for dark in row) for row in code.modules]
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(_runs(canvas, rows, "1", x, y, side / len(rows)), stroke=0, fill=1)
    canvas.restoreState()


def _runs(canvas: Canvas, rows: list[str], dark: str, x: float, y: float, cell: float) -> Any:
    """A path of the `dark` cells of `rows` (the first the top), each row's neighbours
    joined in one rectangle, so no seam shows between them."""
    path = canvas.beginPath()
    top = y + len(rows) * cell
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c] != dark:
                c += 1
                continue
            end = c
            while end < len(row) and row[end] == dark:
                end += 1
            path.rect(x + c * cell, top - (r + 1) * cell, (end - c) * cell, cell)
            c = end
    return path


def stamp_qr(canvas: Canvas, payload: str, x: float, y: float, side: float) -> None:
    """A personalised copy's QR code over the blank's: the blank's covered in white."""
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x - 0.5, y - 0.5, side + 1, side + 1, stroke=0, fill=1)
    canvas.restoreState()
    draw_qr(canvas, payload, x, y, side)
