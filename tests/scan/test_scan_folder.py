"""`modul scan FOLDER --into WORKBOOK`: photos of filled-in forms read into the results
workbook, row by participant, only into empty cells; the undecidable listed for review."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from modul.content.loading import load_project
from modul.results import open_results, read_results
from modul.scan import scan_folder, summary_lines
from scan.helpers import MAPS, maps, photo, scanned_pdf, sheet_rows, workbook

ROLE = "konsultan-pemberdayaan-masyarakat"


@pytest.fixture
def book(small_project: Path) -> Path:
    return workbook(small_project)


def test_a_personalised_test_is_written_into_the_participants_row(small_project, book):
    folder = small_project / "foto"
    first = {f"tes_{n}": ["abcd"[n % 4]] for n in range(1, 9)}
    photo(folder, "a1.jpg", "pretest", 1, first, participant=5)
    photo(folder, "a2.jpg", "pretest", 2, {"tes_9": ["b"], "tes_12": ["d"]}, participant=5, seed=2)
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.problems == [] and summary.pages == 2
    assert summary.filled.written == 10 and summary.filled.doubts == 0
    row = next(r for r in sheet_rows(book, "Tes Awal") if r[0] == 5)
    assert row[2:14] == [*("abcd"[n % 4] for n in range(1, 9)), "b", None, None, "d"]
    edition = load_project(small_project).editions["ntt"]
    assert read_results(book, edition, ROLE).pretest.rows[0].answers[0] == "b"


def test_the_workbook_keeps_what_modul_report_needs(small_project, book):
    from openpyxl import load_workbook

    before = load_workbook(book)
    folder = small_project / "foto"
    photo(folder, "e.jpg", "evaluation", 1, {"sesi_1": ["4"]})
    scan_folder(small_project, folder, book, maps)
    after = load_workbook(book)
    for title in ("Tes Awal", "Evaluasi", "Kehadiran"):
        rules = [str(rule.sqref) for rule in after[title].data_validations.dataValidation]
        assert rules == [str(r.sqref) for r in before[title].data_validations.dataValidation]
        assert after[title].freeze_panes == before[title].freeze_panes
    assert after["Pindaian"].sheet_state == "hidden"
    results = open_results(small_project, book, None, None)  # edition and role it records
    assert results.forms[0].sessions[0] == 4


def test_a_blank_form_is_placed_by_the_ticked_number(small_project, book):
    folder = small_project / "foto"
    ticks = {"nomor_puluhan": ["1"], "nomor_satuan": ["2"], "tes_3": ["c"]}
    photo(folder, "b.jpg", "posttest", 1, ticks)
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.problems == [] and summary.filled.written == 1
    row = next(r for r in sheet_rows(book, "Tes Akhir") if r[0] == 12)
    assert row[4] == "c"


def test_evaluation_forms_each_take_a_new_row(small_project, book):
    folder = small_project / "foto"
    photo(folder, "e1.jpg", "evaluation", 1, {"sesi_1": ["4"], "umum_7": ["1"]})
    photo(folder, "e2.jpg", "evaluation", 1, {"sesi_2": ["3"]}, seed=3)
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.problems == [] and summary.filled.written == 3
    rows = sheet_rows(book, "Evaluasi")
    header = rows[0]
    first, second = rows[2], rows[3]
    assert first[header.index("Sesi 1")] == 4 and first[header.index("Umum 7")] == 1
    assert second[header.index("Sesi 2")] == 3 and second[header.index("Sesi 1")] is None


def test_a_typed_answer_is_kept_unless_replace(small_project, book):
    from openpyxl import load_workbook

    loaded = load_workbook(book)
    loaded["Tes Awal"]["C7"] = "a"  # participant 5, question 1, typed by the trainer
    loaded.save(book)
    folder = small_project / "foto"
    photo(folder, "a.jpg", "pretest", 1, {"tes_1": ["d"], "tes_2": ["b"]}, participant=5)
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.filled.written == 1
    assert any(
        "Tes Awal!C7 holds “a”, the form (foto/a.jpg) says “d”" in line
        for line in summary.filled.lines
    )
    assert sheet_rows(book, "Tes Awal")[6][2:4] == ["a", "b"]
    (folder / "a.jpg").rename(folder / "again.jpg")  # not skipped as read before: new bytes
    photo(
        folder, "again.jpg", "pretest", 1, {"tes_1": ["d"], "tes_2": ["b"]}, participant=5, seed=9
    )
    summary = scan_folder(small_project, folder, book, maps, replace=True)
    assert summary.filled.written == 1 and summary.filled.same == 1
    assert sheet_rows(book, "Tes Awal")[6][2:4] == ["d", "b"]


def test_two_marks_and_a_faint_one_are_left_for_review_with_a_crop(small_project, book):
    folder = small_project / "foto"
    photo(folder, "a.jpg", "pretest", 1, {"tes_1": ["a", "c"], "tes_2": ["b"]}, participant=3)
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.filled.written == 1 and summary.filled.doubts == 1
    review = sheet_rows(book, "Tinjauan")
    assert review[0] == ["Berkas", "Halaman", "Lembar", "No", "Butir", "Alasan", "Potongan"]
    assert review[1][:6] == ["foto/a.jpg", 1, "Tes Awal", 3, "1", "lebih dari satu kotak ditandai"]
    crop = book.parent / review[1][6]
    assert crop.is_file() and crop.read_bytes()[:4] == b"\x89PNG"
    assert sheet_rows(book, "Tes Awal")[4][2:4] == [None, "b"]
    lines = summary_lines(summary, "hasil/x.xlsx", "hasil/x-tinjauan")
    assert "1 item for review (sheet Tinjauan; crops in hasil/x-tinjauan)" in lines


def test_the_same_folder_scanned_again_adds_nothing(small_project, book):
    folder = small_project / "foto"
    photo(folder, "e1.jpg", "evaluation", 1, {"sesi_1": ["4"]})
    scan_folder(small_project, folder, book, maps)
    again = scan_folder(small_project, folder, book, maps)
    assert again.skipped == 1 and again.pages == 0 and again.filled.written == 0
    assert [r[1] for r in sheet_rows(book, "Evaluasi")[2:5]] == [4, None, None]


@pytest.mark.parametrize("turn", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180])
def test_a_page_photographed_sideways_or_upside_down_is_read_the_same(small_project, book, turn):
    folder = small_project / "foto"
    data = photo(folder, "a.jpg", "pretest", 1, {"tes_1": ["d"], "tes_5": ["a"]}, participant=6)
    image = cv2.rotate(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), turn)
    (folder / "a.jpg").write_bytes(cv2.imencode(".jpg", image)[1].tobytes())
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.problems == [] and summary.filled.written == 2
    row = next(r for r in sheet_rows(book, "Tes Awal") if r[0] == 6)
    assert (row[2], row[6]) == ("d", "a")


def test_an_evaluation_form_of_two_pages_in_one_pdf_is_one_row(small_project, book):
    single = MAPS["evaluation"].pages[0]
    halves = [
        replace(single, number=n, boxes=tuple(b for b in single.boxes if b.field.startswith(kind)))
        for n, kind in ((1, "sesi"), (2, "umum"))
    ]
    form = replace(MAPS["evaluation"], pages=tuple(halves))
    ticks = [{"sesi_1": ["3"]}, {"umum_2": ["4"]}]
    scanned_pdf(small_project / "pindai", "a.pdf", form, ticks)
    scanned_pdf(small_project / "pindai", "b.pdf", form, ticks[:1])
    two = {**MAPS, "evaluation": form}
    summary = scan_folder(small_project, small_project / "pindai", book, lambda e, r, d: two[d])
    assert summary.problems == [] and summary.pages == 3 and summary.filled.written == 3
    rows = sheet_rows(book, "Evaluasi")
    header = rows[0]
    assert (rows[2][header.index("Sesi 1")], rows[2][header.index("Umum 2")]) == (3, 4)
    assert (rows[3][header.index("Sesi 1")], rows[3][header.index("Umum 2")]) == (3, None)
