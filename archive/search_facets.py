"""Filter data for the search page: the choices (facets.json, read on every
search page) and each report's values (docs.json, read only once a filter is
set). A region is its path from the top, joined with "/"."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from archive.model import LEVELS, unit_sort_key

if TYPE_CHECKING:
    from archive.search_index import SearchDocument


def facet_files(documents: Sequence[SearchDocument]) -> dict[str, dict]:
    years = sorted({d.year for d in documents}, reverse=True)
    levels = [level for level in LEVELS if any(d.level == level for d in documents)]
    regions = region_paths(documents)
    position = {path: number for number, path in enumerate(regions)}
    return {
        "facets.json": {"years": years, "levels": levels, "regions": regions},
        "docs.json": {
            "year": [d.year for d in documents],
            "level": [levels.index(d.level) for d in documents],
            "region": [position.get("/".join(d.region), -1) for d in documents],
        },
    }


def region_paths(documents: Sequence[SearchDocument]) -> list[str]:
    """Every region and the regions above it, ordered as a tree by pinyin."""
    prefixes = {d.region[:depth] for d in documents for depth in range(1, len(d.region) + 1)}
    return ["/".join(path) for path in sorted(prefixes, key=unit_sort_key)]
