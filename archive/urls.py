"""Every page's URL, in one place. URLs are site-relative paths without a leading slash
("reports/2022/baodexian/"); templates prefix the base path, the writer maps them to files."""
from __future__ import annotations

from archive.model import Report
from archive.slugs import place_slugs

HOME = ""
SEARCH = "search/"
UNITS = "units/"
REGIONS = "regions/"
YEARS = "years/"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
CATALOGUE_JSON = "reports.json"
CATALOGUE_CSV = "reports.csv"


def report_url(report: Report) -> str:
    return f"reports/{report.year}/{report.slug}/"


def unit_url(unit_key: tuple[str, ...]) -> str:
    return UNITS + "-".join(place_slugs(unit_key)) + "/"


def region_url(path: tuple[str, ...]) -> str:
    return REGIONS + "".join(f"{slug}/" for slug in place_slugs(path))


def year_url(year: int) -> str:
    return f"{YEARS}{year}/"


def sitemap_part_url(group: str, number: int | None) -> str:
    """A sitemap of the index at SITEMAP: beside it at the top of the site, as the protocol asks of a
    sitemap that lists URLs of the whole site. `number` counts the parts of a group too big for one."""
    return f"sitemap-{group}.xml" if number is None else f"sitemap-{group}-{number}.xml"


def output_path(url: str) -> str:
    """The file a URL is served from: directory URLs get an index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url
