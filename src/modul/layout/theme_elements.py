"""The look of the elements a few documents use, each a block of `theme.yaml` with a
default for every value (a theme written before the block existed still loads): the
packets' contents and cover band, the tests' banner and questions, text in columns, the
names on personalised copies; and the tick boxes and writing lines of the forms, with the
length and thickness types the theme shares."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from modul.content.types import Frozen

Length = Annotated[float, Field(ge=0, le=100)]  # mm
Thickness = Annotated[float, Field(gt=0, le=5)]  # points


class Choices(Frozen):
    """Statements with a tick box per option: scales and quizzes."""

    option_min_mm: Length
    number_min_mm: Length
    box_line_pt: Thickness


class Writing(Frozen):
    """Ruled lines to write on by hand."""

    rule_pt: Thickness
    gap_mm: Length  # below the last line, before whatever follows


class Packet(Frozen):
    """The packets' own elements: the contents with dot leaders, the cover's band."""

    contents_line: Annotated[float, Field(ge=1, le=2)] = 1.35  # a contents line, × body leading
    band_padding_mm: Length = 8  # inside the accent band of the cover


class Banner(Frozen):
    """The bar naming a sheet in large white letters on the accent colour (TES AWAL)."""

    size_pt: Annotated[float, Field(gt=6, le=48)] = 20
    padding_mm: Length = 3
    space_after_mm: Length = 4


class Quiz(Frozen):
    """Multiple-choice questions with a tick box beside each option (the tests)."""

    number_mm: Length = 8  # the question's number, before its text
    size_share: Annotated[float, Field(ge=0.7, le=1.5)] = 1  # text size, × the cell size
    leading_share: Annotated[float, Field(ge=1, le=2)] = 1.25  # line distance, × text size
    box_mm: Annotated[float, Field(ge=2, le=10)] = 3.8  # a tick box: no taller than a line
    boxes_apart_mm: Length = 0.8  # at least between stacked tick boxes (smaller boxes on A5)
    box_gap_mm: Length = 2  # between a tick box and its option
    options_before_mm: Length = 1.2  # between a question and its options
    column_gap_mm: Length = 4  # between options side by side
    option_gap_mm: Length = 1  # below each row of options
    space_after_mm: Length = 3  # below each question


class Columns(Frozen):
    """Blocks set in columns side by side (<columns>: the glossary)."""

    gap_mm: Length = 6  # between two columns
    space_after_mm: Length = 3


class Roster(Frozen):
    """The participant's line and name stamped on personalised worksheets."""

    header_left_mm: Length
    header_below_top_mm: Length
    header_size_pt: Annotated[float, Field(gt=4, le=20)]
    name_size_pt: Annotated[float, Field(gt=4, le=30)]
    min_size_pt: Annotated[float, Field(gt=4, le=20)]  # a long name or line shrinks to this
    name_left_pt: Length  # the name's start after the "Nama" field's left end
    name_above_line_pt: Length  # the name's baseline above the field's line


class Chart(Frozen):
    """A bar chart (`<bars>`, the Laporan Pelatihan's): a bar per figure, its label on
    the left, its value on the right, the bar in the accent colour."""

    bar_mm: Annotated[float, Field(ge=2, le=20)] = 6  # a bar's height
    gap_mm: Length = 2.5  # between bars
    label_share: Annotated[float, Field(ge=0.1, le=0.6)] = 0.3  # of the width, for the labels
    value_mm: Length = 18  # room for the value after the longest bar
    space_after_mm: Length = 3
