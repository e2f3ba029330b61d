"""What a build would make, from the folder layout and the layout's catalog alone, before
any content is read: so a build where nothing changed answers at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from modul.catalog import NATIONAL, SLUG
from modul.engine.options import Options
from modul.folders import Folders
from modul.layout.catalog import Catalog


@dataclass(frozen=True)
class Planned:
    """A target as the folder layout shows it, before any content is read."""

    edition: str
    role: str
    template: str
    path: Path  # its main output
    packet: bool = False  # made from the role's other documents


def plan(root: Path, catalog: Catalog, options: Options) -> list[Planned] | None:
    """The targets the folder layout shows; None if a selected name is not there (the
    full check then says which)."""
    folders = Folders(root)
    editions = [NATIONAL] + sorted(p.name for p in folders.regions.iterdir()
                                   if p.is_dir() and SLUG.match(p.name)) \
        if folders.regions.is_dir() else [NATIONAL]
    roles = sorted(p.stem for p in folders.roles.glob("*.yaml"))
    kinds = [k.id for k in catalog.documents]
    chosen = [[name for name in available if not wanted or name in wanted]
              for available, wanted in ((editions, options.regions), (roles, options.roles),
                                        (kinds, options.kinds))]
    if any(set(wanted) - set(available) for available, wanted in
           ((editions, options.regions), (roles, options.roles), (kinds, options.kinds))):
        return None
    planned = []
    for edition in chosen[0]:
        for role in chosen[1]:
            planned += [Planned(edition, role, kind.template,
                                folders.output(edition, role, kind.file))
                        for kind in catalog.documents if kind.id in chosen[2]]
            if options.packet:
                packet = catalog.packet
                planned.append(Planned(edition, role, packet.template,
                                       folders.output(edition, role, packet.file), packet=True))
    return planned


def shard(paths: list[Path], index: int, count: int) -> list[Path]:
    """The `index`-th of `count` slices, stable for the same targets on every machine."""
    return [p for n, p in enumerate(sorted(paths)) if n % count == index - 1]
