"""Build targets: every role × document kind, from content and layouts to PDFs in `build/`.

Rule for errors: all content and layouts are checked, and every document's markup is
rendered, before the first PDF is written. Any problem stops the build with nothing
written, so `build/` never mixes fresh and stale documents from one run.
"""

from __future__ import annotations

import os
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from modul import content, layout, markup
from modul.errors import ModulError, OutputError, Problem, relative
from modul.model import Project
from modul.source import ProblemList
from modul.theme import Theme, load_theme

NATIONAL = "nasional"
T = TypeVar("T")


@dataclass(frozen=True)
class DocumentKind:
    id: str
    template: str
    filename: str
    label: str  # key of its display name in the labels file


KINDS = (
    DocumentKind("handout", "handout.xml.j2", "bahan-bacaan.pdf", "doc_handout"),
    DocumentKind("worksheet", "worksheet.xml.j2", "lembar-kerja.pdf", "doc_worksheet"),
    DocumentKind("guide", "guide.xml.j2", "panduan-fasilitator.pdf", "doc_guide"),
)


@dataclass(frozen=True)
class Target:
    """One PDF to write, and the markup it is made from."""

    role: str
    kind: DocumentKind
    path: Path
    markup: ET.Element


@dataclass(frozen=True)
class BuiltDocument:
    path: Path
    pages: int
    seconds: float


@dataclass(frozen=True)
class BuildReport:
    documents: list[BuiltDocument]
    seconds: float

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.documents)


@dataclass(frozen=True)
class Setup:
    """Everything a build reads, loaded and checked once."""

    project: Project
    theme: Theme
    labels: dict[str, str]
    targets: list[Target]


Progress = Callable[[BuiltDocument, int, int], None]


def check(root: Path, *, roles: Iterable[str] = (), kinds: Iterable[str] = ()) -> Setup:
    """Load and check all content and layouts and render all markup; write nothing."""
    problems: list[Problem] = []
    theme_dir = layout.theme_folder(root)
    project = _collect(problems, lambda: content.load_project(root))
    theme = _collect(problems, lambda: load_theme(theme_dir, root))
    labels = _collect(problems, lambda: layout.load_labels(root))
    if labels is not None:
        problems += [Problem("layouts/labels/id.yaml", message=f"label `{k.label}` is missing",
                             hint=f"add `{k.label}:` with the name of the document")
                     for k in KINDS if k.label not in labels]
    if problems or project is None or theme is None or labels is None:
        raise ModulError(problems)
    selected_roles = _select(list(project.roles), roles, "role")
    selected_kinds = _select([k.id for k in KINDS], kinds, "document")
    env = layout.environment([theme_dir])
    targets = []
    for slug in selected_roles:
        for kind in (k for k in KINDS if k.id in selected_kinds):
            context = {"role": project.roles[slug], "workshop": project.workshop,
                       "worksheet": project.worksheet, "t": labels,
                       "document_name": labels[kind.label]}
            try:
                text = layout.render(env, kind.template, context, root)
                tree = markup.parse(text, theme_dir / kind.template, root)
            except ProblemList as err:
                problems += err.problems
                continue
            path = root / "build" / NATIONAL / slug / kind.filename
            targets.append(Target(slug, kind, path, tree))
    if problems:  # a layout mistake shows up once per role: report it once
        raise ModulError(list({(p.file, p.line, p.message): p for p in problems}.values()))
    return Setup(project, theme, labels, targets)


def build(root: Path, *, roles: Iterable[str] = (), kinds: Iterable[str] = (),
          progress: Progress | None = None) -> BuildReport:
    """Check everything, then write one PDF per target; return what was written."""
    from reportlab.platypus.doctemplate import LayoutError  # only when PDFs are made

    from modul.pdf import render_pdf
    from modul.typeset import Typesetter

    started = time.perf_counter()
    setup = check(root, roles=roles, kinds=kinds)
    written = []
    for number, target in enumerate(setup.targets, 1):
        began = time.perf_counter()
        typesetter = Typesetter(setup.theme)
        try:
            data, pages = render_pdf(typesetter.flowables(target.markup), theme=setup.theme,
                                     fonts=typesetter.font, info=target.markup.attrib)
        except LayoutError as err:
            raise ModulError([Problem(
                relative(target.path, root), message=f"cannot lay out the page: {err}",
                hint="a table cell or box is taller than a page; shorten its text or split "
                "it into several items")]) from None
        write_atomic(target.path, data, root)
        done = BuiltDocument(target.path, pages, time.perf_counter() - began)
        written.append(done)
        if progress:
            progress(done, number, len(setup.targets))
    return BuildReport(written, time.perf_counter() - started)


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


def write_atomic(path: Path, data: bytes, root: Path) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError([Problem(relative(path, root),
                                   message=f"cannot write the PDF: {err.strerror}",
                                   hint="check that the folder is writable and the disk "
                                   "has free space; close the PDF if it is open in a viewer")]
                          ) from None
    except BaseException:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise
