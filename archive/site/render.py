"""Pages: which pages the site has, the one context every template gets, and rendering them."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from archive import urls
from archive.site.config import SiteConfig
from archive.site.grouping import Archive, Region, Unit, Year
from archive.model import LEVELS, Report
from archive.parts import PARTS, part_named
from archive.site import charts
from archive.site.comparison import year_pairs
from archive.site.yearly import silent_units, units_below, year_rolls


FEED_LENGTH = 50


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    variables: Mapping[str, Any] = field(default_factory=dict)


def site_pages(archive: Archive) -> list[Page]:
    """Every rendered page of the site, in a fixed order."""
    pages = [
        Page(urls.HOME, "home.html", "首页"),
        *(_report_page(archive, report) for report in archive.reports),
        Page(urls.UNITS, "units.html", "按单位浏览"),
        *(_unit_page(unit) for unit in archive.units),
        *(_region_page(region, archive) for region in archive.root_region.walk()),
        Page(urls.YEARS, "years.html", "按年份浏览"),
        *(_year_page(year, archive) for year in archive.years),
        Page(urls.SEARCH, "search.html", "全文检索"),
    ]
    newest = sorted(archive.reports, key=lambda r: (entry_date(r), r.slug), reverse=True)
    return [
        *pages,
        Page(urls.NOT_FOUND, "404.html", "页面不存在"),
        Page(urls.FEED, "feed.xml", "最新报告", {"entries": newest[:FEED_LENGTH]}),
        Page(urls.SITEMAP, "sitemap.xml", "网站地图", {"pages": pages}),
    ]


def entry_date(report: Report) -> date:
    """When a report appeared: its publication date, else the end of the year it reports on."""
    return report.published or date(report.year, 12, 31)


def _report_page(archive: Archive, report: Report) -> Page:
    unit = archive.unit_of(report)
    others = tuple(r for r in unit.reports if r is not report)
    return Page(urls.report_url(report), "report.html", report.title, {"report": report, "unit": unit, "other_years": others})


def _unit_page(unit: Unit) -> Page:
    # whole_reports: the year-by-year comparison shows the reports' text, so it needs their bodies
    return Page(unit.url, "unit.html", unit.name, {"unit": unit, "whole_reports": unit.reports})


def _region_page(region: Region, archive: Archive) -> Page:
    title = "按地区浏览" if not region.path else region.name
    units = units_below(region)
    return Page(region.url, "region.html", title, {
        "region": region,
        "region_reports": tuple(r for unit in units for r in unit.reports),
        "rolls": year_rolls(units, archive.years[0].year) if region.path else (),
    })


def _year_page(year: Year, archive: Archive) -> Page:
    return Page(year.url, "year.html", f"{year.year}年度报告", {"year": year, "silent": silent_units(archive.units, year.year)})


def get_context(page: Page, config: SiteConfig, archive: Archive) -> dict[str, Any]:
    """The context of every template: the site, the archive, the page and its own variables."""
    return {
        "site": config,
        "archive": archive,
        "page": page,
        "levels": LEVELS,
        "url": lambda path: config.base_path + path,
        "absolute_url": config.absolute,
        "report_url": urls.report_url,
        "region_url": urls.region_url,
        "year_url": urls.year_url,
        "region_trail": region_trail,
        "required_parts": PARTS,
        "charts": charts,
        "year_pairs": year_pairs,
        **page.variables,
    }


def region_trail(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, url) for each level of a region path, top-down, for breadcrumbs."""
    return [(name, urls.region_url(names[: depth + 1])) for depth, name in enumerate(names)]


def template_environment(templates_dir: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cn_date"] = cn_date
    environment.filters["entry_date"] = entry_date
    environment.filters["part_label"] = lambda name: part_named(name).label
    return environment


def cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def render_pages(pages: list[Page], config: SiteConfig, archive: Archive, templates_dir: Path) -> Iterator[tuple[Page, str]]:
    environment = template_environment(templates_dir)
    for page in pages:
        template = environment.get_template(page.template)
        yield page, template.render(get_context(page, config, archive))
