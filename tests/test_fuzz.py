"""Fuzzing, bounded to seconds: front matter and bodies raise nothing but the project's own errors,
and no rendered address has a scheme outside the allow-list. FUZZ_EXAMPLES=20000 runs a longer campaign."""
import html
import os
import re
from datetime import timedelta
from html.parser import HTMLParser

import yaml
from markdown.treeprocessors import InlineProcessor
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.frontmatter import FIELDS, parse_front_matter
from archive.links import is_safe_url
from archive.site.markup import RenderError, new_converter, render_body
from archive.yamlmap import YamlMappingError

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])

YAML_PIECES = [
    *FIELDS, "titel", "<<", ":", ": ", " ", "  ", "\n", "\t", "- ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ",
    "*b", "!!int ", "!!str ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!omap ", "!!map ",
    "!!seq ", "!!python/object:os.system ", "!local ", "%YAML 1.1\n", '"', "'", "\\", "\\ud800", "\\x00", "\\e", "\\U0001F600",
    "#", "|", ">", "...", "--- ", "2022", "2022-13-01", "0000-01-01", "2022-02-28 25:61:00 +99:00", "1" * 30, "0x1F",
    "1_000", "190:20:30", ".nan", "-.inf", "~", "null", "yes", "保德县", "山西省", "\u3000", "\ufeff", "\x85",
]
MARKDOWN_PIECES = [
    "[", "]", "(", ")", "![", "](", "][", "]: ", "<", ">", "<>", '"', "'", " ", "  ", "\n", "\n\n", "    ", "\t", "> ",
    "- ", "* ", "1. ", "## ", "#", "|", "|-|", "---", "`", "```", "*", "**", "_", "__", "\\", "&", ";", "&amp;",
    "&#115;", "&#x6A;", "&#106;", "&colon;", "&#58;", "&#0000106", "&#x09;", "&lt;", "&gt;", "&quot;",
    "javascript:", "java&#115;cript:", "&#106;avascript:", "javascript&#58;", "JaVaScRiPt:", "vbscript:",
    "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "alert(1)", "http://e.org/", "https://e.org/a_(b)",
    "mailto:a@e.org", "//e.org", "#一", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<a href=javascript:alert(1)>", '" onmouseover="alert(1)', "<http://e.org/>",
    "<javascript://%0aalert(1)>", "<a@e.org>", "[r]", "[r]: ", "报告", "\u3000", "\x00", "\ufffd",
]
UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "xlink:href", "background", "poster"})


def pieces(alphabet, max_size):
    return st.lists(st.one_of(st.sampled_from(alphabet), st.text(max_size=3)), max_size=max_size).map("".join)


def check_front_matter(text):
    """Parse; every problem is a line of the file and one printable line of text. Returns (fields, problems)."""
    try:
        front, problems = parse_front_matter(text)
    except YamlMappingError as error:
        front, problems = None, [(error.line, str(error))]
    for line, message in problems:
        assert isinstance(line, int) and 1 <= line <= text.count("\n") + 2
        assert "\n" not in message
        message.encode("utf-8")
    return (front.fields if front else {}), problems


@FUZZ
@given(pieces(YAML_PIECES, 60))
@example("\x85\x85\x85\x85'")  # YAML breaks lines at U+0085; the problem names the file's line all the same
@example("a: 1\u2028b: [")
def test_yaml_ish_front_matter_gives_problems_never_exceptions(yaml_text):
    check_front_matter(f"---\n{yaml_text}\n---\n正文。\n")


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates() | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), YAML_VALUES, max_size=8))
def test_dumped_mappings_read_back_or_give_problems(mapping):
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
    fields, problems = check_front_matter(f"---\n{text}---\n正文。\n")
    for key, value in fields.items():
        if not any(repr(key) in message for _, message in problems):
            assert value == mapping[key]


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.addresses, self.tags, self.handlers = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in URL_ATTRIBUTES:
                self.addresses.append(html.unescape(value or ""))
            if name.startswith("on"):
                self.handlers.append((tag, name))


def assert_safe(page_html):
    parser = _Addresses()
    parser.feed(page_html)
    parser.close()
    for address in parser.addresses:
        assert is_safe_url(address), address
        decoded = address
        for _ in range(8):
            decoded = html.unescape(decoded)
        assert not UNSAFE_SCHEME.match(re.sub(r"[\x00-\x20]", "", decoded)), address
    assert not parser.handlers, parser.handlers
    assert not {"script", "iframe", "svg", "object", "embed", "style", "form", "base", "meta"} & set(parser.tags)


@FUZZ
@given(pieces(MARKDOWN_PIECES, 80))
def test_markdown_ish_bodies_render_safely_or_raise_render_error(body):
    try:
        rendered = render_body(body)
    except RenderError as error:
        assert error.line is None or 1 <= error.line <= body.count("\n") + 1
        return
    assert_safe(rendered.html)


@FUZZ
@given(st.lists(st.tuples(pieces(MARKDOWN_PIECES, 6), pieces(MARKDOWN_PIECES, 8)), min_size=1, max_size=6),
       st.sampled_from(["[{t}]({u})", "![{t}]({u})", "[{t}][r]\n\n[r]: {u}\n", '[{t}]({u} "{t}")', "[{t}](<{u}>)",
                        "<{u}>", "[{t}]\n\n[{t}]: {u}\n", "- [{t}]({u})\n> ![{t}]({u})\n"]))
def test_links_of_every_shape_keep_only_allowed_schemes(parts, shape):
    body = "\n\n".join(shape.format(t=text, u=address) for text, address in parts)
    try:
        rendered = render_body(body)
    except RenderError:
        return
    assert_safe(rendered.html)


class _Text(HTMLParser):
    """The text as a browser's parser reads it: a line break at each block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "pre", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "pre"):
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


@given(pieces(MARKDOWN_PIECES + ["&amp;", "&lt;p&gt;", "<br>", "<b x='>'>", "  \n", "`<a>`", "<http://a.b/?x=1&y=>"], 80))
@FUZZ
def test_plain_text_is_what_an_html_parser_reads(body):
    try:
        rendered = render_body(body)
    except RenderError:
        return
    parser = _Text()
    parser.feed(rendered.html)
    parser.close()
    assert rendered.text == "\n".join(line for line in "".join(parser.parts).split("\n") if line.strip())


@FUZZ
@given(pieces(MARKDOWN_PIECES + ["报告", "，", "。", "  \n", "**", "*强调*", "_x_", "`代码`", "\\*", "&amp;", "a@b.cn"], 60))
def test_text_left_untried_renders_as_python_markdown_renders_it(body):
    try:
        rendered = render_body(body)
    except RenderError:
        return
    stock = new_converter()
    stock.treeprocessors.register(InlineProcessor(stock), "inline", 20)
    assert rendered.html == stock.convert(body)

