"""modul speaks the trainer's language: every message translated, Indonesian first."""

from __future__ import annotations

import gettext
import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from conftest import REPO, a_nearly_empty_page, write
from modul import i18n
from modul.cli import cli
from modul.cli.common import translate_help

LOCALE = REPO / "src" / "modul" / "locale"
PLACEHOLDER = re.compile(r"\{(\w+)(?:[:!][^}]*)?\}")
COMMANDS = sorted(cli.commands)


def catalog(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "modul.po").open("rb") as source:
        return read_po(source, locale=language)


def messages_in_code() -> set[str | tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("catalogs", REPO / "tools/update_catalogs.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return {message.id for message in tool.template() if message.id}


def in_indonesian(english: str) -> str:
    return gettext.translation("modul", LOCALE, languages=["id"]).gettext(english)


@pytest.fixture
def speaking():
    """Switches modul's language for one test and back to the suite's English after."""
    yield i18n.use
    i18n.use("en")
    translate_help(cli)


def modul(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """The installed `modul`, as a trainer starts it, without the suite's MODUL_LANG."""
    env = {k: v for k, v in os.environ.items() if k not in ("MODUL_LANG", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "modul", *args],
        cwd=cwd,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_template_has_every_message_of_the_code():
    """A message added or changed in the code is in the catalogs' template."""
    with (LOCALE / "modul.pot").open("rb") as source:
        template = {message.id for message in read_po(source) if message.id}
    in_code = messages_in_code()
    assert in_code - template == set(), "run: python tools/update_catalogs.py"
    assert template - in_code == set(), "run: python tools/update_catalogs.py"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_has_a_translation_with_the_same_placeholders(language):
    missing, mismatched = [], []
    for message in catalog(language):
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms) or message.fuzzy:
            missing.append(message.id)
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        # a language with one form (Indonesian) says what the plural says
        originals = english if len(forms) > 1 else english[-1:]
        if "python-brace-format" in message.flags and any(
            set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(original))
            for form, original in zip(forms, originals)
        ):
            mismatched.append(message.id)
    assert missing == [], f"{len(missing)} messages without a {language} translation"
    assert mismatched == [], "a translation must keep every {placeholder} of its message"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_installed_catalogs_are_compiled_from_the_current_translations(language):
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    installed = LOCALE / language / "LC_MESSAGES" / "modul.mo"
    assert installed.is_file(), "compiled when modul is installed: pip install -e ."
    assert installed.read_bytes() == compiled.getvalue(), "reinstall: pip install -e ."


def test_indonesian_is_the_default(tmp_path):
    result = modul("build", cwd=tmp_path)
    assert result.returncode == 1
    english = "no modul project here: no folder with `content/` and `layouts/` in it or above it"
    assert in_indonesian(english) != english
    assert in_indonesian(english) in result.stderr
    assert "modul init" in result.stderr


def test_the_help_is_indonesian_too_and_clicks_own_words(tmp_path):
    result = modul("build", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert in_indonesian("Rebuild every document, also those up to date.") in " ".join(
        result.stdout.split()
    )
    assert in_indonesian("Usage:") in result.stdout  # click's word, from the same catalog
    assert "Usage:" not in result.stdout


def test_lang_option_beats_the_environment_which_beats_the_project(project):
    write(project / "content" / "workshop.yaml", _with_language(project, "en"))
    english = "no modul project here"
    assert "Usage:" in modul("--help", cwd=project).stdout  # the project's `bahasa_pesan: en`
    assert "Usage:" not in modul("--help", cwd=project, MODUL_LANG="id").stdout
    assert "Usage:" in modul("--lang", "en", "--help", cwd=project, MODUL_LANG="id").stdout
    outside = project.parent
    assert english in modul("--lang", "en", "build", cwd=outside).stderr
    assert english in modul("build", cwd=outside, MODUL_LANG="EN").stderr


def test_a_project_in_english_builds_and_checks(project):
    write(project / "content" / "workshop.yaml", _with_language(project, "en"))
    result = modul("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


def test_warnings_from_worker_processes_are_in_the_builds_language(project, speaking):
    """Layout findings are made in worker processes (here a nearly empty handout page);
    they speak the language of the build that asked, also in a worker kept from an
    English build."""
    from modul import Options, build

    a_nearly_empty_page(project)

    where = Options(
        regions=["ntt"],
        roles=["konsultan-pemberdayaan-masyarakat"],
        kinds=["bahan-bacaan", "lembar-kerja"],
        jobs=2,
        force=True,
    )
    english = {w.message for w in build(project, where).warnings}
    speaking("id")
    indonesian = {w.message for w in build(project, where).warnings}
    assert any("nearly empty" in message for message in english)
    assert len(indonesian) == len(english)
    assert indonesian.isdisjoint(english)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_the_help_uses_plain_words(command, language, speaking):
    """No words of modul's insides in the help a trainer reads."""
    args = ["--lang", language, *([command] if command else []), "--help"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    for word in ("slug", "manifest", "shard", "slice", "INTEGER RANGE", "x<="):
        assert word.lower() not in result.output.lower(), (command, word)


def test_every_help_text_is_marked_for_translation(speaking):
    """A help text not marked with N_() would stay English in Indonesian help."""
    speaking("id")
    translate_help(cli)
    for command in [cli, *cli.commands.values()]:
        for item in [command, *command.params]:
            for name in ("help", "short_help", "metavar"):
                english = vars(item).get(f"_english_{name}")
                if english and english not in ("N", "I/N", "FOLDER"):
                    assert getattr(item, name) != english, (command.name, item.name, name)


def _with_language(root: Path, language: str) -> str:
    text = (root / "content" / "workshop.yaml").read_text(encoding="utf-8")
    assert "\nbahasa_pesan: id\n" in text
    return text.replace("\nbahasa_pesan: id\n", f"\nbahasa_pesan: {language}\n")


def test_a_build_reports_in_indonesian_with_decimal_commas(project):
    result = modul("build", "--region", "ntt", "--doc", "lembar-kerja", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # three roles, then the summary
    assert all(re.search(r"  \d+ halaman  \d+,\d\d detik$", line) for line in lines[:3])
    assert re.fullmatch(
        r"Selesai: 3 dokumen ditulis, \d+ halaman dalam \d+,\d detik, di build/", lines[3]
    )


def test_warnings_repeated_by_a_build_with_nothing_to_do_are_in_its_language(project, speaking):
    """A skipped document's warnings come from the build that made it; when the language
    changed since, the document is made again, so no warning is said in the old one."""
    from modul import Options, build

    a_nearly_empty_page(project)
    where = Options(regions=["ntt"], roles=["konsultan-pemberdayaan-masyarakat"])
    english = {w.message for w in build(project, where).warnings}
    speaking("id")
    again = build(project, where)
    assert [d.path.name for d in again.documents] == ["bahan-bacaan.pdf"]  # its warning
    assert {w.message for w in again.warnings}.isdisjoint(english)
    assert build(project, where).documents == []
