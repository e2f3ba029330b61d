"""Every chosen document's markup, edition by edition: in this process, or for a
national project in the build's worker processes, eight editions at a time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from modul.content.model import Edition
from modul.content.participants import Roster
from modul.engine.options import Options
from modul.errors import Problem, collect
from modul.folders import Folders
from modul.layout import sandbox
from modul.layout.catalog import Catalog, DocumentKind
from modul.layout.data import Items, freeze
from modul.layout.documents import (
    PacketTarget,
    Target,
    document_markup,
    edition_theme,
    pack,
    search_path,
    written_markup,
)
from modul.layout.languages import Spoken, spoken
from modul.layout.theme import Theme
from modul.typeset.glyphs import Coverage

Foreign = dict[tuple[str, ...], tuple[Coverage, set[str]]]  # by fonts: characters they lack


PARALLEL_FROM = 300  # documents: fewer are rendered faster here than workers are fed
EDITIONS_PER_JOB = 8


@dataclass(frozen=True)
class Rendering:
    """What rendering an edition's documents needs, besides the edition."""

    root: Path
    options: Options
    catalog: Catalog
    labels: dict[str, dict[str, str] | None]
    people_list: Roster | None
    participants: int | None
    roles: list[str]
    kinds: list[DocumentKind]
    keep: bool = True  # the markup, for laying out; a plain check only counts targets

    @cached_property
    def roster(self) -> Items:
        """The participants as templates see them, frozen once for every document."""
        return freeze(self.people_list.participants if self.people_list else [])  # type: ignore[no-any-return]


@dataclass
class Rendered:
    targets: list[Target] = field(default_factory=list)
    packets: list[PacketTarget] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    foreign: Foreign = field(default_factory=dict)

    def add(self, other: Rendered) -> None:
        self.targets += other.targets
        self.packets += other.packets
        self.problems += other.problems
        for fonts, (coverage, found) in other.foreign.items():
            self.foreign.setdefault(fonts, (coverage, set()))[1].update(found)


class Ahead:
    """Editions sent to the workers as soon as they are loaded, eight at a time, while
    the main process reads the rest; `render` takes the jobs over when it is asked for
    the same editions with the same `Rendering` (else they are cancelled)."""

    def __init__(self, pool: Executor | None, plan: Callable[[Edition], Rendering | None]):
        self.pool, self.plan = pool, plan  # plan: the Rendering, given the first edition
        self.how: Rendering | None = None
        self.waiting: list[Edition] = []
        self.jobs: list[tuple[list[Edition], Future[Rendered]]] = []

    def loaded(self, edition: Edition) -> None:
        if self.pool is None:
            return
        if self.how is None:
            self.how = self.plan(edition)
        how = self.how
        if how is None or how.options.packet:
            self.pool = None  # nothing is sent ahead
            return
        if how.options.regions and edition.slug not in how.options.regions:
            return
        self.waiting.append(edition)
        sent = len(self.jobs) * EDITIONS_PER_JOB + len(self.waiting)
        if _documents(how, sent) < PARALLEL_FROM:
            return  # a small project: rendered here, after loading
        while len(self.waiting) >= EDITIONS_PER_JOB:
            editions = self.waiting[:EDITIONS_PER_JOB]
            del self.waiting[:EDITIONS_PER_JOB]
            job = self.pool.submit(_render_editions, how, editions)
            self.jobs.append((editions, job))

    def take(self, how: Rendering, editions: list[Edition]) -> list[Future[Rendered]]:
        """The jobs sent for the first of `editions`, in order (`cancel` drops the rest)."""
        taken: list[Future[Rendered]] = []
        if how == self.how:
            for sent, job in self.jobs:
                asked = editions[len(taken) * EDITIONS_PER_JOB :][: len(sent)]
                if len(asked) != len(sent) or any(a is not b for a, b in zip(asked, sent)):
                    break
                taken.append(job)
        self.jobs = self.jobs[len(taken) :]
        return taken

    def cancel(self) -> None:
        """Cancel what no one has taken, and send nothing more."""
        for _, job in self.jobs:
            job.cancel()
        self.pool, self.jobs, self.waiting = None, [], []


def render(
    how: Rendering, editions: list[Edition], pool: Executor | None, ahead: Ahead | None = None
) -> Rendered:
    """Every document's markup, in the order of `editions`. Packets render their front
    later, in this process (its template environment cannot be sent to a worker)."""
    parallel = not how.options.packet and _documents(how, len(editions)) >= PARALLEL_FROM
    started = ahead.take(how, editions) if ahead and pool and parallel else []
    if ahead:
        ahead.cancel()
    if pool is None or not parallel:
        return _render_editions(how, editions)
    rendered = Rendered()
    jobs = started + [
        pool.submit(_render_editions, how, editions[at : at + EDITIONS_PER_JOB])
        for at in range(len(started) * EDITIONS_PER_JOB, len(editions), EDITIONS_PER_JOB)
    ]
    for job in jobs:
        rendered.add(job.result())
    return rendered


def _documents(how: Rendering, editions: int) -> int:
    return editions * len(how.roles) * len(how.kinds)


Environments = dict[tuple[Path, ...], SandboxedEnvironment]  # by search path


def _render_editions(how: Rendering, editions: list[Edition]) -> Rendered:
    rendered, environments = Rendered(), Environments()
    for edition in editions:
        _render_edition(how, edition, rendered, environments)
    return rendered


@dataclass(frozen=True)
class _Setting:
    """What every document of one edition is rendered with."""

    edition: Edition
    env: SandboxedEnvironment
    theme: Theme
    sheet: str | None  # the booklet's sheet, if any
    sheet_theme: Theme | None  # with a booklet, the theme on its sheet: for loose documents
    spoken: Spoken  # the labels by audience (participants', facilitators')
    extra: dict[str, Any]  # participants, roster

    def document_extra(self, audience: str) -> dict[str, Any]:
        return {**self.extra, **self.spoken.extra(audience)}


def _render_edition(
    how: Rendering, edition: Edition, into: Rendered, environments: Environments
) -> None:
    """Render the chosen documents (and packet fronts) of one edition into `into`, with
    the template environments of this build."""
    root, options = how.root, how.options
    themed = collect(
        into.problems, partial(edition_theme, root, edition, options.paper, options.booklet)
    )
    labels = spoken(how.labels, edition, how.catalog)
    if themed is None or labels is None:
        return
    search = search_path(root, edition)
    if search not in environments:  # each template read once a build
        environments[search] = sandbox.environment(search, root)
    extra = {
        "participants": how.participants or edition.workshop.pelaksanaan.jumlah_peserta,
        "roster": how.roster,
    }
    sheet = themed[1].sheet
    loose = sheet and any(kind.loose for kind in how.kinds)  # laid out on the sheet itself
    flat_theme = edition_theme(root, edition, sheet)[0] if loose else None
    setting = _Setting(edition, environments[search], themed[0], sheet, flat_theme, labels, extra)
    for role in how.roles:
        for kind in how.kinds:
            _render_document(how, setting, role, kind, into)
        if options.packet:
            _render_packet_front(how, setting, role, into)


def _render_document(
    how: Rendering, setting: _Setting, role: str, kind: DocumentKind, into: Rendered
) -> None:
    edition, words = setting.edition, setting.spoken.words[kind.audience]
    extra = setting.document_extra(kind.audience)
    written = collect(
        into.problems,
        partial(written_markup, setting.env, how.root, edition, role, kind, words, **extra),
    )
    if written is None:
        return
    text, tree = written
    add_foreign(into.foreign, setting.theme, text, tree)
    path = Folders(how.root).output(edition.slug, role, kind.file)
    line = (  # on the pages without a "Nama" field: the running head names the rest
        words.get("participant_line") or "{nama}"
        if how.people_list and kind.filled_in and not kind.anonymous
        else ""
    )
    loose = kind.loose or tree.get("orientation") == "landscape"  # never imposed
    flat = None if loose else setting.sheet
    theme = setting.sheet_theme if kind.loose and setting.sheet_theme else setting.theme
    packed = pack(text) if how.keep else b""
    into.targets.append(Target(edition.slug, role, kind, path, packed, theme, flat, line))


def _render_packet_front(how: Rendering, setting: _Setting, role: str, into: Rendered) -> None:
    """Each packet's front is rendered once its documents' pages are known; once here,
    to check it."""
    edition, catalog = setting.edition, how.catalog
    for kind in catalog.all_packets:
        words = setting.spoken.words[kind.audience]
        names = {k.id: words.get(k.label, k.id) for k in catalog.documents}
        marking = str(words.get("packet_not_for_participants", ""))
        marking = marking if kind.audience == "facilitator" else ""
        packet = {
            "audience": kind.audience,
            "inserts": [names[name] for name in kind.inserts if name in names],
            "marking": marking,
        }
        front = partial(
            document_markup,
            setting.env,
            how.root,
            edition,
            role,
            kind,
            words,
            packet=packet,
            **setting.document_extra(kind.audience),
        )
        sample = [
            {"name": names[k.id], "first_page": 2, "sections": []}
            for k in catalog.packet_documents(kind)
            if k in how.kinds
        ]
        if collect(into.problems, partial(front, parts=sample, apart=[])) is None:
            continue
        path = Folders(how.root).output(edition.slug, role, kind.file)
        into.packets.append(
            PacketTarget(
                edition.slug,
                role,
                kind,
                path,
                setting.theme,
                front,
                names,
                folio=words.get("packet_page_label", "{page}"),
                footer=marking or None,
                booklet_sheet=setting.sheet,
            )
        )


def add_foreign(foreign: Foreign, theme: Theme, text: str, tree: ET.Element) -> None:
    """Add the characters of a document (markup `text`, parsed into `tree`) that its
    theme's own font lacks: characters, not texts, are kept (a national build has 15,000
    documents)."""
    fonts = (theme.fonts.regular, *theme.fonts.fallback)
    coverage, found = foreign.setdefault(fonts, (Coverage(fonts), set()))
    if "&#" in text or not coverage.has_ascii:  # the tree's texts, not the markup's
        text = "\n".join(t for e in tree.iter() for t in (e.text, e.tail, *e.attrib.values()) if t)
    found |= coverage.foreign(text)  # the markup's own signs are ASCII: never foreign
