"""Where things are in a project: the one description of its folders.

Every stage, the watcher and the incremental fingerprint ask this module where content,
regions, layouts, labels, fonts, the build folder and the manifest are, so that a change
to the layout of a project is made here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from modul.catalog import BUILD
from modul.errors import ModulError
from modul.i18n import _

DEFAULT_THEME = "default"
REGION_LAYOUT = "layout"  # a region's own templates and theme.yaml, inside its folder
MANIFEST = ".modul-manifest.json"


@dataclass(frozen=True)
class Folders:
    """The folders and files of the project at `root`."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def roles(self) -> Path:
        return self.content / "roles"

    @property
    def national_files(self) -> tuple[Path, Path, Path]:
        """The national content files besides the roles (the glossary is optional)."""
        return self.content / "workshop.yaml", self.content / "worksheet.yaml", self.glossary

    @property
    def glossary(self) -> Path:
        return self.content / "istilah.yaml"

    def role(self, slug: str) -> Path:
        return self.roles / f"{slug}.yaml"

    @property
    def regions(self) -> Path:
        return self.content / "regions"

    def region(self, slug: str) -> Path:
        return self.regions / slug

    def region_roles(self, slug: str) -> Path:
        """A region's role overlays, named like the national role files."""
        return self.region(slug) / "roles"

    def region_layout(self, slug: str) -> Path:
        return self.region(slug) / REGION_LAYOUT

    @property
    def layouts(self) -> Path:
        return self.root / "layouts"

    @property
    def theme(self) -> Path:
        """The layout folder: templates, partials, theme.yaml, catalog.yaml, fonts/."""
        return self.layouts / DEFAULT_THEME

    @property
    def labels(self) -> Path:
        return self.layouts / "labels"

    @property
    def watched(self) -> tuple[Path, ...]:
        """What a trainer or designer edits: every input of a build lives here."""
        return self.content, self.layouts

    @property
    def build(self) -> Path:
        return self.root / BUILD

    @property
    def manifest(self) -> Path:
        return self.build / MANIFEST

    def output(self, edition: str, role: str, filename: str) -> Path:
        return self.build / edition / role / filename

    def preview(self, edition: str, role: str) -> Path:
        return self.build / "preview" / edition / role


def find_root(start: Path) -> Path:
    """The project folder: `start` or the nearest parent holding `content/` and `layouts/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        found = Folders(folder)
        if found.content.is_dir() and found.layouts.is_dir():
            return folder
    raise ModulError.one(
        str(start),
        message=_(
            "no modul project here: no folder with `content/` and `layouts/` in it or above it"
        ),
        hint=_(
            "run modul inside a project folder or pass --project DIR; to start one, "
            "run `modul init NAME`"
        ),
    )
