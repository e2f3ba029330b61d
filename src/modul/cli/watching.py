"""The commands that keep building while the trainer edits: watch and serve."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from modul.cli.building import build_and_report
from modul.cli.common import (
    Whole,
    doc_option,
    explain,
    jobs_option,
    project_option,
    project_root,
    region_option,
    role_option,
    run,
    warn,
)
from modul.errors import ModulError, relative
from modul.i18n import N_, _, decimal

if TYPE_CHECKING:
    from modul.commands.serve import Status

poll_option = click.option(
    "--poll",
    is_flag=True,
    help=N_(
        "Look at the files for changes instead of waiting for the system to report them: "
        "for folders on a network drive or shared with a virtual machine."
    ),
)


@click.command(
    name="watch",
    short_help=N_("Build again each time a file is saved."),
    help=N_(
        "Build, then build again each time a file in content/ or layouts/ is saved, until "
        "Ctrl-C. Only the documents whose inputs changed are made again; a mistake is "
        "printed and watching goes on."
    ),
)
@project_option
@region_option
@role_option
@doc_option
@jobs_option
@poll_option
def watch_command(
    project: Path | None,
    regions: tuple[str, ...],
    roles: tuple[str, ...],
    kinds: tuple[str, ...],
    jobs: int,
    poll: bool,
) -> None:
    from modul.commands.watch import watch
    from modul.engine.options import Options

    root = project_root(project)
    options = Options(regions=regions, roles=roles, kinds=kinds, jobs=jobs, keep_named=True)

    def rebuild() -> None:
        try:
            build_and_report(root, options)
        except ModulError as err:
            explain(err)
        except Exception as err:  # watching must survive a bug in modul too
            message = _("modul: unexpected error: {error}")
            click.echo(message.format(error=f"{type(err).__name__}: {err}"), err=True)
        click.echo(_("watching content/ and layouts/ (Ctrl-C to stop)"))

    try:
        watch(root, rebuild, say_changed(root), poll=poll)
    except KeyboardInterrupt:
        click.echo(_("stopped watching"))


@click.command(
    name="serve",
    short_help=N_("Show the documents in the web browser, made again on every save."),
    help=N_(
        "Build, then show every edition, role and document in the web browser, with the "
        "mistakes and warnings to fix on top; each time a file in content/ or layouts/ is "
        "saved, the documents are made again and the page follows by itself. A role with a "
        "results workbook (hasil/EDITION/ROLE.xlsx) also has its Laporan Pelatihan, made "
        "again each time the workbook is saved. The page is served on this computer only "
        "(127.0.0.1), until Ctrl-C."
    ),
)
@project_option
@region_option
@role_option
@doc_option
@jobs_option
@poll_option
@click.option(
    "--port",
    type=Whole(0, 65535),
    default=None,
    metavar="N",
    help=N_("Port of the page (default: 8000, or a free one if 8000 is taken; 0: a free one)."),
)
@click.option("--open", "open_page", is_flag=True, help=N_("Open the page in the web browser."))
def serve_command(
    project: Path | None,
    regions: tuple[str, ...],
    roles: tuple[str, ...],
    kinds: tuple[str, ...],
    jobs: int,
    poll: bool,
    port: int | None,
    open_page: bool,
) -> None:
    import webbrowser

    from modul.commands.serve import start
    from modul.engine.options import Options

    root = project_root(project)
    options = Options(regions=regions, roles=roles, kinds=kinds, jobs=jobs, keep_named=True)
    serving = run(
        lambda: start(
            root, options, port=port, poll=poll, on_build=say_built, on_change=say_changed(root)
        )
    )
    click.echo(_("serving {url} on this computer only (Ctrl-C to stop)").format(url=serving.url))
    if open_page:
        webbrowser.open(serving.url)
    try:
        serving.run()
    except KeyboardInterrupt:
        click.echo(_("stopped serving"))


def say_changed(root: Path) -> Callable[[list[Path]], None]:
    def changed(paths: list[Path]) -> None:
        names = ", ".join(relative(p, root) for p in paths[:3])
        click.echo(_("changed: {files}").format(files=names + (" …" if len(paths) > 3 else "")))

    return changed


def say_built(status: Status) -> None:
    """One line per build in the terminal; the page shows the details."""
    if status.errors:
        warn(list(status.errors))
        click.echo(_("not built: fix the mistakes above (also shown on the page)"), err=True)
        return
    warn(list(status.warnings))
    click.echo(
        _("built: {written} written, {unchanged} unchanged, in {seconds} s").format(
            written=status.written, unchanged=status.unchanged, seconds=decimal(status.seconds, 1)
        )
    )
    for shelf in status.shelves:
        if shelf.laporan and shelf.laporan.problems:
            warn(list(shelf.laporan.problems))
            click.echo(_("Laporan Pelatihan not made again: fix the workbook"), err=True)
