"""Charts: static SVG named and described with their figures; html-validate and axe-core accept the pages."""
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from archive.model import Report
from archive.parts import PARTS, PartSection, ReportParts
from archive.site import charts

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def report(year, published=None, parts=()):
    sections = tuple(PartSection(name, (), ()) for name in parts)
    return Report("x.md", f"r{year}", "t", "某镇", year, (), "乡镇", published, None, None, None, "", "", (),
                  ReportParts((), sections))


REPORTS = [
    report(2022, date(2023, 3, 1), (PARTS[0].name, PARTS[1].name)),
    report(2022, date(2023, 4, 2), (PARTS[0].name,)),
    report(2022),
    report(2021, date(2022, 1, 5), (PARTS[0].name, PARTS[3].name)),
]


def parse(chart):
    return ET.fromstring(str(chart.svg))


def test_every_chart_is_an_image_named_by_its_title_and_described_by_its_figures():
    for chart in (charts.reports_per_year(REPORTS, "a"), charts.on_time_per_year(REPORTS, "b"), charts.parts_present(REPORTS, "c")):
        svg = parse(chart)
        chart_id = svg.find(f"{SVG}title").get("id")[:-len("-title")]
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        assert svg.find(f"{SVG}title").text == chart.title
        assert svg.find(f"{SVG}desc").get("id") == f"{chart_id}-desc"


def test_reports_per_year_bars_are_proportional_and_figures_are_written():
    svg = parse(charts.reports_per_year(REPORTS, "a"))
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths == [charts.BAR_WIDTH, charts.BAR_WIDTH / 3]
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["2022年", "3 篇", "2021年", "1 篇"]
    assert svg.find(f"{SVG}desc").text == "各年度收录的报告篇数：2022年 3 篇；2021年 1 篇。"


def test_on_time_share_counts_on_time_late_and_unknown():
    svg = parse(charts.on_time_per_year(REPORTS, "b"))
    description = svg.find(f"{SVG}desc").text
    assert "2022年 按时 1 篇、逾期 1 篇、发布日期不详 1 篇，按时 33%" in description
    assert "2021年 按时 1 篇、逾期 0 篇、发布日期不详 0 篇，按时 100%" in description
    assert "1/1/1 · 33%" in [t.text for t in svg.iter(f"{SVG}text")]


def test_parts_present_counts_reports_per_part():
    svg = parse(charts.parts_present(REPORTS, "c"))
    notes = [t.text for t in svg.iter(f"{SVG}text") if "/" in (t.text or "")]
    assert notes == ["3/4", "1/4", "0/4", "1/4", "0/4"]
    assert f"{PARTS[2].name} 0 篇" in svg.find(f"{SVG}desc").text


def test_an_empty_chart_still_says_so():
    assert parse(charts.reports_per_year([], "e")).find(f"{SVG}desc").text == "各年度收录的报告篇数：无。"


def test_the_chart_id_is_escaped():
    svg = str(charts.reports_per_year([report(2022)], 'x"&').svg)
    assert 'id="x&#34;&amp;-title"' in svg and 'x"&' not in svg


CHART_PAGES = ["", "years/2022/", "regions/", "regions/shandongsheng/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_have_no_axe_violations(page, seed_site, path):
    page.goto(seed_site.url + path)
    assert page.locator("svg.chart[role=img]").count() >= 2
    page.add_script_tag(path=str(REPO / "node_modules/axe-core/axe.min.js"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False)


@pytest.mark.browser
def test_charts_print_and_fit_a_phone(phone_page, seed_site):
    phone_page.goto(seed_site.url)
    for box in (svg.bounding_box() for svg in phone_page.locator("svg.chart").all()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    phone_page.emulate_media(media="print")
    assert phone_page.locator("svg.chart").first.is_visible()
