"""The commands that make PDFs: build, check, clean."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from modul.catalog import PAPER_MM
from modul.cli.common import (
    SHARD,
    count,
    doc_option,
    jobs_option,
    project_option,
    project_root,
    region_option,
    role_option,
    run,
    strict_option,
    warn,
)
from modul.errors import relative
from modul.folders import Folders

if TYPE_CHECKING:
    from modul.engine.builder import BuiltDocument
    from modul.engine.options import Options


@click.command(
    name="build", short_help="Check everything, then write the PDFs that are out of date."
)
@project_option
@region_option
@role_option
@doc_option
@click.option(
    "--paper",
    type=click.Choice(list(PAPER_MM), case_sensitive=False),
    default=None,
    help="Paper size for every document, instead of the theme's or region's "
    "(F4 = 215 × 330 mm). With --booklet: the sheet size.",
)
@click.option(
    "--booklet",
    is_flag=True,
    help="Also write each document as an A5 booklet (<name>-buklet.pdf): pages "
    "two-up on landscape A4 (or F4) sheets, to print on both sides and fold.",
)
@click.option(
    "--packet",
    is_flag=True,
    help="Also join each role's documents into paket-pelatihan.pdf, with a cover, "
    "a table of contents and bookmarks.",
)
@click.option(
    "--participants",
    type=click.IntRange(1, 10000),
    default=None,
    metavar="N",
    help="Number of participants, for the copies to print on the run-sheet "
    "(default: jumlah_peserta in content/workshop.yaml).",
)
@click.option(
    "--fillable",
    is_flag=True,
    help="Also write each worksheet as a fillable PDF form (lembar-kerja-isian.pdf)"
    " that prints the same as the plain one.",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PESERTA.XLSX|CSV",
    help="Participant list (Excel .xlsx or CSV, a column `nama`, optional asal/organisasi/"
    "desa): one personalised worksheet per participant, and all in one print file.",
)
@click.option("--force", is_flag=True, help="Rebuild every document, also those up to date.")
@jobs_option
@click.option(
    "--shard",
    type=SHARD,
    default="1/1",
    metavar="I/N",
    help="Build only the I-th of N stable slices of the documents (for "
    "spreading one big build over machines).",
)
@strict_option
def build_command(
    project: Path | None,
    regions: tuple[str, ...],
    roles: tuple[str, ...],
    kinds: tuple[str, ...],
    paper: str | None,
    booklet: bool,
    packet: bool,
    participants: int | None,
    fillable: bool,
    roster: Path | None,
    force: bool,
    jobs: int,
    shard: tuple[int, int],
    strict: bool,
) -> None:
    """Check everything, then write the PDFs that are out of date: build/nasional/<role>/
    for the national set, build/<region>/<role>/ for each region.

    Nothing is written if any content or layout file has a problem. A document whose
    inputs did not change since it was written is skipped.
    """
    from modul.engine.options import Options

    root = project_root(project)
    run(
        lambda: build_and_report(
            root,
            Options(
                regions=regions,
                roles=roles,
                kinds=kinds,
                paper=paper,
                booklet=booklet,
                packet=packet,
                participants=participants,
                fillable=fillable,
                roster=roster,
                force=force,
                jobs=jobs,
                shard=shard,
                strict=strict,
            ),
        )
    )


def build_and_report(root: Path, options: Options) -> None:
    """Build, printing a line per document, notes, warnings and the summary."""
    from modul.engine.builder import build

    def show(document: BuiltDocument, number: int, total: int) -> None:
        click.echo(
            f"[{number}/{total}] {relative(document.path, root)}  "
            f"{count(document.pages, 'page')}  {document.seconds:.2f} s"
        )

    report = build(root, options, progress=show, waiting=say_waiting)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    warn(report.warnings)
    if report.removed:
        click.echo(
            f"removed {count(len(report.removed), 'file')} of an earlier build that this "
            f"build does not make, e.g. {relative(report.removed[0], root)}"
        )
    unchanged = f", {report.skipped} unchanged" if report.skipped else ""
    click.echo(
        f"Done: {count(len(report.documents), 'document')} written{unchanged}, "
        f"{count(report.pages, 'page')} in {report.seconds:.1f} s, "
        f"in {relative(Folders(root).build, root)}/"
    )


def say_waiting() -> None:
    click.echo("another modul build is writing to build/: waiting until it is done …", err=True)


@click.command(name="clean", short_help="Delete the files modul wrote to build/.")
@project_option
def clean_command(project: Path | None) -> None:
    """Delete the files modul wrote to build/ (as its manifest lists them), and nothing
    else."""
    from modul.engine.incremental import clean

    root = project_root(project)
    removed, damaged = run(lambda: clean(root, waiting=say_waiting))
    warn(damaged)
    click.echo(f"Removed {count(len(removed), 'file')} modul had written.")


@click.command(name="check", short_help="Check content and layouts; write nothing.")
@project_option
@click.option(
    "--layout",
    is_flag=True,
    help="Also lay out every document (in memory, a few seconds) and report "
    "what looks wrong on the pages, with the YAML line that causes it.",
)
@strict_option
@jobs_option
def check_command(project: Path | None, layout: bool, strict: bool, jobs: int) -> None:
    """Check all content and layouts without writing any PDF."""
    from modul.engine.builder import check_project
    from modul.engine.options import Options

    root = project_root(project)
    report = run(lambda: check_project(root, Options(strict=strict, jobs=jobs), layout=layout))
    warn(report.warnings)
    warned = f", {count(len(report.warnings), 'warning')}" if report.warnings else ""
    click.echo(
        f"OK: {count(report.roles, 'role')}, {count(report.regions, 'region')}, "
        f"{count(report.documents, 'document')} checked, no problems found{warned}."
    )
