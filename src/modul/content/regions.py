"""Regions: `content/regions/<slug>/` holds a region's settings (`region.yaml`), overlays
that mirror `content/` and change only what they name, and optionally `layout/` with
templates or a `theme.yaml` that replace the default ones for this region only.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from modul.catalog import NATIONAL, SLUG
from modul.content.certificates import number_problems
from modul.content.images import image_problem
from modul.content.merge import Change, merge
from modul.content.model import Region
from modul.content.source import ProblemList, read_yaml
from modul.content.tree import Node
from modul.content.validate import validate
from modul.errors import Problem, relative
from modul.folders import REGION_LAYOUT, Folders
from modul.i18n import _


@dataclass(frozen=True)
class LoadedRegion:
    region: Region
    settings: Node  # region.yaml as read, with its lines
    logo: Path | None  # checked: inside the region's folder, PNG or JPEG
    sources: dict[str, Node]  # the national trees with the region's overlays merged
    changes: dict[str, list[Change]]  # by overlay file


def region_folders(root: Path, problems: list[Problem]) -> list[Path]:
    """The region folders under `content/regions/`, checked for safe names."""
    folder = Folders(root).regions
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        name = relative(child, root) if _inside(child, root) else str(child)
        if not child.is_dir():
            if child.suffix in (".yaml", ".yml"):
                problems.append(
                    Problem(
                        name,
                        message=_("a region is a folder, not a file"),
                        hint=_("put it in content/regions/<name>/region.yaml"),
                    )
                )
        elif not _inside(child, root):
            problems.append(
                Problem(
                    name,
                    message=_("the region folder links outside the project"),
                    hint=_("copy the folder into the project"),
                )
            )
        elif not SLUG.match(child.name) or child.name == NATIONAL:
            problems.append(
                Problem(
                    name,
                    message=_("invalid region folder name"),
                    hint=_(
                        "use lowercase letters, digits and hyphens, e.g. ntt-kupang "
                        "(and not `{national}`)"
                    ).format(national=NATIONAL),
                )
            )
        else:
            found.append(child)
    return found


def load_region(
    folder: Path, root: Path, national: dict[str, Node], problems: list[Problem]
) -> LoadedRegion | None:
    """A region's settings (checked and as read) and its merged content trees; None if
    anything is wrong."""
    found: list[Problem] = []
    try:
        settings = read_yaml(folder / "region.yaml", root)
        region = validate(settings, Region)
    except ProblemList as err:
        problems += err.problems
        return None
    found += _check_labels(region, settings, root)
    found += number_problems(region, settings)
    logo = _check_logo(region, settings, folder, root, found)
    merged, changes = dict(national), {}
    for path in sorted(folder.rglob("*.y*ml")):
        name = path.relative_to(folder).as_posix()
        if name == "region.yaml" or name.startswith(f"{REGION_LAYOUT}/"):
            continue
        if name not in national:
            if not (Folders(root).content / name).is_file():  # else its own error says enough
                found.append(_unknown_overlay(path, name, national, root))
        else:
            try:
                merged[name], changes[name] = merge(national[name], read_yaml(path, root))
            except ProblemList as err:
                found += err.problems
    found += _check_layout(folder / REGION_LAYOUT, root)
    problems += found
    return None if found else LoadedRegion(region, settings, logo, merged, changes)


LANGUAGE_KEYS = ("bahasa_peserta", "bahasa_fasilitator", "bahasa_label", "bahasa")


def _check_labels(region: Region, settings: Node, root: Path) -> list[Problem]:
    """Each label language must exist, and `label:` may only replace existing labels."""
    folder = Folders(root).labels
    problems = [
        problem
        for key in LANGUAGE_KEYS
        if isinstance(settings.value, dict) and key in settings.value
        for problem in _language_problems(settings, key, folder, root)
    ]
    if problems:
        return problems
    path = folder / f"{region.language_parts[0]}.yaml"
    try:
        texts = {key: node.value for key, node in read_yaml(path, root).value.items()}
    except ProblemList:
        return []  # reported when the labels themselves are checked
    known_keys = list(texts)
    for key, text in region.label.items():
        if key in texts and (unknown := unknown_placeholders(text, texts[key])):
            problems.append(
                settings.problem(
                    ["label", key], *placeholder_problem(key, unknown[0], str(texts[key]))
                )
            )
        if key not in known_keys:
            close = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.6)
            problems.append(
                settings.problem(
                    ["label", key],
                    _("unknown label `{label}`").format(label=key),
                    _("did you mean `{suggestion}`?").format(suggestion=close[0])
                    if close
                    else _("use a key of {file}").format(file=relative(path, root)),
                    of_key=True,
                )
            )
    return problems


def _language_problems(settings: Node, key: str, folder: Path, root: Path) -> list[Problem]:
    """A language written at `key` that names no labels file, or more than two."""
    value = settings.value[key].value
    if not isinstance(value, str):
        return []  # the model's own error says it must be text
    known = sorted(p.stem for p in folder.glob("*.yaml"))
    parts = [part.strip() for part in value.split("+")]
    wrong = [part for part in parts if part not in known]
    if not wrong and len(parts) <= 2 and len(set(parts)) == len(parts):
        return []
    message = (
        _("no labels for the language `{language}`").format(language=wrong[0])
        if wrong
        else _("`{value}` is not one language or two different ones").format(value=value)
    )
    return [
        settings.problem(
            [key],
            message,
            _(
                "use one of: {languages} (files in {folder}/), or two joined by +, e.g. id+en"
            ).format(languages=", ".join(known), folder=relative(folder, root)),
        )
    ]


PLACEHOLDER = re.compile(r"\{(\w+)\}")  # what modul fills in a label: {page}, {nama}


def unknown_placeholders(text: str, reference: object) -> list[str]:
    """The {placeholders} of `text` that the label it replaces does not offer: printed
    as they are, braces and all, on every page."""
    offered = set(PLACEHOLDER.findall(reference)) if isinstance(reference, str) else set()
    return [name for name in PLACEHOLDER.findall(text) if name not in offered]


def placeholder_problem(label: str, name: str, reference: str) -> tuple[str, str]:
    """The message and fix for `{name}` in a label that does not offer it."""
    offered = PLACEHOLDER.findall(reference)
    return (
        _("label `{label}` has {{{name}}}, which modul does not fill in for it").format(
            label=label, name=name
        ),
        _("use {placeholders}, or write the text without braces").format(
            placeholders=", ".join(f"{{{n}}}" for n in offered)
        )
        if offered
        else _("write the text without braces: this label fills nothing in"),
    )


def _check_logo(
    region: Region, settings: Node, folder: Path, root: Path, found: list[Problem]
) -> Path | None:
    if region.logo is None:
        return None
    path = (folder / region.logo).resolve()
    if not path.is_relative_to(folder.resolve()):
        found.append(
            settings.problem(
                ["logo"],
                _("the logo must be a file inside the region folder"),
                _("copy the image into the folder and write its name, e.g. logo.png"),
            )
        )
    elif not path.is_file():
        found.append(
            settings.problem(
                ["logo"],
                _("logo file `{file}` not found").format(file=region.logo),
                _("put it in {folder}/").format(folder=relative(folder, root)),
            )
        )
    elif problem := image_problem(path, region.logo):
        found.append(settings.problem(["logo"], *problem))
    else:
        return path
    return None


def _unknown_overlay(path: Path, name: str, national: dict[str, Node], root: Path) -> Problem:
    starts = [n for n in national if Path(n).stem.startswith(Path(name).stem)]
    close = starts or difflib.get_close_matches(name, list(national), n=1, cutoff=0.6)
    what = (
        _("there is no national role `{role}`").format(role=Path(name).stem)
        if name.startswith("roles/")
        else _("this file matches no national content file")
    )
    hint = (
        _("did you mean `{suggestion}`?").format(suggestion=close[0])
        if close
        else _("an overlay must have the name of a file in content/: {files}").format(
            files=", ".join(national)
        )
    )
    return Problem(relative(path, root), message=what, hint=hint)


def _check_layout(folder: Path, root: Path) -> list[Problem]:
    """Files in a region's `layout/` must replace default ones, not sit there unused."""
    if not folder.is_dir():
        return []
    default = Folders(root).theme
    known = sorted(p.name for p in default.iterdir())
    problems = []
    for path in sorted(folder.iterdir()):
        if not _inside(path, root):
            problems.append(
                Problem(
                    relative(path.parent, root) + "/" + path.name,
                    message=_("the file links outside the project"),
                )
            )
        elif path.name not in known:
            close = difflib.get_close_matches(path.name, known, n=1, cutoff=0.6)
            problems.append(
                Problem(
                    relative(path, root),
                    message=_("this file replaces no file of {folder}/").format(
                        folder=relative(default, root)
                    ),
                    hint=_("did you mean `{suggestion}`?").format(suggestion=close[0])
                    if close
                    else _("use one of: {files}").format(files=", ".join(known)),
                )
            )
    return problems


def _inside(path: Path, root: Path) -> bool:
    """True when `path`, with links followed, stays inside the project folder."""
    return path.resolve().is_relative_to(root.resolve())
