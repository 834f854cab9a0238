"""What the search index is told about each report."""
from __future__ import annotations

from archive.model import Report
from archive.search_index import SearchDocument
from archive.urls import report_url


def search_documents(reports: list[Report]) -> list[SearchDocument]:
    return [
        SearchDocument(
            url=report_url(r), title=r.title, unit=r.unit, region=r.region,
            year=r.year, level=r.level, text=r.body_text,
        )
        for r in reports
    ]
