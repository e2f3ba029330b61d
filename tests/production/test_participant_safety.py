"""Participant lists that went from trainer to trainer: a hidden sheet with last year's
names, a stored size its rows outgrew, a few kilobytes that claim a million rows, a text
pasted into a name's cell. None loses a name on paper, or takes all memory. And in every
edition's language the name is printed on the worksheet's name line."""

from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from conftest import pages_of_words, small_copy, write
from modul import Options, build
from modul.cli import cli
from modul.content import participants, workbook
from modul.content.participants import read_roster
from modul.errors import ModulError


@pytest.fixture
def project(tmp_path):
    """The role these tests build, the national set and NTB (English labels): all these tests
    need of the shipped project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=("ntb-mitra",))


ROLE = "konselor-pemberdayaan-masyarakat"
NAMES = [f"Peserta Nomor {n}" for n in range(1, 11)]


def saved(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def two_lists(tmp_path: Path, *, hidden: bool = True) -> Path:
    """Last year's list first (hidden), this year's after it."""
    book = Workbook()
    old = book.active
    old.title = "2025"
    for row in (["nama", "asal"], ["Nama Tahun Lalu", "Desa Lama"]):
        old.append(row)
    if hidden:
        old.sheet_state = "hidden"
    new = book.create_sheet("Peserta")
    for row in (["nama", "asal"], ["Siti Aminah", "Oelnasi"], ["Yohanes Kase", "Baumata"]):
        new.append(row)
    return saved(book, tmp_path / "peserta.xlsx")


def edited(path: Path, member: str, change) -> Path:
    """The workbook with one of its XML files changed, as another program might save it."""
    with zipfile.ZipFile(path) as old:
        files = {info.filename: old.read(info) for info in old.infolist()}
    files[member] = change(files[member].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in files.items():
            new.writestr(name, data)
    return path


def one_sheet(tmp_path: Path, names: list[str] = NAMES) -> Path:
    book = Workbook()
    book.active.title = "Peserta"
    book.active.append(["nama"])
    for name in names:
        book.active.append([name])
    return saved(book, tmp_path / "peserta.xlsx")


def dimension(ref: str):
    return lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)


def refused(path: Path, sheet: str | None = None):
    with pytest.raises(ModulError) as caught:
        read_roster(path, "peserta.xlsx", sheet)
    (problem,) = caught.value.problems
    return problem


def test_a_hidden_first_sheet_is_passed_over_with_a_note(tmp_path):
    roster = read_roster(two_lists(tmp_path), "peserta.xlsx")
    assert [p.nama for p in roster.participants] == ["Siti Aminah", "Yohanes Kase"]
    assert roster.notes == [
        "peserta.xlsx: the hidden sheet “2025” holds names too (an old list?); the "
        "participants are those of “Peserta” (another sheet: --sheet NAME)"
    ]


def test_another_visible_sheet_with_names_is_noted(tmp_path):
    roster = read_roster(two_lists(tmp_path, hidden=False), "peserta.xlsx")
    assert [p.nama for p in roster.participants] == ["Nama Tahun Lalu"]
    assert roster.notes == [
        "peserta.xlsx: the sheet “Peserta” holds names too; the participants are those "
        "of “2025” (another sheet: --sheet NAME)"
    ]


@pytest.mark.parametrize("name", ["2025", " 2025 "])
def test_the_sheet_asked_for_is_read_even_hidden(tmp_path, name):
    roster = read_roster(two_lists(tmp_path), "peserta.xlsx", name)
    assert [p.nama for p in roster.participants] == ["Nama Tahun Lalu"]
    assert roster.sheet == "2025"


def test_a_sheet_that_is_not_there_is_refused_with_the_sheets_there(tmp_path):
    problem = refused(two_lists(tmp_path), "Peserta 2026")
    assert problem.message == "the workbook has no sheet “Peserta 2026”"
    assert problem.hint == "its sheets: “2025”, “Peserta”"


def test_a_workbook_of_hidden_sheets_only_is_refused(tmp_path):
    path = two_lists(tmp_path)
    edited(path, "xl/workbook.xml", lambda xml: xml.replace('"visible"', '"hidden"'))
    problem = refused(path)
    assert problem.message == "every sheet of this workbook is hidden"
    assert "--sheet" in problem.hint


def test_a_csv_list_has_no_sheet_to_choose(tmp_path):
    path = write(tmp_path / "peserta.csv", "nama\nAni\n")
    with pytest.raises(ModulError) as caught:
        read_roster(path, "peserta.csv", "Peserta")
    (problem,) = caught.value.problems
    assert problem.message == "this is a CSV file, which has no sheets to choose with --sheet"


def test_a_stale_stored_size_loses_no_name(tmp_path):
    """Saved by a program that did not update `<dimension>`: openpyxl's read-only mode
    stopped at its row 2."""
    path = edited(one_sheet(tmp_path), "xl/worksheets/sheet1.xml", dimension("A1:A2"))
    assert [p.nama for p in read_roster(path, "peserta.xlsx").participants] == NAMES


def claims_a_million_rows(xml: str) -> str:
    """`<dimension>` says A1:Z1048576, and a cell of spaces stands in Excel's last row."""
    return dimension("A1:Z1048576")(xml).replace(
        "</sheetData>",
        '<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t> </t></is></c></row></sheetData>',
    )


@pytest.mark.skipif(
    not Path("/proc/self/status").exists(),
    reason="no /proc/self/status, where the peak memory is read (Linux has it)",
)
def test_a_workbook_that_claims_a_million_rows_is_read_in_little_memory(tmp_path):
    """A few kilobytes whose rows reach Excel's last: openpyxl filled every row up to it,
    and the list held them all (430 MB); the rows are now read one at a time. Measured
    in a process of its own, as the operating system counts its memory."""
    path = edited(one_sheet(tmp_path), "xl/worksheets/sheet1.xml", claims_a_million_rows)
    assert path.stat().st_size < 10_000
    # The peak of this process's own memory (VmHWM): ru_maxrss would count the memory of
    # the test process it was forked from, which a busy test run makes large.
    script = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from modul.content.participants import read_roster\n"
        "roster = read_roster(Path(sys.argv[1]), 'peserta.xlsx')\n"
        "status = Path('/proc/self/status').read_text()\n"
        "print(len(roster.participants), re.search(r'VmHWM:\\s+(\\d+)', status)[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    participants, peak_kb = map(int, done.stdout.split())
    assert participants == len(NAMES)
    assert peak_kb < 120_000  # modul and openpyxl loaded: ~35 MB


def test_a_stale_size_reads_in_little_memory_too(tmp_path):
    """read(50 MB) took 50 MB for a list of a few kilobytes."""
    path = edited(one_sheet(tmp_path), "xl/worksheets/sheet1.xml", dimension("A1:Z1048576"))
    tracemalloc.start()
    try:
        roster = read_roster(path, "peserta.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.nama for p in roster.participants] == NAMES
    assert peak < 10_000_000


def test_a_row_past_excels_last_is_refused(tmp_path):
    path = edited(
        one_sheet(tmp_path, ["Ani"]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            "</sheetData>",
            '<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>Budi</t></is></c></row>'
            "</sheetData>",
        ),
    )
    problem = refused(path)
    assert problem.message == "the sheet “Peserta” goes on past row 1,048,576, Excel's last"


def test_a_workbook_that_unpacks_to_more_than_any_list_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 5_000)
    problem = refused(one_sheet(tmp_path, [f"Peserta {n}" for n in range(300)]))
    assert problem.message == "this workbook unpacks to more than 0 MB"


def test_a_list_of_more_participants_than_any_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(participants, "MAX_PARTICIPANTS", 3)
    assert len(read_roster(one_sheet(tmp_path, NAMES[:3]), "peserta.xlsx").participants) == 3
    problem = refused(one_sheet(tmp_path, NAMES[:4]))
    assert problem.message == "the participant list has more than 3 participants"


@pytest.mark.parametrize("length", [201, 200_000])
def test_a_cell_longer_than_a_name_is_located_as_excel_names_it(tmp_path, length):
    """200,000 letters in a name made a certificate of 46 pages (Excel keeps 32,767 in
    a cell, other programs more)."""
    book = Workbook()
    book.active.title = "Daftar Peserta"
    for row in (["asal", "nama"], ["Oelnasi", "Ani"], ["Baumata", "x" * 201]):
        book.active.append(row)
    path = edited(
        saved(book, tmp_path / "peserta.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("x" * 201, "x" * length),
    )
    problem = refused(path)
    assert problem.file == "peserta.xlsx:'Daftar Peserta'!B3"
    assert problem.message == (
        f"this cell has {length:,} characters; a name or place has at most 200"
    )
    assert str(problem).startswith("peserta.xlsx:'Daftar Peserta'!B3: this cell has")


def test_a_long_place_in_a_csv_list_is_located_at_its_row(tmp_path):
    path = write(tmp_path / "peserta.csv", "nama,asal\nAni," + "Desa " * 60 + "\n")
    with pytest.raises(ModulError) as caught:
        read_roster(path, "peserta.csv")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("peserta.csv", 2, 2)
    assert "a name or place has at most 200" in problem.message


def test_a_name_of_200_characters_is_read(tmp_path):
    name = "Ani " * 49 + "Budi"  # 200 characters
    assert read_roster(one_sheet(tmp_path, [name]), "peserta.xlsx").participants[0].nama == name


def cli_build(project: Path, *args: str):
    return CliRunner().invoke(cli, ["build", "--project", str(project), *args])


def test_sheet_without_a_list_is_a_usage_error(project):
    result = cli_build(project, "--sheet", "Peserta")
    assert result.exit_code == 2
    assert "--sheet Peserta: names a sheet of the participant list" in result.output


def test_a_sheet_that_is_not_there_stops_the_build(project, tmp_path):
    result = cli_build(project, "--roster", str(two_lists(tmp_path)), "--sheet", "2026")
    assert result.exit_code == 1
    assert "the workbook has no sheet “2026”" in result.output
    assert not (project / "build").exists()


def name_lines(path: Path, label: str) -> list[str]:
    """Per page, the words printed on the line of the label `label`, to its right."""
    found = []
    for _width, _height, words in pages_of_words(path):
        for word in words:
            if word.text == label:
                line = [w for w in words if w.left > word.right and abs(w.bottom - word.bottom) < 4]
                found.append(" ".join(w.text for w in sorted(line, key=lambda w: w.left)))
    return found


@pytest.mark.parametrize(
    ("region", "label"),
    [("ntb-mitra", "Name"), ("nasional", "Nama")],
    ids=["English", "Indonesian"],
)
def test_the_name_is_printed_on_its_line_in_every_language(project, tmp_path, region, label):
    """In the English-label edition the "Name" field was named `name`, not `nama`: the
    names stayed off the line, and each short name was warned about as cut."""
    settings = project / "content/regions/ntb-mitra/region.yaml"  # participants: English
    write(
        settings,
        settings.read_text(encoding="utf-8").replace("bahasa_peserta: id", "bahasa_peserta: en"),
    )
    sheet = one_sheet(tmp_path, ["Siti Aminah", "Yohanes Kase"])
    result = cli_build(
        project, "--region", region, "--role", ROLE, "--doc", "worksheet", "--doc", "pretest",
        "--roster", str(sheet), "--sheet", "Peserta",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if ": warning:" in line]
    assert [line for line in warned if "is printed as" not in line] == []  # (the plan's titles)
    folder = project / "build" / region / ROLE / "peserta"
    for document in ("lembar-kerja", "tes-awal"):
        own = folder / f"{document}-002-yohanes-kase.pdf"
        lines = name_lines(own, label)
        assert lines and all(line.startswith("Yohanes Kase") for line in lines), lines


def test_a_worksheet_without_a_name_field_says_so_once_and_cuts_nothing(project, tmp_path):
    """A region's own layout may name its field otherwise: one warning says where the
    names are, none says a name was cut."""
    layout = project / "layouts" / "default" / "worksheet.xml.j2"
    layout.write_text(layout.read_text().replace(' name="nama"', ' name="peserta"'))
    csv = write(tmp_path / "peserta.csv", "nama\nAni\nBudi Santoso\n")
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    )
    (said,) = report.warnings
    assert said.message.startswith("the worksheet has no form field `nama`")
    assert said.file == f"build/nasional/{ROLE}/lembar-kerja-peserta.pdf"
