"""The theme's fonts found as files: in the layout's `fonts/` folders first, then among
the fonts ReportLab ships; each checked to open as an embeddable TrueType font.

Read with fontTools, not ReportLab, so that `modul check` stays quick.
"""

from __future__ import annotations

import functools
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from modul.content.tree import KeyPath, Node
from modul.errors import Problem, relative
from modul.i18n import N_, _


class FontNames(Protocol):
    """The theme's `fonts:` (theme.Fonts), as far as finding their files goes."""

    @property
    def fallback(self) -> list[str]: ...

    def styles(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class FoundFonts:
    paths: list[Path | None]  # in the order of the theme's font slots, then the fallbacks
    problems: list[Problem]


def font_files(tree: Node, names: FontNames, folders: list[Path], root: Path) -> FoundFonts:
    """The file of each font the theme names, or a problem at its line."""
    places: list[tuple[KeyPath, str]] = [(("fonts", slot), n) for slot, n in names.styles().items()]
    places += [(("fonts", "fallback", n), name) for n, name in enumerate(names.fallback)]
    found: list[Path | None] = []
    problems = []
    for place, name in places:
        path = _find_font(name, folders)
        if path is None:
            problems.append(
                tree.problem(
                    place,
                    _("font file `{font}` not found").format(font=name),
                    _(
                        "put it in {folder}/ or use one of ReportLab's "
                        "fonts: Vera.ttf, VeraBd.ttf, VeraIt.ttf, VeraBI.ttf"
                    ).format(folder=relative(folders[0], root)),
                )
            )
        elif damage := _font_damage(path):
            message, reason = damage
            problems.append(
                tree.problem(
                    place,
                    _(message).format(font=name, reason=reason),
                    _(
                        "use a TrueType font (.ttf) that opens in a font "
                        "viewer, e.g. from fonts.google.com"
                    ),
                )
            )
        found.append(path)
    return FoundFonts(found, problems)


def _font_damage(path: Path) -> tuple[str, str] | None:
    """Why ReportLab could not embed the font, or None: a message (marked, translated
    when shown, with `{font}` and `{reason}`) and the reason the font library gave."""
    info = path.stat()
    return _font_damage_of(path, info.st_mtime_ns, info.st_size)


@functools.cache  # once per version of the file (`modul watch` sees a font replaced)
def _font_damage_of(path: Path, modified: int, size: int) -> tuple[str, str] | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            if "glyf" not in font:  # ReportLab embeds TrueType outlines only
                return N_(
                    "font file `{font}` has PostScript (CFF) outlines, which cannot be embedded"
                ), ""
            font.getBestCmap()
    except (TTLibError, OSError, ValueError, KeyError, AssertionError, struct.error) as err:
        return N_(
            "font file `{font}` cannot be read ({reason})"
        ), f"{type(err).__name__}: {str(err)[:80]}"
    return None


def _find_font(name: str, folders: list[Path]) -> Path | None:
    """A TrueType file from the first of `folders` that has it, or one ReportLab ships."""
    spec = importlib.util.find_spec("reportlab")  # locates it without importing it
    places = list(folders)
    if spec and spec.submodule_search_locations:
        places += [Path(p) / "fonts" for p in spec.submodule_search_locations]
    for place in places:
        candidate = (place / name).resolve()
        if candidate.is_file() and candidate.is_relative_to(place.resolve()):
            return candidate
    return None
