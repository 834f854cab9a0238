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
        return [(field_line, "字段 'parts' 须为标题到部分名称的映射，如 "
                             "'二、存在的问题: 存在的不足和原因' (must map headings to part names)，不能是 " + _describe(value))]
    problems = []
    for heading, names in value.items():
        line = lines.get(str(heading), field_line)
        if not isinstance(heading, str) or not heading.strip():
            problems.append((line, f"字段 'parts'：{_describe(heading)} 不是标题的文字或锚点 (not a heading's text or anchor)"))
        elif not isinstance(names, (str, list)) or not all(isinstance(n, str) for n in _as_list(names)):
            problems.append((line, f"字段 'parts'：'{heading}' 须写一个部分名称或名称列表 (must name a part or a list of parts)，不能是 {_describe(names)}"))
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
        return f"字段 'parts'：有 {len(matches)} 个标题的文字都是 '{key}'，请用锚点指明其一 (name one by its anchor)：{anchors}"
    texts = [html.unescape(h.text).strip() for h in headings]
    guess = difflib.get_close_matches(key, texts, n=1, cutoff=0.5)
    hint = f"，是否应为 '{guess[0]}'？" if guess else ""
    return f"字段 'parts'：报告中没有标题 '{key}' (no such heading){hint}"


def _unknown_part(heading: str, name: str) -> str:
    guess = difflib.get_close_matches(name, PART_NAMES, n=1, cutoff=0.3)
    hint = f"是否应为 '{guess[0]}'？" if guess else f"规定的部分是：{_KNOWN}"
    return f"字段 'parts'：'{heading}' 的部分名称 '{name}' 不存在 (unknown part)，{hint}"


def _as_list(names: str | list) -> list:
    return [names] if isinstance(names, str) else names


def _flatten(items: tuple[Outline, ...]) -> Iterator[Outline]:
    for item in items:
        yield item
        yield from _flatten(item.children)


def _describe(value: Any) -> str:
    return "空值 (an empty value)" if value is None else f"{type(value).__name__} {value!r}"
