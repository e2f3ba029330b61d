"""The reader on the forms modul itself prints, not on synthetic ones: the small project's
Tes Awal and Formulir Evaluasi built, each page rendered, marked with hand-like strokes
(pen and pencil; ticks, crosses, fills, slashes, scribbles) in the boxes the form map
names, photographed (tilt, skew, blur, JPEG 50–60, uneven light), then `modul scan`:
every single mark read right, none read wrong."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pypdfium2

from modul.engine.forms import FormMap, form_map
from results.helpers import run
from scan import pages, photos
from scan.accuracy import printed, trial
from scan.helpers import sheet_rows, workbook

EDITION, ROLE = "ntt", "konsultan-pemberdayaan-masyarakat"
PARTICIPANTS = (3, 17)  # a blank Tes Awal each, its number ticked in the grid


def _page_image(pdf: Path, number: int) -> np.ndarray:
    document = pypdfium2.PdfDocument(pdf)
    image = document[number - 1].render(scale=pages.DPI / 72).to_numpy()
    document.close()
    return np.ascontiguousarray(image[:, :, :3])


def _photos(
    pdf: Path, form: FormMap, folder: Path, name: str, rng: random.Random, number: int = 0
) -> dict[str, str]:
    """A photo of each page of `pdf` with one box of every field marked (the number grid:
    `number`'s digits); the value marked for each field."""
    marked: dict[str, str] = {}
    for page in form.pages:
        image = _page_image(pdf, page.number)
        fields: dict[str, list[object]] = {}
        for box in page.boxes:
            fields.setdefault(box.field, []).append(box)
        for field_name, boxes in fields.items():
            digits = {"nomor_puluhan": str(number // 10), "nomor_satuan": str(number % 10)}
            want = digits.get(field_name) or rng.choice([b.value for b in boxes])  # type: ignore[attr-defined]
            box = next(b for b in boxes if b.value == want)  # type: ignore[attr-defined]
            x, y, side = pages.box_pixels(page, box)  # type: ignore[arg-type]
            pages.mark(image, (x, y), side, rng)
            marked[field_name] = want
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}-{page.number}.jpg").write_bytes(photos.photograph(image, rng))
    return marked


def test_marks_on_the_printed_forms_are_read_back(small_project: Path) -> None:
    assert run("build", "--project", str(small_project), "--region", EDITION).exit_code == 0
    built = small_project / "build" / EDITION / ROLE
    book = workbook(small_project)
    rng = random.Random(30)
    folder = small_project / "foto"
    pretest = form_map(small_project, EDITION, ROLE, "pretest")
    evaluation = form_map(small_project, EDITION, ROLE, "evaluation")
    tests = {
        n: _photos(built / "tes-awal.pdf", pretest, folder, f"tes-{n}", rng, n)
        for n in PARTICIPANTS
    }
    form = _photos(built / "formulir-evaluasi.pdf", evaluation, folder, "evaluasi", rng)

    result = run("scan", "--project", str(small_project), str(folder), "--into", str(book))
    assert result.exit_code == 0, result.output

    rows = sheet_rows(book, "Tes Awal")
    head = rows[0]
    for number, marked in tests.items():
        row = next(r for r in rows[2:] if r[0] == number)
        read = {f"tes_{head[c]}": row[c] for c in range(2, len(head))}
        assert read == {k: v for k, v in marked.items() if k.startswith("tes_")}, number
    ratings = sheet_rows(book, "Evaluasi")
    heads, first = ratings[0], ratings[2]
    read = {str(h).lower().replace(" ", "_"): v for h, v in zip(heads, first) if v is not None}
    expected = {k: int(v) for k, v in form.items()}
    assert {k: read.get(k) for k in expected} == expected


def test_the_printed_forms_read_as_accurately_as_the_issue_asks(small_project: Path) -> None:
    """Thirty photos of pages of the three printed forms, with two marks and faint marks
    among the single ones: ≥ 99.5 % of single marks right, none read wrong, two and faint
    marks to review (tests/scan/accuracy.py)."""
    assert run("build", "--project", str(small_project), "--region", EDITION).exit_code == 0
    tally = trial(seed=29, count=30, real=printed(small_project, EDITION, ROLE))
    assert tally.wrong == [] and tally.unread == []
    assert tally.share("single", "right") >= 0.995, tally.counts
    assert tally.share("double", "review") == 1.0, tally.counts
