"""The commands around a build: check (write nothing), clean (remove what modul wrote)
and merge (join the parts of a build shared among computers)."""

from __future__ import annotations

from pathlib import Path

import click

from modul.cli.building import say_waiting
from modul.cli.common import jobs_option, project_option, project_root, run, strict_option, warn
from modul.i18n import N_, _, ngettext


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
