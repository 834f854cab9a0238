"""China's administrative divisions (行政区划), to complete a region the text names only in part.

The data is the adcode table shipped in the `cpca` package (archive/divisions.py).
"""
from __future__ import annotations

from functools import cache

from archive.divisions import names_by_code

_COUNTY_SUFFIXES = "县市区"


@cache
def _codes_by_name() -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for code, name in sorted(names_by_code().items()):
        codes.setdefault(name, []).append(code)
    return codes


def parents_of(place: str) -> tuple[str, ...] | None:
    """The province and prefecture above a place, top-down: 乳山市 → (山东省, 威海市).

    None when the name is unknown or names more than one place with different parents (城区)."""
    candidates = {_parents(code) for code in _codes_by_name().get(_listed_name(place), [])}
    return candidates.pop() if len(candidates) == 1 else None


def _parents(code: str) -> tuple[str, ...]:
    names = names_by_code()
    levels = (code[:2] + "0000", code[:4] + "00")
    return tuple(dict.fromkeys(names[c] for c in levels if c != code and c in names))


def is_place(name: str) -> bool:
    """Whether the table knows a province, prefecture or county of this name."""
    return _listed_name(name) in _codes_by_name()


def _listed_name(name: str) -> str:
    """The name the table lists a place under: counties that became cities or districts since the
    table was made (宁乡县 → 宁乡市, 2017) are listed under their former suffix."""
    codes = _codes_by_name()
    if name in codes or len(name) < 3 or name[-1] not in _COUNTY_SUFFIXES:
        return name
    renamed = [name[:-1] + suffix for suffix in _COUNTY_SUFFIXES if name[:-1] + suffix in codes]
    return renamed[0] if len(renamed) == 1 else name
