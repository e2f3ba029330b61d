"""The labels each document is printed with: participants' papers in the participants'
language, the facilitators' in theirs (region.yaml `bahasa_peserta`,
`bahasa_fasilitator`; catalog.yaml: each document's `audience`), and a language may be
two ("id+en"), its titles and headings then printed in both: "Persiapan / Preparation".

A facilitators' document names a participants' paper by the title printed on it: the
participants' language's, whatever the facilitators' is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from modul.content.model import Edition
from modul.content.provenance import Provenance
from modul.errors import Problem, warning
from modul.i18n import _, ngettext
from modul.layout.catalog import Catalog
from modul.layout.data import Record, freeze
from modul.layout.kit import kit_documents

Labels = Mapping[str, dict[str, str] | None]  # by labels file: its texts, None if broken
BILINGUAL = " / "  # between a title and its second language's
TAG = re.compile(r"(<[^>]*>)")  # the markup's tags; attribute values hold no ">" (escaped)
# where a bilingual title's second half is set in italics: headings and paragraphs; in a
# table's cell (the run-sheet's list of documents) it stays upright, read as a list
ITALIC_IN = {"h1", "h2", "h3", "p", "item"}


def language_parts(language: str) -> list[str]:
    """The labels files a language is written with: "id+en" → ["id", "en"]."""
    return [part.strip() for part in language.split("+")]


def compose(labels: Labels, language: str, bilingual: list[str]) -> dict[str, str] | None:
    """The labels of `language`: one file's, or the first's with the second's after the
    keys of `bilingual` (titles and headings) where the two differ."""
    parts = [labels.get(part) for part in language_parts(language)]
    first = parts[0]
    second = parts[1] if len(parts) > 1 else None
    if first is None or (len(parts) > 1 and second is None):
        return None
    if second is None:
        return dict(first)
    return {
        key: f"{text}{BILINGUAL}{second[key]}"
        if key in bilingual and second.get(key) and second[key] != text
        else text
        for key, text in first.items()
    }


def audience_words(
    labels: Labels, languages: Mapping[str, str], catalog: Catalog, own: Mapping[str, str]
) -> dict[str, dict[str, str]] | None:
    """The labels by audience (`participant`, `facilitator`), with the region's own
    (`own`, region.yaml `label:`) over both; None if a language's labels are broken."""
    found = {
        audience: compose(labels, language, catalog.bilingual_labels)
        for audience, language in languages.items()
    }
    participant, facilitator = found.get("participant"), found.get("facilitator")
    if participant is None or facilitator is None:
        return None
    participant.update(own)
    facilitator.update(own)
    kinds = [*catalog.documents, *catalog.all_packets]
    facilitator.update(
        {
            k.label: participant[k.label]
            for k in kinds
            if k.audience == "participant" and k.label in participant
        }
    )
    return {"participant": participant, "facilitator": facilitator}


def second_halves(labels: Labels, language: str, bilingual: list[str]) -> dict[str, str]:
    """For each bilingual title of `language` ("id+en"), as templates write it (escaped):
    the same with its second half in italics, "Persiapan / <i>Preparation</i>"."""
    parts = [labels.get(part) for part in language_parts(language)]
    if len(parts) < 2 or parts[0] is None or parts[1] is None:
        return {}
    first, second = parts[0], parts[1]
    return {
        f"{escape(first[key])}{BILINGUAL}{escape(second[key])}": (
            f"{escape(first[key])}{BILINGUAL}<i>{escape(second[key])}</i>"
        )
        for key in bilingual
        if key in first and second.get(key) and second[key] != first[key]
    }


def italicise(text: str, halves: Mapping[str, str]) -> str:
    """The markup `text` with each bilingual title's second half in italics, where it
    stands as text in a heading or paragraph; in an attribute (a running head, a cover's
    kind), a table's cell or in italics already it stays as it is."""
    if not halves or not any(written in text for written in halves):
        return text
    longest_first = sorted(halves, key=len, reverse=True)  # one pass: none rewritten twice
    titles = re.compile("|".join(re.escape(written) for written in longest_first))
    pieces, open_tags = TAG.split(text), list[str]()
    for n, piece in enumerate(pieces):
        if n % 2:  # a tag
            name = piece.strip("</>").split()[0] if piece.strip("</>") else ""
            if piece.startswith("</"):
                if open_tags and open_tags[-1] == name:
                    open_tags.pop()
            elif not piece.endswith("/>") and not piece.startswith(("<?", "<!")):
                open_tags.append(name)
        elif open_tags and open_tags[-1] in ITALIC_IN and "i" not in open_tags:
            pieces[n] = titles.sub(lambda found: halves[found[0]], piece)
    return "".join(pieces)


@dataclass(frozen=True)
class Spoken:
    """One edition's labels by audience, frozen once for all its documents."""

    words: dict[str, Record]  # the labels, with the region's own
    kits: dict[str, Record]  # the documents as templates name them
    halves: dict[str, dict[str, str]]  # bilingual titles, the second half in italics

    def extra(self, audience: str) -> dict[str, Any]:
        """What a document for `audience` is rendered with besides its labels."""
        return {"kit": self.kits[audience], "halves": self.halves[audience]}


def spoken(labels: Labels, edition: Edition, catalog: Catalog) -> Spoken | None:
    """The labels `edition`'s documents are printed with; None if a language's are broken."""
    own = edition.region.label if edition.region else {}
    by_audience = audience_words(labels, edition.languages, catalog, own)
    if by_audience is None:
        return None
    words = {audience: freeze(texts) for audience, texts in by_audience.items()}
    return Spoken(
        words,
        {audience: freeze(kit_documents(catalog, w)) for audience, w in words.items()},
        {
            audience: second_halves(labels, language, catalog.bilingual_labels)
            for audience, language in edition.languages.items()
        },
    )


CONTENT_LANGUAGE = "id"  # the language the plan's texts are written in


def title_warnings(
    labels: Labels, catalog: Catalog, edition: Edition, provenance: Provenance
) -> list[Problem]:
    """The plan (workshop.yaml, in Indonesian) names a participants' paper, "Daftar Hadir",
    that this edition prints under another title ("Attendance List"): the guide would send
    the facilitator looking for a paper no one holds."""
    printed = compose(labels, edition.languages["participant"], catalog.bilingual_labels)
    written = labels.get(CONTENT_LANGUAGE)
    plan = provenance.sources.get("workshop.yaml")
    if printed is None or written is None or plan is None:
        return []
    own = edition.region.label if edition.region else {}
    titles = {
        written[k.label]: own.get(k.label, printed[k.label])
        for k in catalog.documents
        if k.audience == "participant" and k.label in written and k.label in printed
    }
    titles = {old: new for old, new in titles.items() if old not in new}
    found = []
    for old, new in titles.items():
        places = [
            node
            for node in plan.strings()
            if node.origin and re.search(rf"(?<!\w){re.escape(old)}(?!\w)", node.value)
        ]
        if places and (origin := places[0].origin):
            found.append(
                warning(
                    origin.file,
                    origin.line,
                    origin.column,
                    ngettext(
                        "“{old}” (here and in {more} more text) is printed as “{new}” in {region}",
                        "“{old}” (here and in {more} more texts) is printed as “{new}” in {region}",
                        len(places) - 1,
                    ).format(old=old, new=new, more=len(places) - 1, region=edition.slug)
                    if len(places) > 1
                    else _("“{old}” is printed as “{new}” in {region}").format(
                        old=old, new=new, region=edition.slug
                    ),
                    _(
                        "name the paper by its printed title in the region's "
                        "workshop.yaml, or set `bahasa_peserta:` in its region.yaml"
                    ),
                )
            )
    return found
