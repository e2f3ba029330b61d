"""Which font prints each character: the theme's own, else a fallback, else a marker.

ReportLab draws a character its font lacks as an empty box, or not at all. So every
character is given a font before layout: the theme's font if it has the character,
else the first fallback font that has it (`fonts: fallback:` in theme.yaml, DejaVu Sans
by default), else it is printed as the marker [U+XXXX] and `modul check` warns with
the file and line of the character. Text is put in Unicode normal form C first (a
letter and its combining accent become the one accented letter a font has), and
invisible format characters (joiners, emoji variation selectors) are dropped.
Right-to-left letters get markers too: ReportLab would set them backwards and unjoined.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from modul.errors import Problem, relative, warning
from modul.i18n import _

MARKER = "[U+{:04X}]"
INVISIBLE = frozenset(map(chr, range(0xFE00, 0xFE10)))  # variation selectors


def prepare(text: str) -> str:
    """The text as it is printed: composed accents, no invisible format characters
    (Unicode category Cf: joiners, soft hyphens, direction marks, emoji selectors)."""
    if text.isascii():
        return text
    return "".join(
        c
        for c in unicodedata.normalize("NFC", text)
        if c not in INVISIBLE and unicodedata.category(c) != "Cf"
    )


def printed(text: str, coverage: Coverage) -> str:
    """The characters a reader sees for `text`: markers for what no font has."""
    return "".join(run if font is not None else _markers(run) for font, run in coverage.runs(text))


def right_to_left(char: str) -> bool:
    """Arabic, Hebrew, …: ReportLab sets text left to right with unjoined letters, which
    would print such words backwards and broken, so they get markers like missing glyphs."""
    return unicodedata.bidirectional(char) in ("R", "AL")


@functools.cache
def charset(path: str) -> frozenset[int]:
    """The characters a TrueType font has glyphs for."""
    from fontTools.ttLib import TTFont  # reads the character map without ReportLab

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@dataclass(frozen=True)
class Coverage:
    """The theme's regular font, then its fallback fonts (file paths)."""

    fonts: tuple[str, ...]
    _known: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)

    def font_of(self, char: str) -> int | None:
        """Index of the first font that has `char`; None if none has it."""
        if char not in self._known:
            code = ord(char)
            self._known[char] = (
                0
                if char.isspace()
                else None
                if right_to_left(char)
                else next((n for n, path in enumerate(self.fonts) if code in charset(path)), None)
            )
        return self._known[char]

    def runs(self, text: str) -> tuple[tuple[int | None, str], ...]:
        """`text`, prepared, cut into pieces that each one font prints (or none)."""
        if text.isascii() and self.has_ascii:  # most text: nothing to do
            return ((0, text),) if text else ()
        return _cut(self, text)

    @functools.cached_property
    def has_ascii(self) -> bool:
        """Whether the theme's own font prints every printable ASCII character."""
        return all(self.font_of(chr(code)) == 0 for code in range(32, 127))

    def foreign(self, text: str) -> set[str]:
        """The characters of `text` that the theme's own font lacks."""
        if text.isascii() and self.has_ascii:
            return set()
        chars = set(unicodedata.normalize("NFC", text)) - INVISIBLE  # as `prepare`, each once
        return {c for c in chars if unicodedata.category(c) != "Cf" and self.font_of(c) != 0}


@functools.lru_cache(maxsize=1024)  # a page's header and footer, cut again on every page
def _cut(coverage: Coverage, text: str) -> tuple[tuple[int | None, str], ...]:
    result: list[tuple[int | None, str]] = []
    for char in prepare(text):
        font = coverage.font_of(char)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return tuple(result)


@dataclass(frozen=True)
class Faces:
    """A coverage with the ReportLab names of its fonts, for paragraphs and canvases."""

    coverage: Coverage
    names: tuple[str, ...]  # registered ReportLab font names, in the order of `coverage`

    def markup(self, text: str) -> str:
        """Escaped paragraph text with <font> around what a fallback font prints."""
        parts = []
        for font, run in self.coverage.runs(text):
            if font == 0:
                parts.append(escape(run))
            elif font is None:
                parts.append(escape(_markers(run)))
            else:
                parts.append(f'<font face="{self.names[font]}">{escape(run)}</font>')
        return "".join(parts)

    def width(self, text: str, font: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(sum(stringWidth(run, name, size) for name, run in self._named(text, font)))

    def draw(
        self,
        canvas: Any,
        x: float,
        y: float,
        text: str,
        font: str,
        size: float,
        *,
        right: bool = False,
    ) -> None:
        """Draw one line at (x, y), starting there, or ending there with `right`."""
        if right:
            x -= self.width(text, font, size)
        line = canvas.beginText(x, y)  # one text object: readers copy it as one line
        for name, run in self._named(text, font):
            line.setFont(name, size)
            line.textOut(run)
        canvas.drawText(line)

    def runs(self, text: str, font: str) -> Iterable[tuple[str, str]]:
        """The pieces of `text` with the registered font each is drawn in."""
        return self._named(text, font)

    def _named(self, text: str, font: str) -> Iterable[tuple[str, str]]:
        for index, run in self.coverage.runs(text):
            if index is None:
                yield font, _markers(run)
            else:
                yield (font if index == 0 else self.names[index]), run


def _markers(run: str) -> str:
    return "".join(MARKER.format(ord(char)) for char in run)


def glyph_warnings(
    texts: Iterable[str],
    coverage: Coverage,
    sources: Iterable[Path],
    root: Path,
    *,
    found: Iterable[str] = (),
) -> list[Problem]:
    """One warning per line of `sources` (content, labels, templates) where characters
    of `texts` (and the characters `found` already) first appear that the theme's font
    lacks."""
    foreign: set[str] = set(found)
    for text in texts:
        foreign |= coverage.foreign(text)
    places: dict[tuple[str, int, bool], list[tuple[int, str]]] = {}
    texts_of = {path: _text_of(path) for path in sources} if foreign else {}
    for char in sorted(foreign):
        unprintable = coverage.font_of(char) is None
        where = [
            (relative(path, root), *_first_place(char, text)) for path, text in texts_of.items()
        ]
        for file, line, column in [w for w in where if w[1]] or [("layouts", 0, 0)]:
            places.setdefault((file, line, unprintable), []).append((column, char))
    return [
        _glyph_problem(sorted(found), coverage, file, line, unprintable)
        for (file, line, unprintable), found in places.items()
    ]


def _first_place(char: str, text: str) -> tuple[int, int]:
    at = text.find(char)
    if at < 0:
        return 0, 0
    start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - start + 1


def _text_of(path: Path) -> str:
    try:
        return prepare(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return ""


def _glyph_problem(
    found: list[tuple[int, str]], coverage: Coverage, file: str, line: int, unprintable: bool
) -> Problem:
    chars = [char for _column, char in found]
    unnamed = _("no name")  # of a character Unicode gives no name
    what = ", ".join(f"`{c}` (U+{ord(c):04X} {unicodedata.name(c, unnamed)})" for c in chars)
    column = found[0][0]
    markers = ", ".join(MARKER.format(ord(c)) for c in chars)
    if unprintable and any(right_to_left(c) for c in chars):
        return warning(
            file,
            line,
            column,
            _(
                "{characters}: right-to-left script, which modul cannot set; printed as {markers}"
            ).format(characters=what, markers=markers),
            _("write the text in Latin script (transliteration)"),
        )
    if unprintable:
        return warning(
            file,
            line,
            column,
            _("{characters}: in none of the theme's fonts; printed as {markers}").format(
                characters=what, markers=markers
            ),
            _(
                "add a font that has it to `fonts: fallback:` in theme.yaml (the file "
                "in the layout's fonts/ folder), or write the text without it"
            ),
        )
    fallbacks = sorted({Path(coverage.fonts[coverage.font_of(c) or 0]).name for c in chars})
    return warning(
        file,
        line,
        column,
        _("{characters}: not in the font {font}; printed with {fallbacks}").format(
            characters=what, font=Path(coverage.fonts[0]).name, fallbacks=", ".join(fallbacks)
        ),
        _(
            "nothing to do if it looks right; for one typeface throughout, choose a "
            "theme font that has it (`fonts:` in theme.yaml)"
        ),
    )
