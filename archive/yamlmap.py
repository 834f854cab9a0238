"""A YAML mapping with the line of every key, for error messages that name a line."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class YamlMappingError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class YamlMapping:
    values: dict[str, Any]
    lines: dict[str, int]  # key → line of the key in the file
    problems: list[tuple[int, str]]  # (line, message): duplicate keys, values that cannot be read


def load_mapping(source: str, first_line: int = 1) -> YamlMapping:
    """Parse `source`, which starts on line `first_line` of its file, as a mapping of keys to values."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        raise YamlMappingError(line, f"invalid YAML: {_error_text(error)}") from None
    if not isinstance(node, yaml.MappingNode):
        raise YamlMappingError(first_line, "expected a mapping of 'key: value' lines")
    constructor = yaml.SafeLoader("")
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = key_node.value
        if key in values:
            problems.append((line, f"field '{key}' is given twice (first on line {lines[key]})"))
            continue
        try:
            values[key] = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 2022-13-01
            problems.append((line, f"invalid value for '{key}': {_error_text(error)}"))
            continue
        lines[key] = line
    return YamlMapping(values, lines, problems)


def _error_text(error: Exception) -> str:
    return str(getattr(error, "problem", None) or error).strip()
