"""Pages: which pages the site has, the one context every template gets, and rendering them.

A page is rendered again only when what it is made from changed: its stamp is a digest of the
code, the config, its templates and the reports it shows (found by walking its variables: what a
listing shows of each, and the whole file of those whose text it shows), and a page whose stamp is
the last build's keeps the last build's file. What a template sees that follows
from those variables (a region's year-by-year rolls, a unit's other reports) is derived only for a
page that is rendered.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import jinja2

from archive import urls
from archive.site.anchors import with_heading_links
from archive.site.cache import BuildCache, config_stamp, digest_of
from archive.site.collect import load_report
from archive.site.parallel import parallel_map
from archive.site.progress import progress
from archive.site.rows import RowCache, by_shard
from archive.site.writer import SiteWriter
from archive.site.config import SiteConfig
from archive.site.grouping import Archive, Region, Unit, Year, newest_first
from archive.model import LEVELS, Report
from archive.parts import PARTS, part_named
from archive.site import charts
from archive.site.comparison import year_pairs
from archive.site.yearly import silent_by_year, units_below, year_rolls


FEED_LENGTH = 50
SITEMAP_LIMIT = 50_000  # the URLs one sitemap may list (sitemaps.org)
_ROW_SHARDS = 16  # files of stored listing rows: one edit rewrites a few of them, not 20 MB
# {% extends "base.html" %}, {% include … %}, {% import … %}, {% from … import %}: our templates name them literally.
_TEMPLATE_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    variables: Mapping[str, Any] = field(default_factory=dict)  # the page's inputs, stamped
    whole_archive: bool = False  # the template sees the whole archive, so every report is an input
    derive: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None  # more variables, from these alone
    texts: tuple[Report, ...] = ()  # the reports whose text it shows (the others only as listings show them)


def site_pages(archive: Archive) -> list[Page]:
    """Every rendered page of the site, in a fixed order."""
    silent = silent_by_year(archive.units)
    pages = [
        Page(urls.HOME, "home.html", "首页", whole_archive=True),
        *_report_pages(archive),
        Page(urls.UNITS, "units.html", "按单位浏览", whole_archive=True),
        *(_unit_page(unit, archive) for unit in archive.units),
        *(_region_page(region, archive) for region in archive.root_region.walk()),
        Page(urls.YEARS, "years.html", "按年份浏览", whole_archive=True),
        *(_year_page(year, silent.get(year.year, ())) for year in archive.years),
        Page(urls.SEARCH, "search.html", "全文检索", {"parts": PARTS}),
    ]
    return [
        *pages,
        Page(urls.NOT_FOUND, "404.html", "页面不存在"),
        Page(urls.FEED, "feed.xml", "最新报告", {"entries": feed_entries(archive)}),
        *sitemap_pages(pages),
    ]


def sitemap_pages(pages: list[Page]) -> list[Page]:
    """The sitemap: an index of sitemaps, one for the pages that are not a report's and one for
    each year's reports, each split in parts of SITEMAP_LIMIT URLs when longer. A report added or
    changed makes its year's sitemap again, not one of the whole archive, and an archive of any
    size stays within the protocol. A report's page is dated by its publication, nothing else is
    (a build date would change every entry on every build)."""
    groups: dict[str, list[tuple[str, str | None]]] = {"pages": []}
    for page in pages:
        report = page.variables.get("report")
        group = groups.setdefault(str(report.year), []) if report else groups["pages"]
        group.append((page.url, report.published.isoformat() if report and report.published else None))
    parts = []
    for name in sorted(groups, key=lambda name: (name != "pages", -int(name) if name.isdigit() else 0)):
        entries = groups[name]
        count = -(-len(entries) // SITEMAP_LIMIT)
        for number in range(count):
            url = urls.sitemap_part_url(name, number + 1 if count > 1 else None)
            parts.append(Page(url, "sitemap.xml", "网站地图", {"entries": tuple(entries[number * SITEMAP_LIMIT:(number + 1) * SITEMAP_LIMIT])}))
    return [*parts, Page(urls.SITEMAP, "sitemap-index.xml", "网站地图", {"parts": tuple(part.url for part in parts)})]


def feed_entries(archive: Archive) -> tuple[Report, ...]:
    """The newest dated reports. An undated report is left out rather than given a made-up date:
    Atom requires each entry's <updated>, and readers sort and mark items new by it."""
    return tuple(r for r in archive.newest if r.published)[:FEED_LENGTH]


def report_page(archive: Archive, report: Report) -> Page:
    unit = archive.unit_of(report)
    return _report_page(report, unit, archive.own_region(unit))


def _report_pages(archive: Archive) -> list[Page]:
    """Every report's page, in the archive's order: made unit by unit, each unit's region found once."""
    made = {}
    for unit in archive.units:
        own_region = archive.own_region(unit)
        for report in unit.reports:
            made[id(report)] = _report_page(report, unit, own_region)
    return [made[id(report)] for report in archive.reports]


def _report_page(report: Report, unit: Unit, own_region: Region | None) -> Page:
    # own_region (here and on unit pages): a unit that is a place links its region page, which
    # exists only while units are listed under it, so the reports there are the page's inputs too.
    return Page(urls.report_url(report), "report.html", report.title,
                {"report": report, "unit": unit, "own_region": own_region}, derive=_other_years, texts=(report,))


def _other_years(variables: Mapping[str, Any]) -> dict[str, Any]:
    source = variables["report"].source_path  # by path: the report shown may be the whole one, loaded anew
    return {"other_years": tuple(r for r in variables["unit"].reports if r.source_path != source)}


def _unit_page(unit: Unit, archive: Archive) -> Page:
    return Page(unit.url, "unit.html", unit.name, {"unit": unit, "own_region": archive.own_region(unit)}, derive=_compared,
                texts=_compared_reports(unit))


def _compared(variables: Mapping[str, Any]) -> dict[str, Any]:
    return {"whole_reports": _compared_reports(variables["unit"])}


def _compared_reports(unit: Unit) -> tuple[Report, ...]:
    """The reports whose texts the year-by-year comparison shows (so their bodies are loaded): none
    for a unit of one report, which has nothing to compare."""
    return unit.reports if len(unit.reports) > 1 else ()


def _region_page(region: Region, archive: Archive) -> Page:
    title = "按地区浏览" if not region.path else region.name
    return Page(region.url, "region.html", title, {"region": region, "last_year": archive.years[0].year}, derive=_region_listing)


def _region_listing(variables: Mapping[str, Any]) -> dict[str, Any]:
    region = variables["region"]
    units = units_below(region)
    return {
        "region_reports": tuple(r for unit in units for r in unit.reports),
        "rolls": year_rolls(units, variables["last_year"]) if region.path else (),
    }


def _year_page(year: Year, silent: tuple[Unit, ...]) -> Page:
    return Page(year.url, "year.html", f"{year.year}年度报告", {"year": year, "silent": silent}, derive=_newest)


def _newest(variables: Mapping[str, Any]) -> dict[str, Any]:
    return {"newest": newest_first(variables["year"].reports)}


def get_context(page: Page, archive: Archive) -> dict[str, Any]:
    """What a template sees beside the build's globals (template_environment): the page, its own
    variables and those derived from them, and the archive when the page shows all of it."""
    derived = page.derive(page.variables) if page.derive else {}
    return {**({"archive": archive} if page.whole_archive else {}), "page": page, **page.variables, **derived}


def region_trail(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, url) for each level of a region path, top-down, for breadcrumbs."""
    return list(_region_trail(names))


@cache  # every page of a county's units and reports shows the same trail
def _region_trail(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, urls.region_url(names[: depth + 1])) for depth, name in enumerate(names))


def template_environment(templates_dir: Path, config: SiteConfig, compiled: Path | None = None) -> jinja2.Environment:
    """The templates of one build, with what every page and macro sees as globals: the site, link
    makers, the required parts, the chart and comparison builders. Macros need only these, so
    macros.html is imported without context and made into a module once per build, not once per
    page. `compiled`: a folder keeping compiled templates between builds (Jinja checks their sources)."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # an environment lives for one build, during which templates do not change
    )
    environment.filters["cn_date"] = cn_date
    environment.filters["heading_links"] = with_heading_links
    environment.filters["part_label"] = lambda name: part_named(name).label
    base_path = config.base_path
    environment.globals.update({
        "site": config,
        "levels": LEVELS,
        "url": lambda path: base_path + path,
        "absolute_url": config.absolute,
        "report_url": urls.report_url,
        "year_url": urls.year_url,
        "region_trail": region_trail,
        "required_parts": PARTS,
        "charts": charts,
        "year_pairs": year_pairs,
        "once": RowCache(),  # rows shown on many pages, rendered once per build
    })
    return environment


def cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


class StampBook:
    """What each output file of the last build was made from: a file whose stamp is unchanged and
    whose size and time are as recorded is kept as it is."""

    def __init__(self, cache: BuildCache, site: SiteWriter):
        self.cache, self.site = cache, site
        self.key = str(site.site_dir.resolve())
        self.previous = cache.index.pages.get(self.key, {})
        self.kept: dict[str, tuple[str, int, int]] = {}  # path → (stamp, size, mtime_ns)
        self.previous_listings, self.previous_texts = cache.index.renders.get(self.key, (None, frozenset()))
        # The stamp of what every listing shows (code, config, templates, every report's listed
        # fields), and the digests of the texts shown: set by render_site.
        self.listings: str | None = None
        self.texts: frozenset[str] = frozenset()

    def keep(self, stamped: list[tuple[str, str]]) -> set[str]:
        """Of the (path, stamp) given, the paths whose file is kept: its stamp the last build's and
        its size and time as recorded."""
        candidates = {}
        for path, stamp in stamped:
            previous = self.previous.get(path)
            if previous and previous[0] == stamp:
                candidates[path] = previous
        kept = self.site.keep_signed([(path, previous[1:]) for path, previous in candidates.items()])
        self.kept.update((path, candidates[path]) for path in kept)
        return kept

    def write(self, path: str, stamp: str, data: bytes | str) -> None:
        self.site.write(path, data)
        self.kept[path] = (stamp, *self.site.signature(path))

    def stamp_of(self, path: str) -> str | None:
        known = self.previous.get(path)
        return known[0] if known else None

    def as_before(self, page: Page) -> bool:
        """The page's stamp is certainly the one it had: nothing any listing shows changed, and
        neither did the texts it shows."""
        return self.listings == self.previous_listings and all(report.digest in self.previous_texts for report in page.texts)

    def close(self) -> None:
        self.cache.index.pages[self.key] = self.kept
        if self.listings is not None:
            self.cache.index.renders[self.key] = (self.listings, self.texts)


def render_site(pages: list[Page], config: SiteConfig, archive: Archive, templates_dir: Path,
                stamps: StampBook, workers: int) -> int:
    """Write every page; pages whose stamp is unchanged keep the last build's file. Returns how many were rendered."""
    global _rendering
    environment = template_environment(templates_dir, config, stamps.cache.folder / "templates")
    template_stamps = template_versions(environment)
    site_stamp, whole_stamp = config_stamp(config), archive_stamp(archive)
    stamps.listings = digest_of(site_stamp, *sorted(template_stamps.values()), whole_stamp)
    stamps.texts = frozenset(report.digest for report in archive.reports)
    to_render = _changed_pages(pages, stamps, site_stamp, template_stamps, whole_stamp)
    if not to_render:
        return 0
    once = environment.globals["once"]
    rows_stamp = digest_of(site_stamp, *sorted(template_stamps.values()))
    stored_rows = _stored_rows(stamps, rows_stamp)
    for rows in stored_rows:
        once.add(rows)
    _rendering = (environment, archive, stamps.cache)  # shared with the forked workers
    # Even with the four pages that list the whole archive, a few dozen pages (one edited report's)
    # render here in a third of the time it takes to fork a pool from a process holding the archive.
    rendered = parallel_map(_render, [page for page, _ in to_render], workers, chunksize=max(1, min(32, len(to_render) // (8 * workers))))
    new_rows = False
    for (page, stamp), (html, fresh) in progress(zip(to_render, rendered), len(to_render), "生成页面"):
        stamps.write(urls.output_path(page.url), stamp, html)
        once.add(fresh)
        new_rows = new_rows or bool(fresh)
    if new_rows:
        _store_rows(stamps, rows_stamp, by_shard(once.still_shown(archive), _ROW_SHARDS), stored_rows)
    return len(to_render)


def _changed_pages(pages: list[Page], stamps: StampBook, site_stamp: str, template_stamps: Mapping[str, str],
                   whole_stamp: str) -> list[tuple[Page, str]]:
    """(page, stamp) of every page whose stamp is not the last build's; the others keep their file.
    When nothing a listing shows changed (no report's listed fields, no template, config or code),
    the pages are those of the last build, made from the same inputs but for the texts: those
    that show no changed text are taken as they were, their stamps not worked out again."""
    inputs = _ReportsShown()
    prefixes = {name: digest_of(site_stamp, template_stamp, name) for name, template_stamp in template_stamps.items()}
    stamped = []
    for page in pages:
        path = urls.output_path(page.url)
        stamp = stamps.stamp_of(path) if stamps.as_before(page) else None
        stamped.append((page, path, stamp or page_stamp(page, prefixes[page.template], whole_stamp, inputs)))
    kept = stamps.keep([(path, stamp) for _, path, stamp in stamped])
    return [(page, stamp) for page, path, stamp in stamped if path not in kept]


def _stored_rows(stamps: StampBook, rows_stamp: str) -> list[Mapping]:
    """The listing rows the last build of this site rendered with these templates and config, by
    shard; none when the cache does not know that build (the first one, or build --clean)."""
    shards = []
    for shard in range(_ROW_SHARDS):
        stored = stamps.cache.load("rows", _rows_entry(stamps, shard)) if stamps.previous else None
        shards.append(stored["rows"] if isinstance(stored, dict) and stored.get("stamp") == rows_stamp else {})
    return shards


def _store_rows(stamps: StampBook, rows_stamp: str, shards: list[Mapping], stored: list[Mapping]) -> None:
    """The shards whose rows are not those stored."""
    for shard, (rows, before) in enumerate(zip(shards, stored)):
        if rows.keys() != before.keys():
            stamps.cache.store("rows", _rows_entry(stamps, shard), {"stamp": rows_stamp, "rows": rows})


def _rows_entry(stamps: StampBook, shard: int) -> str:
    return digest_of("rows", stamps.key, str(shard))


def archive_stamp(archive: Archive) -> str:
    """Changes whenever what a listing shows of any report does: the stamp of what shows the whole archive."""
    return digest_of(*sorted(report.listing_digest for report in archive.reports))


_rendering: tuple[jinja2.Environment, Archive, BuildCache] | None = None


def _render(page: Page) -> tuple[bytes, dict]:
    """The page's bytes, and the listing rows rendered for it that were not known before."""
    environment, archive, cache = _rendering
    context = get_context(page, archive)
    if "report" in context:  # listing pages hold reports without bodies; this one shows it whole
        context["report"] = load_report(cache, context["report"])
    if "whole_reports" in context:  # a unit page compares its reports' texts
        context["whole_reports"] = tuple(load_report(cache, r) for r in context["whole_reports"])
    html = environment.get_template(page.template).render(context)
    return html.encode("utf-8"), environment.globals["once"].take_fresh()


def page_stamp(page: Page, prefix: str, all_reports: str, inputs: _ReportsShown) -> str:
    """`prefix`: the stamp of the code, config and template. One hash per page: the URL has no
    space, the digests and reprs shown no control character, and the title (anything) comes last."""
    # A report page's report is taken here, not by a call: ten thousand pages are stamped.
    shown = all_reports if page.whole_archive else " ".join(
        [value.listing_digest if type(value) is Report else inputs.of(value) for value in page.variables.values()])
    texts = " ".join([report.digest for report in page.texts])
    return hashlib.sha256(f"{prefix} {page.url} {shown}\1{texts}\0{page.title}".encode("utf-8", "surrogatepass")).hexdigest()


_PLAIN = frozenset({str, int, float, bool, type(None), date, bytes})  # stamped as they are (a report as listings show it)


class _ReportsShown:
    """A digest of the reports and plain values a value holds, however deeply (units, regions, years,
    pages), in order: it changes when one of them does, or when they come in another order. Computed once per
    object, from its parts' digests (a region's from its children's), so stamping every page of
    the archive hashes each report's digest a few times, not once per page that shows it. The
    objects live through the build."""

    def __init__(self):
        self.memo: dict[int, str] = {}
        self.readers: dict[type, Callable[[Any], Iterable[Any]]] = {}

    def of(self, value: Any) -> str:
        kind = type(value)
        if kind is Report:
            return value.listing_digest
        if kind in _PLAIN:
            return repr(value)
        known = self.memo.get(id(value))
        if known is not None:
            return known
        if kind is tuple and all(type(item) in _PLAIN for item in value):
            return repr(value)  # a place's path, a unit's key: as short as its digest would be
        reader = self.readers.get(kind) or self.readers.setdefault(kind, _parts_reader(kind))
        # Reports and plain values are most of what is walked: taken here, not by a call each.
        parts = [item.listing_digest if type(item) is Report else repr(item) if type(item) in _PLAIN else self.of(item)
                 for item in reader(value)]
        digest = hashlib.sha256(" ".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        self.memo[id(value)] = digest
        return digest


def _parts_reader(kind: type) -> Callable[[Any], Iterable[Any]]:
    """How to list what a value of this type is made of: a dataclass's fields, a mapping's values,
    a list's or tuple's items; nothing for anything else (a function, a module)."""
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind))
        return attrgetter(*names) if len(names) > 1 else lambda value: [getattr(value, name) for name in names]
    if issubclass(kind, Mapping):
        return lambda value: value.values()
    if issubclass(kind, (list, tuple)):
        return lambda value: value
    return lambda value: ()


def template_versions(environment: jinja2.Environment) -> dict[str, str]:
    """Template name → digest of its source and of every template it extends, includes or imports."""
    sources = {name: environment.loader.get_source(environment, name)[0] for name in environment.list_templates()}
    references = {name: set(_TEMPLATE_REFERENCE.findall(source)) for name, source in sources.items()}

    def closure(name: str, seen: set[str]) -> set[str]:
        for reference in references.get(name, ()):
            if reference not in seen:
                seen.add(reference)
                closure(reference, seen)
        return seen

    return {name: digest_of(*(f"{n}\0{sources[n]}" for n in sorted(closure(name, {name})) if n in sources)) for name in sources}
