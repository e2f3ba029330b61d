"""What `modul scan` cannot read is one clear line each, and the rest is still read: a
photo with no form, a form of another workshop or printed from other content, the same
page twice, a huge photo (read, made smaller first), a corrupt JPEG or PDF, an unreadable
QR code, a scanned PDF of several pages."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from modul.scan import scan_folder
from scan import pages, photos
from scan.helpers import maps, photo, scanned_pdf, sheet_rows, workbook

ROLE = "konsultan-pemberdayaan-masyarakat"
TICKS = {"tes_1": ["b"], "tes_2": ["c"]}


@pytest.fixture
def book(small_project: Path) -> Path:
    return workbook(small_project)


def lines(summary) -> list[str]:
    return [str(problem) for problem in summary.problems]


def only(summary) -> str:
    assert len(summary.problems) == 1, lines(summary)
    return str(summary.problems[0])


def test_a_photo_with_no_form(small_project, book):
    folder = small_project / "foto"
    folder.mkdir()
    noise = np.random.default_rng(1).integers(0, 255, (1200, 900, 3), np.uint8)
    (folder / "meja.jpg").write_bytes(cv2.imencode(".jpg", noise)[1].tobytes())
    photo(folder, "ok.jpg", "pretest", 1, TICKS, participant=4)
    summary = scan_folder(small_project, folder, book, maps)
    assert only(summary).startswith("foto/meja.jpg: no form found on the photo\n    fix: ")
    assert summary.pages == 1 and summary.filled.written == 2


def test_a_form_of_another_workshop(small_project, book):
    qr = f"MODUL1;ntt;konsultan-kelompok-masyarakat;pretest;{pages.VERSION};1;4"
    photo(small_project / "foto", "lain.jpg", "pretest", 1, TICKS, qr=qr)
    summary = scan_folder(small_project, small_project / "foto", book, maps)
    assert only(summary).startswith(
        "foto/lain.jpg: a form of another workshop (ntt, konsultan-kelompok-masyarakat)\n"
        "    fix: scan it into that workshop's results workbook, "
        "hasil/ntt/konsultan-kelompok-masyarakat.xlsx"
    )
    assert summary.filled.written == 0


def test_a_page_printed_from_other_content(small_project, book):
    old = pages.forms(version="0badc0de")
    photo(small_project / "foto", "lama.jpg", "pretest", 1, TICKS, participant=4, maps_=old)
    summary = scan_folder(small_project, small_project / "foto", book, maps)
    assert only(summary).startswith(
        "foto/lama.jpg: printed from other content (version 0badc0de; the kit's is now "
        f"{pages.VERSION})"
    )
    assert summary.filled.written == 0


def test_the_same_page_twice_is_read_once(small_project, book):
    folder = small_project / "foto"
    photo(folder, "a.jpg", "pretest", 1, TICKS, participant=4)
    photo(folder, "b.jpg", "pretest", 1, TICKS, participant=4, seed=5)
    summary = scan_folder(small_project, folder, book, maps)
    assert only(summary).startswith(
        "foto/b.jpg: the same page as foto/a.jpg (page 1, participant 4): read once"
    )
    assert summary.pages == 1 and summary.filled.written == 2


def test_a_huge_photo_is_read_made_smaller(small_project, book):
    folder = small_project / "foto"
    data = photo(folder, "a.jpg", "pretest", 1, TICKS, participant=4)
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    huge = cv2.resize(image, (8400, 11900), interpolation=cv2.INTER_LINEAR)  # 100 megapixels
    (folder / "a.jpg").write_bytes(cv2.imencode(".jpg", huge, [cv2.IMWRITE_JPEG_QUALITY, 60])[1])
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.problems == [] and summary.filled.written == 2


def test_an_image_too_large_to_read_is_refused_by_its_header(small_project, book):
    folder = small_project / "foto"
    folder.mkdir()
    header = struct.pack(">IIBBBBB", 30000, 20000, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    png += struct.pack(">I", zlib.crc32(chunk)) + end
    (folder / "besar.png").write_bytes(png)
    summary = scan_folder(small_project, folder, book, maps)
    assert only(summary).startswith(
        "foto/besar.png: the image is too large to read (600 megapixels)\n    fix: save it"
    )


def test_a_corrupt_jpeg_and_pdf(small_project, book):
    folder = small_project / "foto"
    data = photo(folder, "a.jpg", "pretest", 1, TICKS, participant=4)
    (folder / "a.jpg").write_bytes(data[: len(data) // 2])  # the copy broke off
    (folder / "b.jpg").write_bytes(b"not a picture")
    (folder / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    summary = scan_folder(small_project, folder, book, maps)
    assert [line.split("\n")[0] for line in lines(summary)] == [
        "foto/a.jpg: the image cannot be read (a damaged or incomplete file)",
        "foto/b.jpg: the image cannot be read (a damaged or incomplete file)",
        "foto/c.pdf page 1: the PDF cannot be read (a damaged or incomplete file)",
    ]
    assert summary.filled.written == 0


def test_an_unreadable_qr_code(small_project, book):
    form = pages.forms()["pretest"]
    page = form.pages[0]
    image = pages.render(pages.pdf(form, page, 4))
    x, y, side = page.qr
    k = pages.DPI / 72
    top, left = round((page.height - y - side) * k), round(x * k)
    image[top : top + round(side * k * 0.6), left : left + round(side * k)] = 90  # a smudge
    folder = small_project / "foto"
    folder.mkdir()
    (folder / "kabur.jpg").write_bytes(photos.photograph(image, random.Random(3)))
    summary = scan_folder(small_project, folder, book, maps)
    assert only(summary).startswith("foto/kabur.jpg: the QR code cannot be read\n    fix: ")


def test_a_scanned_pdf_of_a_blank_test_reads_both_pages_for_the_ticked_number(small_project, book):
    ticks = [{"nomor_puluhan": ["0"], "nomor_satuan": ["7"], "tes_1": ["a"]}, {"tes_12": ["d"]}]
    scanned_pdf(small_project / "pindai", "tes-awal.pdf", pages.forms()["pretest"], ticks)
    summary = scan_folder(small_project, small_project / "pindai", book, maps)
    assert summary.problems == [] and summary.pages == 2 and summary.filled.written == 2
    row = next(r for r in sheet_rows(book, "Tes Awal") if r[0] == 7)
    assert row[2] == "a" and row[13] == "d"


def test_a_blank_test_without_a_number_is_not_written_and_listed(small_project, book):
    ticks = [{"nomor_satuan": ["7"], "tes_1": ["a"]}, {"tes_12": ["d"]}]  # no tens ticked
    scanned_pdf(small_project / "pindai", "tes-awal.pdf", pages.forms()["pretest"], ticks)
    summary = scan_folder(small_project, small_project / "pindai", book, maps)
    assert [line.split("\n")[0] for line in lines(summary)] == [
        f"pindai/tes-awal.pdf page {n}: the participant number cannot be read: answers not written"
        for n in (1, 2)
    ]
    assert summary.filled.written == 0
    review = sheet_rows(book, "Tinjauan")[1:]
    assert [row[:5] for row in review] == [
        ["pindai/tes-awal.pdf", n, "Tes Awal", None, "No"] for n in (1, 2)
    ]
    assert review[0][5].startswith("nomor peserta tidak jelas")


def test_heic_photos_are_named_and_hidden_files_left_alone(small_project, book):
    folder = small_project / "foto"
    folder.mkdir()
    (folder / "IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    (folder / "._IMG_0002.jpg").write_bytes(b"\x00\x05\x16\x07 mac resource fork")
    summary = scan_folder(small_project, folder, book, maps)
    assert summary.files == 1
    assert only(summary).startswith("foto/IMG_0001.HEIC: HEIC photos are not read\n    fix: ")


def test_a_marker_covered_still_reads_two_do_not(small_project, book):
    form = pages.forms()["pretest"]
    page = form.pages[0]
    folder = small_project / "foto"
    folder.mkdir()
    k = pages.DPI / 72
    for name, covered in (("satu.jpg", (2,)), ("dua.jpg", (2, 3))):
        image = pages.render(pages.pdf(form, page, 4 if name == "satu.jpg" else 5))
        for marker in covered:
            x, y, side = page.markers[marker]
            top, left = round((page.height - y - side) * k), round((x - side) * k)
            image[top : top + round(2 * side * k), left : left + round(2 * side * k)] = 235
        (folder / name).write_bytes(photos.photograph(image, random.Random(6)))
    summary = scan_folder(small_project, folder, book, maps)
    assert only(summary).startswith("foto/dua.jpg: the corner markers are not all on the photo")
    assert summary.pages == 1


def test_a_blank_test_without_a_number_is_listed_once_however_often_scanned(small_project, book):
    ticks = [{"tes_1": ["a"]}]
    scanned_pdf(small_project / "pindai", "tes.pdf", pages.forms()["pretest"], ticks)
    scan_folder(small_project, small_project / "pindai", book, maps)
    again = scan_folder(small_project, small_project / "pindai", book, maps)
    assert again.skipped == 1 and again.problems == []
    assert len(sheet_rows(book, "Tinjauan")) == 2
