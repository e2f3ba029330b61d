"""Start a project, a role or a region from files shipped with modul.

The example project (content/, layouts/, schema/) is copied into the wheel when it is
built (see setup.py); in a source checkout it is read from the checkout itself.
Nothing is ever overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from modul.catalog import SLUG
from modul.content.schema import modeline
from modul.errors import ModulError, relative
from modul.folders import Folders
from modul.i18n import _

STARTERS = Path(__file__).parent / "starters"
PACKAGE = Path(__file__).resolve().parents[1]  # modul/
PARTS = ("content", "layouts", "schema")  # the example project


def init(folder: Path) -> list[Path]:
    """Copy the example project and a trainer's README into `folder`."""
    folder = folder.resolve()
    taken = [name for name in (*PARTS, "README.md") if (folder / name).exists()]
    if taken:
        raise ModulError.one(
            str(folder),
            message=_("already has {names}; modul init never overwrites").format(
                names=", ".join(taken)
            ),
            hint=_("choose a new folder, e.g. `modul init pelatihan-baru`"),
        )
    source = _example_project()
    folder.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        shutil.copytree(
            source / part, folder / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    shutil.copyfile(STARTERS / "README.md", folder / "README.md")
    return [folder / name for name in (*PARTS, "README.md")]


def new_role(root: Path, slug: str) -> Path:
    """content/roles/<slug>.yaml, with every field explained."""
    path = Folders(root).role(slug)
    return _write_new(path, root, slug, "role", _title(slug))


def new_region(root: Path, slug: str) -> Path:
    """content/regions/<slug>/region.yaml, with every setting explained."""
    folder = Folders(root).region(slug)
    if folder.exists():
        raise ModulError.one(
            relative(folder, root),
            message=_("this region already exists"),
            hint=_("choose another name, or edit its region.yaml"),
        )
    return _write_new(folder / "region.yaml", root, slug, "region", f"Provinsi {_title(slug)}")


def _write_new(path: Path, root: Path, slug: str, kind: str, name: str) -> Path:
    if not SLUG.match(slug):
        raise ModulError.one(
            "modul",
            message=(
                _("`{name}` cannot be a role name")
                if kind == "role"
                else _("`{name}` cannot be a region name")
            ).format(name=slug),
            hint=_("use lowercase letters, digits and hyphens, e.g. `pendamping-desa`"),
        )
    if path.exists():
        raise ModulError.one(
            relative(path, root),
            message=_("the file already exists; modul new never overwrites"),
            hint=_("choose another name"),
        )
    text = (STARTERS / f"{kind}.yaml").read_text(encoding="utf-8")
    for key, value in {"modeline": modeline(kind, path, root), "slug": slug, "name": name}.items():
        text = text.replace("{" + key + "}", value)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _title(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def _example_project() -> Path:
    """The example project: inside the installed package, else this source checkout."""
    for place in (PACKAGE / "skeleton", PACKAGE.parents[1]):
        if all((place / part).is_dir() for part in PARTS):
            return place
    raise ModulError.one(
        "modul",
        message=_("the example project is missing from this installation"),
        hint=_("reinstall modul: pip install modul"),
    )
