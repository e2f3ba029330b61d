"""PNG pictures of a document's pages, to look at without a PDF viewer or system tools.

Pages are rendered with pdfium (pypdfium2, a wheel with no system dependencies) into
build/preview/, and recorded in the manifest so that `modul clean` removes them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from modul.catalog import NATIONAL
from modul.engine.builder import build
from modul.engine.manifest import Manifest
from modul.engine.options import Options
from modul.errors import ModulError
from modul.folders import Folders
from modul.layout.catalog import load_catalog
from modul.output import remove, write_atomic

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument

DPI = 100


def preview(
    root: Path, role: str, kind: str, *, region: str = NATIONAL, page: int | None = None
) -> list[Path]:
    """Build the document if it is out of date, then write its pages (or one) as PNG."""
    import pypdfium2

    build(root, Options(regions=[region], roles=[role], kinds=[kind], keep_named=True))
    found = load_catalog(root).find(kind)
    filename = found.file if found else kind  # an unknown name was refused by build
    document = pypdfium2.PdfDocument(Folders(root).output(region, role, filename))
    numbers = range(1, len(document) + 1)
    if page is not None and page not in numbers:
        raise ModulError.one(
            "modul",
            message=f"--page {page}: the document has {len(document)} pages",
            hint=f"use 1 to {len(document)}",
        )
    folder = Folders(root).preview(region, role)
    written = []
    for number in [page] if page else numbers:
        path = folder / f"{Path(filename).stem}-{number:02d}.png"
        write_atomic(path, page_png(document, number), root)
        written.append(path)
    manifest = Manifest(root)
    if page is None:  # pages of an earlier, longer version go
        for outdated in manifest.record(folder / Path(filename).stem, "preview", written):
            remove(outdated, root)
    else:
        manifest.record(folder / f"{Path(filename).stem}-{page:02d}", "preview", written)
    manifest.save()
    return written


def page_png(document: PdfDocument, number: int, *, scale: float = DPI / 72) -> bytes:
    """Page `number` (from 1) of `document` as a PNG picture, `scale` pixels per point.
    pdfium serves one thread at a time: a caller with threads holds a lock around this."""
    image = document[number - 1].render(scale=scale).to_pil()
    data = io.BytesIO()
    image.save(data, format="PNG", optimize=True)
    return data.getvalue()
