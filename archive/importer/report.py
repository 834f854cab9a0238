"""Raw text of a government page → a report: front matter from what the page states, the body as Markdown.

Page chrome is dropped and nothing else: the title line moves into the front matter, numbered
parts become headings, and every other line of the report becomes a paragraph of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

import yaml

from archive.importer.chrome import BREADCRUMB, SITE_BAR, ChromeLine
from archive.importer.mdescape import escape_markdown
from archive.importer.numbering import numbered_line
from archive.importer.page import read_page
from archive.importer.places import find_region
from archive.importer.dates import find_published, find_year
from archive.importer.findings import Finding, How, PageMeta, found, guessed, missing
from archive.importer.report_fields import find_source, find_title, find_unit
from archive.model import derive_level
from archive.slugs import slugify

COMPOSED_TITLE_NOTE = "原文无标题，标题由编者根据单位和年份拟定。"
TABLE_FIELDS = ("title", "unit", "year", "region", "published", "source")
_TOWNSHIP_LEVELS = ("乡镇", "街道")  # names repeat across China, so their file names carry the parent
# Control characters and stray byte-order marks are not text; they are dropped like whitespace.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]")
_WHITESPACE = re.compile(r"\s+")


class ImportFailure(Exception):
    """A file that cannot become a report; the message says what is wrong, for `FILE: message`."""


@dataclass(frozen=True)
class ImportedReport:
    filename: str
    title: str | None
    unit: str | None
    year: int | None
    region: tuple[str, ...]
    published: date | None
    source: str | None
    note: str | None
    body: str
    findings: tuple[tuple[str, Finding], ...]  # (field, how it was found), in TABLE_FIELDS order
    removed: tuple[ChromeLine, ...]

    def finding(self, field: str) -> Finding:
        return dict(self.findings)[field]

    @property
    def review(self) -> tuple[str, ...]:
        """Fields the editor should check: guessed or missing."""
        return tuple(field for field, finding in self.findings if finding.how is not How.FOUND)

    @property
    def refusal(self) -> str | None:
        """Why this text cannot become a report at all, or None."""
        if not self.body:
            return "除标题和网页栏目外没有报告正文 (no report text besides the title and page chrome)"
        if self.year is None:
            return f"全文没有年份，无法放入 content/<年度>/ (no year anywhere in the text)：{self.finding('year').detail}"
        return None

    def relative_path(self, fallback_name: str) -> PurePosixPath:
        """<year>/<name>.md inside content/; `fallback_name` names it when the unit is unknown."""
        self._require_importable()
        name = slugify(self.unit) if self.unit else ""
        parent = slugify(self.region[-1]) if self.region else ""
        if name and parent and derive_level(self.unit, self.region) in _TOWNSHIP_LEVELS:
            name = f"{parent}-{name}"
        name = name or slugify(fallback_name)
        if not name:
            raise ImportFailure(f"单位名和文件名 '{fallback_name}' 都无法生成 ASCII 文件名 (no ASCII file name)")
        return PurePosixPath(str(self.year), f"{name}.md")

    def to_markdown(self) -> str:
        """The report file; a required field the text does not state is written empty, for the editor."""
        self._require_importable()
        fields = {
            "title": self.title or "", "unit": self.unit or "", "year": self.year, "region": list(self.region),
            "published": self.published, "source": self.source, "note": self.note,
        }
        front = yaml.safe_dump(
            {key: value for key, value in fields.items() if value is not None},
            allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000,
        )
        return f"---\n{front}---\n\n{self.body}\n"

    def _require_importable(self) -> None:
        if self.refusal:
            raise ImportFailure(f"无法导入 (cannot import): {self.refusal}")


def import_text(text: str, *, filename: str, meta: PageMeta = PageMeta()) -> ImportedReport:
    """A report from raw page text; never fails: what it cannot find is marked missing."""
    page = read_page([line for line in normalised_lines(text) if line])
    fields = _find_fields(page, meta)
    title = fields["title"]
    return ImportedReport(
        filename=filename,
        title=title.value,
        unit=fields["unit"].value,
        year=fields["year"].value,
        region=fields["region"].value or (),
        published=fields["published"].value,
        source=fields["source"].value,
        note=COMPOSED_TITLE_NOTE if title.how is How.GUESSED else None,
        body=body_markdown(list(page.lines)),
        findings=tuple((field, fields[field]) for field in TABLE_FIELDS),
        removed=page.removed,
    )


def normalised_lines(text: str) -> list[str]:
    """Lines with indentation gone and every run of whitespace (NBSP, 　…) one space."""
    return [_WHITESPACE.sub(" ", line).strip() for line in _INVISIBLE.sub("", text).splitlines()]


def _find_fields(page, meta: PageMeta) -> dict[str, Finding]:
    stated_title = find_title(page, meta)
    unit, body = find_unit(stated_title.value, page, meta)
    published = find_published(page, meta, None)
    year = find_year(stated_title, page, published.value)
    navigation = [line.text for line in page.removed if line.kind in (SITE_BAR, BREADCRUMB)]
    text = "\n".join([stated_title.value or "", *page.lines])
    return {
        "title": stated_title if stated_title.value else _composed_title(unit, year),
        "unit": unit,
        "year": year,
        "region": _region_finding(unit.value, body.parents if body else (), text, navigation),
        "published": find_published(page, meta, year.value),
        "source": find_source(page, meta),
    }


def _composed_title(unit: Finding, year: Finding) -> Finding:
    if unit.value and year.value:
        return guessed(f"{unit.value}{year.value}年法治政府建设情况报告", "没有标题行，由单位和年份拟定 (no title line: composed from unit and year)")
    return missing("没有标题行，也没有可拟定标题的单位和年份 (no title line)")


def _region_finding(unit: str | None, parents: tuple[str, ...], text: str, navigation: list[str]) -> Finding:
    region = find_region(unit, parents, text, navigation)
    if not region.places:
        return missing("正文没有提到单位的上级省市 (no province or city named)")
    if region.guessed:
        return guessed(region.places, f"正文未提到{'、'.join(region.guessed)}，按行政区划表补全 {region.places[-1]} 的上级 (parents from the gazetteer)")
    return found(region.places, "正文中的地名 (place names in the text)")


def body_markdown(lines: list[str]) -> str:
    """Each line a block; a numbered line's lead sentence a heading, the rest its paragraph."""
    blocks: list[str] = []
    for line in lines:
        numbered = numbered_line(line)
        if numbered:
            blocks.append(f"{'#' * numbered.level} {escape_markdown(numbered.heading)}")
            line = numbered.rest
        if line:
            blocks.append(escape_markdown(line))
    return "\n\n".join(blocks)
