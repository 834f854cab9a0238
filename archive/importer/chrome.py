"""Page chrome a line is by its own shape, wherever it stands: breadcrumbs, site bars, tool and
accessibility bars, date widgets, footers, leave banners, share and QR prompts.

Every pattern matches a whole line (in its NFKC match form), so a report sentence that merely
mentions 来源, 打印 or 技术支持 is never taken for chrome. What a line is by its place on the page
(before the title, after the report) is decided in page.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.importer.fields import match_key

_NAME_CHAR = r"[^\s:。,;!?]"  # a name on a page (site, column) is never a sentence
_HERE = r"(?:当前|您现在|你现在|您|你)?(?:所在)?(?:的)?(?:位置|路径)"
_CRUMB_SEPARATOR = r"(?:\s*(?:>>?|›|»|→|/|\\|->)\s*|\s+[-—]\s+)"
_CRUMB = rf"[^\s\d:。,;!?>›»→/\\](?:[^\s:。,;!?>›»→/\\]| (?!{_CRUMB_SEPARATOR})){{0,24}}"
_SITE_NAME = rf"(?:{_NAME_CHAR}{{1,14}}?(?:政府|网|网站)|信用中国{_NAME_CHAR}{{0,8}})"
_FOOTER_START = (
    r"(?i:(?:版权所有|copyright|©)(?=[\s:©]|$)|(?:主办|承办|协办|运维|维护)(?:单位)?\s*:|"
    r"(?:备案号|网站标识码|技术支持|联系电话|地址|邮编|电子邮箱)\s*:|\S?ICP备|\S?公网安备|网站地图|联系我们|网站声明|关于我们)"
)
# Words of the bars around an article: tools, accessibility, language, sharing, navigation.
_UI_WORDS = (
    "设为首页", "加入收藏", "收藏本站", "收藏本页", "无障碍", "无障碍阅读", "无障碍浏览", "长者模式", "长者版",
    "关怀版", "适老化", "老年模式", "简体", "繁体", "简体版", "繁体版", "简", "繁", "English", "ENGLISH", "EN",
    "本网站支持IPv6", "本站支持IPv6", "IPv6", "登录", "注册", "个人登录", "法人登录", "搜索", "高级检索", "站内搜索",
    "打印", "打印本页", "打印此页", "打印文章", "打印内容", "打印正文", "关闭", "关闭本页", "关闭窗口", "关闭此页",
    "返回", "返回顶部", "返回首页", "返回列表", "回到顶部", "顶部", "收藏", "分享", "分享到", "纠错", "我要纠错",
    "大", "中", "小", "默认", "字体", "字号", "A+", "A-", "A", "微信", "微博", "QQ", "QQ空间", "朋友圈", "新浪微博",
    "腾讯微博", "人人网", "豆瓣", "更多", "首页", "网站首页", "正文", "全文", "下载", "视力保护色", "朗读", "语音播报",
    "上一篇", "下一篇", "上一条", "下一条", "相关链接", "相关文章", "相关新闻", "相关阅读", "相关稿件", "扫一扫",
    "手机版", "移动版", "政务微博", "政务微信", "智能问答", "主站", "导航", "切换", "站群导航", "字体大小", "文字大小",
    "分享至", "收藏本文", "二维码", "背景色", "护眼模式", "读屏", "阅读模式",
)
_UI_WORD = "(?:我要)?(?:" + "|".join(sorted(map(re.escape, _UI_WORDS), key=len, reverse=True)) + ")"
_UI_JOINER = r"[\s\[\]【】()|｜/•·●▪:\-_*>]*"


@dataclass(frozen=True)
class ChromeLine:
    kind: str
    text: str


BREADCRUMB = "breadcrumb"
SITE_BAR = "site bar"
PAGE_INFO = "page info"
TOOL_BAR = "tool bar"
QR_PROMPT = "QR prompt"
PREV_NEXT = "previous/next link"
FOOTER = "footer"
LEAVE_BANNER = "leave banner"
DATE_WIDGET = "date widget"
PAGE_HEAD = "page head"  # anything before the title or the first paragraph
REPEATED_TITLE = "repeated title"
PAGE_FOOT = "page foot"  # everything after the report once the page's own furniture starts
# How the import summary names each kind to an editor.
KIND_NAMES = {
    BREADCRUMB: "导航路径", SITE_BAR: "网站栏", PAGE_INFO: "页面信息", TOOL_BAR: "工具栏", QR_PROMPT: "二维码提示",
    PREV_NEXT: "上一篇/下一篇", FOOTER: "页脚", LEAVE_BANNER: "离站提示", DATE_WIDGET: "日期栏", PAGE_HEAD: "页头",
    REPEATED_TITLE: "重复的标题", PAGE_FOOT: "页尾",
}

_CHROME_PATTERNS = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (BREADCRUMB, rf"[-•·● ]*{_HERE}\s*[:>]?\s*(?:{_CRUMB}(?:{_CRUMB_SEPARATOR}{_CRUMB})*)?\s*>?"),
        (BREADCRUMB, rf"[-•·● ]*(?:{_HERE}\s*:?\s*)?{_CRUMB}(?:{_CRUMB_SEPARATOR}{_CRUMB})+\s*(?:{_CRUMB_SEPARATOR})?"),
        (SITE_BAR, rf"{_SITE_NAME}(?: {_SITE_NAME})+"),
        (TOOL_BAR, rf"{_UI_JOINER}(?:(?:{_UI_WORD}){_UI_JOINER})+"),
        (PREV_NEXT, r"[-•·● ]*[【\[]?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)[】\]]?\s*:?.{0,80}"),
        (TOOL_BAR, r"(?:您是|你是)?(?:本站)?第\s*\d+\s*位(?:访问者|访客|浏览者)\S{0,10}|(?:访问|浏览)(?:量|人次|次数)\s*:?\s*\d+"),
        (QR_PROMPT, r"(?:微信)?(?:扫一扫|扫描二维码|手机扫码|扫码)\S{0,18}"),
        (FOOTER, rf"(?={_FOOTER_START})[^。]*"),
        (LEAVE_BANNER, r"您(?:访问|即将访问)的链接即将离开.{0,80}|即将离开.{0,40}(?:网站|页面).{0,40}"),
        (LEAVE_BANNER, r"继续访问 ?放弃|确定 ?取消|继续访问"),
        (DATE_WIDGET, r"(?:今天是|今日|农历).{0,50}"),
        (DATE_WIDGET, r".{0,40}\d{4}\s*[年/-]\s*\d{1,2}\s*[月/-]\s*\d{1,2}\s*日?.{0,6}(?:星期|礼拜|周)[一二三四五六日天].{0,30}"),
        (DATE_WIDGET, r".{0,30}(?:星期|礼拜)[一二三四五六日天](?:\s.{0,30})?"),
    )
)


def chrome_kind(line: str) -> str | None:
    """Which kind of page chrome a whole line is, by its own shape, or None for report text."""
    key = match_key(line)
    if not key:
        return None
    if not re.search(r"[\w\u4e00-\u9fff]", key):
        return TOOL_BAR  # a lone bullet, dash or bracket left over from a bar
    for kind, pattern in _CHROME_PATTERNS:
        if pattern.fullmatch(key) and not _is_sentence(key):
            return kind
    return None


def breadcrumb_steps(line: str) -> list[str]:
    """当前位置：首页 > 政务公开 > 年度报告 → [首页, 政务公开, 年度报告]."""
    steps = re.split(_CRUMB_SEPARATOR, re.sub(rf"^[-•·● ]*{_HERE}\s*:?", "", match_key(line)))
    return [step.strip() for step in steps if step.strip()] or [""]


def _is_sentence(key: str) -> bool:
    return bool(re.search(r"[。;]|,.*,", key)) and not re.match(r"(?i:版权|copyright|©)", key)
