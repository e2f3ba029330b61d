"""What a build would make, from the folder layout and the layout's catalog alone, before
any content is read: so a build where nothing changed answers at once (without loading
pydantic, Jinja2 or ReportLab)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from modul.catalog import NATIONAL, SLUG, names_document
from modul.content.source import read_yaml
from modul.engine.options import Options
from modul.errors import ModulError
from modul.folders import Folders


@dataclass(frozen=True)
class Planned:
    """A target as the folder layout shows it, before any content is read."""

    edition: str
    role: str
    template: str
    path: Path  # its main output
    joins: tuple[str, ...] = ()  # a packet: the templates of the documents it joins


@dataclass(frozen=True)
class Kind:
    """A document kind as the catalog writes it, not yet validated."""

    id: str
    template: str
    file: str


def catalog_kinds(root: Path) -> tuple[list[Kind], list[tuple[Kind, list[str]]]] | None:
    """The documents and the packets (with the ids they join) of the layout's
    catalog.yaml, as written; None if it is not as expected (the full check then says
    what is wrong)."""
    try:
        tree = read_yaml(Folders(root).theme / "catalog.yaml", root).plain()
        documents = [Kind(d["id"], d["template"], d["file"]) for d in tree["documents"]]
        packets = tree.get("packets") or ([tree["packet"]] if tree.get("packet") else [])
        every = [d.id for d in documents]
        return documents, [
            (Kind(p["id"], p["template"], p["file"]), list(p.get("documents") or every))
            for p in packets
        ]
    except (ModulError, KeyError, TypeError, AttributeError):
        return None


def plan(root: Path, options: Options) -> list[Planned] | None:
    """The targets the folder layout shows; None if a selected name is not there (the
    full check then says which)."""
    folders = Folders(root)
    catalog = catalog_kinds(root)
    if catalog is None:
        return None
    documents, packets = catalog
    editions = (
        [NATIONAL]
        + sorted(p.name for p in folders.regions.iterdir() if p.is_dir() and SLUG.match(p.name))
        if folders.regions.is_dir()
        else [NATIONAL]
    )
    roles = sorted(p.stem for p in folders.roles.glob("*.yaml"))
    chosen = [
        [name for name in available if not wanted or name in wanted]
        for available, wanted in ((editions, options.regions), (roles, options.roles))
    ]
    asked = {  # a document by any name a trainer uses for it, as the full check finds it
        name: [k for k in documents if names_document(name, k.id, k.file)] for name in options.kinds
    }
    if (
        set(options.regions) - set(editions)
        or set(options.roles) - set(roles)
        or not all(asked.values())
    ):
        return None
    kinds = {k.id for found in asked.values() for k in found} or {k.id for k in documents}
    planned = []
    for edition in chosen[0]:
        for role in chosen[1]:
            planned += [
                Planned(edition, role, kind.template, folders.output(edition, role, kind.file))
                for kind in documents
                if kind.id in kinds
            ]
            if options.packet:
                planned += [
                    Planned(
                        edition,
                        role,
                        packet.template,
                        folders.output(edition, role, packet.file),
                        tuple(k.template for k in documents if k.id in joined),
                    )
                    for packet, joined in packets
                ]
    return planned


def shard(paths: list[Path], index: int, count: int) -> list[Path]:
    """The `index`-th of `count` slices, stable for the same targets on every machine."""
    return [p for n, p in enumerate(sorted(paths)) if n % count == index - 1]
