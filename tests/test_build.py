"""Small builds from inline file trees: what an editor commits → what lands in site/."""
import json

import pytest

from conftest import report_file

from archive.slugs import name_suffix

CHENGQU = name_suffix("城区街道")

BAODE = {"content/2022/baodexian.md": report_file(extra="published: 2023-02-28\nsource: 保德县司法局\n")}
TWO_UNITS = {
    **BAODE,
    "content/2021/baodexian.md": report_file(title="保德县2021年度报告", year=2021),
    "content/2022/rushan-chengqujiedao.md": report_file(title="城区街道2022年法治政府建设情况报告", unit="城区街道", region="[山东省, 威海市, 乳山市]"),
    "content/2022/wendeng-chengqujiedao.md": report_file(title="文登城区街道报告", unit="城区街道", region="[山东省, 威海市, 文登区]"),
}


def site_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_every_page_kind_is_written_under_the_base_path(build_tree):
    result = build_tree(TWO_UNITS)
    assert result.code == 0, result.err
    files = site_files(result.site)
    for expected in [
        "index.html", "404.html", "feed.xml", "sitemap.xml", "reports.json", "reports.csv", "search/index.html",
        "reports/2022/baodexian/index.html", "reports/2021/baodexian/index.html",
        "units/index.html", "units/shanxisheng-xinzhoushi-baodexian/index.html",
        "regions/index.html", "regions/shandongsheng/weihaishi/rushanshi/index.html",
        "years/index.html", "years/2021/index.html", "years/2022/index.html",
        "assets/style.css", "assets/lunr.min.js",
    ]:
        assert expected in files, expected
    home = files["index.html"].decode()
    assert 'href="/archive/units/"' in home and 'href="/archive/reports/2022/baodexian/"' in home


def test_units_with_the_same_name_in_different_regions_stay_apart(build_tree):
    files = site_files(build_tree(TWO_UNITS).site)
    assert f"units/shandongsheng-weihaishi-rushanshi-chengqujiedao-{CHENGQU}/index.html" in files
    assert f"units/shandongsheng-weihaishi-wendengqu-chengqujiedao-{CHENGQU}/index.html" in files
    weihai = files["regions/shandongsheng/weihaishi/index.html"].decode()
    assert "乳山市" in weihai and "文登区" in weihai


def test_report_page_shows_facts_outline_and_other_years(build_tree):
    files = site_files(build_tree(TWO_UNITS).site)
    page = files["reports/2022/baodexian/index.html"].decode()
    assert "<h1>保德县2022年度法治政府建设情况报告</h1>" in page
    assert "2023年2月28日" in page and "保德县司法局" in page
    assert '<a href="#一主要举措和成效">一、主要举措和成效</a>' in page
    assert '<h2 id="一主要举措和成效">' in page
    assert 'href="/archive/reports/2021/baodexian/"' in page
    assert 'href="/archive/regions/shanxisheng/xinzhoushi/"' in page


def test_catalogue_lists_every_report_as_json_and_csv(build_tree):
    files = site_files(build_tree(TWO_UNITS).site)
    catalogue = json.loads(files["reports.json"])
    assert catalogue["count"] == 4
    assert [json.loads(line.rstrip(",")) for line in files["reports.json"].decode().splitlines()[1:-1]] == catalogue["reports"], "a report a line"
    baode = next(r for r in catalogue["reports"] if r["url"].endswith("reports/2022/baodexian/"))
    assert baode == {
        "title": "保德县2022年度法治政府建设情况报告", "unit": "保德县", "region": ["山西省", "忻州市"], "level": "县级",
        "year": 2022, "published": "2023-02-28", "source": "保德县司法局", "source_url": None,
        "url": "https://example.org/archive/reports/2022/baodexian/",
        "on_time": True, "days_late": 0, "parts": ["主要举措和成效"],
    }
    csv_text = files["reports.csv"].decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "title,unit,region,level,year,published,source,source_url,url,on_time,days_late,parts"
    assert "保德县2022年度法治政府建设情况报告,保德县,山西省/忻州市,县级,2022,2023-02-28,保德县司法局,," in csv_text


def test_feed_and_sitemap_use_absolute_urls(build_tree):
    files = site_files(build_tree(TWO_UNITS).site)
    feed = files["feed.xml"].decode()
    assert "<id>https://example.org/archive/reports/2022/baodexian/</id>" in feed
    assert "<updated>2023-02-28T00:00:00Z</updated>" in feed
    assert "<loc>https://example.org/archive/sitemap-pages.xml</loc>" in files["sitemap.xml"].decode()
    sitemap = files["sitemap-pages.xml"].decode()
    assert "<loc>https://example.org/archive/units/</loc>" in sitemap
    assert "<loc>https://example.org/archive/reports/2022/baodexian/</loc>" in files["sitemap-2022.xml"].decode()
    assert "404.html" not in sitemap


def test_two_builds_are_byte_identical(build_tree, tmp_path):
    first = site_files(build_tree(TWO_UNITS).site)
    second = site_files(build_tree({}).site)
    assert first == second


def test_raw_html_in_a_report_is_not_passed_through(build_tree):
    body = "正文<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n"
    files = site_files(build_tree({"content/2022/baodexian.md": report_file(body=body)}).site)
    page = files["reports/2022/baodexian/index.html"].decode()
    assert "<script>alert" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


BAD_INPUTS = [
    ({"content/2022/a.md": "---\ntitle: x\nunit: [常平镇\nyear: 2022\n---\n正文\n"}, "content/2022/a.md:4: YAML 格式错误 (invalid YAML)"),
    ({"content/2022/a.md": report_file(region="广东省")}, "content/2022/a.md:5: 字段 'region' 须为自上而下的地名列表"),
    ({"content/2022/a.md": report_file(extra="sorce: 司法局\n")}, "content/2022/a.md:6: 未知字段 (unknown field) 'sorce'，是否应为 'source'？"),
    ({"content/2022/a.md": report_file(year="二〇二二")}, "content/2022/a.md:4: 字段 'year' 须为年份，如 2022"),
    ({"content/2022/a.md": "---\ntitle: x\nunit: 常平镇\nyear: 2022\n---\n正文\n"}, "content/2022/a.md:1: 缺少必填字段 (missing required field) 'region'"),
    ({"content/2022/a.md": report_file().encode("gbk")}, "content/2022/a.md:2: 不是 UTF-8 文本"),
    ({"content/2021/a.md": report_file()}, "content/2021/a.md:4: 2022 年度的报告应放在 content/2022/"),
    ({"content/2022/Bao De.md": report_file()}, "content/2022/Bao De.md:1: 文件名 'Bao De.md' 只能用小写英文字母、数字和 '-'"),
    ({"content/2022/a.md": report_file(unit="某某")}, "content/2022/a.md:3: 无法从名称判断 '某某' 的级别"),
]


@pytest.mark.parametrize("files, expected", BAD_INPUTS, ids=lambda v: v if isinstance(v, str) else None)
def test_bad_input_names_file_and_line_exits_1_and_keeps_the_old_site(build_tree, files, expected):
    good = build_tree(BAODE)
    assert good.code == 0
    before = site_files(good.site)
    bad = build_tree(files)
    assert bad.code == 1
    assert expected in bad.err, bad.err
    assert all(line.count(":") >= 2 for line in bad.err.strip().splitlines())
    assert site_files(bad.site) == before
    assert sorted(p.name for p in bad.site.parent.iterdir() if p.name.startswith((".site", "site"))) == [".site.files", ".site.spare", "site"]


def test_every_problem_in_every_file_is_reported(build_tree):
    result = build_tree({
        "content/2022/a.md": report_file(extra="titel: x\nlevel: 镇级\n"),
        "content/2022/b.md": report_file(year="'2022'"),
    })
    lines = result.err.strip().splitlines()
    assert result.code == 1
    assert lines == [
        "content/2022/a.md:6: 未知字段 (unknown field) 'titel'，是否应为 'title'？",
        "content/2022/a.md:7: 字段 'level' 须为 省级/市级/县级/乡镇/街道/部门 之一 (must be one of the levels)，不能是 str '镇级'",
        "content/2022/b.md:4: 字段 'year' 须为年份，如 2022 (must be a year)，不能是 str '2022'",
    ]


def test_check_validates_without_writing(build_tree):
    result = build_tree(BAODE, "check")
    assert result.code == 0 and not result.site.exists()
    result = build_tree({"content/2022/x.md": report_file(extra="foo: 1\n")}, "check")
    assert result.code == 1 and "content/2022/x.md:6: 未知字段 (unknown field) 'foo'" in result.err


def test_config_problems_name_the_line(build_tree):
    result = build_tree({"config.yaml": "title: 报告库\ndescription: x\nbase_url: /relative/\nlanguage: zh-CN\nlatest_count: ten\n", **BAODE})
    assert result.code == 1
    assert "config.yaml:5: 设置 'latest_count' 须为 int (wrong type)，不能是 'ten'" in result.err


def test_a_region_page_lists_every_unit_below_it(build_tree):
    files = site_files(build_tree(TWO_UNITS).site)
    shandong = files["regions/shandongsheng/index.html"].decode()
    assert f'href="/archive/units/shandongsheng-weihaishi-rushanshi-chengqujiedao-{CHENGQU}/"' in shandong
    assert f'href="/archive/units/shandongsheng-weihaishi-wendengqu-chengqujiedao-{CHENGQU}/"' in shandong
    assert "保德县" not in shandong.split("<main")[1]


def test_homophone_places_build_side_by_side_with_urls_of_their_own(build_tree):
    """山西省 and 陕西省 are both shanxisheng in toneless pinyin; 清黄镇 and 庆黄镇 are qinghuangzhen."""
    result = build_tree({
        "content/2022/baodexian.md": report_file(),
        "content/2022/chencangqu.md": report_file(title="陈仓区2022年报告", unit="陈仓区", region="[陕西省, 宝鸡市]"),
        "content/2022/qinghuangzhen.md": report_file(title="清黄镇报告", unit="清黄镇", region="[山西省, 忻州市, 保德县]"),
        "content/2022/qinghuangzhen2.md": report_file(title="庆黄镇报告", unit="庆黄镇", region="[山西省, 忻州市, 保德县]"),
        "content/2022/a.md": report_file(title="甲镇报告", unit="甲镇", region="[山东省, 城区]"),
        "content/2022/b.md": report_file(title="乙镇报告", unit="乙镇", region="[山东省, 程区]"),
    })
    assert result.code == 0, result.err
    files = site_files(result.site)
    assert "陈仓区" in files["regions/shaanxisheng/baojishi/index.html"].decode()
    assert "清黄镇" in files["regions/shanxisheng/xinzhoushi/baodexian/index.html"].decode()
    qing = files[f"units/shanxisheng-xinzhoushi-baodexian-qinghuangzhen-{name_suffix('清黄镇')}/index.html"].decode()
    qing4 = files[f"units/shanxisheng-xinzhoushi-baodexian-qinghuangzhen-{name_suffix('庆黄镇')}/index.html"].decode()
    assert "清黄镇报告" in qing and "庆黄镇报告" in qing4
    assert name_suffix("清黄镇") != name_suffix("庆黄镇")
    assert files[f"regions/shandongsheng/chengqu-{name_suffix('城区')}/index.html"] != files[f"regions/shandongsheng/chengqu-{name_suffix('程区')}/index.html"]


def test_a_place_url_does_not_change_when_a_homophone_arrives_later(build_tree):
    first = build_tree({"content/2022/q1.md": report_file(title="清黄镇报告", unit="清黄镇", region="[山西省, 忻州市, 保德县]")})
    before = {path for path in site_files(first.site) if path.startswith(("units/", "regions/"))}
    second = build_tree({"content/2022/q2.md": report_file(title="庆黄镇报告", unit="庆黄镇", region="[山西省, 忻州市, 保德县]")})
    assert second.code == 0, second.err
    assert before <= set(site_files(second.site))
