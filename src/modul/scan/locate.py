"""Find a form on a photo: its four ArUco corner markers (DICT_4X4_50, ids 0-3), its QR
code, and the perspective that straightens the page to the form map's coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from modul.scan.formmap import Label, PageMap, parse_label
from modul.scan.images import Gray

Points = NDArray[np.float32]
MARKER_IDS = (0, 1, 2, 3)  # top-left, top-right, bottom-right, bottom-left
DETECT_LONGEST = 1800  # pixels: markers are found on a copy this size, then scaled back
SCALE = 200 / 72  # the straightened page: pixels per point (200 dpi)
MARGIN = 0.05  # of the markers' span: the straightened page reaches this far beyond them
WORST_FIT = 3.0  # points: a marker corner further off the fitted page means a bent page


@dataclass(frozen=True)
class Found:
    """What was found on an image: markers by id (their four corners, clockwise from the
    marker's top-left, in the image's pixels), the ids seen twice, and the QR codes'
    texts."""

    markers: dict[int, Points]
    twice: tuple[int, ...]
    labels: tuple[Label, ...]
    texts: tuple[str, ...]  # every barcode's text, modul's or not


@lru_cache(maxsize=1)
def _detector() -> Any:
    import cv2

    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    parameters = cv2.aruco.DetectorParameters()
    parameters.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    return cv2.aruco.ArucoDetector(dictionary, parameters)


def find(image: Gray) -> Found:
    """The markers and QR codes on `image`."""
    import cv2

    longest = max(image.shape[:2])
    scale = min(1.0, DETECT_LONGEST / longest)
    small = (
        image
        if scale == 1.0
        else cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    corners, ids, _rejected = _detector().detectMarkers(small)
    markers: dict[int, Points] = {}
    twice = set()
    for found, marker in zip(corners, [] if ids is None else ids.flatten().tolist()):
        if marker not in MARKER_IDS:
            continue
        if marker in markers:
            twice.add(marker)
        markers[marker] = np.asarray(found, np.float32).reshape(4, 2) / scale
    texts = _barcodes(image)
    if not texts and all(m in markers for m in MARKER_IDS):
        texts = _barcodes(_squared(image, markers))
    labels = tuple(label for text in texts if (label := parse_label(text)))
    return Found(markers, tuple(sorted(twice)), labels, texts)


def _barcodes(image: Gray) -> tuple[str, ...]:
    """The QR codes' texts: read on the image, else on copies that undo what a phone does
    to a small code (uneven light: evened out; blur: sharpened; grey: thresholded)."""
    import cv2
    import zxingcpp

    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    variants = (
        lambda: image,
        lambda: cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(image),
        lambda: cv2.addWeighted(image, 1.8, cv2.GaussianBlur(image, (0, 0), 3), -0.8, 0),
        lambda: cv2.adaptiveThreshold(
            image, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 5
        ),
    )
    for variant in variants:
        found = zxingcpp.read_barcodes(variant(), formats=formats, try_downscale=True)
        if texts := tuple(result.text for result in found if result.valid):
            return texts
    return ()


def _squared(image: Gray, markers: dict[int, Points]) -> Gray:
    """The page straightened by its four markers' centres, before it is known which form
    it is (its QR code then read again, upright and unskewed), twice enlarged; with a
    margin beyond the centres, where the QR code's lower edge lies (level with the
    markers' outer edges)."""
    import cv2

    centres = np.asarray([markers[m].mean(axis=0) for m in MARKER_IDS], np.float32)
    width = 2 * float(np.linalg.norm(centres[1] - centres[0]))
    height = 2 * float(np.linalg.norm(centres[3] - centres[0]))
    pad = MARGIN * width
    target = np.asarray(
        [[pad, pad], [pad + width, pad], [pad + width, pad + height], [pad, pad + height]],
        np.float32,
    )
    matrix = cv2.getPerspectiveTransform(centres, target)
    size = (round(width + 2 * pad), round(height + 2 * pad))
    flags, border = cv2.INTER_CUBIC, cv2.BORDER_REPLICATE
    return np.asarray(
        cv2.warpPerspective(image, matrix, size, flags=flags, borderMode=border), np.uint8
    )


def page_points(page: PageMap, marker: int) -> Points:
    """A marker's four corners in the straightened page's pixels (y down), in the order
    the detector gives them."""
    x, y, side = page.markers[marker]
    half = side / 2
    corners = [
        (x - half, y + half),
        (x + half, y + half),
        (x + half, y - half),
        (x - half, y - half),
    ]
    return np.asarray([(cx * SCALE, (page.height - cy) * SCALE) for cx, cy in corners], np.float32)


def straighten(image: Gray, found: Found, page: PageMap) -> tuple[Gray, float] | None:
    """The page warped to the form map's coordinates (SCALE pixels a point, y down), and
    the worst distance of a marker corner from where the fitted page puts it (points);
    None with fewer than three of the page's markers."""
    import cv2

    seen = [m for m in MARKER_IDS if m in found.markers and m in page.markers]
    if len(seen) < 3:
        return None
    source = np.concatenate([found.markers[m] for m in seen])
    target = np.concatenate([page_points(page, m) for m in seen])
    matrix, _mask = cv2.findHomography(source, target, 0)
    if matrix is None:
        return None
    fitted = cv2.perspectiveTransform(source.reshape(-1, 1, 2), matrix).reshape(-1, 2)
    worst = float(np.max(np.linalg.norm(fitted - target, axis=1))) / SCALE
    size = (round(page.width * SCALE), round(page.height * SCALE))
    warped = cv2.warpPerspective(
        image, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, np.uint8), worst
