"""Targets: every edition (national, each region) × role × document kind, checked and
rendered to markup; and the pieces the engine (`engine.py`) builds PDFs with.

Rule for errors: all content and layouts are checked, and every document's markup is
rendered, before the first PDF is written. Any problem stops the build with nothing
written, so `build/` never mixes fresh and stale documents from one run. (Only a failure
while writing, such as a full disk, can stop a build part-way; each PDF is still either
the old one or the complete new one.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2.sandbox import SandboxedEnvironment

from modul import content, layout, markup
from modul.catalog import KINDS, PACKET, DocumentKind
from modul.errors import ModulError, Problem, relative
from modul.glyphs import Coverage, glyph_warnings
from modul.model import Edition, Project
from modul.regions import LAYOUT_FOLDER
from modul.source import ProblemList
from modul.theme import Theme, load_theme, scaled

if TYPE_CHECKING:
    from modul.layoutcheck import LayoutLog
    from modul.roster import Roster

T = TypeVar("T")
FIT_SCALES = (1, 0.9, 0.8, 0.7)  # text sizes tried for a document that must fit its pages


@dataclass(frozen=True)
class Target:
    """One PDF to write, the markup it is made from and the theme it is set in."""

    edition: str
    role: str
    kind: DocumentKind
    path: Path
    markup: ET.Element
    theme: Theme
    booklet_sheet: str | None = None  # paper of the sheets to impose A5 pages on, if any
    roster_line: str = ""  # header of personalised copies: "Peserta: {nama} · … · workshop"


@dataclass(frozen=True)
class PacketTarget:
    """A role's documents joined behind a cover and contents; the front is rendered once
    the documents' page numbers are known."""

    edition: str
    role: str
    path: Path
    theme: Theme
    front: Callable[..., ET.Element]  # front(parts=[…]) → markup
    names: dict[str, str]  # document kind → its name in the labels


@dataclass(frozen=True)
class Setup:
    """Everything a build reads, loaded and checked once."""

    project: Project
    targets: list[Target]
    packets: list[PacketTarget]
    roster: Roster | None = None
    warnings: list[Problem] = field(default_factory=list)  # printed, but nothing stops


def check(root: Path, *, regions: Iterable[str] = (), roles: Iterable[str] = (),
          kinds: Iterable[str] = (), paper: str | None = None, booklet: bool = False,
          packet: bool = False, participants: int | None = None,
          roster: Path | None = None) -> Setup:
    """Load and check all content and layouts and render all markup; write nothing.

    `paper` replaces the theme's and regions' paper; with `booklet`, pages are A5 and
    `paper` (or the region's, or A4) is the sheet they are printed two-up on. With
    `packet`, each role's documents are also joined into a workshop packet.
    `participants` replaces the number in the workshop plan (run-sheet copies); a
    `roster` (CSV) of participants personalises the worksheets.
    """
    problems: list[Problem] = []
    project = _collect(problems, lambda: content.load_project(root))
    labels = {path.stem: _collect(problems, partial(layout.load_labels, root, path.stem))
              for path in sorted(layout.labels_folder(root).glob("*.yaml"))}
    people_list = _collect(problems, partial(_read_roster, roster, root)) if roster else None
    if project is None:
        raise ModulError(problems)
    if people_list:
        participants = participants or len(people_list.participants)
    editions = _select(list(project.editions), regions, "region")
    selected_roles = _select(list(project.roles), roles, "role")
    selected_kinds = [k for k in KINDS if k.id in _select([k.id for k in KINDS], kinds,
                                                          "document")]
    targets, packets = [], []
    environments: dict[tuple[Path, ...], SandboxedEnvironment] = {}  # compile templates once
    for slug in editions:
        edition = project.editions[slug]
        sheet = None
        if booklet:
            sheet = paper or (edition.region.kertas if edition.region else None) or "A4"
        theme = _collect(problems, partial(_theme, root, edition, "A5" if booklet else paper))
        words = labels.get(edition.language)
        if theme is None or words is None:
            continue
        if edition.region:
            words = {**words, **edition.region.label}
        search = tuple(_search_path(root, edition))
        if search not in environments:
            environments[search] = layout.environment(list(search))
        env = environments[search]
        people = participants or edition.workshop.pelaksanaan.jumlah_peserta
        for role in selected_roles:
            for kind in selected_kinds:
                tree = _collect(problems, partial(_markup, env, root, edition, role, kind, words,
                                                  participants=people))
                if tree is not None:
                    path = root / "build" / slug / role / kind.filename
                    line = (f"{words.get('participant_line', '')} · {edition.workshop.judul}"
                            if people_list and kind.id == "worksheet" else "")
                    targets.append(Target(slug, role, kind, path, tree, theme, sheet, line))
            if packet:
                front = partial(_markup, env, root, edition, role, PACKET, words,
                                participants=people)
                names = {k.id: words.get(k.label, k.id) for k in KINDS}
                sample = [{"name": names[k.id], "first_page": 2, "sections": []}
                          for k in selected_kinds]  # renders the front once, to check it
                if _collect(problems, partial(front, parts=sample)) is not None:
                    path = root / "build" / slug / role / PACKET.filename
                    packets.append(PacketTarget(slug, role, path, theme, front, names))
    if problems:  # a layout mistake shows up once per document: report it once
        raise ModulError(list({(p.file, p.line, p.message): p for p in problems}.values()))
    unused = [w for slug in editions for w in [
        *content.unused_worksheet_parts(project.editions[slug]),
        *content.placeholder_texts(project.editions[slug])]]
    return Setup(project, targets, packets, people_list,
                 sorted(set(unused + _glyph_warnings(root, targets, people_list, roster))))


def _glyph_warnings(root: Path, targets: list[Target], people: Roster | None,
                    roster: Path | None) -> list[Problem]:
    """Characters a theme's own font lacks, where they are written."""
    texts: dict[Coverage, list[str]] = {}
    for target in targets:
        fonts = target.theme.fonts
        found = texts.setdefault(Coverage((fonts.regular, *fonts.fallback)), [])
        found += target.markup.itertext()
        found += (value for element in target.markup.iter() for value in element.attrib.values())
    names = [f"{p.nama} {p.asal}" for p in people.participants] if people else []
    sources = [roster] if roster else []
    sources += sorted(p for folder in ("content", "layouts") for p in (root / folder).rglob("*")
                      if p.suffix in (".yaml", ".j2") and p.is_file())
    return [w for coverage, found in texts.items()
            for w in glyph_warnings([*found, *names], coverage, sources, root)]


def _read_roster(path: Path, root: Path) -> Roster:
    from modul.roster import read_roster

    return read_roster(path, relative(path, root))


def _theme(root: Path, edition: Edition, paper: str | None) -> Theme:
    overlay = edition.folder / LAYOUT_FOLDER / "theme.yaml" if edition.folder else None
    paper = paper or (edition.region.kertas if edition.region else None)
    return load_theme(layout.theme_folder(root), root, overlay=overlay, paper=paper)


def _search_path(root: Path, edition: Edition) -> list[Path]:
    """Templates are looked up in the region's `layout/` first, then in the theme."""
    own = [edition.folder / LAYOUT_FOLDER] if edition.folder else []
    return [p for p in own if p.is_dir()] + [layout.theme_folder(root)]


def _markup(env: SandboxedEnvironment, root: Path, edition: Edition, role: str,
            kind: DocumentKind, labels: dict[str, str], **extra: Any) -> ET.Element:
    if kind.label not in labels:
        raise ProblemList([Problem("layouts/labels/id.yaml",
                                   message=f"label `{kind.label}` is missing",
                                   hint=f"add `{kind.label}:` with the name of the document")])
    context = {"role": edition.roles[role], "workshop": edition.workshop,
               "worksheet": edition.worksheet, "region": edition.region,
               "logo": relative(edition.logo, root) if edition.logo else "",
               "t": labels, "document_name": labels[kind.label], **extra}
    text = layout.render(env, kind.template, context, root)
    template = Path(env.get_template(kind.template).filename or kind.template)
    return markup.parse(text, template, root)


def _render(document: ET.Element, theme: Theme, path: Path, *, root: Path,
            fillable: bool = False, log: LayoutLog | None = None) -> tuple[bytes, int]:
    """Lay out one document's markup: its PDF bytes and number of pages; `fillable` adds
    form fields over the writing spaces and tick boxes. A document marked `fit-pages="N"`
    (the one-page run-sheet) is set smaller, down to 70 %, until it fits on N pages."""
    wanted = int(document.get("fit-pages", "0"))
    for factor in FIT_SCALES if wanted else (1,):
        if log:
            log.restart()  # only the findings of the layout that is kept count
        pdf, pages = _render_once(document, scaled(theme, factor), path, root=root,
                                  fillable=fillable, log=log)
        if pages <= wanted:
            break
    if log and wanted and pages > wanted:
        log.too_many_pages(pages, wanted)
    return pdf, pages


def _render_once(document: ET.Element, theme: Theme, path: Path, *, root: Path,
                 fillable: bool, log: LayoutLog | None) -> tuple[bytes, int]:
    from reportlab.platypus.doctemplate import LayoutError  # only when PDFs are made

    from modul.pdf import render_pdf
    from modul.typeset import Typesetter

    typesetter = Typesetter(theme, root, fillable=fillable)
    try:
        return render_pdf(typesetter.flowables(document), theme=theme,
                          fonts=typesetter.font, faces=typesetter.faces, info=document.attrib,
                          log=log)
    except LayoutError as err:
        raise ModulError([Problem(
            relative(path, root), message=f"cannot lay out the page: {err}",
            hint="a table cell or box is taller than a page; shorten its text or split "
            "it into several items")]) from None


def _collect(problems: list[Problem], load: Callable[[], T]) -> T | None:
    """Run one loading step, adding its problems to `problems` instead of stopping."""
    try:
        return load()
    except (ProblemList, ModulError) as err:
        problems += err.problems
        return None


def _select(available: list[str], wanted: Iterable[str], what: str) -> list[str]:
    wanted = list(wanted)
    unknown = [w for w in wanted if w not in available]
    if unknown:
        raise ModulError([Problem("modul", message=f"unknown {what} `{u}`",
                                  hint=f"choose from: {', '.join(available)}")
                          for u in unknown])
    return [a for a in available if not wanted or a in wanted]
