"""Benchmark of the results stage (issue 29): write a results workbook, fill it as a
trainer would (every participant, every test item, attendance, evaluation forms), read it
back, compute the report's figures and write the Laporan Pelatihan (PDF and xlsx). Prints one row
per workshop size:

    python benchmarks/report.py [SIZE ...]      # default: 40 10000

Each size runs in a process of its own, so that its peak memory (VmHWM) is its own. The
issue's targets: 40 participants under 2 s, 10,000 under 30 s and 400 MB.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROLE = "konsultan-pemberdayaan-masyarakat"
REGION = "ntt"

RUN = r"""
import random, sys, time
from pathlib import Path
from openpyxl import load_workbook
from modul.content.loading import load_project
from modul.results import new_workbook, read_results
from modul.results import scores

root, size, role, region = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
roster = root / "peserta.csv"
roster.write_text("nama,asal\n" + "".join(f"Peserta {n},Desa {n % 97}\n" for n in range(size)))
start = time.perf_counter()
path = new_workbook(root, region, role, roster)
written = time.perf_counter() - start
book = load_workbook(path)  # the trainer's part, not timed
pick = random.Random(1)
for title in ("Tes Awal", "Tes Akhir"):
    sheet = book[title]
    for row in sheet.iter_rows(min_row=3, min_col=3):
        for cell in row:
            cell.value = pick.choice("abcd")
for row in book["Kehadiran"].iter_rows(min_row=2, min_col=4):
    for cell in row:
        cell.value = "H"
evaluation = book["Evaluasi"]
heads = [str(c.value) for c in evaluation[1]]
for n in range(size):  # every participant returns a form, with an open answer
    for column, head in enumerate(heads, 1):
        if head.startswith(("Sesi", "Umum")):
            evaluation.cell(n + 3, column, pick.choice((2, 3, 3, 4, 4)))
        elif head.startswith("Saran"):
            evaluation.cell(n + 3, column, pick.choice(("Lebih banyak praktik", "Waktu kurang")))
book.save(path)
start = time.perf_counter()
edition = load_project(root).editions[region]
results = read_results(path, edition, role)
pre = {a.name: scores.score(a.answers, results.pretest.key) for a in results.pretest.rows}
post = {a.name: scores.score(a.answers, results.posttest.key) for a in results.posttest.rows}
people = scores.participants([a.name for a in results.attendees], pre, post)
scores.class_gain(people)
scores.item_analysis([a.answers for a in results.pretest.rows], results.pretest.key)
scores.item_analysis([a.answers for a in results.posttest.rows], results.posttest.key)
figured = time.perf_counter() - start
from modul.results.summary_workbook import write_laporan
start = time.perf_counter()
write_laporan(root, edition, results)  # laporan-pelatihan.pdf and .xlsx
reported = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(written, figured, reported, peak / 1024)
"""


def run(size: int) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)
        out = subprocess.run(
            [sys.executable, "-c", RUN, str(root), str(size), ROLE, REGION],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        written, figured, reported, peak = map(float, out)
        return written, figured, reported, peak


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [40, 10000]
    head = f"{'new workbook':>12}  {'read + figures':>14}  {'report PDF+xlsx':>15}"
    print(f"{'participants':>12}  {head}  {'peak':>8}")
    random.seed(1)
    for size in sizes:
        begun = time.perf_counter()
        written, figured, reported, peak = run(size)
        total = time.perf_counter() - begun
        times = f"{written:>10.2f} s  {figured:>12.2f} s  {reported:>13.2f} s"
        print(f"{size:>12}  {times}  {peak:>5.0f} MB  (process {total:.1f} s)")


if __name__ == "__main__":
    main()
