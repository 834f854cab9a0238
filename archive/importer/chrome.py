"""Page chrome: the lines a web page wraps around a report (breadcrumbs, footers, tools…).

Every pattern matches a whole line, anchored at both ends, so a report sentence that merely
mentions 来源 or 技术支持 is never taken for chrome. Lines arrive normalised: stripped, with
every run of whitespace (NBSP, ideographic space…) turned into one ASCII space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_CHAR = r"[^\s:：。，,；;！？]"  # a name on a page (site, source, author) is never a sentence
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# One field of the publishing line under a title, e.g. 时间:2023-02-28 09:24  大 中 小  来源:保德县司法局
_PAGE_FIELD = "|".join((
    rf"(?:发布)?(?:时间|日期)\s*[:：]\s*{_DATE}(?:\s*{_TIME})?",
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}\s+{_TIME}",  # a bare timestamp, e.g. • 2022-01-25 15:43
    rf"(?:信息)?来源\s*[:：]\s*{_NAME_CHAR}{{0,40}}",
    rf"(?:作者|编辑|责任编辑|发布者|发布机构)\s*[:：]\s*{_NAME_CHAR}{{0,20}}",
    r"(?:浏览|访问|阅读|点击)(?:次数|量|数)?\s*[:：]\s*\d*\s*次?",
    r"[【\[]?\s*(?:字体|字号)\s*[:：]?(?:\s*大\s?中\s?小)?\s*[】\]]?",
    r"[【\[]?\s*大\s?中\s?小\s*[】\]]?",
    r"[【\[]?\s*(?:打印|打印本页|打印此页|关闭|关闭本页|关闭窗口|关闭此页|返回顶部|收藏)\s*[】\]]?",
    r"分享到\s*[:：]?",
))
_HERE = "(?:当前位置|当前的位置|您现在所在的位置|您现在的位置|您的位置|你的位置|所在位置)"
_SEPARATOR = r"[\s•·●▪|｜]"
_SITE_NAME = rf"(?:{_NAME_CHAR}{{1,14}}?(?:政府|网|网站)|信用中国{_NAME_CHAR}{{0,8}})"
_FOOTER_MARK = r"(?i:版权所有|ICP备|公网安备|网站标识码|技术支持|copyright|©)"
_FOOTER_START = r"(?i:(?:版权所有|copyright|©)(?=[\s:：©]|$)|(?:主办|承办)(?:单位)?\s*[:：]|(?:备案号|网站标识码|技术支持)\s*[:：]|\S?ICP备|\S?公网安备)"


@dataclass(frozen=True)
class ChromePattern:
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class ChromeLine:
    kind: str
    text: str


BREADCRUMB = "breadcrumb"
SITE_BAR = "site bar"
PAGE_INFO = "page info"
CLOSE_LINK = "close link"
QR_PROMPT = "QR prompt"
FOOTER = "footer"
LEAVE_BANNER = "leave banner"
DATE_WIDGET = "date widget"

CHROME_PATTERNS = tuple(
    ChromePattern(kind, re.compile(pattern))
    for kind, pattern in (
        (BREADCRUMB, rf"{_HERE}\s*[:：].{{0,160}}"),
        (BREADCRUMB, rf"(?:{_HERE}\s*)?首页\s*[>＞»›/].{{0,160}}"),
        (SITE_BAR, rf"{_SITE_NAME}(?: {_SITE_NAME})+"),
        (CLOSE_LINK, r"[【\[]?关闭(?:本页|窗口|此页)[】\]]?"),
        (PAGE_INFO, rf"{_SEPARATOR}*(?:{_PAGE_FIELD})(?:{_SEPARATOR}*(?:{_PAGE_FIELD}))*{_SEPARATOR}*"),
        (QR_PROMPT, r"(?:扫一扫|扫描二维码)(?:在手机上?(?:打开|浏览)(?:当前页|本页|此页)?)?"),
        (FOOTER, rf"(?={_FOOTER_START})[^。]*{_FOOTER_MARK}[^。]*"),
        (LEAVE_BANNER, r"您访问的链接即将离开.{0,80}"),
        (LEAVE_BANNER, r"继续访问 ?放弃"),
        (DATE_WIDGET, r"今天是\s*[:：]?\s*\d{4}\s*[年-].{0,40}"),
    )
)


def chrome_kind(line: str) -> str | None:
    """Which kind of page chrome a whole (normalised) line is, or None for report text."""
    for pattern in CHROME_PATTERNS:
        if pattern.regex.fullmatch(line):
            return pattern.kind
    return None
