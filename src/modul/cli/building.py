"""The commands that make PDFs: build, check, clean."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from modul.cli.common import (
    SHARD,
    Whole,
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
from modul.cli.progress import progress_report
from modul.errors import relative
from modul.folders import Folders
from modul.i18n import N_, _, decimal, ngettext
from modul.paper import NAMES as PAPERS

if TYPE_CHECKING:
    from modul.engine.builder import BuildReport
    from modul.engine.options import Options


@click.command(
    name="build",
    short_help=N_("Check everything, then write the PDFs that are out of date."),
    help=N_(
        "Check everything, then write the PDFs that are out of date: build/nasional/<role>/ "
        "for the national set, build/<region>/<role>/ for each region.\n\n"
        "Nothing is written if any content or layout file has a problem. A document whose "
        "files did not change since it was written is skipped."
    ),
)
@project_option
@region_option
@role_option
@doc_option
@click.option(
    "--paper",
    type=click.Choice(PAPERS, case_sensitive=False),
    default=None,
    help=N_(
        "Paper size for every document, instead of the theme's or region's "
        "(F4 = 215 × 330 mm). With --booklet: the sheet size."
    ),
)
@click.option(
    "--booklet",
    is_flag=True,
    help=N_(
        "Lay every document out on A5 pages, and add <name>-buklet.pdf: those pages two "
        "to a side of landscape A4 (or F4) sheets, to print on both sides and fold."
    ),
)
@click.option(
    "--packet",
    is_flag=True,
    help=N_(
        "Also join each role's documents into paket-pelatihan.pdf, with a cover, a "
        "foreword, a table of contents and bookmarks."
    ),
)
@click.option(
    "--participants",
    type=Whole(1, 10000),
    default=None,
    metavar="N",
    help=N_(
        "Number of participants (1 to 10000), for the copies to print on the run-sheet "
        "(default: jumlah_peserta in content/workshop.yaml)."
    ),
)
@click.option(
    "--fillable",
    is_flag=True,
    help=N_(
        "Also write each worksheet as a fillable PDF form (lembar-kerja-isian.pdf) that "
        "prints the same as the plain one."
    ),
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar=N_("LIST.XLSX|CSV"),
    help=N_(
        "Participant list (Excel .xlsx or CSV, a column `nama`, optional asal/organisasi/"
        "desa): one personalised worksheet per participant, and all in one print file."
    ),
)
@click.option(
    "--sheet",
    default=None,
    metavar=N_("NAME"),
    help=N_(
        "With --roster: the sheet of the Excel workbook to read (default: its first visible sheet)."
    ),
)
@click.option(
    "--per-file",
    type=Whole(1, 100000),
    default=None,
    metavar="N",
    help=N_(
        "With --roster: at most N participants in each print file "
        "(lembar-kerja-peserta-1.pdf, -2.pdf, …), for print shops that take files of a "
        "few hundred MB at most. Default: all in one file."
    ),
)
@click.option("--force", is_flag=True, help=N_("Rebuild every document, also those up to date."))
@jobs_option
@click.option(
    "--shard",
    type=SHARD,
    default="1/1",
    metavar="I/N",
    hidden=True,  # for builds spread over machines: in the README, not in everyday help
    help=N_(
        "Build only part I of N of the documents, to share one big build among N "
        "computers; the N parts together are the whole build."
    ),
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
    sheet: str | None,
    per_file: int | None,
    force: bool,
    jobs: int,
    shard: tuple[int, int],
    strict: bool,
) -> None:
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
                sheet=sheet,
                per_file=per_file,
                force=force,
                jobs=jobs,
                shard=shard,
                strict=strict,
            ),
        )
    )


def build_and_report(root: Path, options: Options) -> None:
    """Build, reporting each document as it is finished, then notes, warnings and the
    summary."""
    from modul.engine.builder import build

    with progress_report(root) as show:
        report = build(root, options, progress=show, waiting=say_waiting)
    for note in report.notes:
        click.echo(_("note: {note}").format(note=note), err=True)
    warn(report.warnings)
    if report.removed:
        number = len(report.removed)
        click.echo(
            ngettext(
                "removed {count} file of an earlier build that this build does not make, "
                "e.g. {file}",
                "removed {count} files of an earlier build that this build does not make, "
                "e.g. {file}",
                number,
            ).format(count=number, file=relative(report.removed[0], root))
        )
    click.echo(summary(report, root))


def summary(report: BuildReport, root: Path) -> str:
    """The last line of a build: what was written, what was already up to date, where."""
    written, pages = len(report.documents), report.pages
    parts = [
        ngettext("{count} document written", "{count} documents written", written).format(
            count=written
        ),
        ngettext("{count} page", "{count} pages", pages).format(count=pages),
    ]
    if report.skipped:
        parts.insert(1, _("{count} unchanged").format(count=report.skipped))
    done = _("Done: {parts} in {seconds} s, in {folder}/").format(
        parts=", ".join(parts),
        seconds=decimal(report.seconds, 1),
        folder=relative(Folders(root).build, root),
    )
    warned = len(report.warnings)
    if not warned:
        return done
    return (
        done
        + " "
        + ngettext(
            "({count} warning, shown above)", "({count} warnings, shown above)", warned
        ).format(count=warned)
    )


def say_waiting() -> None:
    click.echo(_("another modul build is writing to build/: waiting until it is done …"), err=True)


@click.command(
    name="clean",
    short_help=N_("Delete the files modul wrote to build/."),
    help=N_(
        "Delete the files modul wrote to build/ (as its list of written files has them), "
        "and nothing else."
    ),
)
@project_option
def clean_command(project: Path | None) -> None:
    from modul.engine.manifest import clean

    root = project_root(project)
    removed, damaged = run(lambda: clean(root, waiting=say_waiting))
    warn(damaged)
    number = len(removed)
    click.echo(
        ngettext(
            "Removed {count} file modul had written.",
            "Removed {count} files modul had written.",
            number,
        ).format(count=number)
    )


@click.command(
    name="check",
    short_help=N_("Check content and layouts; write nothing."),
    help=N_("Check all content and layouts without writing any PDF."),
)
@project_option
@click.option(
    "--layout",
    is_flag=True,
    help=N_(
        "Also lay out every document (in memory, a few seconds) and report what looks "
        "wrong on the pages, with the YAML line that causes it."
    ),
)
@strict_option
@jobs_option
def check_command(project: Path | None, layout: bool, strict: bool, jobs: int) -> None:
    from modul.engine.builder import check_project
    from modul.engine.options import Options

    root = project_root(project)
    report = run(lambda: check_project(root, Options(strict=strict, jobs=jobs), layout=layout))
    warn(report.warnings)
    counts = [
        ngettext("{count} role", "{count} roles", report.roles).format(count=report.roles),
        ngettext("{count} region", "{count} regions", report.regions).format(count=report.regions),
        ngettext("{count} document", "{count} documents", report.documents).format(
            count=report.documents
        ),
    ]
    warned = len(report.warnings)
    click.echo(
        (
            ngettext(
                "OK: {counts} checked, no problems found, {count} warning.",
                "OK: {counts} checked, no problems found, {count} warnings.",
                warned,
            )
            if warned
            else _("OK: {counts} checked, no problems found.")
        ).format(counts=", ".join(counts), count=warned)
    )


@click.command(
    name="merge",
    short_help=N_("Join the build/ folders of a build shared among computers."),
    help=N_(
        "Join into this project's build/ the build/ folders PART… of a build shared among "
        "computers (each made by `modul build` for its part, from the same project): every "
        "file they made is copied in and their records of written files are joined, so "
        "that a later `modul build` or `modul clean` knows them all."
    ),
)
@project_option
@click.argument(
    "parts",
    nargs=-1,
    required=True,
    metavar=N_("PART…"),
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def merge_command(project: Path | None, parts: tuple[Path, ...]) -> None:
    from modul.commands.merge import merge

    root = project_root(project)
    copied = run(lambda: merge(root, list(parts)))
    number = len(copied)
    click.echo(
        ngettext(
            "Merged: {count} file copied into build/.",
            "Merged: {count} files copied into build/.",
            number,
        ).format(count=number)
    )
