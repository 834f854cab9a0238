"""The search page in headless Chromium, over the seed archive."""
from __future__ import annotations

import gzip
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, Route

from node_runner import REPO

DONE = "#search-results[data-state=done]"


def open_search(page: Page, site, **params: str) -> Page:
    page.goto(site.url + "search/?" + urlencode(params))
    page.wait_for_selector(DONE, state="attached")
    return page


def result_units(page: Page) -> list[str]:
    return [meta.split(" · ")[0] for meta in page.locator("#search-results ol > li .report-meta").all_inner_texts()]


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize(("query", "units"), [
    ("枫桥经验", ["保德县"]),
    ("义警", ["常平镇"]),
    ("12345", ["保德县"]),
    ("１２３４５", ["保德县"]),
    ("法律顾问 微信群", ["绿塘乡"]),
])
def test_finds_exactly_the_reports_that_contain_the_words(page, seed_site, query, units) -> None:
    open_search(page, seed_site, q=query)
    assert result_units(page) == units
    assert page.inner_text("#search-status").startswith(f"找到 {len(units)} 篇报告")


def test_administrative_review_is_in_three_reports(page, seed_site) -> None:
    open_search(page, seed_site, q="行政复议")
    assert sorted(result_units(page)) == sorted(["保德县", "城区街道", "燕山乡"])
    assert "乳山市" in page.locator("#search-results li", has_text="城区街道").inner_text()


def test_a_unit_name_finds_that_units_report_first(page, seed_site) -> None:
    open_search(page, seed_site, q="常平镇")
    assert result_units(page)[0] == "常平镇"


def test_footer_chrome_is_not_report_text(page, seed_site) -> None:
    open_search(page, seed_site, q="ICP")
    assert result_units(page) == []
    status = page.inner_text("#search-status")
    assert "没有找到包含“ICP”的报告" in status and "可以试试" in status


def test_results_link_to_report_pages_with_highlighted_excerpts(page, seed_site) -> None:
    open_search(page, seed_site, q="行政复议")
    links = page.locator("#search-results ol > li a.report-title")
    assert links.count() == 3
    assert all(href.startswith("/sub/reports/") for href in (links.nth(i).get_attribute("href") for i in range(3)))
    marks = page.locator("#search-results ol > li .search-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {"行政复议"}
    assert "年" in page.locator("#search-results ol > li .report-meta").first.inner_text()
    with page.expect_navigation():
        links.first.click()
    assert "/sub/reports/" in page.url and page.locator("h1").count() == 1


def test_report_text_is_shown_as_text_never_as_markup(page, seed_site) -> None:
    def poison(route: Route) -> None:
        fragment = json.loads(gzip.decompress(route.fetch().body()))
        fragment["title"] = "<img src=x onerror=window.pwned=1>" + fragment["title"]
        fragment["text"] = "<b>粗体</b><script>window.pwned=1</script>义警" + fragment["text"]
        route.fulfill(body=gzip.compress(json.dumps(fragment, ensure_ascii=False).encode()),
                      content_type="application/gzip")

    page.route("**/search/index/f/*/*.gz", poison)
    open_search(page, seed_site, q="义警")
    result = page.locator("#search-results ol > li").first
    assert result.locator("img, b, script").count() == 0
    assert "<b>粗体</b>" in result.inner_text() and "<img src=x" in result.inner_text()
    assert page.evaluate("window.pwned") is None
    assert "innerHTML" not in (REPO / "static" / "search.js").read_text(encoding="utf-8")


def test_query_and_filters_live_in_the_url_and_back_restores_them(page, seed_site) -> None:
    page.goto(seed_site.url + "search/")
    page.fill("#search-input", "行政复议")
    page.press("#search-input", "Enter")
    page.wait_for_selector(DONE, state="attached")
    assert url_params(page) == {"q": ["行政复议"]} and len(result_units(page)) == 3
    page.select_option("#search-year", "2022")
    page.wait_for_function("document.querySelectorAll('#search-results ol > li').length === 2")
    assert url_params(page) == {"q": ["行政复议"], "year": ["2022"]}
    assert "已筛选" in page.inner_text("#search-status")
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#search-results ol > li').length === 3")
    assert page.input_value("#search-year") == "" and page.input_value("#search-input") == "行政复议"
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#search-results ol > li').length === 0")
    assert page.input_value("#search-input") == ""


def test_pages_of_results_live_in_the_url(page, seed_site) -> None:
    patched_page_size(page, 2)
    open_search(page, seed_site, q="法治")
    assert page.inner_text("#search-status") == "找到 5 篇报告，这是第 1–2 篇。"
    first_page = result_units(page)
    page.click("#search-pages a:text('下一页')")
    page.wait_for_function("document.querySelector('#search-results ol').start === 3")
    assert url_params(page) == {"q": ["法治"], "page": ["2"]} and len(result_units(page)) == 2
    assert not set(result_units(page)) & set(first_page)
    page.go_back()
    page.wait_for_function("document.querySelector('#search-results ol').start === 1")
    assert result_units(page) == first_page


@pytest.mark.parametrize(("filters", "units"), [
    ({"level": "乡镇"}, ["燕山乡"]),
    ({"region": "山东省"}, ["城区街道"]),
    ({"region": "山西省/忻州市/保德县"}, ["保德县"]),
    ({"year": "2020", "level": "县级"}, []),
])
def test_filters_by_year_level_and_region_or_unit(page, seed_site, filters, units) -> None:
    open_search(page, seed_site, q="行政复议", **filters)
    assert result_units(page) == units
    for name, value in filters.items():
        assert page.input_value(f"#search-{name}") == value


def test_filter_choices_come_from_the_archive(page, seed_site) -> None:
    open_search(page, seed_site, q="法治")
    options = {name: page.locator(f"#search-{name} option").all_inner_texts() for name in ("year", "level", "region")}
    assert options["year"] == ["全部年份", "2022年", "2021年", "2020年"]
    assert {"乡镇", "街道", "县级"} <= set(options["level"])
    assert "广东省" in options["region"] and "\u3000东莞市" in options["region"]


def test_keyboard_alone_searches_and_opens_a_result(page, seed_site) -> None:
    page.goto(seed_site.url + "search/")
    # The scripts are fetched, not parsed from the page: the load event does not wait for them.
    page.wait_for_selector("#search-results[data-state=idle]", state="attached")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("行政复议")
    page.keyboard.press("Enter")
    page.wait_for_selector(DONE, state="attached")
    titles = page.locator("#search-results a.report-title").all_inner_texts()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == titles[0]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sub/reports/" in page.url


def test_status_is_announced_and_each_step_of_a_search_is_marked(page, seed_site) -> None:
    open_search(page, seed_site, q="法治")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "找到 5 篇报告。"
    marks = page.evaluate("performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])")
    assert [name for name, _ in marks] == [
        "search-start", "search-postings", "search-ranked", "search-fragments", "search-shown"]
    assert [time for _, time in marks] == sorted(time for _, time in marks)


def test_the_header_search_box_of_any_page_searches(page, seed_site) -> None:
    page.goto(seed_site.url)
    page.fill("#site-search-input", "义警")
    page.press("#site-search-input", "Enter")
    page.wait_for_selector(DONE, state="attached")
    assert result_units(page) == ["常平镇"]


def test_without_javascript_the_page_says_so_and_links_to_the_indexes(no_js_page, seed_site) -> None:
    no_js_page.goto(seed_site.url + "search/?q=义警")
    assert "需要浏览器启用 JavaScript" in no_js_page.locator("noscript").inner_text()
    links = no_js_page.locator("noscript a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["/sub/units/", "/sub/regions/", "/sub/years/"]


def patched_page_size(page: Page, size: int) -> None:
    """search.js with another page size; the page runs it from its gzipped copy."""
    def patch(route: Route) -> None:
        script = gzip.decompress(route.fetch().body()).decode()
        assert "const PAGE_SIZE = 5;" in script
        patched = script.replace("const PAGE_SIZE = 5;", f"const PAGE_SIZE = {size};")
        route.fulfill(body=gzip.compress(patched.encode()), content_type="application/gzip")

    page.route("**/assets/search.js.gz", patch)


def test_every_result_contains_the_whole_word_and_the_count_says_when_it_is_approximate(page, seed_site) -> None:
    # Four reports hold 面推 and 推进; three of them hold 面推进.
    patched_page_size(page, 1)
    open_search(page, seed_site, q="面推进")
    assert page.inner_text("#search-status").startswith("找到约 4 篇报告")
    assert page.get_attribute("#search-results", "data-exact") == "false"
    assert "约 4 页" in page.inner_text("#search-pages")
    shown = 1
    while page.locator("#search-pages a:text('下一页')").count():
        page.click("#search-pages a:text('下一页')")
        page.wait_for_function(f"document.querySelector('#search-results ol').start === {shown + 1}"
                               " || location.search.includes('page=3') && /最后一页/.test(document.body.innerText)")
        shown = page.evaluate("document.querySelector('#search-results ol').start")
        assert page.locator("#search-results ol > li").count() == 1
        assert "面推进" in page.locator("#search-results .search-excerpt mark").all_inner_texts()
    assert shown == 3 and page.get_attribute("#search-results", "data-exact") == "true"
    status = page.inner_text("#search-status")
    assert status.startswith("找到 3 篇报告") and "没有第 4 页，这是最后一页（第 3 页）" in status, status
    assert url_params(page)["page"] == ["3"]


def test_a_manifest_older_than_the_index_is_reloaded(page, seed_site) -> None:
    requests = []

    def older(route: Route) -> None:
        requests.append(route.request.headers.get("cache-control"))
        body = route.fetch().body()
        if len(requests) == 1:  # the manifest of an earlier build: its partitions are gone
            manifest = json.loads(gzip.decompress(body))
            for partition in manifest["partitions"]:
                partition["key"] = "0" * len(partition["key"])
            body = gzip.compress(json.dumps(manifest).encode())
        route.fulfill(body=body, content_type="application/gzip")

    page.route("**/search/index/manifest.json.gz", older)
    open_search(page, seed_site, q="义警")
    assert result_units(page) == ["常平镇"] and len(requests) == 2


def test_a_host_that_decodes_gzip_files_itself_is_understood(page, seed_site) -> None:
    def decoded(route: Route) -> None:
        route.fulfill(body=gzip.decompress(route.fetch().body()), content_type="application/json")

    page.route("**/*.gz", decoded)
    open_search(page, seed_site, q="法律顾问 微信群")
    assert result_units(page) == ["绿塘乡"]


def test_the_scripts_arrive_gzipped_and_the_plain_ones_stand_in_when_those_fail(page, seed_site) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    open_search(page, seed_site, q="义警")
    scripts = sorted(path.rsplit("/", 1)[1] for path in requested if "/assets/" in path and ".js" in path)
    assert scripts == ["lunr.min.js.gz", "search-core.js.gz", "search.js.gz", "tokenizer.js.gz"]
    assert result_units(page) == ["常平镇"]
    page.route("**/assets/*.js.gz", lambda route: route.fulfill(status=404))
    open_search(page, seed_site, q="义警")
    assert result_units(page) == ["常平镇"]


def test_a_host_whose_policy_forbids_eval_gets_the_plain_scripts(page, seed_site) -> None:
    def with_policy(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-security-policy": "script-src 'self' 'unsafe-inline'"})

    page.route("**/search/?*", with_policy)
    open_search(page, seed_site, q="义警")
    assert result_units(page) == ["常平镇"]


def test_the_search_runs_while_the_page_is_parsed_and_is_shown_once_it_is(page, seed_site) -> None:
    # The stylesheet held back: the script after it holds the parser, so the page is not parsed
    # until it arrives; the search has found its results by then.
    held: list[Route] = []
    page.route("**/assets/style.css", lambda route: held.append(route))
    page.goto(seed_site.url + "search/?" + urlencode({"q": "义警"}), wait_until="commit")
    # Polled on a timer: no frame is drawn before the stylesheet has arrived.
    page.wait_for_function("performance.getEntriesByName('search-fragments').length > 0", polling=20)
    assert page.evaluate("document.readyState") == "loading"
    # The fonts are the page's before its stylesheet arrives: a layout forced meanwhile is made in them.
    fonts = "getComputedStyle(document.documentElement).fontFamily"
    before = page.evaluate(fonts)
    held[0].continue_()
    page.wait_for_selector(DONE, state="attached")
    assert result_units(page) == ["常平镇"]
    assert page.input_value("#search-input") == "义警"
    assert page.evaluate(fonts) == before and before.endswith("sans-serif")


def test_scripts_that_arrive_after_the_page_is_parsed_search_at_once(page, seed_site) -> None:
    held: list[Route] = []
    page.route("**/assets/search.js.gz", lambda route: held.append(route))
    page.goto(seed_site.url + "search/?" + urlencode({"q": "义警"}), wait_until="domcontentloaded")
    page.wait_for_function("document.readyState !== 'loading'")
    assert page.get_attribute("#search-results", "data-state") == "searching"
    held[0].continue_()
    page.wait_for_selector(DONE, state="attached")
    assert result_units(page) == ["常平镇"]


@pytest.mark.parametrize("word", ["执法", "法治", "培训"])
def test_a_search_limited_to_one_required_part_finds_the_word_in_that_part_only(page, seed_site, word) -> None:
    """执法 is in all five reports, but in the 存在的不足和原因 of two (the part's text by archive/parts.py)."""
    from archive.parts import PARTS
    from archive.search.documents import part_spans
    from archive.site.reader import read_reports

    reports = read_reports(REPO / "content", REPO)
    truth = sorted(r.unit for r in reports if any(word in r.body_text[start:end] for start, end in part_spans(r).get("buzu", [])))
    everywhere = sorted(r.unit for r in reports if word in r.body_text)
    open_search(page, seed_site, q=word, part="buzu")
    page.wait_for_function("!document.querySelector('#search-status').innerText.includes('约')")
    assert sorted(result_units(page)) == truth
    assert page.input_value("#search-part") == "buzu"
    assert page.locator("#search-part option").all_inner_texts() == ["全文", *(part.label for part in PARTS)]
    excerpts = [item.split("\n", 2)[-1] for item in page.locator("#search-results ol > li").all_inner_texts()]
    assert len(excerpts) == len(truth) and all(word in excerpt for excerpt in excerpts), "excerpts come from the part"
    open_search(page, seed_site, q=word)
    assert sorted(result_units(page)) == everywhere
    assert len(everywhere) > len(truth), "the part limits the search"


def test_a_lone_character_asks_for_two_never_says_no_report_has_it(page, seed_site) -> None:
    for query in ("法", "法-治", "行政复议 法"):
        open_search(page, seed_site, q=query)
        status = page.inner_text("#search-status")
        assert "输入至少两个字" in status and "“法”" in status and "没有找到" not in status, status
        assert result_units(page) == [] and page.input_value("#search-input") == query


def test_filters_that_exclude_everything_are_named_and_can_be_dropped(page, seed_site) -> None:
    open_search(page, seed_site, q="行政复议", year="2020", level="县级")
    status = page.inner_text("#search-status")
    assert "在所选范围（年份 2020年、级别 县级）内没有包含“行政复议”的报告" in status, status
    assert "不限范围有 3 篇" in status and "没有找到" not in status
    page.click("#search-status a:text('取消筛选')")
    page.wait_for_function("document.querySelectorAll('#search-results ol > li').length === 3")
    assert url_params(page) == {"q": ["行政复议"]}
    assert page.input_value("#search-year") == "" and page.input_value("#search-level") == ""


def test_filters_on_a_word_no_report_has_say_so_plainly(page, seed_site) -> None:
    open_search(page, seed_site, q="量子计算", year="2022")
    status = page.inner_text("#search-status")
    assert status.startswith("没有找到包含“量子计算”的报告") and "所选范围" not in status


@pytest.mark.parametrize("asked", ["4", "99"])
def test_a_page_past_the_end_shows_the_last_page_in_place_of_it(page, seed_site, asked) -> None:
    patched_page_size(page, 2)
    page.goto(seed_site.url + "search/?" + urlencode({"q": "法治", "page": asked}))
    history = page.evaluate("history.length")
    page.wait_for_selector(DONE, state="attached")
    assert url_params(page) == {"q": ["法治"], "page": ["3"]}
    assert page.evaluate("history.length") == history, "the URL is replaced, not added to the history"
    assert page.inner_text("#search-status") == f"找到 5 篇报告，这是第 5–5 篇。\n\n没有第 {asked} 页，这是最后一页（第 3 页）。"
    assert len(result_units(page)) == 1 and "第 3 / 3 页" in page.inner_text("#search-pages")


@pytest.mark.parametrize("separator", ["、", "，", "；", "\u3000", ",", " "])
def test_enumeration_commas_and_full_width_spaces_separate_words(page, seed_site, separator) -> None:
    open_search(page, seed_site, q=f"行政复议{separator}应诉")
    assert sorted(result_units(page)) == ["保德县", "燕山乡"]
    assert page.inner_text("#search-status").startswith("找到 2 篇报告")


def test_a_shared_link_shows_its_query_and_a_loading_state_before_anything_arrives(page, seed_site) -> None:
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        route.continue_() if released else held.append(route)

    page.route("**/assets/*.js*", hold)
    page.route("**/search/index/**", hold)
    page.goto(seed_site.url + "search/?" + urlencode({"q": "行政复议"}), wait_until="commit")
    page.wait_for_function("document.getElementById('search-input').value === '行政复议'")
    assert page.inner_text("#search-status") == "正在搜索…"
    assert page.get_attribute("#search-results", "aria-busy") == "true"
    assert held, "the scripts had not arrived"
    released = True
    for route in held:
        route.continue_()
    page.wait_for_selector(DONE, state="attached")
    assert page.get_attribute("#search-results", "aria-busy") == "false" and len(result_units(page)) == 3


def test_traditional_characters_find_the_simplified_text(page, seed_site) -> None:
    open_search(page, seed_site, q="行政復議")
    assert sorted(result_units(page)) == ["保德县", "城区街道", "燕山乡"]
    marks = page.locator("#search-results .search-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {"行政复议"}, "the excerpt marks the simplified text"
    open_search(page, seed_site, q="依法行政、應訴")
    assert sorted(result_units(page)) == sorted(open_search(page, seed_site, q="依法行政 应诉") and result_units(page))


def test_the_table_of_traditional_characters_is_fetched_only_when_a_text_needs_it(page, seed_site) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, seed_site, q="行政复议")
    assert len(result_units(page)) == 3 and not [url for url in requested if "fold-table.js" in url]
    open_search(page, seed_site, q="行政復議")
    assert len(result_units(page)) == 3 and [url for url in requested if "fold-table.js" in url]


def test_a_report_written_in_traditional_characters_is_verified_and_marked(page, seed_site) -> None:
    def traditional(route: Route) -> None:
        fragment = json.loads(gzip.decompress(route.fetch().body()))
        fragment["text"] = fragment["text"].replace("行政复议", "行政復議")
        route.fulfill(body=gzip.compress(json.dumps(fragment, ensure_ascii=False).encode()),
                      content_type="application/gzip")

    page.route("**/search/index/f/*/*.gz", traditional)
    open_search(page, seed_site, q="行政复议")
    assert sorted(result_units(page)) == ["保德县", "城区街道", "燕山乡"]
    assert set(page.locator("#search-results .search-excerpt mark").all_inner_texts()) == {"行政復議"}


def test_results_show_the_published_date(page, seed_site) -> None:
    open_search(page, seed_site, q="行政复议")
    metas = {meta.split(" · ")[0]: meta for meta in page.locator("#search-results .report-meta").all_inner_texts()}
    assert metas["保德县"].endswith("2023年2月28日发布") and metas["城区街道"].endswith("2022年12月26日发布")
    assert "发布" not in metas["燕山乡"], "no date is invented for an undated report"


def test_what_the_reader_types_while_the_index_loads_stays_in_the_box(page, seed_site) -> None:
    held: list[Route] = []
    page.route("**/search/index/manifest.json.gz", lambda route: held.append(route))
    page.goto(seed_site.url + "search/?" + urlencode({"q": "义警"}), wait_until="commit")
    page.wait_for_function("document.getElementById('search-input').value === '义警'")
    page.fill("#search-input", "行政复议")
    page.wait_for_function("window.SearchCore !== undefined")
    page.wait_for_timeout(300)  # search.js runs and asks for the manifest
    assert held, "the index was still loading"
    held[0].continue_()
    page.wait_for_selector(DONE, state="attached")
    assert page.input_value("#search-input") == "行政复议"
    page.press("#search-input", "Enter")
    page.wait_for_function("document.querySelectorAll('#search-results ol > li').length === 3")
    assert url_params(page) == {"q": ["行政复议"]}
