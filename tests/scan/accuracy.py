"""The reader's accuracy on synthetic photos (pages.py): every item of every page
compared with what was ticked. Shared by tests/scan/test_accuracy.py and
benchmarks/scan.py."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from modul.scan.images import pages as image_pages
from modul.scan.reading import Unread, read_page
from scan import pages, photos
from scan.contract import FormMap

MAPS = pages.forms()
DENSE = pages.forms(dense=True)


@dataclass
class Tally:
    """Items by what was ticked (single, empty, double, faint) and how they were read
    (right, review, wrong: a value other than the one ticked, or none for one ticked
    without asking)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)  # reading, per page
    wrong: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # pages not read at all, and why

    def share(self, kind: str, outcome: str) -> float:
        total = sum(n for (k, _o), n in self.counts.items() if k == kind)
        return self.counts[kind, outcome] / total if total else 1.0


Printed = tuple[dict[str, FormMap], dict[str, Path]]  # form maps and PDFs by document


def printed(root: Path, edition: str, role: str) -> Printed:
    """The forms modul prints for `role` in `edition` of the built project at `root`:
    their real form maps and PDFs, to read instead of the synthetic pages."""
    from modul.engine.forms import form_map
    from modul.folders import Folders
    from modul.layout.catalog import load_catalog

    files = {d.id: d.file for d in load_catalog(root).documents}
    forms = {d: form_map(root, edition, role, d) for d in ("pretest", "posttest", "evaluation")}
    return forms, {d: Folders(root).output(edition, role, files[d]) for d in forms}


def _page_image(pdf: Path, number: int) -> object:
    import numpy as np
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    image = document[number - 1].render(scale=pages.DPI / 72).to_numpy()
    document.close()
    return np.ascontiguousarray(image[:, :, :3])


def trial(
    seed: int,
    count: int,
    doubles: float = 0.04,
    faints: float = 0.04,
    longest: int = 0,
    shadows: float = 0.0,
    dense: bool = False,
    real: Printed | None = None,
) -> Tally:
    """Read `count` random pages, filled and photographed with the seed `seed` (at
    `longest` pixels on the long side; 0: the rendering's 200 dpi); `real`: pages of the
    forms modul printed (`printed`), blank, their number ticked in the grid."""
    rng = random.Random(seed)
    tally = Tally()
    forms = real[0] if real else DENSE if dense else MAPS

    def maps(edition: str, role: str, document: str) -> FormMap:
        return forms[document]

    for number in range(count):
        form = forms[rng.choice(list(forms))]
        page = rng.choice(form.pages)
        if real:
            image = _page_image(real[1][form.document], page.number)
        else:
            image = pages.render(pages.pdf(form, page, participant=rng.randint(1, 20)))
        truth = pages.fill(image, page, rng, doubles=doubles, faints=faints)
        data = photos.photograph(image, rng, longest=longest, shadow=rng.random() < shadows)
        start = time.perf_counter()
        loaded = next(image_pages(Path("photo.jpg"), data))
        assert loaded.image is not None
        try:
            read = read_page(loaded.image, maps, form.edition, form.role)
        except Unread as reason:  # a page not read: each of its items counted so
            tally.counts.update((kind, "unread") for kind in truth.kinds.values())
            tally.unread.append(f"seed {seed} page {number}: {reason}")
            continue
        tally.seconds.append(time.perf_counter() - start)
        doubted = {d.field for d in read.doubts}
        for name, kind in truth.kinds.items():
            value = read.answers.get(name)
            if name.startswith("nomor") and name not in doubted:
                continue  # a personalised page's grid is not read for its answers
            if name in doubted:
                outcome = "review"
            elif kind == "single":
                outcome = "right" if value == truth.marks[name][0] else "wrong"
            elif kind == "empty":
                outcome = "right" if value is None else "wrong"
            elif kind == "faint":
                outcome = "blank" if value is None else "wrong"
            else:
                outcome = "wrong"
            tally.counts[kind, outcome] += 1
            if outcome == "wrong":
                tally.wrong.append(f"seed {seed} page {number}: {name} {kind} read {value}")
    return tally
