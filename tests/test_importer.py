"""The importer: raw text copied off a government page → a Markdown report, nothing lost."""
from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date
from pathlib import PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build
from archive.importer.chrome import chrome_kind
from archive.frontmatter import parse_front_matter
from archive.importer.convert import run_import
from archive.importer.report import COMPOSED_TITLE_NOTE, ImportFailure, body_markdown, import_text, normalised_lines
from archive.site.markup import render_body
from archive.importer.numbering import MAX_HEADING_CHARS, split_lead_sentence
from archive.importer.findings import How
from archive.importer.report_fields import TITLE_LINE
from archive.importer.textdecode import UndecodableReportError, decode_report_bytes

REPORT = """\
保德县2022年度法治政府建设情况报告
2022年，保德县坚持依法行政。
一、主要举措和成效
（一）加强组织领导。县委、县政府高度重视。
二、存在的不足
"""


def visible(text: str) -> str:
    """Text as a reader compares it: no whitespace, no control characters or stray BOMs."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cc" and c != "\ufeff")


def shown_text(report) -> str:
    """What a reader sees: the title (when the text had one) and the rendered body."""
    title = report.title if report.finding("title").how is How.FOUND else ""
    return title + render_body(report.body).text


def markdown_of(*lines: str) -> str:
    return body_markdown(list(lines))


# --- decoding -------------------------------------------------------------------------------

def test_utf8_with_and_without_bom_reads_the_same():
    assert decode_report_bytes(REPORT.encode("utf-8"), "a.txt") == REPORT
    assert decode_report_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"), "a.txt") == REPORT


def test_gbk_and_gb18030_bytes_are_read():
    assert decode_report_bytes(REPORT.encode("gbk"), "a.txt") == REPORT
    assert decode_report_bytes("乳山市城区街道办事处 𠀀".encode("gb18030"), "a.txt") == "乳山市城区街道办事处 𠀀"


@pytest.mark.parametrize("data, problem", [
    (b"\xff\xfe\x41\x00", "NUL bytes"),
    (b"ok\n\x81\xff\n", "既不是 UTF-8 也不是 GB18030/GBK 文本 (neither UTF-8 nor GB18030/GBK)：第 2 行"),
    (b"\xef\xbb\xbf\xff\xff", "以 UTF-8 BOM 开头却不是 UTF-8 文本"),
])
def test_undecodable_bytes_raise_a_clear_error_naming_the_file(data, problem):
    with pytest.raises(UndecodableReportError) as raised:
        decode_report_bytes(data, "bad.txt")
    assert str(raised.value).startswith("bad.txt: ")
    assert problem in raised.value.problem


# --- page chrome ----------------------------------------------------------------------------

@pytest.mark.parametrize("line, kind", [
    ("当前位置:首页 > 专题专栏 > 行政执法专栏 > 正文", "breadcrumb"),
    ("您现在所在的位置 : 首页\xa0>\xa0街镇\xa0>\xa0中国东莞常平镇栏目", "breadcrumb"),
    ("首页 > 政务公开 > 法治政府建设", "breadcrumb"),
    ("当前位置 首页 » 通知公告", "breadcrumb"),
    ("您所在的位置：网站首页 >> 信息公开 >> 法定主动公开内容", "breadcrumb"),
    ("首页 / 政务公开 / 工作报告", "breadcrumb"),
    ("当前位置：", "breadcrumb"),
    ("中国政府网 山西省政府 忻州市政府 信用中国·忻州", "site bar"),
    ("  • 【字体: \xa0\xa0 打印", "tool bar"),
    ("  • 分享到:", "tool bar"),
    ("【打印本页】【关闭窗口】", "tool bar"),
    ("关闭本页", "tool bar"),
    ("【字号 大 中 小】 【打印】", "tool bar"),
    ("简体 | 繁体 | 无障碍 | 长者模式", "tool bar"),
    ("本网站支持IPv6", "tool bar"),
    ("• 设为首页", "tool bar"),
    ("分享到：微信 微博", "tool bar"),
    ("-", "tool bar"),
    ("上一篇：城关区2022年法治政府建设工作报告", "previous/next link"),
    ("扫一扫在手机打开当前页", "QR prompt"),
    ("版权所有:东莞市人民政府办公室\u2002\u2002承办:东莞市政务服务数据管理局\u2002网站标识码 : 4419000098", "footer"),
    ("备案号:粤ICP备19114884号\u2002\u2002 粤公网安备 44190002000375号 \u2002技术支持:开普云 网站地图 联系我们", "footer"),
    ("晋ICP备05001234号", "footer"),
    ("网站标识码：1409310001", "footer"),
    ("技术支持：开普云", "footer"),
    ("主办单位：广元市人民政府办公室  承办单位：广元市大数据中心", "footer"),
    ("Copyright © 2023 乳山市人民政府 All Rights Reserved", "footer"),
    ("您访问的链接即将离开“中国东莞常平镇栏目”门户网站 是否继续?", "leave banner"),
    ("继续访问放弃", "leave banner"),
    ("继续访问 放弃", "leave banner"),
    ("今天是2023年3月1日 星期三", "date widget"),
    ("今天是：2023-03-01", "date widget"),
    ("天津市静海区人民政府 2019年12月3日星期二", "date widget"),
    ("农历甲辰年正月廿一", "date widget"),
])
def test_each_chrome_pattern_matches_its_whole_line(line, kind):
    [normalised] = normalised_lines(line)
    assert chrome_kind(normalised) == kind


@pytest.mark.parametrize("sentence", [
    "信息来源：县统计局，数据截至2022年底。",
    "数据来源:统计年鉴",
    "全面落实信息归集、公示、年报等基础性制度，为企业提供技术支持。",
    "技术支持单位对系统进行了升级。",
    "打印机、扫描仪等设备配备到位",
    "扫一扫二维码即可进行法律咨询，方便群众办事。",
    "首页设置了法治专栏",
    "所在位置偏远，交通不便。",
    "今天是我县法治宣传日。",
    "版权所有人的合法权益得到保护。",
    "县政府 市政府 省政府均高度重视。",
    "2022年12月26日",
    "乳山市城区街道办事处",
])
def test_report_sentences_with_chrome_words_are_kept(sentence):
    assert chrome_kind(normalised_lines(sentence)[0]) is None


def test_chrome_lines_are_removed_and_nothing_else():
    raw = "当前位置：首页 > 正文\n" + REPORT + "扫一扫在手机打开当前页\n关闭窗口\n"
    report = import_text(raw, filename="a.txt")
    assert [line.kind for line in report.removed] == ["breadcrumb", "QR prompt", "tool bar"]
    assert visible(shown_text(report)) == visible(REPORT)


# --- headings -------------------------------------------------------------------------------

@pytest.mark.parametrize("line, heading", [
    ("一、主要举措和成效", "## 一、主要举措和成效"),
    ("十一、下一步工作计划", "## 十一、下一步工作计划"),
    ("（一）加强组织领导", "### （一）加强组织领导"),
    ("(二)聚焦规范执法", "### (二)聚焦规范执法"),
    ("1.强化法治建设思想引领", "#### 1.强化法治建设思想引领"),
    ("2、以“社会治安”为关键", "#### 2、以“社会治安”为关键"),
    ("（1）健全制度", "##### （1）健全制度"),
    ("(2)完善机制", "##### (2)完善机制"),
])
def test_each_numbering_form_becomes_its_heading_level(line, heading):
    assert markdown_of(line) == heading


def test_a_numbered_line_carrying_its_paragraph_keeps_all_its_text():
    line = "（一）聚焦组织保障，压紧压实工作责任。在成立领导小组的基础上，进一步调整优化人员力量。"
    assert markdown_of(line) == "### （一）聚焦组织保障，压紧压实工作责任。\n\n在成立领导小组的基础上，进一步调整优化人员力量。"


def test_the_lead_sentence_ends_outside_quotes_and_brackets():
    line = "1、落实“谁执法谁普法。”责任制（见《规定。》）。全年开展活动12次。"
    assert split_lead_sentence(line) == ("1、落实“谁执法谁普法。”责任制（见《规定。》）。", "全年开展活动12次。")


@pytest.mark.parametrize("line", [
    "一是深入学习贯彻习近平法治思想。二是全面加强党的领导。",
    "2022年，我县全面推进依法行政。",
    "1.5万人次参加了普法活动。",
    "一、",
    "1." + "很长的一句话" * 20 + "。后文。",
])
def test_lines_that_are_not_headings_stay_paragraphs(line):
    assert not markdown_of(line).startswith("#")
    assert visible(render_body(markdown_of(line)).text) == visible(line)


def test_a_too_long_lead_sentence_is_a_numbered_paragraph_not_a_heading():
    line = "（一）" + "字" * MAX_HEADING_CHARS + "。"
    assert markdown_of(line) == line


def test_indentation_and_ideographic_spaces_are_normalised_words_kept():
    assert markdown_of(*normalised_lines("\u3000\u3000三是强化制度建设，\xa0\xa0确保到位。\xa0")) == "三是强化制度建设， 确保到位。"


@pytest.mark.parametrize("line", [
    "1. 第一项", "- 列表", "+ 加号", "> 引用", "# 井号", "---", "***", "___", "* * *",
    "*强调* _下划线_ `代码` [链接](https://x.cn) ![图](a.png)", "<div>块</div> &amp; &lt;", r"反斜杠\*星号\\",
    "<https://www.gov.cn/>", "a | b", "[TOC]", "结尾井号 ##",
])
def test_text_markdown_would_read_as_markup_renders_as_itself(line):
    assert render_body(markdown_of(line)).text == line


# --- metadata -------------------------------------------------------------------------------

def test_a_report_without_title_gets_a_composed_title_flagged_for_review():
    raw = "2022年度，城区街道坚持依法行政。\n一、主要举措\n文字。\n乳山市城区街道办事处\n2022年12月26日\n"
    report = import_text(raw, filename="a.txt")
    assert report.title == "城区街道2022年法治政府建设情况报告"
    assert report.note == COMPOSED_TITLE_NOTE
    assert report.unit == "城区街道" and report.year == 2022 and report.published == date(2022, 12, 26)
    assert report.region == ("山东省", "威海市", "乳山市")
    assert {"title", "year", "region"} <= set(report.review)
    assert visible(render_body(report.body).text) == visible(raw)


def test_the_year_reported_on_is_the_titles_not_the_publishing_year():
    report = import_text("关于2020年法治政府建设情况的报告\n发布日期：2021-01-10\n今年来，燕山乡、燕山乡……\n", filename="a.txt")
    assert (report.year, report.published) == (2020, date(2021, 1, 10))
    assert report.finding("unit").how is How.GUESSED and report.unit == "燕山乡"


def test_a_date_widget_is_never_the_publishing_date():
    report = import_text("今天是2023年3月1日 星期三\n" + REPORT, filename="a.txt")
    assert report.published is None and report.finding("published").how is How.MISSING
    assert [line.kind for line in report.removed] == ["date widget"]


def test_signature_dates_in_chinese_numerals_are_read():
    report = import_text(REPORT + "保德县人民政府\n二〇二三年一月二十日\n", filename="a.txt")
    assert report.published == date(2023, 1, 20)


def test_a_date_before_the_reported_year_ended_is_not_taken():
    report = import_text(REPORT + "2021年12月31日\n", filename="a.txt")
    assert report.published is None and "早于报告年度" in report.finding("published").detail


def test_a_source_of_the_site_itself_is_left_out_and_flagged():
    report = import_text("来源：本网\n" + REPORT, filename="a.txt")
    assert report.source is None and "本网" in report.finding("source").detail
    assert "source" in report.review


def test_region_comes_from_the_site_bar_and_title_from_the_title_line():
    report = import_text("中国政府网 山西省政府 忻州市政府\n时间:2023-02-28 09:24 来源:保德县司法局\n" + REPORT, filename="a.txt")
    assert (report.title, report.unit, report.region) == ("保德县2022年度法治政府建设情况报告", "保德县", ("山西省", "忻州市"))
    assert (report.published, report.source, report.review) == (date(2023, 2, 28), "保德县司法局", ())


def test_region_from_the_places_the_text_names():
    raw = "常平镇2021年法治政府建设年度报告\n全面落实广东省行政执法“三项制度”，公布《东莞市常平镇人民政府权责清单》。\n"
    report = import_text(raw, filename="a.txt")
    assert report.region == ("广东省", "东莞市") and report.finding("region").how is How.FOUND


def test_a_region_the_text_does_not_state_comes_from_known_parents_flagged_for_review():
    report = import_text(REPORT, filename="a.txt")
    assert report.region == ("山西省", "忻州市") and report.finding("region").how is How.GUESSED


def test_a_region_the_text_does_not_state_is_left_empty():
    report = import_text("2022年绿塘乡法治政府建设工作报告\n在县委、县政府的正确领导下，报送市政府备案。\n", filename="a.txt")
    assert report.region == () and "region" in report.review


def test_front_matter_is_valid_for_the_build():
    markdown = import_text("来源:保德县司法局\n时间:2023-02-28 09:24\n" + REPORT, filename="a.txt").to_markdown()
    front, problems = parse_front_matter(markdown)
    assert problems == []
    assert front.fields == {"title": "保德县2022年度法治政府建设情况报告", "unit": "保德县", "year": 2022,
                            "region": ["山西省", "忻州市"], "published": date(2023, 2, 28), "source": "保德县司法局"}
    assert "\npublished: 2023-02-28\n" in markdown


def test_a_text_naming_no_year_is_refused_saying_why():
    report = import_text("随便一段文字。\n", filename="a.txt")
    assert "no year" in report.refusal
    with pytest.raises(ImportFailure, match=r"无法导入 \(cannot import\): 全文没有年份"):
        report.to_markdown()


def test_a_report_without_a_unit_is_written_with_the_unit_empty_for_review():
    report = import_text("关于2025年法治政府建设情况的报告\n2025年，我区坚持依法行政。\n", filename="p11.txt")
    assert report.refusal is None and report.unit is None and "unit" in report.review
    assert "\nunit: ''\n" in report.to_markdown()
    assert report.relative_path("p11") == PurePosixPath("2025/p11.md")


def test_a_title_without_report_text_is_refused():
    report = import_text("保德县2022年度法治政府建设情况报告\n关闭本页\n", filename="a.txt")
    with pytest.raises(ImportFailure, match="no report text"):
        report.to_markdown()


# --- the command ----------------------------------------------------------------------------

def run(paths, content, *, dry_run=False, force=False):
    out = io.StringIO()
    return run_import(paths, content, dry_run=dry_run, force=force, out=out), out.getvalue()


def test_import_writes_the_report_and_prints_what_it_found(tmp_path):
    (tmp_path / "raw.txt").write_bytes(("中国政府网 山西省政府 忻州市政府\n" + REPORT).encode("gbk"))
    code, out = run([tmp_path / "raw.txt"], tmp_path / "content")
    assert code == 0
    assert "| unit | 保德县 | 原文 found in text: 标题行 (title line) |" in out
    assert "需复核 (review)：published, source" in out
    written = (tmp_path / "content/2022/baodexian.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: 保德县2022年度法治政府建设情况报告\n") and "## 一、主要举措和成效" in written


def test_an_existing_report_is_never_overwritten_without_force(tmp_path, capsys):
    (tmp_path / "raw.txt").write_text(REPORT, encoding="utf-8")
    target = tmp_path / "content/2022/baodexian.md"
    target.parent.mkdir(parents=True)
    target.write_text("edited by hand", encoding="utf-8")
    code, _ = run([tmp_path / "raw.txt"], tmp_path / "content")
    assert code == 1 and target.read_text(encoding="utf-8") == "edited by hand"
    assert f"{tmp_path / 'raw.txt'}: {target} 已存在，加 --force 才会覆盖" in capsys.readouterr().err
    assert run([tmp_path / "raw.txt"], tmp_path / "content", force=True)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: 保德县")


def test_dry_run_prints_the_markdown_and_writes_nothing(tmp_path):
    (tmp_path / "raw.txt").write_text(REPORT, encoding="utf-8")
    code, out = run([tmp_path / "raw.txt"], tmp_path / "content", dry_run=True)
    assert code == 0 and not (tmp_path / "content").exists()
    assert "---\ntitle: 保德县2022年度法治政府建设情况报告\n" in out and "### （一）加强组织领导。" in out


def test_two_inputs_with_the_same_name_fail_for_the_second_and_the_rest_go_on(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(REPORT.replace("保德县", "河曲县"), encoding="utf-8")
    code, _ = run([tmp_path / n for n in ("a.txt", "b.txt", "c.txt")], tmp_path / "content")
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"{tmp_path / 'b.txt'}: ") and f"也是本次 {tmp_path / 'a.txt'} 要写入的位置" in err
    assert sorted(p.name for p in (tmp_path / "content/2022").iterdir()) == ["baodexian.md", "hequxian.md"]


def test_township_file_names_carry_their_parent_place(tmp_path):
    (tmp_path / "raw.txt").write_text("2022年度，城区街道坚持依法行政。\n乳山市城区街道办事处\n2022年12月26日\n", encoding="utf-8")
    assert run([tmp_path / "raw.txt"], tmp_path / "content")[0] == 0
    assert (tmp_path / "content/2022/rushanshi-chengqujiedao.md").is_file()


def test_unreadable_files_are_one_line_errors_not_tracebacks(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\x81\xff")
    (tmp_path / "vague.txt").write_text("随便一段文字。", encoding="utf-8")
    code, _ = run([tmp_path / "missing.txt", tmp_path / "bad.txt", tmp_path / "vague.txt"], tmp_path / "content")
    lines = capsys.readouterr().err.splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0] == f"{tmp_path / 'missing.txt'}: 无法读取 (cannot read): 没有这个文件或文件夹 (no such file or folder)"
    assert lines[1].startswith(f"{tmp_path / 'bad.txt'}: 既不是 UTF-8 也不是 GB18030/GBK 文本")
    assert lines[2].startswith(f"{tmp_path / 'vague.txt'}: 无法导入 (cannot import): 全文没有年份")


def test_an_unwritable_content_folder_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "raw.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "content").write_text("a file, not a folder", encoding="utf-8")
    code, _ = run([tmp_path / "raw.txt"], tmp_path / "content")
    assert code == 1 and capsys.readouterr().err.startswith(f"{tmp_path / 'raw.txt'}: 无法写入 (cannot write) ")


def test_build_py_import_subcommand(tmp_path, capsys):
    (tmp_path / "raw.txt").write_text(REPORT, encoding="utf-8")
    assert build.main(["import", str(tmp_path / "raw.txt"), "--content", str(tmp_path / "content")]) == 0
    assert "已写入 (wrote)" in capsys.readouterr().out and (tmp_path / "content/2022/baodexian.md").is_file()


# --- properties -----------------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCTUATION = st.sampled_from(list("，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>*_#`\\&-+=|~{}/%@ \t\u3000\xa0"))
_ASCII = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
_WORDS = st.text(st.one_of(_CJK, _CJK, _PUNCTUATION, _ASCII), max_size=30)
_NUMBERING = st.sampled_from(["", "", "一、", "十二、", "（一）", "(二)", "1.", "2、", "1. ", "（3）", "(4)", "一是", "1.5",
                              "- ", "> ", "# ", "* ", "+ ", "---", "关于2022年", "2022年"])
_CHROME_WORDS = st.sampled_from([
    "当前位置：", "您现在所在的位置 : 首页 > ", "首页 > ", "中国政府网 山西省政府", "时间:2023-02-28 09:24", "来源:", "来源：本网",
    "大 中 小", "【字体：", "打印", "分享到:", "关闭本页", "关闭窗口", "扫一扫在手机打开当前页", "版权所有:", "粤ICP备19114884号",
    "公网安备", "网站标识码", "技术支持:", "您访问的链接即将离开", "继续访问放弃", "今天是2023年3月1日", "• 2022-01-25 15:43",
    "2022年12月26日", "二〇二三年一月二十日", "乳山市城区街道办事处", "报告",
])
_LINE = st.one_of(
    st.builds(lambda n, a, c, b: n + a + c + b, _NUMBERING, _WORDS, st.one_of(st.just(""), _CHROME_WORDS), _WORDS),
    _CHROME_WORDS,
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=12).map("\n".join))
def test_random_text_never_crashes_and_every_character_is_kept_or_listed_as_removed(raw):
    report = import_text(raw, filename="random.txt")
    title = [report.title] if report.finding("title").detail == TITLE_LINE else []
    shown_or_removed = "".join(title + [line.text for line in report.removed]) + render_body(report.body).text
    assert sorted(visible(shown_or_removed)) == sorted(visible("".join(normalised_lines(raw))))


_SENTENCE_START = st.sampled_from(["我县", "全面推进", "城区街道", "一是", "同时，", "（一）加强领导。", "1、以"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.builds(lambda s, c, w: s + c + w + "。", _SENTENCE_START, _CHROME_WORDS, _WORDS), min_size=1, max_size=6))
def test_report_sentences_are_never_taken_for_chrome(sentences):
    report = import_text("\n".join(sentences), filename="prose.txt")
    assert report.removed == ()
    assert visible(shown_text(report)) == visible("".join(sentences))


_FIELD_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=100, deadline=None)
@given(title=_FIELD_TEXT, unit=_FIELD_TEXT, source=_FIELD_TEXT, region=st.lists(_FIELD_TEXT, max_size=3))
def test_any_field_text_round_trips_through_the_front_matter(title, unit, source, region):
    base = import_text(REPORT, filename="a.txt")
    report = dataclasses.replace(base, title=title, unit=unit, source=source, region=tuple(region))
    front, problems = parse_front_matter(report.to_markdown())
    assert problems == []
    assert front.fields == {"title": title, "unit": unit, "year": 2022, "region": region, "source": source}


# --- many files -----------------------------------------------------------------------------

def test_a_folder_imports_its_pages_and_ends_with_one_summary_table(tmp_path, capsys):
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.txt").write_text("中国政府网 山西省政府 忻州市政府\n时间:2023-02-28 09:24 来源:保德县司法局\n" + REPORT, encoding="utf-8")
    (pages / "sub" / "b.html").write_text(
        "<html><head><meta name='ArticleTitle' content='河曲县2022年度法治政府建设情况报告'></head><body><article>"
        "<p>2022年，河曲县坚持依法行政，全面推进法治政府建设，各项工作取得新成效。</p></article></body></html>", encoding="utf-8")
    (pages / "c.txt").write_text("随便一段文字。\n", encoding="utf-8")
    (pages / "notes.md").write_text("not a page", encoding="utf-8")
    code, out = run([pages], tmp_path / "content")
    table = out[out.index("== 汇总 (summary)"):].splitlines()
    assert code == 1
    assert table[3] == f"| {pages / 'a.txt'} | 已导入 (imported) | {tmp_path / 'content/2022/baodexian.md'} |"
    assert table[4].startswith(f"| {pages / 'c.txt'} | 拒绝 (refused) | 无法导入 (cannot import): 全文没有年份")
    assert table[5].startswith(f"| {pages / 'sub' / 'b.html'} | 需复核 (needs review): region (推断), published (缺失), source (缺失) |")
    assert table[6] == "共 3 个文件：已导入 1 个，需复核 1 个，拒绝 1 个 (imported, need review, refused)"
    assert capsys.readouterr().err.startswith(f"{pages / 'c.txt'}: 无法导入 (cannot import): 全文没有年份")


def test_a_quoted_glob_is_expanded_and_a_single_file_prints_no_summary(tmp_path):
    for name in ("x1.txt", "x2.txt"):
        (tmp_path / name).write_text(REPORT.replace("保德县", "河曲县" if name == "x2.txt" else "保德县"), encoding="utf-8")
    code, out = run([tmp_path / "x*.txt"], tmp_path / "content", dry_run=True)
    assert code == 0 and "共 2 个文件：已导入 0 个，需复核 2 个，拒绝 0 个" in out
    assert "== 汇总" not in run([tmp_path / "x1.txt"], tmp_path / "content", dry_run=True)[1]
