"""Regions: each region's PDFs read back, provenance, and every mistake a coordinator can make."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import (
    ROLE_OF_SEED,
    SEEDS,
    line_of,
    one_problem,
    pdf_path,
    pdf_text,
    problems_of,
    seed_sentences,
    write,
)
from modul import Options, build, check
from modul.cli import cli
from modul.content.loading import load_project
from modul.errors import ModulError

KPM = "konsultan-pemberdayaan-masyarakat"
KKM = "konsultan-kelompok-masyarakat"


def region_pdf(root, region, role, name):
    return root / "build" / region / role / name


def mm(points: float) -> int:
    return round(float(points) / 72 * 25.4)


# --- the shipped examples, read back ------------------------------------------------------


@pytest.mark.parametrize("region", ["ntt", "sumbar", "ntb-mitra"])
def test_region_name_and_organiser_on_every_document(built, region):
    edition = load_project(built).editions[region]
    for name in ("bahan-bacaan.pdf", "lembar-kerja.pdf", "panduan-fasilitator.pdf"):
        reader = PdfReader(region_pdf(built, region, KPM, name))
        first = " ".join(reader.pages[0].extract_text().split())
        assert edition.region.nama in first and edition.region.penyelenggara in first
        second = " ".join(reader.pages[1].extract_text().split())
        assert edition.region.nama in second, "the header names the region"
        assert edition.region.nama in reader.metadata.title


@pytest.mark.parametrize("region", ["ntt", "sumbar", "ntb-mitra"])
def test_national_seed_sentences_survive_in_every_region(built, region):
    for seed in SEEDS.glob("*.txt"):
        role = ROLE_OF_SEED[seed.name[:3]]
        text = pdf_text(region_pdf(built, region, role, "bahan-bacaan.pdf"))
        text = text.replace("… …", ", ")  # a sentence cut between Harapan and Kenyataan
        for sentence in seed_sentences(seed):
            assert sentence in text, (region, sentence)


def test_overlay_adds_and_replaces_text(built):
    national = load_project(built).roles[KPM]
    ntt = pdf_text(region_pdf(built, "ntt", KPM, "bahan-bacaan.pdf"))
    assert "konsultan dapat mendampingi sebuah desa di Kabupaten Kupang" in ntt
    assert "tenun ikat, rumput laut, dan garam" in ntt
    assert "Siapa saja pihak di kabupaten Anda yang perlu diajak bekerja sama" in ntt
    for question in national.pertanyaan_diskusi:  # replaced by the region's own list
        assert question not in ntt
    assert national.pertanyaan_diskusi[0] in pdf_text(pdf_path(built, KPM, "bahan-bacaan.pdf"))
    other_role = pdf_text(region_pdf(built, "ntt", KKM, "bahan-bacaan.pdf"))
    assert "Kabupaten Kupang" not in other_role, "an overlay changes only the role it names"


def test_workshop_overlay_changes_the_session_and_total(built):
    editions = load_project(built).editions
    national, ntt = editions["nasional"].workshop, editions["ntt"].workshop
    assert ntt.total_menit != national.total_menit
    guide = pdf_text(region_pdf(built, "ntt", KKM, "panduan-fasilitator.pdf"))
    assert f"Jumlah {ntt.total_menit}" in guide and "Kabupaten Timor Tengah Selatan" in guide
    (n, row) = next((n, r) for n, r in enumerate(ntt.agenda, 1) if r.session.id == "mengenal-peran")
    assert row.session.menit != national.sesi[n - 1].menit
    clock = f"{row.clock_start}–{row.clock_end}"  # the run-sheet's clock, then the minutes
    assert f"{n} {row.session.judul} {clock} {row.start}–{row.end} {row.session.menit}" in guide
    assert "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang" in guide  # partners


def test_region_paper_size(built):
    for name in ("bahan-bacaan.pdf", "lembar-kerja.pdf", "panduan-fasilitator.pdf"):
        for page in PdfReader(region_pdf(built, "ntt", KKM, name)).pages:
            assert (mm(page.mediabox.width), mm(page.mediabox.height)) == (215, 330)
    sumbar = PdfReader(region_pdf(built, "sumbar", KKM, "bahan-bacaan.pdf")).pages[0]
    assert (mm(sumbar.mediabox.width), mm(sumbar.mediabox.height)) == (210, 297)


def test_logo_on_the_first_page_only(built):
    reader = PdfReader(region_pdf(built, "sumbar", KKM, "bahan-bacaan.pdf"))
    images = [len(page.images) for page in reader.pages]
    assert images[0] == 1 and sum(images[1:]) == 0
    plain = PdfReader(region_pdf(built, "ntt", KKM, "bahan-bacaan.pdf"))
    assert len(plain.pages[0].images) == 0


def test_region_label_replaces_one_text(built):
    worksheet = pdf_text(region_pdf(built, "sumbar", KKM, "lembar-kerja.pdf"))
    assert "Nagari/Kelurahan" in worksheet and "Desa/Kelurahan" not in worksheet
    assert "Kabupaten/Kota" in worksheet


# --- provenance -----------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_show_names_the_file_and_line_of_every_value(project):
    result = run("show", KPM, "--region", "ntt", "--project", str(project))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    overlay = "content/regions/ntt/roles/konsultan-pemberdayaan-masyarakat.yaml"
    local = next(ln for ln in lines if "Kabupaten Kupang yang ingin" in ln)
    text = (project / overlay).read_text(encoding="utf-8").splitlines()
    line = next(n for n, ln in enumerate(text, 1) if "Di Nusa Tenggara Timur" in ln)
    assert local.endswith(f"# {overlay}:{line - 1}")  # the line of its "- >-" item
    seed = next(ln for ln in lines if "Tugas utama meliputi" in ln)
    assert "# content/roles/konsultan-pemberdayaan-masyarakat.yaml:" in seed


def test_diff_lists_exactly_what_a_region_changes(project):
    result = run("diff", "ntt", "--project", str(project))
    assert result.exit_code == 0
    out = result.output
    editions = load_project(project).editions
    line = line_of(overlay_text(project, "ntt", "workshop.yaml"), "total_menit:")
    assert f"content/regions/ntt/workshop.yaml:{line}  changed  total_menit" in out
    before, after = editions["nasional"].workshop.total_menit, editions["ntt"].workshop.total_menit
    assert f"    - {before}\n    + {after}\n" in out
    assert "added  sesi[mengenal-peran].langkah" in out
    assert "changed  pertanyaan_diskusi" in out
    assert "Kabupaten Kupang" in out and "Tugas utama meliputi" not in out
    empty = run("diff", "nasional", "--project", str(project))
    assert empty.exit_code == 1 and "unknown region `nasional`" in empty.output


def test_region_filter(project):
    report = build(project, Options(regions=["sumbar"], roles=[KKM], kinds=["handout"]))
    assert [d.path.relative_to(project).as_posix() for d in report.documents] == [
        f"build/sumbar/{KKM}/bahan-bacaan.pdf"
    ]
    with pytest.raises(ModulError, match="unknown region `sumbr`"):
        build(project, Options(regions=["sumbr"]))


# --- mistakes a coordinator can make --------------------------------------------------------


def overlay_text(project, region, name):
    return (project / "content" / "regions" / region / name).read_text(encoding="utf-8")


def overlay_file(project, region, name, text):
    path = project / "content" / "regions" / region / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return write(path, text)


def test_unknown_key_in_an_overlay(project):
    overlay_file(
        project,
        "ntt",
        "roles/konselor-pemberdayaan-masyarakat.yaml",
        "# lokal\ntugas_utma:\n  tambah:\n    - Tugas lokal.\n",
    )
    result = run("check", "--project", str(project))
    assert result.exit_code == 1
    assert (
        "content/regions/ntt/roles/konselor-pemberdayaan-masyarakat.yaml:2:1: "
        "unknown key `tugas_utma`"
    ) in result.output
    assert "did you mean `tugas_utama`?" in result.output


def test_overlay_for_a_role_that_does_not_exist(project):
    overlay_file(project, "ntt", "roles/konselor.yaml", "nama: Konselor\n")
    problem = one_problem(project)
    assert problem.file == "content/regions/ntt/roles/konselor.yaml"
    assert "no national role `konselor`" in problem.message
    assert "roles/konselor-pemberdayaan-masyarakat.yaml" in problem.hint


def test_overlay_line_is_named_when_the_merged_value_is_invalid(project):
    overlay_file(project, "ntt", "worksheet.yaml", "skala:\n  - singkatan: SS\n    label: Ya\n")
    problems = problems_of(project)
    assert any(
        p.file == "content/regions/ntt/worksheet.yaml" and "skala" in p.message for p in problems
    ), "\n".join(map(str, problems))


def test_minutes_that_no_longer_add_up_name_the_region(project):
    path = project / "content" / "regions" / "ntt" / "workshop.yaml"
    total = load_project(project).editions["ntt"].workshop.total_menit
    text = path.read_text(encoding="utf-8")
    write(path, text.replace(f"total_menit: {total}", f"total_menit: {total + 10}"))
    problem = one_problem(project)
    assert problem.file == "content/regions/ntt/workshop.yaml"
    assert f"add up to {total} minutes, but total_menit is {total + 10}" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("kertas: F4", "kertas: F5", "`kertas`: `F5` is not allowed here"),
        ("bahasa_fasilitator: id", "bahasa_fasilitator: fr", "no labels for the language `fr`"),
        (
            "bahasa_fasilitator: id",
            "bahasa_fasilitator: id\nlogo: tidak-ada.png",
            "logo file `tidak-ada.png` not found",
        ),
        (
            "bahasa_fasilitator: id",
            "bahasa_fasilitator: id\nlogo: ../../../pyproject.toml",
            "the logo must be a file inside the region folder",
        ),
        (
            "bahasa_fasilitator: id",
            "bahasa_fasilitator: id\nlabel:\n  vilage: Kampung",
            "unknown label `vilage`",
        ),
        ("nama: Provinsi", "nma: Provinsi", "unknown key `nma`"),
    ],
)
def test_bad_region_settings(project, old, new, expected):
    path = project / "content" / "regions" / "ntt" / "region.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    write(path, text.replace(old, new, 1))
    problem = one_problem(project)
    assert problem.file == "content/regions/ntt/region.yaml" and problem.line > 0
    assert expected in problem.message


def test_logo_that_is_not_an_image(project):
    region = project / "content" / "regions" / "sumbar"
    (region / "logo.png").write_text("not an image", encoding="utf-8")
    problem = one_problem(project)
    assert "is not a PNG or JPEG image" in problem.message


@pytest.mark.parametrize("name", ["NTT Baru", "nasional", "ntt_kupang"])
def test_bad_region_folder_names(project, name):
    (project / "content" / "regions" / name).mkdir()
    problem = one_problem(project)
    assert "invalid region folder name" in problem.message


def test_region_folder_linking_outside_the_project(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, project / "content" / "regions" / "luar")
    problem = one_problem(project)
    assert "links outside the project" in problem.message


def test_unknown_file_in_a_region_layout(project):
    overlay_file(project, "ntt", "layout/handout.xm.j2", "")
    problem = one_problem(project)
    assert "replaces no file of layouts/default/" in problem.message
    assert "did you mean `handout.xml.j2`?" in problem.hint


def test_missing_translation_is_an_error_at_check(project):
    path = project / "layouts" / "labels" / "en.yaml"
    write(
        path,
        "\n".join(
            ln
            for ln in path.read_text(encoding="utf-8").splitlines()
            if not ln.startswith("main_tasks:")
        ),
    )
    problem = one_problem(project)
    assert problem.file == "layouts/labels/en.yaml"
    assert "label `main_tasks` is missing" in problem.message


# --- region layouts ---------------------------------------------------------------------------


def test_region_replaces_one_partial_and_one_theme_value(project):
    cover = (project / "layouts" / "default" / "_cover.xml.j2").read_text(encoding="utf-8")
    overlay_file(
        project,
        "ntt",
        "layout/_cover.xml.j2",
        cover.replace(
            '<cover kind="{{ document_name }}"', '<cover kind="{{ document_name }} (Edisi NTT)"', 1
        ),
    )
    overlay_file(project, "ntt", "layout/theme.yaml", "styles:\n  body:\n    size: 14.5\n")
    report = build(project, Options(regions=["ntt", "nasional"], roles=[KKM], kinds=["handout"]))
    ntt, national = (
        PdfReader(d.path) for d in sorted(report.documents, key=lambda d: d.path.parts[-3] != "ntt")
    )
    assert "Bahan Bacaan (Edisi NTT)" in ntt.pages[0].extract_text()
    assert "Edisi NTT" not in national.pages[0].extract_text()
    assert 14.5 in body_font_sizes(ntt) and 14.5 not in body_font_sizes(national)


def test_region_theme_uses_a_font_from_its_own_fonts_folder(project):
    default_fonts = project / "layouts" / "default" / "fonts"
    overlay_file(project, "ntt", "layout/theme.yaml", "fonts:\n  regular: Lokal.ttf\n")
    problem = one_problem(project)
    assert "font file `Lokal.ttf` not found" in problem.message
    assert problem.hint.startswith("put it in content/regions/ntt/layout/fonts/")
    fonts = project / "content" / "regions" / "ntt" / "layout" / "fonts"
    fonts.mkdir()
    (fonts / "Lokal.ttf").write_bytes((default_fonts / "DejaVuSans.ttf").read_bytes())
    report = build(project, Options(regions=["ntt", "nasional"], roles=[KKM], kinds=["handout"]))
    used = {d.path.parts[-3]: font_names(PdfReader(d.path)) for d in report.documents}
    assert "DejaVuSans" in used["ntt"] and "DejaVuSans" not in used["nasional"]


def font_names(reader: PdfReader) -> set[str]:
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def body_font_sizes(reader: PdfReader) -> list[float]:
    sizes: list[float] = []
    reader.pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: sizes.append(round(size * tm[0], 1))
    )
    return sizes


@pytest.mark.parametrize(
    "linked",
    [
        "content/roles/konselor-pemberdayaan-masyarakat.yaml",  # national content too
        "content/workshop.yaml",
        "content/regions/ntt/roles/konsultan-pemberdayaan-masyarakat.yaml",  # an overlay
        "layouts/labels/en.yaml",
    ],
)
def test_a_file_linking_outside_the_project_is_refused(project, tmp_path, linked):
    """One rule for every file modul reads: a link out of the project is never printed
    (a linked national role file was read and printed, a linked overlay refused)."""
    path = project / linked
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    problems = problems_of(project)
    assert [p.message for p in problems if p.file == linked] == [
        f"the file links outside the project, to {outside}"
    ], "\n".join(map(str, problems))


def test_a_link_inside_the_project_is_read(project):
    role = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    kept = project / "bersama" / "konselor.yaml"
    kept.parent.mkdir()
    role.rename(kept)
    role.symlink_to(kept)
    assert check(project).project.roles["konselor-pemberdayaan-masyarakat"].nama


@pytest.mark.parametrize(("file", "new"), [("content/workshop.yaml", "bahasa_pesan")])
def test_the_old_name_bahasa_is_read_with_a_warning_to_rename_it(project, file, new):
    """The plan's key was once `bahasa:`; a project written then still builds as it did
    (region.yaml's `bahasa:`: tests/layout/test_languages.py)."""
    from modul import check

    path = project / file
    text = path.read_text(encoding="utf-8").replace(f"\n{new}: ", "\nbahasa: ")
    write(path, text)
    report = check(project)
    [warning] = [w for w in report.warnings if "is now called" in w.message]
    line = next(
        n for n, written in enumerate(text.splitlines(), 1) if written.startswith("bahasa:")
    )
    assert (warning.file, warning.line) == (file, line)
    assert warning.message == f"`bahasa:` is now called `{new}:`"
