"""The documents of an edition as markup: the content and labels put through a template.

A `Target` is one PDF to write: the checked markup it is made from and the theme it is
set in. Templates are looked up in the region's `layout/` first, then in the theme.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from modul import paper as papers
from modul.content.model import Edition
from modul.content.source import ProblemList, read_yaml
from modul.errors import relative
from modul.folders import Folders
from modul.i18n import _
from modul.layout import markup, templates
from modul.layout.catalog import DocumentKind, PacketKind
from modul.layout.data import edition_data, freeze
from modul.layout.languages import italicise
from modul.layout.theme import Theme, load_theme
from modul.layout.theme_scan import misfits


@dataclass(frozen=True)
class Target:
    """One PDF to write, the markup it is made from and the theme it is set in.

    The markup is kept as compressed XML: a national build holds 15,000 targets between
    the check and the layout (as element trees, 1.8 GB), and sends each to a worker."""

    edition: str
    role: str
    kind: DocumentKind
    path: Path
    packed: bytes  # the markup: `pack(text)`
    theme: Theme
    booklet_sheet: str | None = None  # paper of the sheets to impose A5 pages on, if any
    roster_line: str = (
        ""  # line of personalised copies' pages without a Nama field: "Peserta: {nama} · {asal}"
    )

    @property
    def markup(self) -> ET.Element:
        """The markup, parsed anew on each use."""
        return ET.fromstring(zlib.decompress(self.packed).decode())


def pack(text: str) -> bytes:
    """Markup as the template wrote it (it parses to the tree that was checked)."""
    return zlib.compress(text.encode(), 1)


@dataclass(frozen=True)
class PacketTarget:
    """A role's documents joined behind a cover and contents; the front is rendered once
    the documents' page numbers are known."""

    edition: str
    role: str
    kind: PacketKind
    path: Path
    theme: Theme
    front: Callable[..., ET.Element]  # front(parts=[…], apart=[…]) → markup
    names: dict[str, str]  # document kind → its name in the labels
    folio: str  # the packet's running page number, "Halaman {page}"
    footer: str | None = None  # the running foot's text instead of each document's own
    booklet_sheet: str | None = None  # paper of the sheets the packet is folded on, if any


def edition_theme(
    root: Path, edition: Edition, asked: str | None = None, booklet: bool = False
) -> tuple[Theme, papers.Choice]:
    """The theme, with the region's own theme.yaml over it, on the paper that the one
    rule of `modul.paper` picks (`asked`: --paper); and that choice."""
    overlay = Folders(root).region_layout(edition.slug) / "theme.yaml" if edition.region else None
    theme = load_theme(Folders(root).theme, root, overlay=overlay)
    choice = papers.choose(
        asked=asked,
        region=edition.region.kertas if edition.region else None,
        theme=theme.paper,
        booklet=booklet,
    )
    if choice.page != theme.paper:
        theme = load_theme(Folders(root).theme, root, overlay=overlay, paper=choice.page)
    margins = theme.margins
    if wrong := misfits(
        theme.scan, theme.paper, (margins.top, margins.bottom, margins.left, margins.right)
    ):
        tree = read_yaml(Folders(root).theme / "theme.yaml", root)
        raise ProblemList(
            [
                tree.problem(
                    ["scan", *key.split(".")],
                    _(
                        "the marks of the forms read back do not fit the margins of {paper} pages"
                    ).format(paper=theme.paper),
                    _("make `scan.{key}` smaller, or the margins larger").format(key=key),
                )
                for key in wrong
            ]
        )
    return theme, choice


def search_path(root: Path, edition: Edition) -> tuple[Path, ...]:
    """Templates are looked up in the region's `layout/` first, then in the theme."""
    own = Folders(root).region_layout(edition.slug)
    return (*([own] if edition.region and own.is_dir() else []), Folders(root).theme)


def document_markup(*args: Any, **extra: Any) -> ET.Element:
    """Render one document of `role` in `edition` and check its markup (the arguments
    of `written_markup`)."""
    return written_markup(*args, **extra)[1]


_last: list[tuple[Edition, dict[str, Any]]] = []  # the edition rendered last, as data


def _edition_data(edition: Edition) -> dict[str, Any]:
    """The edition as plain data, worked out once for all its documents."""
    if not _last or _last[0][0] is not edition:
        _last[:] = [(edition, edition_data(edition))]
    return _last[0][1]


def written_markup(
    env: SandboxedEnvironment,
    root: Path,
    edition: Edition,
    role: str,
    kind: DocumentKind,
    labels: Mapping[str, str],
    halves: Mapping[str, str] | None = None,
    **extra: Any,
) -> tuple[str, ET.Element]:
    """One document of `role` in `edition`: the markup as the template wrote it (with the
    bilingual titles' second `halves` in italics), and parsed and checked."""
    if kind.label not in labels:
        raise ProblemList.one(
            "layouts/labels/id.yaml",
            message=_("label `{label}` is missing").format(label=kind.label),
            hint=_(
                "add `{label}:` with the name of the document, or correct its "
                "`label:` in layouts/default/catalog.yaml"
            ).format(label=kind.label),
        )
    context = template_context(
        root, edition, role, labels, document_name=labels[kind.label], **extra
    )
    text = italicise(templates.render(env, kind.template, context, root), halves or {})
    template = Path(env.get_template(kind.template).filename or kind.template)
    return text, markup.parse(text, template, root)


def template_context(
    root: Path, edition: Edition, role: str, labels: Mapping[str, str], **extra: Any
) -> dict[str, Any]:
    """What a template of `role`'s documents is given: plain frozen data only."""
    data = _edition_data(edition)
    return {
        "role": data["roles"][role],
        "workshop": data["workshop"],
        "worksheet": data["worksheet"],
        "glossary": data["glossary"],
        "region": data["region"],
        "logo": relative(edition.logo, root) if edition.logo else "",
        "t": freeze(labels),
        **{name: freeze(value) for name, value in extra.items()},
    }
