"""The labels each document is printed with: participants' papers in the participants'
language, the facilitators' in theirs (region.yaml `bahasa_peserta`,
`bahasa_fasilitator`; catalog.yaml: each document's `audience`), and a language may be
two ("id+en"), its titles and headings then printed in both: "Persiapan / Preparation".

A facilitators' document names a participants' paper by the title printed on it: the
participants' language's, whatever the facilitators' is.
"""

from __future__ import annotations

from collections.abc import Mapping

from modul.layout.catalog import Catalog

Labels = Mapping[str, dict[str, str] | None]  # by labels file: its texts, None if broken
BILINGUAL = " / "  # between a title and its second language's


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
