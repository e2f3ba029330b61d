"""Participant lists as trainers have them: Excel workbooks, and CSV in any dialect and
encoding Excel or a phone writes. Property-based: any list of names is read exactly."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from modul.content.participants import read_roster
from modul.errors import ModulError


def workbook(tmp_path, rows, name="peserta.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("Catatan").append(["bukan daftar peserta"])
    path = tmp_path / name
    book.save(path)
    return path


def test_an_excel_workbook_is_read_from_its_first_sheet(tmp_path):
    path = workbook(
        tmp_path,
        [
            ["Nama", "Asal", "No. HP", "Tanggal lahir"],
            ["Dr. Ani Wijaya, M.Si.", "Oelamasi", 81234567890, datetime.datetime(1990, 5, 17)],
            [None, None, None, None],  # an empty row
            ["Yohanes\nKase", 2, None, None],  # Alt+Enter in a cell; a number as origin
        ],
    )
    result = read_roster(path, "peserta.xlsx")
    assert [(p.row, p.nama, p.asal) for p in result.participants] == [
        (2, "Dr. Ani Wijaya, M.Si.", "Oelamasi"),
        (4, "Yohanes Kase", "2"),
    ]
    assert result.notes == ["peserta.xlsx: columns ignored: no. hp, tanggal lahir"]


@pytest.mark.parametrize(
    "rows, message, cell",
    [
        ([["Asal", "Nama"], ["Oelamasi", None]], "the name is empty", "B2"),
        ([["Nama"], ["Ani", "Oelamasi"]], "this row has 2 cells", "B2"),
        ([["Peserta"], ["Ani"]], "no column `nama`", "A1"),
    ],
)
def test_a_workbook_is_refused_at_its_cell(tmp_path, rows, message, cell):
    """Located as Excel names cells: the sheet, then column letter and row."""
    with pytest.raises(ModulError) as caught:
        read_roster(workbook(tmp_path, rows), "peserta.xlsx")
    (problem,) = caught.value.problems
    assert message in problem.message and problem.file == f"peserta.xlsx:Sheet!{cell}"
    assert str(problem).startswith(f"peserta.xlsx:Sheet!{cell}: ") and problem.hint


def test_an_empty_first_sheet_is_named_when_others_hold_the_list(tmp_path):
    book = Workbook()
    book.active.title = "Kosong"
    book.create_sheet("Peserta").append(["nama"])
    book.save(tmp_path / "peserta.xlsx")
    with pytest.raises(ModulError) as caught:
        read_roster(tmp_path / "peserta.xlsx", "peserta.xlsx")
    (problem,) = caught.value.problems
    assert problem.message == (
        "the sheet “Kosong” has no column `nama` in its first row, but the sheet “Peserta” has"
    )
    assert problem.hint == 'choose that sheet with --sheet "Peserta", or drag it to the front'


@pytest.mark.parametrize(
    "content, hint",
    [
        (b"PK\x03\x04 not really a zip file", "save it again as .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "'Excel Workbook (.xlsx)'"),
    ],
    ids=["damaged .xlsx", "old .xls"],
)
def test_a_workbook_that_cannot_be_read_says_how_to_save_it(tmp_path, content, hint):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(content)
    with pytest.raises(ModulError) as caught:
        read_roster(path, "peserta.xlsx")
    (problem,) = caught.value.problems
    assert problem.file == "peserta.xlsx" and hint in problem.hint


NAME = st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=60
).filter(lambda n: n.strip() == n and n and n.lower() != "nama" and "\ufeff" not in n)
DIALECTS = st.sampled_from([",", ";", "\t"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
QUOTING = st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(NAME, min_size=1, max_size=8, unique_by=str.lower),
    origins=st.lists(NAME, min_size=8, max_size=8),
    separator=DIALECTS,
    encoding=ENCODINGS,
    quoting=QUOTING,
)
def test_any_csv_list_is_read_exactly(
    tmp_path_factory, names, origins, separator, encoding, quoting
):
    """Names with titles, commas, quotes, semicolons and any script, written by Python's
    csv module in each dialect and encoding, come back exactly, row by row."""
    if encoding == "cp1252":  # Excel's Western encoding holds only some characters
        try:
            "".join(names + origins).encode("cp1252")
        except UnicodeEncodeError:
            encoding = "utf-8-sig"
    text = io.StringIO()
    writer = csv.writer(text, delimiter=separator, quoting=quoting, lineterminator="\r\n")
    writer.writerow(["nama", "asal"])
    writer.writerows(zip(names, origins, strict=False))
    path = tmp_path_factory.mktemp("csv") / "peserta.csv"
    path.write_bytes(text.getvalue().encode(encoding))
    result = read_roster(path, "peserta.csv")
    assert [(p.row, p.nama, p.asal) for p in result.participants] == [
        (n, name, origin) for n, (name, origin) in enumerate(zip(names, origins), 2)
    ]


@settings(max_examples=60, deadline=None)
@given(names=st.lists(NAME, min_size=1, max_size=8, unique_by=str.lower))
def test_any_one_column_list_keeps_each_line_as_the_name(tmp_path_factory, names):
    """A list of names only: a comma or semicolon belongs to the name, quotes too."""
    names = [n for n in names if '"' not in n] or ["Ani"]  # a quote opens a quoted cell
    path = tmp_path_factory.mktemp("csv") / "peserta.csv"
    path.write_text("nama\n" + "".join(f"{name}\n" for name in names), encoding="utf-8")
    result = read_roster(path, "peserta.csv")
    assert [p.nama for p in result.participants] == names


CELL = NAME.filter(lambda n: not n.startswith("="))  # openpyxl writes those as formulas


@settings(max_examples=40, deadline=None)
@given(names=st.lists(CELL, min_size=1, max_size=5, unique_by=str.lower), origin=CELL)
def test_any_workbook_is_read_exactly(tmp_path_factory, names, origin):
    path = workbook(
        tmp_path_factory.mktemp("xlsx"), [["nama", "asal"], *([n, origin] for n in names)]
    )
    result = read_roster(path, "peserta.xlsx")
    assert [(p.nama, p.asal) for p in result.participants] == [
        (" ".join(n.split()), " ".join(origin.split())) for n in names
    ]
