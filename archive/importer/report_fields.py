"""Metadata a raw report states about itself: title, unit, year, publishing date and source.

Every finder returns a Finding that says how the value was found, so the importer can tell
the editor what to review: 原文 (stated in the text), 推断 (guessed), 缺失 (missing). Evidence is
weighed in a fixed order: the title line, the page's metadata (标题, 发布机构, 来源, 发布时间…),
the signature, the opening sentence, then what the text says most.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from archive.importer.fields import DATE, Field, match_key
from archive.importer.page import Page, is_paragraph, title_score
from archive.importer.units import Body, body_named, body_opening

_HANZI = "\u4e00-\u9fff"
_YEAR = r"(?:19|20)\d{2}"
_SIGNATURE_LINES = 3  # a report signs off in its last lines: unit, then date
_MAX_SIGNATURE_CHARS = 40
# A unit named in running text, at a word boundary: after punctuation or a preposition.
_UNIT_MENTION = re.compile(
    rf"(?:(?<![{_HANZI}])|(?<=[从在由对为向与和及将把是于]))([{_HANZI}]{{2,3}}?(?:街道|乡|镇|县|区|市))"
)
_SELF_REFERENCE = re.compile(r"[我本全](街道|乡|镇|县|区|市|局|委|办|院)")
_DEPARTMENT_SELF = ("局", "委", "办", "院")  # 我局: the unit is a department, not a place the text names
_TITLE_UNIT_END = re.compile(rf"关于|{_YEAR}\s*年|法治|依法")
# What may stand before the subject of an opening clause: a time, or 现将 (现将XX县…情况报告如下).
_OPENING_TIME = re.compile(rf"^(?:{_YEAR}\s*年度?|{_YEAR}|一年来|今年|近年|年内|过去一年|现将|特将|现就)(?:以来|来)?")
# Years that are not the reported one: in a document's name, or a plan's span (2021-2025年).
_NOT_THE_YEAR = re.compile(rf"《[^》]*》|{_YEAR}\s*年?\s*[-—–~至到]\s*{_YEAR}")
_ARABIC_DATE = re.compile(rf"({_YEAR})年(\d{{1,2}})月(\d{{1,2}})日")
_CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CHINESE_TENS = re.compile("([一二三四五六七八九]?)十([一二三四五六七八九]?)")
_THE_SITE_ITSELF = frozenset({"本网", "本站", "本网站", "原创"})
_ORGAN_NAME = re.compile(f"[{_HANZI}]{{2,}}(?:局|委|办|办公室|政府|院|中心|厅|街道|乡|镇|所|站|队)$")  # not a person
# A body the title names that the division table cannot check: a department, a development zone.
_DEPARTMENT_NAME = re.compile(f"[{_HANZI}]{{1,14}}(?:局|委员会|办公室|厅|中心|法院|检察院|管委会|开发区|高新区|新区|园区|示范区|管理区)")
_CHINESE_YEAR = re.compile("([〇零○一二三四五六七八九]{4})(?=年)")
_DATE_ROLES = ("published", "date", "written", "updated")
_SOURCE_ROLES = ("source", "publisher", "issuer")


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


@dataclass(frozen=True)
class PageMeta:
    """What a saved web page's <meta> tags state (ArticleTitle, PubDate, ContentSource, SiteName…)."""
    title: str | None = None
    published: date | None = None
    source: str | None = None
    site: str | None = None
    column: str | None = None


def found(value: Any, detail: str) -> Finding:
    return Finding(value, How.FOUND, detail)


def guessed(value: Any, detail: str) -> Finding:
    return Finding(value, How.GUESSED, detail)


def missing(detail: str) -> Finding:
    return Finding(None, How.MISSING, detail)


def page_fields(page: Page, *roles: str) -> list[Field]:
    """The page's metadata of these roles, in the order of the roles, values present."""
    return [field for role in roles for field in page.fields if field.role == role and field.value]


def find_title(page: Page, meta: PageMeta) -> Finding:
    if page.title:
        return found(page.title, "title line")
    for field in page_fields(page, "title"):
        if title_score(field.value):
            return found(field.value, f"page's {field.label} field")
    if meta.title and title_score(meta.title):
        return found(meta.title, "saved page's ArticleTitle <meta> or <title>")
    return missing("no title line")


def find_unit(title: str | None, page: Page, meta: PageMeta) -> tuple[Finding, Body | None]:
    """The reporting unit, and the full name it was read from (for its region)."""
    evidence = [(how, detail, body) for how, detail, body in _unit_evidence(title, page, meta) if body]
    if evidence:
        how, detail, body = evidence[0]
        # Another statement may name the same unit in full: 武康街道 (title), 德清县武康街道办事处 (发布机构).
        fullest = max((other for _, _, other in evidence if other.unit == body.unit), key=lambda b: len(b.places))
        return Finding(body.unit, how, detail), _under_addressee(fullest, page)
    mentioned = _most_mentioned_unit(" ".join(page.lines))
    if mentioned:
        return guessed(mentioned.unit, "the unit the text names most often"), mentioned
    return missing("no unit in the title, metadata, signature or opening sentence"), None


def _under_addressee(body: Body, page: Page) -> Body:
    """A report is addressed to the level above (中共东莞市委、东莞市人民政府：for 东城街道): when
    nothing else names the unit's parents, the addressee's place is its parent."""
    salutation = next((line for line in _before_first_paragraph(page.lines) if match_key(line).endswith(":")), None)
    addressee = body_named(match_key(salutation)[:-1]) if salutation and body.places == (body.unit,) else None
    if addressee is None or addressee.unit == body.unit or addressee.unit != addressee.places[-1]:
        return body
    return Body(addressee.places + body.places, body.unit)


def _unit_evidence(title: str | None, page: Page, meta: PageMeta):
    """(how, where, body) from each kind of evidence, strongest first; computed lazily."""
    yield How.FOUND, "title line", _unit_in_title(title) if title else None
    for field in page_fields(page, "title"):
        yield How.FOUND, f"page's {field.label} field", _unit_in_title(field.value)
    for line in reversed(page.lines[-_SIGNATURE_LINES:]):
        yield How.FOUND, "signature", _signed(line)
    yield How.GUESSED, "subject of the opening sentence", _opening_subject(page.lines)
    for field in page_fields(page, "publisher", "issuer", "source"):
        yield How.GUESSED, f"page's {field.label} field", body_named(field.value.split(" ")[0])
    if meta.site:
        yield How.GUESSED, "page's SiteName <meta>", body_named(re.sub("门户网站|网站|网$", "", meta.site))


def _unit_in_title(title: str) -> Body | None:
    """鲤城区人民政府金龙街道办事处关于2022年度… → 金龙街道; 2022年绿塘乡法治… → 绿塘乡;
    市生态环境局2023年度… → 市生态环境局 (a department the title names without its place)."""
    key = _chinese_years(match_key(title)).removeprefix("关于")
    end = _TITLE_UNIT_END.search(key)
    lead = (key[: end.start()] if end else key).strip()
    in_lead = (body_named(lead) or body_opening(lead) or _department(lead)) if lead else None
    if in_lead or not end:
        return in_lead
    after_year = re.match(rf"{_YEAR}\s*年度?\s*(.*)", key[end.start():])
    return body_opening(after_year.group(1)) if after_year else None


def _department(name: str) -> Body | None:
    name = name.removeprefix("中共").strip()
    return Body((), name) if _DEPARTMENT_NAME.fullmatch(name) else None


def _signed(line: str) -> Body | None:
    key = match_key(line)
    if len(key) > _MAX_SIGNATURE_CHARS or re.search(r"[。,;:!?]", key):
        return None
    return body_named(key)


def _opening_subject(lines: tuple[str, ...]) -> Body | None:
    """The body the first sentence is about: 2021年度,在市委…领导下,东城街道深入… → 东城街道."""
    opening = next((line for line in lines if is_paragraph(line)), "")
    sentence = match_key(opening).split("。")[0]
    for clause in re.split(r"[,:;]", sentence):
        clause = _OPENING_TIME.sub("", clause.strip()).strip()
        body = body_opening(clause) if clause else None
        if body:
            return body
    return None


def _most_mentioned_unit(text: str) -> Body | None:
    mentions = [m for m in _UNIT_MENTION.findall(text) if body_named(m)]
    own_kind = Counter(_SELF_REFERENCE.findall(text)).most_common(1)
    if own_kind and own_kind[0][0] in _DEPARTMENT_SELF:
        return None
    if own_kind:
        mentions = [m for m in mentions if m.endswith(own_kind[0][0])]
    counts = Counter(mentions)
    best = sorted(counts, key=lambda m: (-counts[m], mentions.index(m)))[:1]
    return body_named(best[0]) if best and counts[best[0]] >= 2 else None


def find_year(title: Finding, page: Page, published: date | None) -> Finding:
    """The year reported on: the title's (关于2020年… is 2020), else the year the text opens with."""
    in_title = _first_year(title.value or "")
    if in_title:
        return Finding(in_title, title.how, "title" if title.how is How.FOUND else "composed title")
    opening = _first_year(" ".join([line for line in page.lines if is_paragraph(line)][:2]), dates=False)
    if opening:
        return guessed(opening, "first year named in the opening paragraphs")
    if published:
        year = published.year - 1 if published.month <= 6 else published.year
        return guessed(year, f"no year in the text: reports are published in the first half of the next year (published {published})")
    return missing("no year in the title or opening lines")


def _chinese_years(text: str) -> str:
    """二〇二三年 → 2023年."""
    return _CHINESE_YEAR.sub(lambda m: _chinese_number(m.group(1).replace("○", "〇")), text)


def _first_year(text: str, *, dates: bool = True) -> int | None:
    """The first year named (2020年); with dates=False not one of a full date (2024年1月15日)."""
    not_a_date = "" if dates else r"(?!\s*\d{1,2}\s*月)"
    year = re.search(rf"(?<!\d)({_YEAR})\s*年{not_a_date}", _NOT_THE_YEAR.sub("", _chinese_years(match_key(text))))
    return int(year.group(1)) if year and int(year.group(1)) >= 1949 else None


def find_published(page: Page, meta: PageMeta, year: int | None) -> Finding:
    """The publishing date: the page's 发布时间/日期 metadata, else <meta>, else the signature date."""
    dated = _page_date(page)
    if dated is None and meta.published:
        dated = found(meta.published, "page's PubDate <meta>")
    under_title = _signature_date(_before_first_paragraph(page.lines))
    if dated is None and under_title:
        dated = found(under_title, "date under the title")
    if dated is None:
        signed = _signature_date(page.lines[-_SIGNATURE_LINES:])
        dated = found(signed, "signature date") if signed else missing("no 发布时间/日期 line or signature date")
    if dated.value and year and dated.value.year < year:
        return missing(f"the text's date {dated.value} is before the reported year {year} ended")
    return dated


def _before_first_paragraph(lines: tuple[str, ...]) -> tuple[str, ...]:
    first = next((i for i, line in enumerate(lines) if is_paragraph(line)), 0)
    return lines[:first]


def _page_date(page: Page) -> Finding | None:
    for field in page_fields(page, *_DATE_ROLES):
        stamp = DATE.search(field.value)
        day = _date(*stamp.groups()) if stamp else None
        if day:
            return found(day, f"page's {field.label or 'date'} line")
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


def find_source(page: Page, meta: PageMeta) -> Finding:
    """The publishing body: the page's 来源, else its 发布机构 or 发文机关; 本网 means the site itself."""
    site_itself = None
    for field in page_fields(page, *_SOURCE_ROLES, "poster"):
        name = field.value.split(" ")[0].strip("|｜")
        if name in _THE_SITE_ITSELF or name.startswith(("本网", "本站")):
            site_itself = site_itself or name
        elif re.search(f"[{_HANZI}]", name) and (field.role != "poster" or _ORGAN_NAME.search(name)):
            return found(name, f"page's {field.label} field")
    if meta.source and meta.source not in _THE_SITE_ITSELF:
        return found(meta.source, "page's ContentSource <meta>")
    if site_itself:
        return missing(f"来源 says “{site_itself}” (the website itself); add the publishing body if known")
    return missing("no 来源 or 发布机构 line")
