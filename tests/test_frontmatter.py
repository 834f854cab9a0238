"""Front matter and the domain rules around it, as pure functions."""
from datetime import date

import pytest

from archive.frontmatter import FrontMatterError, parse_front_matter
from archive.yamlmap import YamlMappingError
from archive.model import derive_level
from archive.slugs import slugify


def parse(yaml_lines: str, body: str = "正文。\n"):
    return parse_front_matter(f"---\n{yaml_lines}---\n{body}")


def test_valid_front_matter_has_typed_fields_and_key_lines():
    front, problems = parse("title: 报告\nunit: 常平镇\nyear: 2021\nregion: [广东省, 东莞市]\npublished: 2022-01-25\n")
    assert problems == []
    assert front.fields["published"] == date(2022, 1, 25)
    assert front.fields["region"] == ["广东省", "东莞市"]
    assert front.lines == {"title": 2, "unit": 3, "year": 4, "region": 5, "published": 6}
    assert front.body == "正文。\n" and front.body_line == 8


@pytest.mark.parametrize("yaml_lines, line, message", [
    ("title: 报告\nunit: 常平镇\nyear: '2021'\nregion: []\n", 4, "field 'year' must be a year like 2022, not str '2021'"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: 广东省\n", 5, "field 'region' must be a list of place names"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\ntitel: x\n", 6, "unknown field 'titel' (did you mean 'title'?)"),
    ("title: 报告\nyear: 2021\nregion: []\n", 1, "missing required field 'unit'"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nlevel: 镇级\n", 6, "field 'level' must be one of"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\npublished: 2022-13-01\n", 6, "invalid value for 'published': month must be in 1..12"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\npublished: 2022年1月25日\n", 6, "field 'published' must be a date like 2023-02-28"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nsource_url: www.gov.cn\n", 6, "must be an http:// or https:// address"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nunit: 石龙镇\n", 6, "field 'unit' is given twice (first on line 3)"),
    ("title: \nunit: 常平镇\nyear: 2021\nregion: []\n", 2, "field 'title' must be non-empty text"),
    ("title: 报告\nunit: 常平镇\nyear: 1800\nregion: []\n", 4, "between 1949 and 2100"),
])
def test_each_wrong_field_is_reported_at_its_line(yaml_lines, line, message):
    _, problems = parse(yaml_lines)
    assert any(l == line and message in m for l, m in problems), problems


def test_every_problem_is_reported_not_just_the_first():
    _, problems = parse("titel: 报告\nunit: 3\nyear: x\nregion: []\n")
    assert len(problems) >= 4  # unknown titel, missing title, unit not text, year not a year


def test_malformed_yaml_names_its_line():
    with pytest.raises(YamlMappingError) as error:
        parse("title: 报告\nunit: [常平镇\nyear: 2021\n")
    assert error.value.line >= 3 and "invalid YAML" in str(error.value)


def test_unclosed_or_missing_front_matter():
    with pytest.raises(FrontMatterError, match="never closed"):
        parse_front_matter("---\ntitle: x\n")
    with pytest.raises(FrontMatterError, match="must start with"):
        parse_front_matter("title: x\n")


def test_empty_body_is_a_problem():
    _, problems = parse("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\n", body="\n  \n")
    assert problems == [(6, "the report has no text after the front matter")]


@pytest.mark.parametrize("unit, region, level", [
    ("城区街道", ("山东省", "威海市", "乳山市"), "街道"),
    ("常平镇", ("广东省", "东莞市"), "乡镇"),
    ("绿塘乡", (), "乡镇"),
    ("保德县", ("山西省", "忻州市"), "县级"),
    ("万州区", ("重庆市",), "县级"),
    ("乳山市", ("山东省", "威海市"), "县级"),
    ("东莞市", ("广东省",), "市级"),
    ("重庆市", (), "省级"),
    ("广西壮族自治区", (), "省级"),
    ("保德县司法局", ("山西省", "忻州市", "保德县"), "部门"),
    ("某某", (), None),
])
def test_level_follows_from_the_unit_name(unit, region, level):
    assert derive_level(unit, region) == level


def test_slugs_are_readable_ascii_pinyin():
    assert slugify("保德县") == "baodexian"
    assert slugify("绿塘乡") == "lvtangxiang"
    assert slugify("城区街道 2022") == "chengqujiedao2022"
    assert slugify("——") == ""
