"""The seed archive on a phone (375 px) and a desktop (1280 px), in Chromium: a report starts with its
title, one line of facts and the text; the outline is folded on a phone and open on a desktop,
without JavaScript; every tap target is at least 44 × 44 px; nothing scrolls sideways."""
import json
from urllib.parse import unquote

import pytest

from conftest import REPO, new_context

REPORTS = ["reports/2022/baodexian/", "reports/2021/dongguanshi-changpingzhen/"]
PAGES = ["", *REPORTS, "units/", "units/shanxisheng-xinzhoushi-baodexian/", "regions/", "regions/shandongsheng/",
         "years/", "years/2022/", "search/", "404.html"]
TAP = 44
# Links inside a sentence are exempt from the target size (WCAG 2.5.8): those in a paragraph of
# running text. The facts line and the back-to-top link are paragraphs of links, not of text.
TARGETS = """() => [...document.querySelectorAll('a[href], button, summary, input, select')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .filter(e => !e.closest('p:not(.report-facts-line):not(.back-to-top), .skip-link'))
  .map((e, i) => (e.dataset.tapProbe = i, i))"""


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def any_phone(browser, request):
    """A phone with JavaScript on and off: the folds must work without it."""
    context = new_context(browser, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True,
                          has_touch=True, java_script_enabled=request.param)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = new_context(browser, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def first_sentence_box(page):
    return page.locator(".report-body p").first.bounding_box()


@pytest.mark.parametrize("path", REPORTS)
def test_a_report_on_a_phone_starts_with_title_facts_then_text(any_phone, seed_site, path):
    any_phone.goto(seed_site.url + path)
    first = first_sentence_box(any_phone)
    assert first["y"] + 60 <= 740, f"the first sentence starts at {first['y']:.0f}px, below the first screen"
    facts = any_phone.locator(".report-facts-line")
    assert facts.bounding_box()["y"] < first["y"]
    assert "发布" in facts.inner_text() or "发布日期不详" in facts.inner_text()
    assert "规定部分" in facts.inner_text()
    assert any_phone.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("path", REPORTS)
def test_the_outline_is_folded_on_a_phone_and_open_on_a_desktop(any_phone, desktop, seed_site, path):
    any_phone.goto(seed_site.url + path)
    folded = any_phone.locator(".outline details:visible")
    assert folded.count() == 1 and not folded.evaluate("d => d.open")
    assert any_phone.locator(".outline a:visible").count() == 0
    folded.locator("summary").click()
    assert any_phone.locator(".outline a:visible").count() > 3
    desktop.goto(seed_site.url + path)
    opened = desktop.locator(".outline details:visible")
    assert opened.count() == 1 and opened.evaluate("d => d.open")
    assert desktop.locator(".outline a:visible").count() > 3


def test_the_facts_and_parts_checklist_are_one_tap_away(phone_page, seed_site):
    phone_page.goto(seed_site.url + REPORTS[0])
    checklist = phone_page.locator(".parts-checklist")
    assert not checklist.is_visible()
    phone_page.locator(".report-about summary").click()
    assert checklist.is_visible() and checklist.locator("li").count() == 5
    assert "发布时限" in phone_page.locator(".report-facts").inner_text()


def test_heading_links_and_back_to_top(phone_page, seed_site):
    phone_page.goto(seed_site.url + REPORTS[1])
    heading = phone_page.locator(".report-body h2").nth(1)
    anchor = heading.locator(".heading-anchor")
    assert anchor.get_attribute("href") == "#" + heading.get_attribute("id")
    assert heading.inner_text().strip() == heading.evaluate("h => h.firstChild.textContent").strip()  # ¶ is not copied
    anchor.click()
    assert unquote(phone_page.url).endswith("#" + heading.get_attribute("id"))
    assert phone_page.locator(".report-body :target").bounding_box()["y"] < 100
    phone_page.locator(".back-to-top a").click()
    assert phone_page.evaluate("scrollY") == 0


@pytest.mark.parametrize("path", PAGES)
def test_every_tap_target_is_44px_and_nothing_scrolls_sideways(phone_page, seed_site, path):
    phone_page.goto(seed_site.url + path)
    probes = phone_page.evaluate(TARGETS)
    assert probes, f"/{path} has no tap targets to measure"
    small = []
    for probe in probes:
        target = phone_page.locator(f'[data-tap-probe="{probe}"]')
        box = target.bounding_box()
        if box["height"] < TAP - 0.5 or box["width"] < TAP - 0.5:
            small.append((target.evaluate("e => e.outerHTML.slice(0, 80)"), round(box["width"]), round(box["height"])))
    assert not small, f"/{path}: tap targets under {TAP}px: {small}"
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px"


def test_search_results_are_tap_targets_too(phone_page, seed_site):
    phone_page.goto(seed_site.url + "search/?q=行政复议")
    titles = phone_page.locator("#search-results a.report-title")
    titles.first.wait_for()
    assert all(titles.nth(i).bounding_box()["height"] >= TAP for i in range(titles.count()))


def test_the_home_table_fits_a_phone_with_its_total_column(phone_page, seed_site):
    phone_page.goto(seed_site.url)
    scroller = phone_page.locator("table.counts").locator("xpath=..")
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth")
    total = phone_page.locator("table.counts thead th").last
    assert total.inner_text() == "合计"
    box = total.bounding_box()
    assert box["x"] + box["width"] <= 375


def test_a_report_prints_its_text_facts_and_source_without_the_folds(desktop, seed_site):
    desktop.goto(seed_site.url + REPORTS[0])
    desktop.emulate_media(media="print")
    assert desktop.locator(".report-facts").is_visible()
    assert desktop.locator(".parts-checklist").is_visible()
    for hidden in (".outline", ".report-about > summary", ".back-to-top", ".site-nav"):
        assert not desktop.locator(hidden).is_visible(), hidden
    assert desktop.locator(".heading-anchor").first.bounding_box() is None


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", [REPORTS[1], "units/shanxisheng-xinzhoushi-baodexian/", "404.html"])
def test_report_and_unit_pages_have_no_axe_violations(browser, seed_site, path, width):
    context = new_context(browser, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(seed_site.url + path)
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")  # audit the folded content too
    page.add_script_tag(path=str(REPO / "node_modules/axe-core/axe.min.js"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False)
