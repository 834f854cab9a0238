"""Raw text copied off a government web page → a Markdown report in content/<year>/<name>.md.

    python build.py import FILE... [--content DIR] [--dry-run] [--force]

Page chrome is dropped and nothing else: the title line moves into the front matter, numbered
parts become headings, and every other line of the report becomes a paragraph of its own.
"""
from __future__ import annotations

import re
import sys
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

import yaml

from archive.importer.chrome import BREADCRUMB, PAGE_INFO, SITE_BAR, ChromeLine, chrome_kind
from archive.importer.mdescape import escape_markdown
from archive.model import derive_level
from archive.importer.numbering import numbered_line
from archive.importer.places import find_region
from archive.importer.report_fields import (
    Finding, How, find_published, find_source, find_unit, find_year, found, guessed, is_title_line, missing,
)
from archive.slugs import slugify
from archive.importer.textdecode import UndecodableReportError, decode_report_bytes

COMPOSED_TITLE_NOTE = "原文无标题，标题由编者根据单位和年份拟定。"
TABLE_FIELDS = ("title", "unit", "year", "region", "published", "source")
_TOWNSHIP_LEVELS = ("乡镇", "街道")  # names repeat across China, so their file names carry the parent
# Control characters and stray byte-order marks are not text; they are dropped like whitespace.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]")
_WHITESPACE = re.compile(r"\s+")


class ImportFailure(Exception):
    """A file that cannot become a report; the message says what is wrong, for `FILE: message`."""


class IncompleteReportError(ImportFailure):
    """A required field (title, unit, year) could not be found in the text."""


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

    def relative_path(self) -> PurePosixPath:
        """<year>/<name>.md inside content/."""
        self._require_complete()
        name = slugify(self.unit)
        if not name:
            raise ImportFailure(f"the unit '{self.unit}' gives no ASCII file name")
        parent = slugify(self.region[-1]) if self.region else ""
        if parent and derive_level(self.unit, self.region) in _TOWNSHIP_LEVELS:
            name = f"{parent}-{name}"
        return PurePosixPath(str(self.year), f"{name}.md")

    def to_markdown(self) -> str:
        self._require_complete()
        fields = {
            "title": self.title, "unit": self.unit, "year": self.year, "region": list(self.region),
            "published": self.published, "source": self.source, "note": self.note,
        }
        front = yaml.safe_dump(
            {key: value for key, value in fields.items() if value is not None},
            allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000,
        )
        return f"---\n{front}---\n\n{self.body}\n"

    def _require_complete(self) -> None:
        absent = [field for field in ("title", "unit", "year") if getattr(self, field) is None]
        if absent:
            details = "; ".join(f"{field}: {self.finding(field).detail}" for field in absent)
            raise IncompleteReportError(f"cannot import, required field missing ({details})")
        if not self.body:
            raise IncompleteReportError("cannot import: no report text besides the title and page chrome")


def import_text(text: str, *, filename: str) -> ImportedReport:
    """A report from raw page text; never fails: what it cannot find is marked missing."""
    kept, removed = split_chrome(normalised_lines(text))
    title_line = kept[0] if kept and is_title_line(kept[0]) else None
    body = kept[1:] if title_line else kept
    fields = find_fields(title_line, body, removed)
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
        body=body_markdown(body),
        findings=tuple((field, fields[field]) for field in TABLE_FIELDS),
        removed=tuple(removed),
    )


def normalised_lines(text: str) -> list[str]:
    """Lines with indentation gone and every run of whitespace (NBSP, 　…) one space."""
    return [_WHITESPACE.sub(" ", line).strip() for line in _INVISIBLE.sub("", text).splitlines()]


def split_chrome(lines: list[str]) -> tuple[list[str], list[ChromeLine]]:
    """(non-empty report lines, chrome lines removed)."""
    kept: list[str] = []
    removed: list[ChromeLine] = []
    for line in filter(None, lines):
        kind = chrome_kind(line)
        if kind:
            removed.append(ChromeLine(kind, line))
        else:
            kept.append(line)
    return kept, removed


def find_fields(title_line: str | None, body: list[str], removed: list[ChromeLine]) -> dict[str, Finding]:
    page_info = [line.text for line in removed if line.kind == PAGE_INFO]
    navigation = [line.text for line in removed if line.kind in (SITE_BAR, BREADCRUMB)]
    unit, year = find_unit(title_line, body), find_year(title_line, body)
    return {
        "title": found(title_line, "title line") if title_line else _composed_title(unit, year),
        "unit": unit,
        "year": year,
        "region": _region_finding(unit.value, "\n".join([title_line or "", *body]), navigation),
        "published": find_published(page_info, body, year.value),
        "source": find_source(page_info),
    }


def _composed_title(unit: Finding, year: Finding) -> Finding:
    if unit.value and year.value:
        return guessed(f"{unit.value}{year.value}年法治政府建设情况报告", "no title line: composed from unit and year")
    return missing("no title line, and no unit and year to compose one")


def _region_finding(unit: str | None, text: str, navigation: list[str]) -> Finding:
    region = find_region(unit, text, navigation)
    if not region.places:
        return missing("the text names no province or city above the unit")
    if region.guessed:
        return guessed(region.places, f"{'、'.join(region.guessed)} not in the text: parents of {region.places[-1]} in the gazetteer")
    return found(region.places, "place names in the text")


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


def run_import(paths: list[Path], content_dir: Path, *, dry_run: bool, force: bool, out: typing.TextIO) -> int:
    """Import every file; problems go to stderr as `FILE: what is wrong`. Exit code 1 if any failed."""
    claimed: dict[Path, Path] = {}  # target → the input file that produced it in this run
    failed = False
    for path in paths:
        try:
            _import_file(path, content_dir, claimed, dry_run=dry_run, force=force, out=out)
        except ImportFailure as failure:
            print(f"{path}: {failure}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def _import_file(path: Path, content_dir: Path, claimed: dict[Path, Path], *, dry_run: bool, force: bool, out: typing.TextIO) -> None:
    report = import_text(_read_text(path), filename=str(path))
    print(summary(report), file=out)
    target = content_dir / report.relative_path()
    if target in claimed:
        raise ImportFailure(f"{target} is also where {claimed[target]} goes in this run; import one of them on its own")
    if target.exists() and not force:
        raise ImportFailure(f"{target} already exists; use --force to overwrite it")
    claimed[target] = path
    markdown = report.to_markdown()
    if dry_run:
        print(f"dry run: would write {target}\n{markdown}", file=out)
        return
    _write(target, markdown, force=force)
    print(f"wrote {target}\n", file=out)


def _write(target: Path, markdown: str, *, force: bool) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x" fails rather than overwrite a file that appeared since the check above.
        with target.open("w" if force else "x", encoding="utf-8", newline="\n") as file:
            file.write(markdown)
    except FileExistsError:
        raise ImportFailure(f"{target} already exists; use --force to overwrite it") from None
    except OSError as error:
        raise ImportFailure(f"cannot write {target}: {error.strerror or error}") from None


def _read_text(path: Path) -> str:
    try:
        return decode_report_bytes(path.read_bytes(), path)
    except OSError as error:
        raise ImportFailure(f"cannot read: {error.strerror or error}") from None
    except UndecodableReportError as error:
        raise ImportFailure(error.problem) from None


def summary(report: ImportedReport) -> str:
    """What was found, how, and what to review: a short table for the editor."""
    rows = [f"== {report.filename}", "| field | value | how found |", "|---|---|---|"]
    rows += [f"| {field} | {_shown(f.value)} | {f.how.value} {f.how.english}: {f.detail} |" for field, f in report.findings]
    if report.note:
        rows.append(f"| note | {report.note} | {How.GUESSED.value} added because the title was composed |")
    rows.append(f"removed page chrome: {_chrome_counts(report.removed)}")
    rows.append(f"review: {', '.join(report.review) or 'nothing'}")
    return "\n".join(rows)


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"[{', '.join(value)}]"
    return str(value)


def _chrome_counts(removed: tuple[ChromeLine, ...]) -> str:
    kinds = [line.kind for line in removed]
    return ", ".join(f"{kind} ×{kinds.count(kind)}" for kind in dict.fromkeys(kinds)) or "none"
