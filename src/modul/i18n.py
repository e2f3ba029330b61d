"""The trainer's language for everything modul says: messages, help, progress, errors.

Messages are written in English in the code, marked with `_()` (or `N_()` where the text
is stored and translated when shown) and translated through gettext catalogs:
`locale/<lang>/LC_MESSAGES/modul.po`, compiled to `.mo` when the package is built
(setup.py). click's own texts ("Usage:", "Error: No such option") are in the same
catalog, which is made the process's default gettext domain.

The language is chosen by `use()`, once per process; a build's worker processes are
told it when they start (`engine.workers`).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT = "id"  # Indonesian first: the documents, their readers and most trainers
ENVIRONMENT = "MODUL_LANG"
LOCALE = Path(__file__).parent / "locale"
DOMAIN = "modul"
DECIMAL_COMMA = ("id",)  # languages that write 3,4 for 3.4

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = ""


def use(language: str) -> None:
    """Speak `language` (one of LANGUAGES) from now on: once a process, in practice
    (the command line may ask again as it learns more; the same answer costs nothing)."""
    global _translation, _language
    if language == _language:
        return
    _language = language
    _translation = gettext.translation(DOMAIN, LOCALE, languages=[language], fallback=True)
    # click's texts go through the module-level gettext of the default domain, whose
    # language is read from the environment.
    os.environ["LANGUAGE"] = language
    gettext.bindtextdomain(DOMAIN, LOCALE)
    gettext.textdomain(DOMAIN)


def language() -> str:
    return _language


def chosen(explicit: str | None = None, project: str | None = None) -> str:
    """The language to speak: `--lang`, else MODUL_LANG, else the project's `bahasa_pesan:`,
    else Indonesian. An unknown value falls through to the next."""
    for candidate in (explicit, os.environ.get(ENVIRONMENT), project):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return DEFAULT


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The singular or plural form for `number`, in the chosen language."""
    return _translation.ngettext(singular, plural, number)


def decimal(value: float, places: int) -> str:
    """`value` with `places` decimals, written as the language writes them: 3,4 in
    Indonesian, 3.4 in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if _language in DECIMAL_COMMA else text


def N_(message: str) -> str:
    """Mark a text for translation where it is stored; `_()` translates it when shown."""
    return message


use(chosen())
