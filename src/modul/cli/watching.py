"""The commands that keep building while the trainer edits: watch (and serve)."""

from __future__ import annotations

from pathlib import Path

import click

from modul.cli.building import build_and_report
from modul.cli.common import (
    doc_option,
    explain,
    jobs_option,
    project_option,
    project_root,
    region_option,
    role_option,
)
from modul.errors import ModulError, relative


@click.command(name="watch", short_help="Build again each time a file is saved.")
@project_option
@region_option
@role_option
@doc_option
@jobs_option
def watch_command(
    project: Path | None,
    regions: tuple[str, ...],
    roles: tuple[str, ...],
    kinds: tuple[str, ...],
    jobs: int,
) -> None:
    """Build, then build again each time a file in content/ or layouts/ is saved, until
    Ctrl-C. Only the documents whose inputs changed are made again; a mistake is printed
    and watching goes on."""
    from modul.commands.watch import watch
    from modul.engine.options import Options

    root = project_root(project)
    options = Options(regions=regions, roles=roles, kinds=kinds, jobs=jobs)

    def rebuild() -> None:
        try:
            build_and_report(root, options)
        except ModulError as err:
            explain(err)
        except Exception as err:  # watching must survive a bug in modul too
            click.echo(f"modul: unexpected error: {type(err).__name__}: {err}", err=True)
        click.echo("watching content/ and layouts/ (Ctrl-C to stop)")

    def changed(paths: list[Path]) -> None:
        names = ", ".join(relative(p, root) for p in paths[:3])
        click.echo(f"changed: {names}{' …' if len(paths) > 3 else ''}")

    try:
        watch(root, rebuild, changed)
    except KeyboardInterrupt:
        click.echo("stopped watching")
