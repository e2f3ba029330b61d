"""What every command shares: the common options, running a library call with a
clean message instead of a traceback, and printing problems."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from modul.errors import EXIT_BUG, EXIT_INTERRUPTED, ModulError, Problem
from modul.folders import find_root

T = TypeVar("T")
WHOLE = re.compile(r"^[0-9]+$")  # ASCII digits: str.isdigit() also takes "²"


class ShardType(click.ParamType):  # type: ignore[type-arg]
    name = "shard"

    def convert(self, value: object, param: object, ctx: object) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        index, _, count = str(value).partition("/")
        if not (WHOLE.match(index) and WHOLE.match(count) and 1 <= int(index) <= int(count)):
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
    help="Only this document, by its file name (lembar-kerja, tes-awal, "
    "daftar-hadir, …) or its id in layouts/default/catalog.yaml (worksheet, …). "
    "Repeat for several.",
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Documents laid out at the same time.",
)


def count(number: int, noun: str) -> str:
    """'1 page', '2 pages': the summaries are read by people."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def project_root(project: Path | None) -> Path:
    return run(lambda: find_root(project or Path.cwd()))


def run(action: Callable[[], T]) -> T:
    """Run a library call; a ModulError becomes its message and exit code, no traceback."""
    try:
        return action()
    except ModulError as err:
        explain(err)
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


def explain(err: ModulError) -> None:
    click.echo(str(err), err=True)
    if len(err.problems) > 1:
        click.echo(f"{count(len(err.problems), 'problem')} found.", err=True)


def warn(warnings: list[Problem]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)
