"""When: the year a report is about and the date it was published.

The year reported on is the title's (关于2020年… is 2020), else the year its opening sentence names
(not a plan's span nor a document's name), else guessed from the publishing date. The published date
is the page's 发布时间/日期 metadata, else a date under the title, a saved page's PubDate, or the
signature date; a date widget never counts (chrome.py removes it before anything is read).
"""
from __future__ import annotations

import re
from datetime import date

from archive.importer.fields import DATE, match_key
from archive.importer.findings import (
    SIGNATURE_LINES, Finding, How, PageMeta, before_first_paragraph, found, guessed, missing, page_fields,
)
from archive.importer.page import Page, is_paragraph

_YEAR = r"(?:19|20)\d{2}"
# Years that are not the reported one: in a document's name, or a plan's span (2021-2025年).
_NOT_THE_YEAR = re.compile(rf"《[^》]*》|{_YEAR}\s*年?\s*[-—–~至到]\s*{_YEAR}")
_ARABIC_DATE = re.compile(rf"({_YEAR})年(\d{{1,2}})月(\d{{1,2}})日")
_CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CHINESE_TENS = re.compile("([一二三四五六七八九]?)十([一二三四五六七八九]?)")
_CHINESE_YEAR = re.compile("([〇零○一二三四五六七八九]{4})(?=年)")
_DATE_ROLES = ("published", "date", "written", "updated")


def find_year(title: Finding, page: Page, published: date | None) -> Finding:
    """The year reported on: the title's (关于2020年… is 2020), else the year the text opens with."""
    in_title = _first_year(title.value or "")
    if in_title:
        return Finding(in_title, title.how, "title" if title.how is How.FOUND else "composed title")
    opening = _first_year(" ".join([line for line in page.lines if is_paragraph(line)][:2]), dates=False)
    if opening:
        return guessed(opening, "开头几段中最先出现的年份 (first year named in the opening paragraphs)")
    if published:
        year = published.year - 1 if published.month <= 6 else published.year
        return guessed(year, f"正文没有年份：报告一般在次年上半年发布（发布于 {published}）(no year in the text)")
    return missing("标题和开头几行都没有年份 (no year in the title or opening lines)")


def arabic_years(text: str) -> str:
    """二〇二三年 → 2023年."""
    return _CHINESE_YEAR.sub(lambda m: _chinese_number(m.group(1).replace("○", "〇")), text)


def _first_year(text: str, *, dates: bool = True) -> int | None:
    """The first year named (2020年); with dates=False not one of a full date (2024年1月15日)."""
    not_a_date = "" if dates else r"(?!\s*\d{1,2}\s*月)"
    year = re.search(rf"(?<!\d)({_YEAR})\s*年{not_a_date}", _NOT_THE_YEAR.sub("", arabic_years(match_key(text))))
    return int(year.group(1)) if year and int(year.group(1)) >= 1949 else None


def find_published(page: Page, meta: PageMeta, year: int | None) -> Finding:
    """The publishing date: the page's 发布时间/日期 metadata, else <meta>, else the signature date."""
    dated = _page_date(page)
    if dated is None and meta.published:
        dated = found(meta.published, "网页的 PubDate <meta>")
    under_title = _signature_date(before_first_paragraph(page.lines))
    if dated is None and under_title:
        dated = found(under_title, "标题下的日期 (date under the title)")
    if dated is None:
        signed = _signature_date(page.lines[-SIGNATURE_LINES:])
        dated = found(signed, "落款日期 (signature date)") if signed else missing("没有发布时间/日期行，也没有落款日期 (no date line or signature date)")
    if dated.value and year and dated.value.year < year:
        return missing(f"文中日期 {dated.value} 早于报告年度 {year} 结束 (before the reported year ended)")
    return dated


def _page_date(page: Page) -> Finding | None:
    for field in page_fields(page, *_DATE_ROLES):
        stamp = DATE.search(field.value)
        day = _date(*stamp.groups()) if stamp else None
        if day:
            return found(day, f"网页的{field.label or '日期'}行")
    return None


def _signature_date(lines: tuple[str, ...]) -> date | None:
    for line in reversed(lines):
        key = match_key(line).strip("()")
        arabic = _ARABIC_DATE.fullmatch(key) or (DATE.fullmatch(key) if "-" in key or "." in key else None)
        chinese = _CHINESE_DATE.fullmatch(key)
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
