"""Report bodies: safe HTML, plain text and the outline."""
from archive.site.markup import render_body


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
