"""Place names: which a report's text states, and the region (top-down) they add up to."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from archive.importer.gazetteer import parents_of

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
_PROVINCE = re.compile("|".join(PROVINCES))
_LOCAL_SUFFIX = "(?:市|区|县|州|盟)"
# A local place is trusted only where the text can mean nothing else: a site bar or
# breadcrumb, directly in front of the unit at a word boundary (《东莞市常平镇…,
# 乳山市城区街道办事处), or opening a document title (《忻州市重大行政决策办法》) — there only
# two-character names, as a longer one cannot be told from the words after it.
_TITLED_PLACE = re.compile(rf"《([\u4e00-\u9fff]{{2}}{_LOCAL_SUFFIX})")
_NAV_PLACE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:省|自治区|市|区|县|州|盟|旗)")
_TOKEN_SEPARATORS = re.compile(r"[\s>＞»›/·]+")


@dataclass(frozen=True)
class Region:
    places: tuple[str, ...]
    guessed: tuple[str, ...]  # parents taken from the gazetteer, not from the text


def find_region(unit: str | None, parents: tuple[str, ...], text: str, navigation: list[str]) -> Region:
    """The region a report's text states, top-down. `parents` are the places the unit's full name
    puts above it (重庆市长寿区司法局 → 重庆市, 长寿区); `navigation` is its site bars and breadcrumbs."""
    stated_nav = [p for line in navigation for p in _places_in_navigation(line) if p != unit]
    provinces = _pick_province(stated_nav, [p for p in _PROVINCE.findall(text) if p != unit])
    if parents and parents[0] in PROVINCES:
        provinces = list(parents[:1])
    parent = [p for p in parents if p not in PROVINCES] or _immediate_parent(unit, text)
    locals_ = [p for p in stated_nav + _TITLED_PLACE.findall(text) if p not in PROVINCES]
    locals_ = [p for p in _unique(locals_ + parent) if p != unit and p not in parent] + parent
    return _complete(tuple(provinces + locals_), unit)


def _places_in_navigation(line: str) -> list[str]:
    tokens = (token.removesuffix("政府").removesuffix("人民") for token in _TOKEN_SEPARATORS.split(line))
    return [token for token in tokens if _NAV_PLACE.fullmatch(token)]


def _pick_province(stated_nav: list[str], in_text: list[str]) -> list[str]:
    in_nav = [place for place in stated_nav if place in PROVINCES]
    if in_nav:
        return in_nav[:1]
    counts = Counter(in_text)
    return sorted(counts, key=lambda p: (-counts[p], in_text.index(p)))[:1]


def _immediate_parent(unit: str | None, text: str) -> list[str]:
    if not unit:
        return []
    found = re.search(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2,4}}?{_LOCAL_SUFFIX}){re.escape(unit)}", text)
    return [found.group(1)] if found and found.group(1) not in PROVINCES else []


def _complete(places: tuple[str, ...], unit: str | None) -> Region:
    """Put the nearest stated place under its province and prefecture. The gazetteer wins over
    other places the text mentions: a report may quote another city's rules."""
    nearest = places[-1] if places else unit
    ancestors = parents_of(nearest) if nearest else None
    if ancestors is None:
        return Region(places, ())
    return Region(ancestors + places[-1:], tuple(p for p in ancestors if p not in places))


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
