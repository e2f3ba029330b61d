"""One name tag's face (Tanda Pengenal), drawn at a fixed size whatever the name: a band
with the logo and the event at the top, the call name large, the full name with titles
and the asal smaller, a role band at the foot; on a blank tag, lines to write on.

Every text is fitted before anything is drawn: set smaller, step by step, down to its
least size in the theme (`name_tags`), and further only with a warning, so that no text
ever runs over the tag's edges and none is cut."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Paragraph

from modul.content.images import pixels_for, print_ready
from modul.i18n import _, decimal
from modul.layout.theme_tags import NameTags
from modul.typeset.glyphs import Faces
from modul.typeset.layoutcheck import Finding, current, short
from modul.typeset.paragraphs import TextBlock
from modul.typeset.proof import given

STEP = 0.5  # points: a text too large is tried again this much smaller
LEADING = 1.18  # of the font size


@dataclass(frozen=True)
class Tag:
    """What one tag shows, as the markup's <tag> gives it; no name: a blank tag."""

    role: str
    call: str = ""
    name: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Look:
    """What every tag of a document shares: sizes, fonts, colours, event and logo."""

    tags: NameTags
    fonts: dict[str, str]
    faces: Faces
    text: colors.Color
    muted: colors.Color
    accent: colors.Color
    on_accent: colors.Color  # white on a dark accent, the text colour on a light one
    event: str
    detail: str = ""
    logo: Path | None = None
    captions: tuple[str, str] = ("", "")  # under the name and asal lines of a blank tag

    @property
    def size(self) -> tuple[float, float]:
        return self.tags.width_mm * mm, self.tags.height_mm * mm


@dataclass
class Fitted:
    """A text set at the size it fits at; `wanted` > `size` when below its least size."""

    block: TextBlock
    size: float
    wanted: float
    height: float = 0.0


@dataclass
class TagFace:
    look: Look
    tag: Tag
    texts: list[tuple[Fitted, float, float]] = field(default_factory=list)  # block, x, y

    def __post_init__(self) -> None:
        look, width = self.look, self.look.size[0]
        pad = look.tags.padding_mm * mm
        self._band_texts(pad, width)
        if self.tag.name:
            self._name_texts(pad, width)
        given(self.tag.role)

    def _band_texts(self, pad: float, width: float) -> None:
        look, (w, h) = self.look, self.look.size
        t = look.tags
        left = pad + ((t.logo_mm + 2) * mm if look.logo else 0)
        room = w - left - pad
        align = TA_LEFT if look.logo else TA_CENTER
        sizes, ink = (t.event_size_pt, t.event_min_pt), look.on_accent
        parts = [fit(look, look.event, "bold", sizes, 2, room, align, colour=ink)]
        if look.detail:
            parts.append(fit(look, look.detail, "regular", sizes, 1, room, align, colour=ink))
        band, inset = t.band_mm * mm, t.inset_mm * mm
        total = sum(p.height for p in parts)
        y = h - band + (band - inset - total) / 2 + total
        for part in parts:
            y -= part.height
            self.texts.append((part, left, y))

    def _name_texts(self, pad: float, width: float) -> None:
        look, tag, t = self.look, self.tag, self.look.tags
        room = width - 2 * pad
        call = fit(look, tag.call or tag.name, "bold", (t.call_size_pt, t.call_min_pt), 1, room)
        stack = [(call, 0.0)]
        if " ".join(tag.name.split()).lower() != " ".join(call_text(tag).split()).lower():
            sizes = (t.name_size_pt, t.name_min_pt)
            stack.append((fit(look, tag.name, "regular", sizes, 2, room), 1.2 * mm))
        if tag.origin:
            sizes = (t.origin_size_pt, min(t.origin_size_pt, t.name_min_pt))
            stack.append(
                (fit(look, tag.origin, "regular", sizes, 2, room, colour=look.muted), 1.0 * mm)
            )
        bottom, top = t.role_band_mm * mm, self.look.size[1] - t.band_mm * mm
        total = sum(f.height + gap for f, gap in stack)
        y = bottom + (top - bottom + total) / 2
        for fitted, gap in stack:
            y -= gap + fitted.height
            self.texts.append((fitted, pad, y))

    def draw(self, canvas: Any) -> None:
        """Draw the tag with its lower left corner at the canvas's origin."""
        look, t, (w, h) = self.look, self.look.tags, self.look.size
        inset = t.inset_mm * mm  # white at the cut: a cut off the line leaves no colour
        canvas.setFillColor(look.accent)
        canvas.rect(
            inset, h - t.band_mm * mm, w - 2 * inset, t.band_mm * mm - inset, stroke=0, fill=1
        )
        canvas.rect(inset, inset, w - 2 * inset, t.role_band_mm * mm - inset, stroke=0, fill=1)
        if look.logo:
            self._logo(canvas)
        for fitted, x, y in self.texts:
            fitted.block.drawOn(canvas, x, y)
            if fitted.size < fitted.wanted - 0.01 and (log := current()):
                log.findings.append(_too_long(canvas, fitted))
        self._role(canvas)
        if not self.tag.name:
            self._lines(canvas)
        canvas.setStrokeColor(colors.HexColor(t.outline_colour))
        canvas.setLineWidth(t.outline_pt)
        canvas.rect(0, 0, w, h, stroke=1, fill=0)

    def _logo(self, canvas: Any) -> None:
        t, h = self.look.tags, self.look.size[1]
        size, pad = t.logo_mm * mm, t.padding_mm * mm
        y = h - t.band_mm * mm + (t.band_mm * mm - t.inset_mm * mm - size) / 2
        canvas.setFillColor(colors.white)  # a light ground: any logo reads on the band
        canvas.roundRect(pad - 0.5 * mm, y - 0.5 * mm, size + mm, size + mm, mm, stroke=0, fill=1)
        assert self.look.logo is not None
        data = print_ready(self.look.logo, pixels_for(t.logo_mm))
        image = ImageReader(io.BytesIO(data))
        canvas.drawImage(image, pad, y, size, size, preserveAspectRatio=True, mask="auto")

    def _role(self, canvas: Any) -> None:
        look, t, w = self.look, self.look.tags, self.look.size[0]
        font, size = look.fonts["bold"], t.role_size_pt
        room = w - 2 * t.padding_mm * mm
        while look.faces.width(self.tag.role, font, size) > room and size > t.least_size_pt:
            size -= STEP
        x = (w - look.faces.width(self.tag.role, font, size)) / 2
        canvas.setFillColor(look.on_accent)
        look.faces.draw(
            canvas,
            x,
            t.inset_mm * mm + ((t.role_band_mm - t.inset_mm) * mm - 0.7 * size) / 2,
            self.tag.role,
            font,
            size,
        )

    def _lines(self, canvas: Any) -> None:
        """A blank tag: a line for the name, one for the asal, each with its caption."""
        look, t, (w, h) = self.look, self.look.tags, self.look.size
        pad, bottom = t.padding_mm * mm, t.role_band_mm * mm
        middle = h - t.band_mm * mm - bottom
        for share, caption in zip((0.5, 0.16), look.captions, strict=True):
            y = bottom + share * middle
            canvas.setStrokeColor(look.text)
            canvas.setLineWidth(t.line_pt)
            canvas.line(pad, y, w - pad, y)
            if caption:
                canvas.setFillColor(look.muted)
                size = t.caption_size_pt
                look.faces.draw(canvas, pad, y - size - 1, caption, look.fonts["regular"], size)


def call_text(tag: Tag) -> str:
    return tag.call or tag.name


def fit(
    look: Look,
    text: str,
    weight: str,
    sizes: tuple[float, float],
    lines: int,
    width: float,
    align: int = TA_CENTER,
    *,
    colour: colors.Color | None = None,
) -> Fitted:
    """`text` at the largest size from sizes[0] down to sizes[1] (then down to the least
    size) at which it takes at most `lines` lines of `width` and no word is cut."""
    start, least = sizes
    floor = min(least, look.tags.least_size_pt)
    markup, size = look.faces.markup(text), start
    while True:
        style = _style(look, weight, size, align, colour or look.text)
        probe = Paragraph(markup, style)
        probe.wrap(width, 10_000)
        if (len(probe.blPara.lines) <= lines and probe.minWidth() <= width) or size <= floor:
            break
        size = max(floor, size - STEP)
    block = TextBlock(markup, style)
    height = block.wrap(width, 10_000)[1]
    return Fitted(block, size, start if size >= least else least, height)


def _style(
    look: Look, weight: str, size: float, align: int, colour: colors.Color
) -> ParagraphStyle:
    return ParagraphStyle(
        f"tag-{weight}-{size}",
        fontName=look.fonts[weight],
        fontSize=size,
        leading=round(size * LEADING, 2),
        alignment=align,
        textColor=colour,
    )


def _too_long(canvas: Any, fitted: Fitted) -> Finding:
    text = fitted.block.plain_text()
    return Finding(
        canvas.getPageNumber(),
        _("“{text}” does not fit on its name tag at {wanted} pt: it is set at {size} pt").format(
            text=short(text), wanted=_points(fitted.wanted), size=_points(fitted.size)
        ),
        _(
            "give a short call name in a `panggilan` column of the participant list, "
            "or shorten the text"
        ),
        text,
    )


def _points(size: float) -> str:
    """A font size as the language writes it: 12,5 or 16."""
    return decimal(size, 1).removesuffix("0").rstrip(",.")
