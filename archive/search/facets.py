"""Filter data for the search page: the choices (facets.json, read on every
search page) and each report's values (docs.json, read only once a filter is
set). A place is a path from the top, joined with "/": 广东省/东莞市 is a
region, 广东省/东莞市/常平镇 a unit. The region filter offers provinces and
cities; a link may filter by any region or unit."""
from __future__ import annotations

from collections.abc import Sequence

from archive.model import LEVELS, unit_sort_key
from archive.search.documents import SearchDocument


OFFERED_REGION_DEPTH = 2


def facet_files(documents: Sequence[SearchDocument]) -> dict[str, dict]:
    years = sorted({d.year for d in documents}, reverse=True)
    levels = [level for level in LEVELS if any(d.level == level for d in documents)]
    places = tree_order({(*d.region, d.unit) for d in documents})
    position = {path: number for number, path in enumerate(places)}
    return {
        "facets.json": {"years": years, "levels": levels, "regions": offered_regions(documents)},
        "docs.json": {
            "year": [d.year for d in documents],
            "level": [levels.index(d.level) for d in documents],
            "place": [position["/".join((*d.region, d.unit))] for d in documents],
            "places": places,
        },
    }


def offered_regions(documents: Sequence[SearchDocument]) -> list[str]:
    return tree_order({
        d.region[:depth] for d in documents for depth in range(1, min(len(d.region), OFFERED_REGION_DEPTH) + 1)
    })


def tree_order(paths: set[tuple[str, ...]]) -> list[str]:
    """Paths ordered as a tree, siblings by pinyin, joined with "/"."""
    return ["/".join(path) for path in sorted(paths, key=unit_sort_key)]
