"""The document kinds a layout makes: `layouts/<theme>/catalog.yaml`.

Adding a kind is a template and an entry in that file; no Python changes. Read before
any content, so that a build where nothing changed knows its targets at once.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from modul.catalog import names_document
from modul.content.source import ProblemList, read_yaml
from modul.content.tree import KeyPath, Node
from modul.content.types import Frozen, Slug, Text
from modul.content.validate import validate
from modul.errors import Problem, relative
from modul.folders import Folders
from modul.i18n import _

FileName = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*\.pdf$")]
TemplateName = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][\w-]*\.xml\.j2$")
]


Audience = Literal["facilitator", "participant"]


class DocumentKind(Frozen):
    id: Slug
    template: TemplateName
    file: FileName
    label: Text  # key of its display name in the labels files
    # who reads it: its labels are in that audience's language (region.yaml:
    # bahasa_peserta, bahasa_fasilitator); participants' by default, so that no page
    # handed out is ever printed in the facilitators' language by omission
    audience: Audience = "participant"
    filled_in: bool = False  # participants write on it: fillable twin, personalised copies
    anonymous: bool = False  # filled in without a name: no personalised copies
    # how many to print (run-sheet): participants and spares, participants and
    # facilitators, facilitators, or one
    copies: Literal["per_participant", "per_person", "per_facilitator", "one"] = "one"
    answers: list[Slug] = []  # exercises (worksheet parts, tests) whose answers it holds
    # exercises done only after participants have it in hand: what it teaches comes first
    read_before: list[Slug] = []
    rates_sessions: bool = False  # asks for a rating of each session (`dinilai`) that ended
    # read back by `modul scan`: corner markers and a QR code on every page (theme `scan:`)
    scan: bool = False
    # a sheet of its own (the certificate): never imposed into a booklet; with --booklet
    # it is laid out on the booklet's sheet (A4, F4), one page per participant as always
    loose: bool = False

    @property
    def stem(self) -> str:
        return Path(self.file).stem


class PacketKind(DocumentKind):
    """A role's documents joined behind a cover, foreword and contents (`--packet`)."""

    audience: Audience = "facilitator"  # who it is handed to
    documents: list[Slug] = []  # ids, in the packet's order; empty: every document
    inserts: list[Slug] = []  # handed out apart, at their session: named on its contents


class Catalog(Frozen):
    documents: Annotated[list[DocumentKind], Field(min_length=1)]
    packets: list[PacketKind] = []  # `modul build --packet`: each role's packets
    packet: PacketKind | None = None  # modul ≤ 0.x: one packet of every document
    # labels printed in both languages when a region's language is bilingual ("id+en"):
    # titles and headings only, never running text or table column heads
    bilingual_labels: list[Text] = []

    @property
    def all_packets(self) -> list[PacketKind]:
        """The packets to make: `packets`, or the one `packet` of an older catalog."""
        return self.packets or ([self.packet] if self.packet else [])

    def packet_documents(self, packet: PacketKind) -> list[DocumentKind]:
        """The documents `packet` joins, in its order."""
        if not packet.documents:
            return list(self.documents)
        by_id = {kind.id: kind for kind in self.documents}
        return [by_id[name] for name in packet.documents if name in by_id]

    def find(self, name: str) -> DocumentKind | None:
        """The document a trainer means by `name`: its id (`worksheet`), its file name
        with or without .pdf (`lembar-kerja`), in any case."""
        return next((k for k in self.documents if names_document(name, k.id, k.file)), None)

    def closest(self, name: str) -> str | None:
        """The file name closest to a misspelled document name, for "did you mean"."""
        names = [k.stem for k in self.documents] + [k.id for k in self.documents]
        close = difflib.get_close_matches(name.strip().lower(), names, n=1, cutoff=0.6)
        if not close:
            return None
        found = self.find(close[0])
        return found.stem if found else None


def load_catalog(root: Path) -> Catalog:
    """The catalog of the project's layout; raise ProblemList on any problem."""
    folders = Folders(root)
    tree = read_yaml(folders.theme / "catalog.yaml", root)
    catalog = validate(tree, Catalog)
    problems = _packet_problems(tree, catalog) + _bilingual_problems(tree, catalog, root)
    for field in ("id", "file"):
        seen: set[str] = {getattr(packet, field) for packet in catalog.all_packets}
        for n, kind in enumerate(catalog.documents):
            value = getattr(kind, field)
            if value in seen:
                problems.append(
                    tree.problem(
                        ["documents", n, field],
                        _("`{value}` is used twice").format(value=value),
                        _("give every document its own {key}").format(key=field),
                    )
                )
            seen.add(value)
    places: list[tuple[KeyPath, DocumentKind]] = [
        (["documents", n, "template"], k) for n, k in enumerate(catalog.documents)
    ]
    places += [(["packets", n, "template"], k) for n, k in enumerate(catalog.packets)]
    if catalog.packet:
        places.append((["packet", "template"], catalog.packet))
    for keys, kind in places:
        if not (folders.theme / kind.template).is_file():
            problems.append(
                tree.problem(
                    keys,
                    _("template `{template}` not found").format(template=kind.template),
                    _("add it to {folder}/, or correct the name").format(
                        folder=relative(folders.theme, root)
                    ),
                )
            )
    if problems:
        raise ProblemList(problems)
    return catalog


def _packet_problems(tree: Node, catalog: Catalog) -> list[Problem]:
    """A packet that names a document the catalog does not have, or two packets with one
    id or file."""
    ids = [kind.id for kind in catalog.documents]
    problems, seen = [], set()
    for n, packet in enumerate(catalog.packets):
        for field in ("documents", "inserts"):
            for m, name in enumerate(getattr(packet, field)):
                if name not in ids:
                    close = difflib.get_close_matches(name, ids, n=1)
                    problems.append(
                        tree.problem(
                            ["packets", n, field, m],
                            _("no document `{name}` in the catalog").format(name=name),
                            _("did you mean `{close}`?").format(close=close[0])
                            if close
                            else _("use one of: {names}").format(names=", ".join(ids)),
                        )
                    )
        for field in ("id", "file"):
            if (field, getattr(packet, field)) in seen:
                problems.append(
                    tree.problem(
                        ["packets", n, field],
                        _("`{value}` is used twice").format(value=getattr(packet, field)),
                        _("give every packet its own {key}").format(key=field),
                    )
                )
            seen.add((field, getattr(packet, field)))
    return problems


def _bilingual_problems(tree: Node, catalog: Catalog, root: Path) -> list[Problem]:
    """A `bilingual_labels` entry that is no label: never printed in two languages."""
    if not catalog.bilingual_labels:
        return []
    try:
        known = list(read_yaml(Folders(root).labels / "id.yaml", root).value)
    except ProblemList:
        return []  # said where the labels are checked
    return [
        tree.problem(
            ["bilingual_labels", n],
            _("unknown label `{label}`").format(label=key),
            _("did you mean `{suggestion}`?").format(suggestion=close[0])
            if (close := difflib.get_close_matches(key, known, n=1))
            else _("use a key of layouts/labels/id.yaml"),
        )
        for n, key in enumerate(catalog.bilingual_labels)
        if key not in known
    ]


def catalog_warnings(root: Path, catalog: Catalog) -> list[Problem]:
    """An older catalog's single `packet:` (one packet of every document): still made,
    and said once, with the way to the two packets."""
    if not catalog.packet or catalog.packets:
        return []
    tree = read_yaml(Folders(root).theme / "catalog.yaml", root)
    return [
        tree.problem(
            ["packet"],
            _("`packet:` makes one packet of every document, for facilitators and participants"),
            _(
                "replace it with the `packets:` of modul's own catalog.yaml (a facilitator's "
                "binder and a participants' book without answer keys, see docs/kit.md)"
            ),
            of_key=True,
            severity="warning",
        )
    ]
