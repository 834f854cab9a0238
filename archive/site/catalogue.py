"""The machine-readable catalogue of all reports, as JSON and CSV, for people who re-use the data."""
from __future__ import annotations

import csv
import io
import json

from archive.site.config import SiteConfig
from archive.model import Report
from archive.urls import report_url

# on_time, days_late and parts come last, so that readers of the older columns are not thrown off.
COLUMNS = ("title", "unit", "region", "level", "year", "published", "source", "source_url", "url",
           "on_time", "days_late", "parts")


def catalogue_rows(reports: list[Report], config: SiteConfig) -> list[dict]:
    return [
        {
            "title": r.title,
            "unit": r.unit,
            "region": list(r.region),
            "level": r.level,
            "year": r.year,
            "published": r.published.isoformat() if r.published else None,
            "on_time": r.deadline.on_time,  # null when the publication date is unknown
            "days_late": r.deadline.days_late,
            "parts": list(r.parts.found),  # the required parts found in its headings, in the regulation's order
            "source": r.source,
            "source_url": r.source_url,
            "url": config.absolute(report_url(r)),
        }
        for r in reports
    ]


def catalogue_json(rows: list[dict]) -> str:
    """A report a line: readable, diffable, and written by json's C encoder (indenting makes json use
    its pure-Python one, three times slower)."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)
    return f'{{"count": {len(rows)}, "reports": [\n{lines}\n]}}\n'


def catalogue_csv(rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark so that spreadsheet programs in China read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "region": "/".join(row["region"]), "parts": "/".join(row["parts"]), "on_time": _yes_no(row["on_time"])})
    return "\ufeff" + buffer.getvalue()


def _yes_no(flag: bool | None) -> str:
    """CSV cells a spreadsheet reads as they are: 是 / 否, empty when unknown."""
    return "" if flag is None else ("是" if flag else "否")
