"""Load and validate a project's content files into the immutable model.

Every file is read and checked before anything is reported, so a trainer sees all
problems of a run at once, sorted by file and line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from modul.catalog import SLUG
from modul.errors import ModulError, Problem, relative
from modul.model import NATIONAL, Edition, Project, Role, WorksheetPlan, Workshop
from modul.source import Node, ProblemList, read_yaml
from modul.validate import validate

M = TypeVar("M", bound=BaseModel)
PLACEHOLDER = "(Tuliskan "  # how each example text in `modul new`'s starting files begins


def load_project(root: Path) -> Project:
    """Read `content/` under `root`, national and regions; raise ModulError listing every
    problem found."""
    from modul import regions  # regions build on this module's national loading

    problems: list[Problem] = []
    sources = read_national(root, problems)
    editions: dict[str, Edition] = {}
    national = _edition(NATIONAL, sources, problems)
    if national:
        editions[NATIONAL] = national
    for folder in regions.region_folders(root, problems):
        loaded = regions.load_region(folder, root, sources, problems)
        if loaded is None:
            continue
        region, settings, logo, merged, changes = loaded
        edition = _edition(folder.name, merged, problems, region=region, settings=settings,
                           folder=folder, logo=logo, changes=changes)
        if edition:
            editions[folder.name] = edition
    if problems:  # a national mistake shows up again in every region: report it once
        raise ModulError(list({(p.file, p.line, p.message): p for p in problems}.values()))
    return Project(root=root, editions=editions)


def read_national(root: Path, problems: list[Problem]) -> dict[str, Node]:
    """The national content files as YAML trees, by name relative to `content/`."""
    content = root / "content"
    paths = [content / "workshop.yaml", content / "worksheet.yaml",
             *_role_files(content / "roles", root, problems)]
    sources = {}
    for path in paths:
        try:
            sources[path.relative_to(content).as_posix()] = read_yaml(path, root)
        except ProblemList as err:
            problems += err.problems
    return sources


def _edition(slug: str, sources: dict[str, Node], problems: list[Problem],
             **region: Any) -> Edition | None:
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
    worksheet = valid("worksheet.yaml", WorksheetPlan)
    roles = {name[len("roles/"):-len(".yaml")]: role for name in sources
             if name.startswith("roles/") and (role := valid(name, Role)) is not None}
    if workshop:
        found += _check_minutes(sources["workshop.yaml"], workshop)
    if worksheet:
        found += _check_scoring(sources["worksheet.yaml"], worksheet)
    if workshop and worksheet:
        found += _check_worksheet_references(sources["workshop.yaml"], workshop, worksheet)
    failed = bool(found) or workshop is None or worksheet is None
    if slug != NATIONAL:  # say which region a national line fails in, unless it always does
        seen = {(p.file, p.line, p.message) for p in problems}
        found = [replace(p, message=f"{p.message} (in region `{slug}`)")
                 if not p.file.startswith("content/regions/") else p
                 for p in found if (p.file, p.line, p.message) not in seen]
    problems += found
    if failed or workshop is None or worksheet is None:
        return None
    return Edition(slug=slug, workshop=workshop, worksheet=worksheet, roles=roles,
                   sources=sources, **region)


def _role_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    name = relative(folder, root)
    if not folder.is_dir():
        problems.append(Problem(name, message="folder not found",
                                hint="create it with one YAML file per role"))
        return []
    files = sorted(folder.glob("*.yaml"))
    for stray in sorted(folder.glob("*.yml")):
        problems.append(Problem(relative(stray, root), message="role files must end in .yaml",
                                hint=f"rename it to {stray.stem}.yaml"))
    if not files:
        problems.append(Problem(name, message="no role files (*.yaml) found",
                                hint="add one file per role, e.g. konselor.yaml"))
    good = []
    for path in files:
        if SLUG.match(path.stem):
            good.append(path)
        else:
            problems.append(Problem(relative(path, root), message="invalid role file name",
                                    hint="use lowercase letters, digits and hyphens only, "
                                    "e.g. konsultan-desa.yaml"))
    return good


def _check_minutes(doc: Node, workshop: Workshop) -> list[Problem]:
    problems = []
    total = sum(s.menit for s in workshop.sesi)
    if total != workshop.total_menit:
        problems.append(doc.problem(
            ["total_menit"], f"the sessions add up to {total} minutes, but total_menit is "
            f"{workshop.total_menit}", f"set total_menit to {total} or change the sessions' "
            "`menit`"))
    for i, session in enumerate(workshop.sesi):
        steps = sum(step.menit for step in session.langkah)
        if steps != session.menit:
            problems.append(doc.problem(
                ["sesi", i, "menit"], f"the steps of session `{session.id}` add up to {steps} "
                f"minutes, but the session has menit: {session.menit}",
                f"set menit to {steps} or change the steps' `menit`"))
    problems += _duplicate_ids(doc, ["sesi"], [s.id for s in workshop.sesi])
    ids = [s.id for s in workshop.sesi]
    plan = workshop.pelaksanaan
    references: list[tuple[list[str | int], str]] = [
        (["pelaksanaan", "jeda", i, "setelah"], b.setelah)
                  for i, b in enumerate(plan.jeda)]
    references += [(["pelaksanaan", "hari_baru", i], s) for i, s in enumerate(plan.hari_baru)]
    problems += [doc.problem(keys, f"unknown session `{ident}`",
                             f"use a session id: {', '.join(ids)}")
                 for keys, ident in references if ident not in ids]
    return problems


def _check_scoring(doc: Node, plan: WorksheetPlan) -> list[Problem]:
    problems = _duplicate_ids(doc, ["bagian"], [p.id for p in plan.bagian])
    lowest = min(p.skor for p in plan.skala)
    thresholds = [b.rata_rata_minimal for b in plan.pedoman_skor]
    if thresholds[0] != lowest:
        problems.append(doc.problem(
            ["pedoman_skor", 0, "rata_rata_minimal"], f"the first band must start at the "
            f"lowest score of the scale ({lowest})", f"set rata_rata_minimal: {lowest}"))
    for i in range(1, len(thresholds)):
        if thresholds[i] <= thresholds[i - 1]:
            problems.append(doc.problem(
                ["pedoman_skor", i, "rata_rata_minimal"], "bands must go up: this minimum "
                f"is not above the previous one ({thresholds[i - 1]})",
                "order the bands from the lowest to the highest score"))
    return problems


def _check_worksheet_references(doc: Node, workshop: Workshop,
                                plan: WorksheetPlan) -> list[Problem]:
    known = [p.id for p in plan.bagian]
    problems = []
    for i, session in enumerate(workshop.sesi):
        for j, step in enumerate(session.langkah):
            for k, ref in enumerate(step.lembar_kerja):
                if ref not in known:
                    problems.append(doc.problem(
                        ["sesi", i, "langkah", j, "lembar_kerja", k],
                        f"unknown worksheet part `{ref}`",
                        f"use one of the ids in content/worksheet.yaml: {', '.join(known)}"))
    return problems


def unused_worksheet_parts(edition: Edition) -> list[Problem]:
    """Warnings for worksheet parts that no step of the facilitator guide hands out."""
    used = {ref for session in edition.workshop.sesi for step in session.langkah
            for ref in step.lembar_kerja}
    doc = edition.sources["worksheet.yaml"]
    return [doc.problem(["bagian", i, "id"], f"warning: worksheet part `{part.id}` is not "
                        "used by any step of the workshop plan",
                        f"name it in a step's `lembar_kerja: [{part.id}]` in workshop.yaml, "
                        "so the facilitator guide says when participants fill it in")
            for i, part in enumerate(edition.worksheet.bagian) if part.id not in used]


def placeholder_texts(edition: Edition) -> list[Problem]:
    """Warnings for texts still as `modul new` wrote them, so that none is printed."""
    sources = [*edition.sources.values(), *([edition.settings] if edition.settings else [])]
    return [Problem(node.origin.file, node.origin.line, node.origin.column,
                    f"warning: “{node.value.strip()[:50]}” is an example text of `modul new`",
                    "write the real text in its place before printing")
            for source in sources for node in source.strings()
            if node.value.startswith(PLACEHOLDER)]


def _duplicate_ids(doc: Node, keys: list, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for i, ident in enumerate(ids):
        if ident in seen:
            problems.append(doc.problem([*keys, i, "id"], f"the id `{ident}` is used twice",
                                        "give every item its own id"))
        seen.add(ident)
    return problems

