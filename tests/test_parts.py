"""The five required parts, located from headings: the rules on many heading variants, the seeds by hand,
sub-headings, position, the editor's word, and the sections' character ranges in body_text."""
from pathlib import Path

import pytest

from archive.outline import Outline
from archive.parts import (BY_EDITOR, BY_PARENT, BY_POSITION, BY_WORDS, PARTS, heading_parts, locate_parts,
                           part_named)
from archive.site.markup import render_body
from archive.site.reader import read_report

REPO = Path(__file__).resolve().parent.parent
KEY = {part.name: part.key for part in PARTS}
NAME = {part.key: part.name for part in PARTS}

# (year reported on, heading, part keys it names; "" is 未识别). Seed headings are in test_seed_* below;
# these are the ways other reports name the parts, and headings that name none.
VARIANTS = [
    (2023, "一、2023年法治政府建设主要举措及成效", "jucuo"),
    (2022, "一、2022年度法治政府建设工作情况", "jucuo"),
    (2022, "一、主要工作举措及成效", "jucuo"),
    (2022, "一、法治政府建设主要做法和成效", "jucuo"),
    (2022, "一、取得的主要成效", "jucuo"),
    (2022, "一、基本情况", "jucuo"),
    (2022, "一、2022年推进法治政府建设的主要举措和成效", "jucuo"),
    (2022, "一、主要工作开展情况", "jucuo"),
    (2022, "一、工作回顾", "jucuo"),
    (2022, "三、2022年重点工作", "jucuo"),
    (2022, "（一）2022年法治政府建设推进情况", "jucuo"),
    (2022, "二、存在的问题和不足", "buzu"),
    (2022, "存在问题及原因分析", "buzu"),
    (2022, "二、2022年推进法治政府建设存在的不足和原因", "buzu"),
    (2022, "三、存在的困难和问题", "buzu"),
    (2022, "二、问题与不足", "buzu"),
    (2022, "三、当前存在的短板弱项", "buzu"),
    (2022, "二、不足之处及原因", "buzu"),
    (2022, "三、主要问题", "buzu"),
    (2022, "四、存在的差距", "buzu"),
    (2022, "三、党政主要负责人履行推进法治建设第一责任人职责情况", "zeren"),
    (2022, "三、主要负责人履行推进法治建设第一责任人职责情况", "zeren"),
    (2022, "四、党政主要负责人履职情况", "zeren"),
    (2022, "三、局主要负责人履行推进法治建设职责情况", "zeren"),
    (2022, "三、履行推进法治建设第一责任人职责情况", "zeren"),
    (2022, "三、主要领导述法情况", "zeren"),
    (2023, "一、区政府主要负责同志履行推进法治建设第一责任人职责情况", "zeren"),
    (2023, "四、2024年工作打算", "anpai"),
    (2022, "下步工作计划", "anpai"),
    (2021, "三、2022年重点工作", "anpai"),
    (2022, "四、下一步工作打算", "anpai"),
    (2022, "五、2023年工作重点", "anpai"),
    (2022, "四、今后工作思路", "anpai"),
    (2022, "四、下一年度主要安排", "anpai"),
    (2022, "四、下一步工作措施", "anpai"),
    (2023, "四、2024年法治政府建设工作安排", "anpai"),
    (2022, "四、下阶段努力方向", "anpai"),
    (2022, "四、工作打算", "anpai"),
    (2022, "四、法治政府建设工作计划", "anpai"),
    (2022, "三、下一步工作思路和举措", "anpai"),
    (2022, "三、下一步工作打算及存在问题", "buzu anpai"),
    (2022, "（二）制定年度普法计划", ""),
    (2022, "一、创新工作思路", ""),
    (2022, "（三）着眼未来，强化队伍建设工作", ""),
    (2022, "五、其他需要报告的事项", "qita"),
    (2022, "五、其他需要报告的情况", "qita"),
    (2022, "五、其他", "qita"),
    (2022, "六、其他有关情况", "qita"),
    (2022, "三、存在的问题和下一步工作打算", "buzu anpai"),
    (2022, "二、2022年工作开展情况及2023年工作打算", "jucuo anpai"),
    (2022, "三、存在问题及下步工作打算", "buzu anpai"),
    (2022, "一、工作成效与存在的不足", "jucuo buzu"),
    (2022, "五、坚持问题导向，补齐工作短板", ""),
    (2022, "四、意见和建议", ""),
    (2022, "附件", ""),
    (2022, "（三）严格规范公正文明执法", ""),
    (2022, "一、加强党对法治政府建设的领导", ""),
    (2022, "（二）压紧压实工作责任", ""),
]


def keys(parts):
    return " ".join(KEY[name] for name in parts)


@pytest.mark.parametrize("year, heading, expected", VARIANTS)
def test_heading_variants(year, heading, expected):
    assert keys(heading_parts(heading, year)) == expected


def test_the_table_covers_every_part_and_the_unrecognised_case():
    assert len(VARIANTS) >= 40
    named = {key for _, _, expected in VARIANTS for key in expected.split()}
    assert named == {part.key for part in PARTS}
    assert sum(1 for _, _, expected in VARIANTS if not expected) >= 5


def test_a_year_is_future_only_relative_to_the_year_reported_on():
    assert keys(heading_parts("二、2023年重点工作", 2022)) == "anpai"
    assert keys(heading_parts("二、2023年重点工作", 2023)) == "jucuo"
    assert keys(heading_parts("一、2023年工作情况", 2023)) == "jucuo"


def test_part_names_and_short_labels_both_name_a_part():
    assert part_named("存在的不足和原因") is part_named("不足和原因") is PARTS[1]
    assert part_named("不足") is None


def seed_parts(path):
    report, problems = read_report((REPO / path).read_bytes(), path, Path(path).relative_to("content"))
    assert problems == []
    return report


def top_level(report):
    return [(h.text, keys(h.parts), h.basis) for h in report.parts.headings if h.level == 2]


def test_seed_baodexian_six_measure_headings_then_shortcomings_and_plans():
    report = seed_parts("content/2022/baodexian.md")
    assert top_level(report) == [
        ("一、深入学习贯彻党的二十大精神和习近平法治思想,全面加强党对法治政府建设的领导", "jucuo", BY_POSITION),
        ("二、依法全面履行政府职能,持续营造法治化营商环境", "jucuo", BY_POSITION),
        ("三、健全依法行政制度体系,推进依法科学决策", "jucuo", BY_POSITION),
        ("四、推进规范公正文明执法,提升行政执法公信力", "jucuo", BY_POSITION),
        ("五、健全社会矛盾纠纷预防调处化解体系,不断促进社会大局和谐稳定", "jucuo", BY_POSITION),
        ("六、推动普法与依法治理有机融合,为全县高质量发展营造良好的法治环境", "jucuo", BY_POSITION),
        ("七、存在的问题及不足", "buzu", BY_WORDS),
        ("八、下一年度工作计划", "anpai", BY_WORDS),
    ]
    assert keys(report.parts.found) == "jucuo buzu anpai"
    measures = report.parts.section(NAME["jucuo"])
    assert len(measures.anchors) == 6 and len(measures.spans) == 1  # six headings, one stretch of text
    (span,) = measures.spans
    assert report.body_text[span.start:].startswith("一、深入学习贯彻党的二十大精神")
    assert report.body_text[span.end:].startswith("七、存在的问题及不足")


def test_seed_changpingzhen():
    report = seed_parts("content/2021/dongguanshi-changpingzhen.md")
    assert top_level(report) == [
        ("一、2021年工作情况", "jucuo", BY_WORDS),
        ("二、存在的不足", "buzu", BY_WORDS),
        ("三、2022年工作计划", "anpai", BY_WORDS),
    ]
    subheadings = [h for h in report.parts.headings if h.level > 2]
    assert subheadings and all(h.basis == BY_PARENT and len(h.parts) == 1 for h in subheadings)


def test_seed_lvtangxiang_has_measures_and_plans_only():
    report = seed_parts("content/2022/lvtangxiang.md")
    assert top_level(report) == [
        ("一、2022年工作情况", "jucuo", BY_WORDS),
        ("二、2023年工作思路", "anpai", BY_WORDS),
    ]
    assert keys(report.parts.found) == "jucuo anpai"


def test_seed_rushanshi_chengqujiedao_has_the_four_parts_by_their_names():
    report = seed_parts("content/2022/rushanshi-chengqujiedao.md")
    assert top_level(report) == [
        ("一、2022年法治政府建设的主要举措和成效", "jucuo", BY_WORDS),
        ("二、2022年推进法治政府建设存在的不足和原因", "buzu", BY_WORDS),
        ("三、2022年党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况", "zeren", BY_WORDS),
        ("四、2023年推进法治政府建设的主要安排", "anpai", BY_WORDS),
    ]


def test_seed_yanshanxiang_has_shortcomings_and_plans_in_one_heading():
    report = seed_parts("content/2020/wanzhouqu-yanshanxiang.md")
    assert top_level(report) == [
        ("一、工作开展情况", "jucuo", BY_WORDS),
        ("二、党政主要负责人履行法治建设第一责任人职责情况", "zeren", BY_WORDS),
        ("三、工作不足及2021年工作计划", "buzu anpai", BY_WORDS),
    ]
    shortcomings, plans = report.parts.section(NAME["buzu"]), report.parts.section(NAME["anpai"])
    assert shortcomings.spans == plans.spans
    assert shortcomings.anchors == ("三工作不足及2021年工作计划",)


def parts_of(markdown, year=2022, stated=None):
    body = render_body(markdown)
    return body, locate_parts(body.outline, body.text, year, stated)


def test_sections_are_character_ranges_of_body_text_from_heading_to_next_heading_of_its_level():
    body, parts = parts_of("导语。\n\n## 一、工作情况\n\n### （一）执法\n\n执法正文。\n\n## 二、存在的不足\n\n不足正文。\n")
    measures, shortcomings = parts.sections
    (span,) = measures.spans
    assert body.text[span.start:span.end].strip() == "一、工作情况\n（一）执法\n执法正文。"
    (span,) = shortcomings.spans
    assert body.text[span.start:span.end] == "二、存在的不足\n不足正文。"
    assert shortcomings.anchors == ("二存在的不足",)


def test_sub_headings_split_a_heading_of_two_parts():
    body, parts = parts_of("## 三、存在的问题和下一步打算\n\n### （一）存在的问题\n\n问题。\n\n### （二）下一步打算\n\n打算。\n")
    assert [(h.text, keys(h.parts), h.basis) for h in parts.headings] == [
        ("三、存在的问题和下一步打算", "buzu anpai", BY_WORDS),
        ("（一）存在的问题", "buzu", BY_WORDS),
        ("（二）下一步打算", "anpai", BY_WORDS),
    ]
    shortcomings, plans = parts.section(NAME["buzu"]), parts.section(NAME["anpai"])
    assert shortcomings.anchors == plans.anchors == ("三存在的问题和下一步打算",)
    (span,) = shortcomings.spans
    assert body.text[span.start:span.end].strip() == "三、存在的问题和下一步打算\n（一）存在的问题\n问题。"
    assert [body.text[s.start:s.end].strip() for s in plans.spans] == ["三、存在的问题和下一步打算", "（二）下一步打算\n打算。"]


def test_the_duty_listed_among_the_measures_is_its_own_part():
    body, parts = parts_of("## 一、主要举措和成效\n\n导语。\n\n### （一）加强组织领导\n\n正文一。\n\n"
                           "### （二）党政主要负责人履行推进法治建设第一责任人职责情况\n\n履职正文。\n\n"
                           "### （三）推进依法行政\n\n正文三。\n\n## 二、存在的不足\n\n不足。\n")
    assert [keys(h.parts) for h in parts.headings] == ["jucuo", "jucuo", "zeren", "jucuo", "buzu"]
    duty, measures = parts.section(NAME["zeren"]), parts.section(NAME["jucuo"])
    assert duty.anchors == ("二党政主要负责人履行推进法治建设第一责任人职责情况",)
    assert [body.text[s.start:s.end].strip() for s in duty.spans] == ["（二）党政主要负责人履行推进法治建设第一责任人职责情况\n履职正文。"]
    assert measures.anchors == ("一主要举措和成效",)
    assert [body.text[s.start:s.end].strip()[-4:] for s in measures.spans] == ["正文一。", "正文三。"]


def test_unrecognised_headings_after_the_later_parts_stay_unrecognised():
    _, parts = parts_of("## 一、加强组织领导\n\n正文。\n\n## 二、存在的不足\n\n正文。\n\n## 三、意见建议\n\n正文。\n")
    assert [(keys(h.parts), h.basis) for h in parts.headings] == [("jucuo", BY_POSITION), ("buzu", BY_WORDS), ("", "")]


def test_measures_by_position_may_follow_the_duty():
    _, parts = parts_of("## 一、党政主要负责人履行推进法治建设第一责任人职责情况\n\n正文。\n\n"
                        "## 二、加强组织领导\n\n正文。\n\n## 三、存在的不足\n\n正文。\n")
    assert [(keys(h.parts), h.basis) for h in parts.headings] == [("zeren", BY_WORDS), ("jucuo", BY_POSITION), ("buzu", BY_WORDS)]


def test_without_a_recognised_later_part_nothing_is_inferred_from_position():
    _, parts = parts_of("## 一、加强组织领导\n\n正文。\n\n## 二、推进依法行政\n\n正文。\n")
    assert [h.parts for h in parts.headings] == [(), ()]
    assert parts.found == ()


def test_under_an_unrecognised_heading_sub_headings_are_read_by_their_own_words():
    _, parts = parts_of("## 一、概述\n\n### （一）主要举措\n\n正文。\n\n### （二）不足和原因\n\n正文。\n")
    assert [keys(h.parts) for h in parts.headings] == ["", "jucuo", "buzu"]


def test_the_editor_overrides_the_rules_and_sub_headings_follow():
    outline_text = "## 一、加强组织领导\n\n### （一）健全机构\n\n正文。\n\n## 二、推进依法行政\n\n正文。\n"
    _, parts = parts_of(outline_text, stated={"一加强组织领导": (NAME["jucuo"],), "二推进依法行政": ()})
    assert [(keys(h.parts), h.basis) for h in parts.headings] == [("jucuo", BY_EDITOR), ("jucuo", BY_PARENT), ("", BY_EDITOR)]


def test_a_report_without_headings_has_no_parts():
    body, parts = parts_of("只有一段正文。\n")
    assert parts.headings == () and parts.sections == ()


def test_headings_with_markup_characters_still_get_their_ranges():
    body, parts = parts_of("## 一、A&B <工作> 情况\n\n正文。\n\n## 二、存在的不足\n\n正文。\n")
    assert parts.headings[0].text == "一、A&B <工作> 情况"
    (span,) = parts.section(NAME["jucuo"]).spans
    assert body.text[span.start:span.end].startswith("一、A&B <工作> 情况\n正文。")
