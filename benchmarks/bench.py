"""Build-speed benchmark: prints one table. Not a test; run it by hand.

    python benchmarks/bench.py [--runs N] [--large-roster N] [--editions N] [--no-readme]

Works on a copy of the shipped project in a temporary folder. Each figure is the
median of N runs unless it says otherwise. The table is also written into
benchmarks/README.md, with the date, the machine and the command, in place of the last
run's (not with --no-readme).

cold build      a fresh `modul build` process, empty build/ (imports included)
no-op rebuild   `modul build` again, nothing changed
one file edited a comment added to one role file; how many targets were rebuilt
end to end      `modul.build(force=True, jobs=1)` in a warm process: pages per second
raw ReportLab   the same flowables made and laid out by a plain BaseDocTemplate on
                modul's page (margins, orientation), as a hand-written ReportLab script
                would (no content loading or checks, no templates, no page furniture,
                page count or print proof): pages/s
end to end / raw  both rates measured at the same time, modul (whole builds, --jobs 1)
                on one core and plain ReportLab on the other, for 20 s, N times; also
                the ratio of the runs above, each pair measured one after the other
jobs            a full in-process build with --jobs 1 and --jobs 2
roster N        one role's worksheet personalised for N participants, in a process of
                its own: time of the build call, peak RSS, size of the merged file, the
                longest wait between two progress reports; run once for the large list
                (--large-roster, default 10000; 100000 takes about 4 minutes and 7 GB
                of disk); the lists of 30 and 1000 it is compared with run once before it
                and once after (their mean)
per participant the same 1000 by laying the worksheet out again for every participant
                (run once: it takes a while)
editions N      (with --editions) a project of N editions made by copying a region:
                check (3 runs), full build with --jobs 2, and no-op, each in its own process;
                its cost per document is compared with the shipped project's --jobs 2
                builds, run before and after it
districts       a national build's wall time estimated from the measured cost per
                document (--jobs 2): 514 editions of the kit, on 1, 8 and 32 machines
logo            the largest PNG modul accepts (4000 × 3000 with transparency) and a
                12000 × 9000 JPEG, scaled to 300 dpi at 100 mm: time, memory it added
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROLE = "konselor-pemberdayaan-masyarakat"
DISTRICTS = 514  # Indonesia's regencies and cities: a national build's editions
WINDOW = 20.0  # seconds that modul and plain ReportLab run side by side, per run
CHECKS = 3  # runs of the national check: a single one shows the machine's drift
README = Path(__file__).resolve().parent / "README.md"
FIGURES = ("<!-- bench.py: figures start -->", "<!-- bench.py: figures end -->")


def kit_editions(root: Path) -> list[str]:
    """The national set and the regions of the project."""
    return ["nasional", *sorted(p.name for p in (root / "content" / "regions").iterdir())]


def timed(runs: int, action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def spread(values: list[float], unit: str = "", digits: int = 2) -> str:
    """The range of repeated measurements, e.g. "3.21–3.40 s"."""
    if len(values) < 2:
        return "(1 run)"
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}{unit}"


def cli(root: Path, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "modul", "build", "--project", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


HIGH_WATER = """
def high_water_mb():  # VmHWM starts afresh at exec; ru_maxrss keeps the parent's peak
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
"""

ROSTER_RUN = (
    HIGH_WATER
    + """
import json, sys, time
from pathlib import Path
from modul import Options, build
root, csv = Path(sys.argv[1]), Path(sys.argv[2])
where = dict(regions=["nasional"], roles=[sys.argv[3]], kinds=["worksheet"])
build(root, Options(**where))  # warm
started = time.perf_counter()
reports = [started]
report = build(root, Options(**where, roster=csv, force=True),
               progress=lambda *_: reports.append(time.perf_counter()))
merged = next(d.path for d in report.documents if d.path.name.endswith("-peserta.pdf"))
print(json.dumps({"seconds": time.perf_counter() - started,
                  "merged_mb": merged.stat().st_size / 1e6,
                  "rss_mb": high_water_mb(),
                  "silence": max(b - a for a, b in zip(reports, reports[1:]))}))
"""
)


def roster_csv(root: Path, participants: int) -> Path:
    path = root / f"peserta-{participants}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nama", "asal"])
        writer.writerows([f"Peserta Nomor {n}", f"Desa {n % 37}"] for n in range(participants))
    return path


def roster_run(root: Path, participants: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", ROSTER_RUN, str(root), str(roster_csv(root, participants)), ROLE],
        check=True,
        capture_output=True,
        text=True,
    )
    measured: dict[str, float] = json.loads(result.stdout)
    return measured


IMAGE_RUN = (
    HIGH_WATER
    + """
import json, sys, time
from pathlib import Path
from modul.content import images
import PIL.PngImagePlugin, PIL.JpegImagePlugin
before = high_water_mb()
started = time.perf_counter()
images.print_ready(Path(sys.argv[1]), images.pixels_for(images.LARGEST_PRINT_MM))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "added_mb": high_water_mb() - before}))
"""
)


def logo_runs(root: Path) -> dict[str, dict[str, float]]:
    """Scaling the largest accepted pictures, each in a process of its own."""
    from PIL import Image, ImageDraw

    results = {}
    for name, size, mode in (("png", (4000, 3000), "RGBA"), ("jpg", (12000, 9000), "RGB")):
        image = Image.new(mode, size)
        ImageDraw.Draw(image).ellipse((0, 0, *size), "navy")
        path = root / f"logo.{name}"
        image.save(path)
        run = subprocess.run(
            [sys.executable, "-c", IMAGE_RUN, str(path)], check=True, capture_output=True
        )
        results[f"{size[0]} × {size[1]} {name.upper()}"] = json.loads(run.stdout)
    return results


def raw_reportlab(root: Path) -> tuple[float, int]:
    """Seconds and pages to lay out every target's flowables with plain ReportLab."""
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from modul import check
    from modul.typeset.render import page_theme
    from modul.typeset.typesetter import Typesetter

    seconds, pages = 0.0, 0
    for target in check(root).targets:
        theme = page_theme(target.markup, theme=target.theme)
        margins = theme.margins
        document = BaseDocTemplate(
            io.BytesIO(),
            pagesize=[d * mm for d in theme.paper_mm],
            leftMargin=margins.left * mm,
            rightMargin=margins.right * mm,
            topMargin=margins.top * mm,
            bottomMargin=margins.bottom * mm,
        )
        # modul's page (page_theme: turned, tag grid, inside a border), a frame without padding (one
        # with SimpleDocTemplate's 6 pt a side would make more, shorter pages).
        frame = Frame(
            document.leftMargin,
            document.bottomMargin,
            document.width,
            document.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",  # a table split at a page's foot starts the next frame by its id
        )
        document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        started = time.perf_counter()
        document.build(Typesetter(theme, root).flowables(target.markup))
        seconds += time.perf_counter() - started
        pages += document.page
    return seconds, pages


SIDE_BY_SIDE_RUN = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import bench
kind, root, start, window = sys.argv[2], Path(sys.argv[3]), *map(float, sys.argv[4:])
print(json.dumps(bench.paced(kind, root, start, window)))
"""


def side_by_side(root: Path, runs: int, window: float) -> list[float]:
    """modul's end-to-end rate over plain ReportLab's, each on a core of its own at the
    same time, for `window` seconds, `runs` times: both see the same state of a shared
    machine, whose speed drifts by a fifth within minutes."""
    own = root.with_name(root.name + "-raw")  # plain ReportLab reads its own copy
    shutil.copytree(root, own, ignore=shutil.ignore_patterns("build"), dirs_exist_ok=True)
    ratios = []
    for _ in range(runs):
        start = time.time() + 15  # both warmed up by then
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    SIDE_BY_SIDE_RUN,
                    str(Path(__file__).parent),
                    kind,
                    str(folder),
                    str(start),
                    str(window),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            for kind, folder in (("modul", root), ("raw", own))
        ]
        modul, raw = (json.loads(process.communicate()[0]) for process in processes)
        ratios.append((modul["pages"] / modul["seconds"]) / (raw["pages"] / raw["seconds"]))
    return ratios


def paced(kind: str, root: Path, start: float, window: float) -> dict[str, float]:
    """Pages and seconds of `kind`'s runs ("modul": a whole build with --jobs 1; "raw":
    laying the same flowables out) from `start` (a time.time()) for `window` seconds."""
    from modul import Options, build

    def run() -> tuple[int, float]:
        if kind == "raw":
            seconds, pages = raw_reportlab(root)
            return pages, seconds
        began = time.perf_counter()
        return build(root, Options(force=True, jobs=1)).pages, time.perf_counter() - began

    run()  # warm: fonts registered, modules imported
    time.sleep(max(0.0, start - time.time()))
    pages, seconds, began = 0, 0.0, time.perf_counter()
    while time.perf_counter() - began < window:
        done, took = run()
        pages, seconds = pages + done, seconds + took
    return {"pages": pages, "seconds": seconds}


def editions_run(editions: int) -> dict[str, float]:
    """A project of `editions` editions (copies of the NTT region): `modul check`, a full
    `modul build --jobs 2`, then a build with nothing to do, each a process of its own
    with its peak memory (the build's includes its workers')."""
    measured = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)
        regions = root / "content" / "regions"
        for n in range(editions - len(kit_editions(root))):
            shutil.copytree(regions / "ntt", regions / f"kabupaten-{n:03d}")
        checks = []
        for name, args in (
            *[("check", ["check"])] * CHECKS,
            ("build", ["build", "--jobs", "2"]),
            ("no-op", ["build", "--jobs", "2"]),
        ):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", COMMAND_RUN, str(root), *args],
                check=True,
                capture_output=True,
                text=True,
            )
            measured[name] = time.perf_counter() - started
            own, worker = done.stdout.split()[-2:]
            measured[f"{name}_mb"], measured[f"{name}_worker_mb"] = float(own), float(worker)
            if name == "check":
                checks.append(measured[name])
        measured["check"] = statistics.median(checks)
        measured["check_low"], measured["check_high"] = min(checks), max(checks)
        measured["documents"] = len(list((root / "build").rglob("*.pdf")))
    return measured


COMMAND_RUN = (
    HIGH_WATER
    + """
import os, sys
from pathlib import Path
from modul.cli import cli

def workers_high_water_mb():  # the largest peak of this process's children, still alive
    peaks = [0.0]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid():
                status = (stat.parent / "status").read_text().splitlines()
                peaks += [int(l.split()[1]) / 1024 for l in status if l.startswith("VmHWM:")]
        except (OSError, IndexError, ValueError):
            continue
    return max(peaks)

try:
    cli(sys.argv[2:] + ["--project", sys.argv[1]], standalone_mode=False)
finally:  # the main process's own peak, and the largest worker's
    print(high_water_mb(), workers_high_water_mb())
"""
)


def per_participant(root: Path, participants: int) -> tuple[float, float]:
    """Seconds and total MB to lay the worksheet out once per participant."""
    from modul import Options, check
    from modul.typeset.render import render_document

    where = Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"])
    (target,) = check(root, where).targets
    started, size = time.perf_counter(), 0
    for n in range(participants):
        target.markup.set("header", f"Peserta: Peserta Nomor {n} · Desa {n % 37}")
        size += len(render_document(target.markup, target.theme, root=root, shown="x")[0])
    return time.perf_counter() - started, size / 1e6


class Table:
    """One line per figure: what, measured value, spread of the runs, target, met?"""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(
        self,
        name: str,
        value: str,
        *,
        spread: str = "",
        target: str = "",
        met: bool | None = None,
        note: str = "",
    ) -> None:
        verdict = "" if met is None else "yes" if met else "NO"
        self.rows.append((name, value, spread, target, verdict, note))

    def lines(self, title: str) -> list[str]:
        header = ("measure", "value", "spread", "target", "met", "")
        return [title] + [
            f"{name:<34}{value:>10}  {spread:<17}{target:<16}{verdict:<5}{note}".rstrip()
            for name, value, spread, target, verdict, note in [header, *self.rows]
        ]


def machine() -> str:
    """What the figures depend on: system, processor, cores, memory, Python."""
    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            models = [line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line]
        processor = models[0] if models else processor
    except OSError:
        pass
    facts = [f"{platform.system()} {platform.release()}", processor, f"{os.cpu_count()} cores"]
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        facts.append(f"{memory:.1f} GB of memory")
    return ", ".join([*facts, f"Python {platform.python_version()}"])


def write_readme(
    table: list[str], arguments: list[str], started: datetime, readme: Path = README
) -> None:
    """Put this run's table between the markers of benchmarks/README.md, in place of the
    last run's, so that the figures there are always those of one whole run."""
    text = readme.read_text(encoding="utf-8")
    start, end = FIGURES
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    ended = datetime.now(UTC)
    command = " ".join(["python benchmarks/bench.py", *map(shlex.quote, arguments)])
    figures = [
        start,
        f"Measured {started:%Y-%m-%d}, {started:%H:%M}–{ended:%H:%M} UTC, on {machine()}.",
        "",
        "```sh",
        command,
        "```",
        "",
        "```",
        *table,
        "```",
        end,
    ]
    readme.write_text(before + "\n".join(figures) + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large-roster", type=int, default=10000)
    parser.add_argument("--editions", type=int, default=0, help="e.g. 500 (about 6 minutes)")
    parser.add_argument(
        "--no-readme", action="store_true", help="print the table only, leave README.md as is"
    )
    arguments = parser.parse_args()
    started = datetime.now(UTC)
    runs, large = arguments.runs, arguments.large_roster
    from modul import Options, build

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)

        def cold() -> None:
            shutil.rmtree(root / "build", ignore_errors=True)
            cli(root)

        cold_s = timed(runs, cold)
        noop_s = timed(runs, lambda: cli(root))
        role_file = root / "content" / "roles" / f"{ROLE}.yaml"
        edits = iter(range(runs))
        edit_s = timed(
            runs,
            lambda: (
                role_file.write_text(role_file.read_text() + f"# edit {next(edits)}\n"),
                cli(root),
            ),
        )
        rebuilt = len([line for line in cli(root, "--force").splitlines() if line.startswith("[")])
        role_file.write_text(role_file.read_text() + "# one more\n")
        changed = len([line for line in cli(root).splitlines() if line.startswith("[")])

        report = build(root, Options(force=True))  # warm: fonts registered, modules imported
        pages, documents = report.pages, len(report.documents)
        editions = len(kit_editions(root))
        # Each run times modul on one core, plain ReportLab, and modul on two cores, one
        # right after the other, so that all three see the same state of a shared
        # machine (a slow minute would otherwise tilt the ratios).
        single, raw, double = [], [], []
        for _ in range(runs):
            single += timed(1, lambda: build(root, Options(force=True, jobs=1)))
            raw.append(raw_reportlab(root))
            double += timed(1, lambda: build(root, Options(force=True, jobs=2)))
        together = side_by_side(root, runs, WINDOW)
        # The references of the long runs are measured on both sides of them: a shared
        # machine's speed drifts over minutes, and a ratio of figures taken far apart
        # would show the drift, not modul.
        national = editions_run(arguments.editions) if arguments.editions else None
        after = timed(runs, lambda: build(root, Options(force=True, jobs=2))) if national else []
        rosters = {n: roster_run(root, n) for n in (30, 1000, large)}
        for n in (30, 1000):  # the small lists once more, after the large one
            rosters[n]["seconds"] = statistics.mean(
                (rosters[n]["seconds"], roster_run(root, n)["seconds"])
            )
        again_s, again_mb = per_participant(root, 1000)
        logos = logo_runs(root)

    median = statistics.median
    table = Table()
    table.add(
        "cold build (process)",
        f"{median(cold_s):.2f} s",
        spread=spread(cold_s, " s"),
        note=f"{documents} documents, {pages} pages, {pages / median(cold_s):.0f} pages/s",
    )
    noop_share = [n / c for n, c in zip(noop_s, cold_s, strict=True)]
    table.add(
        "no-op rebuild (process)",
        f"{median(noop_s):.2f} s",
        spread=spread(noop_s, " s"),
        target="≤ 10% of cold",
        met=median(noop_share) <= 0.10,
        note=f"{median(noop_share):.0%} of cold",
    )
    table.add(
        "one role file edited",
        f"{median(edit_s):.2f} s",
        spread=spread(edit_s, " s"),
        note=f"{changed} of {rebuilt} targets rebuilt",
    )
    e2e = [pages / s for s in single]
    plain = [raw_pages / raw_s for raw_s, raw_pages in raw]
    ratios = [m / p for m, p in zip(e2e, plain, strict=True)]
    table.add("end to end, --jobs 1", f"{median(e2e):.0f} p/s", spread=spread(e2e, " p/s", 0))
    table.add(
        "raw ReportLab, same flowables",
        f"{median(plain):.0f} p/s",
        spread=spread(plain, " p/s", 0),
        note=f"{raw[0][1]} pages (modul's fit-to-page run-sheets: {pages})",
    )
    table.add(
        "end to end / raw ReportLab",
        f"{median(together):.2f}×",
        spread=spread(together, "×"),
        target="≥ 0.85×",
        met=median(together) >= 0.85,
        note=f"at the same time, one core each, {WINDOW:.0f} s a run",
    )
    table.add(
        "  one after the other",
        f"{median(ratios):.2f}×",
        spread=spread(ratios, "×"),
        note="the runs above, each pair measured in turn",
    )
    speedups = [one / two for one, two in zip(single, double, strict=True)]
    table.add(
        "--jobs 2 vs --jobs 1",
        f"{median(speedups):.2f}×",
        spread=spread(speedups, "×"),
        target="≥ 1.6×",
        met=median(speedups) >= 1.6,
        note=f"{median(single):.2f} s → {median(double):.2f} s",
    )
    for n, run in rosters.items():
        table.add(
            f"roster {n}",
            f"{run['seconds']:.2f} s",
            spread="(1 run)" if n == large else "(mean of 2)",
            target="peak ≤ 400 MB" if n == large else "",
            met=run["rss_mb"] <= 400 if n == large else None,
            note=f"peak RSS {run['rss_mb']:.0f} MB, merged file {run['merged_mb']:.1f} MB",
        )
    per_person = {n: run["seconds"] / n for n, run in rosters.items()}
    growth = per_person[large] / per_person[1000]
    table.add(
        f"per stamped page, {large} / 1000",
        f"{growth:.2f}×",
        target="≤ 1.2×",
        met=growth <= 1.2,
        note=f"{per_person[1000] * 1000:.2f} → {per_person[large] * 1000:.2f} ms per participant",
    )
    table.add(
        f"roster {large}, longest silence",
        f"{rosters[large]['silence']:.2f} s",
        target="≤ 5 s",
        met=rosters[large]["silence"] <= 5,
        note="between two progress reports",
    )
    small = rosters[1000]["seconds"] / rosters[30]["seconds"]
    table.add("roster 1000 / roster 30", f"{small:.1f}×", target="≤ 4×", met=small <= 4)
    stamping = again_s / rosters[1000]["seconds"]
    table.add(
        "1000, laid out per participant",
        f"{again_s:.2f} s",
        target="stamping ≥ 5×",
        met=stamping >= 5,
        note=f"{again_mb:.0f} MB of PDFs; stamping is {stamping:.1f}× faster",
    )
    per_document = median(double + after) / documents  # on one machine like this, both cores busy
    national_documents = DISTRICTS * documents // editions
    estimate = national_documents * per_document
    table.add(
        f"{DISTRICTS} districts, estimated",
        f"{estimate / 60:.0f} min",
        note=f"{national_documents} documents on 1 machine; "
        + ", ".join(f"{m}: {estimate / m / 60:.1f} min" for m in (8, 32))
        + " (+ modul merge)",
    )
    if national:
        add_editions(table, arguments.editions, national, per_document)
    for name, run in logos.items():
        table.add(
            f"logo {name}",
            f"{run['seconds']:.2f} s",
            target="< 100 MB",
            met=run["added_mb"] < 100,
            note=f"added {run['added_mb']:.0f} MB of memory",
        )
    lines = table.lines(
        f"modul benchmark: median of {runs} runs, {sys.platform}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print("\n".join(lines))
    if not arguments.no_readme:
        write_readme(lines, sys.argv[1:], started)
        print(f"written to {README.relative_to(REPO)}")


def add_editions(
    table: Table, editions: int, measured: dict[str, float], shipped_per_document: float
) -> None:
    documents = measured["documents"]
    per_document = measured["build"] / documents
    table.add(
        f"{editions} editions: check",
        f"{measured['check']:.1f} s",
        spread=f"{measured['check_low']:.1f}–{measured['check_high']:.1f} s",
        target="≤ 15 s",
        met=measured["check"] <= 15,
        note=f"median of {CHECKS}; peak {measured['check_mb']:.0f} MB, "
        f"a worker {measured['check_worker_mb']:.0f} MB",
    )
    table.add(
        f"{editions} editions: build",
        f"{measured['build']:.0f} s",
        spread="(1 run)",
        note=f"{documents:.0f} documents, --jobs 2",
    )
    growth = per_document / shipped_per_document
    table.add(
        "  per document vs shipped",
        f"{growth:.2f}×",
        target="≤ 1.2×",
        met=growth <= 1.2,
        note=f"{per_document * 1000:.1f} ms vs {shipped_per_document * 1000:.1f} ms",
    )
    table.add(
        "  main process peak",
        f"{measured['build_mb']:.0f} MB",
        target="≤ 500 MB",
        met=measured["build_mb"] <= 500,
        note=f"a worker {measured['build_worker_mb']:.0f} MB",
    )
    noop = measured["no-op"] / documents * 1000
    table.add(
        f"{editions} editions: no-op",
        f"{noop:.2f} ms",
        target="≤ 5 ms/doc",
        met=noop <= 5,
        note=f"{measured['no-op']:.1f} s in all, peak {measured['no-op_mb']:.0f} MB",
    )


if __name__ == "__main__":
    main()
