"""Filter data for the search page: the choices (in the manifest, read on every
search page) and each partition's reports' values (read only once a filter
is set). A place is a path from the top, joined with "/": 广东省/东莞市 is a
region, 广东省/东莞市/常平镇 a unit. The region filter offers provinces and
cities; a link may filter by any region or unit."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archive.model import LEVELS, unit_sort_key
from archive.search.documents import SearchDocument

OFFERED_REGION_DEPTH = 2


@dataclass(frozen=True)
class Facet:
    """What one report contributes to the filter choices."""

    year: int
    level: str
    regions: tuple[tuple[str, ...], ...]  # the offered regions it lies in

    @staticmethod
    def of(year: int, level: str, region: tuple[str, ...]) -> Facet:
        depth = min(len(region), OFFERED_REGION_DEPTH)
        return Facet(year, level, tuple(region[:n] for n in range(1, depth + 1)))


def facet_values(documents: Iterable[SearchDocument]) -> set[tuple[int, str, tuple[str, ...]]]:
    """Each report's (year, level, region as deep as offered), as plain tuples: a set of them is
    made at C speed, and an archive has few distinct ones."""
    return {(d.year, d.level, d.region[:OFFERED_REGION_DEPTH]) for d in documents}


def facet_choices(values: Iterable[tuple[int, str, tuple[str, ...]]]) -> dict:
    facets = {Facet.of(*value) for value in values}
    return {
        "years": sorted({f.year for f in facets}, reverse=True),
        "levels": [level for level in LEVELS if any(f.level == level for f in facets)],
        "regions": tree_order({region for f in facets for region in f.regions}),
    }


def partition_filters(documents: Sequence[SearchDocument]) -> dict:
    """Each report's year, level and place, in the partition's order."""
    return {"year": [d.year for d in documents], "level": [d.level for d in documents],
            "place": [d.place for d in documents]}


def tree_order(paths: set[tuple[str, ...]]) -> list[str]:
    """Paths ordered as a tree, siblings by pinyin, joined with "/"."""
    return ["/".join(path) for path in sorted(paths, key=unit_sort_key)]
