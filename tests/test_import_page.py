"""The page model: metadata in any layout, names of reporting bodies, what surrounds the report."""
from __future__ import annotations

from datetime import date

import pytest

from archive.importer.fields import field_line
from archive.importer.page import read_page
from archive.importer.report import import_text, normalised_lines
from archive.importer.findings import How
from archive.importer.units import body_named, body_opening

BODY = "2023年，全区坚持依法行政，法治政府建设取得新成效。\n一、主要举措\n（一）加强领导。区政府常务会议学法4次。\n"


@pytest.mark.parametrize("line, fields", [
    ("- [ 索引号 ] 11500229768895163R/2026-00004", [("other", "索引号", "11500229768895163R/2026-00004")]),
    ("- [ 发布机构 ] 城口县鸡鸣乡人民政府", [("publisher", "发布机构", "城口县鸡鸣乡人民政府")]),
    ("• 索 引 号：002581234/2024-01567", [("other", "索引号", "002581234/2024-01567")]),
    ("• 标  题：关于武康街道2023年度法治政府建设工作情况的报告", [("title", "标题", "关于武康街道2023年度法治政府建设工作情况的报告")]),
    ("发布时间 2025年09月05日", [("published", "发布时间", "2025年09月05日")]),
    ("来  源 ： 市司法局", [("source", "来源", "市司法局")]),
    ("栏目：法治政府建设 发布时间：2023-02-10", [("other", "栏目", "法治政府建设"), ("published", "发布时间", "2023-02-10")]),
    ("作者：金龙街道 来源：金龙街道办事处 点击数：",
     [("poster", "作者", "金龙街道"), ("source", "来源", "金龙街道办事处"), ("other", "点击数", "")]),
    ("【发布单位】巴林左旗人民政府办公室 【发布日期】2024-03-15 【浏览次数】137",
     [("publisher", "发布单位", "巴林左旗人民政府办公室"), ("published", "发布日期", "2024-03-15"), ("other", "浏览次数", "137")]),
    ("发布时间：2024-02-27 09:30来源：沭阳县司法局", [("published", "发布时间", "2024-02-27 09:30"), ("source", "来源", "沭阳县司法局")]),
    ("沅陵县人民政府门户网站 www.yuanling.gov.cn 发布时间:2026-02-27 10:28", [("published", "发布时间", "2026-02-27 10:28")]),
    ("原文链接：http://www.shaoyang.gov.cn/syszf/zfwj/202403/t20240325_123456.html",
     [("other", "原文链接", "http://www.shaoyang.gov.cn/syszf/zfwj/202403/t20240325_123456.html")]),
    ("  • 2022-01-25 15:43", [("date", "", "2022-01-25 15:43")]),
])
def test_metadata_lines_are_read_in_any_layout(line, fields):
    [normalised] = normalised_lines(line)
    assert [(f.role, f.label, f.value) for f in field_line(normalised)] == fields


@pytest.mark.parametrize("sentence", [
    "来源于群众的意见建议全部办结。",
    "时间紧、任务重，全区上下齐心协力。",
    "数据来源：统计年鉴",
    "信息来源：县统计局，数据截至2022年底，全县共有执法人员520名。",
    "标题党现象得到遏制",
])
def test_sentences_that_start_like_labels_are_not_metadata(sentence):
    assert field_line(sentence) is None


def test_a_label_with_its_value_on_the_next_line_is_read_as_one_field():
    page = read_page(normalised_lines("索引号\n1132/2024-00012\n发布机构\n南京市鼓楼区人民政府\n" + BODY))
    assert [(f.label, f.value) for f in page.fields] == [("索引号", "1132/2024-00012"), ("发布机构", "南京市鼓楼区人民政府")]
    assert page.lines[0].startswith("2023年，全区")


@pytest.mark.parametrize("name, places, unit", [
    ("鲤城区人民政府金龙街道办事处", ("鲤城区", "金龙街道"), "金龙街道"),
    ("中共沅陵县委 沅陵县人民政府", ("沅陵县",), "沅陵县"),
    ("重庆市长寿区司法局", ("重庆市", "长寿区"), "长寿区司法局"),
    ("宝鸡市陈仓区", ("宝鸡市", "陈仓区"), "陈仓区"),
    ("乳山市城区街道办事处", ("乳山市", "城区街道"), "城区街道"),
    ("湖北省襄阳市襄州区", ("湖北省", "襄阳市", "襄州区"), "襄州区"),
    ("峨边彝族自治县人民政府", ("峨边彝族自治县",), "峨边彝族自治县"),
    ("保德县人民政府办公室", ("保德县",), "保德县人民政府办公室"),
])
def test_full_names_give_the_unit_and_the_places_above_it(name, places, unit):
    body = body_named(name)
    assert (body.places, body.unit) == (places, unit)


@pytest.mark.parametrize("name", ["依法治区", "在县", "我乡", "全镇", "法治立局", "法治市"])
def test_phrases_that_only_end_like_places_are_not_bodies(name):
    assert body_named(name) is None


@pytest.mark.parametrize("opening, unit", [
    ("东城街道深入学习贯彻习近平法治思想", "东城街道"),
    ("前进区教育局深入开展和推进法治政府建设工作", "前进区教育局"),
    ("鸡鸣乡在县委、县政府的坚强领导下", "鸡鸣乡"),
    ("陈仓区委", "陈仓区"),
])
def test_the_body_a_sentence_opens_with(opening, unit):
    assert body_opening(opening).unit == unit


@pytest.mark.parametrize("raw, unit", [
    ("根据《法治政府建设实施纲要》要求，现将南昌县2023年法治政府建设情况报告如下：\n一、主要工作\n", "南昌县"),
    ("今年来，云龙镇党委、政府坚持依法行政，成效明显。\n", "云龙镇"),
    ("2023年以来，鹿城区五马街道办事处坚持依法行政，成效明显。\n", "五马街道"),
    ("2023年，在区委、区政府的正确领导下，前进区教育局深入推进法治建设。\n", "前进区教育局"),
])
def test_the_unit_is_the_subject_of_the_opening_sentence(raw, unit):
    report = import_text(raw, filename="a.txt")
    assert report.unit == unit and report.finding("unit").how is How.GUESSED


def test_a_department_calling_itself_我局_is_not_given_a_township_it_mentions():
    report = import_text("2023年，区市场监管局坚持依法行政。我局在向塘镇、向塘镇开展执法检查。我局加强培训。\n", filename="a.txt")
    assert report.unit is None and report.finding("unit").how is How.MISSING


def test_a_parent_city_named_in_passing_is_not_the_unit():
    report = import_text("2023年，在宝鸡市委、市政府的坚强领导下，陈仓区坚持依法行政，成效明显。\n" + BODY, filename="a.txt")
    assert report.unit == "陈仓区" and report.finding("unit").how is How.GUESSED
    assert report.region == ("陕西省", "宝鸡市")


def test_units_and_regions_from_full_titles():
    report = import_text("鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告\n" + BODY, filename="a.txt")
    assert (report.unit, report.year, report.region) == ("金龙街道", 2022, ("福建省", "泉州市", "鲤城区"))
    assert str(report.relative_path("a")) == "2022/lichengqu-jinlongjiedao.md"


def test_a_date_widget_gives_neither_the_year_nor_the_date():
    raw = "天津市静海区人民政府 2019年12月3日星期二\n静海区2023年度法治政府建设情况的报告\n" + BODY
    report = import_text(raw, filename="a.txt")
    assert (report.year, report.published) == (2023, None)
    assert report.removed[0].kind == "date widget"


def test_without_a_title_the_year_comes_from_the_opening_sentence_not_a_plan_span():
    raw = "2021年度，在市委、市政府的领导下，东城街道认真落实《法治政府建设实施纲要（2021-2025年）》。\n" + BODY
    report = import_text(raw, filename="a.txt")
    assert (report.unit, report.year) == ("东城街道", 2021)
    assert {"title", "unit", "year"} <= set(report.review)


def test_everything_before_the_title_is_chrome_but_a_salutation_after_it_stays():
    raw = "通知公告\n工作报告\n城关区2023年法治政府建设工作报告\n区人大常委会：\n" + BODY
    report = import_text(raw, filename="a.txt")
    assert [line.text for line in report.removed] == ["通知公告", "工作报告"]
    assert report.body.startswith("区人大常委会：")


def test_after_the_last_paragraph_the_first_chrome_line_starts_the_foot():
    raw = BODY + "城关区人民政府\n2024年3月1日\n相关链接\n兰州市人民政府\n甘肃省人民政府\n"
    report = import_text("城关区2023年法治政府建设工作报告\n" + raw, filename="a.txt")
    assert report.body.endswith("城关区人民政府\n\n2024年3月1日")
    assert [line.kind for line in report.removed] == ["tool bar", "page foot", "page foot"]
    assert report.published == date(2024, 3, 1)


def test_a_report_without_unit_is_never_refused():
    report = import_text("关于2025年法治政府建设情况的报告\n来源:区司法局\n2025年，我区坚持依法行政，成效明显。\n", filename="p.txt")
    assert report.refusal is None and report.unit is None
    assert report.finding("unit").how is How.MISSING and report.source == "区司法局"


def test_the_addressee_of_a_report_gives_the_parent_when_nothing_else_does():
    raw = "中共东莞市委、东莞市人民政府：\n2021年度，在市委、市政府的领导下，东城街道深入学习贯彻习近平法治思想。\n"
    report = import_text(raw, filename="a.txt")
    assert (report.unit, report.region) == ("东城街道", ("广东省", "东莞市"))
    assert report.body.startswith("中共东莞市委、东莞市人民政府：")


def test_a_table_in_the_report_keeps_cells_that_look_like_labels():
    raw = "XX县2023年法治政府建设年度报告\n来源\nXX县司法局\n" + BODY + "名称\n时间\n行政复议\n12\n关闭窗口\n版权所有：XX县人民政府\n"
    page = read_page(normalised_lines(raw))
    assert page.lines[-4:] == ("名称", "时间", "行政复议", "12")
    assert [(f.label, f.value) for f in page.fields] == [("来源", "XX县司法局")]
    assert [line.text for line in page.removed][-2:] == ["关闭窗口", "版权所有：XX县人民政府"]


def test_a_title_only_in_the_breadcrumb_is_read_from_its_last_step():
    report = import_text("当前位置：首页 > 政务公开 > 柳城县2025年法治政府建设年度报告\n" + BODY, filename="a.txt")
    assert (report.title, report.unit, report.year) == ("柳城县2025年法治政府建设年度报告", "柳城县", 2025)
    assert "last step of the breadcrumb" in report.finding("title").detail


@pytest.mark.parametrize("title, unit", [
    ("临港新片区2023年法治政府建设工作报告", "临港新片区"),  # not in the division table: taken as the title states it
    ("市生态环境局2023年度法治政府建设情况报告", "市生态环境局"),
])
def test_a_unit_only_the_title_names_is_taken_as_stated(title, unit):
    report = import_text(title + "\n" + BODY, filename="a.txt")
    assert report.unit == unit and report.finding("unit").how is How.FOUND


def test_a_single_name_above_a_关于_title_is_not_part_of_it_but_a_joint_issuer_is():
    single = import_text("宁乡市人民政府\n关于2023年度法治政府建设情况的报告\n" + BODY, filename="a.txt")
    joint = import_text("中共宁乡市委 宁乡市人民政府\n关于2023年度法治政府建设情况的报告\n" + BODY, filename="a.txt")
    assert single.title == "关于2023年度法治政府建设情况的报告"
    assert (joint.title, joint.unit) == ("中共宁乡市委 宁乡市人民政府关于2023年度法治政府建设情况的报告", "宁乡市")


def test_between_title_and_text_a_short_label_goes_but_byline_and_dated_subtitle_stay():
    raw = "XX县2023年法治政府建设年度报告\n图文\n区司法局\n（2024年1月15日）\n" + BODY
    report = import_text(raw, filename="a.txt")
    assert [line.text for line in report.removed] == ["图文"]
    assert report.body.startswith("区司法局\n\n（2024年1月15日）\n\n2023年")
    assert report.published == date(2024, 1, 15)


def test_with_nothing_else_the_sites_name_above_the_report_is_the_guessed_unit():
    raw = "营口市老边区人民政府\n首页 > 政务信息\n关于2025年法治政府建设情况的报告\n2025年，我区坚持依法行政，成效明显。\n"
    report = import_text(raw, filename="a.txt")
    assert (report.unit, report.region) == ("老边区", ("辽宁省", "营口市"))
    assert report.finding("unit").how is How.GUESSED
