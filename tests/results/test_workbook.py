"""`modul report --new`: the results workbook as written, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from conftest import SMALL_REGION, SMALL_ROLE
from modul.content.loading import load_project
from results.helpers import WORKBOOK, new_workbook, role, run

SHEETS = ["Petunjuk", "Kehadiran", "Tes Awal", "Tes Akhir", "Evaluasi"]


def _validations(sheet) -> dict[str, str]:
    return {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}


def test_the_sheets_headers_and_keys_are_the_contents(small_project: Path) -> None:
    path = new_workbook(small_project)
    book = load_workbook(path)
    assert book.sheetnames == SHEETS
    content = role(small_project)
    for title, items in (("Tes Awal", content.tes), ("Tes Akhir", content.tes_akhir)):
        sheet = book[title]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == ["No", "Nama", *range(1, len(items) + 1)]
        assert list(rows[1]) == [None, "Kunci", *(item.jawaban for item in items)]
        assert sheet.freeze_panes == "C3"
        last = chr(ord("C") + len(items) - 1)
        assert _validations(sheet) == {f"C3:{last}130": '"a,b,c,d"'}
    # the Tes Akhir's key is the shuffled one, not the Tes Awal's in another order only
    assert [i.jawaban for i in content.tes_akhir] != [i.jawaban for i in content.tes]


def test_attendance_has_a_column_per_day_with_its_date(small_project: Path) -> None:
    book = load_workbook(new_workbook(small_project))
    sheet = book["Kehadiran"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    workshop = load_project(small_project).editions[SMALL_REGION].workshop
    days = workshop.days
    assert header[:3] == ("No", "Nama", "Asal")
    assert len(header) == 3 + days
    assert header[3] == "Hari 1 (8 Juni 2026)"  # NTT's tanggal
    assert sheet.freeze_panes == "D2"
    assert list(_validations(sheet).values()) == ['"H,I,S,A"']
    # no roster: a row for each participant and spare copy (25 + 3 in workshop.yaml)
    rows = workshop.pelaksanaan.jumlah_peserta + workshop.pelaksanaan.cadangan
    assert rows == 28
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(
        range(1, rows + 1)
    )


def test_national_days_have_no_date(small_project: Path) -> None:
    result = run("report", "--project", str(small_project), "--new", "--role", SMALL_ROLE)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(small_project / "hasil" / "nasional" / f"{SMALL_ROLE}.xlsx")["Kehadiran"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert all(day.startswith("Hari ") and "(" not in day for day in header[3:])


def test_evaluation_columns_are_the_rated_sessions_statements_and_questions(
    small_project: Path,
) -> None:
    sheet = load_workbook(new_workbook(small_project))["Evaluasi"]
    workshop = load_project(small_project).editions[SMALL_REGION].workshop
    rated = [s.judul for s in workshop.sesi if s.dinilai]
    assert len(rated) < len(workshop.sesi)  # the session handing the form out is not rated
    numbers, texts = list(sheet.iter_rows(max_row=2, values_only=True))
    statements, questions = workshop.evaluasi.pernyataan, workshop.evaluasi.pertanyaan
    assert numbers[1] == "Sesi 1" and numbers[len(rated) + 1] == "Umum 1"
    assert numbers[-1] == f"Saran {len(questions)}"
    assert list(texts[1:]) == [*rated, *statements, *questions]
    assert sheet.freeze_panes == "B3"
    rated_columns = len(rated) + len(statements)
    ((cells, choices),) = _validations(sheet).items()
    assert choices == '"1,2,3,4"' and cells.startswith("B3:")
    assert cells.split(":")[1].rstrip("0123456789") == chr(ord("A") + rated_columns)


def test_the_guide_says_how_to_fill_it_in(small_project: Path) -> None:
    sheet = load_workbook(new_workbook(small_project))["Petunjuk"]
    text = "\n".join(str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0])
    assert "H (hadir), I (izin), S (sakit), atau A (alpa" in text
    assert "SS = 4, S = 3, TS = 2, STS = 1" in text
    assert f"modul report {WORKBOOK.as_posix()}" in text


def test_roster_names_are_written_in_every_sheet_with_names(small_project: Path) -> None:
    roster = small_project / "peserta.csv"
    roster.write_text("nama,asal\nAni Wijaya,Oesao\nBudi Santoso,Kupang\n", encoding="utf-8")
    book = load_workbook(new_workbook(small_project, "--roster", str(roster)))
    attendance = list(book["Kehadiran"].iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in attendance] == [
        (1, "Ani Wijaya", "Oesao"),
        (2, "Budi Santoso", "Kupang"),
    ]
    for title in ("Tes Awal", "Tes Akhir"):
        names = [row[1] for row in book[title].iter_rows(min_row=3, values_only=True)]
        assert names == ["Ani Wijaya", "Budi Santoso"]


def test_an_existing_workbook_is_never_written_over(small_project: Path) -> None:
    path = new_workbook(small_project)
    path.write_bytes(b"the trainer's answers")
    result = run(
        "report",
        "--project",
        str(small_project),
        "--new",
        "--region",
        SMALL_REGION,
        "--role",
        SMALL_ROLE,
    )
    assert result.exit_code == 1
    assert f"{WORKBOOK.as_posix()}: this results workbook exists already" in result.output
    assert "move it out of hasil/ntt/" in result.output
    assert path.read_bytes() == b"the trainer's answers"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file


def test_unknown_region_and_role_are_usage_errors_with_the_closest_name(
    small_project: Path,
) -> None:
    result = run(
        "report",
        "--project",
        str(small_project),
        "--new",
        "--region",
        "nt",
        "--role",
        "konsultan-pemberdayaan",
    )
    assert result.exit_code == 2
    assert "--region: unknown region `nt`\n    fix: did you mean `ntt`?" in result.output
    assert (
        f"--role: unknown role `konsultan-pemberdayaan`\n    fix: did you mean `{SMALL_ROLE}`?"
        in (result.output)
    )
    assert not (small_project / "hasil").exists()


def test_new_needs_a_role_and_not_a_file(small_project: Path) -> None:
    result = run("report", "--project", str(small_project), "--new")
    assert result.exit_code == 2 and "--new needs --role ROLE" in result.output
    result = run("report", "--project", str(small_project))
    assert result.exit_code == 2 and "give either --new" in result.output


def test_help_names_the_report_pdf(small_project: Path) -> None:
    result = run("report", "--help")
    assert result.exit_code == 0
    assert "build/EDITION/ROLE/laporan-pelatihan.pdf" in result.output


def test_a_name_twice_on_the_roster_is_told_apart(small_project: Path) -> None:
    roster = small_project / "peserta.csv"
    roster.write_text(
        "nama,asal\nAni Wijaya,Oesao\nAni Wijaya,Soe\nBudi,Kupang\nBudi,Kupang\n",
        encoding="utf-8",
    )
    book = load_workbook(new_workbook(small_project, "--roster", str(roster)))
    names = [row[1] for row in book["Tes Awal"].iter_rows(min_row=3, values_only=True)]
    assert names == [
        "Ani Wijaya (Oesao)",
        "Ani Wijaya (Soe)",
        "Budi (Kupang, 3)",
        "Budi (Kupang, 4)",
    ]
