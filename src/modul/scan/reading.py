"""Read one page: find the form on it, check it is the one the workbook is for, measure
its boxes and decide each item; what cannot be decided goes to review with a crop."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from modul.i18n import _
from modul.scan.formmap import DOCUMENTS, NUMBER_FIELDS, FormMap, Label, Maps, PageMap, page_of
from modul.scan.images import Gray
from modul.scan.locate import SCALE, WORST_FIT, Found, find, straighten
from modul.scan.marks import Decision, darkness, decide, ink, locate, measure

CROP_MARGIN = 1.5  # box sides of paper around an item's boxes in its crop


class Unread(Exception):
    """A page that cannot be read: the line the summary prints, and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Doubt:
    """An item left empty for a person to decide."""

    field: str
    reason: str  # why: "two" (boxes marked) or "faint" (a faint or rubbed-out mark)
    crop: bytes  # PNG of the item's boxes on the straightened page


@dataclass(frozen=True)
class PageRead:
    label: Label
    answers: dict[str, str]  # field -> value, for the items decided (blank ones left out)
    doubts: tuple[Doubt, ...]
    number: int | None  # the participant's number: from the QR, else the ticked grid


def read_page(image: Gray, maps: Maps, edition: str, role: str) -> PageRead:
    """The page on `image`, a form of `role` in `edition`; Unread if it is not one."""
    found = find(image)
    label = _label(found)
    if (label.edition, label.role) != (edition, role):
        raise Unread(
            _("a form of another workshop ({edition}, {role})").format(
                edition=label.edition, role=label.role
            ),
            _("scan it into that workshop's results workbook, hasil/{edition}/{role}.xlsx").format(
                edition=label.edition, role=label.role
            ),
        )
    page = _page(maps, label)
    if found.twice:
        raise Unread(
            _("more than one form on the photo"),
            _("photograph one page at a time"),
        )
    straight = straighten(image, found, page)
    if straight is None:
        raise Unread(
            _("the corner markers are not all on the photo"),
            _("photograph the whole page, with its four black corner squares, flat"),
        )
    warped, worst = straight
    if worst > WORST_FIT:
        raise Unread(
            _("the page is bent or folded too much to read"),
            _("lay the page flat and photograph it from straight above"),
        )
    dark = darkness(warped, page)
    decisions = decide(measure(warped, dark, page.boxes, page.height, ink(warped, page)))
    doubts = [_doubt(d, warped, dark, page) for d in decisions if d.reason]
    answers = {d.field: d.value for d in decisions if d.value is not None}
    number = label.participant or _number(decisions)
    for name in NUMBER_FIELDS:
        answers.pop(name, None)
    return PageRead(label, answers, tuple(doubts), number)


def _label(found: Found) -> Label:
    if len({(lb.document, lb.page, lb.participant) for lb in found.labels}) > 1:
        raise Unread(_("more than one form on the photo"), _("photograph one page at a time"))
    if found.labels:
        return found.labels[0]
    if found.texts:
        raise Unread(
            _("the QR code is not one of modul's forms"),
            _("scan only the Tes Awal, Tes Akhir and Formulir Evaluasi printed by modul"),
        )
    if not found.markers:
        raise Unread(
            _("no form found on the photo"),
            _("photograph the whole page, with its four black corner squares and its QR code"),
        )
    raise Unread(
        _("the QR code cannot be read"),
        _("photograph the page again, sharp and without shadow on the QR code"),
    )


def _page(maps: Maps, label: Label) -> PageMap:
    if label.document not in DOCUMENTS:
        raise Unread(
            _("the QR code is not one of modul's forms"),
            _("scan only the Tes Awal, Tes Akhir and Formulir Evaluasi printed by modul"),
        )
    form: FormMap = maps(label.edition, label.role, label.document)
    page = page_of(form, label.page)
    if page is None or page.version != label.version:
        raise Unread(
            _("printed from other content (version {version}; the kit's is now {current})").format(
                version=label.version, current=page.version if page else "-"
            ),
            _(
                "type this page's answers by hand, or print the forms again from this kit "
                "(modul build) for the next workshop"
            ),
        )
    return page


def _number(decisions: list[Decision]) -> int | None:
    """The participant number ticked on a blank form's grid, if both digits are clear."""
    digits = {d.field: d.value for d in decisions if d.field in NUMBER_FIELDS}
    if len(digits) < 2 or None in digits.values():
        return None
    number = int(f"{digits['nomor_puluhan']}{digits['nomor_satuan']}")
    return number or None


def _doubt(decision: Decision, page: Gray, dark: np.ndarray, map_: PageMap) -> Doubt:
    import cv2

    places = [locate(dark, fill.box, map_.height) for fill in decision.fills]
    side = max(r - left for left, _top, r, _bottom in places)
    pad = round(side * CROP_MARGIN)
    left = max(0, min(p[0] for p in places) - pad)
    top = max(0, min(p[1] for p in places) - pad)
    right = min(page.shape[1], max(p[2] for p in places) + pad + round(40 * SCALE))
    bottom = min(page.shape[0], max(p[3] for p in places) + pad)
    crop = cv2.imencode(".png", page[top:bottom, left:right])[1].tobytes()
    return Doubt(decision.field, decision.reason, crop)
