"""The five parts a report owes, and where each one is in a report, found from its headings.

Art. 24 of 《法治政府建设与责任落实督察工作规定》 (2019) requires five parts: 主要举措和成效,
存在的不足和原因, 党政主要负责人履行推进法治建设第一责任人职责情况, 下一年度主要安排, 其他需要报告的情况.
Reports name them in many ways (工作开展情况, 存在的问题及不足, 2023年工作思路, 工作不足及2021年工作计划 …),
so each heading is read by these rules, in this order:

1. A heading that an editor states in the front matter (`parts:`) has the parts stated (依据：编者标注).
2. A heading naming the first-responsible-person duty (RESPONSIBILITY_RULE) is that part and no other,
   whatever else it says (…第一责任人职责,加强法治政府建设的有关情况).
3. Otherwise the heading, without its numbering, is cut into clauses at 及/以及/和/与/并 and punctuation, and
   each clause takes the part of the first CLAUSE_RULES row that matches it (other → plans → shortcomings →
   measures). A year after the reported one (2023年 in a report on 2022) counts as a word for the future.
   A heading takes every part its clauses name: 工作不足及2021年工作计划 is shortcomings and plans.
4. A top-level heading no rule recognises, placed before the first top-level heading recognised as
   shortcomings, plans or other, is a measure (依据：标题位置): reports give their measures before those,
   one heading each (保德县: 深入学习贯彻… and five more), with the duty before or after them.
5. A sub-heading belongs to its parent's part. When the parent names two parts, a sub-heading that names
   some of them narrows to those (存在的问题和下一步打算 › （一）存在的问题); a sub-heading naming the
   first-responsible-person duty is that part under any parent (reports often list it among the measures).
   Under an unrecognised parent a sub-heading is read by its own words only.
6. Anything else is 未识别: shown as such, never guessed.

A part's text is every stretch of the body whose nearest heading above carries the part: the measures
heading's own text belongs to the measures, its sub-heading on the duty to the duty.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from archive.outline import Outline


@dataclass(frozen=True)
class Part:
    key: str  # ASCII, for URLs and data: ?part=buzu
    name: str  # the name the regulation gives
    label: str  # short, for tables and charts


PARTS = (
    Part("jucuo", "主要举措和成效", "举措和成效"),
    Part("buzu", "存在的不足和原因", "不足和原因"),
    Part("zeren", "党政主要负责人履行推进法治建设第一责任人职责情况", "第一责任人职责"),
    Part("anpai", "下一年度主要安排", "下一年度安排"),
    Part("qita", "其他需要报告的情况", "其他情况"),
)
PART_NAMES = tuple(part.name for part in PARTS)
MEASURES, DUTY = PARTS[0].name, PARTS[2].name
_BY_NAME = {name: part for part in PARTS for name in (part.name, part.label)}

# Why a heading has its parts; shown beside the outline.
BY_EDITOR = "编者标注"
BY_WORDS = "标题用语"
BY_POSITION = "标题位置"
BY_PARENT = "上级标题"


def part_named(name: str) -> Part | None:
    """The part with this name or short label."""
    return _BY_NAME.get(name)


RESPONSIBILITY_RULE = re.compile(
    r"第一责任人|(主要负责人|主要负责同志|主要领导|一把手).*(履行|履职|职责|述法)|履行.*法治建设.*职责"
)

# (part key, pattern, a heading it is for). Patterns see one clause, numbering, whitespace and a leading
# year other than the next one removed. <FUTURE> is a word for the future: 下一年度, 下步, 今后, 明年, or the
# year after the reported one (2023年 in a report on 2022); a clause right after a future one shares its
# time (下一步工作思路和举措), so there <FUTURE> matches anywhere.
CLAUSE_RULES: tuple[tuple[str, str, str], ...] = (
    ("qita", r"^(其他|其它)|需要(报告|说明)的(其他)?(情况|事项)", "五、其他需要报告的情况"),
    ("anpai", r"<FUTURE>.*(工作|计划|打算|思路|安排|重点|举措|措施|任务|目标|设想|方向|展望|考虑|部署)", "四、2024年工作打算"),
    ("anpai", r"^(法治政府建设|法治建设)?的?(主要|重点|总体)?(工作)?(计划|打算|思路|安排|设想|展望|目标任务)$"
              r"|打算|展望|努力方向|主要安排", "五、工作打算"),
    ("buzu", r"(?<!弥补)(?<!补齐)不足|原因|短板弱项|薄弱环节|存在(的)?(主要|突出)?(问题|困难|短板|差距|薄弱|风险)"
             r"|^(当前|目前|面临的|主要|突出)*(问题|困难|短板|差距)(?!导向)", "二、存在的问题和不足"),
    ("jucuo", r"举措|成效|成绩|做法|亮点|(工作|开展|推进|落实|建设|基本|总体|进展|完成|履职)情况|工作(回顾|总结|开展)"
              r"|^(主要|重点)工作$|取得的?进展", "一、2023年法治政府建设主要举措及成效"),
)

_NUMBERING = re.compile(
    r"^\s*(第[一二三四五六七八九十百]+(部分|章|节)|[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]"
    r"|\d+\s*[、.．)）](?!\d)|[①-⑳])\s*"
)
_CLAUSE_BREAK = re.compile(r"[,，;；、:：。!！?？\s]+|以及|及|和|与|并")


@dataclass(frozen=True)
class HeadingParts:
    """The parts one heading of the outline belongs to; () is 未识别."""

    anchor: str
    text: str
    level: int
    parts: tuple[str, ...]  # part names, in the regulation's order
    basis: str  # BY_EDITOR, BY_WORDS, BY_POSITION, BY_PARENT; "" when unrecognised

    @property
    def by_position(self) -> bool:
        return self.basis == BY_POSITION

    @property
    def by_editor(self) -> bool:
        return self.basis == BY_EDITOR


@dataclass(frozen=True)
class PartSpan:
    """A stretch of a part's text: [start, end) character offsets into Report.body_text, from the
    line of the heading `anchor` on."""

    anchor: str
    start: int
    end: int


@dataclass(frozen=True)
class PartSection:
    """Where one part is in a report."""

    part: str
    spans: tuple[PartSpan, ...]  # its text: every character whose nearest heading carries the part, in runs
    anchors: tuple[str, ...]  # the headings that carry it while their parent does not, in document order


@dataclass(frozen=True)
class ReportParts:
    headings: tuple[HeadingParts, ...]  # every outline heading, in document order
    sections: tuple[PartSection, ...]  # the parts found, in the regulation's order

    @property
    def found(self) -> tuple[str, ...]:
        return tuple(section.part for section in self.sections)

    def section(self, part: str) -> PartSection | None:
        return next((s for s in self.sections if s.part == part), None)

    def of_heading(self, anchor: str) -> HeadingParts | None:
        return next((h for h in self.headings if h.anchor == anchor), None)

    def as_listed(self) -> ReportParts:
        """Which parts were found, not where: all a listing shows (where moves with any edit of the text above)."""
        return ReportParts((), tuple(PartSection(section.part, (), ()) for section in self.sections))


NO_PARTS = ReportParts((), ())


def heading_parts(text: str, year: int | None) -> tuple[str, ...]:
    """The parts a heading's own words name (rules 2 and 3), in the regulation's order; () when none."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = _NUMBERING.sub("", text, count=1)
    if RESPONSIBILITY_RULE.search(text):
        return (DUTY,)
    keys: set[str] = set()
    future = False
    for clause in filter(None, _CLAUSE_BREAK.split(text)):
        if re.match(r"\d{4}年", clause):  # a clause with its own year has its own time
            future = False
        key = _clause_part(clause, year, future)
        if key:
            keys.add(key)
        future = key == "anpai" or (future and key is None)
    return tuple(part.name for part in PARTS if part.key in keys)


def _clause_part(clause: str, year: int | None, after_future: bool) -> str | None:
    clause = _without_leading_year(clause, year)
    return next((key for key, rule in _rules(year, after_future) if rule.search(clause)), None)


@functools.cache
def _rules(year: int | None, after_future: bool) -> tuple[tuple[str, re.Pattern], ...]:
    next_year = re.escape(f"{year + 1}年") if year else r"\Z\A"
    future = "" if after_future else rf"(下一?(年度?|步|阶段)|今后|明年|来年|{next_year})"
    return tuple((key, re.compile(pattern.replace("<FUTURE>", future))) for key, pattern, _ in CLAUSE_RULES)


def _without_leading_year(clause: str, year: int | None) -> str:
    """2022年存在的问题 reads as 存在的问题; the year after the reported one is kept as a word for the future."""
    match = re.match(r"(\d{4})年度?", clause)
    if match and (year is None or int(match.group(1)) != year + 1):
        return clause[match.end():]
    return clause


def locate_parts(outline: tuple[Outline, ...], body_text: str, year: int | None,
                 stated: Mapping[str, tuple[str, ...]] | None = None) -> ReportParts:
    """Every heading's parts and every found part's sections; `stated` maps anchors to the editor's parts."""
    stated = stated or {}
    top = [_own_parts(item, year, stated) for item in outline]
    later = [i for i, (parts, _) in enumerate(top) if set(parts) - {MEASURES, DUTY}]
    first_later = later[0] if later else -1
    headings: list[HeadingParts] = []
    for index, (item, (parts, basis)) in enumerate(zip(outline, top)):
        if not parts and index < first_later:
            parts, basis = (MEASURES,), BY_POSITION
        _walk(item, parts, basis, year, stated, headings)
    return ReportParts(tuple(headings), _sections(outline, headings, body_text))


def _own_parts(item: Outline, year: int | None, stated: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, ...], str]:
    if item.anchor in stated:
        return tuple(name for name in PART_NAMES if name in stated[item.anchor]), BY_EDITOR
    parts = heading_parts(item.text, year)
    return parts, BY_WORDS if parts else ""


def _walk(item: Outline, parts: tuple[str, ...], basis: str, year: int | None,
          stated: Mapping[str, tuple[str, ...]], out: list[HeadingParts]) -> None:
    out.append(HeadingParts(item.anchor, html.unescape(item.text), item.level, parts, basis))
    for child in item.children:
        _walk(child, *_child_parts(child, parts, year, stated), year, stated, out)


def _child_parts(child: Outline, parent: tuple[str, ...], year: int | None,
                 stated: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, ...], str]:
    own, basis = _own_parts(child, year, stated)
    if basis == BY_EDITOR or not parent:
        return own, basis
    narrowed = tuple(name for name in own if name in parent)
    if len(parent) > 1 and narrowed:
        return narrowed, BY_WORDS
    if own == (DUTY,):  # the duty is often one item among the measures: （八）党政主要负责人履行…职责情况
        return own, BY_WORDS
    return parent, BY_PARENT


def _sections(outline: tuple[Outline, ...], headings: list[HeadingParts], body_text: str) -> tuple[PartSection, ...]:
    ranges = heading_ranges(headings, body_text)
    by_anchor = {h.anchor: h for h in headings}
    sections = []
    for name in PART_NAMES:
        spans = _merged([PartSpan(h.anchor, start, end) for h, start, end in ranges if name in h.parts])
        if spans:
            sections.append(PartSection(name, spans, tuple(_outermost(outline, name, by_anchor, ()))))
    return tuple(sections)


def _outermost(items: tuple[Outline, ...], name: str, by_anchor: dict[str, HeadingParts], parent: tuple[str, ...]) -> Iterator[str]:
    """The headings that carry a part when their parent does not."""
    for item in items:
        parts = by_anchor[item.anchor].parts
        if name in parts and name not in parent:
            yield item.anchor
        yield from _outermost(item.children, name, by_anchor, parts)


def heading_ranges(headings: list[HeadingParts], body_text: str) -> list[tuple[HeadingParts, int, int]]:
    """Each heading's own text in body_text: from its line to the next heading's, found in document order."""
    starts: list[tuple[HeadingParts, int]] = []
    lines = _line_offsets(body_text)
    cursor = 0
    for heading in headings:
        wanted = heading.text.strip()
        at = next((i for i in range(cursor, len(lines)) if lines[i][1].strip() == wanted), None)
        if at is not None:
            starts.append((heading, lines[at][0]))
            cursor = at + 1
    ends = [start for _, start in starts[1:]] + [len(body_text)]
    return [(heading, start, end) for (heading, start), end in zip(starts, ends)]


def _merged(spans: list[PartSpan]) -> tuple[PartSpan, ...]:
    """Adjacent ranges as one, named by the heading it starts at."""
    merged: list[PartSpan] = []
    for span in spans:
        if merged and merged[-1].end == span.start:
            merged[-1] = PartSpan(merged[-1].anchor, merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def _line_offsets(text: str) -> list[tuple[int, str]]:
    offsets, position = [], 0
    for line in text.split("\n"):
        offsets.append((position, line))
        position += len(line) + 1
    return offsets
