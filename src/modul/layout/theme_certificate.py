"""The look of a page with a border (the certificate), from the `certificate:` block of
`theme.yaml`: the double rule around the page and the margins of the text inside it.
Every value has a default, so a theme written before the block existed still loads."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from modul.content.types import Frozen

Inset = Annotated[float, Field(ge=0, le=60)]  # mm
Rule = Annotated[float, Field(ge=0, le=10)]  # pt; 0: no such rule


class BorderMargins(Frozen):
    """Where the text of a bordered page may go, from the paper's edges (mm)."""

    top: Inset = 17
    bottom: Inset = 15
    left: Inset = 26
    right: Inset = 26


class CertificateLook(Frozen):
    """A page border: a thick rule in the accent colour and a thin one inside it."""

    border_inset_mm: Inset = 8  # the thick rule's distance from the paper's edge
    border_outer_pt: Rule = 2.8
    border_gap_mm: Inset = 1.6  # between the thick rule and the thin one
    border_inner_pt: Rule = 0.7
    margins: BorderMargins = BorderMargins()
    margins_a5: BorderMargins = BorderMargins(top=14, bottom=12, left=18, right=18)
    # a paragraph with `max-lines` is set smaller, in steps of half a point, down to this
    # share of its style's size, until it takes no more lines
    min_share: Annotated[float, Field(gt=0.2, le=1)] = 0.55
