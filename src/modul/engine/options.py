"""What a build is asked to make: one typed, frozen set of options from the command line
(or a Python caller) to the engine, checked here once for combinations that cannot work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from modul import paper as papers
from modul.errors import EXIT_USAGE, ModulError, Problem
from modul.i18n import _


class UsageError(ModulError):
    """Options that do not go together: exit 2, like a mistyped option."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, kw_only=True)
class Options:
    """See `modul build --help`. Empty selections mean everything."""

    regions: Sequence[str] = ()  # `nasional` for the national set
    roles: Sequence[str] = ()
    kinds: Sequence[str] = ()  # document kinds of the layout's catalog
    paper: str | None = None  # instead of the theme's and regions'; with booklet: the sheet
    booklet: bool = False
    packet: bool = False
    participants: int | None = None  # run-sheet copies, instead of the workshop plan's
    fillable: bool = False
    roster: Path | None = None  # participant list (Excel workbook or CSV)
    sheet: str | None = None  # the workbook's sheet to read; None: its first visible one
    per_file: int | None = None  # participants per print file of the list; None: one file
    force: bool = False
    jobs: int = 1  # documents laid out at the same time
    shard: tuple[int, int] = (1, 1)  # build only the i-th of n stable slices
    strict: bool = False  # warnings are errors; no document with one is written
    # preview, serve and watch: a --roster build's files (named certificates, each
    # participant's copies) are left as they are, never made again without the names
    keep_named: bool = False

    def __post_init__(self) -> None:
        for name in ("regions", "roles", "kinds"):  # a list given is kept as a tuple
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.paper is not None:  # "f4", "letter": paper names in any case
            object.__setattr__(self, "paper", papers.canonical(self.paper))

    def check(self) -> None:
        """Raise UsageError for values or combinations that cannot be built."""
        index, count = self.shard
        problems = []
        if not 1 <= index <= count:
            problems.append(
                (
                    f"--shard {index}/{count}",
                    _("the first number must be from 1 to the second"),
                    _("e.g. 2/4"),
                )
            )
        if self.paper is not None and self.paper not in papers.NAMES:
            problems.append(
                (
                    f"--paper {self.paper}",
                    _("unknown paper size"),
                    _("choose from: {choices}").format(choices=", ".join(papers.NAMES)),
                )
            )
        if self.booklet and self.paper == papers.BOOKLET_PAGE:
            problems.append(
                (
                    "--booklet --paper A5",
                    _(
                        "with --booklet, --paper is the sheet the A5 pages are printed on, "
                        "two to a side"
                    ),
                    _("use A4, F4 or Letter"),
                )
            )
        if self.jobs < 1:
            problems.append(
                (f"--jobs {self.jobs}", _("not a number of processes"), _("use 1 or more"))
            )
        if self.participants is not None and not 1 <= self.participants <= 10000:
            problems.append(
                (
                    f"--participants {self.participants}",
                    _("out of range"),
                    _("use a number from 1 to 10000"),
                )
            )
        if self.sheet is not None and self.roster is None:
            problems.append(
                (
                    f"--sheet {self.sheet}",
                    _("names a sheet of the participant list, but no list is given"),
                    _("give the list with --roster, or leave --sheet out"),
                )
            )
        if self.per_file is not None and self.per_file < 1:
            problems.append((f"--per-file {self.per_file}", _("out of range"), _("use 1 or more")))
        if problems:
            raise UsageError(
                [
                    Problem("modul", message=f"{option}: {message}", hint=hint)
                    for option, message, hint in problems
                ]
            )

    def fingerprint(self, roster: str) -> str:
        """What besides the input files decides a document's bytes (`roster`: the
        participant list's hash)."""
        return (
            f"paper={self.paper}|booklet={self.booklet}|fillable={self.fillable}|"
            f"participants={self.participants}|roster={roster}|sheet={self.sheet}|"
            f"per_file={self.per_file}"
        )
