"""Booklets: A5 pages placed two to a landscape sheet in saddle-stitch order.

A duplex print of the result, folded in the middle and stapled, reads in page order. Each
page is placed as a form XObject (pikepdf), not laid out again, so the booklet shows
exactly the pages of the A5 document.
"""

from __future__ import annotations

import io

import pikepdf

MM = 72 / 25.4


def saddle_stitch_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers for each sheet side, front then back; None = blank.

    `pages` is padded to a multiple of four: 8 pages give (8, 1), (2, 7), (6, 3), (4, 5).
    """
    total = -(-pages // 4) * 4

    def page(number: int) -> int | None:
        return number if number <= pages else None

    sides = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides.append((page(total - outer), page(outer + 1)))
        sides.append((page(inner + 1), page(total - inner)))
    return sides


def booklet(pdf: bytes, sheet_mm: tuple[float, float]) -> bytes:
    """Impose the pages of `pdf` two-up on landscape sheets of `sheet_mm` (portrait w × h)."""
    source = pikepdf.open(io.BytesIO(pdf))
    width, height = sheet_mm[1] * MM, sheet_mm[0] * MM  # landscape
    result = pikepdf.new()
    for key, value in source.docinfo.items():  # title, author, …: plain strings
        result.docinfo[key] = value
    forms = [result.copy_foreign(page.as_form_xobject()) for page in source.pages]
    for pair in saddle_stitch_order(len(forms)):
        side = result.add_blank_page(page_size=(width, height))
        placed = b""
        for slot, number in enumerate(pair):
            if number is not None:
                # Named by its place, not at random as add_overlay would: same bytes each time.
                form = forms[number - 1]
                name = side.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Half{slot}"))
                half = pikepdf.Rectangle(slot * width / 2, 0, (slot + 1) * width / 2, height)
                placed += (
                    b"q\n"
                    + side.calc_form_xobject_placement(
                        form, name, half, allow_shrink=True, allow_expand=True
                    )
                    + b"Q\n"
                )
        side.contents_add(result.make_stream(placed))
    output = io.BytesIO()
    result.save(output, deterministic_id=True)
    return output.getvalue()
