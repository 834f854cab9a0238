"""Readable ASCII names for Chinese text: 保德县 → baodexian.

Places in URLs (regions and units) must never share a URL, and a URL must not change when other
reports are added later, so a place's name in a URL depends only on its own name, its parent's
name and the pinned administrative-division table (archive/divisions.py), never on what else the
archive holds:

1. An official romanization where one exists: 陕西省 → shaanxisheng (GB/T 17693's Shaanxi).
2. Otherwise toneless pinyin: 保德县 → baodexian.
3. A place in the table whose toneless pinyin a sibling in the table shares (same parent) gets
   tone-numbered pinyin. Siblings only: 朝阳区 (北京市) and 潮阳区 (汕头市) both stay chaoyangqu.
4. Where tone numbers are not enough either (true homophones under one parent, 蠡县/礼县), or the
   place is not in the table at all (townships, streets, departments, which no table lists and
   whose homophone siblings may appear any day), a four-character suffix computed from the
   Chinese name follows: 常平镇 → changpingzhen-xxxx.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from archive.divisions import children_by_parent

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
OFFICIAL_ROMANIZATIONS = {"陕西省": "shaanxisheng", "陕西": "shaanxi"}
SUFFIX_LENGTH = 4


# Slugs made before, by this code with these packages: the build keeps them in its cache, so that
# a rebuild needs neither pypinyin's dictionary (most of a second to load) nor its time.
_known: dict[str, dict] = {"slugify": {}, "place_slug": {}}


def remembered() -> dict[str, dict]:
    return _known


def remember(known: dict[str, dict]) -> None:
    for kind, slugs in known.items():
        _known[kind].update(slugs)


def slugify(text: str) -> str:
    """Pinyin without tones, lowercase, only [a-z0-9]; '' if nothing is left."""
    slug = _known["slugify"].get(text)
    if slug is None:
        slug = _known["slugify"][text] = _NOT_SLUG.sub("", "".join(_pypinyin().lazy_pinyin(text)).lower())
    return slug


def tone_slug(text: str) -> str:
    """Pinyin with tone numbers (neutral tone 5): 陕西 → shan3xi1."""
    pypinyin = _pypinyin()
    return _NOT_SLUG.sub("", "".join(pypinyin.lazy_pinyin(text, style=pypinyin.Style.TONE3, neutral_tone_with_five=True)).lower())


@cache
def _pypinyin():
    import pypinyin

    return pypinyin


def name_suffix(text: str) -> str:
    """Four stable characters from the Chinese name itself: homophones get different ones."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return base64.b32encode(digest).decode("ascii")[:SUFFIX_LENGTH].lower()


def place_slug(parent: str | None, name: str) -> str:
    """The URL name of a place (region or unit) under `parent` (None at the top)."""
    slug = _known["place_slug"].get((parent, name))
    if slug is None:
        slug = _known["place_slug"][(parent, name)] = _new_place_slug(parent, name)
    return slug


def _new_place_slug(parent: str | None, name: str) -> str:
    siblings = children_by_parent().get(parent, frozenset())
    if name not in siblings:
        return f"{_plain_slug(name) or 'x'}-{name_suffix(name)}"
    slug = _plain_slug(name)
    others = siblings - {name}
    if slug and all(_plain_slug(other) != slug for other in others):
        return slug
    slug = tone_slug(name)
    if slug and all(tone_slug(other) != slug for other in others):
        return slug
    return f"{slug or 'x'}-{name_suffix(name)}"


def _plain_slug(name: str) -> str:
    return OFFICIAL_ROMANIZATIONS.get(name) or slugify(name)


def place_slugs(path: tuple[str, ...]) -> list[str]:
    """The URL name of every place of a path from the top: (山东省, 威海市, 乳山市) → [...]."""
    return [place_slug(path[depth - 1] if depth else None, name) for depth, name in enumerate(path)]
