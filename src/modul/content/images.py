"""Pictures named in content or layouts (a region's logo, `<cover logo>`): checked before
any PDF is written, so that a bad image is a located error, never a crash mid-build."""

from __future__ import annotations

import warnings
from pathlib import Path

SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
MAX_PIXELS = 40_000_000  # a full A4 page at 300 dpi is 8.7 million; a phone photo 12-48


def image_problem(path: Path, shown: str) -> tuple[str, str] | None:
    """(message, fix) when the file is not a PNG or JPEG image modul can print, else None.

    The pixel count is read from the header before anything is decoded, so a
    30000 × 30000 image costs nothing; a smaller one is decoded whole once, here, so a
    damaged file is found now."""
    from PIL import Image, UnidentifiedImageError

    with path.open("rb") as file:
        head = file.read(8)
    if not head.startswith(SIGNATURES):
        return f"`{shown}` is not a PNG or JPEG image", "save the logo as .png or .jpg"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _too_big(shown)
                image.load()
    except Image.DecompressionBombError:  # so big that Pillow refuses to open it
        return _too_big(shown)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as err:
        damage = str(err).split(" (")[0] or "the file is damaged"
        return (
            f"`{shown}` cannot be read: {damage}",
            "open it in an image program and save it again as PNG or JPEG",
        )
    return None


def _too_big(shown: str) -> tuple[str, str]:
    return (
        f"`{shown}` has more than {MAX_PIXELS // 1_000_000} million pixels, far more than "
        "a printed page needs",
        "save it smaller, e.g. 1000 pixels wide for a logo",
    )
