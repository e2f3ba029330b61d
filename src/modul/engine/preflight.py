"""Check everything a build reads and render every document's markup; write nothing.

Rule for errors: all content and layouts are checked, and every document's markup is
rendered, before the first PDF is written. Any problem stops the build with nothing
written, so `build/` never mixes fresh and stale documents from one run. (Only a failure
while writing, such as a full disk, can stop a build part-way; each PDF is still either
the old one or the complete new one.)
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from modul.catalog import RENAMED_DOCUMENTS
from modul.content import certificates, checks, reminders
from modul.content.loading import Project, load_project
from modul.content.model import Edition
from modul.content.participants import Roster, read_roster
from modul.engine.options import Options, UsageError
from modul.engine.rendering import Ahead, Foreign, Rendering, render
from modul.errors import ModulError, Problem, collect, relative, warning
from modul.folders import Folders
from modul.i18n import _
from modul.layout.catalog import Catalog, DocumentKind, catalog_warnings, load_catalog
from modul.layout.documents import (
    PacketTarget,
    Target,
)
from modul.layout.giveaways import giveaway_problems
from modul.layout.kit import kit_problems
from modul.layout.labels import load_labels
from modul.layout.languages import title_warnings
from modul.typeset.glyphs import glyph_warnings


@dataclass(frozen=True)
class Setup:
    """Everything a build reads, loaded and checked once."""

    project: Project
    catalog: Catalog
    targets: list[Target]
    packets: list[PacketTarget]
    roster: Roster | None = None
    warnings: list[Problem] = field(default_factory=list)  # printed, but nothing stops


def check(
    root: Path, options: Options | None = None, pool: Executor | None = None, *, keep: bool = True
) -> Setup:
    """Load and check all content and layouts and render all markup; write nothing.

    The paper is `modul.paper`'s rule (`options.paper`, `booklet`). With `packet`, each
    role's documents are also joined into a workshop packet. `participants` replaces the
    number in the workshop plan (run-sheet copies); a `roster` of participants
    personalises the documents participants write on. Without `keep`, the targets carry
    no markup (nothing will be laid out).
    """
    options = options or Options()
    options.check()
    problems: list[Problem] = []
    plain = _rendering(root, options, problems, keep)
    ahead = Ahead(pool if plain and not problems else None, partial(_with_roles, plain))
    try:
        project = collect(problems, lambda: load_project(root, ahead.loaded))
        if project is None or plain is None:
            raise ModulError(problems)
        editions = _select(list(project.editions), options.regions, "region")
        roles = _select(list(project.roles), options.roles, "role")
        kit_findings = _kit_findings(root, project, plain.catalog, editions)
        if kit_errors := [p for p in kit_findings if p.severity == "error"]:
            raise ModulError(problems + kit_errors)  # templates would only fail on them again
        chosen = [project.editions[slug] for slug in editions]
        rendered = render(replace(plain, roles=roles), chosen, pool, ahead)
    finally:  # stopped: what was sent ahead is not needed
        ahead.cancel()
    problems += rendered.problems
    if problems:  # a layout mistake shows up once per document: report it once
        raise ModulError(list({(p.file, p.line, p.message): p for p in problems}.values()))
    warnings = [p for p in kit_findings if p.severity == "warning"]
    warnings += _content_warnings(project, editions)
    warnings += [
        w
        for slug in editions
        for w in title_warnings(
            plain.labels, plain.catalog, project.editions[slug], project.provenance[slug]
        )
    ]
    warnings += _renamed_kinds(options.kinds)
    warnings += catalog_warnings(root, plain.catalog) if options.packet else []
    warnings += _glyph_warnings(root, rendered.foreign, plain.people_list, options.roster)
    return Setup(
        project,
        plain.catalog,
        rendered.targets,
        rendered.packets,
        plain.people_list,
        sorted(set(warnings)),
    )


def _rendering(
    root: Path, options: Options, problems: list[Problem], keep: bool
) -> Rendering | None:
    """What rendering needs besides the content: the catalog, the labels of every
    language, the participant list and the document kinds chosen (roles come later)."""
    catalog = collect(problems, lambda: load_catalog(root))
    labels = {
        path.stem: collect(problems, partial(load_labels, root, path.stem))
        for path in sorted(Folders(root).labels.glob("*.yaml"))
    }
    roster = options.roster
    people_list = (
        collect(problems, lambda: read_roster(roster, relative(roster, root), options.sheet))
        if roster
        else None
    )
    if people_list and options.per_file:
        people_list = replace(people_list, per_file=options.per_file)
    participants = options.participants or (len(people_list.participants) if people_list else None)
    if catalog is None:
        return None
    kinds = _select_kinds(catalog, options.kinds)
    return Rendering(root, options, catalog, labels, people_list, participants, [], kinds, keep)


def _content_warnings(project: Project, editions: list[str]) -> list[Problem]:
    """Warnings about the chosen editions' content: worksheet parts no step uses, texts
    still to be written, a schedule that does not match the dates, keys renamed."""
    return [
        w
        for slug in editions
        for w in [
            *checks.unused_worksheet_parts(project.editions[slug], project.provenance[slug]),
            *reminders.placeholder_texts(project.provenance[slug]),
            *checks.schedule_warnings(project.editions[slug], project.provenance[slug]),
            *certificates.jpl_warnings(project.editions[slug], project.provenance[slug]),
            *reminders.renamed_keys(project.provenance[slug]),
            *reminders.renamed_documents(project.provenance[slug]),
        ]
    ]


def _with_roles(plain: Rendering | None, national: Edition) -> Rendering | None:
    """`plain` with the roles asked for, given the national edition; None if one is
    unknown (the check after loading says so)."""
    if plain is None:
        return None
    try:
        return replace(plain, roles=_select(list(national.roles), plain.options.roles, "role"))
    except ModulError:
        return None


def _kit_findings(
    root: Path, project: Project, catalog: Catalog, editions: list[str]
) -> list[Problem]:
    """What the kit rules (`layout.kit`) find in each edition's workshop plan."""
    catalog_file = Folders(root).theme / "catalog.yaml"
    found = [
        p
        for slug in editions
        for p in [
            *kit_problems(
                project.editions[slug],
                project.provenance[slug].sources["workshop.yaml"],
                catalog,
                catalog_file,
                root,
            ),
            *giveaway_problems(project.editions[slug], project.provenance[slug].sources),
        ]
    ]
    return list(dict.fromkeys(found))  # a national line is found once per edition


def _glyph_warnings(
    root: Path, foreign: Foreign, people: Roster | None, roster: Path | None
) -> list[Problem]:
    """Characters a theme's own font lacks, where they are written."""
    names = [" ".join(p.texts()) for p in people.participants] if people else []
    sources = [roster] if roster else []
    sources += sorted(
        p
        for folder in Folders(root).watched
        for p in folder.rglob("*")
        if p.suffix in (".yaml", ".j2") and p.is_file()
    )
    return [
        w
        for coverage, found in foreign.values()
        for w in glyph_warnings(names, coverage, sources, root, found=found)
    ]


def _select_kinds(catalog: Catalog, wanted: Iterable[str]) -> list[DocumentKind]:
    """The documents asked for by any of their names; a name that is none is a usage
    error, as a mistyped --paper is, with the closest name."""
    found = {name: catalog.find(name) for name in wanted}
    unknown = [name for name, kind in found.items() if kind is None]
    if unknown:
        files = ", ".join(k.stem for k in catalog.documents)
        raise UsageError(
            [
                Problem(
                    "modul",
                    message=_("unknown document `{name}`").format(name=name),
                    hint=_("did you mean `{suggestion}`?").format(suggestion=close)
                    if (close := catalog.closest(name))
                    else _("choose from: {choices}").format(choices=files),
                )
                for name in unknown
            ]
        )
    asked = {kind.id for kind in found.values() if kind}
    return [k for k in catalog.documents if not asked or k.id in asked]


def _renamed_kinds(wanted: Iterable[str]) -> list[Problem]:
    """Warnings for documents asked for (`--doc`) by a name that has changed."""
    return [
        warning(
            "--doc",
            message=_("`{old}` is now called `{new}`").format(old=name, new=new),
            hint=_("write `--doc {new}`; the old name is understood until then").format(new=new),
        )
        for name in wanted
        if (new := RENAMED_DOCUMENTS.get(name.strip().lower()))
    ]


def _select(available: list[str], wanted: Iterable[str], what: str) -> list[str]:
    wanted = list(wanted)
    unknown = [w for w in wanted if w not in available]
    if unknown:
        raise ModulError(
            [
                Problem(
                    "modul",
                    message=(
                        _("unknown region `{name}`")
                        if what == "region"
                        else _("unknown role `{name}`")
                    ).format(name=u),
                    hint=_("choose from: {choices}").format(choices=", ".join(available)),
                )
                for u in unknown
            ]
        )
    return [a for a in available if not wanted or a in wanted]
