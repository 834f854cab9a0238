"""Report bodies: safe HTML, plain text and the outline."""
import inspect
import sys

import pytest

from archive.site.markup import MAX_NESTING, RenderError, render_body


def test_headings_get_working_chinese_anchors_and_an_outline():
    body = render_body("## 一、主要举措\n\n文字。\n\n### （一）组织保障\n\n文字。\n\n## 二、存在的不足\n")
    assert '<h2 id="一主要举措">一、主要举措</h2>' in body.html
    assert [(o.level, o.anchor, o.text) for o in body.outline] == [(2, "一主要举措", "一、主要举措"), (2, "二存在的不足", "二、存在的不足")]
    assert body.outline[0].children[0].anchor == "一组织保障"
    assert 'id="一组织保障"' in body.html


def test_raw_html_is_shown_as_text_never_passed_through():
    body = render_body('<script>alert("x")</script>\n\n段落<img src=x onerror=alert(1)>\n\n<div>块</div>\n')
    assert "<script" not in body.html and "<img" not in body.html and "<div" not in body.html
    assert "&lt;script&gt;" in body.html
    assert 'alert("x")' in body.text


def test_script_links_are_dropped_web_links_kept():
    body = render_body("[坏](javascript:alert(1)) [好](https://www.gov.cn/)\n")
    assert "javascript:" not in body.html
    assert 'href="https://www.gov.cn/"' in body.html


def test_plain_text_keeps_every_word_one_line_per_block():
    body = render_body("## 一、标题\n\n第一段，**加粗**。\n\n1. 第一项\n2. 第二项\n")
    assert body.text.split("\n") == ["一、标题", "第一段，加粗。", "第一项", "第二项"]


def test_anchors_never_start_with_a_digit():
    body = render_body("#### 1.强化法治建设思想引领\n\n#### 2、完善\n")
    assert [o.anchor for o in body.outline] == ["h-1强化法治建设思想引领", "h-2完善"]


# Hostile bodies: each renders (as text where it is no Markdown) or gives a RenderError with its line.
def nested_list(levels: int, blank_lines: bool = False) -> str:
    return "".join("    " * i + f"- 第{i + 1}层\n" + ("\n" if blank_lines else "") for i in range(levels))


@pytest.mark.parametrize("body, line", [
    (nested_list(300), MAX_NESTING + 1),
    (nested_list(300, blank_lines=True), 2 * MAX_NESTING + 1),
    ("".join("\t" * i + "1. 项\n" for i in range(300)), MAX_NESTING + 1),
    ("引言\n\n" + ">" * 300 + " 引文\n", 3),
    ("> " * 300 + "引文\n", 1),
    ("".join("> " * i + "- 项\n" for i in range(1, 40)), MAX_NESTING),
    ("- " * 300 + "项\n", 1),
], ids=["list", "loose-list", "tab-indented", "quote", "spaced-quote", "quoted-lists", "list-markers"])
def test_lists_and_quotes_nested_too_deep_are_refused_at_their_line(body, line):
    with pytest.raises(RenderError) as error:
        render_body(body)
    assert error.value.line == line
    assert str(error.value) == f"列表或引用嵌套超过 {MAX_NESTING} 层，报告不应嵌套这么深 (lists or quotes nested more than {MAX_NESTING} levels deep)"


def test_nesting_up_to_the_limit_renders():
    body = render_body(nested_list(MAX_NESTING))
    assert body.html.count("<ul>") == MAX_NESTING
    assert body.text.split("\n")[-1] == f"第{MAX_NESTING}层"


@pytest.mark.parametrize("body", ["- " * 300 + "\n", "* " * 300 + "\n", " " * 200 + "保德县人民政府\n", "\n".join(["- 项"] * 300)],
                         ids=["dash-rule", "star-rule", "indented-signature", "long-list"])
def test_rules_long_indents_and_long_flat_lists_are_no_nesting(body):
    render_body(body)


def test_a_recursion_the_check_does_not_foresee_is_a_render_error(monkeypatch):
    monkeypatch.setattr("archive.site.markup._refuse_deep_nesting", lambda source: None)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)  # reached sooner than by 250 levels at the default
    try:
        with pytest.raises(RenderError, match="nested too deeply") as error:
            render_body(nested_list(100))
    finally:
        sys.setrecursionlimit(limit)
    assert error.value.line is None


@pytest.mark.parametrize("body", [
    "[" * 50_000 + "内容" + "]" * 50_000,  # the case: hours before, as each `[` was read to the end
    "[" * 50_000,
    "[" * MAX_NESTING + "[]" * 10_000,
    "[a" * 5_000,
    "[a][b" * 2_000,
    "[a](" * 2_500,
    "![a](" * 2_000,
    '[a](b "c) ' * 1_000,
    "[a]('" * 2_000,
    ("[a](" + "()" * 100) * 50,
    "[a](" + " " * 20_000, "[a](b" + " " * 10_000 + '"t"' + " " * 10_000, '[a](b "' + '\\"' * 5_000,
    "*" * 10_000, "_" * 10_000, "`" * 10_000,
    "*a" * 5_000, "_a" * 5_000, "`a" * 5_000, "*_" * 5_000,
    "<" * 10_000, "&" * 10_000, "&#115;" * 2_000, "\\" * 10_000,
], ids=lambda body: f"{body[:12]!r}x{len(body)}")
def test_pathological_inline_text_renders_and_keeps_its_characters(body):
    rendered = render_body(body)
    if body.startswith("[" * 50_000):
        assert rendered.text.count("[") == 50_000


def test_links_read_as_before():
    cases = {
        "[甲](https://x.org/wiki/A_(b))": '<a href="https://x.org/wiki/A_(b)">甲</a>',
        '[甲](https://x.org/ "标题")': '<a href="https://x.org/" title="标题">甲</a>',
        "[甲]( https://x.org/  'a b' )": '<a href="https://x.org/" title="a b">甲</a>',
        "[甲](<https://x.org/a b>)": '<a href="https://x.org/a b">甲</a>',
        "[甲 [乙] 丙](https://x.org/)": '<a href="https://x.org/">甲 [乙] 丙</a>',
        "![图](https://x.org/a.png)": '<img alt="图" src="https://x.org/a.png">',
        "[甲][r]\n\n[r]: https://x.org/": '<a href="https://x.org/">甲</a>',
        "[r]\n\n[r]: https://x.org/": '<a href="https://x.org/">r</a>',
    }
    for source, html in cases.items():
        assert html in render_body(source).html, source


def test_link_text_nested_deeper_than_the_limit_stays_text():
    deep = "[" * (MAX_NESTING + 1) + "甲" + "]" * (MAX_NESTING + 1) + "(https://x.org/)"
    assert "<a" not in render_body(deep).html
    shallow = "[" * MAX_NESTING + "甲" + "]" * MAX_NESTING + "(https://x.org/)"
    assert 'href="https://x.org/"' in render_body(shallow).html
