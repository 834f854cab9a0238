"""Plain report text → Markdown that renders as exactly that text.

Chinese punctuation is never touched; only ASCII characters Markdown would read as markup are
escaped. Each escaped line is meant to be a block of its own (blank lines around it), so list
markers, quotes, rules and headings can only start at the beginning of the line.
"""
from __future__ import annotations

import re

_INLINE_MARKUP = re.compile(r"([\\`*_\[\]#])")
_BLOCK_START = re.compile(r"[>+\-]|\d+\.(?=\s|$)")


def escape_markdown(text: str) -> str:
    escaped = _INLINE_MARKUP.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
    block_start = _BLOCK_START.match(escaped)
    if block_start:
        end = block_start.end()
        return escaped[: end - 1] + "\\" + escaped[end - 1 :]
    return escaped
