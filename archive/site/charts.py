"""Small charts drawn at build time as static SVG: readable without JavaScript, on a phone and on paper.

Each chart is an <svg role="img"> named by its <title> and described, number by number, by its <desc>,
so a screen reader gets the data, not the drawing. Bars are horizontal, one row per year or part,
with the figure written beside each bar; colours differ in lightness too, so they survive grey print.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from markupsafe import Markup, escape

from archive.deadline import LATE, ON_TIME, UNKNOWN, deadline_status
from archive.model import Report
from archive.parts import PARTS

WIDTH = 360  # viewBox units; about a phone's width in CSS pixels, so text stays legible there
ROW = 26
BAR = 16
LABEL_WIDTH = 100
BAR_WIDTH = 150
NOTE_X = LABEL_WIDTH + BAR_WIDTH + 6
FONT = 12
TEXT = "#1d1d1f"
BAR_FILL = "#0b4f9c"
STATUS_FILLS = {ON_TIME: "#1b5e20", LATE: "#e65100", UNKNOWN: "#c4c8cf"}  # dark, middle, light
STATUS_WORDS = {ON_TIME: "按时", LATE: "逾期", UNKNOWN: "不详"}


@dataclass(frozen=True)
class Chart:
    title: str  # also the figure's visible caption
    svg: Markup


@dataclass(frozen=True)
class Segment:
    value: int
    fill: str


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    note: str  # the figures drawn after the bar
    spoken: str  # the same figures in words, for the description


def reports_per_year(reports: Iterable[Report], chart_id: str) -> Chart:
    counts = Counter(r.year for r in reports)
    return _reports_per_year(chart_id, tuple(sorted(counts.items(), reverse=True)))


def on_time_per_year(reports: Iterable[Report], chart_id: str) -> Chart:
    by_year: dict[int, Counter] = {}
    for (year, published), count in Counter((r.year, r.published) for r in reports).items():
        by_year.setdefault(year, Counter())[_status(year, published)] += count
    return _on_time_per_year(chart_id, tuple((year, tuple(by_year[year][status] for status in STATUS_FILLS)) for year in sorted(by_year, reverse=True)))


def parts_present(reports: Sequence[Report], chart_id: str) -> Chart:
    counts = Counter(name for report in reports for name in report.parts.found)
    return _parts_present(chart_id, len(reports), tuple(counts[part.name] for part in PARTS))


@lru_cache(maxsize=None)  # thousands of reports share a few thousand (year, date) pairs
def _status(year: int, published: date | None) -> str:
    return deadline_status(year, published).status


# Charts are drawn from their figures alone, and many small places have the same figures (one
# report in each of two years): each drawing is made once and reused while the process lives.
@lru_cache(maxsize=4096)
def _reports_per_year(chart_id: str, counts: tuple[tuple[int, int], ...]) -> Chart:
    rows = [Row(f"{year}年", (Segment(count, BAR_FILL),), f"{count} 篇", f"{year}年 {count} 篇") for year, count in counts]
    description = f"各年度收录的报告篇数：{_spoken(rows)}。"
    return _chart(chart_id, "各年度报告数", description, rows, max((count for _, count in counts), default=0))


@lru_cache(maxsize=4096)
def _on_time_per_year(chart_id: str, by_year: tuple[tuple[int, tuple[int, ...]], ...]) -> Chart:
    """by_year: (year, counts in STATUS_FILLS' order), newest first."""
    rows = [_status_row(year, Counter(dict(zip(STATUS_FILLS, counts)))) for year, counts in by_year]
    description = f"各年度报告是否在次年4月1日前发布，按时的篇数占全部报告的比例：{_spoken(rows)}。"
    scale = max((sum(counts) for _, counts in by_year), default=0)
    return _chart(chart_id, "各年度按时发布情况", description, rows, scale, legend=True)


@lru_cache(maxsize=4096)
def _parts_present(chart_id: str, total: int, counts: tuple[int, ...]) -> Chart:
    """counts: how many reports show each part, in PARTS' order."""
    rows = [Row(part.label, (Segment(count, BAR_FILL),), f"{count}/{total}", f"{part.name} {count} 篇")
            for part, count in zip(PARTS, counts)]
    description = f"{total} 篇报告中，从标题能找到各规定部分的篇数：{_spoken(rows)}。"
    return _chart(chart_id, "各规定部分出现的篇数", description, rows, total)


def _status_row(year: int, counts: Counter) -> Row:
    segments = tuple(Segment(counts[status], fill) for status, fill in STATUS_FILLS.items())
    share = round(100 * counts[ON_TIME] / sum(counts.values()))
    note = f"{counts[ON_TIME]}/{counts[LATE]}/{counts[UNKNOWN]} · {share}%"
    spoken = f"{year}年 按时 {counts[ON_TIME]} 篇、逾期 {counts[LATE]} 篇、发布日期不详 {counts[UNKNOWN]} 篇，按时 {share}%"
    return Row(f"{year}年", segments, note, spoken)


def _spoken(rows: Sequence[Row]) -> str:
    return "；".join(row.spoken for row in rows) or "无"


def _chart(chart_id: str, title: str, description: str, rows: Sequence[Row], scale: int, legend: bool = False) -> Chart:
    chart_id = escape(chart_id)
    top = ROW if legend else 0
    height = top + ROW * len(rows) + 4
    lines = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="{TEXT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *((_legend(),) if legend else ()),
        *(_row(row, top + index * ROW, scale) for index, row in enumerate(rows)),
        "</svg>",
    ]
    return Chart(title, Markup("\n".join(lines)))


def _row(row: Row, y: int, scale: int) -> str:
    text_y = y + BAR // 2 + 5
    pieces = [f'<text x="0" y="{text_y}">{escape(row.label)}</text>']
    x = float(LABEL_WIDTH)
    for segment in row.segments:
        width = BAR_WIDTH * segment.value / scale if scale else 0
        if width:
            pieces.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="{BAR}" fill="{segment.fill}"/>')
        x += width
    pieces.append(f'<text x="{NOTE_X}" y="{text_y}">{escape(row.note)}</text>')
    return "<g>" + "".join(pieces) + "</g>"


def _legend() -> str:
    items, x = [], LABEL_WIDTH
    for status, fill in STATUS_FILLS.items():
        items.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{fill}"/><text x="{x + 16}" y="15">{STATUS_WORDS[status]}</text>')
        x += 24 + FONT * len(STATUS_WORDS[status])
    items.append(f'<text x="{NOTE_X}" y="15">按时/逾期/不详</text>')
    return "<g>" + "".join(items) + "</g>"
