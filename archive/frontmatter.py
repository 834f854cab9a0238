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
        raise FrontMatterError(1, "the file must start with a '---' line that opens the front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "the front matter opened on line 1 is never closed with a '---' line")


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
        problems.append((body_line - 1, "the report has no text after the front matter"))
    return FrontMatter(fields, lines, body, body_line, part_lines), problems


def _check_fields(fields: dict[str, Any], lines: dict[str, int]) -> list[tuple[int, str]]:
    problems = []
    for key in fields:
        if key not in FIELDS:
            guess = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else f"; known fields: {', '.join(FIELDS)}"
            problems.append((lines[key], f"unknown field {shown(key)}{hint}"))
    for key in REQUIRED:
        if key not in lines:  # a field given with a value that cannot be read has its own problem
            problems.append((1, f"missing required field '{key}'"))
    for key, check in _CHECKS.items():
        if key in fields and (fields[key] is not None or key in REQUIRED):
            message = check(fields[key])
            if message:
                problems.append((lines[key], f"field '{key}' {message}"))
    return problems


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"must be non-empty text, not {_describe(value)}"
    return None


def _year(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a year like 2022, not {_describe(value)}"
    if not 1949 <= value <= 2100:
        return f"must be a year between 1949 and 2100, not {value}"
    return None


def _region(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"must be a list of place names, top-down, like [山东省, 威海市, 乳山市], not {_describe(value)}"
    return None


def _level(value: Any) -> str | None:
    return None if value in LEVELS else f"must be one of {'/'.join(LEVELS)}, not {_describe(value)}"


def _published(value: Any) -> str | None:
    if type(value) is not date:
        return f"must be a date like 2023-02-28, not {_describe(value)}"
    return None


def _source_url(value: Any) -> str | None:
    if not isinstance(value, str) or not _URL.match(value) or not is_safe_url(value, WEB_SCHEMES, relative=False):
        return f"must be an http:// or https:// address, not {_describe(value)}"
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
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
