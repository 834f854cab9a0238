"""The built seed archive as a person sees it: served under a subpath, in headless Chromium."""
import re
import subprocess
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from conftest import REPO

SEED_UNITS = {"保德县", "城区街道", "燕山乡", "常平镇", "绿塘乡"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("a", "link") and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.links.append(attributes["src"])


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_every_internal_link_and_anchor_resolves(seed_site):
    """Crawl from the home page: every page links only to pages and anchors that exist."""
    pages, queue, broken = {}, [seed_site.url], []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        status, body = fetch(url)
        if status != 200:
            broken.append((url, status))
            continue
        parser = _Links()
        if url.endswith("/") or url.endswith(".html"):
            parser.feed(body)
        pages[url] = parser
        for href in parser.links:
            target, _ = urldefrag(urljoin(url, href))
            if target.startswith(seed_site.url) and target not in pages:
                queue.append(target)
    assert not broken
    for url, parser in pages.items():
        for href in parser.links:
            target, fragment = urldefrag(urljoin(url, href))
            if fragment and target in pages:
                assert urllib.parse.unquote(fragment) in pages[target].ids, (url, href)
    html_pages = [u for u in pages if u.endswith("/")]
    assert len([u for u in html_pages if "/reports/" in u]) == 5
    assert len([u for u in html_pages if re.search(r"/units/.+/$", u)]) == 5
    assert len([u for u in html_pages if re.search(r"/years/\d{4}/$", u)]) == 3


def test_home_tells_what_the_archive_holds(page, seed_site):
    page.goto(seed_site.url)
    holdings = page.locator("main").inner_text()
    assert "共收录 5 篇报告" in holdings and "5 个单位" in holdings and "3 个年度" in holdings
    rows = page.locator("table.counts tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("th").inner_text() for i in range(3)] == ["2022", "2021", "2020"]
    latest = page.locator("#latest ~ .report-list .report-meta").all_inner_texts()
    assert [meta.split()[0] for meta in latest] == ["山西省", "山东省", "广东省", "绿塘乡", "重庆市"]  # by date, undated last


def test_browse_region_to_unit_to_report_and_follow_an_outline_anchor(page, seed_site):
    page.goto(seed_site.url + "regions/")
    page.get_by_role("link", name="山东省").first.click()
    page.get_by_role("link", name="威海市").first.click()
    page.get_by_role("link", name="乳山市").first.click()
    page.get_by_role("link", name="城区街道").click()
    assert page.locator("h1").inner_text() == "城区街道"
    page.locator(".report-list a").first.click()
    assert "城区街道" in page.locator("h1").inner_text()
    assert "编者注" in page.locator(".note").inner_text()
    first_heading = page.locator(".outline a").first
    heading_text = first_heading.inner_text()
    first_heading.click()
    target = page.locator(".report-body :target")
    assert target.inner_text() == heading_text
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


def test_units_index_lists_every_seed_unit_by_region(page, seed_site):
    page.goto(seed_site.url + "units/")
    names = set(page.locator(".unit-list a").all_inner_texts())
    assert names == SEED_UNITS


def test_years_are_the_years_reported_on(page, seed_site):
    page.goto(seed_site.url + "years/2020/")
    assert page.locator(".report-list a").all_inner_texts() == ["关于2020年法治政府建设情况的报告"]


def test_browsing_needs_no_javascript(no_js_page, seed_site):
    no_js_page.goto(seed_site.url)
    no_js_page.get_by_role("link", name="按单位浏览").first.click()
    no_js_page.get_by_role("link", name="保德县").click()
    no_js_page.locator(".report-list a").first.click()
    assert "保德县" in no_js_page.locator("h1").inner_text()
    assert no_js_page.locator(".report-body p").count() > 10


def test_pages_fit_a_phone_screen(phone_page, seed_site):
    for path in ["", "reports/2022/baodexian/", "units/", "regions/", "years/2022/", "search/"]:
        phone_page.goto(seed_site.url + path)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px on a phone"
        size = phone_page.locator("main").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 14, f"/{path} text is too small to read on a phone"


def test_print_shows_the_report_not_the_chrome(page, seed_site):
    page.goto(seed_site.url + "reports/2022/baodexian/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-search").is_visible()
    assert not page.locator(".outline").is_visible()
    assert page.locator(".report-body").is_visible()
    assert page.locator("h1").is_visible()


def test_missing_pages_get_the_404_page_with_working_links(page, seed_site):
    response = page.goto(seed_site.url + "reports/2099/nothing/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    page.get_by_role("link", name="按年份浏览").click()
    assert page.url == seed_site.url + "years/"


def test_feed_and_sitemap_are_well_formed_and_absolute(seed_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(fetch(seed_site.url + "feed.xml")[1].encode())
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 3  # the seed's dated reports: 燕山乡 and 绿塘乡 state no date
    assert all(e.find(f"{atom}id").text.startswith(seed_site.url) for e in entries)
    sitemap = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    parts = [loc.text for loc in ElementTree.fromstring(fetch(seed_site.url + "sitemap.xml")[1].encode()).iter(sitemap)]
    assert parts and all(part.startswith(seed_site.url + "sitemap-") for part in parts)
    locations = [loc.text for part in parts for loc in ElementTree.fromstring(fetch(part)[1].encode()).iter(sitemap)]
    assert seed_site.url + "reports/2022/baodexian/" in locations and seed_site.url + "units/" in locations


def test_every_page_kind_passes_the_html_validator(seed_site):
    pages = sorted(str(p) for p in seed_site.root.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run([str(REPO / "node_modules/.bin/html-validate"), *pages], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = re.search(r"Run the tests.*?```sh\n(.+?)\n```", readme, re.S).group(1)
    assert command in (REPO / ".ci/run").read_text().splitlines()
