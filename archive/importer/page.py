"""The shape of a page copied off a government site: head, title, report, foot.

    head    site bars, column names, widgets, metadata … then the title (or none)
    report  from the first paragraph to the last, with the signature after it
    foot    from the first line of page furniture after the last paragraph to the end

Before the title (or, with no title, before the first paragraph) a page holds nothing of the
report except a salutation (中共东莞市委、东莞市人民政府：), so everything else there is chrome,
unless it is a long full sentence, which no page furniture is.
Between the title and the first paragraph only metadata, tool bars and a repeated title are
chrome; a byline or a dated subtitle stays. Within the report only lines that are chrome by
their own shape (chrome.py) or labelled metadata (fields.py) go. After the last paragraph, the
first such line starts the page's furniture (related links, footers), and the rest goes with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.importer.chrome import PAGE_FOOT, PAGE_HEAD, PAGE_INFO, REPEATED_TITLE, ChromeLine, chrome_kind
from archive.importer.fields import Field, field_line, label_only, match_key
from archive.importer.numbering import numbered_line
from archive.importer.units import body_named

_HANZI = re.compile("[\u4e00-\u9fff]")
_MIN_PARAGRAPH_HANZI = 8
_MIN_SENTENCE_HANZI = 20
_MAX_LABEL_CHARS = 12
_BYLINE_ENDS = ("局", "委", "办", "办公室", "政府", "院", "中心", "厅", "街道", "乡", "镇", "县", "区", "市", "旗", "处", "所", "会")
_MAX_TITLE_CHARS = 64
_YEAR = re.compile(r"(?:19|20)\d{2}")
_EXPLICIT_FIELD = re.compile(r":|^[-•·● ]*[\[【]")  # 来源：…, 【发布日期】…: a label that says it is one
_TRAILING_DATE = re.compile(r"\s[\[【(（]?(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\]】)）]?$")
_ORGAN = re.compile("委|政府|局|办|人大|政协|同志|领导|部|厅")


@dataclass(frozen=True)
class Page:
    title: str | None
    lines: tuple[str, ...]  # the report's lines after the title, chrome removed
    fields: tuple[Field, ...]  # what the page's metadata lines state
    removed: tuple[ChromeLine, ...]


@dataclass(frozen=True)
class _Line:
    text: str
    kind: str | None  # a chrome kind, PAGE_INFO for metadata, None for text
    fields: tuple[Field, ...] = ()
    dated_only: bool = False  # a bare date: metadata in the head, a signature date elsewhere


def read_page(lines: list[str]) -> Page:
    """The page's parts, from its normalised non-empty lines."""
    classified = _classify(lines)
    paragraphs = [i for i, line in enumerate(classified) if line.kind is None and is_paragraph(line.text)]
    if not paragraphs:
        return Page(None, (), _fields(classified), tuple(ChromeLine(PAGE_HEAD, line.text) for line in classified))
    opening = next((i for i in paragraphs if _is_running_text(classified[i].text)), paragraphs[0])
    title_at = _title_index(classified[:opening])
    title_lines = _title_lines(classified, title_at)
    title = "".join(classified[i].text for i in title_lines) or None
    body_from = title_at + 1 if title_at is not None else paragraphs[0]
    kept, removed, fields = [], [], []
    foot = False
    for index, line in enumerate(classified):
        if index in title_lines:
            continue
        kind = _kind_in_place(line, index, body_from, opening, title)
        foot = foot or (index > paragraphs[-1] and kind is not None)
        if foot and kind is None:
            kind = PAGE_FOOT
        if kind is None:
            kept.append(line.text)
            continue
        removed.append(ChromeLine(kind, line.text))
        if kind == PAGE_INFO:
            fields.extend(line.fields)
    return Page(title, tuple(kept), tuple(fields), tuple(removed))


def _title_lines(lines: list[_Line], title_at: int | None) -> tuple[int, ...]:
    """The title's lines: a long title wrapped after its issuer (中共XX县委 XX县人民政府 / 关于…) has two."""
    if title_at is None:
        return ()
    before = match_key(lines[title_at - 1].text) if title_at > 0 and lines[title_at - 1].kind is None else ""
    # Only a joint issuer (party and government) is taken as the title's first line: a single name
    # above 关于… may as well be the site's.
    joint = before.startswith("中共") or bool(re.search(r"[ 、]", before))
    wrapped = joint and match_key(lines[title_at].text).startswith("关于") and body_named(before) is not None
    return (title_at - 1, title_at) if wrapped else (title_at,)


def _kind_in_place(line: _Line, index: int, body_from: int, opening: int, title: str | None) -> str | None:
    """A line's kind given where it stands: before the report everything but a salutation is chrome;
    within the report only explicit labels are metadata; a repeated title is not text."""
    if index < body_from:
        return line.kind or (None if _is_salutation(line.text) or _is_long_sentence(line.text) else PAGE_HEAD)
    if index >= opening and line.kind == PAGE_INFO and (line.dated_only or not _EXPLICIT_FIELD.search(match_key(line.text))):
        return None  # in the report, a date is a signature's and a lone 名称 or 时间 a table's header
    if line.kind is None and index < opening and title:
        if match_key(line.text) == match_key(title):
            return REPEATED_TITLE
        if _is_page_label(line.text):
            return PAGE_HEAD
    return line.kind


def _is_page_label(text: str) -> bool:
    """A short label between the title and the text (图文, 法治建设): not a byline (区司法局), a
    dated subtitle, a salutation or a dash subtitle, which are the report's."""
    key = match_key(text)
    return (
        len(key) <= _MAX_LABEL_CHARS and not re.search(r"[\d:。,;!?(—]", key)
        and not key.endswith(_BYLINE_ENDS) and bool(_HANZI.search(key))
    )


def is_paragraph(line: str) -> bool:
    """A line of running text: a full sentence, a clause of some length, or a numbered part (一、…)."""
    if numbered_line(line):
        return True
    key = match_key(line)
    if "。" in key:
        return True
    return len(_HANZI.findall(key)) >= _MIN_PARAGRAPH_HANZI and bool(re.search(r"[,;!?]", key))


def _is_running_text(line: str) -> bool:
    """A paragraph no header or sidebar holds: a full sentence, a long clause, or a part 一、…"""
    key = match_key(line)
    hanzi = len(_HANZI.findall(key))
    numbered = numbered_line(line)
    return (numbered is not None and numbered.level == 2) or ("。" in key and hanzi >= 10) or (
        hanzi >= 30 and bool(re.search(r"[,;]", key))
    )


def title_score(line: str) -> int:
    """0 for a line that cannot be a report's title; more for one that names its year."""
    key = match_key(line)
    if len(key) > _MAX_TITLE_CHARS or re.search(r"[。;!?,]|:$", key) or numbered_line(line):
        return 0
    topic = re.search("法治|依法", key)
    if not (re.search("报告|总结", key) or (topic and re.search("情况|工作", key))):
        return 0
    if not (_YEAR.search(key) or topic):
        return 0
    return 2 if _YEAR.search(key) else 1


def _classify(lines: list[str]) -> list[_Line]:
    """Each line's kind by its shape; in the page's head, a label alone on a line takes the next
    line as its value (a disclosure table copied cell by cell). In a report a lone 名称 or 时间 is a
    table's header, so pairs are read only before its first sentence."""
    classified: list[_Line] = []
    pending_label = None
    in_report = False
    for text in lines:
        if pending_label and _is_value(text):
            value = match_key(text)
            previous = classified.pop()
            classified.append(_Line(previous.text, PAGE_INFO, (Field(previous.fields[0].role, pending_label, value),)))
            classified.append(_Line(text, PAGE_INFO))
            pending_label = None
            continue
        classified += [_classify_one(part) for part in _title_and_date(text)]
        in_report = in_report or (classified[-1].kind is None and _is_running_text(text))
        pending_label = None if in_report else label_only(text)
    return classified


def _title_and_date(text: str) -> list[str]:
    """A title listed with its date on one line (XX县2023年…报告 2024-03-01) is two lines."""
    dated = _TRAILING_DATE.search(text)
    if dated and title_score(text[: dated.start()]):
        return [text[: dated.start()], text[dated.start():].strip()]
    return [text]


def _classify_one(text: str) -> _Line:
    kind = chrome_kind(text)
    if kind:
        return _Line(text, kind)
    fields = field_line(text)
    if fields:
        return _Line(text, PAGE_INFO, fields, dated_only=all(not field.label for field in fields))
    return _Line(text, None)


def _is_value(text: str) -> bool:
    return _classify_one(text).kind is None and not is_paragraph(text) and len(text) <= 60


def _title_index(head: list[_Line]) -> int | None:
    """The best title-like line; of equals the last, the one nearest the report."""
    scores = [(title_score(line.text) if line.kind is None else 0, i) for i, line in enumerate(head)]
    best = max(scores, default=(0, 0))
    return best[1] if best[0] else None


def _is_long_sentence(text: str) -> bool:
    """Report text however it got above the title: page furniture never says this much."""
    key = match_key(text)
    return "。" in key and len(_HANZI.findall(key)) >= _MIN_SENTENCE_HANZI


def _is_salutation(text: str) -> bool:
    key = match_key(text)
    return key.endswith(":") and len(key) <= 60 and bool(_ORGAN.search(key)) and not re.search(r"[。;!?]", key)


def _fields(lines: list[_Line]) -> tuple[Field, ...]:
    return tuple(field for line in lines if line.kind == PAGE_INFO for field in line.fields)
