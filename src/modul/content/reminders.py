"""What the trainer still has to do before printing: example texts of `modul new` not yet
written over, and keys written with a name that has changed (still read)."""

from __future__ import annotations

from pathlib import Path

from modul.content.provenance import Provenance
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
    "region.yaml": ("bahasa", "bahasa_label"),  # the printed labels' language
    "workshop.yaml": ("bahasa", "bahasa_pesan"),  # the language modul speaks
}


def renamed_keys(provenance: Provenance) -> list[Problem]:
    """Warnings for keys written with their old name, which two files shared."""
    found = []
    for source in [*provenance.sources.values(), provenance.settings]:
        if source is None or not isinstance(source.value, dict):
            continue
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
