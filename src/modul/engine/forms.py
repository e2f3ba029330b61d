"""The form map of a document read back by `modul scan`: where its corner markers, QR
code and tick boxes are on each page, and the content version its QR codes carry. The
document is laid out in memory exactly as `modul build` lays it out (nothing is written,
nothing cached), so the map matches every copy printed from the same content, blank or
personalised."""

from __future__ import annotations

from pathlib import Path

from modul.engine.options import Options
from modul.engine.preflight import check
from modul.errors import ModulError, Problem, relative
from modul.folders import Folders
from modul.i18n import _
from modul.typeset.formmap import Box, FormMap, PageMap

__all__ = ["Box", "FormMap", "PageMap", "form_map"]


def form_map(
    project_root: Path,
    edition: str,
    role: str,
    document: str,
    *,
    paper: str | None = None,
) -> FormMap:
    """The map of `document` (a catalog id with `scan: true`: pretest, posttest,
    evaluation) of `role` in `edition` (`nasional` or a region's folder name), on the
    paper a build chooses (`paper`: as `modul build --paper`). Content or layout
    problems, an unknown edition, role or document, raise ModulError at their place."""
    # Imported here: reading the map of a scan needs the typesetter, a `modul --help` not.
    from modul.production.variants import scan_session
    from modul.typeset.render import render_document

    options = Options(regions=[edition], roles=[role], kinds=[document], paper=paper)
    setup = check(project_root, options)
    target = next((t for t in setup.targets if t.kind.id == document), None)
    session = scan_session(target) if target else None
    if target is None or session is None:
        shown = relative(Folders(project_root).theme / "catalog.yaml", project_root)
        raise ModulError(
            [
                Problem(
                    shown,
                    0,
                    0,
                    _("`{document}` is not a form that `modul scan` reads").format(
                        document=document
                    ),
                    _("use pretest, posttest or evaluation (catalog.yaml: scan: true)"),
                )
            ]
        )
    shown = relative(target.path, project_root)
    render_document(target.markup, target.theme, root=project_root, shown=shown, scan=session)
    assert session.last is not None  # a layout was made
    return session.last.form_map()
