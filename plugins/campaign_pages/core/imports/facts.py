"""The facts a plan states about itself, and each item's time and place, in its own words.

The year is never invented: it is the one asked for, else the title's, else the one the
text's dates state (2017年10月); a masked year (XX年, **年, 20xx年) is no year. "第4个扶贫日"
says which year it was only to one who knows when the first was held: the importer says so
when it refuses, and leaves the choice to the editor. A web page's timestamp or a committee's name
is not the plan's year: boilerplate lines are gone before this runs, and only years in the
title (or a short subtitle line), written with a month (2017年10月), or naming the event
(2017年全国科普日活动) count; a year inside a body's name (2015年……纪念活动组委会) does not,
nor one in a sentence that tells history (1987年6月……定为国际禁毒日).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from campaign_pages.core.dates import When, WhenError, parse_when
from campaign_pages.core.imports.outline import cn_value

# annual days plans are written for, and the year each was first held
FIRST_HELD = {
    "扶贫日": 2014,
    "国家宪法日": 2014,
    "全民国家安全教育日": 2016,
    "国际消除贫困日": 1993,
    "全国防灾减灾日": 2009,
    "防灾减灾日": 2009,
    "中国农民丰收节": 2018,
    "全国科技活动周": 2001,
    "科技活动周": 2001,
    "全国法制宣传日": 2001,
    "全国消防日": 1992,
    "中国航天日": 2016,
    "全国生态日": 2023,
    "烈士纪念日": 2014,
}
_DAY_DATES = {"扶贫日": (10, 17), "国家宪法日": (12, 4), "全民国家安全教育日": (4, 15)}
MASKED = re.compile(r"(?:[Xx×＊*]{2,4}|20[Xx×*]{2}|[一二]〇[Xx○]{2})年")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})(?:年度?|－|-)(?!\d)")
# a year after these is a sentence's, not the title's
_BODY_START = re.compile(r"[。，；]")
# 2017年10月, 2023年度, and a signature's date with its day masked (2020年X月XX日)
_DATED_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度|\d{1,2}月|[Xx×*]{1,2}月[Xx×*\d]{1,2}日)")
# "2017年全国科普日活动自9月16日起": the year of the event the text is about …
_EVENT_YEAR = re.compile(
    r"((?:19|20)\d{2})年度?(?:全国|全省|全市|全县|全区|我市|我县|我区)?[“\"]?"
    r"[\u4e00-\u9fff\d.·“”\"]{0,12}?(?:扶贫日|科普日|活动周|宣传周|宣传月|生产月|宣传日|教育日|纪念日)"
)
# … unless it names a body (岳西县2015年“3.15”……纪念活动组委会): a committee's name is no year
_COMMITTEE = re.compile(r"[^，。；,\n]{0,16}?(?:组委会|委员会|领导小组|办公室|指挥部)")
_NTH_DAY = re.compile(
    r"第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})个(?P<day>[\u4e00-\u9fff]{2,10}?日)"
)
_KEY_DAY = re.compile(
    r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:是|为)(?:我国)?(?:的)?第[\d一二三四五六七八九十]{1,3}个"
    r"(?P<day>[\u4e00-\u9fff]{2,10}?日)"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z*xX]{1,12}〔(?:\d{4}|[Xx*]{2,4})〕[\dXx*]{1,4}号")
_BASIS = re.compile(r"(?:按照|根据|依据)(?P<basis>《[^》]{4,80}》(?:[（(][^）)]{2,40}[）)])?)")
_THEME = re.compile(r"(?:活动|宣传)主题(?:为|是|：|:)\s*[“\"]?(?P<theme>[^。\n”\"]{2,40})")
_TITLE = re.compile(
    r"^(?P<title>.{2,60}?(?:活动方案|实施方案|工作方案|宣传方案|方案|活动安排|工作安排|工作要点|"
    r"工作计划|任务分解表?|情况的报告|情况报告|工作报告|工作总结|总结|汇报|报告))"
)


@dataclass(frozen=True)
class YearFound:
    year: int | None
    how: str  # 参数 --year / 标题 / 正文的日期 / 第4个扶贫日 …; "" when none


def masked(text: str) -> bool:
    return bool(MASKED.search(text))


def unmask(text: str) -> str:
    """ "XX年10月17日" → "10月17日": a masked year is dropped (the plan's year applies)."""
    return MASKED.sub("", text)


def find_title(first_lines: list[str], stated: str | None) -> str | None:
    """The document's title: the page's own "本文标题", else the first line's opening."""
    if stated:
        return stated.strip()
    for line in first_lines[:3]:
        match = _TITLE.match(line)
        if match:
            return match["title"]
    return first_lines[0][:60] if first_lines else None


def find_year(
    title: str | None, text: str, asked: int | None, heading: Sequence[str] = ()
) -> YearFound:
    """``heading``: the lines around the title (a subtitle "——2014年武山县科技宣传周")."""
    if asked:
        return YearFound(asked, "命令行 --year")
    # a subtitle is a short line, not a sentence (及时成立岳西县2015年……组委会，由……)
    subtitles = [line for line in heading[:2] if len(line) <= 40 and not _BODY_START.search(line)]
    for line in (title or "", *subtitles):
        match = _TITLE_YEAR.search(line) if not masked(line[:8]) else None
        if match and not _BODY_START.search(line[: match.start()]):
            return YearFound(int(match[1]), "标题")
    years = Counter(int(m[1]) for m in _DATED_YEAR.finditer(text) if not _history(text, m))
    if years:
        year, _ = years.most_common(1)[0]
        return YearFound(year, "正文里的日期")
    events = Counter(
        int(m[1]) for m in _EVENT_YEAR.finditer(text) if not _COMMITTEE.match(text, m.end())
    )
    if events:
        year, _ = events.most_common(1)[0]
        return YearFound(year, "正文里的活动名称")
    return YearFound(None, "")


# a sentence that tells what happened (联合国1987年6月……定为国际禁毒日; 2008年5月12日汶川
# 特大地震): its date is history, not the plan's
_HISTORY = re.compile(r"定为|确定为|设立为|颁布|通过了?|施行|发生|爆发|地震|诞生|签署|批准")


def _history(text: str, match: re.Match[str]) -> bool:
    start = max(text.rfind(c, 0, match.start()) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, match.end()) for c in "。！？\n") if i >= 0]
    return bool(_HISTORY.search(text, start, min(ends, default=len(text))))


def year_hint(text: str) -> str | None:
    """For a refusal: "原文说“第4个扶贫日”，那是2017年" — said, never taken on its own."""
    nth = _NTH_DAY.search(text)
    if not nth or nth["day"] not in FIRST_HELD:
        return None
    n = nth["n"]
    year = FIRST_HELD[nth["day"]] + (int(n) if n.isdigit() else cn_value(n)) - 1
    return f"原文说“第{n}个{nth['day']}”，那是{year}年；如果方案正是这一年，用 --year {year}"


def find_key_day(
    text: str, year: int | None, title: str | None = None
) -> tuple[dt.date | None, str | None]:
    """The plan's key day (10月17日是我国第4个扶贫日), if it names one; else a day whose date
    never moves (扶贫日 is 10月17日) when the plan is about it (its title names it, or its
    text does more than once)."""
    if not year:
        return None, None
    match = _KEY_DAY.search(text)
    if match:
        return dt.date(year, int(match["m"]), int(match["d"])), match["day"]
    named = [
        (text.find(name), name)
        for name in _DAY_DATES
        if name in (title or "") or text.count(name) >= 2
    ]
    if named:
        _, name = min(named)
        month, day = _DAY_DATES[name]
        return dt.date(year, month, day), name
    return None, None


def find_basis(text: str) -> str | None:
    match = _BASIS.search(text)
    return match["basis"] if match else None


def find_doc_number(text: str) -> str | None:
    match = _DOC_NUMBER.search(text)
    return match[0] if match else None


def find_theme(text: str) -> str | None:
    match = _THEME.search(text)
    return match["theme"].strip() if match else None


# -- an item's time and place -------------------------------------------------------------

_LABELLED_TIME = re.compile(r"(?:活动)?时间[：:]\s*(?P<when>[^。；\n]{2,40}?)(?=[。；\n]|地点|$)")
_LABELLED_PLACE = re.compile(r"(?:活动)?地点[：:]\s*(?P<where>[^。；\n]{2,40}?)(?=[。；\n]|时间|$)")
_DATE = (
    r"(?<!\d)(?:\d{1,2}月\d{1,2}日(?:[（(][^）)]{1,4}[）)])?"
    r"(?:[—\-－~～至到]+(?:\d{1,2}月)?\d{1,2}日(?:[（(][^）)]{1,4}[）)])?)?"
    r"|\d{1,2}月(?:[上中下]{1,2}旬|初|中|底|下半月|上半月)|\d{1,2}月(?:[—\-－至到]\d{1,2}月)?(?:份|期间|间)?)"
)
_PART = (
    r"(?:上午|下午|晚上|晚|早上|中午)?(?:\d{1,2}[:：]\d{2}(?:[—\-－~～至到]+\d{1,2}[:：]\d{2})?时?"
    r"|\d{1,2}(?:时|点)(?:\d{1,2}分|半)?)?"
)
_DATED = re.compile(rf"{_DATE}{_PART}(?:之前|以前|前后|前夕|左右|当天|当日|前|起)?")
# "3月5日，组委会召开…": a date-first item, whose title is what follows the date
LEADING_DATE = re.compile(rf"^\s*{_DATED.pattern}\s*[，,：:]\s*")
_PLACE_IN = re.compile(
    r"在(?P<where>[^，。；\n（(]{2,60}?(?:[（(][^）)]{1,30}[）)][^，。；\n（(]{0,10}?)?)"
    r"(?:同时|集中|统一|分别|正式|隆重|组织)?(?:举行|举办|召开|开展|进行|启动|开幕|展出)"
)


_LOOSE_DIGITS = re.compile(r"(?<=\d) +(?=[年月日号])|(?<=[年月]) +(?=\d)")


def joined(text: str) -> str:
    """ "12 月底前" → "12月底前": a PDF's text puts spaces around its digits."""
    return _LOOSE_DIGITS.sub("", text)


_DEADLINE = re.compile(rf"{_DATE}(?:(?:之前|以前|前)(?:完成)?|完成)")


def find_deadlines(text: str) -> list[str]:
    """The distinct deadlines an item states in passing (12月底前全市…, 6月30日前完成)."""
    return list(dict.fromkeys(m[0] for m in _DEADLINE.finditer(joined(unmask(text)))))


# a date with its day left blank or masked (5月_日, 5月X日, 5月7日至_日期间): no day to give
_BLANK_DATE = re.compile(
    r"(?:\d{1,2}|[_＿Xx×*]{1,2})月(?:\d{1,2}日(?=[至到—\-－~～]+[_＿Xx×*]))?"
    r"(?:[至到—\-－~～]+)?[_＿Xx×*]{1,3}日(?:期间|前后|前)?"
)
# 宣传周期间, “扶贫日”到来之际: relative to a day the importer cannot date
_RELATIVE = re.compile(
    r"[“\"〝]?(?P<day>[\u4e00-\u9fff]{1,10}?(?:日|周|月|节))[”\"〞]?"
    r"(?P<rel>到来之际|来临之际|当天|前夕|前后|期间)"
)


# digits with 年月日 that no date pattern took: a date written wrong (2023月11—17日, 10日18日前)
_DATEISH = re.compile(
    r"(?<![\d.])\d{1,4}(?:[月日](?:[\d月日—\-－~～至到]*[月日])?|[上中下]旬)"
    r"(?:之前|以前|前)?(?:(?:上午|下午|晚上)[\d:：—\-－~～至到]*)?"
)


@dataclass(frozen=True)
class TimeFound:
    words: str | None  # the time in the document's words, when it can be resolved
    unreadable: str | None = None  # words that state a time no reader can resolve
    resolved: When | None = None  # what ``words`` resolve to


def find_when(
    text: str, year: int | None, key_day: dt.date | None, key_name: str | None
) -> TimeFound:
    """The time of an item in the document's words, or the words that state a time which
    cannot be resolved (5月_日, 宣传周期间 in a plan without a key day), for the editor."""
    text = joined(unmask(text))
    blank = _BLANK_DATE.search(text)
    if blank:  # not 5月: the document meant a day it did not write
        text = text[: blank.start()] + " " * len(blank[0]) + text[blank.end() :]
    labelled = _LABELLED_TIME.search(text)
    candidates = [labelled["when"].strip()] if labelled else []
    relative = (
        rf"{key_name}[”\"〞]?(?:当天或{key_name}之前|当天|前夕|到来之际|来临之际|前后|之前|之后|"
        r"期间|前|后)"
        if key_name
        else None
    )
    found = [(m.start(), m[0]) for m in _DATED.finditer(text)]
    if relative:
        found += [(m.start(), m[0]) for m in re.finditer(relative, text)]
    candidates += [words for _, words in sorted(found, key=lambda f: (f[0], -len(f[1])))]
    unreadable = None
    for candidate in candidates:
        plain = re.sub(r"[“”\"〝〞]", "", candidate)
        try:
            when = parse_when(plain, year=year, key_day=key_day, key_name=key_name)
        except WhenError:
            unreadable = unreadable or candidate
            continue
        return TimeFound(plain, resolved=when)
    if blank:
        return TimeFound(None, blank[0])
    other = _RELATIVE.search(text) or _DATEISH.search(text)
    return TimeFound(None, unreadable or (other[0] if other else None))


_PLACE_TO = re.compile(
    r"(?:前往|赴)(?P<where>[^，。；、\n]{2,24}?)(?:参观|开展|进行|举行|观看|学习)"
)


def find_place(text: str) -> str | None:
    labelled = _LABELLED_PLACE.search(text)
    if labelled:
        return labelled["where"].strip()
    visit = _PLACE_TO.search(text)
    if visit:
        return visit["where"]
    for inside in _PLACE_IN.finditer(text):
        where = _DATED.sub("", inside["where"]).strip(" ，")  # 在12月4日当天举办: a time
        if len(where) >= 2:
            return where
    return None
