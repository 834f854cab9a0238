"""Year by year: one unit's consecutive reports, part beside part, for the unit page.

For each pair of consecutive reports (2021 → 2022) the page first answers what a reader checking a
government asks: did last year's plans and admitted shortcomings turn into this year's measures
(上年「下一年度主要安排」「存在的不足和原因」 beside this year's 「主要举措和成效」), and do the same
shortcomings come back; then the other parts beside themselves. This year's measures, the longest
part, appear once per pair, which keeps a unit page of many years light enough for a phone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from archive.model import Report
from archive.parts import PARTS

MEASURES, SHORTCOMINGS, DUTY, PLANS, OTHER = (part.name for part in PARTS)


@dataclass(frozen=True)
class Pairing:
    question: str  # what putting the two sides together answers
    earlier: tuple[str, ...]  # parts of the earlier report
    later: tuple[str, ...]  # parts of the later report


PAIRINGS = (
    Pairing("上年的安排和不足，本年落实了吗？", (PLANS, SHORTCOMINGS), (MEASURES,)),
    Pairing("不足是否重复出现？", (SHORTCOMINGS,), (SHORTCOMINGS,)),
    Pairing("第一责任人履职逐年对照", (DUTY,), (DUTY,)),
    Pairing("下一年度安排逐年对照", (PLANS,), (PLANS,)),
    Pairing("其他情况逐年对照", (OTHER,), (OTHER,)),
)


@dataclass(frozen=True)
class Excerpt:
    report: Report
    part: str
    anchor: str | None  # the first heading of the part in the report, None when not found (未见)
    html: Markup


@dataclass(frozen=True)
class Comparison:
    pairing: Pairing
    earlier: tuple[Excerpt, ...]
    later: tuple[Excerpt, ...]


@dataclass(frozen=True)
class YearPair:
    earlier: Report
    later: Report
    comparisons: tuple[Comparison, ...]  # pairings where at least one side has one of its parts

    @property
    def anchor(self) -> str:
        return f"duizhao-{self.earlier.year}-{self.later.year}"


def year_pairs(reports: Sequence[Report]) -> tuple[YearPair, ...]:
    """Each pair of consecutive reports of one unit, newest pair first; reports are whole (with bodies)."""
    if any(r.parts.sections and not r.body_html for r in reports):
        raise ValueError("year_pairs needs whole reports, bodies included")
    chronological = sorted(reports, key=lambda r: (r.year, r.slug))
    pairs = []
    for earlier, later in zip(chronological, chronological[1:]):
        comparisons = tuple(
            Comparison(pairing, tuple(excerpt(earlier, p) for p in pairing.earlier), tuple(excerpt(later, p) for p in pairing.later))
            for pairing in PAIRINGS
            if set(pairing.earlier) & set(earlier.parts.found) or set(pairing.later) & set(later.parts.found)
        )
        pairs.append(YearPair(earlier, later, comparisons))
    return tuple(reversed(pairs))


def excerpt(report: Report, part: str) -> Excerpt:
    """The part's text as HTML: the own text of every heading that carries it, as on the report page."""
    section = report.parts.section(part)
    if section is None:
        return Excerpt(report, part, None, Markup(""))
    own = _own_html(report.body_html, {h.anchor for h in report.parts.headings})
    pieces = [own[h.anchor] for h in report.parts.headings if part in h.parts and h.anchor in own]
    return Excerpt(report, part, section.anchors[0], Markup(_HEADING.sub(_as_paragraph, "\n".join(pieces))))


_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.S)


def _own_html(body_html: str, anchors: set[str]) -> dict[str, str]:
    """Each outline heading's HTML, from its tag to the next outline heading's."""
    starts = [m for m in _HEADING.finditer(body_html) if m.group(2) in anchors]
    ends = [m.start() for m in starts[1:]] + [len(body_html)]
    return {m.group(2): body_html[m.start():end].strip() for m, end in zip(starts, ends)}


def _as_paragraph(heading: re.Match) -> str:
    """Headings in a copy become paragraphs without ids: the page keeps unique ids and its heading order."""
    return f'<p class="excerpt-heading excerpt-h{heading.group(1)}">{heading.group(3)}</p>'
