"""Shared by the scan tests: the small project's results workbook and photos of its
forms, filled in as the test says."""

from __future__ import annotations

import random
from pathlib import Path

import cv2

from results.helpers import new_workbook, run
from scan import pages, photos
from scan.contract import FormMap

MAPS = pages.forms()


def maps(edition: str, role: str, document: str) -> FormMap:
    return MAPS[document]


def photo(
    folder: Path,
    name: str,
    document: str,
    page: int,
    ticks: dict[str, list[str]],
    participant: int = 0,
    seed: int = 1,
    maps_: dict[str, FormMap] = MAPS,
    qr: str | None = None,
) -> bytes:
    """A photo of `page` of `document` with exactly `ticks` (field -> values) marked."""
    rng = random.Random(seed)
    form = maps_[document]
    page_map = form.pages[page - 1]
    image = pages.render(pages.pdf(form, page_map, participant, qr))
    for box in page_map.boxes:
        if box.value in ticks.get(box.field, []):
            x, y, side = pages.box_pixels(page_map, box)
            pages.mark(image, (x, y), side, rng)
    data = photos.photograph(image, rng)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return data


def workbook(root: Path, names: bool = True) -> Path:
    """The small project's results workbook, with 20 participants' names (or none)."""
    if not names:
        return new_workbook(root)
    roster = root / "peserta.csv"
    roster.write_text("nama,asal\n" + "".join(f"Peserta {n},Desa {n}\n" for n in range(1, 21)))
    return new_workbook(root, "--roster", str(roster))


def sheet_rows(path: Path, title: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [list(row) for row in book[title].iter_rows(values_only=True)]


__all__ = ["cv2", "run"]


def scanned_pdf(
    folder: Path, name: str, form: FormMap, ticks: list[dict[str, list[str]]], participant: int = 0
) -> None:
    """A scanner's PDF of the form's pages (one per `ticks`), ticked with a pen."""
    import io

    from PIL import Image

    rng = random.Random(4)
    shots = []
    for page, marks in zip(form.pages, ticks):
        image = pages.render(pages.pdf(form, page, participant))
        for box in page.boxes:
            if box.value in marks.get(box.field, []):
                x, y, side = pages.box_pixels(page, box)
                pages.mark(image, (x, y), side, rng, tool="pen", style="cross")
        shots.append(Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)))
    folder.mkdir(parents=True, exist_ok=True)
    data = io.BytesIO()
    shots[0].save(data, "PDF", resolution=200, save_all=True, append_images=shots[1:])
    (folder / name).write_bytes(data.getvalue())
