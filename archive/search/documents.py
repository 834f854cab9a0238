"""What the search index is told about each report."""
from __future__ import annotations

from dataclasses import dataclass

from archive.model import Report
from archive.urls import report_url


@dataclass(frozen=True)
class SearchDocument:
    url: str        # site-relative URL path of the report page, e.g. "reports/2022/baodexian/"
    title: str
    unit: str
    region: tuple[str, ...]   # top-down, may be empty
    year: int
    level: str      # 乡镇/街道/县级/市级/省级/部门
    text: str       # the report body as plain text, paragraphs separated by "\n"


def search_documents(reports: list[Report]) -> list[SearchDocument]:
    return [
        SearchDocument(
            url=report_url(r), title=r.title, unit=r.unit, region=r.region,
            year=r.year, level=r.level, text=r.body_text,
        )
        for r in reports
    ]
