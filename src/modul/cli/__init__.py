"""The `modul` command line: a thin click layer over the library API. The only package
that imports click; each command turns its options into one typed library call.

Library modules are imported inside the commands: `modul --help` and a build where
nothing changed then start without loading pydantic, Jinja2 or ReportLab.

Help texts are written in English and shown in the chosen language (`modul.i18n`).
"""

from __future__ import annotations

import click

from modul.catalog import VERSION
from modul.cli import around, building, project, reporting, scanning, watching
from modul.cli.common import choose_language, stopped, translate_help
from modul.cli.streams import guard_standard_streams
from modul.i18n import LANGUAGES, N_


def _set_language(context: click.Context, parameter: click.Parameter, value: str | None) -> None:
    if value:
        choose_language(explicit=value)


class _Modul(click.Group):
    def invoke(self, context: click.Context) -> object:
        """A command stopped with Ctrl-C where `run` does not see it (click would say
        "Aborted!" and exit 1)."""
        try:
            return super().invoke(context)
        except KeyboardInterrupt:
            stopped()


@click.group(
    cls=_Modul,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "Build the printed kit of a training workshop for each job role (Bahan Bacaan, "
        "Lembar Kerja, Panduan Fasilitator, Jadwal Pelaksanaan, Daftar Hadir, Tes Awal and "
        "Tes Akhir, Formulir Evaluasi, Sertifikat, Tanda Pengenal) from the role content in "
        "content/ and the layouts in layouts/.\n\n"
        "Start with `modul init` (a ready project) or `modul build` (in a project).\n\n"
        "Exit codes: 0 done, 1 content or layout needs fixing, 2 wrong command-line "
        "options, 3 a PDF could not be written, 4 a bug in modul, 130 stopped with Ctrl-C."
    ),
)
@click.version_option(VERSION, prog_name="modul")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    is_eager=True,
    expose_value=False,
    callback=_set_language,
    help=N_(
        "Language of modul's messages: id (Bahasa Indonesia) or en (English). Default: "
        "MODUL_LANG, else `bahasa_pesan:` in content/workshop.yaml, else id."
    ),
)
def cli() -> None:
    choose_language()  # every command, also when the CLI is called from Python


for command in (
    building.build_command,
    watching.watch_command,
    watching.serve_command,
    around.check_command,
    around.clean_command,
    around.merge_command,
    project.init_command,
    project.new_command,
    project.preview_command,
    project.list_command,
    project.schema_command,
    project.show_command,
    project.diff_command,
    reporting.report_command,
    scanning.scan_command,
):
    cli.add_command(command)


def main() -> None:
    guard_standard_streams()  # a closed or full output, or `| head`, never stops a build
    choose_language()
    translate_help(cli)  # `modul --help` is answered before any command runs
    cli(prog_name="modul")
