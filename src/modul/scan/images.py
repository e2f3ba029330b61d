"""The pages of a folder of photos and scans, as grey images small enough to read fast:
.jpg/.jpeg/.png decoded by OpenCV (a huge photo decoded at a reduced size), each page of
a .pdf rasterised by pdfium at about 200 dpi."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from modul.i18n import _

Gray = NDArray[np.uint8]
PHOTOS = (".jpg", ".jpeg", ".png")
SUFFIXES = (*PHOTOS, ".pdf")
LONGEST = 4100  # pixels: a 12-megapixel phone photo read whole; larger is only slower
MOST_PIXELS = 400_000_000  # beyond this a file is refused (a corrupt or hostile header)
HEIC = (".heic", ".heif")  # an iPhone's own format: named, not read
PDF_DPI = 200
MOST_PDF_PAGES = 500


@dataclass(frozen=True)
class Page:
    """One page to read: an image, or why there is none."""

    file: Path
    index: int  # 1-based page of the file (a photo: 1)
    image: Gray | None
    problem: str = ""  # why image is None
    hint: str = ""
    reduced: int = 1  # the factor the image was reduced by when decoded


def files(folder: Path) -> list[Path]:
    """The images and PDFs in `folder` (and HEIC photos, to say they are not read), by
    name; not its subfolders, nor hidden files (a Mac's ._IMG_0001.jpg)."""
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in (*SUFFIXES, *HEIC) and not p.name.startswith(".")
        ),
        key=lambda p: p.name.casefold(),
    )


def pages(path: Path, data: bytes) -> Iterator[Page]:
    """The pages of the file `path`, whose bytes are `data`."""
    if path.suffix.lower() == ".pdf":
        yield from _pdf_pages(path, data)
    elif path.suffix.lower() in HEIC:
        yield Page(
            path,
            1,
            None,
            _("HEIC photos are not read"),
            _(
                "save the photos as JPEG (on an iPhone: Settings > Camera > Formats > Most "
                "Compatible), or convert them"
            ),
        )
    else:
        yield _photo(path, data)


def _photo(path: Path, data: bytes) -> Page:
    import cv2

    size = _size(data)
    if size is None:
        return _broken(path)
    width, height = size
    if width * height > MOST_PIXELS:
        return Page(
            path,
            1,
            None,
            _("the image is too large to read ({megapixels} megapixels)").format(
                megapixels=width * height // 1_000_000
            ),
            _("save it again at a smaller size (a phone's ordinary 12 megapixels are plenty)"),
        )
    factor = next((f for f in (1, 2, 4, 8) if max(width, height) / f <= LONGEST), 8)
    flag = {
        1: cv2.IMREAD_GRAYSCALE,
        2: cv2.IMREAD_REDUCED_GRAYSCALE_2,
        4: cv2.IMREAD_REDUCED_GRAYSCALE_4,
        8: cv2.IMREAD_REDUCED_GRAYSCALE_8,
    }[factor]
    image = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    if image is None or image.size == 0 or _truncated(data):
        return _broken(path)
    return Page(path, 1, _fit(np.asarray(image, np.uint8)), reduced=factor)


def _size(data: bytes) -> tuple[int, int] | None:
    """The image's width and height from its header, without decoding it."""
    import io

    from PIL import Image, UnidentifiedImageError

    bound = Image.MAX_IMAGE_PIXELS
    try:
        Image.MAX_IMAGE_PIXELS = None  # the size is checked here, against MOST_PIXELS
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    finally:
        Image.MAX_IMAGE_PIXELS = bound


def _truncated(data: bytes) -> bool:
    """A JPEG cut short (a transfer broken off): OpenCV decodes its top and greys the
    rest, which would read as empty boxes."""
    return data[:2] == b"\xff\xd8" and data.rstrip(b"\x00")[-2:] != b"\xff\xd9"


def _fit(image: Gray) -> Gray:
    import cv2

    longest = max(image.shape[:2])
    if longest <= LONGEST:
        return image
    scale = LONGEST / longest
    size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8)


def _broken(path: Path) -> Page:
    return Page(
        path,
        1,
        None,
        _("the image cannot be read (a damaged or incomplete file)"),
        _("copy the photo from the phone again, or photograph the page again"),
    )


def _pdf_pages(path: Path, data: bytes) -> Iterator[Page]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        yield Page(
            path,
            1,
            None,
            _("the PDF cannot be read (a damaged or incomplete file)"),
            _("scan the pages again, or save the scan again as PDF"),
        )
        return
    try:
        for index in range(min(len(document), MOST_PDF_PAGES)):
            page = document[index]
            scale = PDF_DPI / 72
            longest = max(page.get_size()) * scale
            if longest > LONGEST:
                scale *= LONGEST / longest
            bitmap = page.render(scale=scale, grayscale=True)
            image = np.array(bitmap.to_numpy(), np.uint8)
            if image.ndim == 3:
                image = image[:, :, 0]
            yield Page(path, index + 1, np.ascontiguousarray(image))
    finally:
        document.close()
