"""The look of the documents: paper, margins, fonts, colours, paragraph styles, and every
size, spacing and threshold of the page elements.

Read from `layouts/<theme>/theme.yaml` by a layout designer; lengths are millimetres,
font sizes points, and a key ending in `_pt` is in points (line widths, cell padding).
Python keeps no number that decides the look. This module does not import ReportLab,
so `modul check` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from modul.content.merge import merge
from modul.content.source import ProblemList, read_yaml
from modul.content.types import Frozen, Text
from modul.content.validate import validate
from modul.i18n import _
from modul.layout.fontfiles import font_files
from modul.layout.theme_certificate import CertificateLook
from modul.layout.theme_elements import (
    Banner,
    Chart,
    Choices,
    Columns,
    Length,
    Packet,
    Quiz,
    Roster,
    Thickness,
    Writing,
)
from modul.layout.theme_scan import ScanLook
from modul.layout.theme_tags import NameTags
from modul.paper import SIZE_MM, Paper

Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
Share = Annotated[float, Field(gt=0, le=1)]  # of a page
LIGHTEST_TEXT = 0.4  # lighter text fades on cheap photocopiers
A5_LEAST_PT = 8.0  # the running head and folio on A5 pages, at least
REQUIRED_STYLES = ("body", "small", "title", "kind", "h1", "h2", "h3", "cell", "cell_head")


class Margins(Frozen):
    top: Length
    bottom: Length
    left: Length
    right: Length


class Fonts(Frozen):
    regular: Text
    bold: Text
    italic: Text
    bold_italic: Text
    fallback: list[Text] = []  # for characters the four lack, tried in this order

    def styles(self) -> dict[str, str]:
        return {
            "regular": self.regular,
            "bold": self.bold,
            "italic": self.italic,
            "bold_italic": self.bold_italic,
        }


class Colours(Frozen):
    text: Colour = "#000000"
    muted: Colour = "#333333"
    rule: Colour = "#000000"
    shade: Colour = "#E6E6E6"
    accent: Colour = "#1D4E89"  # bands and rules; dark enough to read as grey on a copier


class Style(Frozen):
    size: Annotated[float, Field(gt=4, le=72)]
    leading: Annotated[float, Field(gt=4, le=90)] | None = None
    space_before: Length = 0
    space_after: Length = 0
    bold: bool = False
    italic: bool = False
    align: Literal["left", "center", "right"] = "left"
    colour: Literal["text", "muted", "accent"] = "text"
    letter_spacing: Annotated[float, Field(ge=0, le=20)] = 0  # pt between letters (display)


class Padding(Frozen):
    top: Length
    bottom: Length
    left: Length
    right: Length


class Furniture(Frozen):
    """Header and footer: the running title, page numbers, the rules beside them."""

    header_above_mm: Length  # header baseline above the top margin
    footer_below_mm: Length  # footer baseline below the bottom margin
    rule_pt: Thickness
    rule_gap_pt: Length  # between a header or footer line and its rule
    footer_gap_mm: Length  # between the page number and the footer text
    # A line too long for the page is set smaller, to this share of header_size but not
    # below min_size_pt, and only then shortened with "…".
    min_share: Annotated[float, Field(ge=0.5, le=1)]
    min_size_pt: Annotated[float, Field(gt=4, le=20)]


class Cover(Frozen):
    """The title block on a document's first page."""

    logo_mm: Annotated[float, Field(gt=0, le=100)]
    logo_gap_mm: Length  # between the title and the logo
    rule_pt: Thickness
    rule_space_before_mm: Length
    rule_space_after_mm: Length


class Tables(Frozen):
    grid_pt: Thickness
    padding_pt: Padding
    space_before_mm: Length
    space_after_mm: Length


class Box(Frozen):
    border_pt: Thickness
    padding_pt: Padding
    space_after_mm: Length


class Fields(Frozen):
    """Identity fields on worksheets: Nama, Desa/Kelurahan, Tanggal, …"""

    min_line_mm: Length  # two fields to a row only while each line is this long
    row_mm: Length
    gap_mm: Length
    line_pt: Thickness
    space_after_mm: Length
    form_height_mm: Length  # the fillable field over each line (--fillable)


class PageBreaks(Frozen):
    """What is kept together when a page ends."""

    short_list_items: Annotated[int, Field(ge=0, le=100)]  # a list this long moves whole
    short_table_share: Share  # a table this share of a page high moves whole
    table_min_rows: Annotated[int, Field(ge=1, le=10)]  # rows left at a page foot, at least
    short_row_mm: Length  # such a row moves on to keep a table's last row company
    min_row_piece_mm: Length  # a row taller than a page is cut into pieces this high at least
    cut_row_room_mm: Length = 0  # a row that would leave this much empty at a page's foot
    # is cut there, in a table with a head, rather than moved whole (0: never)
    least_scale: Annotated[float, Field(gt=0.3, le=1)] = 0.9  # a document marked
    # fit-pages="auto" is set down to this size to lose a nearly empty last page
    intro_lines: Annotated[int, Field(ge=0, le=20)] = 3  # a paragraph this short under a
    # heading introduces what follows it, and keeps with it as the heading does


class LayoutCheck(Frozen):
    nearly_empty: Share  # a page but the last filled less than this is "nearly empty"
    least_filled: Share = 0.5  # a page but the last filled less than this is reported


class Theme(Frozen):
    paper: Paper = "A4"
    landscape: bool = False  # set by <document orientation="landscape">, not in theme.yaml
    margins: Margins
    margins_a5: Margins | None = None  # narrower margins for A5 pages and booklets
    font_scale_a5: Annotated[float, Field(ge=0.5, le=1)] = 1  # A5: 0.7 × A4, so smaller text
    fonts: Fonts
    colours: Colours = Colours()
    header_size: Annotated[float, Field(gt=4, le=20)] = 9
    writing_line_mm: Annotated[float, Field(ge=6, le=20)] = 9
    min_writing_mm: Length = 15  # a smaller writing space is reported by the layout check
    checkbox_mm: Annotated[float, Field(ge=3, le=10)] = 4.5
    styles: dict[str, Style]
    list_indent_mm: Length
    line_spacing: Annotated[float, Field(ge=1, le=3)]  # leading of a style without one, × size
    # A document that must fit its pages (the run-sheet) is set at these sizes in turn.
    fit_scales: Annotated[list[Annotated[float, Field(gt=0.3, le=1)]], Field(min_length=1)]
    furniture: Furniture
    cover: Cover
    tables: Tables
    box: Box
    fields: Fields
    choices: Choices
    writing: Writing
    page_breaks: PageBreaks
    banner: Banner = Banner()
    quiz: Quiz = Quiz()
    columns: Columns = Columns()
    chart: Chart = Chart()  # the report's bar chart
    roster: Roster
    layout_check: LayoutCheck
    name_tags: NameTags = NameTags()  # the Tanda Pengenal
    certificate: CertificateLook = CertificateLook()  # a page with a border
    packet: Packet = Packet()
    scan: ScanLook = ScanLook()  # the forms `modul scan` reads back: marks, number grid

    @property
    def paper_mm(self) -> tuple[float, float]:
        width, height = SIZE_MM[self.paper]
        return (height, width) if self.landscape else (width, height)


def load_theme(
    folder: Path, root: Path, *, overlay: Path | None = None, paper: str | None = None
) -> Theme:
    """Load `theme.yaml` from a layout folder, with font names resolved to file paths.

    `overlay` is a region's `theme.yaml` that changes some values (merged like content);
    its fonts are looked up in the `fonts/` folder beside it first. `paper` replaces the
    theme's paper (as `modul.paper.choose` picks it). Raises ProblemList on any problem.
    """
    tree = read_yaml(folder / "theme.yaml", root)
    if overlay is not None and overlay.is_file():
        tree = merge(tree, read_yaml(overlay, root))[0]
    theme = validate(tree, Theme)
    if paper:
        theme = theme.model_copy(update={"paper": paper})
    if theme.paper == "A5":
        theme = _for_a5(theme)
    problems = [
        tree.problem(
            ["colours", name],
            _("the colour {colour} is too light for text that must survive a photocopier").format(
                colour=value
            ),
            _("use a dark grey or black, e.g. #222222"),
        )
        for name, value in (("text", theme.colours.text), ("muted", theme.colours.muted))
        if _grey(value) > LIGHTEST_TEXT
    ]
    missing = [name for name in REQUIRED_STYLES if name not in theme.styles]
    if missing:
        problems.append(
            tree.problem(
                ["styles"],
                _("styles missing: {styles}").format(styles=", ".join(missing)),
                _("add a style for each of them under `styles:`"),
            )
        )
    folders = [f / "fonts" for f in (overlay.parent if overlay else None, folder) if f]
    found = font_files(tree, theme.fonts, folders, root)
    problems += found.problems
    if problems:
        raise ProblemList(problems)
    paths = [str(path) for path in found.paths]
    fonts = Fonts(**dict(zip(theme.fonts.styles(), paths, strict=False)), fallback=paths[4:])
    return theme.model_copy(update={"fonts": fonts})


def _for_a5(theme: Theme) -> Theme:
    """The theme's A5 margins, and every font size and spacing times font_scale_a5; the
    running head and folio no smaller than 8 pt, the least small text a reader can read;
    a test's questions no smaller than the cell text (`quiz.size_share` sets them smaller
    to fit one side of A4, F4 or Letter; on A5 a test takes two sides anyway)."""
    look, small = theme.certificate, scaled(theme, theme.font_scale_a5)
    quiz = theme.quiz.model_copy(update={"size_share": max(1.0, theme.quiz.size_share)})
    return small.model_copy(
        update={
            "margins": theme.margins_a5 or theme.margins,
            "certificate": look.model_copy(update={"margins": look.margins_a5}),
            "header_size": max(small.header_size, min(theme.header_size, A5_LEAST_PT)),
            "quiz": quiz,
        }
    )


def scaled(theme: Theme, factor: float) -> Theme:
    """The theme with every font size and the space around paragraphs times `factor`."""
    if factor == 1:
        return theme
    styles = {
        name: style.model_copy(
            update={
                "size": style.size * factor,
                "leading": style.leading and style.leading * factor,
                "space_before": style.space_before * factor,
                "space_after": style.space_after * factor,
            }
        )
        for name, style in theme.styles.items()
    }
    return theme.model_copy(update={"styles": styles, "header_size": theme.header_size * factor})


def fitted(theme: Theme, factor: float) -> Theme:
    """`scaled`, and table cells' padding too: for a document fitted to its pages."""
    pad = {k: v * factor for k, v in theme.tables.padding_pt.model_dump().items()}
    tables = theme.tables.model_copy(update={"padding_pt": Padding(**pad)})
    return scaled(theme, factor).model_copy(update={"tables": tables}) if factor != 1 else theme


def _grey(colour: str) -> float:
    """Lightness of a #RRGGBB colour from 0 (black) to 1 (white), as a copier sees it."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue
