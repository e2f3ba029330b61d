"""Print production: the extra files made from a laid-out document.

A booklet of its A5 pages, a fillable form, copies personalised from a participant
list, and a role's packet. Each is made from finished PDF pages, never by running the
layout again per copy; only the fillable form and the packet's front have a layout of
their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from modul.content.participants import Roster
from modul.layout.catalog import DocumentKind
from modul.layout.documents import PacketTarget, Target
from modul.paper import SIZE_MM
from modul.production import packet as joining
from modul.production.folios import FolioText, refolio
from modul.production.forms import finish_form
from modul.production.imposition import booklet
from modul.production.outputs import Output
from modul.production.roster import personalised
from modul.typeset.fonts import register_faces
from modul.typeset.formmap import ScanIdentity
from modul.typeset.render import render_document
from modul.typeset.scanmarks import Marks, ScanSession


def variants(
    target: Target,
    pdf: bytes,
    pages: int,
    *,
    root: Path,
    shown: str,
    fillable: bool,
    roster: Roster | None,
) -> Iterator[Output]:
    """The booklet, fillable form and personalised copies asked for, of one target."""
    stem, folder = target.path.stem, target.path.parent
    if target.booklet_sheet:
        yield Output(
            folder / f"{stem}-buklet.pdf",
            booklet(pdf, SIZE_MM[target.booklet_sheet]),
            -(-pages // 4) * 2,
        )
    if not target.kind.filled_in or not (fillable or (roster and target.roster_line)):
        return
    scan = scan_session(target)
    form = finish_form(
        render_document(
            target.markup, target.theme, root=root, shown=shown, fillable=True, scan=scan
        )[0]
    )
    if fillable:
        yield Output(folder / f"{stem}-isian.pdf", form, pages)
    if roster and target.roster_line:
        yield from _personalised(target, pdf, form, roster, root, scan.last if scan else None)


def scan_session(target: Target) -> ScanSession | None:
    """For a form read back (catalog `scan: true`): what its layout notes of its marks."""
    if not target.kind.scan:
        return None
    return ScanSession(ScanIdentity(target.edition, target.role, target.kind.id))


def _personalised(
    target: Target,
    worksheet: bytes,
    form: bytes,
    roster: Roster,
    root: Path,
    marks: Marks | None,
) -> Iterator[Output]:
    """A worksheet per participant as each is stamped, then all in one print file."""
    stem, folder = target.path.stem, target.path.parent
    yield from personalised(
        worksheet,
        form,
        roster,
        faces=register_faces(target.theme),
        header=target.roster_line,
        theme=target.theme,
        merged=target.path.with_name(f"{stem}-peserta.pdf"),
        single=lambda n, person: folder / "peserta" / f"{stem}-{n:03d}-{person.slug}.pdf",
        root=root,
        marks=marks,
    )


def packet(
    job: PacketTarget, documents: list[tuple[DocumentKind, bytes]], *, root: Path, shown: str
) -> list[Output]:
    """A role's packet: its documents behind a front rendered with their packet page
    numbers, one running folio through all; and folded, for a booklet build. A folded
    packet leaves out the documents whose pages are not the packet's (a landscape
    certificate): they are named on its contents page, printed apart."""
    parts = [joining.read_part(job.names[kind.id], pdf) for kind, pdf in documents]
    apart: list[str] = []
    if job.booklet_sheet:
        apart = [part.name for part in parts if part.size != joining.page_size(job.theme)]
        parts = [part for part in parts if part.name not in apart]
    front_pages = 1
    while True:  # the front's own length decides where the documents start
        placed = joining.place(parts, front_pages)
        contents = [  # what the contents page shows of each part: not its PDF
            {"name": p.name, "first_page": p.first_page, "sections": p.sections} for p in placed
        ]
        markup = job.front(parts=contents, apart=apart)
        front, pages = render_document(markup, job.theme, root=root, shown=shown)
        if pages == front_pages:
            break
        front_pages = pages
    folio = FolioText(job.folio, job.footer)
    faces = register_faces(job.theme)
    joined = joining.join(
        joining.read_part("", front), placed, lambda pdf: refolio(pdf, folio, job.theme, faces)
    )
    total = front_pages + sum(p.pages for p in placed)
    made = [Output(job.path, joined, total)]
    if job.booklet_sheet:
        folded = booklet(joined, SIZE_MM[job.booklet_sheet])
        made.append(
            Output(job.path.with_name(f"{job.path.stem}-buklet.pdf"), folded, -(-total // 4) * 2)
        )
    return made
