"""`modul report`: a new results workbook for a role in an edition, and a filled-in one
read back and summed up."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

from modul.catalog import NATIONAL
from modul.content.loading import load_project
from modul.content.model import Edition
from modul.content.participants import read_roster
from modul.content.workbook import thousands
from modul.engine.options import UsageError
from modul.errors import ModulError, Problem, relative
from modul.i18n import _, ngettext
from modul.output import write_atomic
from modul.results.model import Results, same_name
from modul.results.plan import plan
from modul.results.reader import read_results
from modul.results.writer import workbook_bytes

RESULTS = "hasil"  # the project's folder of results workbooks, beside build/
MARK = re.compile(r"^modul:([a-z0-9-]+)/([a-z0-9-]+)$")  # the workbook's keywords


def results_path(root: Path, edition: str, role: str) -> Path:
    return root / RESULTS / edition / f"{role}.xlsx"


def new_workbook(
    root: Path, region: str, role: str, roster: Path | None = None, sheet: str | None = None
) -> Path:
    """Write hasil/<edition>/<role>.xlsx for the trainer to fill in; never over one that
    is there."""
    edition = choose(root, region, role)
    path = results_path(root, edition.slug, role)
    shown = relative(path, root)
    if path.exists() or path.is_symlink():
        raise ModulError.one(
            shown,
            message=_("this results workbook exists already; modul never writes over one"),
            hint=_(
                "open it and go on filling it in; to start afresh, move it out of {folder}/ "
                "first (the answers in it stay yours)"
            ).format(folder=relative(path.parent, root)),
        )
    people: list[tuple[str, str]] = []
    if roster is not None:
        found = read_roster(roster, relative(roster, root), sheet)
        people = distinct([(p.nama, p.asal) for p in found.participants])
    write_atomic(path, workbook_bytes(plan(edition, role), people), root, RESULTS)
    return path


def distinct(people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The roster's names told apart, since the sheets pair a participant's rows by name:
    a name given twice gets its place in brackets, and its number on the list too when
    the place is the same (or none)."""
    names = Counter(same_name(name) for name, _place in people)
    both = Counter((same_name(name), same_name(place)) for name, place in people)
    told = []
    for number, (name, place) in enumerate(people, 1):
        if names[same_name(name)] > 1:
            alike = both[same_name(name), same_name(place)] > 1
            mark = ", ".join(filter(None, [place, str(number) if alike else ""]))
            name = f"{name} ({mark})"
        told.append((name, place))
    return told


def choose(root: Path, region: str, role: str) -> Edition:
    """The edition and role asked for, each known; a usage error with the closest name."""
    project = load_project(root)
    edition = project.editions.get(region)
    problems = []
    if edition is None:
        message = _("unknown region `{name}`").format(name=region)
        problems.append(_unknown("--region", region, list(project.editions), message))
    roles = (edition or project.national).roles
    if role not in roles:
        message = _("unknown role `{name}`").format(name=role)
        problems.append(_unknown("--role", role, list(roles), message))
    if problems or edition is None:
        raise UsageError(problems)
    return edition


def _unknown(option: str, name: str, known: list[str], message: str) -> Problem:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return Problem(
        option,
        message=message,
        hint=_("did you mean `{suggestion}`?").format(suggestion=close[0])
        if close
        else _("choose from: {choices}").format(choices=", ".join(known)),
    )


def open_results(root: Path, file: Path, region: str | None, role: str | None) -> Results:
    """The workbook `file` read back, for the edition and role it was made for: those
    given, else those it records, else those of its place hasil/<edition>/<role>.xlsx."""
    return open_edition_results(root, file, region, role)[1]


def open_edition_results(
    root: Path, file: Path, region: str | None, role: str | None
) -> tuple[Edition, Results]:
    """The edition the workbook `file` is for, and the workbook read back (`open_results`)."""
    recorded = _recorded(file)
    given = region is not None and role is not None
    region = region or (recorded[0] if recorded else _from_place(file)[0])
    role = role or (recorded[1] if recorded else _from_place(file)[1])
    try:
        edition = choose(root, region, role)
    except UsageError as err:
        if given or recorded:
            raise
        raise ModulError.one(
            relative(file, root),
            message=_("cannot tell which role and region this workbook is for"),
            hint=_("say them: --role ROLE --region REGION (nasional for the national set)"),
        ) from err
    return edition, read_results(file, edition, role, relative(file, root))


def _recorded(file: Path) -> tuple[str, str] | None:
    from zipfile import BadZipFile, ZipFile

    try:
        with ZipFile(file) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, BadZipFile):
        return None
    found = re.search(r"<cp:keywords>([^<]*)</cp:keywords>", core)
    mark = MARK.match(found.group(1).strip()) if found else None
    return (mark.group(1), mark.group(2)) if mark else None


def _from_place(file: Path) -> tuple[str, str]:
    parent = file.resolve().parent.name
    return (parent if parent != RESULTS else NATIONAL), file.stem


def summary(results: Results) -> list[str]:
    """What `modul report FILE` prints until the report itself is written."""
    people = len(results.attendees)
    lines = [
        ngettext("{count} participant", "{count} participants", people).format(
            count=thousands(people)
        ),
        _("{test}: {count} of {total} answered").format(
            test=results.pretest.sheet,
            count=thousands(len(results.pretest.rows)),
            total=thousands(people),
        ),
        _("{test}: {count} of {total} answered").format(
            test=results.posttest.sheet,
            count=thousands(len(results.posttest.rows)),
            total=thousands(people),
        ),
        ngettext("{count} evaluation form", "{count} evaluation forms", len(results.forms)).format(
            count=len(results.forms)
        ),
    ]
    return lines + [_("note: {note}").format(note=note) for note in results.notes]
