"""No script from content: every address in a report is judged after decoding, by an allow-list."""
import pytest

from archive.links import is_safe_url, scheme_of
from archive.site.markup import render_body

SCRIPT_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java&#115;cript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;&#X61;vascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#9;script:alert(1)",
    "java&#x0A;script:alert(1)",
    " \x01javascript:alert(1)",
    "&#x20;javascript:alert(1)",
    "java&amp;#115;cript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
]
SAFE_LINKS = ["https://www.gov.cn/", "http://example.org/a?b=1&c=2", "mailto:sfj@example.gov.cn", "../2021/", "#一主要举措", "page.html"]


@pytest.mark.parametrize("url", SCRIPT_LINKS)
def test_script_addresses_are_refused_in_every_spelling(url):
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", SAFE_LINKS)
def test_web_mail_and_relative_addresses_are_kept(url):
    assert is_safe_url(url)


def test_scheme_is_read_as_a_browser_reads_it():
    assert scheme_of("  HTTPS://x") == "https"
    assert scheme_of("ja\nva\tscript:x") == "javascript"
    assert scheme_of("/path:with-colon") is None


# Markdown itself trims an address and turns a raw tab into spaces, so those spellings never reach a page.
@pytest.mark.parametrize("url", [url for url in SCRIPT_LINKS if "\t" not in url and url == url.strip()])
@pytest.mark.parametrize("shape", [
    "[点我]({url})\n",
    "![图]({url})\n",
    "[点我][r]\n\n[r]: {url}\n",
    "![图][r]\n\n[r]: {url}\n",
    '[点我]({url} "标题")\n',
    "[点我](<{url}>)\n",
])
def test_no_script_link_survives_markdown(url, shape):
    body = render_body(shape.format(url=url))
    assert "href=" not in body.html and "src=" not in body.html, body.html


def test_safe_links_survive_markdown_with_their_text():
    body = render_body("[国务院](https://www.gov.cn/) ![图](https://www.gov.cn/a.png) [信](mailto:a@b.cn)\n")
    assert 'href="https://www.gov.cn/"' in body.html
    assert 'src="https://www.gov.cn/a.png"' in body.html
    assert 'href="mailto:a@b.cn"' in body.html
    assert "国务院" in body.text
