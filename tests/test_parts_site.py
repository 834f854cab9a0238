"""The parts and the deadline on the site: report checklist and outline, unit pages with years side
by side, region and year pages with each unit's status and the units that fell silent, the catalogue."""
import json
import re
import subprocess
from pathlib import Path

from conftest import report_file

REPO = Path(__file__).resolve().parent.parent

BODY_2021 = """2021年工作总结。

## 一、2021年工作情况

建成公共法律服务站12个。

## 二、存在的不足

执法人员不足，培训偏少。

## 三、2022年工作计划

新建村级法律顾问微信群。
"""
BODY_2022 = """2022年工作总结。

## 一、2022年主要举措和成效

村级法律顾问微信群覆盖全部村。

## 二、存在的问题和原因

执法培训仍然偏少。

## 三、意见建议

无。
"""
TREE = {
    "content/2021/baodexian.md": report_file(title="保德县2021年度报告", year=2021, extra="published: 2022-03-30\n", body=BODY_2021),
    "content/2022/baodexian.md": report_file(year=2022, extra="published: 2023-05-03\n", body=BODY_2022),
    "content/2021/hequxian.md": report_file(title="河曲县2021年度报告", unit="河曲县", year=2021, body=BODY_2021),
}


def page(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_report_page_has_the_checklist_the_deadline_and_marked_outline(build_tree):
    result = build_tree(TREE)
    assert result.code == 0, result.err
    html = page(result.site, "reports/2022/baodexian")
    assert '<a href="#一2022年主要举措和成效">主要举措和成效</a>' in html
    assert '<a href="#二存在的问题和原因">存在的不足和原因</a>' in html
    assert re.search(r"下一年度主要安排：<strong>未见</strong>", html)
    assert '<span class="deadline deadline-late">逾期 32 天</span>' in html
    assert re.search(r'三、意见建议</a> <span class="part-tag part-unknown">未识别</span>', html)
    assert "目录中标为“未识别”的标题未能确定属于哪一部分" in html
    assert '<span class="deadline deadline-ok">按时</span>' in page(result.site, "reports/2021/baodexian")


def test_inferred_and_stated_parts_say_so(build_tree):
    body = "## 一、加强组织领导\n\n正文。\n\n## 二、存在的不足\n\n正文。\n\n## 三、意见建议\n\n正文。\n"
    extra = "parts:\n  三、意见建议: 其他需要报告的情况\n"
    html = page(build_tree({"content/2022/baodexian.md": report_file(body=body, extra=extra)}).site, "reports/2022/baodexian")
    assert '<a href="#一加强组织领导">主要举措和成效</a> <span class="muted">（按标题位置推断）</span>' in html
    assert '<span class="part-tag">举措和成效<span class="muted">（按位置）</span></span>' in html
    assert '<a href="#三意见建议">其他需要报告的情况</a> <span class="muted">（编者标注）</span>' in html
    assert '<span class="part-tag">其他情况<span class="muted">（编者）</span></span>' in html


def test_a_report_without_headings_says_why_no_part_is_found(build_tree):
    site = build_tree({"content/2022/baodexian.md": report_file(body="只有一段正文。\n")}).site
    html = page(site, "reports/2022/baodexian")
    assert "这篇报告没有分节标题，无法从标题识别各部分。" in html
    assert html.count("：<strong>未见</strong>") == 5


def test_a_unit_with_two_years_shows_them_side_by_side(build_tree):
    site = build_tree(TREE).site
    unit_page = next(p for p in (site / "units").iterdir() if p.name.startswith("shanxisheng-xinzhoushi-baodexian"))
    html = (unit_page / "index.html").read_text(encoding="utf-8")
    pair = html[html.index('id="duizhao-2021-2022"'):]
    plan_check = pair[pair.index("上年的安排和不足，本年落实了吗？"):pair.index("</details>")]
    earlier, later = plan_check.split('<div class="compare-column">')[1:]
    assert "新建村级法律顾问微信群" in earlier and "执法人员不足" in earlier  # 2021: plans, then shortcomings
    assert earlier.index("2021年度 · 下一年度主要安排") < earlier.index("2021年度 · 存在的不足和原因")
    assert "村级法律顾问微信群覆盖全部村" in later and "2022年度 · 主要举措和成效" in later
    assert 'href="/archive/reports/2021/baodexian/#三2022年工作计划"' in earlier
    shortcomings = pair[pair.index("不足是否重复出现？"):]
    shortcomings = shortcomings[:shortcomings.index("</details>")]
    assert "执法人员不足" in shortcomings and "执法培训仍然偏少" in shortcomings
    assert '<p class="excerpt-heading excerpt-h2">二、存在的问题和原因</p>' in shortcomings
    assert "该年度报告未见此部分。" in pair  # 2022 has no plans part


def test_region_and_year_pages_show_each_units_status_and_who_fell_silent(build_tree):
    site = build_tree(TREE).site
    region = page(site, "regions/shanxisheng/xinzhoushi")
    roll_2022 = region[region.index('id="roll-2022"'):region.index('id="roll-2021"')]
    assert "保德县" in roll_2022 and "逾期 32 天" in roll_2022
    silent = roll_2022[roll_2022.index("2021年度有报告、2022年度未收录报告的单位"):]
    assert "河曲县" in silent and "保德县" not in silent
    year = page(site, "years/2022")
    assert "2021年度有报告、2022年度未收录报告的单位" in year and "河曲县" in year
    assert year.count('<td class="part-cell part-found">有</td>') == 2  # 2022: measures and shortcomings


def test_the_catalogue_has_on_time_days_late_and_parts(build_tree):
    site = build_tree(TREE).site
    rows = {(r["unit"], r["year"]): r for r in json.loads((site / "reports.json").read_text(encoding="utf-8"))["reports"]}
    assert (rows["保德县", 2022]["on_time"], rows["保德县", 2022]["days_late"]) == (False, 32)
    assert rows["保德县", 2022]["parts"] == ["主要举措和成效", "存在的不足和原因"]
    assert (rows["河曲县", 2021]["on_time"], rows["河曲县", 2021]["days_late"]) == (None, None)
    csv_lines = (site / "reports.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(line.endswith(",否,32,主要举措和成效/存在的不足和原因") for line in csv_lines)


def test_the_new_pages_pass_the_html_validator(build_tree):
    site = build_tree(TREE).site
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run([str(REPO / "node_modules/.bin/html-validate"), *pages], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
