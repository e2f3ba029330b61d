"""The look of the name tags (Tanda Pengenal), `name_tags:` in theme.yaml: one fixed size
that fits the common holders, on a fixed cutting grid, whatever the names on them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from modul.content.types import Frozen

Mm = Annotated[float, Field(ge=0, le=100)]
Size = Annotated[float, Field(gt=4, le=40)]  # a font size in points
Hairline = Annotated[float, Field(gt=0, le=2)]  # points


class NameTags(Frozen):
    """Every number of a name tag. A tag never changes size: a long name is set smaller."""

    width_mm: Annotated[float, Field(ge=40, le=150)] = 90
    height_mm: Annotated[float, Field(ge=30, le=150)] = 55
    min_margin_mm: Mm = 10  # paper left around the grid at least: for the crop marks
    band_mm: Mm = 12  # the band at the top, with the logo and the event
    role_band_mm: Mm = 8  # the band at the foot, with PESERTA / FASILITATOR / PANITIA
    padding_mm: Mm = 3  # text from the tag's sides
    logo_mm: Mm = 8
    event_size_pt: Size = 8  # the event's name in the band, down to event_min_pt
    event_min_pt: Size = 7
    call_size_pt: Size = 22  # the call name, one line, down to call_min_pt
    call_min_pt: Size = 16
    name_size_pt: Size = 9  # the full name with titles, at most two lines, down to name_min_pt
    name_min_pt: Size = 8
    origin_size_pt: Size = 8
    role_size_pt: Size = 11
    least_size_pt: Size = 5  # a text that does not fit at its smallest size: this, warned
    caption_size_pt: Size = 7  # "Nama", "Asal" under the lines of a blank tag
    line_pt: Hairline = 0.6  # the lines to write on
    outline_pt: Hairline = 0.25  # each tag's outline, light: the cuts follow the marks
    outline_colour: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#9A9A9A"
    inset_mm: Annotated[float, Field(ge=0, le=4)] = 1.5  # the bands this far inside the cut
    crop_mark_mm: Mm = 5  # the crop marks: hairlines this long in the margin, at each cut
    crop_gap_mm: Mm = 2  # between the grid and a crop mark
    crop_pt: Hairline = 0.3
