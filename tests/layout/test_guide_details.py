"""The facilitator guide's details (issue 28, point 7), read back from the built PDFs."""

from __future__ import annotations

import re

import pytest

from conftest import kit, pdf_path, pdf_text

ROLES = ["konselor-pemberdayaan-masyarakat", "konsultan-kelompok-masyarakat"]


@pytest.mark.parametrize("role", ROLES)
def test_lk1_has_a_discussion_guide_not_an_answer_key(built, role):
    """LK-1 has no wrong answers, so the guide calls its part a reference for discussion."""
    text = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
    assert "LK-1 Harapan dan Kenyataan – Acuan Pembahasan" in text
    assert not re.search(r"Kunci Jawaban LK-1(?! Harapan)", text)  # not the h1 over it


@pytest.mark.parametrize("role", ROLES)
def test_no_doubled_sentence_marks_and_no_if_any_asides(built, role):
    text = pdf_text(pdf_path(built, role, "panduan-fasilitator.pdf"))
    assert not re.search(r"[?!]\.", text)
    assert "jika ada," not in text


def test_a_session_s_materials_name_the_documents_its_steps_hand_out(built):
    """Session 1 hands out the Daftar Hadir, the Tanda Pengenal and the Tes Awal: its
    Bahan dan Alat row names them before the other materials."""
    names = {d.id: d for d in kit(built).documents}
    text = pdf_text(pdf_path(built, ROLES[0], "panduan-fasilitator.pdf"))
    session = text[text.index("Sesi 1:") :]
    row = session[session.index("Bahan dan Alat") : session.index("Menit")]
    assert names["attendance"] and "Daftar Hadir" in row and "Tes Awal" in row
    assert row.index("Tes Awal") < row.index("Kertas plano")
