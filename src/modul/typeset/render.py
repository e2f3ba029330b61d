"""Lay out one document's markup on pages: the PDF bytes, its page count and, on request,
what the layout check found on the pages, at the YAML lines that cause it. A layout that
fails the print proof (text lost, outside the page or over other text) is an error."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from modul.content.tree import Node
from modul.errors import ModulError, Problem
from modul.i18n import _
from modul.layout.theme import Theme, scaled
from modul.typeset.layoutcheck import MM, LayoutLog, locate
from modul.typeset.pdf import PastPageLimit, render_pdf
from modul.typeset.proof import Proof, proving
from modul.typeset.typesetter import Typesetter


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    pages: int
    warnings: list[Problem]  # the layout check's findings


def render_document(
    document: ET.Element,
    theme: Theme,
    *,
    root: Path,
    shown: str,
    fillable: bool = False,
    log: LayoutLog | None = None,
    sources: dict[str, Node] | None = None,
    template: str = "",
) -> tuple[bytes, int]:
    """Lay out one document's markup: its PDF bytes and number of pages; `fillable` adds
    form fields over the writing spaces and tick boxes. A document marked `fit-pages="N"`
    (the one-page run-sheet) is set smaller, through the theme's `fit_scales`, until it
    fits on N pages. `shown` names the document in messages; a print proof failure is
    located in `sources` (the edition's YAML trees), else at `template`."""
    wanted = int(document.get("fit-pages", "0"))
    if document.get("orientation") == "landscape":
        theme = theme.model_copy(update={"landscape": True})
    scales = theme.fit_scales if wanted else [1.0]
    for attempt, factor in enumerate(scales, start=1):
        if log:
            log.restart()  # only the findings of the layout that is kept count
        proof = Proof()
        last = attempt == len(scales)
        try:
            pdf, pages = _render_once(
                document,
                scaled(theme, factor),
                root=root,
                shown=shown,
                fillable=fillable,
                log=log,
                proof=proof,
                page_limit=0 if last else wanted,  # a layout too long is left at once
            )
        except PastPageLimit:
            continue
        if pages <= wanted:
            break
    if log and wanted and pages > wanted:
        log.too_many_pages(pages, wanted, min(theme.fit_scales))
    if failed := proof.check():
        located = locate(failed, sources or {}, template or shown, shown)
        raise ModulError([problem.as_error() for problem in located])
    return pdf, pages


def lay_out(
    document: ET.Element,
    theme: Theme,
    *,
    root: Path,
    shown: str,
    sources: dict[str, Node],
    template: str,
) -> LaidOut:
    """The document laid out, with the layout check's findings located in `sources` (the
    edition's YAML trees), else at its `template`."""
    nearly_empty = float(document.get("nearly-empty", theme.layout_check.nearly_empty))
    log = LayoutLog(theme.min_writing_mm * MM, nearly_empty)
    pdf, pages = render_document(
        document, theme, root=root, shown=shown, log=log, sources=sources, template=template
    )
    return LaidOut(pdf, pages, locate(log.finish(), sources, template, shown))


def _render_once(
    document: ET.Element,
    theme: Theme,
    *,
    root: Path,
    shown: str,
    fillable: bool,
    log: LayoutLog | None,
    proof: Proof,
    page_limit: int = 0,
) -> tuple[bytes, int]:
    typesetter = Typesetter(theme, root, fillable=fillable)
    try:
        with proving(proof):
            flowables = typesetter.flowables(document)
        return render_pdf(
            flowables,
            theme=theme,
            fonts=typesetter.font,
            faces=typesetter.faces,
            info=document.attrib,
            log=log,
            proof=proof,
            page_limit=page_limit,
        )
    except LayoutError as err:
        raise ModulError.one(
            shown,
            message=_("cannot lay out the page: {reason}").format(reason=err),
            hint=_(
                "a table cell or box is taller than a page; shorten its text or split "
                "it into several items"
            ),
        ) from None
