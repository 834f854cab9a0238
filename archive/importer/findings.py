"""How a field of a report was found: 原文 (stated in the text), 推断 (guessed), 缺失 (missing);
and the evidence the finders weigh besides the page's own lines (a saved page's <meta> tags)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from archive.importer.fields import Field
from archive.importer.page import Page, is_paragraph

SIGNATURE_LINES = 3  # a report signs off in its last lines: unit, then date


class How(Enum):
    FOUND = "原文"
    GUESSED = "推断"
    MISSING = "缺失"

    @property
    def english(self) -> str:
        return {"原文": "found in text", "推断": "guessed, review", "缺失": "missing, review"}[self.value]


@dataclass(frozen=True)
class Finding:
    value: Any
    how: How
    detail: str


@dataclass(frozen=True)
class PageMeta:
    """What a saved web page's <meta> tags state (ArticleTitle, PubDate, ContentSource, SiteName…)."""
    title: str | None = None
    published: date | None = None
    source: str | None = None
    site: str | None = None
    column: str | None = None


def found(value: Any, detail: str) -> Finding:
    return Finding(value, How.FOUND, detail)


def guessed(value: Any, detail: str) -> Finding:
    return Finding(value, How.GUESSED, detail)


def missing(detail: str) -> Finding:
    return Finding(None, How.MISSING, detail)


def page_fields(page: Page, *roles: str) -> list[Field]:
    """The page's metadata of these roles, in the order of the roles, values present."""
    return [field for role in roles for field in page.fields if field.role == role and field.value]


def before_first_paragraph(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The report's lines above its first paragraph: a salutation, a byline, a dated subtitle."""
    first = next((i for i, line in enumerate(lines) if is_paragraph(line)), 0)
    return lines[:first]
