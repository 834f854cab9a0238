"""GB/T 9704 numbering of a report's parts (一、 （一） 1. （1）) → Markdown heading levels."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CHINESE_NUMBER = "[一二三四五六七八九十百零〇]+"
# A lead sentence longer than this is a numbered paragraph, not a heading.
MAX_HEADING_CHARS = 80
_SENTENCE_ENDS = "。！？"
_OPENERS = "“‘《〈（(「『【["
_CLOSERS = "”’》〉）)」』】]"


@dataclass(frozen=True)
class HeadingForm:
    level: int
    example: str
    regex: re.Pattern[str]


HEADING_FORMS = tuple(
    HeadingForm(level, example, re.compile(pattern))
    for level, example, pattern in (
        (2, "一、", rf"{_CHINESE_NUMBER}、"),
        (3, "（一）", rf"[（(]{_CHINESE_NUMBER}[）)]"),
        (4, "1.", r"\d{1,3}(?:[.．](?!\d)|、)"),
        (5, "（1）", r"[（(]\d{1,3}[）)]"),
    )
)


@dataclass(frozen=True)
class NumberedLine:
    level: int
    heading: str
    rest: str


def numbered_line(line: str) -> NumberedLine | None:
    """The heading a numbered line opens with and the paragraph text after it, if it is one."""
    for form in HEADING_FORMS:
        number = form.regex.match(line)
        if number and line[number.end():].strip():
            heading, rest = split_lead_sentence(line)
            if len(heading) <= MAX_HEADING_CHARS:
                return NumberedLine(form.level, heading, rest)
            return None
    return None


def split_lead_sentence(line: str) -> tuple[str, str]:
    """(first sentence, the rest): cut after the first 。！？ outside quotes and brackets."""
    depth = 0
    for index, char in enumerate(line):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char in _SENTENCE_ENDS and depth == 0:
            return line[: index + 1], line[index + 1 :].strip()
    return line, ""
