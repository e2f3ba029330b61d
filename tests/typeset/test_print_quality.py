"""Print-room checks on every generated PDF: structure, embedded fonts, rendering, dark text.

They use qpdf, poppler-utils (pdffonts) and ghostscript, which `.ci/run` installs; where a
tool is missing on a developer's machine, its test is skipped with the reason. Ghostscript
renders one role's national documents (each template once) in the default run, and every
page of the whole example in the slow one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import SMALL_ROLE

LIGHTEST_TEXT_GREY = 0.4  # 0 = black, 1 = white; lighter text fades on a photocopier


def pdfs(root: Path, folder: str = "") -> list[Path]:
    found = sorted((root / "build" / folder).rglob("*.pdf"))
    assert found
    return found


PACKAGES = {"qpdf": "qpdf", "pdffonts": "poppler-utils", "gs": "ghostscript"}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = PACKAGES[name]
        pytest.skip(f"{name} is not installed: apt-get install {package} (as .ci/run does)")
    return path


def test_qpdf_finds_no_structural_errors(built):
    qpdf = tool("qpdf")
    for path in pdfs(built):
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{path}: {result.stdout}{result.stderr}"


def test_pdffonts_shows_every_font_embedded(built):
    pdffonts = tool("pdffonts")
    for path in pdfs(built):
        lines = subprocess.run(
            [pdffonts, str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines, f"{path}: no fonts"
        for line in lines:
            assert line.split()[-5] == "yes", f"{path}: not embedded: {line}"


@pytest.mark.parametrize(
    "folder",
    [
        pytest.param(f"nasional/{SMALL_ROLE}", id="one-role"),
        pytest.param("", marks=pytest.mark.slow, id="every-pdf"),
    ],
)
def test_ghostscript_renders_every_page(built, folder):
    gs = tool("gs")
    for path in pdfs(built, folder):
        result = subprocess.run(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and "Error" not in result.stdout + result.stderr, path


def test_text_is_dark_enough_for_a_photocopier(built):
    for path in pdfs(built)[::5]:  # every fifth file: the same templates make them all
        for number, page in enumerate(PdfReader(path).pages, 1):
            for grey in text_greys(page):
                assert grey <= LIGHTEST_TEXT_GREY, f"{path} page {number}: text at {grey}"


def text_greys(page) -> list[float]:
    """The fill colour (as grey, 0 = black) of every text-showing operation on a page."""
    content = ContentStream(page.get_contents(), page.pdf)
    fill, greys = 0.0, []
    for operands, operator in content.operations:
        if operator == b"g":
            fill = float(operands[0])
        elif operator == b"rg":
            red, green, blue = (float(v) for v in operands)
            fill = 0.299 * red + 0.587 * green + 0.114 * blue
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            greys.append(fill)
    return greys
