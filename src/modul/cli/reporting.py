"""`modul report`: the results workbook after the workshop."""

from __future__ import annotations

from pathlib import Path

import click

from modul.catalog import NATIONAL
from modul.cli.common import project_option, project_root, run
from modul.errors import relative
from modul.i18n import N_, _


@click.command(
    name="report",
    short_help=N_("Make the results workbook, or read a filled-in one."),
    help=N_(
        "With --new: write the results workbook of a role, hasil/EDITION/ROLE.xlsx, to "
        "fill in after the workshop (attendance, Tes Awal and Tes Akhir answers, "
        "evaluation forms); a workbook that exists is never written over.\n\n"
        "With FILE: read a filled-in workbook, check every entry (a mistake is named by "
        "its sheet and cell) and print a short summary; then write the Laporan Pelatihan, "
        "build/EDITION/ROLE/laporan-pelatihan.pdf, and its figures as a workbook beside it, "
        "laporan-pelatihan.xlsx (a failed report leaves the last ones)."
    ),
)
@project_option
@click.argument(
    "file", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar=N_("FILE")
)
@click.option("--new", "new", is_flag=True, help=N_("Write a new, empty results workbook."))
@click.option(
    "--region",
    default=None,
    metavar=N_("REGION"),
    help=N_("The region (or `nasional`) of the workshop. With --new, default: nasional."),
)
@click.option(
    "--role",
    default=None,
    metavar=N_("ROLE"),
    help=N_("The role: a file name in content/roles/ without .yaml."),
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar=N_("FILE"),
    help=N_("With --new: the participant list (CSV or .xlsx) whose names to write in."),
)
@click.option(
    "--sheet",
    default=None,
    metavar=N_("NAME"),
    help=N_("With --roster: the sheet of the Excel workbook to read."),
)
def report_command(
    project: Path | None,
    file: Path | None,
    new: bool,
    region: str | None,
    role: str | None,
    roster: Path | None,
    sheet: str | None,
) -> None:
    if new == (file is not None):
        raise click.UsageError(_("give either --new (with --role) or the FILE to read"))
    root = project_root(project)
    if new:
        if role is None:
            raise click.UsageError(_("--new needs --role ROLE"))
        from modul.results import new_workbook

        path = run(lambda: new_workbook(root, region or NATIONAL, role, roster, sheet))
        click.echo(
            _("created {file}: fill it in, then run `modul report {file}`").format(
                file=relative(path, root)
            )
        )
        return
    assert file is not None
    from modul.results import open_edition_results, summary
    from modul.results.summary_workbook import write_laporan

    edition, results = run(lambda: open_edition_results(root, file, region, role))
    click.echo(relative(file, root))
    for line in summary(results):
        click.echo("  " + line)
    for written in run(lambda: write_laporan(root, edition, results)):
        click.echo(_("wrote {file}").format(file=relative(written, root)))
