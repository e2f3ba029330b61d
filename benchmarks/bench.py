"""Build-speed benchmark: prints one table. Not a test; run it by hand.

    python benchmarks/bench.py [--runs N]

cold   : a fresh `modul build` process on a copy of the shipped project (imports included)
rebuild: `modul build` again on the same, unchanged copy
warm   : `modul.build()` called in an already running process (layout + PDF only)
roster : one role's worksheet personalised for 30 and 1000 participants, in a process
         of its own (time of the whole build call, the merged print file, peak memory)
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed_cli(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "modul", "build", "--project", str(root)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


ROSTER_RUN = """
import json, resource, sys, time
from pathlib import Path
from modul import build
root, csv = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
report = build(root, regions=["nasional"], roles=["konselor-pemberdayaan-masyarakat"],
               kinds=["worksheet"], roster=csv)
merged = next(d.path for d in report.documents if d.path.name.endswith("-peserta.pdf"))
print(json.dumps({"seconds": time.perf_counter() - started,
                  "merged_mb": merged.stat().st_size / 1e6,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def roster_run(root: Path, participants: int) -> dict[str, float]:
    path = root / f"peserta-{participants}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nama", "asal"])
        writer.writerows([f"Peserta Nomor {n}", f"Desa {n % 37}"] for n in range(participants))
    result = subprocess.run([sys.executable, "-c", ROSTER_RUN, str(root), str(path)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from modul import build

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)
        cold, rebuild, warm = [], [], []
        for _ in range(runs):
            shutil.rmtree(root / "build", ignore_errors=True)
            cold.append(timed_cli(root))
            rebuild.append(timed_cli(root))
        build(root)  # fonts registered, modules imported
        for _ in range(runs):
            report = build(root)
            warm.append(report.seconds)
        pages, documents = report.pages, len(report.documents)
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rosters = {n: roster_run(root, n) for n in (30, 1000)}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cold_s, rebuild_s, warm_s = (statistics.median(v) for v in (cold, rebuild, warm))
    print(f"modul benchmark: {documents} documents, {pages} pages, median of {runs} runs")
    print(f"{'measure':<28}{'value':>12}")
    print(f"{'cold build (process)':<28}{cold_s:>10.2f} s")
    share = f"({rebuild_s / cold_s:.0%} of cold)"
    print(f"{'rebuild, nothing changed':<28}{rebuild_s:>10.2f} s  {share}")
    print(f"{'warm build (in process)':<28}{warm_s:>10.2f} s")
    print(f"{'pages per second (warm)':<28}{pages / warm_s:>10.0f}")
    print(f"{'pages per second (cold)':<28}{pages / cold_s:>10.0f}")
    print(f"{'peak RSS, cli process':<28}{child_mb:>9.0f} MB")
    print(f"{'peak RSS, this process':<28}{peak_mb:>9.0f} MB")
    for n, run in rosters.items():
        print(f"{f'roster {n}: time':<28}{run['seconds']:>10.2f} s  (merged file "
              f"{run['merged_mb']:.1f} MB, peak RSS {run['rss_mb']:.0f} MB)")
    growth = rosters[1000]["seconds"] / rosters[30]["seconds"]
    print(f"{'roster 1000 / roster 30':<28}{growth:>10.1f}×")


if __name__ == "__main__":
    main()
