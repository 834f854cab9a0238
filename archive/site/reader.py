"""Read content/<year>/<name>.md files into reports, collecting every problem in every file."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from archive.errors import ContentError, Problem
from archive.frontmatter import parse_front_matter
from archive.site.markup import RenderError, render_body
from archive.model import Report, derive_level
from archive.parts import locate_parts
from archive.partsfield import stated_parts
from archive.yamlmap import YamlMappingError

_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.md\Z")


def read_reports(content_dir: Path, display_root: Path) -> list[Report]:
    """All reports under content_dir, sorted newest year first; ContentError lists every problem."""
    reports: list[Report] = []
    problems: list[Problem] = []
    for path in sorted(content_dir.rglob("*.md")):
        name = path.relative_to(display_root).as_posix()
        report, file_problems = read_report(path.read_bytes(), name, path.relative_to(content_dir))
        problems += [Problem(name, line, message) for line, message in file_problems]
        if report:
            reports.append(report)
    if problems:
        raise ContentError(problems)
    return sorted(reports, key=lambda r: r.sort_key)


def read_report(data: bytes, name: str, relative: Path) -> tuple[Report | None, list[tuple[int, str]]]:
    """One report from a file's bytes; `relative` is its path inside content/."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [(line, f"不是 UTF-8 文本（第 {error.start} 字节），请以 UTF-8 保存文件 (not UTF-8 text)")]
    try:
        front, problems = parse_front_matter(text)
    except YamlMappingError as error:
        return None, [(error.line, str(error))]
    problems += _check_location(relative, front.fields, front.lines)
    if problems:
        return None, problems
    fields = front.fields
    region = tuple(place.strip() for place in fields["region"])
    level = fields.get("level") or derive_level(fields["unit"], region)
    if level is None:
        return None, [(front.lines["unit"], f"无法从名称判断 '{fields['unit']}' 的级别，请加上 'level' 字段 (cannot tell the level)")]
    try:
        body = render_body(front.body)
    except RenderError as error:
        return None, [(front.body_line + (error.line or 1) - 1, str(error))]
    stated, problems = stated_parts(fields.get("parts") or {}, front.part_lines, front.lines.get("parts", 1), body.outline)
    if problems:
        return None, problems
    return Report(
        source_path=name,
        slug=relative.stem,
        title=fields["title"].strip(),
        unit=fields["unit"].strip(),
        year=fields["year"],
        region=region,
        level=level,
        published=fields.get("published"),
        source=_optional_text(fields.get("source")),
        source_url=fields.get("source_url"),
        note=_optional_text(fields.get("note")),
        body_html=body.html,
        body_text=body.text,
        outline=body.outline,
        parts=locate_parts(body.outline, body.text, fields["year"], stated),
    ), []


def _check_location(relative: Path, fields: dict, lines: dict) -> list[tuple[int, str]]:
    problems = []
    if not _FILE_NAME.match(relative.name):
        problems.append((1, f"文件名 '{relative.name}' 只能用小写英文字母、数字和 '-'，它会成为网址 (file name must be lowercase ASCII letters, digits and '-')"))
    year, published = fields.get("year"), fields.get("published")
    if type(year) is not int:
        return problems
    if relative.parent.as_posix() != str(year):
        problems.append((lines["year"], f"{year} 年度的报告应放在 content/{year}/，而不是 content/{relative.as_posix()} (wrong year folder)"))
    if type(published) is date and published.year < year:
        problems.append((lines["published"], f"发布日期 {published} 早于报告年度 {year} 结束 (published before the reported year ended)"))
    return problems


def _optional_text(value: str | None) -> str | None:
    return value.strip() if value else None

