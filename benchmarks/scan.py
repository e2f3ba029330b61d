"""Benchmark of `modul scan` (issue 30): synthetic phone photos of the Tes Awal, Tes Akhir
and Formulir Evaluasi (tests/scan/pages.py: pen and pencil, ticks, crosses, fills,
scribbles; turned ±5°, skewed, blurred, unevenly lit, JPEG 50-60) read one at a time on
one core; prints seconds per page (decode + markers + QR + straighten + boxes) and the
accuracy (single marks right, read wrong, two or faint marks sent to review):

    python benchmarks/scan.py [PAGES]      # default: 100

The issue's targets: ≤ 1 s a page on one core; ≥ 99.5 % of single marks right, 0 wrong.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO / "tests")  # not this folder: this file is `scan` too

from scan.accuracy import Tally, printed, trial  # noqa: E402

ROLE = "konsultan-pemberdayaan-masyarakat"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import cv2

    cv2.setNumThreads(1)
    sizes = ((0, "page at 200 dpi", count), (4032, "12-megapixel photo", count))
    sizes += ((1400, "small photo, 1400 pixels long (page ~110 dpi)", count),)
    for longest, what, pages in (*sizes, (11900, "100-megapixel photo", 3)):
        print(f"{what}:")
        report(trial(seed=30, count=pages, longest=longest), pages)
    print("the theme's dense quiz (3.8 mm boxes stacked 0.8 mm apart), page at 200 dpi:")
    report(trial(seed=30, count=count, dense=True), count)
    print("hard shadow across every page (beyond the issue's conditions; the aim: 0 wrong):")
    report(trial(seed=30, count=count, shadows=1.0), count)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)
        build = [sys.executable, "-m", "modul", "build", "--project", folder, "--region", "ntt"]
        subprocess.run([*build, "--role", ROLE], check=True, capture_output=True)
        print("the forms modul prints (NTT, F4: Tes Awal, Tes Akhir, Formulir Evaluasi), 200 dpi:")
        report(trial(seed=30, count=count, real=printed(root, "ntt", ROLE)), count)


def report(tally: Tally, count: int) -> None:
    seconds = sorted(tally.seconds)
    single = sum(n for (kind, _o), n in tally.counts.items() if kind == "single")
    print(
        f"  pages {count}, one core: {statistics.mean(seconds):.3f} s a page "
        f"(median {statistics.median(seconds):.3f} s, slowest {seconds[-1]:.3f} s)"
    )
    print(
        f"  single marks: {single}, right {tally.share('single', 'right'):.2%}, "
        f"to review {tally.share('single', 'review'):.2%}, wrong {len(tally.wrong)}"
    )
    for kind in ("empty", "double", "faint"):
        total = sum(n for (k, _o), n in tally.counts.items() if k == kind)
        outcomes = ", ".join(f"{o} {n}" for (k, o), n in sorted(tally.counts.items()) if k == kind)
        print(f"  {kind} items: {total} ({outcomes})")
    for line in tally.wrong:
        print("  wrong:", line)
    print(f"  pages not read: {len(tally.unread)}")
    for line in tally.unread:
        print("  not read:", line)


if __name__ == "__main__":
    main()
