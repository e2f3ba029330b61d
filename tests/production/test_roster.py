"""Personalised worksheets from a participant list: reading the CSV, and the stamped PDFs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import REPO, pages_of_words, print_faults, small_copy, write
from modul import Options, build
from modul.content.participants import read_roster
from modul.errors import ModulError


@pytest.fixture
def project(tmp_path):
    """The role whose worksheets are stamped and the national set: all these tests need of the
    shipped project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=())


ROLE = "konselor-pemberdayaan-masyarakat"


def roster(tmp_path, text: str | bytes):
    path = tmp_path / "peserta.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        write(path, text)
    return read_roster(path, "peserta.csv")


def test_reads_names_and_origin(tmp_path):
    result = roster(tmp_path, "Nama,Desa\nSiti Aminah,Oelnasi\n\nYohanes Kase,Baumata\n")
    assert [(p.row, p.nama, p.asal) for p in result.participants] == [
        (2, "Siti Aminah", "Oelnasi"),
        (4, "Yohanes Kase", "Baumata"),
    ]
    assert result.notes == []


@pytest.mark.parametrize(
    "encoded",
    [
        "\ufeffnama;organisasi\nNi Luh Putu Ayu;PKK\n".encode(),  # Excel "CSV UTF-8", semicolons
        "nama\tasal\nNi Luh Putu Ayu\tPKK\n".encode("utf-16"),
    ],
)
def test_excel_and_phone_encodings(tmp_path, encoded):
    (person,) = roster(tmp_path, encoded).participants
    assert (person.nama, person.asal) == ("Ni Luh Putu Ayu", "PKK")


def test_rows_shorter_than_the_header_are_read(tmp_path):
    result = roster(tmp_path, "nama;desa;umur\nAni;Oelamasi\nBudi;Camplong;30\nCici\n")
    assert [(p.nama, p.asal) for p in result.participants] == [
        ("Ani", "Oelamasi"),
        ("Budi", "Camplong"),
        ("Cici", ""),
    ]


def test_windows_1252_is_read_with_a_note(tmp_path):
    result = roster(tmp_path, "nama,asal\nJos\xe9 Fernandes,Maumere\n".encode("cp1252"))
    assert result.participants[0].nama == "José Fernandes"
    assert "Windows-1252" in result.notes[0]


def test_extra_columns_and_duplicates_are_noted(tmp_path):
    result = roster(tmp_path, "nama,asal,telepon\nAni,Desa A,0812\nAni,Desa A,0813\n")
    assert len(result.participants) == 2
    assert "columns ignored: telepon" in result.notes[0]
    assert "peserta.csv:3: same participant as row 2" in result.notes[1]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("name,asal\nAni,Desa A\n", "no column `nama` in the first row", 1),
        ("nama,asal\nAni,Desa A\n,Desa B\n", "the name is empty", 3),
        ("", "the participant list is empty", 0),
        ("nama\n\n", "the participant list has no names", 0),
    ],
)
def test_bad_lists_name_the_row(tmp_path, text, message, line):
    with pytest.raises(ModulError) as caught:
        roster(tmp_path, text)
    (problem,) = caught.value.problems
    assert problem.message == message and problem.line == line and problem.file == "peserta.csv"


def test_a_one_column_list_keeps_commas_in_names(tmp_path):
    """Titles after a comma belong to the name: "Dr. Ani Wijaya, M.Si." printed as
    "Dr. Ani Wijaya" when the header had no separator to go by."""
    result = roster(tmp_path, 'nama\nDr. Ani Wijaya, M.Si.\n"Budi, S.Pd."\nSiti; Aminah\n')
    assert [p.nama for p in result.participants] == [
        "Dr. Ani Wijaya, M.Si.",
        "Budi, S.Pd.",
        "Siti; Aminah",
    ]


def test_titles_in_quotes_survive_a_two_column_list(tmp_path):
    result = roster(tmp_path, 'nama,asal\n"Dr. Ani Wijaya, M.Si.",Desa Oebelo\n')
    assert [(p.nama, p.asal) for p in result.participants] == [
        ("Dr. Ani Wijaya, M.Si.", "Desa Oebelo")
    ]


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        (  # the open quote swallowed Ani's row
            'nama,asal\n"Budi, x,y\nAni,z\n',
            'a quote (") opened in this row is not closed, so the rows after it were read '
            "as part of it",
            2,
            1,
        ),
        (  # the extra cell was dropped
            "nama,asal\nDr. Ani Wijaya, M.Si.,Desa A\n",
            "this row has 3 cells, but the first row names 2 columns",
            2,
            3,
        ),
    ],
)
def test_rows_that_cannot_be_read_exactly_are_refused(tmp_path, text, message, line, column):
    with pytest.raises(ModulError) as caught:
        roster(tmp_path, text)
    (problem,) = caught.value.problems
    assert (problem.message, problem.line, problem.column) == (message, line, column)
    assert "in quotes" in problem.hint


def test_empty_trailing_cells_of_excel_are_not_extra(tmp_path):
    result = roster(tmp_path, "nama;asal\nAni;Desa A;;\nBudi;;\n")
    assert [(p.nama, p.asal) for p in result.participants] == [("Ani", "Desa A"), ("Budi", "")]


def test_an_empty_field_leaves_no_empty_separator(tmp_path):
    """The participant's line (on pages without a "Nama" field) skips an empty field."""
    from modul.layout.theme import load_theme
    from modul.production.stamps import NameFields, Places, Stamps
    from modul.typeset.fonts import register_faces

    people = roster(tmp_path, "nama,asal\nBudi Santoso,\n")
    theme = load_theme(REPO / "layouts" / "default", REPO)
    nowhere = Places({}, 0.0)
    stamps = Stamps(register_faces(theme), theme, 595, 842, NameFields(nowhere, nowhere, 0), people)
    header = "Peserta: {nama} · {asal} · Pelatihan Mengenal Peran"
    pdf = stamps.draw(people.participants, header)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert text == "Peserta: Budi Santoso · Pelatihan Mengenal Peran"


def test_each_participant_gets_a_stamped_worksheet(project, tmp_path):
    names = ["Siti Aminah", "Yohanes Kase", "Maria Goreti"]
    csv = write(
        tmp_path / "peserta.csv",
        "nama,asal\n" + "".join(f"{name},Desa {n}\n" for n, name in enumerate(names, 1)),
    )
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    )
    plain, *singles, merged = (d.path for d in report.documents)  # the print file last
    assert merged.name == "lembar-kerja-peserta.pdf" and len(singles) == 3
    assert singles[1].relative_to(project).as_posix() == (
        f"build/nasional/{ROLE}/peserta/lembar-kerja-002-yohanes-kase.pdf"
    )
    pages = len(PdfReader(plain).pages)
    joined = PdfReader(merged)
    assert len(joined.pages) == pages * len(names)
    for number, page in enumerate(joined.pages):
        text = page.extract_text()
        person = names[number // pages]
        assert person in text  # in the "Nama" field, or else in the line at the top
        if "Peserta: " in text:  # a page without a "Nama" field
            assert f"Peserta: {person} · Desa {number // pages + 1}" in text
        assert all(other not in text for other in names if other != person)
    first = PdfReader(singles[0]).pages[0].extract_text()
    assert first.count("Siti Aminah") == 1  # in the "Nama" field, no line at the top
    assert "Peserta: " not in first and "Desa 1" in first  # village in "Desa/Kelurahan"


def test_shared_pages_are_stored_once(project, tmp_path):
    csv = write(tmp_path / "peserta.csv", "nama\n" + "".join(f"Peserta {n}\n" for n in range(20)))
    report = build(
        project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    )
    plain = report.documents[0].path
    merged = next(d.path for d in report.documents if d.path.name.endswith("-peserta.pdf"))
    pages = len(PdfReader(plain).pages)
    with pikepdf.open(merged) as pdf:
        shared = {
            xobject.objgen
            for page in pdf.pages
            for name, xobject in page.Resources.XObject.items()
            if name.startswith("/Worksheet")
        }
    assert len(shared) == pages
    assert merged.stat().st_size < 3 * plain.stat().st_size


def names_by_page(path: Path, names: list[str]) -> list[str]:
    """The participant of `names` on each page: in its "Nama" field or, on a page without
    one, in the line at the top."""
    found = []
    for page in PdfReader(path).pages:
        text = " ".join(page.extract_text().split())
        (name,) = (n for n in names if re.search(re.escape(n) + r"(?!\d)", text))
        found.append(name)
    return found


def test_the_print_file_is_written_batch_by_batch(project, tmp_path, monkeypatch):
    """Names are stamped a batch at a time and the print file grows on disk: across
    the batches' edges every participant is there once, in the list's order."""
    from modul.production import roster as stamping

    monkeypatch.setattr(stamping, "BATCH", 2)
    names = [f"Peserta Nomor {n}" for n in range(1, 6)]
    csv = write(tmp_path / "peserta.csv", "nama\n" + "".join(f"{n}\n" for n in names))
    where = Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    report = build(project, where)
    plain, *singles, merged = (d.path for d in report.documents)
    pages = len(PdfReader(plain).pages)
    assert names_by_page(merged, names) == [name for name in names for _ in range(pages)]
    assert [names_by_page(single, names)[0] for single in singles] == names
    assert print_faults(merged) == []  # qpdf, fonts, ghostscript, the print proof
    assert not list(merged.parent.glob(".*.tmp"))


def reachable(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The objects a reader can get to from the trailer."""
    seen: set[tuple[int, int]] = set()
    todo: list[object] = [pdf.trailer]
    while todo:
        obj = todo.pop()
        if not isinstance(obj, pikepdf.Object):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            todo += obj.stream_dict.values()
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
            todo += obj.values() if isinstance(obj, pikepdf.Dictionary) else list(obj)
    return seen


def test_a_participant_file_holds_that_participant_alone(project, tmp_path, monkeypatch):
    """Each participant's own file is the batch's shared beginning plus its own stamps:
    sound for a printer, and nothing of another participant in it, not even unused."""
    from modul.production import roster as stamping

    monkeypatch.setattr(stamping, "BATCH", 2)
    names = ["Siti Aminah", "Yohanes Kase", "Maria Goreti"]
    csv = write(tmp_path / "peserta.csv", "nama\n" + "".join(f"{n}\n" for n in names))
    where = Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    plain, *singles, merged = (d.path for d in build(project, where).documents)
    for name, single in zip(names, singles, strict=True):
        assert set(names_by_page(single, names)) == {name}
        assert print_faults(single) == []  # qpdf, fonts, ghostscript, the print proof
        with pikepdf.open(single) as pdf:
            assert {o.objgen for o in pdf.objects if o.is_indirect} == reachable(pdf) - {(0, 0)}
            assert len(pdf.pages) == len(PdfReader(plain).pages)


def test_the_print_file_in_parts_of_n_participants(project, tmp_path):
    names = [f"Peserta Nomor {n}" for n in range(1, 6)]
    csv = write(tmp_path / "peserta.csv", "nama\n" + "".join(f"{n}\n" for n in names))
    where = dict(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv)
    report = build(project, Options(**where, per_file=2))
    folder = report.documents[0].path.parent
    parts = sorted(folder.glob("lembar-kerja-peserta*.pdf"))
    assert [p.name for p in parts] == [f"lembar-kerja-peserta-{n}.pdf" for n in (1, 2, 3)]
    pages = len(PdfReader(report.documents[0].path).pages)
    people = [names_by_page(part, names)[::pages] for part in parts]
    assert people == [names[0:2], names[2:4], names[4:5]]
    again = build(project, Options(**where))  # one file again: the parts go
    assert sorted(folder.glob("lembar-kerja-peserta*.pdf")) == [folder / "lembar-kerja-peserta.pdf"]
    assert {p.name for p in again.removed} == {p.name for p in parts}


def test_a_stopped_print_file_leaves_no_temporary_file(project, tmp_path):
    """Stopped half-way (an error, Ctrl-C), the growing print file is removed."""
    from modul.content.participants import read_roster as read
    from modul.layout.theme import load_theme
    from modul.production.roster import personalised
    from modul.typeset.fonts import register_faces

    csv = write(tmp_path / "peserta.csv", "nama\n" + "".join(f"P {n}\n" for n in range(5)))
    build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], fillable=True))
    folder = project / "build" / "nasional" / ROLE
    theme = load_theme(project / "layouts" / "default", project)
    made = personalised(
        (folder / "lembar-kerja.pdf").read_bytes(),
        (folder / "lembar-kerja-isian.pdf").read_bytes(),
        read(csv, "peserta.csv"),
        faces=register_faces(theme),
        header="{nama}",
        theme=theme,
        merged=folder / "lembar-kerja-peserta.pdf",
        single=lambda n, person: tmp_path / f"{n}.pdf",
        root=project,
    )
    next(made)
    assert len(list(folder.glob(".lembar-kerja-peserta.pdf.*.tmp"))) == 1  # growing
    made.close()
    assert list(folder.glob(".*.tmp")) == []


def test_a_device_is_not_a_participant_list(tmp_path):
    """`--roster /dev/zero` read forever (its fingerprint first)."""
    with pytest.raises(ModulError) as caught:
        read_roster(Path("/dev/zero"), "/dev/zero")
    (problem,) = caught.value.problems
    assert problem.message == "this is not a file (a folder or a device)"


def test_a_cell_longer_than_any_name_is_located(tmp_path):
    """A field over 128 KB made the csv module raise: exit 4."""
    with pytest.raises(ModulError) as caught:
        roster(tmp_path, 'nama,asal\nAni,x\n"' + "a" * 200_000 + '",x\n')
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (3, "a cell is longer than any name or place")


def test_a_list_too_large_is_refused_before_it_is_read_whole(tmp_path, monkeypatch):
    import modul.content.participants as participants

    monkeypatch.setattr(participants, "MAX_BYTES", 1000)
    with pytest.raises(ModulError) as caught:
        roster(tmp_path, "nama\n" + "Nama Peserta\n" * 100)
    (problem,) = caught.value.problems
    assert problem.message == "the participant list is larger than 0 MB"


TITLED = "Dr. Raden Ajeng Siti Nurhaliza Kusumawardhani, M.Si."
OVERLONG = (
    "Prof. Dr. Ir. Raden Mas Haryo Bagus Wicaksono Adiningrat Kusumanegara "
    "Suryadiningrat, S.Pd., M.Si., M.Pd., Ph.D."
)


def stamped(project, tmp_path, names: list[str], **options):
    csv = write(tmp_path / "peserta.csv", "nama;asal\n" + "".join(f"{n};Oelamasi\n" for n in names))
    report = build(
        project,
        Options(regions=["nasional"], roles=[ROLE], kinds=["worksheet"], roster=csv, **options),
    )
    merged = next(d.path for d in report.documents if d.path.name.endswith("-peserta.pdf"))
    return report, merged


@pytest.mark.parametrize("booklet", [False, True], ids=["A4", "A5 booklet"])
def test_a_long_titled_name_fits_its_field_and_no_label(project, tmp_path, booklet):
    """The name, smaller and on two lines, stays clear of "Tanggal" beside it (LK-5);
    on A5 the participant's line stays clear of the running head. As poppler reads it."""
    report, merged = stamped(project, tmp_path, [TITLED], booklet=booklet)
    assert report.warnings == []
    assert print_faults(merged) == []
    words = [w.text for _, _, page in pages_of_words(merged) for w in page]
    assert " ".join(words).count(TITLED) >= 7  # the "Nama" field of every worksheet


def test_a_name_too_long_even_on_two_lines_is_shortened_with_a_warning_at_its_row(
    project, tmp_path
):
    report, merged = stamped(project, tmp_path, ["Ani", OVERLONG])
    assert print_faults(merged) == []  # shortened, never over "Tanggal"
    rows = {(w.file, w.line) for w in report.warnings}
    assert rows == {(str(tmp_path / "peserta.csv"), 3)}
    assert any("the name is shortened on the “Nama” line" in w.message for w in report.warnings)
    assert all("fix" not in w.hint and w.hint for w in report.warnings)
