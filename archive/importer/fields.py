"""Metadata lines of a government page: 索引号 / 发布机构 / 标题 / 来源 / 发布时间 … in any layout.

CMSs print the same disclosure fields (政府信息公开 metadata) in many shapes: `[ 索引号 ] 1150…`,
`• 索 引 号:`, `来源：区司法局  发布时间：2026-02-09`, `发布时间 2025年09月05日` (no colon),
`【字号：大 中 小】`, a label alone on a line with its value on the next. A line is a metadata line
when it is made of label–value pairs (an unlabelled lead such as a site name may precede them) and no
part of it is a sentence. Lines arrive normalised; they are matched in NFKC form, so full-width
colons and brackets read like ASCII ones.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Each label and the role of its value; roles the importer does not use are "other".
_LABELS = {
    "source": ("来源", "信息来源", "文章来源", "稿件来源", "新闻来源", "内容来源", "来源单位"),
    "publisher": ("发布机构", "发布单位", "发布部门", "公开主体", "所属机构", "信息公开主体"),
    "issuer": ("发文机关", "发文机构", "发文单位", "制发机关", "成文机关"),
    "title": ("标题", "名称", "文章标题", "信息名称", "文件名称"),
    "published": ("发布时间", "发布日期", "公开日期", "公开时间", "发表时间", "上传时间", "信息发布日期"),
    "date": ("日期", "时间"),
    "written": ("成文日期", "成文时间", "印发日期", "生成日期", "签发日期", "发文日期"),
    "updated": ("更新时间", "更新日期", "修改时间"),
    "ui": ("字号", "字体", "字体大小", "文字大小", "分享", "分享到", "分享至", "打印", "视力保护色", "背景色", "朗读",
           "语音播报"),
    # Who posted the page: a person or a body; taken as the source only when it names a body.
    "poster": ("作者", "发布者", "发布人", "供稿", "供稿单位", "撰稿", "撰稿人", "信息提供", "提供单位"),
    "other": (
        "索引号", "发文字号", "文号", "文件编号", "统一编号", "登记号", "主题分类", "体裁分类", "组配分类",
        "服务对象分类", "主题词", "关键词", "关键字", "信息分类", "分类", "内容分类", "信息类别", "文种",
        "有效性", "效力状态", "时效性", "有效期", "实施日期", "废止日期", "生效日期", "生效时间", "失效日期",
        "发布文号", "公文种类", "内容概述", "信息格式", "载体类型", "所属专题", "公开方式", "公开范围", "公开形式",
        "公开时限", "所属栏目", "栏目", "栏目名称", "编辑", "责任编辑", "审核", "审核人", "编审", "摄影", "录入",
        "浏览次数", "访问次数", "点击数", "点击量", "点击", "访问", "人气", "热度", "阅读数", "点击次数", "阅读次数", "阅读量", "浏览量", "访问量", "浏览", "阅读", "原文链接",
        "政策解读链接", "解读链接", "政策解读", "相关解读", "信息索取号", "索取号", "规范性文件登记号",
    ),
}
ROLE_OF_LABEL = {label: role for role, labels in _LABELS.items() for label in labels}
# Labels are spelt with spaces between characters on many pages (索 引 号, 标  题); longest first,
# so 信息来源 is not read as 来源.
_LABEL = "|".join(
    r"\s*".join(map(re.escape, label)) for label in sorted(ROLE_OF_LABEL, key=len, reverse=True)
)
_OPEN = r"[\[【(〔]"
_CLOSE = r"[\]】)〕]"
# A label starts the line or follows a space, bullet or bracket, and is followed by a colon, a
# closing bracket, a space, a digit or the end: 来源于… and 时间紧 are sentences, not fields.
_FIELD = re.compile(
    rf"(?:^|(?<=[\s•·●▪|｜\]】)]))({_OPEN}?)\s*(?P<label>{_LABEL})\s*(?:{_CLOSE}\s*[:]?|[:]|(?=\s|\d|$))"
)
_GLUED = re.compile(rf"(?P<label>{_LABEL})\s*:")
_SENTENCE = re.compile(r"[。;!?]|,.*,")  # one comma may sit in a value; two make a sentence
_BULLETS = "-•·●▪*|｜>》 "
_MAX_VALUE = 60
_URL = re.compile(r"(?i:https?://|www\.)\S+")
_MAX_LEAD = 40
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_BARE_DATE = re.compile(rf"[{re.escape(_BULLETS)}]*[\[【]?\s*{DATE.pattern}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*[\]】]?\s*")


@dataclass(frozen=True)
class Field:
    role: str
    label: str
    value: str


def match_key(line: str) -> str:
    """The form lines are matched in: NFKC (full-width → ASCII), one space for any whitespace run."""
    return " ".join(unicodedata.normalize("NFKC", line).split())


def field_line(line: str) -> tuple[Field, ...] | None:
    """The label–value pairs a metadata line is made of, or None when the line is not one."""
    key = match_key(line)
    if _SENTENCE.search(key):
        return None
    if _BARE_DATE.fullmatch(key):
        return (Field("date", "", key.strip(_BULLETS)),)
    starts = list(_FIELD.finditer(key))
    if not starts:
        return None
    starts = _with_glued_labels(key, starts)
    lead = key[: starts[0].start()].strip(_BULLETS + " ")
    if len(lead) > _MAX_LEAD:
        return None
    # An unlabelled lead is a site name (ignored) or the date (2026-02-27 10:28 来源：区司法局).
    fields = [Field("date", "", lead)] if DATE.search(lead) else []
    for here, after in zip(starts, starts[1:] + [None]):
        value = key[here.end() : after.start() if after else len(key)].strip(" :]】|｜")
        if len(_URL.sub("", value)) > _MAX_VALUE:
            return None
        label = re.sub(r"\s", "", here.group("label"))
        fields.append(Field(ROLE_OF_LABEL[label], label, value))
    return tuple(fields)


def _with_glued_labels(key: str, starts: list[re.Match]) -> list[re.Match]:
    """Labels copied with no space before them (发布时间:2024-02-27 09:30来源:区司法局), after the first."""
    taken = [(m.start(), m.end()) for m in starts]
    glued = [
        m for m in _GLUED.finditer(key, starts[0].end())
        if not any(start <= m.start() < end or m.start() <= start < m.end() for start, end in taken)
    ]
    return sorted(starts + glued, key=lambda m: m.start())


def label_only(line: str) -> str | None:
    """The label of a line that is nothing but a label (a table cell whose value is on the next line)."""
    fields = field_line(line)
    if fields and len(fields) == 1 and not fields[0].value and fields[0].role not in ("ui",):
        key = match_key(line).strip(_BULLETS + " ")
        if _FIELD.fullmatch(key) or re.fullmatch(rf"{_OPEN}?\s*(?:{_LABEL})\s*{_CLOSE}?\s*:?", key):
            return fields[0].label
    return None


def first_date(text: str):
    """(year, month, day) strings of the first date in a text, or None."""
    found = DATE.search(match_key(text))
    return found.groups() if found else None
