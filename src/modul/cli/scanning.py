"""`modul scan`: photographed or scanned forms read into the results workbook."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from modul.cli.common import project_option, project_root, run
from modul.errors import EXIT_INPUT, relative
from modul.i18n import N_


@click.command(
    name="scan",
    short_help=N_("Read photographed or scanned forms into the results workbook."),
    help=N_(
        "Read every photo (.jpg, .jpeg, .png) and scanned PDF in FOLDER: the Tes Awal, Tes "
        "Akhir and Formulir Evaluasi printed by modul, found by their corner markers and "
        "QR code. The ticked answers are written into the results workbook's empty cells "
        "(what a person typed stays, unless --replace); a mark that cannot be decided (two "
        "boxes, a faint or erased mark) is left empty and listed in the sheet Tinjauan, "
        "with a picture of it in a folder beside the workbook.\n\n"
        "Exit code 1 when a page could not be read (each is named in the summary)."
    ),
)
@project_option
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), metavar=N_("FOLDER"))
@click.option(
    "--into",
    "workbook",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("WORKBOOK"),
    help=N_("The results workbook (hasil/EDITION/ROLE.xlsx, made by `modul report --new`)."),
)
@click.option(
    "--replace",
    is_flag=True,
    help=N_("Write the forms' answers over answers typed in the workbook that differ."),
)
def scan_command(project: Path | None, folder: Path, workbook: Path, replace: bool) -> None:
    root = project_root(project)
    from modul.scan import crops_folder, project_maps, scan_folder, summary_lines

    summary = run(lambda: scan_folder(root, folder, workbook, project_maps(root), replace))
    crops = relative(crops_folder(workbook), root)
    for line in summary_lines(summary, relative(workbook, root), crops):
        click.echo(line)
    if summary.problems:
        sys.exit(EXIT_INPUT)
