"""Listing rows rendered once (archive/site/rows.py): the same bytes as rendering each time, one
row per report and variant, rows of an unchanged report kept from the last build and those of an
edited one rendered again, and a clear refusal of arguments it cannot tell apart."""
import dataclasses
import shutil
from datetime import date

import jinja2
import pytest
from markupsafe import Markup

import build
from archive.model import Report
from archive.site.grouping import group_reports
from archive.site.project import Project
from archive.site.rows import RowCache
from conftest import CONFIG, report_file, write_tree

ROW_TEMPLATE = (
    "{% macro item(report, show_unit) %}<li>{{ count(report) }}{% if show_unit %}{{ report.unit }} {% endif %}{{ report.title }}{{ report.year }}</li>{% endmacro %}"
    "{{ once(item, reports, show_unit) }}"
)


def report(unit, year, path, title="t"):
    return Report(path, path[:-3], title, unit, year, ("某省",), "乡镇", date(year + 1, 3, 1), None, None, None, "", "", ()).keyed(f"{path}:{title}")


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
    assert template.render(reports=REPORTS[:1], show_unit=True) == "<li>甲镇 t2022</li>"
    assert template.render(reports=REPORTS[:1], show_unit=False) == "<li>t2022</li>"


def test_the_last_builds_rows_serve_unchanged_reports_and_an_edited_one_is_rendered_again():
    last_build, _ = environment(RowCache())
    last_build.render(reports=REPORTS, show_unit=True)
    edited = [dataclasses.replace(REPORTS[0], title="改").keyed("2022/a.md:改"), *REPORTS[1:]]
    kept = RowCache(last_build.globals["once"].still_shown(group_reports(edited)))
    assert len(kept.rows) == len(REPORTS) - 1, "the edited report's old row is not kept"
    template, calls = environment(kept)
    uncached, _ = environment(lambda macro, items, *args: Markup("").join(macro(item, *args) for item in items))
    assert template.render(reports=edited, show_unit=True) == uncached.render(reports=edited, show_unit=True)
    assert calls == ["2022/a.md"]
    assert list(kept.take_fresh()) == [("item", True, ("2022/a.md", edited[0].listing_digest))] and kept.take_fresh() == {}


def test_a_changed_row_macro_is_not_served_from_the_last_builds_rows(tmp_path):
    files = {"config.yaml": CONFIG, **{
        f"content/2022/{name}.md": report_file(title=f"{unit}2022年报告", unit=unit, region="[山西省, 忻州市, 保德县]")
        for name, unit in (("a", "桥头镇"), ("b", "杨家湾镇"), ("c", "腰庄乡"))
    }}
    write_tree(tmp_path, files)
    project = dataclasses.replace(Project.at(tmp_path), templates=tmp_path / "templates")
    shutil.copytree(Project.at(tmp_path).templates, project.templates)
    build.build(project)
    macros = project.templates / "macros.html"
    macros.write_text(macros.read_text(encoding="utf-8").replace('<li><a href="{{ url(unit.url) }}">', '<li class="changed"><a href="{{ url(unit.url) }}">'), encoding="utf-8")
    (tmp_path / "content/2022/a.md").write_text(files["content/2022/a.md"].replace("坚持", "始终坚持"), encoding="utf-8")
    build.build(project)
    units_page = (tmp_path / "site/units/index.html").read_text(encoding="utf-8")
    assert units_page.count('<li class="changed">') == 3


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
