"""One generic grouping serves units, years and regions."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Generic, TypeVar

from archive.divisions import children_by_parent
from archive.errors import ContentError, Problem
from archive.model import Report, unit_sort_key
from archive.urls import region_url, unit_url, year_url

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Group(Generic[K, T]):
    key: K
    items: tuple[T, ...]


def group_by(items: Iterable[T], key: Callable[[T], K], sort_key: Callable[[K], object]) -> tuple[Group[K, T], ...]:
    """Groups in sort_key order; items keep their order within a group."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return tuple(Group(k, tuple(groups[k])) for k in sorted(groups, key=sort_key))


@dataclass(frozen=True)
class Unit:
    region: tuple[str, ...]
    name: str
    reports: tuple[Report, ...]  # newest year first
    home: tuple[str, ...]  # the region whose page lists it: its own, when the unit is a place of the tree

    @property
    def key(self) -> tuple[str, ...]:
        return (*self.region, self.name)

    @cached_property  # a unit is linked from dozens of pages
    def url(self) -> str:
        return unit_url(self.key)

    @property
    def level(self) -> str:
        return self.reports[0].level

    @property
    def is_region(self) -> bool:
        """The unit is the government of a place that has a region page (乳山市 above its 城区街道)."""
        return self.home != self.region

    @property
    def parents(self) -> tuple[str, ...]:
        """The places above the unit where the archive lists it: its region, or for a unit with
        none, the parents of the place its name is (万州区 → 重庆市)."""
        return self.home[:-1] if self.is_region else self.home


@dataclass(frozen=True)
class Region:
    path: tuple[str, ...]  # () is the whole country
    regions: tuple[Region, ...]
    units: tuple[Unit, ...]

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else "全国"

    @cached_property
    def url(self) -> str:
        return region_url(self.path)

    @property
    def own_unit(self) -> Unit | None:
        """The unit that is this place's government, whose reports are this level's own."""
        return next((unit for unit in self.units if unit.is_region), None)

    @cached_property  # asked of every region on the pages above it: counted once
    def report_count(self) -> int:
        return sum(len(u.reports) for u in self.units) + sum(r.report_count for r in self.regions)

    def walk(self) -> Iterable[Region]:
        yield self
        for child in self.regions:
            yield from child.walk()


@dataclass(frozen=True)
class Year:
    year: int
    reports: tuple[Report, ...]

    @property
    def url(self) -> str:
        return year_url(self.year)

    @cached_property
    def level_counts(self) -> Counter[str]:
        """Level → how many of the year's reports (0 for a level it has none of)."""
        return Counter(r.level for r in self.reports)


@dataclass(frozen=True)
class Archive:
    reports: tuple[Report, ...]  # newest year first
    newest: tuple[Report, ...]  # by publication date, newest first, undated last
    units: tuple[Unit, ...]
    years: tuple[Year, ...]  # newest first
    root_region: Region

    def unit_of(self, report: Report) -> Unit:
        return self._units_by_key[report.unit_key]

    def own_region(self, unit: Unit) -> Region | None:
        """The region page of the place a unit governs, if the tree has one."""
        return self._regions_by_path[unit.home] if unit.is_region else None

    @cached_property
    def _regions_by_path(self) -> dict[tuple[str, ...], Region]:
        return {region.path: region for region in self.root_region.walk()}

    @cached_property
    def _units_by_key(self) -> dict[tuple[str, ...], Unit]:
        return {unit.key: unit for unit in self.units}


def group_reports(reports: list[Report]) -> Archive:
    by_unit = group_by(reports, lambda r: r.unit_key, unit_sort_key)
    places = _region_paths(group.key for group in by_unit)
    units = tuple(Unit(group.key[:-1], group.key[-1], group.items, _home(group.key, places)) for group in by_unit)
    root_region = _region_tree((), units)
    _refuse_url_clashes([
        *((unit.url, "unit " + "/".join(unit.key), unit.reports[0]) for unit in units),
        *((region.url, "region " + "/".join(region.path), _first_report(region)) for region in root_region.walk() if region.path),
    ])
    years = tuple(Year(g.key, g.items) for g in group_by(reports, lambda r: r.year, lambda year: -year))
    return Archive(tuple(reports), newest_first(reports), units, years, root_region)


def newest_first(reports: Iterable[Report]) -> tuple[Report, ...]:
    """The one order of "newest": by publication date, newest first; reports without a date after
    every dated one, by the year reported on. Ties keep the archive's order (unit by pinyin)."""
    dated = sorted((r for r in reports if r.published), key=lambda r: r.sort_key)
    undated = sorted((r for r in reports if not r.published), key=lambda r: r.sort_key)
    return (*sorted(dated, key=lambda r: r.published, reverse=True), *undated)


def _placed(key: tuple[str, ...]) -> tuple[str, ...]:
    """The region a unit's key places it in: its region; for a unit with none, the place its own
    name is, when China's division table knows exactly one so called (山东省 → 山东省; 万州区 →
    重庆市 › 万州区), else none (地区未注明)."""
    if len(key) > 1:
        return key[:-1]
    paths = _division_paths(key[0])
    return paths[0] if len(paths) == 1 else ()


def _region_paths(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every region of the tree: the regions units are placed in, and their parents."""
    return frozenset(place[:depth] for place in map(_placed, keys) for depth in range(1, len(place) + 1))


def _home(key: tuple[str, ...], places: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    """A unit that is itself a region of the tree (乳山市 above its 城区街道) is listed on that region's page."""
    return key if key in places else _placed(key)


def _division_paths(name: str, below: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """A place name's full paths in the division table (several for 鼓楼区, 朝阳区…), worked out
    for the names asked, not for the whole table. `below`: the names under it on the way up."""
    paths = []
    for parent in _parents_by_name().get(name, ()):
        if parent is None:
            paths.append((name,))
        elif parent != name and parent not in below:  # a county named like its city must not loop
            paths.extend((*above, name) for above in _division_paths(parent, (name, *below)) if name not in above)
    return tuple(paths)


@cache
def _parents_by_name() -> Mapping[str, tuple[str | None, ...]]:
    parents: dict[str, list[str | None]] = {}
    for parent, names in children_by_parent().items():
        for name in names:
            parents.setdefault(name, []).append(parent)
    return {name: tuple(found) for name, found in parents.items()}


def _region_tree(path: tuple[str, ...], units: tuple[Unit, ...]) -> Region:
    depth = len(path)
    here = tuple(unit for unit in units if len(unit.home) == depth)
    below = group_by(
        (unit for unit in units if len(unit.home) > depth),
        lambda unit: unit.home[depth],
        lambda name: unit_sort_key((name,)),
    )
    return Region(path, tuple(_region_tree((*path, g.key), g.items) for g in below), here)


def _refuse_url_clashes(pages: Iterable[tuple[str, str, Report]]) -> None:
    """Homophones (城区 / 程区) would share a pinyin URL; say so rather than overwrite a page.

    `pages` are (url, name, a report of the page)."""
    first_by_url: dict[str, tuple[str, Report]] = {}
    problems = []
    for url, name, report in pages:
        other_name, other_report = first_by_url.setdefault(url, (name, report))
        if other_name != name:
            problems.append(Problem(
                report.source_path, 1,
                f"{name} 与 {other_name}（{other_report.source_path}）会用同一个网址 /{url}，"
                "请改名使两者拼音不同 (would share a URL)",
            ))
    if problems:
        raise ContentError(problems)


def _first_report(region: Region) -> Report:
    return region.units[0].reports[0] if region.units else _first_report(region.regions[0])


def duplicate_reports(archive: Archive) -> list[Problem]:
    """Two reports of one unit for one year: usually one file copied to a new name by mistake."""
    return [
        Problem(later.source_path, 0, f"{'/'.join(unit.key)} 的 {group.key} 年度已有报告 {group.items[0].source_path}，这是第二篇 (a second report of one unit for one year)")
        for unit in archive.units
        for group in group_by(unit.reports, lambda r: r.year, lambda year: -year)
        for later in group.items[1:]
    ]
