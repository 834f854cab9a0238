"""Listing rows rendered once per build: a report's row in a list or a status table, a unit's line.

The same row shows on many pages (a report's status row on its year page, on every region above
it and on its unit's page; a unit's line on the units page and every region above it), and a
Jinja macro call costs far more than the dictionary look-up that replaces it. A row macro given to
`once` must depend on its arguments and the site alone (never on the page being rendered).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from markupsafe import Markup

from archive.model import Report
from archive.site.grouping import Unit


class RowCache:
    """`once(macro, items, *args)`: each item's row, `macro(item, *args)`, rendered the first time only.
    One per template environment, which lives for one build."""

    def __init__(self) -> None:
        self.rows: dict[tuple[Hashable, ...], Markup] = {}

    def __call__(self, macro: Callable[..., Markup], items: Iterable[Any], *args: Any) -> Markup:
        """The rows of `items`, each `macro(item, *args)`, one after the other."""
        variant = (macro.name, *map(_identity, args))
        rows = self.rows
        output = []
        for item in items:
            key = (*variant, _identity(item))
            row = rows.get(key)
            if row is None:
                row = rows[key] = macro(item, *args)
            output.append(row)
        return Markup("".join(output))


def _identity(value: Any) -> Hashable:
    """What tells one argument from another within a build: a report by its file, a unit by its key."""
    kind = type(value)
    if kind is Report:
        return value.source_path
    if kind is Unit:
        return value.key
    if kind in (bool, int, str):
        return value
    raise TypeError(f"a listing row cannot be keyed by a {kind.__name__}")
