"""NTT's local example opens its session as a hook (`sebelum:` a step id), read back from
the built facilitator guide and run-sheet."""

from __future__ import annotations

import re

from conftest import pdf_text

ROLES = (
    "konselor-pemberdayaan-masyarakat",
    "konsultan-kelompok-masyarakat",
    "konsultan-pemberdayaan-masyarakat",
)
TITLE = "Mengenal Peran dan Mencocokkan Jawaban"
HOOK = "Buka sesi dengan contoh dari Nusa Tenggara Timur"
FIRST_STEP = "Tempel kembali kertas plano hasil sesi Harapan dan Kenyataan"  # id: tanya-tugas
LAST_STEP = "simpulkan bersama tugas utama peran ini"


def session_text(guide: str) -> str:
    """The guide's text from the session's heading to the next session's heading."""
    start = re.search(rf"Sesi \d+: {TITLE}", guide)
    assert start, f"no heading “Sesi n: {TITLE}” in the guide"
    following = re.search(r"Sesi \d+: ", guide[start.end() :])
    assert following, "the session is the last one; the guide should go on"
    return guide[start.end() : start.end() + following.start()]


def test_the_ntt_example_opens_the_session_before_its_first_step(built):
    for role in ROLES:
        text = session_text(pdf_text(built / "build" / "ntt" / role / "panduan-fasilitator.pdf"))
        hook, first, last = text.find(HOOK), text.find(FIRST_STEP), text.find(LAST_STEP)
        assert -1 < hook < first < last, (role, hook, first, last)
        # the first row of the steps' table, right under its header
        assert re.search(rf"Bahan dan Alat 15 {HOOK}", text), role


def test_the_national_guide_has_no_hook_and_keeps_its_first_step_first(built):
    role = ROLES[0]
    text = session_text(pdf_text(built / "build" / "nasional" / role / "panduan-fasilitator.pdf"))
    assert HOOK not in text and re.search(rf"Bahan dan Alat 5 {FIRST_STEP}", text)


def test_the_ntt_run_sheet_gives_the_session_its_longer_time(built):
    """The run-sheet lists sessions, not steps: the hook shows there as the session's
    70 minutes (55 national + 15)."""
    for region, length in (("ntt", 70), ("nasional", 55)):
        sheet = pdf_text(built / "build" / region / ROLES[0] / "jadwal-pelaksanaan.pdf")
        row = re.search(rf"(\d\d)\.(\d\d)–(\d\d)\.(\d\d) {TITLE}", sheet)
        assert row, f"no row for “{TITLE}” in the {region} run-sheet"
        h1, m1, h2, m2 = map(int, row.groups())
        assert (h2 * 60 + m2) - (h1 * 60 + m1) == length, region
