"""What every command shares: the common options, running a library call with a
clean message instead of a traceback, and printing problems."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from modul import i18n
from modul.errors import EXIT_BUG, EXIT_INTERRUPTED, STOPPED, ModulError, Problem
from modul.folders import Folders, find_root
from modul.i18n import N_, _, ngettext

T = TypeVar("T")
WHOLE = re.compile(r"^[0-9]+$")  # ASCII digits: str.isdigit() also takes "²"


class ShardType(click.ParamType):  # type: ignore[type-arg]
    name = "shard"

    def convert(self, value: object, param: object, ctx: object) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        index, _slash, count = str(value).partition("/")
        if not (WHOLE.match(index) and WHOLE.match(count) and 1 <= int(index) <= int(count)):
            self.fail(_("{value} is not I/N with 1 ≤ I ≤ N, e.g. 2/4").format(value=repr(value)))
        return int(index), int(count)


SHARD = ShardType()


class Whole(click.ParamType):  # type: ignore[type-arg]
    """A whole number from `low` to `high`, said in words (click's IntRange prints
    `[1<=x<=256]` into the help, and in English)."""

    name = "integer"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(self, value: object, param: object, ctx: object) -> int:
        if isinstance(value, int):
            return value
        if not (WHOLE.match(str(value)) and self.low <= int(str(value)) <= self.high):
            self.fail(
                _("{value} is not a whole number from {low} to {high}").format(
                    value=repr(value), low=self.low, high=self.high
                )
            )
        return int(str(value))


project_option = click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar=N_("FOLDER"),
    help=N_(
        "Project folder (with content/ and layouts/). Default: the current folder or the "
        "nearest parent that has them."
    ),
)
role_option = click.option(
    "--role",
    "roles",
    multiple=True,
    metavar=N_("ROLE"),
    help=N_("Only this role (file name in content/roles/ without .yaml). Repeat for several."),
)
region_option = click.option(
    "--region",
    "regions",
    multiple=True,
    metavar=N_("REGION"),
    help=N_(
        "Only this region (folder name in content/regions/, or `nasional` for the national "
        "set). Repeat for several."
    ),
)
strict_option = click.option(
    "--strict",
    is_flag=True,
    help=N_(
        "Treat warnings (layout check, fonts, unused worksheet parts) as errors: exit 1, "
        "and write no document that has one."
    ),
)
doc_option = click.option(
    "--doc",
    "kinds",
    multiple=True,
    metavar=N_("DOCUMENT"),
    help=N_(
        "Only this document, by its file name (lembar-kerja, tes-awal, daftar-hadir, …) "
        "or its id in layouts/default/catalog.yaml (worksheet, …). Repeat for several."
    ),
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=Whole(1, 256),
    default=os.cpu_count() or 1,
    metavar="N",
    show_default=N_("number of cores"),
    help=N_("Processes working at the same time (1 to 256)."),
)


def choose_language(explicit: str | None = None, root: Path | None = None) -> None:
    """Speak `--lang`, else MODUL_LANG, else the project's `bahasa_pesan:`, else Indonesian, and
    show the help texts in it. `--lang` is kept in the command's context for the rest of
    the command (a project named by --project is read later)."""
    context = click.get_current_context(silent=True)
    meta = context.find_root().meta if context else {}
    if explicit:
        meta["modul.lang"] = explicit
    explicit = meta.get("modul.lang")
    if root is None:
        try:
            root = find_root(Path.cwd())
        except ModulError:
            root = None
    i18n.use(i18n.chosen(explicit, project_language(root) if root else None))
    if context:
        translate_help(context.find_root().command)


def project_language(root: Path) -> str | None:
    """The `bahasa_pesan:` line of content/workshop.yaml (once `bahasa:`), read without
    the YAML parser: it decides the language of `--help`, which must answer at once."""
    try:
        text = Folders(root).content.joinpath("workshop.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^bahasa(?:_pesan)?:[ \t]*[\"']?([A-Za-z]+)", text, re.MULTILINE)
    return found.group(1) if found else None


def translate_help(command: click.Command | None) -> None:
    """Show the help texts, written in English in the code, in the chosen language."""
    if command is None:
        return
    for item in [command, *command.params]:
        for name in ("help", "short_help", "metavar", "show_default"):
            english = vars(item).setdefault(f"_english_{name}", getattr(item, name, None))
            if isinstance(english, str) and english:
                setattr(item, name, _(english))
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def project_root(project: Path | None) -> Path:
    root = run(lambda: find_root(project or Path.cwd()))
    if project is not None:
        choose_language(root=root)
    return root


def run(action: Callable[[], T]) -> T:
    """Run a library call; a ModulError becomes its message and exit code, no traceback."""
    try:
        return action()
    except ModulError as err:
        explain(err)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        stopped()
    except Exception as err:  # a bug in modul: say so plainly, details on request
        if interrupted(err):
            stopped()
        if os.environ.get("MODUL_DEBUG"):
            raise
        click.echo(
            _(
                "modul: unexpected error: {error}\n"
                "    this is a bug in modul, not a mistake in your files; please report it "
                "with the command you ran\n    (set MODUL_DEBUG=1 to see the details)"
            ).format(error=f"{type(err).__name__}: {err}"),
            err=True,
        )
        sys.exit(EXIT_BUG)


def stopped() -> NoReturn:
    """Ctrl-C: one line, and the exit code shells give it."""
    click.echo(_(STOPPED), err=True)
    sys.exit(EXIT_INTERRUPTED)


def interrupted(err: BaseException) -> bool:
    """Whether Ctrl-C caused `err`: one pressed while a module is imported can reach
    here wrapped in another error (RuntimeError: Error calling __set_name__ …)."""
    seen: set[int] = set()
    cause: BaseException | None = err
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def explain(err: ModulError) -> None:
    click.echo(str(err), err=True)
    if len(err.problems) > 1:
        number = len(err.problems)
        click.echo(
            ngettext("{count} problem found.", "{count} problems found.", number).format(
                count=number
            ),
            err=True,
        )


def warn(warnings: list[Problem]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)
