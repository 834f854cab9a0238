"""Metadata a raw report states about itself: title, unit, year, publishing date and source.

Every finder returns a Finding that says how the value was found, so the importer can tell
the editor what to review: 原文 (stated in the text), 推断 (guessed), 缺失 (missing).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from archive.model import derive_level
from archive.importer.numbering import numbered_line

_HANZI = "\u4e00-\u9fff"
_YEAR = r"(?:19|20)\d{2}"
_SIGNATURE_LINES = 3  # a report signs off in its last lines: unit, then date
_MAX_TITLE_CHARS = 60
_UNIT_SUFFIXES = ("关于", "的", "人民政府", "政府", "办事处")  # 保德县人民政府关于… → 保德县
_PARENT_AND_UNIT = re.compile(
    rf"([{_HANZI}]{{2,4}}?(?:省|自治区|市|区|县|州|盟))([{_HANZI}]{{2,}}(?:街道|乡|镇|苏木|县|区|市|旗))"
)
# A unit named in running text, at a word boundary: after punctuation or a preposition.
_UNIT_MENTION = re.compile(
    rf"(?:(?<![{_HANZI}])|(?<=[从在由对为向与和及将把是于]))([{_HANZI}]{{2,3}}?(?:街道|乡|镇|县|区|市))"
)
_SELF_REFERENCE = re.compile(r"[我本全](街道|乡|镇|县|区|市)")
_ISO_DATE = re.compile(rf"({_YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})")
_ARABIC_DATE = re.compile(rf"({_YEAR})年(\d{{1,2}})月(\d{{1,2}})日")
_CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CHINESE_TENS = re.compile("([一二三四五六七八九]?)十([一二三四五六七八九]?)")
_PAGE_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s:：]+)")
_THE_SITE_ITSELF = frozenset({"本网", "本站", "本网站"})


class How(Enum):
    FOUND = "原文"
    GUESSED = "推断"
    MISSING = "缺失"

    @property
    def english(self) -> str:
        return {"原文": "found in text", "推断": "guessed, review", "缺失": "missing, review"}[self.value]


@dataclass(frozen=True)
class Finding:
    value: Any
    how: How
    detail: str


def found(value: Any, detail: str) -> Finding:
    return Finding(value, How.FOUND, detail)


def guessed(value: Any, detail: str) -> Finding:
    return Finding(value, How.GUESSED, detail)


def missing(detail: str) -> Finding:
    return Finding(None, How.MISSING, detail)


def is_title_line(line: str) -> bool:
    """A report's own title: short, names a 报告, and is not a sentence or a numbered part."""
    return (
        len(line) <= _MAX_TITLE_CHARS
        and "报告" in line
        and not re.search(r"[。；;，,：:！？]", line)
        and numbered_line(line) is None
    )


def unit_name(text: str) -> str | None:
    """The unit a short name stands for: 乳山市城区街道办事处 → 城区街道, 保德县人民政府 → 保德县."""
    name = text.strip().removeprefix("关于")
    for suffix in _UNIT_SUFFIXES:
        name = name.removesuffix(suffix)
    if not re.fullmatch(rf"[{_HANZI}]{{2,20}}", name) or derive_level(name, ()) is None:
        return None
    in_parent = _PARENT_AND_UNIT.fullmatch(name)
    return in_parent.group(2) if in_parent else name


def find_unit(title: str | None, body: list[str]) -> Finding:
    """The reporting unit: from the title, else the signature, else the name the text uses most."""
    in_title = _unit_in_title(title) if title else None
    if in_title:
        return found(in_title, "title line")
    for line in body[-_SIGNATURE_LINES:]:
        signed = unit_name(line)
        if signed:
            return found(signed, "signature")
    mentioned = _most_mentioned_unit(" ".join(body))
    if mentioned:
        return guessed(mentioned, "the unit the text names most often")
    return missing("no unit in the title, signature or text")


def _unit_in_title(title: str) -> str | None:
    parts = re.match(rf"(.*?){_YEAR}\s*年度?(.*?)(?=法治|依法|$)", title)
    if not parts:
        return unit_name(title.split("法治")[0])
    return unit_name(parts.group(1)) or unit_name(parts.group(2))


def _most_mentioned_unit(text: str) -> str | None:
    mentions = _UNIT_MENTION.findall(text)
    own_kind = Counter(_SELF_REFERENCE.findall(text)).most_common(1)
    if own_kind:
        mentions = [m for m in mentions if m.endswith(own_kind[0][0])]
    counts = Counter(mentions)
    best = sorted(counts, key=lambda m: (-counts[m], mentions.index(m)))[:1]
    return best[0] if best and counts[best[0]] >= 2 else None


def find_year(title: str | None, body: list[str]) -> Finding:
    """The year reported on: the title's (关于2020年… is 2020), else the first year the text opens with."""
    in_title = _first_year(title or "")
    if in_title:
        return found(in_title, "title line")
    opening = _first_year(" ".join(body[:3]))
    if opening:
        return guessed(opening, "first year named in the opening lines")
    return missing("no year in the title or opening lines")


def _first_year(text: str) -> int | None:
    year = re.search(rf"({_YEAR})\s*年", text)
    return int(year.group(1)) if year and int(year.group(1)) >= 1949 else None


def find_published(page_info: list[str], body: list[str], year: int | None) -> Finding:
    """The publishing date: the page's 时间/发布日期 line, else the signature date at the end."""
    dated = _page_date(page_info)
    if dated is None:
        signed = _signature_date(body[-_SIGNATURE_LINES:])
        dated = found(signed, "signature date") if signed else missing("no 时间 line or signature date")
    if dated.value and year and dated.value.year < year:
        return missing(f"the text's date {dated.value} is before the reported year {year} ended")
    return dated


def _page_date(page_info: list[str]) -> Finding | None:
    """The only date a 时间/发布日期 line or a bare timestamp line holds is the publishing date."""
    for line in page_info:
        stamp = _ISO_DATE.search(line)
        day = _date(*stamp.groups()) if stamp else None
        if day:
            return found(day, "page's 时间 line")
    return None


def _signature_date(lines: list[str]) -> date | None:
    for line in reversed(lines):
        arabic = _ARABIC_DATE.fullmatch(line)
        chinese = _CHINESE_DATE.fullmatch(line)
        if arabic:
            return _date(*arabic.groups())
        if chinese:
            return _date(*(_chinese_number(part) for part in chinese.groups()))
    return None


def _chinese_number(text: str) -> str:
    """二〇二二 → 2022, 十二 → 12, 二十六 → 26; '' when malformed (十十)."""
    if "十" not in text:
        return text.translate(_CHINESE_DIGITS)
    tens = _CHINESE_TENS.fullmatch(text)
    if not tens:
        return ""
    return f"{tens.group(1).translate(_CHINESE_DIGITS) or 1}{tens.group(2).translate(_CHINESE_DIGITS) or 0}"


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_source(page_info: list[str]) -> Finding:
    """The publishing body from the page's 来源 line; 本网 means the website itself, so it is left out."""
    for line in page_info:
        named = _PAGE_SOURCE.search(line)
        if named and named.group(1) in _THE_SITE_ITSELF:
            return missing(f"来源 says “{named.group(1)}” (the website itself); add the publishing body if known")
        if named:
            return found(named.group(1), "page's 来源 line")
    return missing("no 来源 line")
