"""Where content comes from, kept beside the model: the YAML trees of every edition with
the file and line of each value, and what a region's overlays change. From them: the
merged content with the origin of every value (`modul show`), and what a region changes
relative to the national content (`modul diff`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from modul.catalog import NATIONAL
from modul.content.merge import Change
from modul.content.tree import Node
from modul.errors import ModulError
from modul.i18n import N_, _, ngettext


@dataclass(frozen=True)
class Provenance:
    """The trees one edition was read from."""

    sources: dict[str, Node]  # merged YAML trees by file, e.g. "roles/konselor.yaml"
    settings: Node | None = None  # a region's region.yaml as read, with its lines
    changes: dict[str, list[Change]] = field(default_factory=dict)  # by overlay file


# How `modul diff` names each kind of change.
KINDS = {"changed": N_("changed"), "added": N_("added"), "removed": N_("removed")}

PLAIN_TEXT_UNSAFE = (": ", " #", "\n", '"', "'", "{", "[", "&", "*", "!", "|", ">", "%", "@")


def show(editions: dict[str, Provenance], role: str, region: str = NATIONAL) -> list[str]:
    """The role's merged content as YAML, each value followed by `# file:line`."""
    edition = editions.get(region)
    if edition is None:
        raise ModulError.one(
            "modul",
            message=_("unknown region `{region}`").format(region=region),
            hint=_("choose from: {choices}").format(choices=", ".join(editions)),
        )
    tree = edition.sources.get(f"roles/{role}.yaml")
    if tree is None:
        roles = [
            name[len("roles/") : -len(".yaml")]
            for name in edition.sources
            if name.startswith("roles/")
        ]
        raise ModulError.one(
            "modul",
            message=_("unknown role `{role}`").format(role=role),
            hint=_("choose from: {choices}").format(choices=", ".join(roles)),
        )
    return _lines(tree, 0)


def _lines(node: Node, depth: int) -> list[str]:
    indent = "  " * depth
    lines = []
    for key, child in node.value.items():
        if isinstance(child.value, dict):
            lines += [f"{indent}{key}:", *_lines(child, depth + 1)]
        elif isinstance(child.value, list):
            lines.append(f"{indent}{key}:" + ("" if child.value else " []"))
            for item in child.value:
                if isinstance(item.value, dict):
                    inner = _lines(item, depth + 2)
                    lines.append(f"{indent}  - {inner[0].lstrip()}")
                    lines += inner[1:]
                else:
                    lines.append(f"{indent}  - {_scalar(item.value)}  # {item.origin}")
        else:
            lines.append(f"{indent}{key}: {_scalar(child.value)}  # {child.origin}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, str) and (
        not value or any(c in value for c in PLAIN_TEXT_UNSAFE) or value[0] in "-?:,`"
    ):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if isinstance(value, bool) else str(value)


def diff(editions: dict[str, Provenance], region: str) -> list[str]:
    """Every change the region's overlays make, with the overlay line that makes it."""
    edition = editions.get(region)
    if edition is None or region == NATIONAL:
        regions = [r for r in editions if r != NATIONAL]
        raise ModulError.one(
            "modul",
            message=_("unknown region `{region}`").format(region=region),
            hint=_("choose from: {choices}").format(choices=", ".join(regions) or _("(none yet)")),
        )
    changes = [c for name in sorted(edition.changes) for c in edition.changes[name]]
    if not changes:
        return [_("Region `{region}` uses the national content unchanged.").format(region=region)]
    lines = [
        ngettext(
            "Region `{region}` changes {count} value of the national content:",
            "Region `{region}` changes {count} values of the national content:",
            len(changes),
        ).format(region=region, count=len(changes))
    ]
    for change in changes:
        lines.append(f"{change.origin}  {_(KINDS[change.kind])}  {change.path}")
        lines += _values("-", change.before) + _values("+", change.after)
    return lines


def _values(sign: str, value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [
        f"    {sign} "
        + (json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else _scalar(item))
        for item in items
    ]
