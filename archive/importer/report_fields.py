"""Who and what: a report's title, its unit (with the full name that places it) and its source.

Evidence is weighed in a fixed order: the title line, the page's metadata (标题, 发布机构, 来源…),
the signature, the opening sentence, a saved page's <meta> tags, then what the text names most.
"""
from __future__ import annotations

import re
from collections import Counter

from archive.importer.chrome import BREADCRUMB, PAGE_HEAD, breadcrumb_steps
from archive.importer.dates import arabic_years
from archive.importer.fields import match_key
from archive.importer.findings import (
    SIGNATURE_LINES, Finding, How, PageMeta, before_first_paragraph, found, guessed, missing, page_fields,
)
from archive.importer.page import Page, is_paragraph, title_score
from archive.importer.units import Body, body_named, body_opening

# The detail of a title found on a line of its own (tests tell it from a composed title by it).
TITLE_LINE = "标题行 (title line)"

_HANZI = "\u4e00-\u9fff"
_YEAR = r"(?:19|20)\d{2}"
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
_THE_SITE_ITSELF = frozenset({"本网", "本站", "本网站", "原创"})
_ORGAN_NAME = re.compile(f"[{_HANZI}]{{2,}}(?:局|委|办|办公室|政府|院|中心|厅|街道|乡|镇|所|站|队)$")  # not a person
# A body the title names that the division table cannot check: a department, a development zone.
_DEPARTMENT_NAME = re.compile(f"[{_HANZI}]{{1,14}}(?:局|委员会|办公室|厅|中心|法院|检察院|管委会|开发区|高新区|新区|园区|示范区|管理区)")
_UNLISTED_PLACE = re.compile(f"[{_HANZI}]{{2,5}}(?:市|区|县|旗)")
_SOURCE_ROLES = ("source", "publisher", "issuer")
_SITE_NAME = re.compile(f"[{_HANZI}]{{2,20}}(?:人民政府|政府|办事处)(?:门户网站|网站|网)?")  # 营口市老边区人民政府


def find_title(page: Page, meta: PageMeta) -> Finding:
    if page.title:
        return found(page.title, TITLE_LINE)
    for field in page_fields(page, "title"):
        if title_score(field.value):
            return found(field.value, f"网页的{field.label}字段")
    if meta.title and title_score(meta.title):
        return found(meta.title, "保存网页的 ArticleTitle <meta> 或 <title>")
    crumbs = [breadcrumb_steps(line.text)[-1] for line in page.removed if line.kind == BREADCRUMB]
    for crumb in filter(title_score, crumbs):
        return found(crumb, "导航路径的最后一级 (last step of the breadcrumb)")
    return missing("没有标题行 (no title line)")


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
        return guessed(mentioned.unit, "正文提到最多的单位 (the unit named most often)"), mentioned
    return missing("标题、元数据、落款和开篇句中都没有单位 (no unit found)"), None


def _under_addressee(body: Body, page: Page) -> Body:
    """A report is addressed to the level above (中共东莞市委、东莞市人民政府：for 东城街道): when
    nothing else names the unit's parents, the addressee's place is its parent."""
    salutation = next((line for line in before_first_paragraph(page.lines) if match_key(line).endswith(":")), None)
    addressee = body_named(match_key(salutation)[:-1]) if salutation and body.places == (body.unit,) else None
    if addressee is None or addressee.unit == body.unit or addressee.unit != addressee.places[-1]:
        return body
    return Body(addressee.places + body.places, body.unit)


def _unit_evidence(title: str | None, page: Page, meta: PageMeta):
    """(how, where, body) from each kind of evidence, strongest first."""
    yield How.FOUND, TITLE_LINE, _unit_in_title(title) if title else None
    for field in page_fields(page, "title"):
        yield How.FOUND, f"网页的{field.label}字段", _unit_in_title(field.value)
    for line in reversed(page.lines[-SIGNATURE_LINES:]):
        yield How.FOUND, "落款 (signature)", _signed(line)
    yield How.GUESSED, "开篇句的主语 (subject of the opening sentence)", _opening_subject(page.lines)
    for field in page_fields(page, "publisher", "issuer", "source"):
        yield How.GUESSED, f"网页的{field.label}字段", body_named(_name_in(field.value))
    for label, name in (("SiteName", meta.site), ("ColumnName", meta.column)):
        if name:  # a township's or department's sub-site is named after it
            yield How.GUESSED, f"保存网页的 {label} <meta>", body_named(_site_owner(name))
    heads = [match_key(line.text) for line in page.removed if line.kind == PAGE_HEAD]
    site = next((head for head in heads if _SITE_NAME.fullmatch(head)), None)
    if site:
        yield How.GUESSED, "报告上方的网站名称 (the site's name above the report)", body_named(_site_owner(site))


def _site_owner(site: str) -> str:
    """营口市老边区人民政府门户网站 → 营口市老边区人民政府."""
    return re.sub("(?:门户)?网站$|网$", "", site)


def _unit_in_title(title: str) -> Body | None:
    """鲤城区人民政府金龙街道办事处关于2022年度… → 金龙街道; 2022年绿塘乡法治… → 绿塘乡;
    市生态环境局2023年度… → 市生态环境局 (a department the title names without its place)."""
    key = arabic_years(match_key(title)).removeprefix("关于")
    end = _TITLE_UNIT_END.search(key)
    lead = (key[: end.start()] if end else key).strip()
    in_lead = (body_named(lead) or body_opening(lead) or _unlisted_body(lead)) if lead else None
    if in_lead or not end:
        return in_lead
    after_year = re.match(rf"{_YEAR}\s*年度?\s*(.*)", key[end.start():])
    return body_opening(after_year.group(1)) if after_year else None


def _unlisted_body(name: str) -> Body | None:
    """A name only the title gives, so it is taken as stated: a department or zone without its place
    (市生态环境局), or a county-level place newer than the division table."""
    name = re.sub("人民政府$|政府$", "", name.removeprefix("中共").strip())
    if _UNLISTED_PLACE.fullmatch(name):
        return Body((name,), name)
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


def _name_in(value: str) -> str:
    """The name a field's value starts with: 县司法局 in “县司法局 【打印】” or “县司法局|浏览次数”."""
    return re.split(r"[\s【\[|｜(]", value, maxsplit=1)[0]


def find_source(page: Page, meta: PageMeta) -> Finding:
    """The publishing body: the page's 来源, else its 发布机构 or 发文机关; 本网 means the site itself."""
    site_itself = None
    for field in page_fields(page, *_SOURCE_ROLES, "poster"):
        name = _name_in(field.value)
        if name in _THE_SITE_ITSELF or name.startswith(("本网", "本站")):
            site_itself = site_itself or name
        elif re.search(f"[{_HANZI}]", name) and (field.role != "poster" or _ORGAN_NAME.search(name)):
            return found(name, f"网页的{field.label}字段")
    if meta.source and meta.source not in _THE_SITE_ITSELF:
        return found(meta.source, "网页的 ContentSource <meta>")
    if site_itself:
        return missing(f"来源写的是“{site_itself}”，即网站本身，如知道发布机关请补上 (the website itself)")
    return missing("没有来源或发布机构行 (no source line)")
