"""Browsing, from inline file trees: region pages hold every report at and below their level, unit
and region pages link each other, a unit with no region is placed by its own name, and "newest" is
one order everywhere (home, year pages, feed) with honest dates in the feed and sitemap."""
import re
import xml.etree.ElementTree as ElementTree

from conftest import report_file

from archive.site import render

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

RUSHAN = {
    "content/2022/rushanshi.md": report_file(title="乳山市2022年报告", unit="乳山市", region="[山东省, 威海市]"),
    "content/2022/rushanshi-chengqujiedao.md": report_file(title="城区街道2022年报告", unit="城区街道", region="[山东省, 威海市, 乳山市]"),
    "content/2022/wendengqu.md": report_file(title="文登区2022年报告", unit="文登区", region="[山东省, 威海市]"),
}


def page(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(html):
    return set(re.findall(r'href="([^"#]+)', html))


def test_a_region_page_lists_the_county_itself_and_the_townships_under_it(build_tree):
    result = build_tree(RUSHAN)
    assert result.code == 0, result.err
    rushan = page(result.site, "regions/shandongsheng/weihaishi/rushanshi")
    assert {"/archive/reports/2022/rushanshi/", "/archive/reports/2022/rushanshi-chengqujiedao/"} <= links(rushan)
    assert "共 2 篇报告" in rushan
    assert "/archive/reports/2022/wendengqu/" not in links(rushan)
    weihai = page(result.site, "regions/shandongsheng/weihaishi")
    assert "共 3 篇报告" in weihai
    assert {"/archive/units/shandongsheng-weihaishi-rushanshi/", "/archive/units/shandongsheng-weihaishi-wendengqu/"} <= links(weihai)


def test_a_county_unit_and_its_region_page_link_each_other(build_tree):
    site = build_tree(RUSHAN).site
    unit = page(site, "units/shandongsheng-weihaishi-rushanshi")
    region = page(site, "regions/shandongsheng/weihaishi/rushanshi")
    assert "/archive/regions/shandongsheng/weihaishi/rushanshi/" in links(unit)
    assert "/archive/units/shandongsheng-weihaishi-rushanshi/" in links(region)
    assert "乳山市本级的报告见" in region and "乳山市所辖各单位的报告见" in unit
    assert "/archive/regions/shandongsheng/weihaishi/rushanshi/" in links(page(site, "reports/2022/rushanshi"))
    wendeng = page(site, "units/shandongsheng-weihaishi-wendengqu")  # no region page of its own: its region's
    assert "/archive/regions/shandongsheng/weihaishi/" in links(wendeng)
    assert "所辖各单位的报告见" not in wendeng


def test_a_county_unit_page_gains_and_loses_its_region_link_as_townships_come_and_go(build_tree):
    county = {"content/2022/rushanshi.md": RUSHAN["content/2022/rushanshi.md"]}
    unit = "units/shandongsheng-weihaishi-rushanshi"
    assert "所辖各单位的报告见" not in page(build_tree(county).site, unit)
    site = build_tree({"content/2022/rushanshi-chengqujiedao.md": RUSHAN["content/2022/rushanshi-chengqujiedao.md"]}).site
    assert "/archive/regions/shandongsheng/weihaishi/rushanshi/" in links(page(site, unit))
    assert "/archive/regions/shandongsheng/weihaishi/rushanshi/" in links(page(site, "reports/2022/rushanshi"))
    (site.parent / "content/2022/rushanshi-chengqujiedao.md").unlink()
    site = build_tree({}).site
    assert "所辖各单位的报告见" not in page(site, unit)
    assert "/archive/regions/shandongsheng/weihaishi/rushanshi/" not in links(page(site, "reports/2022/rushanshi"))


def test_a_unit_without_region_is_placed_by_its_own_name(build_tree):
    result = build_tree({
        "content/2022/shandongsheng.md": report_file(title="山东省2022年报告", unit="山东省", region="[]"),
        "content/2022/wanzhouqu.md": report_file(title="万州区2022年报告", unit="万州区", region="[]"),
        "content/2022/chaoyangqu.md": report_file(title="朝阳区2022年报告", unit="朝阳区", region="[]"),  # two in China
        "content/2022/lvtangxiang.md": report_file(title="绿塘乡2022年报告", unit="绿塘乡", region="[]"),
    })
    assert result.code == 0, result.err
    shandong = page(result.site, "regions/shandongsheng")
    assert "/archive/reports/2022/shandongsheng/" in links(shandong)
    assert "/archive/units/shandongsheng/" in links(shandong)
    assert "/archive/regions/shandongsheng/" in links(page(result.site, "units/shandongsheng"))
    assert "/archive/regions/shandongsheng/" in links(page(result.site, "reports/2022/shandongsheng"))
    assert "/archive/regions/chongqingshi/" in links(page(result.site, "reports/2022/wanzhouqu"))
    assert "/archive/reports/2022/wanzhouqu/" in links(page(result.site, "regions/chongqingshi/wanzhouqu"))
    unplaced = page(result.site, "regions")
    unplaced = unplaced[unplaced.index("地区未注明的单位"):]
    assert "朝阳区" in unplaced and "绿塘乡" in unplaced
    assert "山东省" not in unplaced and "万州区" not in unplaced


DATED_AND_UNDATED = {
    "content/2022/a-undated.md": report_file(title="甲县2022年报告", unit="甲县", region="[山西省, 忻州市]"),
    "content/2022/b-march.md": report_file(title="乙县2022年报告", unit="乙县", region="[山西省, 忻州市]", extra="published: 2023-03-01\n"),
    "content/2021/c-late.md": report_file(title="丙县2021年报告", unit="丙县", year=2021, region="[山西省, 忻州市]", extra="published: 2023-05-20\n"),
    "content/2020/d-undated.md": report_file(title="丁县2020年报告", unit="丁县", year=2020, region="[山西省, 忻州市]"),
    "content/2022/e-january.md": report_file(title="戊县2022年报告", unit="戊县", region="[山西省, 忻州市]", extra="published: 2023-01-10\n"),
}
NEWEST = ["丙县2021年报告", "乙县2022年报告", "戊县2022年报告", "甲县2022年报告", "丁县2020年报告"]


def listed_titles(html):
    return re.findall(r'<a class="report-title" href="[^"]+">([^<]+)</a>', html)


def test_newest_is_by_publication_date_with_undated_reports_last_everywhere(build_tree):
    site = build_tree(DATED_AND_UNDATED).site
    home = page(site, "")
    latest = home[home.index('id="latest"'):]
    assert listed_titles(latest) == NEWEST
    assert "按发布日期排列，未注明日期的排在最后" in latest
    year = page(site, "years/2022")
    assert listed_titles(year[year.index("<h2>报告列表</h2>"):]) == [t for t in NEWEST if "2022" in t]
    assert "按发布日期排列，未注明日期的排在最后" in year


def test_the_feed_holds_dated_reports_newest_first_and_invents_no_date(build_tree):
    site = build_tree(DATED_AND_UNDATED).site
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [t for t in NEWEST if t not in ("甲县2022年报告", "丁县2020年报告")]
    assert [e.find(f"{ATOM}updated").text[:10] for e in entries] == ["2023-05-20", "2023-03-01", "2023-01-10"]
    assert all(e.find(f"{ATOM}published").text == e.find(f"{ATOM}updated").text for e in entries)
    assert feed.find(f"{ATOM}updated").text.startswith("2023-05-20")
    assert "-12-31" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_the_sitemap_dates_a_report_by_its_publication_and_nothing_else(build_tree):
    site = build_tree(DATED_AND_UNDATED).site
    base = "https://example.org/archive/"
    parts = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    urls = [u for part in parts for u in ElementTree.parse(site / part.removeprefix(base)).getroot().findall(f"{SITEMAP}url")]
    lastmod = {u.find(f"{SITEMAP}loc").text: getattr(u.find(f"{SITEMAP}lastmod"), "text", None) for u in urls}
    assert lastmod[base + "reports/2021/c-late/"] == "2023-05-20"
    assert lastmod[base + "reports/2022/a-undated/"] is None
    assert lastmod[base] is None and lastmod[base + "years/2022/"] is None


def test_the_sitemap_is_an_index_of_parts_by_year_none_over_the_protocols_limit(build_tree, monkeypatch):
    monkeypatch.setattr(render, "SITEMAP_LIMIT", 2)
    site = build_tree(DATED_AND_UNDATED).site
    base = "https://example.org/archive/"
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text.removeprefix(base) for loc in index.iter(f"{SITEMAP}loc")]
    assert parts[0].startswith("sitemap-pages") and all("/" not in part for part in parts), "at the top, as the protocol asks"
    listed = {part: [loc.text.removeprefix(base) for loc in ElementTree.parse(site / part).getroot().iter(f"{SITEMAP}loc")] for part in parts}
    assert all(1 <= len(urls) <= 2 for urls in listed.values())
    pages = sorted(str(p.relative_to(site).parent) + "/" for p in site.rglob("index.html") if not p.is_relative_to(site / "assets"))
    everything = sorted(url for urls in listed.values() for url in urls)
    assert everything == sorted("" if page == "./" else page for page in pages), "every page once"
    assert all(url.startswith(f"reports/{part[8:12]}/") for part, urls in listed.items() if part[8:12].isdigit() for url in urls)


def test_every_heading_of_a_report_has_a_link_to_itself(build_tree):
    body = "正文。\n\n## 一、主要举措和成效\n\n正文。\n\n### （一）加强领导\n\n正文。\n"
    html = page(build_tree({"content/2022/baodexian.md": report_file(body=body)}).site, "reports/2022/baodexian")
    assert '<h2 id="一主要举措和成效">一、主要举措和成效<a class="heading-anchor" href="#一主要举措和成效" aria-label="本节链接"></a></h2>' in html
    assert 'href="#一加强领导" aria-label="本节链接"' in html
    assert 'href="#top">回到顶部</a>' in html and '<body id="top">' in html
