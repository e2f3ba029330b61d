"""Pictures named in content or layouts (a region's logo, `<cover logo>`): checked before
any PDF is written, so that a bad image is a located error, never a crash mid-build, and
printed from a copy no larger than 300 dpi at its printed size needs.

Memory is bounded before anything is decoded: the size comes from the file's header, a
JPEG is decoded directly at 1/2, 1/4 or 1/8 of its size when that is still enough for
print, and an image whose decoded pixels would exceed DECODE_BUDGET is refused."""

from __future__ import annotations

import io
import math
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from modul.i18n import _

if TYPE_CHECKING:
    from PIL.Image import Image as PillowImage

SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
PRINT_DPI = 300
LARGEST_PRINT_MM = 100  # the theme allows cover.logo_mm up to 100
DECODE_BUDGET = 48 * 2**20  # bytes of decoded pixels: a 12-megapixel photo, or 4000 × 3000
STRIP_PIXELS = 1_000_000  # pixels of the original scaled down at a time


class ImageTooBig(Exception):
    """The decoded image would need more memory than DECODE_BUDGET."""


def pixels_for(printed_mm: float) -> int:
    """Pixels that 300 dpi needs along a printed length."""
    return math.ceil(printed_mm / 25.4 * PRINT_DPI)


def image_problem(path: Path, shown: str) -> tuple[str, str] | None:
    """(message, fix) when the file is not a PNG or JPEG image modul can print, else None.

    The file is decoded once, here, as it will be for the largest print, so a damaged
    file is found now and the memory it costs is known to be bounded."""
    from PIL import UnidentifiedImageError

    with path.open("rb") as file:
        head = file.read(8)
    if not head.startswith(SIGNATURES):
        return (
            _("`{file}` is not a PNG or JPEG image").format(file=shown),
            _("save the logo as .png or .jpg"),
        )
    try:
        print_ready(path, pixels_for(LARGEST_PRINT_MM))
    except ImageTooBig:
        return (
            _("`{file}` has far more pixels than a printed page needs").format(file=shown),
            _("save it smaller, e.g. 1000 pixels wide for a logo"),
        )
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as err:
        damage = str(err).split(" (")[0] or _("the file is damaged")
        return (
            _("`{file}` cannot be read: {reason}").format(file=shown, reason=damage),
            _("open it in an image program and save it again as PNG or JPEG"),
        )
    return None


def print_ready(path: Path, longest: int) -> bytes:
    """The image's file, or a copy scaled down so that its longer side is `longest`
    pixels. Cached: one logo is printed on every document of a build."""
    stat = path.stat()
    return _print_ready(path, stat.st_mtime_ns, stat.st_size, longest)


@lru_cache(maxsize=16)
def _print_ready(path: Path, _mtime: int, _size: int, longest: int) -> bytes:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError:  # so big that Pillow refuses to open it
            raise ImageTooBig from None
    with image:
        original, as_jpeg = image.size, image.format == "JPEG"
        _decode_at_most(image, longest)
        if max(original) <= longest:
            return path.read_bytes()
        return _encoded(_scaled_down(image, longest), as_jpeg)


def _decode_at_most(image: PillowImage, longest: int) -> None:
    """Decode the image, a JPEG at the smallest scale still at least `longest` pixels."""
    width, height = image.size
    if image.format == "JPEG" and max(width, height) > longest:
        scale = longest / max(width, height)
        image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))
    width, height = image.size
    bytes_per_pixel = 1 if image.mode in ("1", "L", "P") else 4  # as Pillow stores them
    if width * height * bytes_per_pixel > DECODE_BUDGET:
        raise ImageTooBig
    image.load()


def _scaled_down(image: PillowImage, longest: int) -> PillowImage:
    """A copy whose longer side is `longest`. Large images are first averaged over
    blocks of pixels a strip at a time, because Pillow's own scaling copies the whole
    image once more (twice with transparency)."""
    from PIL import Image

    factor = max(image.size) // longest
    width, height = image.size
    mode = _printable_mode(image)
    if factor >= 2:
        reduced = Image.new(mode, (math.ceil(width / factor), math.ceil(height / factor)))
        step = factor * max(1, STRIP_PIXELS // (width * factor))
        for top in range(0, height, step):
            strip = image.crop((0, top, width, min(top + step, height)))
            reduced.paste(_in_mode(strip, mode).reduce(factor), (0, top // factor))
        image = reduced
    else:
        image = _in_mode(image, mode)
    image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return image


def _printable_mode(image: PillowImage) -> str:
    """The mode the scaled copy is kept in: 8 bits per channel, transparency kept."""
    if image.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image.mode
    if image.mode == "P":
        return "RGBA" if "transparency" in image.info else "RGB"
    return "LA" if "A" in image.getbands() else "L" if len(image.getbands()) == 1 else "RGB"


def _in_mode(image: PillowImage, mode: str) -> PillowImage:
    return image if image.mode == mode else image.convert(mode)


def _encoded(image: PillowImage, as_jpeg: bool) -> bytes:
    """The scaled image as a file: JPEG stays JPEG, anything else becomes a PNG."""
    out = io.BytesIO()
    if as_jpeg:
        image.save(out, "JPEG", quality=92, subsampling=0)
    else:
        image.save(out, "PNG")
    return out.getvalue()
