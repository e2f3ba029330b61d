"""A paragraph of a hundred pages: laid out in time linear in its length, with the
same lines and pages as ReportLab's own splitting would give."""

from __future__ import annotations

import subprocess

import pytest
from reportlab.platypus import Paragraph, paragraph

from conftest import write
from modul import Options, build
from modul.typeset.paragraphs import TextBlock

ROLE = "konselor-pemberdayaan-masyarakat"
SENTENCES, WORDS = 3000, 3000 * 7
HANDOUT = Options(regions=["nasional"], roles=[ROLE], kinds=["handout"], force=True)


@pytest.fixture
def long_paragraph(project):
    path = project / "content" / "roles" / f"{ROLE}.yaml"
    sentences = " ".join(
        f"Kalimat panjang nomor {n} tentang peran konselor." for n in range(SENTENCES)
    )
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("tugas_utama:\n", f'tugas_utama:\n  - "{sentences}"\n', 1))
    return project


def pages_text(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return out.stdout.split("\f")


def test_a_long_paragraph_is_broken_into_lines_about_once(long_paragraph, monkeypatch):
    """ReportLab broke the whole rest of the paragraph into lines again on every page:
    the work grew with the square of its length (350 KB: 49 s; 990 KB never ended).
    Counted as width measurements: a few per word, not a few per word and page."""
    measured = 0
    string_width = paragraph.stringWidth

    def counting(*args, **kwargs):
        nonlocal measured
        measured += 1
        return string_width(*args, **kwargs)

    monkeypatch.setattr(paragraph, "stringWidth", counting)
    (handout,) = build(long_paragraph, HANDOUT).documents
    assert len(pages_text(handout.path)) > 50
    # 4.5 per word and layout; ReportLab's own split: 28. The handout is laid out twice:
    # once to learn the room its growing writing lines (<lines fill>) take.
    assert measured < 2 * 6 * WORDS


def test_its_pages_are_those_of_reportlabs_own_split(long_paragraph, monkeypatch):
    (handout,) = build(long_paragraph, HANDOUT).documents
    ours = pages_text(handout.path)
    monkeypatch.setattr(TextBlock, "split", Paragraph.split)
    (handout,) = build(long_paragraph, HANDOUT).documents
    assert ours == pages_text(handout.path)
