"""No script from content, as a browser sees it: an archive whose reports carry every shape of script
payload, and the seed archive, opened page by page in headless Chromium. No page may hold an address
whose scheme is not http, https or mailto, and no payload may run, even when every link is clicked."""
import functools
import http.server
import threading
from pathlib import Path

import pytest

import build
from conftest import CONFIG, SUBPATH, ServedSite, _SubpathHandler, free_port, new_context, report_file, write_tree

pytestmark = pytest.mark.browser

ALLOWED_PROTOCOLS = {"http:", "https:", "mailto:"}
SVG = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoJ2QxMycpIi8+"  # <svg onload=alert('d13')>
PAYLOADS = f"""\
用实体拼写的脚本地址：[s](java&#115;cript:alert('e1')) [j](&#106;avascript:alert('e2'))
[冒号](javascript&#58;alert('e3')) [十六进制](&#x6A;avascript:alert('e4')) [命名](javascript&colon;alert('e5'))
[前导零](&#0000106avascript:alert('e6')) [嵌套实体](java&amp;#115;cript:alert('e7')) [大小写](JaVaScRiPt:alert('e8'))
[制表](java&#9;script:alert('e9')) [尖括号](<javascript:alert('e10')>) [vb](vbscript:msgbox('e11'))
[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZDEyJyk8L3NjcmlwdD4=) ![数据图](data:image/svg+xml;base64,{SVG})

图片：![图一](java&#115;cript:alert('i1')) ![图二](x" onerror="alert('i2'))

引用：[引用一][r1]，[引用二][r2]，![引用图][r3]，[r4]。

[r1]: java&#115;cript:alert('r1')
[r2]: &#x6A;avascript:window.__pwned='r2'
[r3]: javascript&#58;alert('r3')
[r4]: data:text/html,<script>alert('r4')</script>

<script>window.__pwned = 'h1'; alert('h1')</script>

段落中的 <img src=x onerror="window.__pwned='h2'"> 和 <svg onload="alert('h3')"></svg>

<a href="javascript:alert('h4')">原始链接</a> <iframe src="javascript:alert('h5')"></iframe>

<javascript://%0aalert('a1')> <http://example.org/"onmouseover="alert('a2')>

[标题逃逸](https://example.org/ "x&quot; onmouseover=&quot;alert('t1')")

## <img src=x onerror="alert('g1')">标题

## &lt;img src=x onerror=alert('g2')&gt;标题

保留的地址：[国务院](https://www.gov.cn/) [来信](mailto:sfj@example.gov.cn) [上一年](../../2021/)
"""
REPORTS = {
    "content/2022/baodexian.md": report_file(
        title="\"<script>alert('f1')</script>保德县2022年度法治政府建设情况报告\"",
        extra="source: \"<img src=x onerror=alert('f2')>保德县司法局\"\n"
              "note: \"<svg onload=alert('f3')>编者按\"\n"
              "source_url: 'https://example.org/a\"onmouseover=\"alert(''f4'')'\n",
        body=PAYLOADS,
    ),
    "content/2021/baodexian.md": report_file(title="保德县2021年度法治政府建设情况报告", year=2021,
                                             body="## 一、主要举措\n\n[脚本](java&#115;cript:alert('y1'))\n"),
}


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> ServedSite:
    root = write_tree(tmp_path_factory.mktemp("payloads"), {"config.yaml": CONFIG, **REPORTS})
    site, port = root / "site", free_port()
    base_url = f"http://127.0.0.1:{port}{SUBPATH}"
    code = build.main(["--content", str(root / "content"), "--config", str(root / "config.yaml"),
                       "--out", str(site), "--base-url", base_url])
    assert code == 0, "the payload archive must build: every payload is content a report may hold"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_SubpathHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield ServedSite(site, base_url)
    server.shutdown()


@pytest.fixture
def watched(browser):
    """A page whose every dialog (alert, confirm, print) is recorded and dismissed; nothing leaves 127.0.0.1."""
    context = new_context(browser)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    page.on("popup", lambda popup: popup.close())
    yield page, dialogs
    context.close()


def page_urls(site: ServedSite) -> list[str]:
    """Every HTML page of a built site, as its URL."""
    urls = []
    for path in sorted(site.root.rglob("*.html")):
        relative = path.relative_to(site.root).as_posix()
        urls.append(site.url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return urls


ADDRESSES = """() => [...document.querySelectorAll('[href], [src], [action], [formaction], [srcset], [data], [poster]')]
    .flatMap(e => ['href', 'src', 'action', 'formAction', 'data', 'poster']
        .filter(p => typeof e[p] === 'string' && e[p] !== '' && e.hasAttribute(p.toLowerCase()))
        .map(p => [e.tagName, p, e[p]]))"""


def unsafe_addresses(page) -> list:
    """Resolved addresses of the page whose scheme is not an allowed one."""
    return [a for a in page.evaluate(ADDRESSES) if page.evaluate("u => new URL(u).protocol", a[2]) not in ALLOWED_PROTOCOLS]


def assert_no_payload_ran(page, dialogs, where):
    assert dialogs == [], f"{where}: a payload opened a dialog: {dialogs}"
    if page.url.startswith("http://127.0.0.1:"):
        assert page.evaluate("window.__pwned") is None, f"{where}: a payload ran"


def test_the_watch_catches_a_script_link(watched):
    """The check itself works: a javascript: link that is clicked is seen running."""
    page, dialogs = watched
    page.set_content("<a href=\"javascript:window.__pwned='x';alert('x')\">x</a>")
    assert unsafe_addresses(page)
    page.click("a")
    page.wait_for_function("window.__pwned === 'x'")
    assert dialogs == ["x"]


def test_payload_pages_hold_no_script_address_and_run_nothing(watched, payload_site):
    page, dialogs = watched
    urls = page_urls(payload_site)
    assert sum("/reports/" in url for url in urls) == 2
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        assert unsafe_addresses(page) == [], url
        assert page.locator(".report-body script, .report-body iframe, .report-body svg, [onerror], [onload], "
                            "[onmouseover]").count() == 0, url
        assert_no_payload_ran(page, dialogs, url)


def test_every_link_in_a_payload_report_can_be_clicked_safely(watched, payload_site):
    page, dialogs = watched
    url = payload_site.url + "reports/2022/baodexian/"
    page.goto(url)
    body = page.locator(".report-body")
    assert "<script>window.__pwned" in body.inner_text() and "onerror" in body.inner_text()  # shown as text
    assert body.locator('a[href="https://www.gov.cn/"]').count() == 1
    assert body.locator('a[href="mailto:sfj@example.gov.cn"]').count() == 1
    links = body.locator("a").count()
    assert links >= 20
    for index in range(links):
        page.goto(url)
        body.locator("a").nth(index).click(timeout=2_000, force=True)
        page.wait_for_timeout(50)
        assert_no_payload_ran(page, dialogs, f"link {index} of {url}")


@pytest.mark.parametrize("source_url", ["javascript:alert(1)", "java&#115;cript:alert(1)", "&#x68;ttps://example.org/",
                                        "data:text/html,x", "//example.org/x", " https://example.org/"])
def test_a_script_source_url_is_refused_by_validation(build_tree, source_url):
    result = build_tree({"content/2022/baodexian.md": report_file(extra=f"source_url: '{source_url}'\n")})
    assert result.code == 1
    assert "content/2022/baodexian.md:6: 字段 'source_url' 须为 http:// 或 https:// 网址" in result.err
    assert not result.site.exists()


def test_seed_pages_hold_no_script_address_and_run_nothing(watched, seed_site):
    page, dialogs = watched
    for url in page_urls(seed_site):
        page.goto(url)
        page.wait_for_load_state("load")
        assert unsafe_addresses(page) == [], url
        assert page.locator('a[href^="javascript:" i]').count() == 0, url
        assert_no_payload_ran(page, dialogs, url)
