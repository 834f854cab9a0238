"""Names of reporting bodies: 鲤城区人民政府金龙街道办事处 → unit 金龙街道 under 鲤城区.

A full name is a chain of places, each optionally followed by its government (人民政府, 办事处, 党委),
and may end in a department (司法局): 重庆市长寿区司法局 → places 重庆市, 长寿区 and the unit
长寿区司法局. Places down to counties must be in the administrative-division table, so a phrase
that only ends like a place (依法治区, 在县) is never read as one; township names cannot be checked
and are held to the length real ones have.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archive.importer.gazetteer import is_place

_HANZI = "\u4e00-\u9fff"
_TOWNSHIP_SUFFIXES = ("街道", "民族乡", "乡", "镇", "苏木")
_PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "自治旗", "特区", "地区", "省", "市", "区", "县", "旗", "州", "盟")
_MAX_NAME = {"自治区": 10, "自治州": 10, "自治县": 8, "自治旗": 8, "民族乡": 6}  # characters before the suffix
_MAX_PLAIN_NAME = 4  # a township's name, which the table cannot check
_MAX_LISTED_NAME = 8  # a county or city, checked in the table (达尔罕茂明安联合旗)
_GOVERNMENT = re.compile("(?:人民政府|政府|办事处|党工委|党委|工委|委员会|委)")
_DEPARTMENT = re.compile(
    rf"[{_HANZI}]{{1,10}}?(?:局|厅|委员会|委|办公室|办|中心|院|所|站|队|管委会)"
)
_FUNCTION_WORD = re.compile("[在的和与及对为将把是于了向从]")  # a department's name is a noun phrase
_PARTY = "中共"
_NOT_A_NAME = "我本全该各每此其"  # 我乡, 全镇, 各街道: a reference, not a name
_JOINT = re.compile(r"[\s、和与及]+")


@dataclass(frozen=True)
class Body:
    places: tuple[str, ...]  # top-down, the unit's own place last
    unit: str  # a place (保德县, 金龙街道) or a department named with its place (长寿区司法局)

    @property
    def parents(self) -> tuple[str, ...]:
        """The places above the unit: all of them for a department, the others for a place."""
        return self.places if not self.places or self.unit != self.places[-1] else self.places[:-1]


def body_named(text: str) -> Body | None:
    """The body a whole name stands for; a joint name (中共沅陵县委 沅陵县人民政府) gives its last body."""
    bodies = [_parse(part.removeprefix(_PARTY)) for part in _JOINT.split(text.strip()) if part]
    bodies = [body for body in bodies if body]
    return bodies[-1] if bodies else None


def body_opening(text: str) -> Body | None:
    """The body a phrase opens with: 东城街道深入学习… → 东城街道."""
    head = re.match(rf"[{_HANZI}]{{2,30}}", text.removeprefix(_PARTY))
    if not head:
        return None
    for end in range(len(head.group()), 1, -1):
        body = _parse(head.group()[:end])
        if body:
            return body
    return None


@cache
def _parse(name: str) -> Body | None:
    """Places, each with an optional government word, then optionally a department; all of `name`."""
    starts = _leading_places(name)
    for place, rest in starts:
        body = _after_place(place, rest)
        if body:
            return body
    for place, rest in starts:
        if is_place(place) and _DEPARTMENT.fullmatch(rest) and not _FUNCTION_WORD.search(rest):
            return Body((place,), place + rest)
    return None


def _after_place(place: str, rest: str) -> Body | None:
    """The body when `place` is followed by nothing, its government, or places below it."""
    if not rest:
        return Body((place,), place)
    government = _GOVERNMENT.match(rest)
    if government and government.end() == len(rest):
        return Body((place,), place)
    for remainder in ([rest[government.end():]] if government else []) + [rest]:
        below = _parse(remainder) if remainder else None
        if below:
            return Body((place, *below.places), below.unit)
    return None


def _leading_places(name: str):
    """(place, rest) for each way `name` can start with a place, checked places first."""
    candidates = []
    for end in range(2, len(name) + 1):
        head = name[:end]
        suffix = next((s for s in _TOWNSHIP_SUFFIXES + _PLACE_SUFFIXES if head.endswith(s)), None)
        if suffix is None or len(head) <= len(suffix):
            continue
        stem = len(head) - len(suffix)
        township = suffix in _TOWNSHIP_SUFFIXES
        if stem > _MAX_NAME.get(suffix, _MAX_PLAIN_NAME if township else _MAX_LISTED_NAME):
            continue
        if township and (stem < 2 or head[0] in _NOT_A_NAME):
            continue
        if township or is_place(head):
            candidates.append((not township and is_place(head), head, name[end:]))
    candidates.sort(key=lambda c: (not c[0], len(c[1])))
    return [(head, rest) for _, head, rest in candidates]
