"""Every bad input a trainer can cause: a clear message with file, line and fix, a
non-zero exit code, no traceback, and no PDF lost or half-written.

BAD_INPUTS is the catalogue: each case changes a copy of the shipped project, runs
`modul check` (or `build`) as a trainer would, and says what the message must contain.
The copy holds the role and the regions the cases spoil (`project` below): reading the
others' files too would only slow each case.
"""

from __future__ import annotations

import errno
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from conftest import pdf_path, pdf_text, shipped_line, small_copy, write
from modul import Options, build
from modul.cli import cli

ROLE = "konselor-pemberdayaan-masyarakat"
ROLE_FILE = f"content/roles/{ROLE}.yaml"
LOGO = "content/regions/sumbar/logo.png"
REGION = "content/regions/sumbar/region.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shipped project with ROLE, the national set, NTT and Sumatera Barat."""
    return small_copy(tmp_path / "project", roles=(ROLE,), regions=("ntt", "sumbar"))


@dataclass(frozen=True)
class Bad:
    change: Callable[[Path], object]  # spoils a copy of the project
    where: str  # "file:line" the message must start with ("file" when no line is known)
    says: str  # part of the message
    fix: str  # part of the fix
    command: tuple[str, ...] = ("check",)
    exit_code: int = 1


def run_modul(project: Path, command: str, *args: str) -> Result:
    """`modul COMMAND --project PROJECT ARGS…` as a trainer types it."""
    return CliRunner().invoke(cli, [command, "--project", str(project), *args])


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        write(path, text.replace(old, new, 1))

    return change


def replace_file(relative: str, data: bytes | str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return change


def recode(relative: str, encoding: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, "replace"))

    return change


def cut_in_half(relative: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        data = (root / relative).read_bytes()
        (root / relative).write_bytes(data[: len(data) // 2])

    return change


NAME, MAIN_TASKS, OTHER_TASKS = (
    shipped_line(ROLE_FILE, key) for key in ("nama:", "tugas_utama:", "tugas_lain:")
)
SUITED = shipped_line(ROLE_FILE, "cocok:")
HANDOUT = "layouts/default/handout.xml.j2"
THEME = "layouts/default/theme.yaml"
OBJECTIVES = shipped_line(HANDOUT, "{{ t.objectives }}")
REGION_LOGO = shipped_line(REGION, "logo: logo.png")


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it has this size and holds no pixels: all an image program reads
    before it decodes anything."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    size = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", size) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)

BAD_INPUTS = {
    # YAML
    "syntax error": Bad(
        edit(ROLE_FILE, "tugas_utama:", "tugas_utama: [belum ditutup"),
        f"{ROLE_FILE}:{OTHER_TASKS}",
        f"the [ on line {MAIN_TASKS} is not closed",
        "indentation",
    ),
    "tab indentation": Bad(
        edit(ROLE_FILE, "  - >-\n    Tugas utama", "\t- >-\n    Tugas utama"),
        f"{ROLE_FILE}:{MAIN_TASKS + 1}",
        "tab character",
        "spaces only",
    ),
    "duplicate key": Bad(
        edit(ROLE_FILE, "tugas_lain:", "nama: Lagi\ntugas_lain:"),
        f"{ROLE_FILE}:{OTHER_TASKS}",
        "duplicate key",
        "once per block",
    ),
    "Windows-1252": Bad(
        lambda root: (
            edit(ROLE_FILE, "nama: Konselor", "nama: Konselor é")(root),
            recode(ROLE_FILE, "cp1252")(root),
        ),
        f"{ROLE_FILE}:{NAME}",
        "not saved as UTF-8",
        "'UTF-8'",
    ),
    "UTF-16": Bad(recode(ROLE_FILE, "utf-16"), f"{ROLE_FILE}:1", "not saved as UTF-8", "'UTF-8'"),
    "empty file": Bad(
        replace_file("content/worksheet.yaml", ""),
        "content/worksheet.yaml",
        "the file is empty",
        "add the keys",
    ),
    "binary file": Bad(
        replace_file(ROLE_FILE, bytes(range(256)) * 4),
        f"{ROLE_FILE}:2",
        "not saved as UTF-8",
        "'UTF-8'",
    ),
    "control character": Bad(
        edit(ROLE_FILE, "nama: Konselor", "nama: Kon\x00selor"),
        f"{ROLE_FILE}:{NAME}:10",
        "control character (U+0000)",
        "delete it",
    ),
    "list instead of mapping": Bad(
        replace_file(ROLE_FILE, "- nama\n- deskripsi\n"),
        f"{ROLE_FILE}:1",
        "expected keys with values",
        "key: value",
    ),
    "text instead of list": Bad(
        edit(ROLE_FILE, "tugas_lain:\n  - >-", "tugas_lain: >-"),
        f"{ROLE_FILE}:{OTHER_TASKS}",
        "expected a list",
        "`- `",
    ),
    "number instead of text": Bad(
        edit(ROLE_FILE, "nama: Konselor Pemberdayaan Masyarakat", "nama: 2024"),
        f"{ROLE_FILE}:{NAME}",
        "`nama`: expected text",
        "quotes",
    ),
    "enormous file": Bad(
        replace_file(ROLE_FILE, "nama: x\n# " + "a" * 2_000_000 + "\n"),
        ROLE_FILE,
        "MB",
        "right file",
    ),
    "alias bomb": Bad(replace_file(ROLE_FILE, BOMB), ROLE_FILE, "aliases", "write the text"),
    "missing file": Bad(
        lambda root: (root / "content/workshop.yaml").unlink(),
        "content/workshop.yaml",
        "file not found",
        "create it",
    ),
    "typo in a key": Bad(
        edit(ROLE_FILE, "tugas_utama:", "tugas_utma:"),
        f"{ROLE_FILE}:{MAIN_TASKS}",
        "unknown key `tugas_utma`",
        "did you mean `tugas_utama`?",
    ),
    "missing key": Bad(
        edit(ROLE_FILE, "nama: Konselor Pemberdayaan Masyarakat\n", ""),
        f"{ROLE_FILE}:1",
        "required key `nama` is missing",
        "add `nama:`",
    ),
    "empty text": Bad(
        edit(ROLE_FILE, "cocok:\n", 'cocok:\n  - ""\n'),
        f"{ROLE_FILE}:{SUITED + 1}",
        "the text is empty",
        "write the text",
    ),
    "a Python tag on a list": Bad(
        edit(
            ROLE_FILE,
            "nama: Konselor Pemberdayaan Masyarakat",
            'nama: !!python/object/apply:os.system ["x"]',
        ),
        f"{ROLE_FILE}:{NAME}",
        "the YAML tag `!!python/object/apply:os.system` is not allowed",
        "delete it",
    ),
    "a local tag": Bad(
        edit(ROLE_FILE, "nama: Konselor Pemberdayaan Masyarakat", "nama: !foo [a, b]"),
        f"{ROLE_FILE}:{NAME}",
        "the YAML tag `!foo` is not allowed",
        "delete it",
    ),
    "a 5000-digit number": Bad(
        edit(ROLE_FILE, "nama: Konselor Pemberdayaan Masyarakat", "nama: " + "9" * 5000),
        f"{ROLE_FILE}:{NAME}:7",
        "a number of 5000 digits",
        "put it in quotes",
    ),
    "a date no calendar has": Bad(
        edit(ROLE_FILE, "nama: Konselor Pemberdayaan Masyarakat", "nama: 2026-13-45"),
        f"{ROLE_FILE}:{NAME}:7",
        "2026-13-45 is not a date",
        "put it in quotes",
    ),
    "brackets 300 deep": Bad(
        edit(ROLE_FILE, "tugas_lain:\n", "tugas_lain: " + "[" * 300 + "]" * 300 + "\nx:\n"),
        f"{ROLE_FILE}:{OTHER_TASKS}",
        "nested more than 40 deep",
        "check the brackets",
    ),
    "lists 60 deep": Bad(
        edit(ROLE_FILE, "tugas_lain:\n", "tugas_lain: " + "[" * 60 + "]" * 60 + "\nx:\n"),
        f"{ROLE_FILE}:{OTHER_TASKS}",
        "nested more than 40 deep",
        "check the brackets",
    ),
    # templates
    "template syntax error": Bad(
        edit("layouts/default/handout.xml.j2", "{{", "{{ {{"),
        "layouts/default/handout.xml.j2",
        "template syntax error",
        "{% %}",
    ),
    "undefined variable": Bad(
        edit("layouts/default/handout.xml.j2", "{{ t.objectives }}", "{{ t.objectivs }}"),
        f"{HANDOUT}:{OBJECTIVES}",
        "has no attribute 'objectivs'",
        "variable names",
    ),
    "loop over a missing key": Bad(
        edit(
            "layouts/default/handout.xml.j2",
            "</document>",
            "{% for x in role.tidak_ada %}<p>{{ x }}</p>{% endfor %}</document>",
        ),
        "layouts/default/handout.xml.j2:",
        "tidak_ada",
        "variable names",
    ),
    "include of a file outside the layout": Bad(
        edit(
            HANDOUT,
            "<h1>{{ t.objectives }}</h1>",
            '{% include "../../content/workshop.yaml" %}<h1>{{ t.objectives }}</h1>',
        ),
        f"{HANDOUT}:{OBJECTIVES}",
        "template `../../content/workshop.yaml` not found",
        "{% include %}",
    ),
    "a theme value out of range": Bad(
        edit(THEME, "short_table_share: 0.3334", "short_table_share: 2"),
        f"{THEME}:{shipped_line(THEME, 'short_table_share')}",
        "`page_breaks.short_table_share`: the number is too large",
        "at most 1",
    ),
    "a loop in a loop of 99999 each": Bad(
        edit(
            HANDOUT,
            "<h1>{{ t.objectives }}</h1>",
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
            "<h1>{{ t.objectives }}</h1>",
        ),
        f"{HANDOUT}:{OBJECTIVES}",
        "the template counts to more than 100,000 with range()",
        "not in a loop inside a loop",
    ),
    "range(10**9)": Bad(
        edit(
            HANDOUT,
            "<h1>{{ t.objectives }}</h1>",
            "{% for i in range(10**9) %}{% endfor %}<h1>{{ t.objectives }}</h1>",
        ),
        f"{HANDOUT}:{OBJECTIVES}",
        "the template counts to more than 100,000",
        "large range() numbers",
    ),
    "a macro that calls itself": Bad(
        edit(
            HANDOUT,
            "<h1>{{ t.objectives }}</h1>",
            "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}<h1>{{ t.objectives }}</h1>",
        ),
        f"{HANDOUT}:{OBJECTIVES}",
        "a macro calls itself without end",
        "a condition to stop",
    ),
    "a damaged font in a region's theme": Bad(
        lambda root: (
            (root / "content/regions/ntt/layout/fonts").mkdir(parents=True),
            (root / "content/regions/ntt/layout/fonts/Rusak.ttf").write_bytes(b"\0" * 3000),
            write(root / "content/regions/ntt/layout/theme.yaml", "fonts:\n  regular: Rusak.ttf\n"),
        ),
        "content/regions/ntt/layout/theme.yaml:2",
        "font file `Rusak.ttf` cannot be read",
        "TrueType font",
    ),
    "sandbox escape": Bad(
        edit("layouts/default/handout.xml.j2", "{{ t.objectives }}", "{{ ''.__class__.__mro__ }}"),
        f"{HANDOUT}:{OBJECTIVES}",
        "unsafe",
        "variable names",
    ),
    # paths
    "bad role file name": Bad(
        lambda root: (root / ROLE_FILE).rename(root / "content/roles/Peran Baru.yaml"),
        "content/roles/Peran Baru.yaml",
        "invalid role file name",
        "lowercase",
    ),
    "logo outside the region (..)": Bad(
        edit(REGION, "logo: logo.png", "logo: ../../../x.png"),
        f"{REGION}:{REGION_LOGO}",
        "inside the region folder",
        "copy the image",
    ),
    "logo as an absolute path": Bad(
        edit(REGION, "logo: logo.png", "logo: /etc/hostname"),
        f"{REGION}:{REGION_LOGO}",
        "inside the region folder",
        "copy the image",
    ),
    "logo missing": Bad(
        lambda root: (root / LOGO).unlink(), f"{REGION}:{REGION_LOGO}", "not found", "put it in"
    ),
    "logo not an image": Bad(
        replace_file(LOGO, "bukan gambar"),
        f"{REGION}:{REGION_LOGO}",
        "not a PNG or JPEG",
        "save the logo",
    ),
    "logo of 30000 × 30000 pixels": Bad(
        replace_file(LOGO, png_header(30000, 30000)),
        f"{REGION}:{REGION_LOGO}",
        "far more pixels than a printed page needs",
        "save it smaller",
    ),
    "cover logo that is not an image": Bad(
        edit("layouts/default/_cover.xml.j2", 'logo="{{ logo }}"', 'logo="content/workshop.yaml"'),
        "layouts/default/_cover.xml.j2",
        "`content/workshop.yaml` is not a PNG or JPEG image",
        "save the logo",
    ),
    "logo damaged": Bad(
        cut_in_half(LOGO), f"{REGION}:{REGION_LOGO}", "cannot be read", "save it again"
    ),
    "logo linking outside": Bad(
        lambda root: ((root / LOGO).unlink(), (root / LOGO).symlink_to("/etc/hostname")),
        f"{REGION}:{REGION_LOGO}",
        "inside the region folder",
        "copy the image",
    ),
    "unknown region": Bad(
        lambda root: None,
        "modul",
        "unknown region `jawa`",
        "choose from",
        ("build", "--region", "jawa"),
    ),
    # output
    "build/ is a file": Bad(
        replace_file("build", "x"),
        "build: ",
        "cannot make this folder: File exists",
        "`build` is a file",
        ("build", "--region", "nasional"),
        3,
    ),
    "a folder where a PDF goes": Bad(
        lambda root: (root / f"build/nasional/{ROLE}/lembar-kerja.pdf").mkdir(parents=True),
        f"build/nasional/{ROLE}/lembar-kerja.pdf",
        "Is a directory",
        "rename or remove",
        ("build", "--region", "nasional"),
        3,
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gets_a_located_message_and_a_fix(project, case):
    case.change(project)
    result = run_modul(project, *case.command)
    assert result.exit_code == case.exit_code, result.output
    assert "Traceback" not in result.output, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a crash
    message = next(
        (line for line in result.output.splitlines() if line.startswith(case.where)), None
    )
    assert message is not None, f"no message at {case.where}:\n{result.output}"
    assert case.says in message, result.output
    fix = result.output.splitlines()[result.output.splitlines().index(message) + 1]
    assert fix.strip().startswith("fix:") and case.fix in fix, result.output


def test_a_bad_input_never_touches_earlier_pdfs(project):
    build(project, Options(regions=["nasional"], roles=[ROLE]))
    before = {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")}
    for name in ("typo in a key", "empty file", "template syntax error", "logo damaged"):
        BAD_INPUTS[name].change(project)
    result = run_modul(project, "build")
    assert result.exit_code == 1
    assert {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")} == before


def test_full_disk_is_reported_and_leaves_no_partial_file(project, monkeypatch):
    import tempfile

    build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["handout"]))
    handout = pdf_path(project, ROLE, "bahan-bacaan.pdf")
    earlier = handout.read_bytes()
    real_mkstemp = tempfile.mkstemp

    def on_a_full_disk(**kwargs):
        fd, name = real_mkstemp(**kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name  # every write: ENOSPC

    monkeypatch.setattr(tempfile, "mkstemp", on_a_full_disk)
    result = run_modul(
        project, "build", "--force", "--region", "nasional", "--role", ROLE, "-j", "1"
    )
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.output and "the disk is full" in result.output
    assert handout.read_bytes() == earlier
    assert not [p for p in (project / "build").rglob("*.tmp")]


def test_read_only_build_folder(project, monkeypatch):
    import modul.output

    def refused(source, target):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(modul.output.os, "replace", refused)  # root ignores chmod
    result = run_modul(project, "build", "--region", "nasional", "--role", ROLE, "-j", "1")
    assert result.exit_code == 3
    assert "Permission denied" in result.output and "read-only" in result.output
    assert not list((project / "build").rglob("*.pdf"))


def test_a_bug_in_modul_is_one_line_and_exit_4(project, monkeypatch):
    import modul.engine.builder

    def broken(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(modul.engine.builder, "build", broken)
    result = run_modul(project, "build")
    assert result.exit_code == 4
    assert "unexpected error: RuntimeError: kaboom" in result.output
    assert "bug in modul" in result.output and "Traceback" not in result.output


def test_ctrl_c_says_what_is_kept(project, monkeypatch):
    import modul.engine.builder

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(modul.engine.builder, "build", interrupted)
    result = run_modul(project, "build")
    assert result.exit_code == 130 and "stopped" in result.output


def test_extreme_text_splits_across_pages(project):
    """A 20 000-character paragraph, a 500-letter word, 300 items and an empty list."""
    long_paragraph = " ".join(f"Kalimat panjang nomor {n}." for n in range(900))
    word = "x" * 500
    items = "".join(f"  - Tugas nomor {n}.\n" for n in range(300))
    edit(ROLE_FILE, "tugas_utama:\n", f'tugas_utama:\n{items}  - {word}\n  - "{long_paragraph}"\n')(
        project
    )
    path = project / ROLE_FILE
    text = path.read_text(encoding="utf-8")
    start = text.index("tugas_lain:")
    write(path, text[:start] + "tugas_lain: []\n" + text[text.index("# Ciri orang yang cocok") :])
    report = build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["handout"]))
    handout = pdf_text(report.documents[0].path)
    assert all(f"Tugas nomor {n}." in handout for n in range(300))
    assert long_paragraph in handout
    assert word in handout.replace(" ", "")  # split over lines, not cut off
    assert len(PdfReader(report.documents[0].path).pages) > 10


def test_characters_the_font_lacks_use_the_fallback_font_or_a_marker(project):
    """ɔ (open o), an emoji and a heart (with its invisible variation selector) are not in
    Plus Jakarta Sans: DejaVu Sans prints them; ŋ and ə are in it. Javanese script is in
    no shipped font: a visible marker. A letter with a combining accent becomes the
    accented letter the font has."""
    edit(
        ROLE_FILE,
        "nama: Konselor Pemberdayaan Masyarakat",
        "nama: Konselor Pemberdayaan Masyarakat ɔŋə 😀 ❤\ufe0f",
    )(project)
    edit(ROLE_FILE, "tugas_utama:\n", "tugas_utama:\n  - Aksara ꦲꦤ dan kafe\u0301 di desa.\n")(
        project
    )
    result = run_modul(project, "build", "--region", "nasional", "--role", ROLE, "--doc", "handout")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    fallback = next(line for line in lines if "printed with DejaVuSans.ttf" in line)
    assert fallback.startswith(
        f"{ROLE_FILE}:{NAME}:40: warning: `ɔ` (U+0254 LATIN SMALL LETTER OPEN O)"
    )
    assert "`😀` (U+1F600 GRINNING FACE)" in fallback and "U+FE0F" not in result.output
    assert "U+014B" not in result.output and "U+0259" not in result.output
    marker = next(line for line in lines if "in none of the theme's fonts" in line)
    assert marker.startswith(
        f"{ROLE_FILE}:{MAIN_TASKS + 1}:12: warning: `ꦲ` (U+A9B2 JAVANESE LETTER HA)"
    )
    assert "printed as [U+A9B2], [U+A9A4]" in marker
    assert "é" not in result.output  # the composed é is in the font: no warning
    handout = pdf_path(project, ROLE, "bahan-bacaan.pdf")
    text = pdf_text(handout)
    assert "Masyarakat ɔŋə 😀 ❤" in text
    assert "Aksara [U+A9B2][U+A9A4] dan kafé di desa." in text
    fonts = {
        str(f["/BaseFont"]).split("+")[-1]
        for page in PdfReader(handout).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert "DejaVuSans" in fonts


def test_participant_names_in_other_scripts_are_stamped_with_the_fallback(project, tmp_path):
    csv = write(tmp_path / "peserta.csv", "nama,asal\nSiti Aminah,Desa A\nƆkoro Ətu,Desa B\n")
    result = run_modul(
        project,
        "build",
        "--region",
        "nasional",
        "--role",
        ROLE,
        "--doc",
        "worksheet",
        "--roster",
        str(csv),
    )
    assert result.exit_code == 0, result.output
    assert f"{csv}:3:1: warning: `Ɔ` (U+0186 LATIN CAPITAL LETTER OPEN O)" in result.output
    single = pdf_path(project, ROLE, "peserta/lembar-kerja-002-koro-tu.pdf")
    first = " ".join(PdfReader(single).pages[0].extract_text().split())
    assert "Ɔkoro Ətu" in first and "Desa B" in first  # written into the Nama and Desa fields


def test_a_character_a_template_writes_by_its_number_is_checked_too(project):
    """`&#x254;` in a template is ɔ in the document: the font lacks it, so it is reported
    as if it were written out."""
    template = project / "layouts/default/handout.xml.j2"
    text = template.read_text(encoding="utf-8")
    write(
        template, text.replace("<h1>{{ t.objectives }}</h1>", "<h1>{{ t.objectives }} &#x254;</h1>")
    )
    result = run_modul(project, "build", "--region", "nasional", "--role", ROLE, "--doc", "handout")
    assert result.exit_code == 0, result.output
    assert "`ɔ` (U+0254 LATIN SMALL LETTER OPEN O)" in result.output, result.output
    assert "ɔ" in pdf_text(pdf_path(project, ROLE, "bahan-bacaan.pdf"))
