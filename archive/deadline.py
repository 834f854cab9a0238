"""The 1 April deadline: a report on a year is due by 1 April of the following year.

Art. 24 of 《法治政府建设与责任落实督察工作规定》 says reports are published "每年4月1日之前"; the archive
reads it as "by 1 April": a report published on 1 April itself is on time, one published on 2 April is
one day late. A report's `published` date is its publication date, or its signature date when the page
gives no other; a report without either has no status but 发布日期不详.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ON_TIME = "按时"
LATE = "逾期"
UNKNOWN = "发布日期不详"


@dataclass(frozen=True)
class DeadlineStatus:
    status: str  # ON_TIME, LATE or UNKNOWN
    due: date
    days_late: int | None  # 0 when on time, None when the date is unknown

    @property
    def on_time(self) -> bool | None:
        return None if self.status == UNKNOWN else self.status == ON_TIME

    @property
    def label(self) -> str:
        return f"{LATE} {self.days_late} 天" if self.status == LATE else self.status


def due_date(year: int) -> date:
    """The last day on which a report on `year` is on time."""
    return date(year + 1, 4, 1)


def deadline_status(year: int, published: date | None) -> DeadlineStatus:
    due = due_date(year)
    if published is None:
        return DeadlineStatus(UNKNOWN, due, None)
    late = (published - due).days
    return DeadlineStatus(LATE, due, late) if late > 0 else DeadlineStatus(ON_TIME, due, 0)
