"""The `parts:` front-matter field: an editor's word on a heading's parts, each problem on its line."""
from archive.frontmatter import parse_front_matter
from archive.parts import BY_EDITOR
from tests.conftest import report_file

BODY = "## 一、加强组织领导\n\n正文。\n\n## 二、加强组织领导\n\n正文。\n\n## 三、工作不足及明年打算\n\n正文。\n"


def front(parts_yaml):
    return parse_front_matter(f"---\ntitle: 报告\nunit: 燕山乡\nyear: 2020\nregion: []\n{parts_yaml}---\n正文。\n")


def test_a_valid_field_has_the_line_of_each_heading():
    matter, problems = front("parts:\n  三、工作不足: [存在的不足和原因, 下一年度安排]\n  一二: 主要举措和成效\n")
    assert problems == []
    assert matter.part_lines == {"三、工作不足": 7, "一二": 8}


def test_unknown_part_names_are_reported_on_their_entry_line_with_a_guess():
    _, problems = front("parts:\n  一、工作: 主要举措和成效\n  三、工作不足: [存在的不足和原因, 存在的不足]\n")
    assert problems == [(8, "字段 'parts'：'三、工作不足' 的部分名称 '存在的不足' 不存在 (unknown part)，是否应为 '存在的不足和原因'？")]


def test_the_field_must_be_a_mapping_of_headings_to_parts():
    _, problems = front("parts: [主要举措和成效]\n")
    assert problems[0][0] == 6 and "must map headings to part names" in problems[0][1]
    _, problems = front("parts:\n  一、工作: {a: b}\n")
    assert problems[0][0] == 7 and "must name a part or a list of parts" in problems[0][1]


def test_headings_are_named_by_text_or_anchor_in_the_build(build_tree):
    extra = "parts:\n  一、加强组织领导: 主要举措和成效\n  二加强组织领导: []\n"
    result = build_tree({"content/2020/x.md": report_file(unit="燕山乡", year=2020, extra=extra, body=BODY)}, "check")
    assert result.code == 0, result.err


def test_unknown_and_ambiguous_headings_are_reported_with_file_and_line(build_tree):
    extra = "parts:\n  加强组织领导: 主要举措和成效\n  三、工作不足及下年打算: 存在的不足和原因\n"
    body = BODY.replace("二、加强组织领导", "一、加强组织领导")
    result = build_tree({"content/2020/x.md": report_file(unit="燕山乡", year=2020, extra=extra, body=body)}, "check")
    assert result.code == 1
    assert "content/2020/x.md:7: 字段 'parts'：报告中没有标题 '加强组织领导' (no such heading)" in result.err
    assert ("content/2020/x.md:8: 字段 'parts'：报告中没有标题 '三、工作不足及下年打算' (no such heading)"
            "，是否应为 '三、工作不足及明年打算'？") in result.err
    extra = "parts:\n  一、加强组织领导: 主要举措和成效\n"
    result = build_tree({"content/2020/x.md": report_file(unit="燕山乡", year=2020, extra=extra, body=body)}, "check")
    assert "content/2020/x.md:7: 字段 'parts'：有 2 个标题的文字都是 '一、加强组织领导'，请用锚点指明其一 (name one by its anchor)" in result.err


def test_the_editor_basis_reaches_the_report():
    from pathlib import Path
    from archive.site.reader import read_report

    extra = "parts:\n  三、工作不足及明年打算: [存在的不足和原因]\n"
    report, problems = read_report(report_file(unit="燕山乡", year=2020, extra=extra, body=BODY).encode(), "x.md", Path("2020/x.md"))
    assert problems == []
    heading = report.parts.of_heading("三工作不足及明年打算")
    assert (heading.parts, heading.basis) == (("存在的不足和原因",), BY_EDITOR)
