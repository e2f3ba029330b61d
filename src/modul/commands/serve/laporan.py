"""The Laporan Pelatihan on `modul serve`'s shelves.

A role whose results workbook hasil/<edition>/<role>.xlsx exists has its report beside
its kit, made again after each build as `modul report FILE` makes it (PDF and xlsx) when
it is older than the workbook, or than any file in content/ and layouts/ (labels, the
template, the theme: the report is theirs too). The trainer types the answers in Excel,
saves, and the page follows, as it does for the content; nothing to remember to run, and
never a report older than its workbook on the page. A workbook with mistakes has them on
the page, each at its sheet and cell (`Tes Awal!D5`), and the last report that worked
stays; a bug in modul is said as one and serving goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from modul.commands.serve.status import Document, Laporan, Shelf
from modul.errors import ModulError, Problem, relative
from modul.folders import Folders
from modul.i18n import _

if TYPE_CHECKING:
    from modul.results.plan import Plan
    from modul.results.review import Item

Stamp = tuple[int, int]  # a file's time (ns) and size


def workbook(root: Path, shelf: Shelf) -> Path:
    from modul.results import results_path

    return results_path(root, shelf.edition, shelf.role)


def stamp(path: Path) -> Stamp | None:
    """When `path` was written and how long it is; None if it is not there."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size) if os.path.isfile(path) else None


def attach(root: Path, shelves: Iterable[Shelf], before: Iterable[Shelf] = ()) -> tuple[Shelf, ...]:
    """`shelves`, each with its Laporan Pelatihan when its results workbook exists (made
    again if out of date); `before`: the shelves of the last build, whose reading of a
    workbook that has not changed since is kept."""
    last = {(s.edition, s.role): s.laporan for s in before if s.laporan}
    newest: list[int] = []  # the newest input's time, looked up once if needed
    result = []
    for shelf in shelves:
        path = workbook(root, shelf)
        found = stamp(path)
        if found is None:
            result.append(replace(shelf, laporan=None))
            continue
        if not newest:
            newest.append(_newest_input(root))
        previous = last.get((shelf.edition, shelf.role))
        laporan = _laporan(root, shelf, path, found, newest[0], previous)
        result.append(replace(shelf, laporan=laporan))
    return tuple(result)


def _laporan(
    root: Path, shelf: Shelf, path: Path, found: Stamp, newest: int, previous: Laporan | None
) -> Laporan:
    from modul.results.report import REPORT
    from modul.results.summary_workbook import SUMMARY

    folders = Folders(root)
    made = [folders.output(shelf.edition, shelf.role, name) for name in (REPORT, SUMMARY)]
    times = [stamp(file) for file in made]
    stale = any(t is None or t[0] < max(found[0], newest) for t in times)
    if previous is not None and previous.stamp == found and not stale:
        laporan = previous
    else:
        laporan = _made(root, shelf, path, found, write=stale)
    names = (_report_name(root), _("Excel workbook"))
    documents = tuple(Document(n, file) for n, file in zip(names, made) if file.is_file())
    return replace(laporan, documents=documents)


def _made(root: Path, shelf: Shelf, path: Path, found: Stamp, *, write: bool) -> Laporan:
    """The workbook read (its notes or its mistakes, and the items left for review), and
    the report written if `write`."""
    from modul.results import read_results
    from modul.results.plan import plan
    from modul.results.summary_workbook import write_laporan
    from modul.results.workbook import choose

    planned: Plan | None = None
    review: tuple[Item, ...] = ()
    try:
        edition = choose(root, shelf.edition, shelf.role)
        planned = plan(edition, shelf.role)
        review = items(path, planned, relative(path, root))
        results = read_results(path, edition, shelf.role, relative(path, root))
        if write:
            write_laporan(root, edition, results)
    except ModulError as err:
        return Laporan(path, found, (), tuple(err.problems), review=review, plan=planned)
    except Exception as err:  # serving must survive a bug in modul too
        bug = Problem(
            "modul",
            message=_("unexpected error: {error}").format(error=f"{type(err).__name__}: {err}"),
            hint=_("this is a bug in modul, not a mistake in your files; please report it"),
        )
        return Laporan(path, found, (), (bug,))
    return Laporan(path, found, (), notes=results.notes, review=review, plan=planned)


def items(path: Path, planned: Plan, shown: str) -> tuple[Item, ...]:
    """The items of the sheet Tinjauan still open; none if the workbook cannot be read
    (said by reading it for the report)."""
    from modul.results.review import open_items

    try:
        return open_items(path, planned, shown)
    except ModulError:
        return ()


def _newest_input(root: Path) -> int:
    """The time (ns) of the newest file in content/ and layouts/ (a file removed while
    looking is passed over)."""
    files = (file for folder in Folders(root).watched for file in folder.rglob("*"))
    return max((found[0] for file in files if (found := stamp(file))), default=0)


def _report_name(root: Path) -> str:
    from modul.layout.labels import load_labels

    try:
        return load_labels(root).get("doc_report", "Laporan Pelatihan")
    except ModulError:
        return "Laporan Pelatihan"
