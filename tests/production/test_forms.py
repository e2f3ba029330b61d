"""Fillable worksheets: the fields a participant can fill, and a print identical to paper."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from conftest import small_copy
from modul import Options, build
from modul.content.loading import load_project


@pytest.fixture
def project(tmp_path):
    """The role whose worksheet is made a form and the national set: all these tests need of the
    shipped project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=())


ROLE = "konselor-pemberdayaan-masyarakat"


@pytest.fixture
def forms(project):
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], fillable=True)
    )
    plain, form = (d.path for d in report.documents)
    assert form.name == "lembar-kerja-isian.pdf"
    return plain, form


def fields_by_page(path) -> dict[str, tuple[str, int]]:
    """Field name → (field type, 1-based page) for every widget in the PDF."""
    found = {}
    for number, page in enumerate(PdfReader(path).pages, 1):
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            field = widget.get("/Parent", widget).get_object()
            found[str(field["/T"])] = (str(field["/FT"]), number)
    return found


def test_fields_over_every_writing_space_and_tick_box(project, forms):
    _, form = forms
    role = load_project(project).roles[ROLE]
    fields = fields_by_page(form)
    assert fields["nama"] == ("/Tx", 1) and fields["tanggal"][0] == "/Tx"
    assert fields["desa_kelurahan"][0] == "/Tx" and fields["nama_5"][0] == "/Tx"
    assert fields["harapan_kenyataan_1"] == ("/Tx", 1)
    for n in range(1, len(role.penilaian_diri) + 1):
        assert fields[f"cocok_{n}"][0] == "/Btn"
    for n in range(1, len(role.kuis) + 1):
        assert fields[f"kuis_{n}"][0] == "/Btn"
    assert fields["cocok_jumlah_skor"][0] == "/Tx" and fields["rtl_dengan_siapa"][0] == "/Tx"
    assert fields["kuis_1"][1] < fields["rtl_apa"][1]


def test_scale_and_quiz_are_one_choice_per_statement(forms):
    _, form = forms
    values = PdfReader(form).get_fields()
    assert values["cocok_1"]["/_States_"] == ["/SS", "/S", "/TS", "/STS"]
    assert sorted(values["kuis_1"]["/_States_"]) == ["/Benar", "/Salah"]
    assert values["cocok_1"]["/Ff"] & (1 << 15), "radio buttons: one answer per statement"


def test_blank_form_prints_exactly_like_the_plain_worksheet(forms):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed: apt-get install poppler-utils (as .ci/run does)")
    plain, form = forms
    images = [
        subprocess.run(
            [pdftoppm, "-r", "30", "-gray", str(path)], capture_output=True, check=True
        ).stdout
        for path in (plain, form)
    ]
    assert images[0] == images[1]


def test_form_embeds_only_the_worksheet_fonts(forms):
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        pytest.skip("pdffonts is not installed: apt-get install poppler-utils (as .ci/run does)")
    _, form = forms
    rows = subprocess.run(
        [pdffonts, str(form)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_name_and_village_lines_are_long_enough_to_write_on(project, paper):
    report = build(
        project,
        Options(
            regions=["nasional"], roles=[ROLE], kinds=["worksheet"], fillable=True, paper=paper
        ),
    )
    form = next(d.path for d in report.documents if d.path.name == "lembar-kerja-isian.pdf")
    widths = {}
    for annotation in PdfReader(form).pages[0].get("/Annots", []):
        widget = annotation.get_object()
        name = str(widget.get("/Parent", widget).get_object()["/T"])
        left, _, right, _ = (float(v) for v in widget["/Rect"])
        widths[name] = (right - left) / 72 * 25.4
    identity = ("nama", "tanggal", "desa_kelurahan", "kabupaten_kota")
    assert all(widths[name] >= 35 for name in identity), widths  # the line: 5 mm more
