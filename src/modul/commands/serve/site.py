"""The site behind `modul serve`'s pages: the last build's outcome, replaced after
every build, and the shelves of documents it shows."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import replace
from pathlib import Path

from modul.catalog import NATIONAL
from modul.commands.serve import laporan
from modul.commands.serve.status import Document, Notice, Report, Shelf, Status
from modul.engine.builder import build
from modul.engine.options import Options
from modul.errors import ModulError, Problem, relative
from modul.i18n import _


class Site:
    """What the pages show, replaced after every build; page requests wait on it."""

    def __init__(self, root: Path, options: Options, on_build: Report | None = None) -> None:
        self.root = root
        self.options = options
        self.on_build = on_build
        self.closed = False
        self._status = Status(building=True)
        self._changed = threading.Condition()
        self._workbooks: dict[Path, laporan.Stamp | None] = {}  # as last looked at
        self.token = secrets.token_urlsafe(32)  # in every form of this server's pages
        self._notices: dict[str, Notice] = {}  # what became of the last review decisions

    @property
    def status(self) -> Status:
        return self._status

    def rebuild(self) -> None:
        """Build what is out of date and publish the outcome; never raises."""
        self._publish(replace(self._status, building=True))
        status = self._outcome()
        self._publish(status)
        if self.on_build:
            self.on_build(status)

    def _outcome(self) -> Status:
        try:
            report = build(self.root, self.options)
        except ModulError as err:  # the last build's documents stay on the page
            return replace(
                self._status,
                building=False,
                errors=tuple(err.problems),
                warnings=(),
                shelves=self._status.shelves or shelves(self.root, self.options),
            )
        except Exception as err:  # serving must survive a bug in modul too
            bug = Problem(
                "modul",
                message=_("unexpected error: {error}").format(error=f"{type(err).__name__}: {err}"),
                hint=_("this is a bug in modul, not a mistake in your files; please report it"),
            )
            return replace(self._status, building=False, errors=(bug,), warnings=())
        found = shelves(self.root, self.options) or self._status.shelves
        found = laporan.attach(self.root, found, self._status.shelves)
        for shelf in found:  # as read: a workbook saved since is a change
            path = laporan.workbook(self.root, shelf)
            self._workbooks[path] = shelf.laporan.stamp if shelf.laporan else None
        return Status(
            building=False,
            warnings=tuple(report.warnings),
            shelves=found,
            written=len(report.documents),
            unchanged=report.skipped,
            seconds=report.seconds,
            finished=time.time(),
        )

    def workbooks_changed(self) -> list[Path]:
        """The results workbooks of the shelves saved since they were last read or looked
        at (the watch loop asks five times a second: hasil/ is not watched, and may not
        exist yet)."""
        changed = []
        for shelf in self._status.shelves:
            path = laporan.workbook(self.root, shelf)
            now = laporan.stamp(path)
            if path in self._workbooks and self._workbooks[path] != now:
                changed.append(path)
            self._workbooks[path] = now
        return changed

    def reviewed(self, edition: str, role: str) -> None:
        """The review list of a workbook read again after a decision, on the page at once
        (the Laporan Pelatihan follows with the build its saved workbook starts)."""
        shelves = []
        for shelf in self._status.shelves:
            found = shelf.laporan
            if found and found.plan and (shelf.edition, shelf.role) == (edition, role):
                shown = relative(found.workbook, self.root)
                review = laporan.items(found.workbook, found.plan, shown)
                shelf = replace(shelf, laporan=replace(found, review=review))
            shelves.append(shelf)
        self._publish(replace(self._status, shelves=tuple(shelves)))

    def notify(self, notice: Notice) -> str:
        """Keep `notice` for the page a decision returns to; the name it is kept by."""
        name = secrets.token_urlsafe(6)
        self._notices = dict(list(self._notices.items())[-49:]) | {name: notice}
        return name

    def notice(self, name: str) -> Notice | None:
        return self._notices.get(name)

    def _publish(self, status: Status) -> None:
        with self._changed:
            self._status = replace(status, version=self._status.version + 1)
            self._changed.notify_all()

    def wait(self, version: int, timeout: float) -> Status:
        """The status once it is newer than `version` (or after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self._status.version != version or self.closed, timeout)
            return self._status

    def close(self) -> None:
        """Let every waiting event stream end."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def shelves(root: Path, options: Options) -> tuple[Shelf, ...]:
    """Every edition × role the options select, with its documents, in build order and
    under the names the trainer knows; empty if the content cannot be read."""
    from modul.commands.inventory import inventory
    from modul.engine.plan import plan

    try:
        planned = plan(root, options) or []
    except ModulError:
        return ()
    try:
        found = inventory(root)
    except ModulError:  # content with a mistake: the last build's files
        found = {"roles": [], "regions": [], "documents": _document_names(root)}
        planned = [target for target in planned if target.path.is_file()]
    roles = {r["slug"]: r["name"] for r in found["roles"]}
    editions = {r["slug"]: r["name"] for r in found["regions"]} | {NATIONAL: _("National")}
    labels = {d["file"]: d["name"] for d in found["documents"]}
    grouped: dict[tuple[str, str], list[Document]] = {}
    for target in planned:
        label = labels.get(target.path.name, target.path.stem)
        grouped.setdefault((target.edition, target.role), []).append(Document(label, target.path))
    return tuple(
        Shelf(edition, editions.get(edition, edition), role, roles.get(role, role), tuple(docs))
        for (edition, role), docs in grouped.items()
    )


def _document_names(root: Path) -> list[dict[str, str]]:
    """The documents' names from the layouts alone, when the content cannot be read."""
    from modul.layout.catalog import load_catalog
    from modul.layout.labels import load_labels

    try:
        words = load_labels(root)
        kinds = load_catalog(root).documents
    except ModulError:
        return []
    return [{"file": kind.file, "name": words.get(kind.label, kind.id)} for kind in kinds]
