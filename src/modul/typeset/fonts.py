"""The theme's TrueType fonts, registered with ReportLab once per process."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from modul.layout.theme import Theme
from modul.typeset.glyphs import Coverage, Faces


def register_fonts(theme: Theme) -> dict[str, str]:
    """Register the theme's TrueType fonts once per process; return slot → font name."""
    names = {slot: _register(path) for slot, path in theme.fonts.styles().items()}
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return names


def register_faces(theme: Theme, fonts: dict[str, str] | None = None) -> Faces:
    """The theme's regular font and its fallbacks, registered, for mixed-font text
    (`fonts`: the theme's fonts as `register_fonts` returned them, if already known)."""
    fallbacks = [_register(path) for path in theme.fonts.fallback]
    for name in fallbacks:  # <b> inside a fallback run keeps the one weight there is
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    coverage = Coverage((theme.fonts.regular, *theme.fonts.fallback))
    return Faces(coverage, ((fonts or register_fonts(theme))["regular"], *fallbacks))


def _register(path: str) -> str:
    name = f"modul-{Path(path).stem}"  # stable, so output bytes are reproducible
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name
