"""The 1 April deadline: by 1 April of the year after the one reported on, that day included."""
from datetime import date
from pathlib import Path

import pytest

from archive.deadline import LATE, ON_TIME, UNKNOWN, deadline_status, due_date
from archive.site.reader import read_reports

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("year, published, status, days_late, label", [
    (2022, date(2023, 2, 28), ON_TIME, 0, "按时"),
    (2022, date(2023, 4, 1), ON_TIME, 0, "按时"),
    (2022, date(2023, 4, 2), LATE, 1, "逾期 1 天"),
    (2022, date(2023, 12, 31), LATE, 274, "逾期 274 天"),
    (2022, date(2022, 12, 26), ON_TIME, 0, "按时"),
    (2023, date(2024, 4, 1), ON_TIME, 0, "按时"),  # a leap year changes nothing: the day is fixed
    (2022, None, UNKNOWN, None, "发布日期不详"),
])
def test_deadline_status(year, published, status, days_late, label):
    result = deadline_status(year, published)
    assert (result.status, result.days_late, result.label) == (status, days_late, label)
    assert result.due == due_date(year) == date(year + 1, 4, 1)
    assert result.on_time is {ON_TIME: True, LATE: False, UNKNOWN: None}[status]


def test_the_seed_reports():
    statuses = {(r.unit, r.year): r.deadline.label for r in read_reports(REPO / "content", REPO)}
    assert statuses == {
        ("保德县", 2022): "按时",  # published 2023-02-28
        ("城区街道", 2022): "按时",  # signed 2022-12-26
        ("常平镇", 2021): "按时",  # published 2022-01-25
        ("绿塘乡", 2022): "发布日期不详",
        ("燕山乡", 2020): "发布日期不详",
    }
