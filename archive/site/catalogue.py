"""The machine-readable catalogue of all reports, as JSON and CSV, for people who re-use the data.

Each report's JSON line and CSV line are kept by the digest of its listed fields (Report.keyed), so
that after one report changed, the catalogue is joined from the lines of the last build and only
that report's are made.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from archive import urls
from archive.model import Report
from archive.site.cache import BuildCache, config_stamp
from archive.site.config import SiteConfig
from archive.site.writer import DeferredWrites

# on_time, days_late and parts come last, so that readers of the older columns are not thrown off.
COLUMNS = ("title", "unit", "region", "level", "year", "published", "source", "source_url", "url",
           "on_time", "days_late", "parts")

Lines = dict[str, tuple[str, str]]  # report's listing digest → (its JSON line, its CSV line)


def write_catalogue(sink: DeferredWrites, cache: BuildCache, entry: str, reports: list[Report], config: SiteConfig) -> None:
    """reports.json and reports.csv, joined from the lines the cache keeps under `entry` (one per
    site) for the reports that did not change, and those of the ones that did."""
    stamp = config_stamp(config)
    stored = cache.load("catalogue", entry)
    known = stored["lines"] if isinstance(stored, dict) and stored.get("stamp") == stamp else {}
    lines = catalogue_lines(reports, config, known)
    sink.write(urls.CATALOGUE_JSON, catalogue_json(lines).encode("utf-8"))
    sink.write(urls.CATALOGUE_CSV, catalogue_csv(lines).encode("utf-8"))
    if lines.keys() != known.keys():
        cache.store("catalogue", entry, {"stamp": stamp, "lines": lines})


def catalogue_lines(reports: list[Report], config: SiteConfig, known: Mapping[str, tuple[str, str]]) -> Lines:
    """Every report's lines, in the reports' order: those `known` (made with the same config) as they were."""
    return {report.listing_digest: known.get(report.listing_digest) or _lines(catalogue_row(report, config)) for report in reports}


def catalogue_row(r: Report, config: SiteConfig) -> dict:
    return {
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
        "url": config.absolute(urls.report_url(r)),
    }


def _lines(row: dict) -> tuple[str, str]:
    """JSON by json's C encoder (indenting makes json use its pure-Python one, three times slower)."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n").writerow(
        {**row, "region": "/".join(row["region"]), "parts": "/".join(row["parts"]), "on_time": _yes_no(row["on_time"])})
    return json.dumps(row, ensure_ascii=False, sort_keys=True), buffer.getvalue()


def catalogue_json(lines: Lines) -> str:
    """A report a line: readable and diffable."""
    joined = ",\n".join(json_line for json_line, _ in lines.values())
    return f'{{"count": {len(lines)}, "reports": [\n{joined}\n]}}\n'


def catalogue_csv(lines: Lines) -> str:
    """UTF-8 with a byte-order mark so that spreadsheet programs in China read the Chinese right."""
    return "\ufeff" + ",".join(COLUMNS) + "\r\n" + "".join(csv_line for _, csv_line in lines.values())


def _yes_no(flag: bool | None) -> str:
    """CSV cells a spreadsheet reads as they are: 是 / 否, empty when unknown."""
    return "" if flag is None else ("是" if flag else "否")
