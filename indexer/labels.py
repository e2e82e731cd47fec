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
