"""Page furniture: a header or footer that is too long is set smaller, then shortened."""

from __future__ import annotations

from conftest import REPO
from modul.layout.theme import load_theme
from modul.typeset.fonts import register_faces
from modul.typeset.furniture import fit_line

SMALLEST = 6.75  # the default theme's: 0.75 × 9 pt, above its 6.5 pt floor


class CountingFaces:
    """The theme's faces, counting how often a width is measured."""

    def __init__(self, faces):
        self.faces, self.calls = faces, 0

    def width(self, text, font, size):
        self.calls += 1
        return self.faces.width(text, font, size)


def test_a_long_header_is_shortened_with_few_measurements():
    """A 600-word role name made every header re-measure the whole line once per
    character dropped (13 million width calls; the build never ended)."""
    theme = load_theme(REPO / "layouts" / "default", REPO)
    faces = register_faces(theme)
    counting = CountingFaces(faces)
    text = " ".join(f"Kata{n}" for n in range(600))
    line, size = fit_line(text, counting, faces.names[0], 9, 400, SMALLEST)
    assert size == SMALLEST
    assert line.endswith("…") and text.startswith(line[:-1])
    assert faces.width(line, faces.names[0], size) <= 400
    longer = line[:-1] + text[len(line) - 1] + "…"
    assert faces.width(longer, faces.names[0], size) > 400  # the longest start that fits
    assert counting.calls <= 2 + 20


def test_a_header_that_fits_is_kept_whole():
    theme = load_theme(REPO / "layouts" / "default", REPO)
    faces = register_faces(theme)
    line, size = fit_line("Panduan Fasilitator", faces, faces.names[0], 9, 400, SMALLEST)
    assert (line, size) == ("Panduan Fasilitator", 9)
