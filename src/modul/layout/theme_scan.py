"""The look of what lets `modul scan` read a form back (`scan:` in theme.yaml): the four
corner markers, the small QR code, and the grid where a participant ticks their number.
A5 pages have their own, smaller, marks: a phone photographs the whole page either way."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from modul.content.types import Frozen
from modul.layout.theme_elements import Length

Side = Annotated[float, Field(ge=3, le=40)]  # mm: a marker or the QR code


class ScanMarks(Frozen):
    """The corner markers and the QR code on one paper size."""

    marker_mm: Side = 8  # a marker's side (6 × 6 modules with its black border)
    inset_mm: Annotated[float, Field(ge=5, le=30)] = 6  # marker from the paper's edges
    qr_mm: Side = 14  # the QR code's side, without its white quiet zone
    qr_gap_mm: Length = 3  # between the QR code and the shortened running foot


class ScanLook(Frozen):
    """Corner markers, QR code and number grid of the forms read back (catalog `scan:`)."""

    marks: ScanMarks = ScanMarks()
    marks_a5: ScanMarks = ScanMarks(marker_mm=6, inset_mm=5, qr_mm=10, qr_gap_mm=2.5)
    grid_box_mm: Annotated[float, Field(ge=2, le=10)] = 3.2  # a number grid's tick box
    grid_pitch_mm: Annotated[float, Field(ge=3, le=15)] = 4.6  # box to box, across
    grid_row_gap_mm: Length = 1  # between the tens' and the units' boxes
    grid_size_pt: Annotated[float, Field(ge=6, le=14)] = 8.5  # digits and row names
    grid_gap_mm: Length = 5  # between the identity fields and the grid
    min_line_mm: Length = 20  # the fields stay two to a row beside the grid this long
    name_share: Annotated[float, Field(ge=0.3, le=0.8)] = 0.6  # the "Nama" line's share

    def on(self, paper: str) -> ScanMarks:
        """The markers and QR code on this paper."""
        return self.marks_a5 if paper == "A5" else self.marks


QUIET_SHARE = 4 / 29  # a QR code's white quiet zone, of its side (four modules, version 3)


def misfits(look: ScanLook, paper: str, margins: tuple[float, float, float, float]) -> list[str]:
    """The keys of `scan:` whose marks do not fit the margins (`top`, `bottom`, `left`,
    `right`, mm) of this paper: a marker must stand clear of the text's column, 1 mm
    apart, and the QR code and its quiet zone in the bottom margin."""
    marks, block = look.on(paper), "marks_a5" if paper == "A5" else "marks"
    _top, bottom, left, right = margins
    found = []
    if marks.inset_mm + marks.marker_mm + 1 > min(left, right):
        found.append(f"{block}.marker_mm")
    if marks.inset_mm + marks.qr_mm * (1 + QUIET_SHARE) > bottom:
        found.append(f"{block}.qr_mm")
    return found
