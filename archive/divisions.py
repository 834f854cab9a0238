"""China's administrative-division table (行政区划: provinces, cities, counties), as pairs of
(parent name, name). The table is the adcode list shipped in the pinned `cpca` package; it is read
as a file, since importing cpca would import pandas."""
from __future__ import annotations

import csv
import importlib.util
from collections.abc import Mapping
from functools import cache
from pathlib import Path

# Rows that group places without being one (重庆市 市辖区, 湖北省 省直辖县级行政区划).
_PLACEHOLDERS = ("市辖区", "县")


def adcode_table() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("缺少 cpca 包 (the cpca package is missing)：请运行 setup.sh（pip install -r requirements.txt）")
    return Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"


def is_placeholder(name: str) -> bool:
    return name in _PLACEHOLDERS or "直辖" in name


@cache
def names_by_code() -> Mapping[str, str]:
    """6-digit adcode → name, without placeholder rows."""
    with adcode_table().open(encoding="utf-8", newline="") as table:
        return {row["adcode"][:6]: row["name"] for row in csv.DictReader(table) if not is_placeholder(row["name"])}


@cache
def children_by_parent() -> Mapping[str | None, frozenset[str]]:
    """Parent name (None for the country) → the names of the places directly under it."""
    names = names_by_code()
    children: dict[str | None, set[str]] = {}
    for code, name in names.items():
        children.setdefault(_parent_name(code, names), set()).add(name)
    return {parent: frozenset(names) for parent, names in children.items()}


def _parent_name(code: str, names: Mapping[str, str]) -> str | None:
    for ancestor in (code[:4] + "00", code[:2] + "0000"):
        if ancestor != code and ancestor in names:
            return names[ancestor]
    return None
