"""A YAML mapping with the line of every key, for error messages that name a line.

Whatever the text, loading it either succeeds or gives (line, message) problems:
no exception of PyYAML's constructors escapes, and every string in the result is
text that can be written to a page (no lone surrogates or control characters that
a YAML escape such as "\\ud800" or "\\x00" can make).
"""
from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.reader import Reader

# The characters YAML refuses in a file; an escape in a quoted scalar can still make them.
_NOT_TEXT = Reader.NON_PRINTABLE
# Nesting deeper than any front matter needs: PyYAML's scanner is quadratic in it, its composer recursive.
MAX_DEPTH = 20
_SHOWN = reprlib.Repr()  # Python 3.11's Repr takes no arguments
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlevel = 2  # with maxlist 6: at most 36 items shown of an alias bomb's billion


# Found by comparing the two on 60,000 mutated front matters: libyaml accepts these where PyYAML refuses.
_READ_DIFFERENTLY = re.compile("[\t?\x85\u2028\u2029]")


class _DepthLimitedLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"列表或映射嵌套超过 {MAX_DEPTH} 层 (nested more than {MAX_DEPTH} deep)",
                                              self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class YamlMappingError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class YamlMapping:
    values: dict[str, Any]
    lines: dict[str, int]  # key → line of the key in the file, also for a key whose value cannot be read
    problems: list[tuple[int, str]]  # (line, message): duplicate or unusable keys, values that cannot be read


def shown(value: Any) -> str:
    """A value as an error message shows it: quoted, escaped, and short however large or nested it is."""
    return _SHOWN.repr(value)


def load_mapping(source: str, first_line: int = 1) -> YamlMapping:
    """Parse `source`, which starts on line `first_line` of its file, as a mapping of keys to values."""
    node = _compose(source, first_line)
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    line_of = partial(_line, source, first_line)
    for key_node, value_node in node.value:
        line = line_of(key_node.start_mark)
        key, problem = _key(key_node)
        if problem:
            problems.append((line, problem))
        elif key in lines:
            problems.append((line, f"字段 {shown(key)} 重复出现，第一次在第 {lines[key]} 行 (field given twice)"))
        else:
            lines[key] = line
            problem = _construct_into(values, key, value_node, line_of)
            if problem:
                problems.append(problem)
    return YamlMapping(values, lines, problems)


def _line(source: str, first_line: int, mark: yaml.Mark) -> int:
    """The file's line of a place YAML marks, counting only newlines: YAML also breaks lines at
    characters (U+0085, U+2028, U+2029, a lone CR) that editors show within one line."""
    return source.count("\n", 0, mark.index) + first_line


def _compose(source: str, first_line: int) -> yaml.MappingNode:
    node = _compose_quickly(source)
    if node is not None:
        return node
    try:
        node = yaml.compose(source, Loader=_DepthLimitedLoader)
    except yaml.reader.ReaderError as error:
        line = source.count("\n", 0, error.position) + first_line
        raise YamlMappingError(line, f"YAML 格式错误 (invalid YAML)：YAML 文件中不允许出现 {_character(chr(error.character))}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = _line(source, first_line, mark) if mark else first_line
        raise YamlMappingError(line, f"YAML 格式错误 (invalid YAML): {_error_text(error)}") from None
    if not isinstance(node, yaml.MappingNode):
        raise YamlMappingError(first_line, "文件头须为 '字段: 值' 形式的各行 (expected a mapping of 'key: value' lines)")
    return node


def _compose_quickly(source: str) -> yaml.MappingNode | None:
    """libyaml's parse of well-formed front matter, ten times faster than PyYAML's own; None for
    anything else (an error, nesting past MAX_DEPTH, no libyaml), which PyYAML's loader then reads
    to report the problem as it always has. Text with a character the two read differently (tabs
    and ? inside values, Unicode line breaks) goes to PyYAML too: the build reads as it always has."""
    if not yaml.__with_libyaml__ or _READ_DIFFERENTLY.search(source):
        return None
    try:
        node = yaml.compose(source, Loader=yaml.CSafeLoader)
    except Exception:  # noqa: BLE001 -- any failure is PyYAML's to explain
        return None
    return node if isinstance(node, yaml.MappingNode) and _depth(node) <= MAX_DEPTH else None


def _depth(root: yaml.Node) -> int:
    """How deeply the text nests (an alias is not followed into what it names)."""
    deepest, seen, stack = 0, set(), [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in reversed(node.value) for child in reversed(pair))
    return deepest


def _key(node: yaml.Node) -> tuple[str, str | None]:
    """The field name a key node spells, or the problem when it is a list, a mapping or not text."""
    if isinstance(node, yaml.SequenceNode):
        return "", "字段名须为纯文本，不能是列表 (a field name must be plain text, not a list: a '? [...]' key)"
    if isinstance(node, yaml.MappingNode):
        return "", "字段名须为纯文本，不能是映射 (a field name must be plain text, not a mapping: a '? {...}' key)"
    bad = _NOT_TEXT.search(node.value)
    if bad:
        return "", f"字段名须为纯文本，{_character(bad.group())} 不是文本字符 (not a character of text)"
    return node.value, None


def _construct_into(values: dict[str, Any], key: str, node: yaml.Node, line_of: Callable[[yaml.Mark], int]) -> tuple[int, str] | None:
    """Put the value of `node` in values[key], or return the (line, problem) that prevents it."""
    for scalar in _scalars(node):
        bad = _NOT_TEXT.search(scalar.value)
        if bad:
            return (line_of(scalar.start_mark),
                    f"字段 {shown(key)} 含有 {_character(bad.group())}，不是文本字符 (not a character of text)")
    try:
        # A fresh constructor per field: one that failed half-way keeps state that would spoil the next.
        values[key] = SafeConstructor().construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 2022-13-01, an int of 5,000 digits
        return line_of(node.start_mark), f"字段 {shown(key)} 的值无法读取 (invalid value): {_error_text(error)}"
    except Exception:  # noqa: BLE001 -- PyYAML's constructors raise Key/Index/AttributeError on some tagged text
        return line_of(node.start_mark), f"字段 {shown(key)} 的值无法读取 (invalid value): not a valid {node.tag.rsplit(':', 1)[-1]}"
    return None


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar below `node`, each once, however the document's aliases share or loop them."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(child for pair in reversed(current.value) for child in reversed(pair))


def _character(char: str) -> str:
    return f"U+{ord(char):04X}"


def _error_text(error: Exception) -> str:
    """PyYAML's message, on one line, with any character that is not text spelled as U+XXXX."""
    text = " ".join(str(getattr(error, "problem", None) or error).split())
    return _NOT_TEXT.sub(lambda match: _character(match.group()), text)
