"""Facet counts as every engine returns them: labelled, selected values kept even at 0, years newest
first and other facets by count."""
from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["facet_listing"]


def facet_listing(facet: str, counts: Mapping[str, int], selected: tuple[str, ...],
                  label: Callable[[str, str], str]) -> list[dict]:
    """counts: value -> documents among the matches (with the other facets' filters applied), for
    every value the index holds; a selected value the index does not hold is left out."""
    kept = [(value, count) for value, count in counts.items() if count or value in selected]
    if facet == "year":
        kept.sort(key=lambda vc: vc[0], reverse=True)
    else:
        kept.sort(key=lambda vc: (-vc[1], vc[0]))
    return [{"value": value, "label": label(facet, value), "count": count, "selected": value in selected}
            for value, count in kept]
