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
    ("title: 报告\nunit: 常平镇\nyear: '2021'\nregion: []\n", 4, "字段 'year' 须为年份，如 2022 (must be a year)，不能是 str '2021'"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: 广东省\n", 5, "字段 'region' 须为自上而下的地名列表"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\ntitel: x\n", 6, "未知字段 (unknown field) 'titel'，是否应为 'title'？"),
    ("title: 报告\nyear: 2021\nregion: []\n", 1, "缺少必填字段 (missing required field) 'unit'"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nlevel: 镇级\n", 6, "字段 'level' 须为 省级/市级/县级/乡镇/街道/部门 之一"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\npublished: 2022-13-01\n", 6, "字段 'published' 的值无法读取 (invalid value): month must be in 1..12"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\npublished: 2022年1月25日\n", 6, "字段 'published' 须为日期，如 2023-02-28"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nsource_url: www.gov.cn\n", 6, "须为 http:// 或 https:// 网址"),
    ("title: 报告\nunit: 常平镇\nyear: 2021\nregion: []\nunit: 石龙镇\n", 6, "字段 'unit' 重复出现，第一次在第 3 行"),
    ("title: \nunit: 常平镇\nyear: 2021\nregion: []\n", 2, "字段 'title' 须为非空文本"),
    ("title: 报告\nunit: 常平镇\nyear: 1800\nregion: []\n", 4, "1949 至 2100 之间"),
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
    assert problems == [(6, "文件头之后没有报告正文 (no text after the front matter)")]


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


# Bad input of every shape gives (line, message) problems or a YamlMappingError with a line, never
# another exception, and every message is one line of text that can be printed.
VALID = "title: 报告\nunit: 常平镇\nyear: 2021\nregion: [广东省, 东莞市]\n"
BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 9)}]\n" for i in range(9))


def assert_printable(problems):
    for line, message in problems:
        assert isinstance(line, int) and line >= 1
        assert "\n" not in message and len(message) < 500
        message.encode("utf-8")


@pytest.mark.parametrize("extra, line, message", [
    ("? [a, b]\n: c\n", 6, "字段名须为纯文本，不能是列表"),
    ("? {a: b}\n: c\n", 6, "字段名须为纯文本，不能是映射"),
    ('"\\ud800": x\n', 6, "字段名须为纯文本，U+D800 不是文本字符 (not a character of text)"),
    ("1: x\n", 6, "未知字段 (unknown field) '1'"),
    ("? |\n  two\n  lines\n: x\n", 6, r"未知字段 (unknown field) 'two\nlines\n'"),
    ('note: "正文\\ud800"\n', 6, "字段 'note' 含有 U+D800，不是文本字符 (not a character of text)"),
    ('note: "\\x00"\n', 6, "字段 'note' 含有 U+0000"),
    ('note: "\\e[31m"\n', 6, "字段 'note' 含有 U+001B"),
    ('source: "\\uFFFE"\n', 6, "字段 'source' 含有 U+FFFE"),
    ("published: 0000-01-01\n", 6, "字段 'published' 的值无法读取 (invalid value): year 0 is out of range"),
    ("published: 2022-01-01 25:00:00\n", 6, "字段 'published' 的值无法读取 (invalid value): hour must be in 0..23"),
    ("published: 2022-01-01 10:00:00 +99:00\n", 6, "字段 'published' 的值无法读取 (invalid value)"),
    ("published: !!timestamp 'x'\n", 6, "字段 'published' 的值无法读取 (invalid value): not a valid timestamp"),
    ("note: !!bool 'x'\n", 6, "字段 'note' 的值无法读取 (invalid value): not a valid bool"),
    ("note: !!float ''\n", 6, "字段 'note' 的值无法读取 (invalid value): not a valid float"),
    ("note: !!python/object/apply:os.system ['true']\n", 6, "could not determine a constructor"),
    ("note: !local x\n", 6, "could not determine a constructor for the tag '!local'"),
    ("note: !!set [a]\n", 6, "字段 'note' 的值无法读取 (invalid value)"),
    ("note: {<<: [1]}\n", 6, "字段 'note' 的值无法读取 (invalid value)"),
    ("note: &r [*r]\n", 6, "字段 'note' 的值无法读取 (invalid value)"),
    ("note: !!int x\nnote: y\n", 7, "字段 'note' 重复出现，第一次在第 6 行"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else None)
def test_unreadable_keys_and_values_are_problems_at_their_line(extra, line, message):
    _, problems = parse(VALID + extra)
    assert any(l == line and message in m for l, m in problems), problems
    assert_printable(problems)


def test_a_character_that_is_not_text_is_reported_at_its_own_entry():
    _, problems = parse("title: 报告\nunit: 常平镇\nyear: 2021\nregion:\n  - 广东省\n  - \"东莞\\udc80市\"\n")
    assert problems == [(7, "字段 'region' 含有 U+DC80，不是文本字符 (not a character of text)")]


def test_a_required_field_that_cannot_be_read_is_not_also_missing():
    _, problems = parse("title: 报告\nunit: 常平镇\nyear: !!int ''\nregion: []\n")
    assert problems == [(4, "字段 'year' 的值无法读取 (invalid value): not a valid int")]


def test_a_year_of_five_thousand_digits_is_a_problem():
    _, problems = parse(VALID.replace("2021", "1" * 5000))
    assert [line for line, _ in problems] == [4] and "字段 'year' 的值无法读取 (invalid value)" in problems[0][1]


def test_an_alias_bomb_is_shown_short():
    _, problems = parse(BOMB + "title: *l8\nunit: x\nyear: 2021\nregion: *l8\n")
    assert any("字段 'title' 须为非空文本 (must be non-empty text)，不能是 list" in m for _, m in problems)
    assert_printable(problems)


@pytest.mark.parametrize("yaml_lines, line, message", [
    ("title: 报告\nnote: " + "[" * 5000 + "]" * 5000 + "\n", 3, "nested more than 20 deep"),
    ("title: 报告\nnote:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)), 23, "nested more than 20 deep"),
    ("title: 报告\nnote: a\x0cb\n", 3, "YAML 格式错误 (invalid YAML)：YAML 文件中不允许出现 U+000C"),
    ("title: 报告\nnote:\tx\n\tfoo\n", 3, "YAML 格式错误 (invalid YAML): found character '\\t' that cannot start any token"),
])
def test_yaml_that_cannot_be_read_names_its_line(yaml_lines, line, message):
    with pytest.raises(YamlMappingError) as error:
        parse(yaml_lines)
    assert error.value.line == line and message in str(error.value)


def test_config_yaml_is_read_by_the_same_loader(tmp_path):
    from archive.errors import ContentError
    from archive.site.config import load_config

    config = tmp_path / "config.yaml"
    config.write_text('title: "报告库\\ud800"\n? [a, b]\n: c\ndescription: x\nbase_url: https://e.org/\n'
                      "language: zh-CN\nlatest_count: 10\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_config(config)
    problems = [(p.line, p.message) for p in error.value.problems]
    assert (1, "字段 'title' 含有 U+D800，不是文本字符 (not a character of text)") in problems
    assert (2, "字段名须为纯文本，不能是列表 (a field name must be plain text, not a list: a '? [...]' key)") in problems


def test_config_yaml_messages_stay_one_short_line(tmp_path):
    from archive.errors import ContentError
    from archive.site.config import load_config

    config = tmp_path / "config.yaml"
    config.write_text(BOMB + "title: *l8\n? |\n  two\n  lines\n: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_config(config)
    assert_printable([(p.line, p.message) for p in error.value.problems])
    assert any(p.message == r"未知设置 (unknown setting) 'two\nlines\n'" for p in error.value.problems)


def test_libyaml_reads_front_matter_as_pyyaml_does() -> None:
    """The fast path (libyaml) gives PyYAML's nodes, or leaves the text to PyYAML: mutated front matters."""
    import random

    import yaml

    from archive import yamlmap

    def same(a: yaml.Node, b: yaml.Node) -> bool:
        if type(a) is not type(b) or a.tag != b.tag or a.start_mark.line != b.start_mark.line:
            return False
        if isinstance(a, yaml.ScalarNode):
            return a.value == b.value and (a.style or "") == (b.style or "")
        pairs = zip(a.value, b.value) if isinstance(a, yaml.SequenceNode) else (
            (x, y) for p, q in zip(a.value, b.value) for x, y in zip(p, q))
        return len(a.value) == len(b.value) and all(same(x, y) for x, y in pairs)

    rng = random.Random(7)
    alphabet = list("abc: -[]{},'\"#&*!|>\n\t 0123456789年月日\\%@`?.~\x00\x07\x85\ufeff\u2028\ud800")
    base = "title: 某县2022年法治政府建设年度报告\nunit: 某县\nyear: 2022\nregion: [山西省, 忻州市]\npublished: 2023-02-28\nparts: {buzu: 二}"
    for _ in range(3000):
        text = list(base)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            if rng.random() < 0.5:
                text.insert(at, rng.choice(alphabet))
            else:
                del text[at]
        source = "".join(text)
        quick = yamlmap._compose_quickly(source)
        if quick is not None:
            assert same(quick, yaml.compose(source, Loader=yamlmap._DepthLimitedLoader)), source
