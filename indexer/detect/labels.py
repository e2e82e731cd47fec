"""Display labels for facet values: names for CBS codes and organisation keys, Dutch type labels."""
from __future__ import annotations

from indexer.detect.reference import municipality_name, organisation_name
from indexer.detect.taxonomy import type_label

LANGUAGE_LABELS = {"nl": "Nederlands", "fy": "Fries", "en": "Engels", "de": "Duits", "fr": "Frans"}


def facet_label(facet: str, value: str) -> str:
    if facet == "municipality":
        return municipality_name(value) or value
    if facet == "organisation":
        return organisation_name(value) or value
    if facet == "type":
        return type_label(value)
    if facet == "language":
        return LANGUAGE_LABELS.get(value, value)
    return str(value)


def known_values(facet: str, present: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The values a type or language filter can match: the taxonomy's keys, the languages with a label,
    and whatever the index holds (langdetect knows more languages than we label)."""
    if facet == "type":
        from indexer.detect.taxonomy import DOC_TYPES

        base = list(DOC_TYPES)
    elif facet == "language":
        base = list(LANGUAGE_LABELS)
    else:
        raise ValueError(f"no fixed list of values for facet {facet!r}")
    return list(dict.fromkeys([*base, *present]))


def unknown_filter_values(filters: dict[str, tuple[str, ...]], present: dict[str, list[str]] | None = None
                          ) -> dict[str, dict]:
    """{facet: {"values": [unknown ones], "known": [(value, label), ...]}} for the type and language
    filters: a typo there silently finds nothing, so the caller tells the user."""
    found = {}
    for facet in ("type", "language"):
        known = known_values(facet, (present or {}).get(facet, []))
        unknown = [value for value in filters.get(facet, ()) if value not in known]
        if unknown:
            found[facet] = {"values": unknown, "known": [(value, facet_label(facet, value)) for value in known]}
    return found
