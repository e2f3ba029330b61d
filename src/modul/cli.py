"""The `modul` command line: a thin click layer over the library API."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from modul.catalog import NATIONAL, PAPER_MM, VERSION
from modul.errors import EXIT_BUG, EXIT_INTERRUPTED, ModulError, Problem, relative
from modul.folders import Folders, find_root

if TYPE_CHECKING:
    from modul.engine.builder import BuiltDocument
    from modul.engine.options import Options

T = TypeVar("T")

# Library modules are imported inside the commands: `modul --help` and a build where
# nothing changed then start without loading pydantic, Jinja2 or ReportLab.


class ShardType(click.ParamType):  # type: ignore[type-arg]
    name = "shard"

    def convert(self, value: object, param: object, ctx: object) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        index, _, count = str(value).partition("/")
        if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            self.fail(f"{value!r} is not I/N with 1 ≤ I ≤ N, e.g. 2/4")
        return int(index), int(count)


SHARD = ShardType()
project_option = click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (with content/ and layouts/). Default: the current folder or the "
    "nearest parent that has them.",
)
role_option = click.option(
    "--role",
    "roles",
    multiple=True,
    metavar="SLUG",
    help="Only this role (file name in content/roles/ without .yaml). Repeat for several.",
)
region_option = click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="SLUG",
    help="Only this region (folder name in content/regions/, or "
    "`nasional` for the national set). Repeat for several.",
)
strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (layout check, fonts, unused worksheet "
    "parts) as errors: exit 1, and write no document that has one.",
)
doc_option = click.option(
    "--doc",
    "kinds",
    multiple=True,
    metavar="DOC",
    help="Only this document kind (handout, worksheet, guide, "
    "runsheet: an `id` of layouts/default/catalog.yaml). Repeat for "
    "several.",
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Documents laid out at the same time.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="modul")
def cli() -> None:
    """Build printable training material (Bahan Bacaan, Lembar Kerja, Panduan Fasilitator)
    from the role content in content/ and the layouts in layouts/.

    Start with `modul init` (a ready project) or `modul build` (in a project).

    Exit codes: 0 done, 1 content or layout needs fixing, 2 wrong command-line options,
    3 a PDF could not be written, 4 a bug in modul, 130 stopped with Ctrl-C.
    """


@cli.command(name="build")
@project_option
@region_option
@role_option
@doc_option
@click.option(
    "--paper",
    type=click.Choice(list(PAPER_MM)),
    default=None,
    help="Paper size for every document, instead of the theme's or region's "
    "(F4 = 215 × 330 mm). With --booklet: the sheet size.",
)
@click.option(
    "--booklet",
    is_flag=True,
    help="Also write each document as an A5 booklet (<name>-buklet.pdf): pages "
    "two-up on landscape A4 (or F4) sheets, to print on both sides and fold.",
)
@click.option(
    "--packet",
    is_flag=True,
    help="Also join each role's documents into paket-pelatihan.pdf, with a cover, "
    "a table of contents and bookmarks.",
)
@click.option(
    "--participants",
    type=click.IntRange(1, 10000),
    default=None,
    metavar="N",
    help="Number of participants, for the copies to print on the run-sheet "
    "(default: jumlah_peserta in content/workshop.yaml).",
)
@click.option(
    "--fillable",
    is_flag=True,
    help="Also write each worksheet as a fillable PDF form (lembar-kerja-isian.pdf)"
    " that prints the same as the plain one.",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PESERTA.CSV",
    help="Participant list (CSV with a column `nama`, optional asal/organisasi/"
    "desa): one personalised worksheet per participant, and all in one print file.",
)
@click.option("--force", is_flag=True, help="Rebuild every document, also those up to date.")
@jobs_option
@click.option(
    "--shard",
    type=SHARD,
    default="1/1",
    metavar="I/N",
    help="Build only the I-th of N stable slices of the documents (for "
    "spreading one big build over machines).",
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
    force: bool,
    jobs: int,
    shard: tuple[int, int],
    strict: bool,
) -> None:
    """Check everything, then write the PDFs that are out of date: build/nasional/<role>/
    for the national set, build/<region>/<role>/ for each region.

    Nothing is written if any content or layout file has a problem. A document whose
    inputs did not change since it was written is skipped.
    """
    from modul.engine.options import Options

    root = _root(project)
    _run(
        lambda: _build_and_report(
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
                force=force,
                jobs=jobs,
                shard=shard,
                strict=strict,
            ),
        )
    )


@cli.command(name="watch")
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

    root = _root(project)
    options = Options(regions=regions, roles=roles, kinds=kinds, jobs=jobs)

    def rebuild() -> None:
        try:
            _build_and_report(root, options)
        except ModulError as err:
            _explain(err)
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


def _build_and_report(root: Path, options: Options) -> None:
    """Build, printing a line per document, notes, warnings and the summary."""
    from modul.engine.builder import build

    def show(document: BuiltDocument, number: int, total: int) -> None:
        click.echo(
            f"[{number}/{total}] {relative(document.path, root)}  "
            f"{count(document.pages, 'page')}  {document.seconds:.2f} s"
        )

    report = build(root, options, progress=show)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    _warn(report.warnings)
    if report.removed:
        click.echo(
            f"removed {count(len(report.removed), 'file')} of an earlier build that this "
            f"build does not make, e.g. {relative(report.removed[0], root)}"
        )
    unchanged = f", {report.skipped} unchanged" if report.skipped else ""
    click.echo(
        f"Done: {count(len(report.documents), 'document')} written{unchanged}, "
        f"{count(report.pages, 'page')} in {report.seconds:.1f} s, "
        f"in {relative(Folders(root).build, root)}/"
    )


@cli.command(name="clean")
@project_option
def clean_command(project: Path | None) -> None:
    """Delete the files modul wrote to build/ (as its manifest lists them), and nothing
    else."""
    from modul.engine.incremental import clean

    root = _root(project)
    removed = _run(lambda: clean(root))
    click.echo(f"Removed {count(len(removed), 'file')} modul had written.")


@cli.command(name="check")
@project_option
@click.option(
    "--layout",
    is_flag=True,
    help="Also lay out every document (in memory, a few seconds) and report "
    "what looks wrong on the pages, with the YAML line that causes it.",
)
@strict_option
@jobs_option
def check_command(project: Path | None, layout: bool, strict: bool, jobs: int) -> None:
    """Check all content and layouts without writing any PDF."""
    from modul.engine.builder import check_project
    from modul.engine.options import Options

    root = _root(project)
    report = _run(lambda: check_project(root, Options(strict=strict, jobs=jobs), layout=layout))
    _warn(report.warnings)
    warned = f", {count(len(report.warnings), 'warning')}" if report.warnings else ""
    click.echo(
        f"OK: {count(report.roles, 'role')}, {count(report.regions, 'region')}, "
        f"{count(report.documents, 'document')} checked, no problems found{warned}."
    )


@cli.command(name="init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(folder: Path) -> None:
    """Create a ready project in FOLDER (default: here): content for three roles, the
    default layouts, example regions and a short README for trainers."""
    from modul.commands.new import init

    created = _run(lambda: init(folder))
    for path in created:
        click.echo(f"created {path}")
    step = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"next: {step}modul build")


@cli.command(name="new")
@project_option
@click.argument("kind", type=click.Choice(["role", "region"]))
@click.argument("slug")
def new_command(project: Path | None, kind: str, slug: str) -> None:
    """Start a new role (content/roles/SLUG.yaml) or region (content/regions/SLUG/) from
    a file that explains every field. SLUG: lowercase words joined by hyphens."""
    from modul.commands.new import new_region, new_role

    root = _root(project)
    path = _run(lambda: (new_role if kind == "role" else new_region)(root, slug))
    click.echo(f"created {relative(path, root)}: fill it in, then run `modul check`")


@cli.command(name="preview")
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

    root = _root(project)
    for path in _run(lambda: preview(root, role, kind, region=region, page=page)):
        click.echo(relative(path, root))


@cli.command(name="list")
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def list_command(project: Path | None, as_json: bool) -> None:
    """List the roles, regions and document kinds, and the files a build writes."""
    import json

    from modul.commands.inventory import describe, inventory

    root = _root(project)
    found = _run(lambda: inventory(root))
    click.echo(
        json.dumps(found, indent=2, ensure_ascii=False) if as_json else "\n".join(describe(found))
    )


@cli.command(name="schema")
@project_option
def schema_command(project: Path | None) -> None:
    """Write JSON Schemas of the content files to schema/, for editors such as VS Code
    (with the YAML extension) to complete keys and mark mistakes while you type."""
    from modul.content.schema import write_schemas

    root = _root(project)
    for path in _run(lambda: write_schemas(root)):
        click.echo(relative(path, root))


@cli.command(name="show")
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

    root = _root(project)
    loaded = _run(lambda: load_project(root))
    click.echo("\n".join(_run(lambda: provenance.show(loaded.provenance, role, region))))


@cli.command(name="diff")
@project_option
@click.argument("region")
def diff_command(project: Path | None, region: str) -> None:
    """List what a region changes relative to the national content."""
    from modul.content import provenance
    from modul.content.loading import load_project

    root = _root(project)
    loaded = _run(lambda: load_project(root))
    click.echo("\n".join(_run(lambda: provenance.diff(loaded.provenance, region))))


def count(number: int, noun: str) -> str:
    """'1 page', '2 pages': the summaries are read by people."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _root(project: Path | None) -> Path:
    return _run(lambda: find_root(project or Path.cwd()))


def _run(action: Callable[[], T]) -> T:
    """Run a library call; a ModulError becomes its message and exit code, no traceback."""
    try:
        return action()
    except ModulError as err:
        _explain(err)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo("stopped: PDFs written before stay as they were, none is half-written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as err:  # a bug in modul: say so plainly, details on request
        if os.environ.get("MODUL_DEBUG"):
            raise
        click.echo(
            f"modul: unexpected error: {type(err).__name__}: {err}\n"
            "    this is a bug in modul, not a mistake in your files; please report it "
            "with the command you ran\n    (set MODUL_DEBUG=1 to see the details)",
            err=True,
        )
        sys.exit(EXIT_BUG)


def _explain(err: ModulError) -> None:
    click.echo(str(err), err=True)
    if len(err.problems) > 1:
        click.echo(f"{count(len(err.problems), 'problem')} found.", err=True)


def _warn(warnings: list[Problem]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


def main() -> None:
    cli(prog_name="modul")
