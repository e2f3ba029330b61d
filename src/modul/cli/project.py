"""The commands around a project: init, new, list, schema, show, diff, preview."""

from __future__ import annotations

import re
from pathlib import Path

import click

from modul.catalog import NATIONAL
from modul.cli.common import project_option, project_root, run
from modul.errors import relative


@click.command(name="init", short_help="Create a ready project to start from.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(folder: Path) -> None:
    """Create a ready project in FOLDER (default: here): content for three roles, the
    default layouts, example regions and a short README for trainers."""
    from modul.commands.new import init

    created = run(lambda: init(folder))
    for path in created:
        click.echo(f"created {path}")
    # in quotes when it has spaces: `cd "Pelatihan Kupang 2026"` works in every shell
    shown = str(folder) if re.fullmatch(r"[\w./\\:-]+", str(folder)) else f'"{folder}"'
    step = "" if folder == Path(".") else f"cd {shown} && "
    click.echo(f"next: {step}modul build")


@click.command(name="new", short_help="Start a new role or region from a template.")
@project_option
@click.argument("kind", type=click.Choice(["role", "region"]))
@click.argument("slug")
def new_command(project: Path | None, kind: str, slug: str) -> None:
    """Start a new role (content/roles/SLUG.yaml) or region (content/regions/SLUG/) from
    a file that explains every field. SLUG: lowercase words joined by hyphens."""
    from modul.commands.new import new_region, new_role

    root = project_root(project)
    path = run(lambda: (new_role if kind == "role" else new_region)(root, slug))
    click.echo(f"created {relative(path, root)}: fill it in, then run `modul check`")


@click.command(name="preview", short_help="Write PNG pictures of a document's pages.")
@project_option
@click.argument("role")
@click.argument("kind", metavar="DOC")
@click.option(
    "--region",
    default=NATIONAL,
    metavar="SLUG",
    show_default=True,
    help="The region whose document to show.",
)
@click.option("--page", type=click.IntRange(1), default=None, help="Only this page (default: all).")
def preview_command(
    project: Path | None, role: str, kind: str, region: str, page: int | None
) -> None:
    """Write PNG pictures of a document's pages to build/preview/ and print their paths
    (the document is built first if it is out of date). DOC: handout, worksheet, guide,
    runsheet or another `id` of layouts/default/catalog.yaml."""
    from modul.commands.preview import preview

    root = project_root(project)
    for path in run(lambda: preview(root, role, kind, region=region, page=page)):
        click.echo(relative(path, root))


@click.command(name="list", short_help="List roles, regions, documents and files.")
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def list_command(project: Path | None, as_json: bool) -> None:
    """List the roles, regions and document kinds, and the files a build writes."""
    import json

    from modul.commands.inventory import describe, inventory

    root = project_root(project)
    found = run(lambda: inventory(root))
    click.echo(
        json.dumps(found, indent=2, ensure_ascii=False) if as_json else "\n".join(describe(found))
    )


@click.command(name="schema", short_help="Write JSON Schemas for editors (VS Code).")
@project_option
def schema_command(project: Path | None) -> None:
    """Write JSON Schemas of the content files to schema/, for editors such as VS Code
    (with the YAML extension) to complete keys and mark mistakes while you type."""
    from modul.content.schema import write_schemas

    root = project_root(project)
    for path in run(lambda: write_schemas(root)):
        click.echo(relative(path, root))


@click.command(name="show", short_help="Print a role's content and where it came from.")
@project_option
@click.argument("role")
@click.option(
    "--region",
    default=NATIONAL,
    metavar="SLUG",
    show_default=True,
    help="The region whose merged content to show.",
)
def show_command(project: Path | None, role: str, region: str) -> None:
    """Print a role's content as the documents use it, with the file and line each value
    comes from (national file or region overlay)."""
    from modul.content import provenance
    from modul.content.loading import load_project

    root = project_root(project)
    loaded = run(lambda: load_project(root))
    click.echo("\n".join(run(lambda: provenance.show(loaded.provenance, role, region))))


@click.command(name="diff", short_help="List what a region changes.")
@project_option
@click.argument("region")
def diff_command(project: Path | None, region: str) -> None:
    """List what a region changes relative to the national content."""
    from modul.content import provenance
    from modul.content.loading import load_project

    root = project_root(project)
    loaded = run(lambda: load_project(root))
    click.echo("\n".join(run(lambda: provenance.diff(loaded.provenance, region))))
