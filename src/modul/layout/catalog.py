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
from modul.content.tree import KeyPath
from modul.content.types import Frozen, Slug, Text
from modul.content.validate import validate
from modul.errors import Problem, relative
from modul.folders import Folders
from modul.i18n import _

FileName = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*\.pdf$")]
TemplateName = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][\w-]*\.xml\.j2$")
]


class DocumentKind(Frozen):
    id: Slug
    template: TemplateName
    file: FileName
    label: Text  # key of its display name in the labels files
    filled_in: bool = False  # participants write on it: fillable twin, personalised copies
    anonymous: bool = False  # filled in without a name: no personalised copies
    # how many to print (run-sheet): participants and spares, participants and
    # facilitators, facilitators, or one
    copies: Literal["per_participant", "per_person", "per_facilitator", "one"] = "one"
    answers: list[Slug] = []  # exercises (worksheet parts, tests) whose answers it holds
    # a sheet of its own (the certificate): never imposed into a booklet; with --booklet
    # it is laid out on the booklet's sheet (A4, F4), one page per participant as always
    loose: bool = False

    @property
    def stem(self) -> str:
        return Path(self.file).stem


class Catalog(Frozen):
    documents: Annotated[list[DocumentKind], Field(min_length=1)]
    packet: DocumentKind  # a role's documents behind a cover and contents

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
    problems: list[Problem] = []
    for field in ("id", "file"):
        seen: set[str] = set()
        for n, kind in enumerate(catalog.documents):
            value = getattr(kind, field)
            if value in seen or value == getattr(catalog.packet, field):
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
    for keys, kind in [*places, (["packet", "template"], catalog.packet)]:
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
