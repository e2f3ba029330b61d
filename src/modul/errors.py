"""Errors a trainer can fix. Anything else that escapes is a bug in modul."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal, Self, TypeVar

from modul.i18n import N_, _

T = TypeVar("T")

# Exit codes, documented in the README.
EXIT_OK = 0
EXIT_INPUT = 1  # content, theme or layout needs fixing
EXIT_USAGE = 2  # wrong command-line options (click's own code)
EXIT_OUTPUT = 3  # a PDF could not be written (permissions, full disk)
EXIT_BUG = 4  # an unexpected error: a bug in modul, not in the user's files
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
STOPPED = N_("stopped: PDFs written before stay as they were, none is half-written")

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    file: str
    line: int = 0  # 1-based; 0 when the problem concerns the whole file
    column: int = 0
    message: str = ""
    hint: str = ""
    severity: Severity = "error"  # a warning is printed; nothing stops

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def as_error(self) -> Problem:
        """The same finding, no longer a warning (for --strict)."""
        return replace(self, severity="error")

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        said = _("warning: {message}").format(message=self.message) if self.is_warning else ""
        text = f"{where}: {said or self.message}"
        return text + "\n    " + _("fix: {hint}").format(hint=self.hint) if self.hint else text


def warning(
    file: str, line: int = 0, column: int = 0, message: str = "", hint: str = ""
) -> Problem:
    """A finding worth printing that does not stop the build (unless --strict)."""
    return Problem(file, line, column, message, hint, "warning")


class ModulError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="modul", message=problems)]
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(
        cls, file: str, line: int = 0, column: int = 0, message: str = "", hint: str = ""
    ) -> Self:
        """The error of a single problem."""
        return cls([Problem(file, line, column, message, hint)])


class ProblemList(ModulError):
    """Problems collected while loading; callers gather them into one ModulError (one
    that escapes is reported like any other)."""


class OutputError(ModulError):
    exit_code = EXIT_OUTPUT


@lru_cache(maxsize=1 << 16)  # a national build names 15,000 documents, several times each
def relative(path: Path, root: Path) -> str:
    """A path as the user sees it: relative to the project when inside it (a link is
    named where it stands, not where it points)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def collect(problems: list[Problem], load: Callable[[], T]) -> T | None:
    """Run one loading step, adding its problems to `problems` instead of stopping."""
    try:
        return load()
    except ModulError as err:
        problems += err.problems
        return None
