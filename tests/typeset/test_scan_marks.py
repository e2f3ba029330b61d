"""The marks `modul scan` reads (issue 30, point 1): on every page of the Tes Awal, Tes
Akhir and Formulir Evaluasi, four ArUco corner markers that OpenCV's detector finds where
the form map says, and a QR code that a reader decodes to the map's payload; every tick
box of the map on a square drawn in the PDF; no mark over any text, and none closer than
5 mm to the paper's edge. Read back from the built PDFs, rendered by pdfium."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2
import pytest
import zxingcpp

from conftest import SMALL_ROLE, small_copy
from modul import Options, build
from modul.engine.forms import form_map
from modul.typeset.formmap import FormMap
from modul.typeset.scanmarks import MARKERS

MM = 72 / 25.4
FORMS = {
    "pretest": "tes-awal.pdf",
    "posttest": "tes-akhir.pdf",
    "evaluation": "formulir-evaluasi.pdf",
}
PAPERS = ("A4", "A5")
DPI = 300
DICTIONARY = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three forms of the national set, built on A4 and on A5."""
    made = {}
    for paper in PAPERS:
        root = small_copy(tmp_path_factory.mktemp(paper.lower()) / "project", regions=())
        build(root, Options(regions=["nasional"], kinds=list(FORMS), paper=paper))
        made[paper] = root
    return made


@pytest.fixture(scope="module")
def maps(built: dict[str, Path]) -> dict[tuple[str, str], FormMap]:
    return {
        (paper, document): form_map(root, "nasional", SMALL_ROLE, document, paper=paper)
        for paper, root in built.items()
        for document in FORMS
    }


def pdf_of(built: dict[str, Path], paper: str, document: str) -> Path:
    return built[paper] / "build" / "nasional" / SMALL_ROLE / FORMS[document]


def rendered(pdf: Path) -> list[np.ndarray]:
    """Each page in grey, at DPI."""
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        image = page.render(scale=DPI / 72, grayscale=True).to_numpy()
        pages.append(image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))
    return pages


def test_the_marker_table_is_opencvs_dictionary():
    for number, rows in MARKERS.items():
        image = cv2.aruco.generateImageMarker(DICTIONARY, number, 6)  # one pixel a module
        inner = (image[1:5, 1:5] > 127).astype(int)
        assert ["".join(map(str, row)) for row in inner] == list(rows), number


@pytest.mark.parametrize("paper", PAPERS)
def test_markers_found_and_qr_decoded_on_every_page(built, maps, paper):
    detector = cv2.aruco.ArucoDetector(DICTIONARY, cv2.aruco.DetectorParameters())
    for document in FORMS:
        mapped = maps[paper, document]
        images = rendered(pdf_of(built, paper, document))
        assert len(images) == len(mapped.pages) >= 1
        for image, page in zip(images, mapped.pages, strict=True):
            shown = f"{paper} {document} p.{page.number}"
            corners, ids, _rejected = detector.detectMarkers(image)
            assert ids is not None and sorted(ids.flatten()) == [0, 1, 2, 3], shown
            for found, number in zip(corners, ids.flatten(), strict=True):
                x, y, side = page.markers[int(number)]
                centre = found[0].mean(axis=0) * 72 / DPI  # pixels from the top → points
                assert abs(centre[0] - x) < 1 * MM and abs(page.height - centre[1] - y) < MM
            codes = zxingcpp.read_barcodes(image)
            payload = f"MODUL1;nasional;{SMALL_ROLE};{document};{page.version};{page.number};0"
            assert [code.text for code in codes] == [payload], shown


@pytest.mark.parametrize("paper", PAPERS)
def test_every_box_is_a_drawn_square_and_no_mark_is_over_text(built, maps, paper):
    for document in FORMS:
        mapped = maps[paper, document]
        with pdfplumber.open(pdf_of(built, paper, document)) as pdf:
            for plumbed, page in zip(pdf.pages, mapped.pages, strict=True):
                shown = f"{paper} {document} p.{page.number}"
                squares = [
                    (r["x0"], page.height - r["bottom"], r["width"], r["height"])
                    for r in plumbed.rects
                    if r["stroke"] and abs(r["width"] - r["height"]) < 0.1
                ]
                for box in page.boxes:
                    assert any(
                        abs(x - box.x) < 0.5 and abs(y - box.y) < 0.5 and abs(w - box.w) < 0.5
                        for x, y, w, _h in squares
                    ), (shown, box)
                marks = [(x - s / 2, y - s / 2, s) for x, y, s in page.markers.values()]
                marks.append(page.qr)
                for x, y, side in marks:  # printed where office printers print
                    assert min(x, y, page.width - x - side, page.height - y - side) > 5 * MM - 0.01
                quiet = 4 * page.qr[2] / 37  # four modules of the largest symbol printed
                marks[-1] = (page.qr[0] - quiet, page.qr[1] - quiet, page.qr[2] + 2 * quiet)
                for x, y, side in marks:  # a marker, the QR code and its quiet zone
                    for word in plumbed.extract_words():
                        bottom = page.height - word["bottom"]
                        apart = (
                            word["x1"] <= x
                            or word["x0"] >= x + side
                            or bottom >= y + side
                            or page.height - word["top"] <= y
                        )
                        assert apart, (shown, word["text"], (x, y, side))


def test_the_tests_carry_the_number_grid_and_the_evaluation_none(maps):
    for paper in PAPERS:
        for document in ("pretest", "posttest"):
            fields = {(b.field, b.value) for p in maps[paper, document].pages for b in p.boxes}
            for place in ("puluhan", "satuan"):
                assert {(f"nomor_{place}", str(d)) for d in range(10)} <= fields
        evaluation = {b.field for p in maps[paper, "evaluation"].pages for b in p.boxes}
        assert not any(field.startswith("nomor") for field in evaluation)


def test_a_personalised_copy_carries_its_participants_number(tmp_path):
    root = small_copy(tmp_path / "project", regions=())
    people = root / "peserta.csv"
    people.write_text("nama,asal\nMaria Goreti Lake,Oelnasi\nYohanes Bria,Baumata\n")
    build(root, Options(regions=["nasional"], kinds=["pretest"], paper="A4", roster=people))
    version = form_map(root, "nasional", SMALL_ROLE, "pretest", paper="A4").pages[0].version
    folder = root / "build" / "nasional" / SMALL_ROLE
    read = [
        [code.text for code in zxingcpp.read_barcodes(image)]
        for image in rendered(folder / "tes-awal-peserta.pdf")
    ]
    prefix = f"MODUL1;nasional;{SMALL_ROLE};pretest;{version};1"
    assert read == [[f"{prefix};1"], [f"{prefix};2"]]  # the blank's code covered
    (single,) = folder.glob("peserta/tes-awal-002-*.pdf")
    assert [code.text for code in zxingcpp.read_barcodes(rendered(single)[0])] == [f"{prefix};2"]
    assert [code.text for code in zxingcpp.read_barcodes(rendered(folder / "tes-awal.pdf")[0])] == [
        f"{prefix};0"
    ]
