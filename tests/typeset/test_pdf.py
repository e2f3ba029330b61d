"""Laying out a document: metadata, bookmarks, and what happens to flowables too tall
for a page."""

from __future__ import annotations

from conftest import REPO
from modul.layout.theme import load_theme


def test_a_heading_taller_than_the_page_runs_on_and_keeps_one_bookmark():
    """A session title of 1500 words made ReportLab split the heading, which failed with
    a TypeError (exit 4)."""
    import io
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader

    from modul.typeset.render import render_document

    theme = load_theme(REPO / "layouts" / "default", REPO)
    words = [f"Judul{n}" for n in range(1500)]
    markup = ET.fromstring(
        f"<document><h1>Sesi</h1><h2>{' '.join(words)}</h2><p>Isi</p></document>"
    )
    pdf, pages = render_document(markup, theme, root=REPO, shown="test.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert pages > 1 and all(word in text for word in words) and "Isi" in text
    assert [item.title for item in reader.outline[1]] == [" ".join(words)]  # once, under h1
