"""Synthetic filled-in forms for the reader's tests: a form map (the contract's
dataclasses), its page drawn with ReportLab as the printing side draws it (ArUco markers,
a QR code, tick boxes with their labels), rendered and ticked by "hand" (pen or pencil;
ticks, crosses, slashes, fills, scribbles; never a neat square); photos.py photographs
it."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from scan.contract import Box, FormMap, PageMap

A4 = (595.28, 841.89)
MARKER = 28.0  # points
BOX = 12.76  # 4.5 mm
DPI = 200
VERSION = "3fa9c2d1"
LETTERS = "abcd"


def _markers(width: float, height: float) -> dict[int, tuple[float, float, float]]:
    inset = 34.0 + MARKER / 2
    return {
        0: (inset, height - inset, MARKER),
        1: (width - inset, height - inset, MARKER),
        2: (width - inset, inset, MARKER),
        3: (inset, inset, MARKER),
    }


def test_page(number: int, items: range, grid: bool, version: str = VERSION) -> PageMap:
    """A Tes Awal/Akhir page: questions `items`, 4 options each; the number grid on top."""
    width, height = A4
    boxes = []
    y = height - 130
    if grid:
        for row, name in enumerate(("nomor_puluhan", "nomor_satuan")):
            for digit in range(10):
                boxes.append(Box(name, str(digit), 200 + digit * 30, y - row * 26, BOX, BOX))
        y -= 80
    for item in items:
        for k, letter in enumerate(LETTERS):
            boxes.append(Box(f"tes_{item}", letter, 90 + k * 115, y, BOX, BOX))
        y -= 46
    return PageMap(
        number,
        width,
        height,
        _markers(width, height),
        (width - 150, height - 112, 60.0),
        tuple(boxes),
        version,
    )


QUIZ_BOX = 3.8 * 72 / 25.4  # the theme's quiz: 3.8 mm boxes, stacked 0.8 mm apart,
QUIZ_STEP = QUIZ_BOX + 0.8 * 72 / 25.4  # each 2 mm from its option's text


def dense_test_page(number: int, items: range, grid: bool, version: str = VERSION) -> PageMap:
    """A Tes Awal/Akhir page laid out as the theme's quiz is: each question's options
    stacked under it, two columns of questions."""
    width, height = A4
    boxes = []
    top = height - 130
    if grid:
        for row, name in enumerate(("nomor_puluhan", "nomor_satuan")):
            for digit in range(10):
                boxes.append(Box(name, str(digit), 200 + digit * 30, top - row * 26, BOX, BOX))
        top -= 80
    for index, item in enumerate(items):
        column, place = divmod(index, 6)
        x, y = 90 + column * 250, top - place * (4 * QUIZ_STEP + 30)
        for k, letter in enumerate(LETTERS):
            boxes.append(Box(f"tes_{item}", letter, x, y - k * QUIZ_STEP, QUIZ_BOX, QUIZ_BOX))
    return PageMap(
        number,
        width,
        height,
        _markers(width, height),
        (width - 150, height - 112, 60.0),
        tuple(boxes),
        version,
    )


def evaluation_page(sessions: int = 7, statements: int = 7, version: str = VERSION) -> PageMap:
    """A Formulir Evaluasi page: SS (4) on the left, STS (1) on the right."""
    width, height = A4
    boxes = []
    y = height - 140
    for name, count in (("sesi", sessions), ("umum", statements)):
        for n in range(1, count + 1):
            for k, score in enumerate("4321"):
                boxes.append(Box(f"{name}_{n}", score, 300 + k * 65, y, BOX, BOX))
            y -= 38
        y -= 14
    return PageMap(
        1,
        width,
        height,
        _markers(width, height),
        (width - 150, height - 112, 60.0),
        tuple(boxes),
        version,
    )


def forms(version: str = VERSION, dense: bool = False) -> dict[str, FormMap]:
    """The small project's three forms (12 questions, 7 sessions, 7 statements); `dense`:
    the tests laid out as the theme's quiz (stacked options, 3.8 mm boxes)."""
    role = "konsultan-pemberdayaan-masyarakat"
    test_page_ = dense_test_page if dense else test_page

    def test(document: str) -> FormMap:
        pages = (
            test_page_(1, range(1, 9), True, version),
            test_page_(2, range(9, 13), False, version),
        )
        return FormMap("ntt", role, document, pages)

    return {
        "pretest": test("pretest"),
        "posttest": test("posttest"),
        "evaluation": FormMap("ntt", role, "evaluation", (evaluation_page(version=version),)),
    }


def payload(form: FormMap, page: PageMap, participant: int = 0) -> str:
    return (
        f"MODUL1;{form.edition};{form.role};{form.document};{page.version};"
        f"{page.number};{participant}"
    )


def pdf(form: FormMap, page: PageMap, participant: int = 0, qr: str | None = None) -> bytes:
    """The page as the printing side would draw it."""
    data = io.BytesIO()
    canvas = Canvas(data, pagesize=(page.width, page.height))
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    for marker, (x, y, side) in page.markers.items():
        image = cv2.aruco.generateImageMarker(dictionary, marker, 120)
        png = cv2.imencode(".png", image)[1].tobytes()
        canvas.drawImage(ImageReader(io.BytesIO(png)), x - side / 2, y - side / 2, side, side)
    x, y, side = page.qr
    widget = QrCodeWidget(qr or payload(form, page, participant), barLevel="M", barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(60, page.height - 80, f"{form.document.upper()}  halaman {page.number}")
    canvas.setFont("Helvetica", 10)
    last = ""
    for box in page.boxes:
        if box.field != last:
            x = box.x - 12 if box.w < BOX else 60  # a dense quiz: above its options
            canvas.drawString(x, box.y + 18, f"{box.field}: Pertanyaan yang cukup panjang …")
            last = box.field
        canvas.setLineWidth(0.8)
        canvas.rect(box.x, box.y, box.w, box.h)
        short = box.field.startswith("nomor")
        text = box.value if short else f"{box.value}. pilihan"
        canvas.drawString(box.x + box.w + (5.67 if box.w < BOX else 4), box.y + 2, text)
    canvas.showPage()
    canvas.save()
    return data.getvalue()


def render(data: bytes, dpi: int = DPI) -> np.ndarray:
    """The PDF's first page as a BGR image."""
    document = pypdfium2.PdfDocument(data)
    image = document[0].render(scale=dpi / 72).to_numpy()
    document.close()
    return np.ascontiguousarray(image[:, :, :3])


PEN = [(20, 20, 20), (120, 45, 25), (140, 60, 30)]  # BGR: black, dark blue, blue


@dataclass
class Truth:
    """What was marked on a page: field -> the values ticked; the kind of each item."""

    marks: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # single, double, faint, empty


def box_pixels(page: PageMap, box: Box, dpi: int = DPI) -> tuple[float, float, float]:
    """The box's centre (x, y) and side in the rendered image's pixels."""
    k = dpi / 72
    return (box.x + box.w / 2) * k, (page.height - box.y - box.h / 2) * k, box.w * k


def mark(
    image: np.ndarray,
    centre: tuple[float, float],
    side: float,
    rng: random.Random,
    tool: str = "",
    style: str = "",
) -> None:
    """A hand-made mark in the box around `centre`: pen or pencil, some style."""
    tool = tool or rng.choice(["pen", "pen", "pencil"])
    style = style or rng.choice(["tick", "cross", "fill", "slash", "scribble", "cross"])
    colour = rng.choice(PEN) if tool == "pen" else (rng.randint(85, 140),) * 3
    thick = rng.randint(3, 5) if tool == "pen" else rng.randint(3, 4)
    cx, cy = (
        centre[0] + rng.uniform(-0.12, 0.12) * side,
        centre[1] + rng.uniform(-0.12, 0.12) * side,
    )
    s = side * rng.uniform(0.7, 1.6) / 2

    def p(u: float, v: float) -> tuple[int, int]:
        return (
            round(cx + (u + rng.uniform(-0.1, 0.1)) * s),
            round(cy + (v + rng.uniform(-0.1, 0.1)) * s),
        )

    if style == "tick":
        cv2.polylines(
            image, [np.array([p(-0.7, 0), p(-0.15, 0.65), p(0.8, -0.9)])], False, colour, thick
        )
    elif style == "cross":
        cv2.line(image, p(-0.8, -0.8), p(0.8, 0.8), colour, thick)
        cv2.line(image, p(-0.8, 0.8), p(0.8, -0.8), colour, thick)
    elif style == "slash":
        cv2.line(image, p(-0.75, 0.8), p(0.75, -0.8), colour, thick + 1)
    elif style == "fill":
        cv2.fillPoly(
            image,
            [np.array([p(-0.8, -0.75), p(0.75, -0.85), p(0.85, 0.8), p(-0.75, 0.75)])],
            colour,
        )
    else:  # a scribble going round
        points = [p(0.7 * np.cos(t), 0.7 * np.sin(t)) for t in np.linspace(0, 4 * np.pi, 14)]
        cv2.polylines(image, [np.array(points)], False, colour, thick)


def faint(image: np.ndarray, centre: tuple[float, float], side: float, rng: random.Random) -> None:
    """A mark rubbed out: a light grey smudge with what is left of the stroke."""
    grey = rng.randint(170, 200)
    s = side * 0.4
    cx, cy = centre
    layer = image.copy()
    cv2.line(layer, (round(cx - s), round(cy + s)), (round(cx + s), round(cy - s)), (grey,) * 3, 4)
    cv2.line(layer, (round(cx - s), round(cy - s)), (round(cx + s), round(cy + s)), (grey,) * 3, 4)
    cv2.addWeighted(layer, 0.8, image, 0.2, 0, dst=image)


def fill(
    image: np.ndarray,
    page: PageMap,
    rng: random.Random,
    doubles: float = 0.0,
    faints: float = 0.0,
    blanks: float = 0.1,
) -> Truth:
    """Tick every item of the page: mostly one box, some none, some two, some faint."""
    truth = Truth()
    groups: dict[str, list[Box]] = {}
    for box in page.boxes:
        groups.setdefault(box.field, []).append(box)
    for name, boxes in groups.items():
        roll = rng.random()
        kind = (
            "double"
            if roll < doubles
            else "faint"
            if roll < doubles + faints
            else "empty"
            if roll < doubles + faints + blanks
            else "single"
        )
        chosen = rng.sample(boxes, 2 if kind == "double" else 1)
        truth.kinds[name] = kind
        truth.marks[name] = [] if kind == "empty" else [b.value for b in chosen]
        for box in chosen if kind != "empty" else []:
            x, y, side = box_pixels(page, box)
            (faint if kind == "faint" else mark)(image, (x, y), side, rng)
    return truth
