"""How full each page of the shipped kit is, read back from the PDFs (issue 27, point 5).

    python tools/page_fill.py                   # A4, F4, Letter, A5, booklet: pages under 50 %
    python tools/page_fill.py --paper A5 --all  # every page but each document's last
    python tools/page_fill.py --below 0.7 --list  # and name each page under 70 %

Builds every edition and role of the shipped project in a temporary copy, once per
paper, and measures every page but each document's last: the share of the text area
(inside the margins) from its top down to the lowest text or line drawn on it. The
running head and the footer lie outside the margins and do not count. Certificates and
name tags, sheets of fixed size, are left out (--loose counts them too).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PAPERS = ("A4", "F4", "Letter", "A5", "booklet")  # booklet: --booklet, its A5 pages
LOOSE_SHEETS = {"sertifikat.pdf", "kartu-nama.pdf"}  # a sheet per participant or a grid
MM = 72 / 25.4
TOLERANCE = 2 * MM  # a heading's ascenders may reach a little above the top margin


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float  # points


@cache
def margins(root: Path, a5: bool) -> Margins:
    """The default theme's margins (its A5 ones for A5 pages), in points."""
    theme = yaml.safe_load((root / "layouts" / "default" / "theme.yaml").read_text("utf-8"))
    chosen = (theme.get("margins_a5") or theme["margins"]) if a5 else theme["margins"]
    return Margins(chosen["top"] * MM, chosen["bottom"] * MM)


def page_fills(pdf: Path, root: Path = REPO) -> list[float]:
    """The filled share of the text area of each page of `pdf`: from the top margin down
    to the lowest text, line or box drawn inside the margins (0 for an empty page)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        fills = []
        for page in document:
            width, height = page.get_size()
            a5 = round(min(width, height) / MM) == 148
            edge = margins(root, a5)
            top, bottom = height - edge.top, edge.bottom
            lowest = top
            for item in page.get_objects(max_depth=1):
                bounds = getattr(item, "get_bounds", None) or item.get_pos  # pypdfium2 5 / 4
                left, low, right, high = bounds()
                if high > top + TOLERANCE or low < bottom - TOLERANCE:
                    continue  # the running head, the footer, or a page number's form
                lowest = min(lowest, low)
            fills.append(max(0.0, min(1.0, (top - lowest) / (top - bottom))))
        return fills
    finally:
        document.close()


@dataclass(frozen=True)
class Page:
    document: Path  # relative to build/
    number: int
    fill: float


def non_last_pages(build: Path, root: Path, *, loose: bool = False) -> Iterator[Page]:
    """Every page but each document's last, of every PDF under `build` (booklets, the
    packet, fillable and personalised copies left out)."""
    for pdf in sorted(build.rglob("*.pdf")):
        if pdf.stem.endswith("-buklet") or pdf.name.startswith("paket-"):
            continue
        if "-isian" in pdf.stem or "-peserta" in pdf.stem:
            continue
        if pdf.name in LOOSE_SHEETS and not loose:
            continue
        fills = page_fills(pdf, root)
        for number, fill in enumerate(fills[:-1], 1):
            yield Page(pdf.relative_to(build), number, fill)


def by_document(pages: list[Page]) -> dict[str, list[float]]:
    """The fills of the pages measured, by document file name (over editions and roles)."""
    fills: dict[str, list[float]] = {}
    for page in pages:
        fills.setdefault(page.document.name, []).append(page.fill)
    return fills


def build_on(paper: str, folder: Path) -> Path:
    """The shipped project built on `paper` in `folder`; its build/ folder."""
    from modul import Options, build

    for part in ("content", "layouts"):
        shutil.copytree(REPO / part, folder / part)
    build(folder, Options(booklet=True) if paper == "booklet" else Options(paper=paper))
    return folder / "build"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paper", action="append", choices=PAPERS, help="default: all")
    parser.add_argument("--below", type=float, default=0.5, help="report pages under this")
    parser.add_argument("--all", action="store_true", help="every page but each last")
    parser.add_argument("--list", action="store_true", help="name each page under --below")
    parser.add_argument("--loose", action="store_true", help="certificates and name tags too")
    arguments = parser.parse_args(argv)
    failing = 0
    for paper in arguments.paper or PAPERS:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            build = build_on(paper, folder)
            pages = list(non_last_pages(build, folder, loose=arguments.loose))
        low = [page for page in pages if page.fill < arguments.below]
        failing += len(low)
        lowest = min((page.fill for page in pages), default=1.0)
        print(
            f"{paper}: {len(pages)} pages not a document's last, lowest {lowest:.0%}, "
            f"{len(low)} under {arguments.below:.0%}"
        )
        for name, fills in sorted(by_document(pages).items()):
            under = sum(fill < arguments.below for fill in fills)
            print(f"  {name:28} lowest {min(fills):4.0%}, {under:3} of {len(fills):3} under")
        for page in pages if arguments.all or arguments.list else []:
            if arguments.all or page.fill < arguments.below:
                print(f"  {page.fill:4.0%}  {page.document} p.{page.number}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
