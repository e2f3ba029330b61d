"""`modul build`: the command that makes PDFs, its progress and its summary."""

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
        "Also bind each role's documents into two packets, each with a cover, a "
        "foreword, a table of contents and one running page number: paket-fasilitator.pdf "
        "(every document, in the order of the day) and buku-peserta.pdf (the worksheets)."
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
