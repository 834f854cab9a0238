"""`import page.html`: a page saved from a browser, read with trafilatura and its <meta> tags."""
from __future__ import annotations

from datetime import date

from archive.importer.convert import read_input
from archive.importer.report import import_text
from archive.importer.findings import How

# An older CMS: the whole page in layout tables, GBK, the article's facts in TRS-style <meta> tags.
TABLE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="ArticleTitle" content="阳新县2022年法治政府建设年度报告">
<meta name="PubDate" content="2023-03-15 10:00"><meta name="ContentSource" content="县司法局">
<meta name="SiteName" content="阳新县人民政府"><meta name="ColumnName" content="法治政府建设年度报告">
<title>阳新县人民政府</title></head>
<body><table><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a></td></tr>
<tr><td>当前位置：<a href="/">首页</a> &gt; 法治政府建设年度报告</td></tr>
<tr><td><table><tr><td class="title">阳新县2022年法治政府建设年度报告</td></tr>
<tr><td>日期：2023-03-15 来源：县司法局 【大 中 小】</td></tr>
<tr><td><div id="zoom"><p>2022年，阳新县坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。</p>
<p>一、主要举措和成效</p><p>（一）加强组织领导。县政府常务会议专题研究法治政府建设工作5次。</p>
<p>（二）推进严格规范公正文明执法。全县开展执法检查126次。</p></div></td></tr></table></td></tr>
<tr><td>版权所有：阳新县人民政府 鄂ICP备00000000号</td></tr></table></body></html>"""

# A page whose article holds only the report's paragraphs: title, date and source are in <meta> alone.
META_ONLY_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="海曙区2023年度法治政府建设情况报告">
<meta name="PubDate" content="2024-03-08"><meta name="ContentSource" content="海曙区司法局">
</head><body><nav>首页 政务公开 互动交流</nav><article>
<p>2023年，海曙区坚持以习近平法治思想为引领，深入推进法治政府建设，法治化营商环境持续优化，各项工作取得明显成效。</p>
<p>一、主要举措和成效</p>
<p>（一）依法全面履行政府职能。深化“最多跑一次”改革，政务服务事项全部实现网上可办，办理时限压缩60%以上。</p>
<p>（二）完善依法行政制度体系。全年审查规范性文件22件，清理涉及营商环境的文件37件。</p>
</article><footer>版权所有：宁波市海曙区人民政府</footer></body></html>"""

# No article markup at all: text and <br> line breaks straight in the body.
BARE_PAGE = """<html><body>网站首页 > 信息公开<br>
屏南县2023年法治政府建设年度报告<br>发布时间：2024-02-02 来源：屏南县人民政府<br>
2023年，屏南县坚持以习近平法治思想为指导，全面推进依法行政。<br>一、主要举措和成效<br>
（一）加强党的领导。县政府常务会议学法4次。<br>版权所有：屏南县人民政府</body></html>"""


def test_a_saved_gbk_page_in_layout_tables_keeps_its_paragraphs_and_fields(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(TABLE_PAGE.encode("gb18030"))
    text, meta = read_input(path)
    report = import_text(text, filename="page.html", meta=meta)
    assert (report.title, report.unit, report.year) == ("阳新县2022年法治政府建设年度报告", "阳新县", 2022)
    assert (report.published, report.source) == (date(2023, 3, 15), "县司法局")
    assert report.body.startswith("2022年，阳新县坚持") and "\n\n## 一、主要举措和成效\n\n### （一）加强组织领导。" in report.body
    assert "版权所有" not in report.body and "当前位置" not in report.body


def test_meta_tags_are_evidence_when_the_article_does_not_state_the_fields(tmp_path):
    path = tmp_path / "haishu.htm"
    path.write_text(META_ONLY_PAGE, encoding="utf-8")
    text, meta = read_input(path)
    report = import_text(text, filename="haishu.htm", meta=meta)
    assert (report.title, report.unit, report.year) == ("海曙区2023年度法治政府建设情况报告", "海曙区", 2023)
    assert (report.published, report.source) == (date(2024, 3, 8), "海曙区司法局")
    assert "ArticleTitle <meta>" in report.finding("title").detail and report.finding("title").how is How.FOUND
    assert "PubDate" in report.finding("published").detail and "ContentSource" in report.finding("source").detail
    assert "版权所有" not in report.body and "互动交流" not in report.body


def test_a_page_without_article_markup_is_read_whole_and_its_chrome_removed(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text(BARE_PAGE, encoding="utf-8")
    text, meta = read_input(path)
    report = import_text(text, filename="bare.html", meta=meta)
    assert (report.title, report.unit, report.published, report.source) == (
        "屏南县2023年法治政府建设年度报告", "屏南县", date(2024, 2, 2), "屏南县人民政府")
    assert report.body.startswith("2023年，屏南县") and "版权所有" not in report.body and "网站首页" not in report.body


def test_a_text_file_is_read_as_text_even_when_it_mentions_markup(tmp_path):
    path = tmp_path / "raw.txt"
    path.write_text("保德县2022年度法治政府建设情况报告\n2022年，保德县在<政府网站>公开信息。\n", encoding="utf-8")
    text, meta = read_input(path)
    assert text.startswith("保德县2022年度") and meta.title is None


def test_the_title_tag_is_evidence_when_no_meta_tag_names_the_title(tmp_path):
    path = tmp_path / "t.html"
    path.write_text(META_ONLY_PAGE.replace('<meta name="ArticleTitle" content="海曙区2023年度法治政府建设情况报告">',
                                           "<title>海曙区2023年度法治政府建设情况报告_法治政府_宁波市海曙区人民政府</title>"), encoding="utf-8")
    text, meta = read_input(path)
    assert meta.title == "海曙区2023年度法治政府建设情况报告"
    assert import_text(text, filename="t.html", meta=meta).title == "海曙区2023年度法治政府建设情况报告"
