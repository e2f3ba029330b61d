"""What a project holds: its roles, regions, document kinds and the files a build writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modul.catalog import NATIONAL
from modul.content.loading import load_project
from modul.errors import relative
from modul.folders import Folders
from modul.layout.catalog import load_catalog
from modul.layout.labels import load_labels


def inventory(root: Path) -> dict[str, Any]:
    """Roles, regions (with `nasional` first), document kinds and output paths."""
    project = load_project(root)
    labels = load_labels(root)
    kinds = load_catalog(root).documents
    roles = [
        {"slug": slug, "name": role.nama, "file": f"content/roles/{slug}.yaml"}
        for slug, role in project.roles.items()
    ]
    regions = []
    for slug, edition in project.editions.items():
        region = edition.region
        regions.append(
            {
                "slug": slug,
                "name": region.nama if region else "national content",
                "organiser": region.penyelenggara if region else edition.workshop.penyelenggara,
                "paper": (region.kertas if region else None) or "A4",
                "language": region.bahasa if region else "id",
                "folder": relative(edition.folder, root) if edition.folder else "content",
            }
        )
    documents = [
        {"id": kind.id, "name": labels.get(kind.label, kind.id), "file": kind.file}
        for kind in kinds
    ]
    folders = Folders(root)
    outputs = [
        relative(folders.output(region["slug"], role["slug"], kind.file), root)
        for region in regions
        for role in roles
        for kind in kinds
    ]
    return {"roles": roles, "regions": regions, "documents": documents, "outputs": outputs}


def describe(found: dict[str, Any]) -> list[str]:
    """The inventory as lines for a terminal."""
    width = max(len(item["slug"]) for key in ("roles", "regions") for item in found[key])
    lines = [f"Roles ({len(found['roles'])}), in content/roles/:"]
    lines += [f"  {r['slug']:<{width}}  {r['name']}" for r in found["roles"]]
    lines.append(
        f"Regions ({len(found['regions']) - 1}), in content/regions/, and the "
        f"national set `{NATIONAL}`:"
    )
    lines += [
        f"  {r['slug']:<{width}}  {r['name']} · {r['organiser']} · {r['paper']}, "
        f"labels `{r['language']}`"
        for r in found["regions"]
    ]
    lines.append("Documents, for every region and role:")
    lines += [f"  {d['id']:<{width}}  {d['name']}  → {d['file']}" for d in found["documents"]]
    lines.append(
        f"modul build writes {len(found['outputs'])} files: build/<region>/<role>/"
        f"<document>, e.g. {found['outputs'][-1]}"
    )
    return lines
