"""Report bodies: Markdown → safe HTML, plain text for search, and an outline of headings."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from archive.links import is_safe_url
from archive.model import Outline

_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "pre"})


@dataclass(frozen=True)
class RenderedBody:
    html: str
    text: str
    outline: tuple[Outline, ...]


def render_body(source: str) -> RenderedBody:
    converter = markdown.Markdown(
        extensions=["toc", "tables", _NoRawHtml()],
        extension_configs={"toc": {"slugify": heading_anchor, "toc_depth": "2-4"}},
        output_format="html",
    )
    html = converter.convert(source)
    return RenderedBody(html, plain_text(html), _outline(converter.toc_tokens))


def heading_anchor(text: str, separator: str) -> str:
    """Readable Chinese anchors (#一主要举措); one that would start with a digit gets a letter first,
    so it stays a valid id and a valid CSS selector."""
    anchor = slugify_unicode(text, separator)
    return anchor if anchor[:1].isalpha() else f"h{separator}{anchor}"


def plain_text(html: str) -> str:
    """The text a reader sees, one line per paragraph or heading."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "\n".join(line for line in "".join(extractor.parts).split("\n") if line.strip())


def _outline(tokens: list[dict]) -> tuple[Outline, ...]:
    return tuple(Outline(t["level"], t["id"], t["name"], _outline(t["children"])) for t in tokens)


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


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)
