"""Bring the message catalogs up to date after messages changed in the code.

    python tools/update_catalogs.py

Extracts every marked message of modul (`_`, `N_`, `ngettext`) and click's own texts into
src/modul/locale/modul.pot, merges it into the Indonesian and English catalogs (new
messages arrive untranslated, or copied from the English text in en.po), and compiles
them. Then translate the empty `msgstr ""` entries of id/LC_MESSAGES/modul.po;
tests/test_i18n.py fails until every message has its translation.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

SOURCE = Path(__file__).resolve().parents[1] / "src" / "modul"
LOCALE = SOURCE / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
FIXED = datetime(2026, 1, 1, tzinfo=UTC)  # no date churn in the catalogs' diffs
HEADER = "# Messages of modul, the printed-kit builder. MIT licence.\n#"


def template() -> Catalog:
    """Every message a user can see: modul's, then click's."""
    catalog = new_catalog()
    for folder, name in ((SOURCE, "modul"), (Path(click.__file__).parent, "click")):
        for file, line, message, comments, _context in extract_from_dir(
            folder, [("**.py", "python")], keywords=KEYWORDS
        ):
            catalog.add(message, locations=[(f"{name}/{file}", line)], auto_comments=comments)
    return catalog


def new_catalog(language: str | None = None) -> Catalog:
    return Catalog(
        locale=language,
        header_comment=HEADER,
        project="modul",
        version="",
        msgid_bugs_address="",
        last_translator="",
        language_team=LANGUAGES.get(language or "", ""),
        creation_date=FIXED,
        revision_date=FIXED,
        fuzzy=False,
    )


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalog, width=100, include_lineno=False, sort_output=False)


def update(pot: Catalog, language: str) -> Catalog:
    po_path = LOCALE / language / "LC_MESSAGES" / "modul.po"
    if po_path.exists():
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=language)
    else:
        catalog = new_catalog(language)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.creation_date = catalog.revision_date = FIXED
    catalog.obsolete.clear()
    if language == "en":  # the code's texts are English already
        for message in catalog:
            if message.id and not translated(message.string):
                message.string = message.id
    write(catalog, po_path)
    with po_path.with_suffix(".mo").open("wb") as target:
        write_mo(target, catalog)
    return catalog


def translated(string: str | tuple[str, ...]) -> bool:
    """A translation is there: the text, or every plural form (Indonesian has one)."""
    return all(string) if isinstance(string, tuple) else bool(string)


def main() -> None:
    pot = template()
    write(pot, LOCALE / "modul.pot")
    for language in LANGUAGES:
        catalog = update(pot, language)
        missing = [m.id for m in catalog if m.id and not translated(m.string)]
        print(f"{language}: {len(catalog)} messages, {len(missing)} to translate", file=sys.stderr)


if __name__ == "__main__":
    main()
