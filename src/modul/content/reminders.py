"""What the trainer still has to do before printing: example texts of `modul new` not yet
written over, and keys written with a name that has changed (still read)."""

from __future__ import annotations

from pathlib import Path

from modul.catalog import RENAMED_DOCUMENTS
from modul.content.provenance import Provenance
from modul.content.tree import Node
from modul.errors import Problem, warning
from modul.i18n import _

PLACEHOLDER = "(Tuliskan "  # how each example text in `modul new`'s starting files begins


def placeholder_texts(provenance: Provenance) -> list[Problem]:
    """Warnings for texts still as `modul new` wrote them, so that none is printed."""
    sources = [
        *provenance.sources.values(),
        *([provenance.settings] if provenance.settings else []),
    ]
    return [
        warning(
            node.origin.file,
            node.origin.line,
            node.origin.column,
            _("“{text}” is an example text of `modul new`").format(text=node.value.strip()[:50]),
            _("write the real text in its place before printing"),
        )
        for source in sources
        for node in source.strings()
        if node.value.startswith(PLACEHOLDER)
    ]


# Keys renamed, by the file they are written in: the old name is still read.
RENAMED = {
    "workshop.yaml": ("bahasa", "bahasa_pesan"),  # the language modul speaks
}
# Keys that became two, by file: the old one still sets both. Until 2026-12 a region had
# one labels language (`bahasa_label`, before that `bahasa`) for every document.
SPLIT = {"region.yaml": (("bahasa", "bahasa_label"), ("bahasa_peserta", "bahasa_fasilitator"))}


def renamed_keys(provenance: Provenance) -> list[Problem]:
    """Warnings for keys written with their old name, which two files shared, or that
    became two keys."""
    found = []
    for source in [*provenance.sources.values(), provenance.settings]:
        if source is None or not isinstance(source.value, dict):
            continue
        found += _split_keys(source)
        old, new = RENAMED.get(Path(source.origin.file).name, ("", ""))
        if old in source.value:
            found.append(
                source.problem(
                    [old],
                    _("`{old}:` is now called `{new}:`").format(old=old, new=new),
                    _("rename it to `{new}:`; the old name is read until then").format(new=new),
                    severity="warning",
                    of_key=True,
                )
            )
    return found


def _split_keys(source: Node) -> list[Problem]:
    olds, (first, second) = SPLIT.get(Path(source.origin.file).name, ((), ("", "")))
    return [
        source.problem(
            [old],
            _("`{old}:` is now two keys, `{first}:` and `{second}:`").format(
                old=old, first=first, second=second
            ),
            _(
                "write `{first}: {value}` (the participants' papers) and `{second}: {value}` "
                "(the facilitators'); until then `{old}:` sets both"
            ).format(first=first, second=second, old=old, value=source.value[old].value),
            severity="warning",
            of_key=True,
        )
        for old in olds
        if old in source.value
    ]


def renamed_documents(provenance: Provenance) -> list[Problem]:
    """Warnings for documents handed out (`bagikan:`) by a name that has changed."""
    return [
        warning(
            node.origin.file,
            node.origin.line,
            node.origin.column,
            _("`{old}` is now called `{new}`").format(old=node.value, new=new),
            _("write `{new}`; the old name is read until then").format(new=new),
        )
        for source in provenance.sources.values()
        if Path(source.origin.file).name == "workshop.yaml"
        for node in _handed_out(source)
        if (new := RENAMED_DOCUMENTS.get(node.value))
    ]


def _handed_out(plan: Node) -> list[Node]:
    """The `bagikan:` entries of a workshop plan's steps, as written."""
    found: list[Node] = []
    for session in _items(plan, "sesi"):
        for step in _items(session, "langkah"):
            found += [n for n in _items(step, "bagikan") if isinstance(n.value, str)]
    return found


def _items(node: Node, key: str) -> list[Node]:
    value = node.value.get(key) if isinstance(node.value, dict) else None
    return value.value if value is not None and isinstance(value.value, list) else []
