"""A page saved from a browser (page.html) → its main text and what its <meta> tags state.

The main text is extracted with trafilatura, which is made for this (boilerplate removal on
millions of pages); dates with htmldate, its companion. Chinese government CMSs (the TRS/Hanweb
family) also carry the article's facts as <meta name="ArticleTitle" …>, PubDate, ContentSource,
SiteName and ColumnName; they are read as evidence, weighed after what the text itself states.
"""
from __future__ import annotations

import re
from datetime import date

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from archive.importer.fields import first_date
from archive.importer.page import title_score
from archive.importer.findings import PageMeta

_MIN_ARTICLE_CHARS = 200
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol")
_TEXT_ELEMENTS = ("p", "head", "item", "cell", "quote", "code")
_CELLS = ("span", "td", "th", "em", "font", "label", "a")  # copied with a space between them
_META_NAMES = {
    "articletitle": "title", "pubdate": "published", "contentsource": "source", "sitename": "site",
    "columnname": "column", "og:title": "title",
}


def is_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|meta|body)\b", text, re.IGNORECASE | re.DOTALL))


def page_text(html: str) -> tuple[str, PageMeta]:
    """The page's main text and its <meta> facts. When the extractor finds no article (a page of
    unusual markup), the whole page's text is read instead; the page model removes its chrome."""
    meta = read_meta(html)
    extracted = trafilatura.extract(
        html, output_format="xml", favor_recall=True, include_tables=True, include_comments=False,
        include_links=False, include_images=False, deduplicate=False, with_metadata=False,
    )
    text = _xml_text(extracted) if extracted else ""
    if len(text) < _MIN_ARTICLE_CHARS:
        text = whole_text(html)
    return text, meta


def _xml_text(xml: str) -> str:
    """trafilatura's XML (p, head, item, cell, lb) → one line per paragraph, heading, item or cell.
    Its plain-text output would run a layout table's paragraphs together on one row."""
    root = lxml.etree.fromstring(xml.encode("utf-8"))
    for line_break in root.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = [
        "".join(element.itertext())
        for element in root.iter(*_TEXT_ELEMENTS)
        if not any(child.tag in _TEXT_ELEMENTS for child in element.iterdescendants())
    ]
    return "\n".join(lines)


def whole_text(html: str) -> str:
    """Every visible line of the page, one block element a line."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in tree.iter("script", "style", "noscript", "template"):
        element.drop_tree() if element.getparent() is not None else None
    for element in tree.iter(*_BLOCKS, *_CELLS):
        element.tail = ("\n" if element.tag in _BLOCKS else " ") + (element.tail or "")
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def read_meta(html: str) -> PageMeta:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return PageMeta()
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip().lower()
        field = _META_NAMES.get(name)
        content = " ".join((element.get("content") or "").split())
        if field and content and field not in found:
            found[field] = content
    found.setdefault("title", _title_in_head(tree) or "")
    published = _meta_date(found.pop("published", "")) or _html_date(html)
    return PageMeta(published=published, **{field: value for field, value in found.items() if value})


def _title_in_head(tree) -> str | None:
    """The report's title in <title>, which CMSs compose as title_column_site or title - site."""
    title = tree.findtext(".//title") or ""
    parts = [" ".join(part.split()) for part in re.split(r"\s*(?:_|\||｜|-{1,2}|—+)\s*", title)]
    return next((part for part in parts if title_score(part)), None)


def _meta_date(text: str) -> date | None:
    parts = first_date(text)
    if not parts:
        return None
    try:
        return date(*map(int, parts))
    except ValueError:
        return None


def _html_date(html: str) -> date | None:
    """The publishing date htmldate reads from the page's markup (not from widgets in its text)."""
    found = htmldate.find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None
