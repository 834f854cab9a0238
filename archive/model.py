"""The domain: a report, a reporting unit, and how a unit's level follows from its name."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cache, cached_property
from operator import attrgetter

from archive.deadline import DeadlineStatus, deadline_status
from archive.outline import Outline
from archive.parts import NO_PARTS, ReportParts
from archive.slugs import slugify

LEVELS = ("省级", "市级", "县级", "乡镇", "街道", "部门")
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_DEPARTMENT_SUFFIXES = ("局", "厅", "委", "委员会", "办", "办公室", "院", "中心", "部", "所", "站", "队")


@dataclass(frozen=True)
class Report:
    source_path: str
    slug: str
    title: str
    unit: str
    year: int
    region: tuple[str, ...]
    level: str
    published: date | None
    source: str | None
    source_url: str | None
    note: str | None
    body_html: str
    body_text: str
    outline: tuple[Outline, ...]
    parts: ReportParts = NO_PARTS  # where each of the five required parts is (archive/parts.py)
    digest: str = ""  # the key of the source file's bytes in the build cache: changes whenever the report does
    listing_digest: str = ""  # of every field but the text: changes whenever what a listing shows of it does

    def without_body(self) -> Report:
        """The report as listing pages need it: every field but the text, so that a build holds
        tens of thousands of reports in memory and loads one body at a time."""
        return replace(self, body_html="", body_text="", outline=(), parts=self.parts.as_listed())

    def keyed(self, digest: str) -> Report:
        """The report under its file's digest and the digest of what listings show of it: a page
        that lists it (its unit's, region's, year's, the home page) is made again only when the
        latter changes, so an edit of a report's text makes its own page and few others again."""
        listed = replace(self.without_body(), digest="", listing_digest="").as_row()
        return replace(self, digest=digest, listing_digest=hashlib.sha256(repr(listed).encode("utf-8", "surrogatepass")).hexdigest())

    def as_row(self) -> tuple:
        """The fields' values in order: what the build cache's index keeps of a report (the index
        of 10,000 reports loads as plain tuples in a third of the time it takes as dataclasses)."""
        return _field_values(self)

    @classmethod
    def from_row(cls, row: tuple) -> Report:
        report = object.__new__(cls)  # as unpickling makes it: the values were a report's
        report.__dict__.update(zip(_FIELD_NAMES, row))
        return report

    @property
    def deadline(self) -> DeadlineStatus:
        """Published by 1 April of the following year or not (archive/deadline.py)."""
        return deadline_status(self.year, self.published)

    @property
    def unit_key(self) -> tuple[str, ...]:
        """A unit is identified by its region and name: many townships are called 城区街道."""
        return (*self.region, self.unit)

    @cached_property  # reports are sorted several ways each build
    def sort_key(self) -> tuple:
        return (-self.year, unit_sort_key(self.unit_key), self.slug)


_FIELD_NAMES = tuple(field.name for field in fields(Report))
_field_values = attrgetter(*_FIELD_NAMES)


@cache
def unit_sort_key(names: tuple[str, ...]) -> tuple[str, ...]:
    """Chinese names sort by pinyin, as in a dictionary, with the text itself breaking ties."""
    return tuple(f"{slugify(name)}\0{name}" for name in names)


def derive_level(unit: str, region: tuple[str, ...]) -> str | None:
    """The administrative level a unit's name implies, or None when the name does not tell."""
    if unit.endswith(("街道", "街道办事处")):
        return "街道"
    if unit.endswith(("乡", "镇", "苏木")):
        return "乡镇"
    if unit.endswith(("省", "自治区")) or unit in MUNICIPALITIES:
        return "省级"
    if unit.endswith(("县", "旗", "区")):
        return "县级"
    if unit.endswith("市"):
        # A 市 inside a prefecture (山东省 威海市 乳山市) is county-level; directly under a province it is a city.
        return "县级" if len(region) >= 2 else "市级"
    if unit.endswith(("州", "盟")):
        return "市级"
    if unit.endswith(_DEPARTMENT_SUFFIXES):
        return "部门"
    return None
