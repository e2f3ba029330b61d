"""Logos: printed from a copy no larger than 300 dpi at their printed size needs, decoded
within a bounded amount of memory, transparency kept; too large ones refused at the key."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from conftest import one_problem, write
from modul import Options, build
from modul.content import images

SUMBAR = Path("content/regions/sumbar")
LOGO_MM = 24  # cover.logo_mm of the default theme


def picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size, "white" if mode != "RGBA" else (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse(
        (size[0] // 10, size[1] // 10, *(s * 9 // 10 for s in size)), "navy"
    )
    return image


def use_logo(project: Path, image: Image.Image, name: str, **save) -> None:
    image.save(project / SUMBAR / name, **save)
    region = project / SUMBAR / "region.yaml"
    text = region.read_text(encoding="utf-8")
    write(region, text.replace("logo: logo.png", f"logo: {name}"))


def printed_logo(project: Path) -> tuple[int, int, bool]:
    """(width px, height px, has transparency) of the logo in Sumbar's first handout."""
    build(project, Options(regions=["sumbar"], kinds=["handout"]))
    pdf = next((project / "build" / "sumbar").glob("*/bahan-bacaan.pdf"))
    [logo] = PdfReader(pdf).pages[0].images
    stream = logo.indirect_reference.get_object() if logo.indirect_reference else None
    transparent = stream is not None and "/SMask" in stream
    return logo.image.width, logo.image.height, transparent


def test_a_12000_pixel_photo_prints_at_300_dpi(project):
    use_logo(project, picture((12000, 9000)), "logo.jpg", quality=80)
    width, height, _ = printed_logo(project)
    assert width == images.pixels_for(LOGO_MM) == 284  # 24 mm at 300 dpi
    assert height == 213


def test_transparency_survives_scaling(project):
    use_logo(project, picture((3000, 3000), "RGBA"), "logo.png")
    width, height, transparent = printed_logo(project)
    assert (width, height) == (284, 284) and transparent


def test_a_small_logo_is_printed_as_it_is(project):
    original = (project / SUMBAR / "logo.png").read_bytes()
    assert Image.open(io.BytesIO(original)).size == (300, 300)
    assert images.print_ready(project / SUMBAR / "logo.png", 300) == original
    smaller = images.print_ready(project / SUMBAR / "logo.png", 284)
    assert Image.open(io.BytesIO(smaller)).size == (284, 284)


@pytest.mark.parametrize(
    ("mode", "save"),
    [("P", {"transparency": 0}), ("1", {}), ("LA", {}), ("I;16", {}), ("CMYK", {})],
)
def test_every_kind_of_picture_scales(tmp_path, mode, save):
    path = tmp_path / ("logo.jpg" if mode == "CMYK" else "logo.png")
    picture((3000, 2000)).convert(mode).save(path, **save)
    scaled = Image.open(io.BytesIO(images.print_ready(path, 300)))
    assert scaled.size == (300, 200)
    assert ("A" in scaled.getbands()) == (mode in ("P", "LA"))


def test_a_png_over_the_decoding_budget_is_refused_at_the_key(project):
    use_logo(project, Image.new("RGB", (4000, 3200)), "logo.png")
    problem = one_problem(project)
    assert problem.file == f"{SUMBAR}/region.yaml" and problem.line > 0
    assert "far more pixels than a printed page needs" in problem.message
    assert "save it smaller" in problem.hint


PEAK = """
import sys
from pathlib import Path
from modul.content import images
import PIL.PngImagePlugin, PIL.JpegImagePlugin

def high_water_mb():  # VmHWM starts afresh at exec; ru_maxrss keeps the parent's peak
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) // 1024

before = high_water_mb()
images.print_ready(Path(sys.argv[1]), images.pixels_for(images.LARGEST_PRINT_MM))
print(high_water_mb() - before)
"""


@pytest.mark.skipif(
    not Path("/proc/self/status").exists(),
    reason="no /proc/self/status, where the peak memory is read (Linux has it)",
)
def test_the_largest_accepted_png_costs_less_than_100_mb(tmp_path):
    # 4000 × 3000 RGBA is exactly the budget; Pillow's own resize would need 3 copies
    path = tmp_path / "logo.png"
    picture((4000, 3000), "RGBA").save(path)
    assert images.image_problem(path, "logo.png") is None
    peak_mb = int(subprocess.check_output([sys.executable, "-c", PEAK, str(path)]))
    assert peak_mb < 100
