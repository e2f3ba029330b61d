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
from modul.scan.reading import read_page
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

    def share(self, kind: str, outcome: str) -> float:
        total = sum(n for (k, _o), n in self.counts.items() if k == kind)
        return self.counts[kind, outcome] / total if total else 1.0


def trial(
    seed: int,
    count: int,
    doubles: float = 0.04,
    faints: float = 0.04,
    longest: int = 0,
    shadows: float = 0.0,
    dense: bool = False,
) -> Tally:
    """Read `count` random pages, filled and photographed with the seed `seed` (at
    `longest` pixels on the long side; 0: the rendering's 200 dpi)."""
    rng = random.Random(seed)
    tally = Tally()
    forms = DENSE if dense else MAPS

    def maps(edition: str, role: str, document: str) -> FormMap:
        return forms[document]

    for number in range(count):
        form = forms[rng.choice(list(forms))]
        page = rng.choice(form.pages)
        image = pages.render(pages.pdf(form, page, participant=rng.randint(1, 20)))
        truth = pages.fill(image, page, rng, doubles=doubles, faints=faints)
        data = photos.photograph(image, rng, longest=longest, shadow=rng.random() < shadows)
        start = time.perf_counter()
        loaded = next(image_pages(Path("photo.jpg"), data))
        assert loaded.image is not None
        read = read_page(loaded.image, maps, form.edition, form.role)
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
