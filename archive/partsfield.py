"""The optional `parts:` front-matter field: an editor's word on which part a heading is, where the
rules in archive/parts.py get a report wrong. Every problem is reported on its entry's line.

    parts:
      三、工作不足及2021年工作计划: [存在的不足和原因, 下一年度主要安排]
      一2022年工作情况: 主要举措和成效          # a heading's anchor works too
      四、其他: []                            # none of the five parts
"""
from __future__ import annotations

import difflib
import html
from collections.abc import Iterator
from typing import Any

import yaml

from archive.outline import Outline
from archive.parts import PART_NAMES, PARTS, part_named

_KNOWN = ", ".join(PART_NAMES)


def entry_lines(source: str, first_line: int) -> dict[str, int]:
    """The line of each heading under `parts:` in front matter YAML that starts on line `first_line`."""
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == "parts" and isinstance(value, yaml.MappingNode):
            return {item.value: item.start_mark.line + first_line for item, _ in value.value}
    return {}


def check_parts_field(value: Any, field_line: int, lines: dict[str, int]) -> list[tuple[int, str]]:
    """The shape of the field and its part names; its headings are checked against the body later."""
    if not isinstance(value, dict):
        return [(field_line, "field 'parts' must map headings to part names, like "
                             "'二、存在的问题: 存在的不足和原因', not " + _describe(value))]
    problems = []
    for heading, names in value.items():
        line = lines.get(str(heading), field_line)
        if not isinstance(heading, str) or not heading.strip():
            problems.append((line, f"field 'parts': {_describe(heading)} is not a heading's text or anchor"))
        elif not isinstance(names, (str, list)) or not all(isinstance(n, str) for n in _as_list(names)):
            problems.append((line, f"field 'parts': '{heading}' must name a part or a list of parts, not {_describe(names)}"))
        else:
            problems += [(line, _unknown_part(heading, name)) for name in _as_list(names) if not part_named(name)]
    return problems


def stated_parts(value: dict[str, Any], lines: dict[str, int], field_line: int,
                 outline: tuple[Outline, ...]) -> tuple[dict[str, tuple[str, ...]], list[tuple[int, str]]]:
    """{anchor: part names} for a field check_parts_field passed, and a problem for each heading not in the body."""
    headings = list(_flatten(outline))
    stated: dict[str, tuple[str, ...]] = {}
    problems = []
    for key, names in value.items():
        matches = [h for h in headings if key.strip() in (h.anchor, html.unescape(h.text).strip())]
        line = lines.get(key, field_line)
        if len(matches) != 1:
            problems.append((line, _no_such_heading(key, matches, headings)))
            continue
        parts = {part_named(name).name for name in _as_list(names)}
        stated[matches[0].anchor] = tuple(part.name for part in PARTS if part.name in parts)
    return stated, problems


def _no_such_heading(key: str, matches: list[Outline], headings: list[Outline]) -> str:
    if matches:
        anchors = ", ".join(h.anchor for h in matches)
        return f"field 'parts': '{key}' is the text of {len(matches)} headings; name one by its anchor ({anchors})"
    texts = [html.unescape(h.text).strip() for h in headings]
    guess = difflib.get_close_matches(key, texts, n=1, cutoff=0.5)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"field 'parts': the report has no heading '{key}'{hint}"


def _unknown_part(heading: str, name: str) -> str:
    guess = difflib.get_close_matches(name, PART_NAMES, n=1, cutoff=0.3)
    hint = f"did you mean '{guess[0]}'?" if guess else f"the parts are: {_KNOWN}"
    return f"field 'parts': '{heading}' names an unknown part '{name}' ({hint})"


def _as_list(names: str | list) -> list:
    return [names] if isinstance(names, str) else names


def _flatten(items: tuple[Outline, ...]) -> Iterator[Outline]:
    for item in items:
        yield item
        yield from _flatten(item.children)


def _describe(value: Any) -> str:
    return "an empty value" if value is None else f"{type(value).__name__} {value!r}"
