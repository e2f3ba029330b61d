"""What needs building: a fingerprint of each target's inputs (the manifest, in
`manifest`, says what each target was last made from).

A target's fingerprint hashes every file it is made from (its role's content and the
overlays of its region, the templates it uses, theme, labels, fonts, images, the
participant list), the options, SOURCE_DATE_EPOCH and modul's own code and libraries.
The inputs are found from the folder layout alone, without reading any content, so a
build where nothing changed answers at once.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from modul.engine.plan import Planned
from modul.errors import relative
from modul.folders import Folders

LIBRARIES = ("reportlab", "jinja2", "pikepdf", "pydantic", "ruamel.yaml")
PACKAGE = Path(__file__).resolve().parents[1]  # modul/, with every sub-package


class Fingerprints:
    """File hashes, each file read once per build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[Path, str] = {}
        self._trees: dict[tuple[Path, str], list[Path]] = {}
        self._code = code_fingerprint()

    def file(self, path: Path) -> str:
        if path not in self._files:
            try:  # a regular file only: /dev/zero as a participant list would never end
                digest = (
                    hashlib.sha256(path.read_bytes()).hexdigest()
                    if path.is_file()
                    else "not a file"
                )
            except OSError:
                digest = "missing"
            self._files[path] = digest
        return self._files[path]

    def target(self, planned: Planned, options: str) -> str:
        digest = hashlib.sha256()
        digest.update(f"{self._code}|{options}|{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
        for path in sorted(_inputs(self.root, planned, self._tree)):
            digest.update(f"|{relative(path, self.root)}={self.file(path)}".encode())
        return digest.hexdigest()

    @functools.cached_property
    def project(self) -> str:
        """Every file of content/ and layouts/ and modul's code: a build part's record
        carries it, so that `modul merge` joins only parts made from the same project."""
        digest = hashlib.sha256(self._code.encode())
        for folder in Folders(self.root).watched:
            for path in sorted(self._tree(folder, "**/*")):
                digest.update(f"|{relative(path, self.root)}={self.file(path)}".encode())
        return digest.hexdigest()

    def _tree(self, folder: Path, pattern: str) -> list[Path]:
        """The files in `folder` matching `pattern`, listed once per build (targets of
        one edition share their folders)."""
        if (folder, pattern) not in self._trees:
            self._trees[folder, pattern] = (
                [path for path in folder.glob(pattern) if path.is_file()] if folder.is_dir() else []
            )
        return self._trees[folder, pattern]


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read piece by piece (a print file may be larger than memory)."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _inputs(root: Path, planned: Planned, tree: Callable[[Path, str], list[Path]]) -> list[Path]:
    folders = Folders(root)
    files = [
        *folders.national_files,
        folders.role(planned.role),
        folders.theme / planned.template,
        folders.theme / "theme.yaml",
        folders.theme / "catalog.yaml",
    ]
    files += [folders.theme / template for template in planned.joins]
    files += tree(folders.theme, "_*")  # partials a template may include
    files += tree(folders.theme / "fonts", "*")
    files += tree(folders.labels, "*.yaml")
    region = folders.region(planned.edition)
    if region.is_dir():
        other_roles = folders.region_roles(planned.edition)
        files += [
            path
            for path in tree(region, "**/*")
            if path.parent != other_roles or path.stem == planned.role
        ]
    return files


def code_fingerprint() -> str:
    """modul's own source, every module of every sub-package by its place in the package,
    and the versions of the libraries it builds with."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()
