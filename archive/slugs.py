"""Readable ASCII names for Chinese text: 保德县 → baodexian."""
from __future__ import annotations

import re

from pypinyin import lazy_pinyin

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Pinyin without tones, lowercase, only [a-z0-9]; '' if nothing is left."""
    return _NOT_SLUG.sub("", "".join(lazy_pinyin(text)).lower())
