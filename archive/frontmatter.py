"""Front matter: split it from the body, parse it, and check every field, with line numbers."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.links import WEB_SCHEMES, is_safe_url
from archive.model import LEVELS
from archive.partsfield import check_parts_field, entry_lines
from archive.yamlmap import YamlMappingError, load_mapping, shown

REQUIRED = ("title", "unit", "year", "region")
OPTIONAL = ("level", "published", "source", "source_url", "note", "parts")
FIELDS = REQUIRED + OPTIONAL
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z")


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, Any]
    lines: dict[str, int]  # field name → line of its key in the file
    body: str
    body_line: int
    part_lines: dict[str, int] = field(default_factory=dict)  # heading under `parts:` → its line


class FrontMatterError(YamlMappingError):
    """The front matter cannot be read at all (not opened, not closed, not YAML)."""


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(1, "文件须以一行 '---' 开始文件头 (the file must start with a '---' line that opens the front matter)")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "第 1 行开始的文件头没有以 '---' 行结束 (front matter never closed)")


def parse_front_matter(text: str) -> tuple[FrontMatter, list[tuple[int, str]]]:
    """Parse and check front matter; return it with every (line, problem) found.

    Raises YamlMappingError (FrontMatterError) when there is no readable front matter."""
    source, body, body_line = split_front_matter(text)
    mapping = load_mapping(source, first_line=2)
    fields, lines = mapping.values, mapping.lines
    problems = mapping.problems + _check_fields(fields, lines)
    part_lines = entry_lines(source, first_line=2) if "parts" in fields else {}
    if fields.get("parts") is not None:
        problems += check_parts_field(fields["parts"], lines["parts"], part_lines)
    if not body.strip():
        problems.append((body_line - 1, "文件头之后没有报告正文 (no text after the front matter)"))
    return FrontMatter(fields, lines, body, body_line, part_lines), problems


def _check_fields(fields: dict[str, Any], lines: dict[str, int]) -> list[tuple[int, str]]:
    problems = []
    for key in fields:
        if key not in FIELDS:
            guess = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"，是否应为 '{guess[0]}'？" if guess else f"；可用的字段：{', '.join(FIELDS)}"
            problems.append((lines[key], f"未知字段 (unknown field) {shown(key)}{hint}"))
    for key in REQUIRED:
        if key not in lines:  # a field given with a value that cannot be read has its own problem
            problems.append((1, f"缺少必填字段 (missing required field) '{key}'"))
    for key, check in _CHECKS.items():
        if key in fields and (fields[key] is not None or key in REQUIRED):
            message = check(fields[key])
            if message:
                problems.append((lines[key], f"字段 '{key}' {message}"))
    return problems


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"须为非空文本 (must be non-empty text)，不能是 {_describe(value)}"
    return None


def _year(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"须为年份，如 2022 (must be a year)，不能是 {_describe(value)}"
    if not 1949 <= value <= 2100:
        return f"须为 1949 至 2100 之间的年份 (year out of range)，不能是 {value}"
    return None


def _region(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"须为自上而下的地名列表，如 [山东省, 威海市, 乳山市] (must be a list of place names)，不能是 {_describe(value)}"
    return None


def _level(value: Any) -> str | None:
    return None if value in LEVELS else f"须为 {'/'.join(LEVELS)} 之一 (must be one of the levels)，不能是 {_describe(value)}"


def _published(value: Any) -> str | None:
    if type(value) is not date:
        return f"须为日期，如 2023-02-28 (must be a date)，不能是 {_describe(value)}"
    return None


def _source_url(value: Any) -> str | None:
    if not isinstance(value, str) or not _URL.match(value) or not is_safe_url(value, WEB_SCHEMES, relative=False):
        return f"须为 http:// 或 https:// 网址 (must be an http(s) address)，不能是 {_describe(value)}"
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "空值 (an empty value)"
    return f"{type(value).__name__} {shown(value)}"


_CHECKS = {
    "title": _text,
    "unit": _text,
    "year": _year,
    "region": _region,
    "level": _level,
    "published": _published,
    "source": _text,
    "source_url": _source_url,
    "note": _text,
}
