"""The `modul` command line: a thin click layer over the library API. The only package
that imports click; each command turns its options into one typed library call.

Library modules are imported inside the commands: `modul --help` and a build where
nothing changed then start without loading pydantic, Jinja2 or ReportLab.
"""

from __future__ import annotations

import click

from modul.catalog import VERSION
from modul.cli import building, project, watching


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="modul")
def cli() -> None:
    """Build the printed kit of a training workshop for each job role (Bahan Bacaan,
    Lembar Kerja, Panduan Fasilitator, Jadwal Pelaksanaan, Daftar Hadir, Tes Awal and
    Tes Akhir, Formulir Evaluasi, Sertifikat, Kartu Nama) from the role content in
    content/ and the layouts in layouts/.

    Start with `modul init` (a ready project) or `modul build` (in a project).

    Exit codes: 0 done, 1 content or layout needs fixing, 2 wrong command-line options,
    3 a PDF could not be written, 4 a bug in modul, 130 stopped with Ctrl-C.
    """


for command in (
    building.build_command,
    watching.watch_command,
    watching.serve_command,
    building.check_command,
    building.clean_command,
    project.init_command,
    project.new_command,
    project.preview_command,
    project.list_command,
    project.schema_command,
    project.show_command,
    project.diff_command,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="modul")
