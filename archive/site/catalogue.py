"""The machine-readable catalogue of all reports, as JSON and CSV, for people who re-use the data."""
from __future__ import annotations

import csv
import io
import json

from archive.site.config import SiteConfig
from archive.model import Report
from archive.urls import report_url

COLUMNS = ("title", "unit", "region", "level", "year", "published", "source", "source_url", "url")


def catalogue_rows(reports: list[Report], config: SiteConfig) -> list[dict]:
    return [
        {
            "title": r.title,
            "unit": r.unit,
            "region": list(r.region),
            "level": r.level,
            "year": r.year,
            "published": r.published.isoformat() if r.published else None,
            "source": r.source,
            "source_url": r.source_url,
            "url": config.absolute(report_url(r)),
        }
        for r in reports
    ]


def catalogue_json(rows: list[dict]) -> str:
    return json.dumps({"reports": rows, "count": len(rows)}, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def catalogue_csv(rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark so that spreadsheet programs in China read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "region": "/".join(row["region"])})
    return "\ufeff" + buffer.getvalue()
