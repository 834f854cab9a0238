"""One generic grouping serves units, years and regions."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

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
    reports: tuple[Report, ...]  # newest first

    @property
    def key(self) -> tuple[str, ...]:
        return (*self.region, self.name)

    @property
    def url(self) -> str:
        return unit_url(self.key)

    @property
    def level(self) -> str:
        return self.reports[0].level


@dataclass(frozen=True)
class Region:
    path: tuple[str, ...]  # () is the whole country
    regions: tuple[Region, ...]
    units: tuple[Unit, ...]

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else "全国"

    @property
    def url(self) -> str:
        return region_url(self.path)

    @property
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


@dataclass(frozen=True)
class Archive:
    reports: tuple[Report, ...]  # newest year first
    units: tuple[Unit, ...]
    years: tuple[Year, ...]  # newest first
    root_region: Region

    def unit_of(self, report: Report) -> Unit:
        return self._units_by_key[report.unit_key]

    @cached_property
    def _units_by_key(self) -> dict[tuple[str, ...], Unit]:
        return {unit.key: unit for unit in self.units}


def group_reports(reports: list[Report]) -> Archive:
    units = tuple(
        Unit(group.key[:-1], group.key[-1], group.items)
        for group in group_by(reports, lambda r: r.unit_key, unit_sort_key)
    )
    root_region = _region_tree((), units)
    _refuse_url_clashes([
        *((unit.url, "unit " + "/".join(unit.key), unit.reports[0]) for unit in units),
        *((region.url, "region " + "/".join(region.path), _first_report(region)) for region in root_region.walk() if region.path),
    ])
    years = tuple(Year(g.key, g.items) for g in group_by(reports, lambda r: r.year, lambda year: -year))
    return Archive(tuple(reports), units, years, root_region)


def _region_tree(path: tuple[str, ...], units: tuple[Unit, ...]) -> Region:
    depth = len(path)
    here = tuple(unit for unit in units if len(unit.region) == depth)
    below = group_by(
        (unit for unit in units if len(unit.region) > depth),
        lambda unit: unit.region[depth],
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
                f"{name} would share the URL /{url} with {other_name} ({other_report.source_path}); "
                "rename one so their pinyin differs",
            ))
    if problems:
        raise ContentError(problems)


def _first_report(region: Region) -> Report:
    return region.units[0].reports[0] if region.units else _first_report(region.regions[0])


def duplicate_reports(archive: Archive) -> list[Problem]:
    """Two reports of one unit for one year: usually one file copied to a new name by mistake."""
    return [
        Problem(later.source_path, 0, f"a second report of {'/'.join(unit.key)} for {group.key}, beside {group.items[0].source_path}")
        for unit in archive.units
        for group in group_by(unit.reports, lambda r: r.year, lambda year: -year)
        for later in group.items[1:]
    ]
