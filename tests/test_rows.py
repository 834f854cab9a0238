"""Listing rows rendered once per build (archive/site/rows.py): the same bytes as rendering each
time, one row per report and variant, and a clear refusal of arguments it cannot tell apart."""
from datetime import date

import jinja2
import pytest
from markupsafe import Markup

from archive.model import Report
from archive.site.grouping import group_reports
from archive.site.rows import RowCache

ROW_TEMPLATE = (
    "{% macro item(report, show_unit) %}<li>{{ count(report) }}{% if show_unit %}{{ report.unit }} {% endif %}{{ report.year }}</li>{% endmacro %}"
    "{{ once(item, reports, show_unit) }}"
)


def report(unit, year, path):
    return Report(path, path[:-3], "t", unit, year, ("某省",), "乡镇", date(year + 1, 3, 1), None, None, None, "", "", ())


REPORTS = [report("甲镇", 2022, "2022/a.md"), report("乙镇", 2022, "2022/b.md"), report("甲镇", 2021, "2021/a.md")]


def environment(once):
    calls = []
    env = jinja2.Environment(autoescape=True)
    env.globals.update(once=once, count=lambda r: calls.append(r.source_path) or "")
    return env.from_string(ROW_TEMPLATE), calls


def test_a_row_is_rendered_once_per_report_and_variant_and_reads_as_rendered_each_time():
    template, calls = environment(RowCache())
    uncached, _ = environment(lambda macro, items, *args: Markup("").join(macro(item, *args) for item in items))
    for show_unit in (True, False, True, False):
        assert template.render(reports=REPORTS, show_unit=show_unit) == uncached.render(reports=REPORTS, show_unit=show_unit)
    assert sorted(calls) == sorted([r.source_path for r in REPORTS] * 2)
    assert template.render(reports=REPORTS[:1], show_unit=True) == "<li>甲镇 2022</li>"
    assert template.render(reports=REPORTS[:1], show_unit=False) == "<li>2022</li>"


def test_units_are_told_apart_by_their_key_not_their_name():
    archive = group_reports([*REPORTS, Report("2022/c.md", "c", "t", "甲镇", 2022, ("他省",), "乡镇", None, None, None, None, "", "", ())])
    once = RowCache()
    macro = jinja2.Environment().from_string("{% macro u(unit) %}{{ unit.region[0] }} {% endmacro %}").module.u
    assert once(macro, archive.units) == "".join(f"{unit.region[0]} " for unit in archive.units)
    assert len(once.rows) == 3


def test_an_argument_it_cannot_key_is_refused():
    macro = jinja2.Environment().from_string("{% macro u(x) %}{{ x }}{% endmacro %}").module.u
    with pytest.raises(TypeError, match="dict"):
        RowCache()(macro, [{"a": 1}])


def test_counts_asked_on_every_page_are_the_reports_counted():
    archive = group_reports(REPORTS)
    year = archive.years[0]
    assert year.level_counts["乡镇"] == 2 and year.level_counts["部门"] == 0
    assert archive.root_region.report_count == 3 == sum(region.report_count for region in archive.root_region.regions)
