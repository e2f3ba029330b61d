"""Load and validate a project's content files into the immutable model.

Every file is read and checked before anything is reported, so a trainer sees all
problems of a run at once, sorted by file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from modul.catalog import NATIONAL, SLUG
from modul.content import checks, regions
from modul.content.model import Edition, Glossary, Role
from modul.content.plans import WorksheetPlan, Workshop
from modul.content.provenance import Provenance
from modul.content.source import ProblemList, read_yaml
from modul.content.tree import Node
from modul.content.validate import validate
from modul.errors import ModulError, Problem, relative
from modul.folders import Folders
from modul.i18n import _

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Project:
    """Every edition of a project's content, and where each edition's values came from."""

    root: Path
    editions: dict[str, Edition]  # NATIONAL first, then regions by slug
    provenance: dict[str, Provenance]  # by edition slug

    @property
    def national(self) -> Edition:
        return self.editions[NATIONAL]

    @property
    def roles(self) -> dict[str, Role]:
        return self.national.roles


def load_project(root: Path, loaded: Callable[[Edition], None] | None = None) -> Project:
    """Read `content/` under `root`, national and regions; raise ModulError listing every
    problem found. `loaded` is given each edition found valid as soon as it is (the
    national one first), so that work on it can begin while the rest are read."""
    problems: list[Problem] = []
    sources = read_national(root, problems)
    editions: dict[str, Edition] = {}
    provenance: dict[str, Provenance] = {}
    national = _edition(NATIONAL, sources, problems)
    if national:
        editions[NATIONAL], provenance[NATIONAL] = national, Provenance(sources)
        if loaded:
            loaded(national)
    for folder in regions.region_folders(root, problems):
        found = regions.load_region(folder, root, sources, problems)
        if found is None:
            continue
        edition = _edition(
            folder.name,
            found.sources,
            problems,
            region=found.region,
            folder=folder,
            logo=found.logo,
        )
        if edition:
            editions[folder.name] = edition
            provenance[folder.name] = Provenance(found.sources, found.settings, found.changes)
            if loaded:
                loaded(edition)
    if problems:  # a national mistake shows up again in every region: report it once
        raise ModulError(list({(p.file, p.line, p.message): p for p in problems}.values()))
    return Project(root=root, editions=editions, provenance=provenance)


def read_national(root: Path, problems: list[Problem]) -> dict[str, Node]:
    """The national content files as YAML trees, by name relative to `content/`."""
    folders = Folders(root)
    paths = [*folders.national_files, *_role_files(folders.roles, root, problems)]
    sources = {}
    for path in paths:
        if path == folders.glossary and not path.exists():
            continue
        try:
            sources[path.relative_to(folders.content).as_posix()] = read_yaml(path, root)
        except ProblemList as err:
            problems += err.problems
    return sources


def _edition(
    slug: str, sources: dict[str, Node], problems: list[Problem], **region: Any
) -> Edition | None:
    """Validate one edition's trees and check what spans files; None if anything fails."""
    found: list[Problem] = []

    def valid(name: str, model: type[M]) -> M | None:
        if name not in sources:
            return None
        try:
            return validate(sources[name], model)
        except ProblemList as err:
            found.extend(err.problems)
            return None

    workshop = valid("workshop.yaml", Workshop)
    glossary = valid("istilah.yaml", Glossary)
    worksheet = valid("worksheet.yaml", WorksheetPlan)
    roles = {
        name[len("roles/") : -len(".yaml")]: role
        for name in sources
        if name.startswith("roles/") and (role := valid(name, Role)) is not None
    }
    for name, role in roles.items():
        found += checks.check_test_answers(sources[f"roles/{name}.yaml"], role)
    if workshop:
        found += checks.check_minutes(sources["workshop.yaml"], workshop)
    if worksheet:
        found += checks.check_scoring(sources["worksheet.yaml"], worksheet)
    if workshop and worksheet:
        found += checks.check_worksheet_references(sources["workshop.yaml"], workshop, worksheet)
    failed = bool(found) or workshop is None or worksheet is None
    if slug != NATIONAL:  # say which region a national line fails in, unless it always does
        seen = {(p.file, p.line, p.message) for p in problems}
        found = [
            replace(
                p,
                message=_("{message} (in region `{region}`)").format(
                    message=p.message, region=slug
                ),
            )
            if not p.file.startswith("content/regions/")
            else p
            for p in found
            if (p.file, p.line, p.message) not in seen
        ]
    problems += found
    if failed or workshop is None or worksheet is None:
        return None
    terms = glossary.istilah if glossary else []
    return Edition(slug, workshop, worksheet, roles, glossary=terms, **region)


def _role_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    name = relative(folder, root)
    if not folder.is_dir():
        problems.append(
            Problem(
                name,
                message=_("folder not found"),
                hint=_("create it with one YAML file per role"),
            )
        )
        return []
    files = sorted(folder.glob("*.yaml"))
    for stray in sorted(folder.glob("*.yml")):
        problems.append(
            Problem(
                relative(stray, root),
                message=_("role files must end in .yaml"),
                hint=_("rename it to {name}.yaml").format(name=stray.stem),
            )
        )
    if not files:
        problems.append(
            Problem(
                name,
                message=_("no role files (*.yaml) found"),
                hint=_("add one file per role, e.g. konselor.yaml"),
            )
        )
    good = []
    for path in files:
        if SLUG.match(path.stem):
            good.append(path)
        else:
            problems.append(
                Problem(
                    relative(path, root),
                    message=_("invalid role file name"),
                    hint=_(
                        "use lowercase letters, digits and hyphens only, e.g. konsultan-desa.yaml"
                    ),
                )
            )
    return good
