"""Report bodies: Markdown → safe HTML, plain text for search, and an outline of headings.

A body is untrusted text, so rendering it is bounded by design, whatever it holds:
- lists and quotes nested deeper than MAX_NESTING are refused, with the line, before
  Python-Markdown's recursive block parser could exhaust the stack;
- link text is matched to its `]` only up to MAX_NESTING brackets deep, and a link's
  `(destination "title")` is read by one regular expression with no backtracking blow-up:
  Python-Markdown scanned from every `[` and `](` to the end of the paragraph, so 50,000
  brackets took hours.

Python-Markdown tries each of its inline patterns on every piece of text, half the time of
converting a report; text holding none of the characters a pattern starts with, as most of a
Chinese report does, is left as the patterns would leave it, untried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import unescape

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import (
    IMAGE_LINK_RE, IMAGE_REFERENCE_RE, LINK_RE, REFERENCE_RE, ImageInlineProcessor,
    ImageReferenceInlineProcessor, LinkInlineProcessor, ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor, ShortReferenceInlineProcessor, dequote,
)
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from archive.links import is_safe_url
from archive.outline import Outline

# Lists and quotes inside each other, brackets inside link text, parentheses inside a link's
# address: markdown-it's CommonMark preset stops at the same depth. Reports need four or five.
MAX_NESTING = 20

_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "pre"})


class RenderError(ValueError):
    """A body that cannot be rendered; `line` counts from the body's first line (1), None when unknown."""

    def __init__(self, line: int | None, message: str):
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class RenderedBody:
    html: str
    text: str
    outline: tuple[Outline, ...]


def render_body(source: str) -> RenderedBody:
    _refuse_deep_nesting(source)
    converter = _converter().reset()
    try:
        html = converter.convert(source)
    except RecursionError:  # a shape of nesting _refuse_deep_nesting does not foresee
        raise RenderError(None, f"正文嵌套太深，无法生成（超过 {MAX_NESTING} 层）(nested too deeply to render)") from None
    return RenderedBody(html, plain_text(html), _outline(converter.toc_tokens))


def new_converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["toc", "tables", _NoRawHtml(), _BoundedLinks(), _PlainTextUntried()],
        extension_configs={"toc": {"slugify": heading_anchor, "toc_depth": "2-4"}},
        output_format="html",
    )


# One converter per process, reset for each body: making one costs a third of converting a report.
_converter = cache(new_converter)


def heading_anchor(text: str, separator: str) -> str:
    """Readable Chinese anchors (#一主要举措); one that would start with a digit gets a letter first,
    so it stays a valid id and a valid CSS selector."""
    anchor = slugify_unicode(text, separator)
    return anchor if anchor[:1].isalpha() else f"h{separator}{anchor}"


def plain_text(html: str) -> str:
    """The text a reader sees, one line per paragraph or heading. Read with a regular expression, not
    an HTML parser (five times slower): this is Python-Markdown's own output, with no raw HTML, so
    every < in it opens a tag and every > in an attribute is escaped."""
    text = unescape(_TAG.sub(_line_break_or_nothing, html))
    return "\n".join(line for line in text.split("\n") if line.strip())


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


def _line_break_or_nothing(tag: re.Match) -> str:
    closing, name = tag.group(1), tag.group(2).lower()
    return "\n" if name in _BLOCK_TAGS or (name == "br" and not closing) else ""


def _outline(tokens: list[dict]) -> tuple[Outline, ...]:
    return tuple(Outline(t["level"], t["id"], t["name"], _outline(t["children"])) for t in tokens)


# A quote marker, or a list marker followed by text, at the start of what is left of a line.
_CONTAINER_MARKER = re.compile(r">[ ]?|(?:[*+-]|[0-9]+\.)[ \t]+(?=\S)")
_RULE = re.compile(r"[ ]{0,3}(?:[-*_][ ]*)+\Z")  # `- - -`, `* * *`: a horizontal rule, not lists


def _refuse_deep_nesting(source: str) -> None:
    """Raise RenderError at the first line whose quote and list markers (a list level per four
    spaces of indent before a marker) nest deeper than MAX_NESTING."""
    for number, line in enumerate(source.splitlines(), start=1):
        if not _RULE.match(line) and _nesting_depth(line.expandtabs(4)) > MAX_NESTING:
            raise RenderError(number, f"列表或引用嵌套超过 {MAX_NESTING} 层，报告不应嵌套这么深 "
                                      f"(lists or quotes nested more than {MAX_NESTING} levels deep)")


def _nesting_depth(line: str) -> int:
    """How deep the line nests, counted up to one level past MAX_NESTING."""
    depth, rest = 0, line
    while depth <= MAX_NESTING:
        stripped = rest.lstrip(" ")
        marker = _CONTAINER_MARKER.match(stripped)
        if not marker:
            break
        depth += 1 + (len(rest) - len(stripped)) // 4
        rest = stripped[marker.end():]
    return depth


class _NoRawHtml(Extension):
    """Reports are text copied off web pages: any HTML in them is shown as text, never run."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", 0)


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                if attribute in element.attrib and not is_safe_url(element.attrib[attribute]):
                    del element.attrib[attribute]


_BRACKET = re.compile(r"[\[\]]")


class _BoundedText:
    """Link text read as Python-Markdown reads it, but only up to MAX_NESTING brackets deep."""

    link_texts: _LinkTexts

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        return self.link_texts.read(data, index)


class _LinkTexts:
    """Three processors read the link text after every `[` of a paragraph: each reading is kept
    until the paragraph changes."""

    def __init__(self):
        self.data: str | None = None
        self.readings: dict[int, tuple[str, int, bool]] = {}

    def read(self, data: str, index: int) -> tuple[str, int, bool]:
        if data is not self.data:
            self.data, self.readings = data, {}
        if index not in self.readings:
            self.readings[index] = _read_link_text(data, index)
        return self.readings[index]


def _read_link_text(data: str, index: int) -> tuple[str, int, bool]:
    depth = 1
    for bracket in _BRACKET.finditer(data, index):
        depth += 1 if bracket.group() == "[" else -1
        if depth == 0:
            return data[index:bracket.start()], bracket.end(), True
        if depth > MAX_NESTING:
            break
    return "", index, False


def _balanced_parentheses(depth: int) -> str:
    """A regex for text without spaces or unbalanced parentheses, nested at most `depth` deep."""
    plain = r"[^\s()]"
    pattern = f"{plain}*"
    for _ in range(depth):
        pattern = rf"{plain}*(?:\({pattern}\){plain}*)*"
    return pattern


class _BoundedLinkDestination(_BoundedText):
    """`(<address> "title")` or `(address "title")`: as CommonMark has it, an address without <> has no
    spaces, and a title is set off from it by a space."""

    # Possessive and atomic throughout: every run of spaces or address is read once, never re-split.
    LINK_TAIL = re.compile(
        r"""\(\s*+(?:<(?P<angled>[^<>]*+)>|(?P<bare>(?!["'])(?>%s)|))\s*+"""  # `( "title")` has no address
        r"""(?:(?<=[\s>])(?P<title>"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+')\s*+)?\)"""
        % _balanced_parentheses(MAX_NESTING)
    )

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        match = self.LINK_TAIL.match(data, index)
        if not match:
            return "", None, index, False
        angled, bare = match.group("angled", "bare")
        href = self.unescape(bare if angled is None else angled).strip()
        title = match.group("title")
        if title is not None:
            title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(title.strip())))
        return href, title, match.end(), True


_LINK_PROCESSORS = {  # Python-Markdown's name → (its processor, what replaces the text scan, pattern, priority)
    "reference": (ReferenceInlineProcessor, _BoundedText, REFERENCE_RE, 170),
    "link": (LinkInlineProcessor, _BoundedLinkDestination, LINK_RE, 160),
    "image_link": (ImageInlineProcessor, _BoundedLinkDestination, IMAGE_LINK_RE, 150),
    "image_reference": (ImageReferenceInlineProcessor, _BoundedText, IMAGE_REFERENCE_RE, 140),
    "short_reference": (ShortReferenceInlineProcessor, _BoundedText, REFERENCE_RE, 130),
    "short_image_ref": (ShortImageReferenceInlineProcessor, _BoundedText, IMAGE_REFERENCE_RE, 125),
}


class _BoundedLinks(Extension):
    """Python-Markdown's link and image processors, with the bounded scans above in place of theirs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        link_texts = _LinkTexts()
        for name, (processor, bounded, pattern, priority) in _LINK_PROCESSORS.items():
            bounded_processor = type(f"Bounded{processor.__name__}", (bounded, processor), {})(pattern, md)
            bounded_processor.link_texts = link_texts
            md.inlinePatterns.register(bounded_processor, name, priority)


# What a match of each inline pattern (by Python-Markdown's name for it) starts with.
PATTERN_STARTS = {
    "backtick": "`", "escape": r"\\", "autolink": "<", "automail": "<", "linebreak": "  \n", "entity": "&",
    "em_strong": "[*_]", "reference": r"\[", "link": r"\[", "image_link": r"\[", "image_reference": r"\[",
    "short_reference": r"\[", "short_image_ref": r"\[",
}


class _PlainTextUntried(Extension):
    """Registered last, when every inline pattern is known."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if len(md.inlinePatterns) != len(PATTERN_STARTS) or not all(name in md.inlinePatterns for name in PATTERN_STARTS):
            raise RuntimeError("an inline pattern without an entry in PATTERN_STARTS would go untried")
        md.treeprocessors.register(_InlineProcessorSkippingPlainText(md), "inline", 20)


class _InlineProcessorSkippingPlainText(InlineProcessor):
    _MARKUP = re.compile("|".join(sorted(set(PATTERN_STARTS.values()))))

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 (its name)
        if patternIndex == 0 and not self._MARKUP.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)
