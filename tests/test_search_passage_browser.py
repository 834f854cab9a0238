"""A search result opens its report at the first matching passage, with the words marked
(static/highlight.js), in headless Chromium over the seed archive."""
from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
from playwright.sync_api import Page

from archive.parts import heading_ranges
from archive.site.reader import read_reports
from node_runner import REPO

DONE = "#search-results[data-state=done]"
MARKED = "html[data-highlighted]"


def first_result(page: Page, site, query: str, unit: str) -> None:
    page.goto(site.url + "search/?" + urlencode({"q": query}))
    page.wait_for_selector(DONE, state="attached")
    with page.expect_navigation():
        page.locator("#search-results li", has_text=unit).locator("a.report-title").click()
    page.wait_for_selector(MARKED, state="attached")


def section_of_first(unit: str, word: str) -> str:
    """The anchor of the heading above the word's first occurrence in the unit's report."""
    report = next(r for r in read_reports(REPO / "content", REPO) if r.unit == unit)
    at = report.body_text.index(word)
    return [h.anchor for h, start, _ in heading_ranges(list(report.parts.headings), report.body_text) if start <= at][-1]


def in_viewport(page: Page, selector: str) -> bool:
    return page.evaluate(f"""(() => {{
        const box = document.querySelector({selector!r}).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && box.height > 0;
    }})()""")


@pytest.mark.parametrize(("query", "unit", "word"), [
    ("行政复议", "保德县", "行政复议"),
    ("行政復議", "城区街道", "行政复议"),      # traditional characters mark the simplified text
    ("义警", "常平镇", "义警"),
])
def test_a_result_opens_its_report_at_the_first_match_marked(page, seed_site, query, unit, word) -> None:
    first_result(page, seed_site, query, unit)
    address = urlsplit(page.url)
    assert parse_qs(address.query)["hl"] and unquote(address.fragment) == section_of_first(unit, word)
    marks = page.locator(".report-body mark")
    assert marks.count() >= 1 and set(marks.all_inner_texts()) == {word}
    assert page.locator("h1 mark, .report-facts-line mark").count() == 0, "only the report's text is marked"
    assert page.evaluate("scrollY") > 0
    page.wait_for_function("""(() => { const box = document.querySelector('.report-body mark').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight; })()""")
    assert in_viewport(page, ".report-body mark")


def test_every_word_of_the_query_is_marked(page, seed_site) -> None:
    first_result(page, seed_site, "行政复议、应诉", "燕山乡")
    assert set(page.locator(".report-body mark").all_inner_texts()) == {"行政复议", "应诉"}


def test_a_report_opened_otherwise_loads_and_marks_nothing(page, seed_site) -> None:
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(seed_site.url + "reports/2022/baodexian/")
    page.wait_for_load_state("load")
    assert page.locator("mark").count() == 0
    assert not [url for url in requested if "tokenizer.js" in url or "fold-table.js" in url]


def test_without_javascript_the_report_is_unchanged(no_js_page, seed_site) -> None:
    no_js_page.goto(seed_site.url + "reports/2022/baodexian/")
    plain = no_js_page.inner_html(".report-body")
    no_js_page.goto(seed_site.url + "reports/2022/baodexian/?hl=行政复议")
    assert no_js_page.locator("mark").count() == 0 and no_js_page.inner_html(".report-body") == plain


def test_a_search_in_one_part_links_to_the_match_in_that_part(page, seed_site) -> None:
    """执法 is in all five reports; searched in 存在的不足和原因, a result opens at that part's match."""
    report = next(r for r in read_reports(REPO / "content", REPO)
                  if any(s.part == "存在的不足和原因" for s in r.parts.sections) and "执法" in r.body_text)
    section = next(s for s in report.parts.sections if s.part == "存在的不足和原因")
    at = min(found for span in section.spans if (found := report.body_text.find("执法", span.start, span.end)) >= 0)
    expected = [h.anchor for h, start, _ in heading_ranges(list(report.parts.headings), report.body_text) if start <= at][-1]
    assert report.body_text.index("执法") < at, "the word occurs before the part too"
    page.goto(seed_site.url + "search/?" + urlencode({"q": "执法", "part": "buzu"}))
    page.wait_for_selector(DONE, state="attached")
    with page.expect_navigation():
        page.locator("#search-results li", has_text=report.unit).locator("a.report-title").click()
    page.wait_for_selector(MARKED, state="attached")
    assert unquote(urlsplit(page.url).fragment) == expected
    page.wait_for_function(f"""(() => {{
        const heading = document.getElementById({expected!r});
        const shown = [...document.querySelectorAll('.report-body mark')].filter((mark) => {{
            const box = mark.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
        }});
        return shown.length && shown.every((mark) => heading.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
    }})()""")
