"""China's administrative divisions (行政区划), to complete a region the text names only in part.

The data is the adcode table shipped in the `cpca` package (pinned in requirements.txt). It is read
as a file: importing cpca would import pandas, which the importer does not need.
"""
from __future__ import annotations

import csv
import importlib.util
from functools import cache
from pathlib import Path


def _adcode_table() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is missing: run setup.sh (pip install -r requirements.txt)")
    return Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"


_COUNTY_SUFFIXES = "县市区"
# Rows that group places without being one (重庆市 市辖区, 海南省 省直辖县级行政区划).
_PLACEHOLDERS = ("市辖区", "县")


@cache
def _names_by_code() -> dict[str, str]:
    with _adcode_table().open(encoding="utf-8", newline="") as table:
        return {
            row["adcode"][:6]: row["name"]
            for row in csv.DictReader(table)
            if row["name"] not in _PLACEHOLDERS and "直辖" not in row["name"]
        }


@cache
def _codes_by_name() -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for code, name in sorted(_names_by_code().items()):
        codes.setdefault(name, []).append(code)
    return codes


def parents_of(place: str) -> tuple[str, ...] | None:
    """The province and prefecture above a place, top-down: 乳山市 → (山东省, 威海市).

    None when the name is unknown or names more than one place with different parents (城区)."""
    candidates = {_parents(code) for code in _codes_by_name().get(_listed_name(place), [])}
    return candidates.pop() if len(candidates) == 1 else None


def _parents(code: str) -> tuple[str, ...]:
    names = _names_by_code()
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
