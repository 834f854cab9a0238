"""Year by year over a set of units: each year's reports and the units that fell silent.

A unit "fell silent" in a year when the archive holds its report on the year before and none on
this year. The archive is a collection, not the register of every report published, so pages say
未收录 (not in the archive), never 未发布 (not published).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from archive.model import Report
from archive.site.grouping import Region, Unit


@dataclass(frozen=True)
class YearRoll:
    year: int
    reports: tuple[Report, ...]
    silent: tuple[Unit, ...]  # reported on the year before, not on this one


def year_rolls(units: tuple[Unit, ...], last_year: int) -> tuple[YearRoll, ...]:
    """One roll per year from the units' first reported year to last_year, newest first;
    years with neither reports nor silent units are left out."""
    by_year: dict[int, list[Report]] = {}
    for unit in units:
        for report in unit.reports:
            by_year.setdefault(report.year, []).append(report)
    years_of = _years_of(units)  # worked out once, not once per year
    rolls = []
    for year in range(last_year, min(by_year, default=last_year + 1) - 1, -1):
        reports = tuple(sorted(by_year.get(year, ()), key=lambda r: r.sort_key))
        silent = _silent(years_of, year)
        if reports or silent:
            rolls.append(YearRoll(year, reports, silent))
    return tuple(rolls)


def silent_by_year(units: Iterable[Unit]) -> dict[int, tuple[Unit, ...]]:
    """Year → the units with a report on the year before and none on that year, in the units' order."""
    silent: dict[int, list[Unit]] = {}
    for unit, years in _years_of(units):
        for year in sorted(years):
            if year + 1 not in years:
                silent.setdefault(year + 1, []).append(unit)
    return {year: tuple(found) for year, found in silent.items()}


def _years_of(units: Iterable[Unit]) -> list[tuple[Unit, frozenset[int]]]:
    return [(unit, frozenset(r.year for r in unit.reports)) for unit in units]


def _silent(years_of: list[tuple[Unit, frozenset[int]]], year: int) -> tuple[Unit, ...]:
    return tuple(unit for unit, years in years_of if year - 1 in years and year not in years)


def units_below(region: Region) -> tuple[Unit, ...]:
    return tuple(unit for place in region.walk() for unit in place.units)
