"""Lay out one document's markup on pages: the PDF bytes, its page count and, on request,
what the layout check found on the pages, at the YAML lines that cause it. A layout that
fails the print proof (text lost, outside the page or over other text) is an error."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Table

from modul.content.tree import Node
from modul.errors import ModulError, Problem
from modul.i18n import _
from modul.layout.theme import Margins, Theme, fitted
from modul.typeset.cards import tag_page
from modul.typeset.formmap import form_texts
from modul.typeset.layoutcheck import MM, Finding, LayoutLog, locate, short
from modul.typeset.pagination import Growth, growing
from modul.typeset.paragraphs import TextBlock
from modul.typeset.pdf import PastPageLimit, TooTall, render_pdf
from modul.typeset.proof import Proof, proving
from modul.typeset.scanmarks import ScanSession, scanning
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
    scan: ScanSession | None = None,
) -> tuple[bytes, int]:
    """Lay out one document's markup: its PDF bytes and number of pages; `fillable` adds
    form fields over the writing spaces and tick boxes. A document marked `fit-pages="N"`
    (the one-page run-sheet) is set smaller, through the theme's `fit_scales`, until it
    fits on N pages; `fit-pages="auto"` (the tests) loses a nearly empty last page so, if
    it does at `least_scale` or larger. `shown` names the document in messages; a print
    proof failure is located in `sources` (the edition's YAML trees), else at `template`.
    A form read back (`scan`) carries its corner markers and QR codes, and `scan.last`
    holds where its layout put them and every tick box."""
    if scan is not None:
        scan.texts = form_texts(document)
    with scanning(scan):
        return _render(
            document, page_theme(document, theme), root, shown, fillable, log, sources, template
        )


def _render(
    document: ET.Element,
    theme: Theme,
    root: Path,
    shown: str,
    fillable: bool,
    log: LayoutLog | None,
    sources: dict[str, Node] | None,
    template: str,
) -> tuple[bytes, int]:
    auto = document.get("fit-pages") == "auto"
    wanted = (
        _pages_to_save(document, theme, root, shown)
        if auto
        else int(document.get("fit-pages", "0"))
    )
    scales = theme.fit_scales if wanted else [1.0]
    if auto and wanted:  # only slightly smaller, else as it is
        scales = [f for f in scales if f >= theme.page_breaks.least_scale] + [1.0]
    for attempt, factor in enumerate(scales, start=1):
        if log:
            log.restart()  # only the findings of the layout that is kept count
        last = attempt == len(scales)
        try:
            pdf, pages, proof = _render_once(
                document,
                fitted(theme, factor),
                root=root,
                shown=shown,
                fillable=fillable,
                log=log,
                page_limit=0 if last else wanted,  # a layout too long is left at once
            )
        except PastPageLimit:
            continue
        except TooTall as err:
            located = locate([_too_tall(err)], sources or {}, template or shown, shown)
            raise ModulError([problem.as_error() for problem in located]) from None
        if pages <= wanted:
            break
    if log and wanted and pages > wanted and not auto:
        log.too_many_pages(pages, wanted, min(theme.fit_scales))
    if failed := proof.check():
        located = locate(failed, sources or {}, template or shown, shown)
        raise ModulError([problem.as_error() for problem in located])
    return pdf, pages


def page_theme(document: ET.Element, theme: Theme) -> Theme:
    """The theme for this document's pages: turned for a landscape one, the grid as the
    writing area of name tags, the margins inside the border of a bordered one."""
    if document.get("orientation") == "landscape":
        theme = theme.model_copy(update={"landscape": True})
    if document.find("tags") is not None:
        theme = tag_page(theme)
    if document.get("border") == "1":
        inside = Margins.model_validate(theme.certificate.margins.model_dump())
        theme = theme.model_copy(update={"margins": inside})
    return theme


def _pages_to_save(document: ET.Element, theme: Theme, root: Path, shown: str) -> int:
    """The pages to fit a document on to lose its last page, when that page is nearly
    empty (a test's last question alone on its side); else 0."""
    probe = LayoutLog(0, 0)
    _pdf, pages, _proof = _render_once(
        document, theme, root=root, shown=shown, fillable=False, log=probe
    )
    last = probe.lowest.get(pages, 1.0)
    return pages - 1 if pages > 1 and last < theme.layout_check.nearly_empty else 0


def lay_out(
    document: ET.Element,
    theme: Theme,
    *,
    root: Path,
    shown: str,
    sources: dict[str, Node],
    template: str,
    scan: ScanSession | None = None,
) -> LaidOut:
    """The document laid out, with the layout check's findings located in `sources` (the
    edition's YAML trees), else at its `template`."""
    nearly_empty = float(document.get("nearly-empty", theme.layout_check.nearly_empty))
    log = LayoutLog(theme.min_writing_mm * MM, nearly_empty, theme.layout_check.least_filled)
    pdf, pages = render_document(
        document,
        theme,
        root=root,
        shown=shown,
        log=log,
        sources=sources,
        template=template,
        scan=scan,
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
    page_limit: int = 0,
) -> tuple[bytes, int, Proof]:
    """The document laid out once, and the print proof of it. Where it has writing lines
    that grow (`fill`), it is laid out first as written, to learn the room left at each
    page's foot, then with that room given to them; should a page then break elsewhere,
    as written."""
    lay_out = partial(_lay_out, document, theme, root, fillable, page_limit=page_limit)
    extra: dict[int, int] = {}
    first = Growth()
    if any(lines.get("fill") == "1" for lines in document.iter("lines")):
        probe = LayoutLog(0, 0)
        lay_out(first, probe, proof=None)
        room = {page: (1 - filled) * _frame_height(theme) for page, filled in probe.lowest.items()}
        extra = first.shared_out(room, theme.writing_line_mm * mm)
    final, proof = Growth(extra), Proof()
    pdf, pages = lay_out(final, log, proof=proof)
    if extra and final.pages != first.pages:
        if log:
            log.restart()
        proof = Proof()
        pdf, pages = lay_out(Growth(), log, proof=proof)
    return pdf, pages, proof


def _lay_out(
    document: ET.Element,
    theme: Theme,
    root: Path,
    fillable: bool,
    growth: Growth,
    log: LayoutLog | None,
    *,
    proof: Proof | None,
    page_limit: int,
) -> tuple[bytes, int]:
    typesetter = Typesetter(theme, root, fillable=fillable)
    with growing(growth):
        with proving(proof or Proof()):
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


def _frame_height(theme: Theme) -> float:
    margins = theme.margins
    return float((theme.paper_mm[1] - margins.top - margins.bottom) * mm)


def _too_tall(err: TooTall) -> Finding:
    """What did not fit, as a finding `locate` traces to the text's YAML line."""
    anchor = " ".join(_texts(err.flowable))
    return Finding(
        err.page,
        _("“{text}” does not fit on a page and cannot run on to the next").format(
            text=short(anchor)
        )
        if anchor
        else _("a picture or box does not fit on a page"),
        _(
            "shorten the text or split it into several items; where the template sets "
            "a row's height (`row-mm`) or a picture's size (`mm`), make it smaller"
        ),
        anchor,
    )


def _texts(flowable: object) -> Iterator[str]:
    """The texts a reader would see in `flowable`; of a table, those of its tallest row
    (where a table does not fit)."""
    if isinstance(flowable, TextBlock):
        yield flowable.plain_text()
    elif isinstance(flowable, (list, tuple)):
        for part in flowable:
            yield from _texts(part)
    elif isinstance(flowable, Table):
        rows, heights = flowable._cellvalues, getattr(flowable, "_rowHeights", None)
        if rows and heights and len(heights) == len(rows) and None not in heights:
            rows = [rows[max(range(len(rows)), key=heights.__getitem__)]]
        yield from _texts(rows)
    else:  # KeepTogether, lists, headings with the table below them
        for name in ("_content", "_flowables", "headings", "table"):
            yield from _texts(getattr(flowable, name, ()))
