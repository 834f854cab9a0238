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
import lxml.html
import trafilatura

from archive.importer.fields import first_date
from archive.importer.report_fields import PageMeta

_META_NAMES = {
    "articletitle": "title", "pubdate": "published", "contentsource": "source", "sitename": "site",
    "columnname": "column",
}


def is_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|meta|body)\b", text, re.IGNORECASE | re.DOTALL))


def page_text(html: str) -> tuple[str, PageMeta]:
    """The page's main text and its <meta> facts."""
    meta = read_meta(html)
    text = trafilatura.extract(
        html, favor_recall=True, include_tables=True, include_comments=False, include_links=False,
        include_images=False, deduplicate=False, with_metadata=False,
    ) or ""
    return text, meta


def read_meta(html: str) -> PageMeta:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return PageMeta()
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        field = _META_NAMES.get((element.get("name") or "").strip().lower())
        content = " ".join((element.get("content") or "").split())
        if field and content and field not in found:
            found[field] = content
    published = _meta_date(found.pop("published", "")) or _html_date(html)
    return PageMeta(published=published, **found)


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
