"""The commands around a project: init, new, list, schema, show, diff, preview."""

from __future__ import annotations

import re
from pathlib import Path

import click

from modul.catalog import NATIONAL
from modul.cli.common import Whole, project_option, project_root, run
from modul.errors import relative
from modul.i18n import N_, _


@click.command(
    name="init",
    short_help=N_("Create a ready project to start from."),
    help=N_(
        "Create a ready project in FOLDER (default: here): content for three roles, the "
        "default layouts, example regions and a short README for trainers."
    ),
)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(folder: Path) -> None:
    from modul.commands.new import init

    created = run(lambda: init(folder))
    for path in created:
        click.echo(_("created {file}").format(file=path))
    # in quotes when it has spaces: `cd "Pelatihan Kupang 2026"` works in every shell
    shown = str(folder) if re.fullmatch(r"[\w./\\:-]+", str(folder)) else f'"{folder}"'
    step = "" if folder == Path(".") else f"cd {shown} && "
    click.echo(_("next: {command}").format(command=f"{step}modul build"))


@click.command(
    name="new",
    short_help=N_("Start a new role or region from a template."),
    help=N_(
        "Start a new role (content/roles/NAME.yaml) or region (content/regions/NAME/) "
        "from a file that explains every field. NAME: lowercase words joined by hyphens, "
        "e.g. pendamping-desa or jawa-tengah."
    ),
)
@project_option
@click.argument("kind", type=click.Choice(["role", "region"]))
@click.argument("slug", metavar=N_("NAME"))
def new_command(project: Path | None, kind: str, slug: str) -> None:
    from modul.commands.new import new_region, new_role

    root = project_root(project)
    path = run(lambda: (new_role if kind == "role" else new_region)(root, slug))
    click.echo(
        _("created {file}: fill it in, then run `modul check`").format(file=relative(path, root))
    )


@click.command(
    name="preview",
    short_help=N_("Write PNG pictures of a document's pages."),
    help=N_(
        "Write PNG pictures of a document's pages to build/preview/ and print their "
        "paths (the document is built first if it is out of date). ROLE: a file name in "
        "content/roles/ without .yaml. DOCUMENT: a file name of the kit without .pdf "
        "(bahan-bacaan, lembar-kerja, panduan-fasilitator, jadwal-pelaksanaan, "
        "daftar-hadir, tes-awal, tes-akhir, formulir-evaluasi, sertifikat, tanda-pengenal) "
        "or its id in layouts/default/catalog.yaml."
    ),
)
@project_option
@click.argument("role", metavar=N_("ROLE"))
@click.argument("kind", metavar=N_("DOCUMENT"))
@click.option(
    "--region",
    default=NATIONAL,
    metavar=N_("REGION"),
    show_default=True,
    help=N_("The region whose document to show."),
)
@click.option(
    "--page",
    type=Whole(1, 9999),
    default=None,
    metavar="N",
    help=N_("Only this page (default: all)."),
)
def preview_command(
    project: Path | None, role: str, kind: str, region: str, page: int | None
) -> None:
    from modul.commands.preview import preview

    root = project_root(project)
    for path in run(lambda: preview(root, role, kind, region=region, page=page)):
        click.echo(relative(path, root))


@click.command(
    name="list",
    short_help=N_("List roles, regions, documents and files."),
    help=N_("List the roles, regions and documents, and the files a build writes."),
)
@project_option
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON, for scripts."))
def list_command(project: Path | None, as_json: bool) -> None:
    import json

    from modul.commands.inventory import describe, inventory

    root = project_root(project)
    found = run(lambda: inventory(root))
    click.echo(
        json.dumps(found, indent=2, ensure_ascii=False)
        if as_json
        else "\n".join(describe(found, root))
    )


@click.command(
    name="schema",
    short_help=N_("Write JSON Schemas for editors (VS Code)."),
    help=N_(
        "Write JSON Schemas of the content files to schema/, for editors such as VS Code "
        "(with the YAML extension) to complete keys and mark mistakes while you type."
    ),
)
@project_option
def schema_command(project: Path | None) -> None:
    from modul.content.schema import write_schemas

    root = project_root(project)
    for path in run(lambda: write_schemas(root)):
        click.echo(relative(path, root))


@click.command(
    name="show",
    short_help=N_("Print a role's content and where it came from."),
    help=N_(
        "Print a role's content as the documents use it, with the file and line each "
        "value comes from (national file or region's change)."
    ),
)
@project_option
@click.argument("role", metavar=N_("ROLE"))
@click.option(
    "--region",
    default=NATIONAL,
    metavar=N_("REGION"),
    show_default=True,
    help=N_("The region whose content to show."),
)
def show_command(project: Path | None, role: str, region: str) -> None:
    from modul.content import provenance
    from modul.content.loading import load_project

    root = project_root(project)
    loaded = run(lambda: load_project(root))
    click.echo("\n".join(run(lambda: provenance.show(loaded.provenance, role, region))))


@click.command(
    name="diff",
    short_help=N_("List what a region changes."),
    help=N_("List what a region changes relative to the national content."),
)
@project_option
@click.argument("region", metavar=N_("REGION"))
def diff_command(project: Path | None, region: str) -> None:
    from modul.content import provenance
    from modul.content.loading import load_project

    root = project_root(project)
    loaded = run(lambda: load_project(root))
    click.echo("\n".join(run(lambda: provenance.diff(loaded.provenance, region))))
