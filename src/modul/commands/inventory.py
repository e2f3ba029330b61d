"""What a project holds: its roles, regions, document kinds and the files a build writes."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from modul.catalog import NATIONAL
from modul.content.loading import load_project
from modul.errors import relative
from modul.folders import Folders
from modul.i18n import _
from modul.layout.catalog import load_catalog
from modul.layout.documents import edition_theme
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
                "name": region.nama if region else _("national content"),
                "organiser": region.penyelenggara if region else edition.workshop.penyelenggara,
                "paper": edition_theme(root, edition)[1].page,
                "language": edition.languages["participant"],
                "facilitator_language": edition.languages["facilitator"],
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


def describe(found: dict[str, Any], root: Path) -> list[str]:
    """The inventory as lines for a terminal: the files a build writes are grouped by
    folder, each folder with how many of them are there now."""
    width = max(len(item["slug"]) for key in ("roles", "regions") for item in found[key])
    lines = [_("Roles ({count}), in content/roles/:").format(count=len(found["roles"]))]
    lines += [f"  {r['slug']:<{width}}  {r['name']}" for r in found["roles"]]
    lines.append(
        _("Regions ({count}), in content/regions/, and the national set `{national}`:").format(
            count=len(found["regions"]) - 1, national=NATIONAL
        )
    )
    lines += [
        f"  {r['slug']:<{width}}  "
        + (
            _("{name} · {organiser} · {paper}, labels `{language}`")
            if r["language"] == r["facilitator_language"]
            else _(
                "{name} · {organiser} · {paper}, labels `{language}` (participants), "
                "`{facilitator_language}` (facilitators)"
            )
        ).format(**r)
        for r in found["regions"]
    ]
    lines.append(_("Documents, for every region and role:"))
    lines += [f"  {d['id']:<{width}}  {d['name']}  → {d['file']}" for d in found["documents"]]
    return lines + _files(found["outputs"], root)


def _files(outputs: list[str], root: Path) -> list[str]:
    """The folders `modul build` writes, each with how many of its files are there."""
    folders: dict[str, list[str]] = {}
    for output in outputs:
        folder, _slash, name = output.rpartition("/")
        folders.setdefault(folder, []).append(name)
    names = next(iter(folders.values()), [])
    lines = [
        _("modul build writes {count} files, {each} in each of these folders:").format(
            count=len(outputs), each=len(names)
        )
    ]
    width = max(map(len, folders), default=0) + 1
    for folder, files in folders.items():
        there = sum((root / folder / name).is_file() for name in files)
        lines.append(
            f"  {folder + '/':<{width}}  "
            + _("{there} of {count} made").format(there=there, count=len(files))
        )
    each = _("each: {files}").format(files=", ".join(names))
    return lines + textwrap.wrap(
        each, 88, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
    )
