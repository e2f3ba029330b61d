"""The packets' markup: <toc> with dot leaders kept on one page, <band> on the accent
colour, <bottom> at the page's foot, <document cover-page> without furniture; each
checked as markup and read back from the laid-out PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import REPO
from modul.content.source import ProblemList
from modul.layout import markup
from modul.layout.theme import load_theme
from modul.typeset.render import render_document

FOOT = 'header="Paket" footer="Dinas" page-label="Halaman {page} dari {pages}"'


def laid_out(body: str, attributes: str = FOOT, paper: str = "A4") -> PdfReader:
    theme = load_theme(REPO / "layouts" / "default", REPO, paper=paper)
    document = ET.fromstring(f"<document {attributes}>{body}</document>")
    pdf, _ = render_document(document, theme, root=REPO, shown="test.pdf")
    return PdfReader(io.BytesIO(pdf))


def toc(documents: int, sections: int) -> str:
    entries = []
    for d in range(1, documents + 1):
        entries.append(f'<entry page="{d * 10}">Dokumen {d}</entry>')
        entries += [
            f'<entry page="{d * 10 + s}" level="2">Bagian {d}.{s}</entry>'
            for s in range(1, sections + 1)
        ]
    return f"<h1>Daftar Isi</h1><toc>{''.join(entries)}</toc>"


def test_a_short_contents_shows_every_section_with_dot_leaders():
    reader = laid_out(toc(3, 4))
    lines = [" ".join(line.split()) for line in reader.pages[0].extract_text().splitlines()]
    assert len(reader.pages) == 1
    assert any(line.startswith("Dokumen 2 . . . . . .") and line.endswith(" 20") for line in lines)
    assert any(line.startswith("Bagian 3.4 . . .") and line.endswith("34") for line in lines)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_long_contents_stays_on_one_page_without_the_longest_sections(paper):
    long = "".join(f'<entry page="5" level="2">Sesi {s}</entry>' for s in range(1, 31))
    short = "".join(
        f'<entry page="{d}0">Dokumen {d}</entry><entry page="{d}1" level="2">Bagian {d}</entry>'
        for d in range(2, 13)
    )
    body = f'<h1>Daftar Isi</h1><toc><entry page="5">Panduan</entry>{long}{short}</toc>'
    reader = laid_out(body, paper=paper)
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert all(f"Dokumen {d} . . ." in text for d in range(2, 13))
    assert "Panduan . . ." in text and "Sesi 30" not in text  # the longest go first
    assert "Bagian 12 . . ." in text  # the short ones kept


def test_contents_of_more_documents_than_a_page_holds_run_on_rather_than_fail():
    reader = laid_out(toc(60, 0), paper="A5")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) == 2 and all(f"Dokumen {d} . . ." in text for d in range(1, 61))


def test_a_band_is_filled_with_the_accent_and_its_text_reversed_out():
    theme = load_theme(REPO / "layouts" / "default", REPO)
    reader = laid_out('<band mm="40"><p style="title" align="center">Konsultan</p></band>')
    assert "Konsultan" in reader.pages[0].extract_text()
    pdf = pikepdf.open(io.BytesIO(_bytes(reader)))
    operators = pikepdf.parse_content_stream(pdf.pages[0])
    fills = [
        tuple(round(float(v), 3) for v in op.operands)
        for op in operators
        if str(op.operator) == "rg"
    ]
    accent = tuple(round(int(theme.colours.accent[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))
    assert accent in fills and (1.0, 1.0, 1.0) in fills


def _bytes(reader: PdfReader) -> bytes:
    out = io.BytesIO()
    reader.stream.seek(0)
    out.write(reader.stream.read())
    return out.getvalue()


def test_bottom_stands_at_the_foot_and_a_cover_page_has_no_furniture():
    body = "<p>Judul</p><bottom><p>Penyelenggara</p></bottom><pagebreak/><p>Isi</p>"
    reader = laid_out(body, FOOT + ' cover-page="yes"')
    first, second = (page.extract_text() for page in reader.pages)
    assert "Halaman" not in first and "Dinas" not in first and "Paket" not in first
    assert "Halaman 2 dari" in second and "Dinas" in second
    heights: dict[str, float] = {}

    def note(text, cm, tm, font, size):
        if text.strip():
            heights[text.strip()] = cm[5] + tm[5]

    reader.pages[0].extract_text(visitor_text=note)
    theme = load_theme(REPO / "layouts" / "default", REPO)
    assert heights["Penyelenggara"] < theme.margins.bottom * 72 / 25.4 + 20  # at the foot
    assert heights["Judul"] > float(reader.pages[0].mediabox.height) / 2


@pytest.mark.parametrize(
    ("body", "document", "message"),
    [
        ('<band mm="tall"/>', "", "<band mm> must be a number of millimetres"),
        ('<toc><entry level="3">x</entry></toc>', "", '<entry level> must be "1" or "2"'),
        ("", ' cover-page="first"', '<document cover-page> must be "yes"'),
        ("<toc><entry><b>x</b></entry></toc>", "", "<b> may not stand inside <entry>"),
    ],
)
def test_the_packets_markup_is_checked(body, document, message, tmp_path: Path):
    text = f"<document{document}>{body}</document>"
    template = tmp_path / "packet.xml.j2"
    template.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        markup.parse(text, template, tmp_path)
    assert [p.message[: len(message)] for p in caught.value.problems] == [message]
