"""Listing rows rendered once: a report's row in a list or a status table, a unit's line.

The same row shows on many pages (a report's status row on its year page, on every region above
it and on its unit's page; a unit's line on the units page and every region above it), and a
Jinja macro call costs far more than the dictionary look-up that replaces it. A row macro given to
`once` must depend on its arguments and the site alone (never on the page being rendered).

A row is keyed by what it is made of (a report's file and listed fields; a unit's key, home and reports),
so the rows of one build serve the next one with the same templates and config: after one report
is edited, the pages listing the whole archive are joined from stored rows and render only its own.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from markupsafe import Markup

from archive.model import Report
from archive.site.grouping import Archive, Unit

Row = tuple[Hashable, ...]  # (macro name, its arguments' identities…, the item's identity)


class RowCache:
    """`once(macro, items, *args)`: each item's row, `macro(item, *args)`, rendered the first time
    only. `known`: rows from an earlier build with the same templates and config."""

    def __init__(self, known: Mapping[Row, str] | None = None) -> None:
        self.rows: dict[Row, str] = dict(known or {})
        self.fresh: dict[Row, str] = {}  # rendered since take_fresh() was last asked
        self.units: dict[int, tuple[Unit, Hashable]] = {}  # id → (unit, its identity): the unit kept alive keeps its id

    def __call__(self, macro: Callable[..., Markup], items: Iterable[Any], *args: Any) -> Markup:
        """The rows of `items`, each `macro(item, *args)`, one after the other."""
        variant = (macro.name, *map(identity, args))
        rows = self.rows
        output = []
        for item in items:
            key = (*variant, self._identity(item))
            row = rows.get(key)
            if row is None:
                row = rows[key] = self.fresh[key] = str(macro(item, *args))
            output.append(row)
        return Markup("".join(output))

    def _identity(self, item: Any) -> Hashable:
        """A unit's identity names all its reports, and its line shows on many pages: made once per unit."""
        if type(item) is not Unit:
            return identity(item)
        known = self.units.get(id(item))
        if known is None:
            known = self.units[id(item)] = (item, identity(item))
        return known[1]

    def take_fresh(self) -> dict[Row, str]:
        """The rows rendered here since the last call: a worker process sends them to the build."""
        fresh, self.fresh = self.fresh, {}
        return fresh

    def add(self, rows: Mapping[Row, str]) -> None:
        self.rows.update(rows)

    def still_shown(self, archive: Archive) -> dict[Row, str]:
        """The rows whose report or unit is still in the archive as it is now: what is worth keeping."""
        live = {identity(report) for report in archive.reports} | {identity(unit) for unit in archive.units}
        return {key: row for key, row in self.rows.items() if key[-1] in live}


def by_shard(rows: Mapping[Row, str], shards: int) -> list[dict[Row, str]]:
    """The rows in `shards` parts by their item, the same part in every build: the build cache
    keeps each part in a file, so that after one edit only the parts holding its rows are rewritten."""
    parts: list[dict[Row, str]] = [{} for _ in range(shards)]
    shard_of: dict[Hashable, int] = {}  # an item has a row in several lists
    for key, row in rows.items():
        shard = shard_of.get(key[-1])
        if shard is None:
            shard = shard_of[key[-1]] = zlib.crc32(repr(key[-1]).encode("utf-8", "surrogatepass")) % shards
        parts[shard][key] = row
    return parts


def identity(value: Any) -> Hashable:
    """What a row is made of: a report's file and what listings show of it (Report.keyed); a unit's
    key, the region it is listed in and its reports; a flag, number or text as it is."""
    kind = type(value)
    if kind is Report:
        return (value.source_path, value.listing_digest)
    if kind is Unit:
        return (value.key, value.home, *(identity(report) for report in value.reports))
    if kind in (bool, int, str):
        return value
    raise TypeError(f"a listing row cannot be keyed by a {kind.__name__}")
