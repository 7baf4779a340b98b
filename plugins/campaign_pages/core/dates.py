"""Chinese date expressions (``when:``) resolved to a start, an end and a precision.

Editors copy times from plan documents as they are written: ``10月中旬``, ``扶贫日前后``,
``11月29日(周一)——12月5日(周日)``, ``10月17日上午9:30—11:30``. :func:`parse_when` keeps those
words and resolves them to the earliest and latest possible day, so that fuzzy items can be
sorted and drawn, and says precisely what it could not understand.

The rules for fuzzy words (how long 前夕 is, what 之前 means without a campaign period) are
listed in the editors' guide (``docs/guide/dates.md``); keep the two in step.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from babel.dates import format_date as _babel_format

# How far the fuzzy words reach, in days.
EVE_DAYS = 3  # 前夕: the three days before
AROUND_DAYS = 3  # 前后 / 左右: three days either side
OPEN_DAYS = 14  # 之前 / 之后 when the campaign has no period to bound them


class Precision(StrEnum):
    DAY = "day"  # one known day, times optional
    RANGE = "range"  # consecutive known days
    PART_OF_MONTH = "part-of-month"  # 上旬 中旬 下旬 月初 月底
    MONTH = "month"  # 10月, 4月—5月
    SEASON = "season"  # 第四季度, 上半年, 年初, 年底
    YEAR = "year"  # 2023年, 全年, 年内
    RELATIVE = "relative"  # 扶贫日前夕 / 前后 / 之前, 10月17日前后
    BEFORE = "before"  # 10月9日前, 截至2023年6月
    SINCE = "since"  # 2月份起, 2022年9月以来
    RECURRING = "recurring"  # 每周五下午, 每季度
    UNKNOWN = "unknown"  # 日期待定
    ONGOING = "ongoing"  # due: 长期坚持, 持续推进 (work that never ends: never overdue)
    IMMEDIATE = "immediate"  # due: 立行立改 (on the day the findings were handed over)

    @property
    def fuzzy(self) -> bool:
        return self not in (Precision.DAY, Precision.RANGE, Precision.UNKNOWN, Precision.IMMEDIATE)


@dataclass(frozen=True)
class When:
    """An editor's time expression and what it resolves to."""

    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    part_of_day: str | None = None  # 上午, 下午, 晚上 …
    every: str | None = None  # the recurrence as written, normalised: 每周五, 每季度
    weekday: int | None = None  # weekly recurrences: Monday is 0

    @property
    def is_fuzzy(self) -> bool:
        return self.precision.fuzzy


UNDATED = When("", None, None, Precision.UNKNOWN)


def span_of(whens: Iterable[When]) -> When:
    """What several times cover together (an activity whose steps are dated, not itself)."""
    dated = [w for w in whens if w.start and w.end]
    if not dated:
        return UNDATED
    start = min(w.start for w in dated if w.start)
    end = max(w.end for w in dated if w.end)
    if any(w.is_fuzzy for w in dated):
        return When("", start, end, Precision.RELATIVE)
    return When("", start, end, Precision.DAY if start == end else Precision.RANGE)


HINT = (
    "可以写 10月17日、10月10日—16日、10月中旬、10月17日上午9:30—11:30、扶贫日前后、"
    "10月9日前、每周五下午等，详见编辑指南《日期和时间的写法》。"
)


class WhenError(ValueError):
    """A time expression that cannot be resolved; the message quotes it."""

    def __init__(self, message: str, hint: str = HINT) -> None:
        super().__init__(message)
        self.hint = hint


class NoKeyDay(WhenError):
    """An expression relative to the key day (扶贫日前夕) in a plan without one."""


# -- normalisation ----------------------------------------------------------------------------

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_NUMBER = re.compile(r"[〇零一二两三四五六七八九十廿卅]+(?=[月日号时点分天])")
_CN_QUARTER = {"一": "1", "二": "2", "三": "3", "四": "4"}


def _cn_number(text: str) -> int:
    """一 … 九十九 (and 廿 卅) as an int."""
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def normalise(text: str) -> str:
    """Full-width forms, Chinese numerals before units and spacing, made uniform."""
    text = unicodedata.normalize("NFKC", text)
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m[0]), text)
    text = _CN_NUMBER.sub(lambda m: str(_cn_number(m[0])), text)
    return re.sub(r"\s+", "", text)


# -- tokens -----------------------------------------------------------------------------------

_SEP = r"(?:—+|-+|–+|~+|〜+|至|到)"
_PATTERNS: list[tuple[str, str]] = [
    ("pending", r"(?:日期|时间)?(?:待定|另行通知|另定|择期|未定)"),
    ("every", r"每(?:(?:周|星期|礼拜)(?P<ewd>[一二三四五六日天])|(?P<eunit>天|日|周|月|季度|年))"),
    ("until", r"截至|截止到|截止|直至|直到"),
    ("iso", r"(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"),
    (
        "time",
        r"(?P<h>\d{1,2})(?::(?P<mi>\d{2})时?|时(?:(?P<mi2>\d{1,2})分)?|点(?:(?P<mi3>\d{1,2})分?|(?P<half>半)|钟)?)",
    ),
    # 3月18-19日 and 10月17、18日: the first day may go without 日
    (
        "date",
        r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月份?(?:(?P<d>\d{1,2})(?:[日号]|(?="
        + _SEP
        + r"|[、和及]\d{1,2}[日号])))?",
    ),
    ("day", r"(?P<dd>\d{1,2})[日号]"),
    ("season", r"第?(?P<q>[1-4一二三四])季度|上半年|下半年|年初|年中|年底|年末"),
    ("wholeyear", r"全年度?|年内|本年度?|今年|年度内"),
    # 2023年初 is 年初 of 2023: leave 年初 to the season pattern
    ("year", r"(?P<yy>\d{4})(?:年度?(?![初中底末])|(?=年[初中底末]))"),
    ("weekday", r"(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"),
    ("pod", r"上午|下午|中午|晚上|晚间|傍晚|早上|早晨|清晨|凌晨|夜间|夜晚|全天|白天|晚"),
    ("pom", r"上旬|中旬|下旬|上(?=[中下]旬)|初|中|底|末"),  # 上中旬 is 上 then 中旬
    ("offset", r"前(?P<ob>\d+)天|后(?P<oa>\d+)天"),
    ("same", r"当天|当日"),
    ("eve", r"前夕|到来之际|来临之际"),
    ("around", r"前后|左右"),
    ("before", r"之前|以前|前"),
    ("after", r"之后|以后|后"),
    ("since", r"以来|起|开始"),
    ("during", r"期间"),
    ("from", r"自|从"),
    ("sep", _SEP),
    ("list", r"、|和|及"),
    ("or", r"或"),
    ("skip", r"[(),.:;。；]|拟于|拟|于|在|约|大约|预计|暂定|计划|举行|开展|召开|具体|为"),
]
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_LATE_PARTS = ("下午", "晚上", "晚间", "傍晚", "夜间", "夜晚", "晚")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    groups: dict[str, str | None]


@lru_cache(maxsize=64)
def _token_regex(key_name: str | None) -> re.Pattern[str]:
    patterns = list(_PATTERNS)
    if key_name:
        patterns.insert(0, ("key", re.escape(normalise(key_name))))
    return re.compile("|".join(f"(?P<_{kind}>{regex})" for kind, regex in patterns))


def _tokens(text: str, key_name: str | None, raw: str) -> list[_Token]:
    regex = _token_regex(key_name)
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = regex.match(text, pos)
        if match is None or match.end() == pos:
            raise _unreadable(raw, text[pos:], key_name)
        kind = (match.lastgroup or "_")[1:]  # the outer group of a kind closes last
        if kind != "skip":
            groups = {k: v for k, v in match.groupdict().items() if not k.startswith("_")}
            tokens.append(_Token(kind, match[0], groups))
        pos = match.end()
    return tokens


def _unreadable(raw: str, rest: str, key_name: str | None) -> WhenError:
    if re.search(r"[Xx*×＊]{1,4}[年月日]", raw):
        return WhenError(
            f"时间“{raw}”里有占位符（XX、*），不是真实的日期",
            "把占位符换成真实的数字；还不确定的写“日期待定”。",
        )
    named = re.match(r"[\u4e00-\u9fff]{1,8}?[日节周]", rest)
    if named and re.match(
        r"(当天|当日|前夕|到来之际|来临之际|前后|之前|以前|前|之后|以后|后|期间)",
        rest[named.end() :],
    ):
        day = named[0]
        if key_name:
            hint = f"本方案的关键日是“{key_name}”，可写“{key_name}前后”等；其他日子请写具体日期。"
        else:
            hint = f"在方案里写 day:（关键日期）和 day_name: {day}，才能写“{day}前后”这类相对时间。"
        return WhenError(f"时间“{raw}”里的“{day}”不知道是哪一天", hint)
    return WhenError(f"无法识别的时间写法“{raw}”（从“{rest}”起看不懂）")


# -- resolving --------------------------------------------------------------------------------


@dataclass
class _Point:
    """One side of a range: what the editor wrote for it, before defaults are filled in."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # 上旬 …
    season: str | None = None  # 第4季度, 上半年, 年初 …
    whole_year: bool = False
    weekday: int | None = None
    part_of_day: str | None = None
    hour: int | None = None
    minute: int = 0
    key: bool = False  # the key day (e.g. 扶贫日) was named
    offset: int = 0  # days after the key day (前1天 is -1)
    texts: list[str] = field(default_factory=list)

    @property
    def has_date(self) -> bool:
        return any((self.month, self.day, self.year, self.season, self.whole_year, self.key))


@dataclass(frozen=True)
class _Context:
    raw: str
    year: int | None
    key_day: dt.date | None
    key_name: str | None
    window: tuple[dt.date, dt.date] | None
    base: When | None


def parse_when(
    text: str,
    *,
    year: int | None = None,
    key_day: dt.date | None = None,
    key_name: str | None = None,
    window: tuple[dt.date, dt.date] | None = None,
    base: When | None = None,
) -> When:
    """Resolve an editor's time expression.

    ``year`` fills in years that are not written; ``key_day``/``key_name`` give meaning to
    ``扶贫日前后``; ``window`` (the campaign's period) bounds 之前/之后 and moves a date into
    the next year when a period crosses New Year; ``base`` (the parent activity's time) gives
    the day to an expression that is only a time, such as ``9:30—12:00``.
    """
    raw = text.strip()
    if not raw:
        return UNDATED
    ctx = _Context(
        raw, year or (key_day.year if key_day else None), key_day, key_name, window, base
    )
    tokens = _tokens(normalise(raw), key_name, raw)
    if not tokens:
        raise WhenError(f"无法识别的时间写法“{raw}”")
    kinds = [t.kind for t in tokens]
    if "pending" in kinds:
        if all(k in ("pending", "pod") for k in kinds):
            return When(raw, None, None, Precision.UNKNOWN)
        tokens = [t for t in tokens if t.kind != "pending"]
    if tokens[0].kind == "every":
        return _recurring(ctx, tokens)
    return _Resolver(ctx, tokens).resolve()


def _recurring(ctx: _Context, tokens: list[_Token]) -> When:
    first = tokens[0]
    weekday = _WEEKDAYS[first.groups["ewd"]] if first.groups["ewd"] else None
    points = _Resolver(ctx, tokens[1:]).points() if len(tokens) > 1 else [_Point()]
    if len(points) > 2 or any(p.has_date for p in points):
        raise WhenError(
            f"定期活动的时间“{ctx.raw}”里不能再写日期",
            "写作“每周五下午”“每月”“每季度”；起止日期由方案的 period 决定。",
        )
    span = ctx.window or (_year_span(ctx.year) if ctx.year else None)
    if span is None:
        raise WhenError(
            f"定期活动“{ctx.raw}”不知道从哪天到哪天",
            "在方案里写 period: {start: …, end: …} 或 year:。",
        )
    start_time, end_time, part = _times(ctx, points)
    every = normalise(first.text).replace("星期", "周").replace("礼拜", "周").replace("天", "日")
    return When(
        ctx.raw, span[0], span[1], Precision.RECURRING, start_time, end_time, part, every, weekday
    )


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _times(
    ctx: _Context, points: list[_Point]
) -> tuple[dt.time | None, dt.time | None, str | None]:
    """Start and end time (and the part of day) of a one- or two-point expression."""
    first, last = points[0], points[-1]
    start = _time(ctx, first, first.part_of_day)
    # 下午2:00—5:00: the end is in the afternoon too
    end = _time(ctx, last, last.part_of_day or first.part_of_day) if len(points) > 1 else None
    return start, end, first.part_of_day


def _time(ctx: _Context, point: _Point, part_of_day: str | None) -> dt.time | None:
    if point.hour is None:
        return None
    hour = point.hour
    afternoon = part_of_day in _LATE_PARTS and hour < 12
    if afternoon or (part_of_day == "中午" and hour < 11):  # 中午12:30 stays, 中午1点 is 13:00
        hour += 12
    if hour > 23 or point.minute > 59:
        raise WhenError(f"时间“{ctx.raw}”里的钟点不存在", "钟点写作 9:30 或 19:30。")
    return dt.time(hour, point.minute)


class _Resolver:
    """Turns tokens into points, then points into a :class:`When`."""

    def __init__(self, ctx: _Context, tokens: list[_Token]) -> None:
        self.ctx = ctx
        self.tokens = tokens
        self.relation: str | None = None  # before, after, around, eve, since, until, during
        self.same_or_before = False
        self.listed = False

    # -- reading ----------------------------------------------------------------------------
    def points(self) -> list[_Point]:
        points = [_Point()]
        ranged = False
        for token in self.tokens:
            point = points[-1]
            g = token.groups
            kind = token.kind
            if kind in ("sep", "list"):
                if not point.texts or (kind == "sep" and ranged):
                    raise WhenError(
                        f"无法识别的时间写法“{self.ctx.raw}”（“{token.text}”的位置不对）"
                    )
                ranged = ranged or kind == "sep"
                self.listed = self.listed or kind == "list"
                points.append(_Point())
                continue
            point.texts.append(token.text)
            if kind in ("iso", "date", "day", "year", "season", "wholeyear"):
                self._set_date(point, kind, g, token.text)
            elif kind == "pom":
                if point.month is None:
                    raise WhenError(
                        f"时间“{self.ctx.raw}”里的“{token.text}”前面要写月份", "例如 10月中旬。"
                    )
                part = _PART_WORDS.get(token.text, token.text)
                if point.part:  # 中下旬: from the first part to the second
                    if _PARTS.index(part) <= _PARTS.index(point.part[-2:]):
                        raise WhenError(
                            f"时间“{self.ctx.raw}”里的上中下旬写反了", "例如 10月中下旬。"
                        )
                    part = point.part[:2] + part
                point.part = part
            elif kind == "weekday":
                point.weekday = _WEEKDAYS[g["wd"] or ""]
            elif kind == "pod":
                point.part_of_day = token.text
            elif kind == "time":
                point.hour = int(g["h"] or 0)
                minute = g["mi"] or g["mi2"] or g["mi3"]
                point.minute = 30 if g["half"] else int(minute) if minute else 0
            elif kind == "key":
                point.key = True
            elif kind == "offset":
                if not point.key:
                    raise WhenError(
                        f"时间“{self.ctx.raw}”里的“{token.text}”要跟在关键日后面",
                        f"例如“{self.ctx.key_name or '扶贫日'}{token.text}”。",
                    )
                point.offset = -int(g["ob"] or 0) if g["ob"] else int(g["oa"] or 0)
            elif kind == "same":
                if not point.has_date:
                    point.key = True
            elif kind == "or":
                self.same_or_before = True
            elif kind in ("before", "after", "around", "eve", "since", "during", "until", "from"):
                if kind == "from":
                    kind = "since"
                self._relate(kind)
            else:  # pragma: no cover - every pattern has a branch above
                raise AssertionError(kind)
        if not points[-1].texts:
            raise WhenError(f"时间“{self.ctx.raw}”没有写完")
        return points

    def _set_date(self, point: _Point, kind: str, g: dict[str, str | None], text: str) -> None:
        """Fill in the date parts a token gives; a part written twice is a mistake."""
        parts: dict[str, Any] = {}
        if kind == "iso":
            parts = {
                "year": int(g["iy"] or 0),
                "month": int(g["im"] or 0),
                "day": int(g["id"] or 0),
            }
        elif kind == "date":
            parts = {"year": int(g["y"]) if g["y"] else None, "month": int(g["m"] or 0)}
            parts["day"] = int(g["d"]) if g["d"] else None
        elif kind == "day":
            parts = {"day": int(g["dd"] or 0)}
        elif kind == "year":
            parts = {"year": int(g["yy"] or 0)}
        elif kind == "season":
            parts = {"season": f"第{_CN_QUARTER.get(g['q'] or '', g['q'])}季度" if g["q"] else text}
        else:  # 今年2月份起: just the campaign's year, see span()
            parts = {"whole_year": True}
        for name, value in parts.items():
            if value is None:
                continue
            if getattr(point, name) not in (None, False):
                raise WhenError(
                    f"时间“{self.ctx.raw}”里重复写了日期",
                    "几个日期之间用“—”（起止）或“、”（并列）隔开。",
                )
            setattr(point, name, value)

    def _relate(self, kind: str) -> None:
        if self.relation not in (None, kind) and not (self.same_or_before and kind == "before"):
            raise WhenError(f"时间“{self.ctx.raw}”里的“前”“后”“起”等说法互相矛盾")
        self.relation = kind

    # -- resolving --------------------------------------------------------------------------
    def resolve(self) -> When:
        points = self.points()
        if self.listed:
            return self._list(points)
        first = self.span(points[0], None)
        last = self.span(points[1], points[0]) if len(points) > 1 else first
        start, end = first[0], last[1]
        if end < start:
            raise WhenError(
                f"时间“{self.ctx.raw}”的结束早于开始",
                "检查月份和日期；跨年的起止请写上年份。",
            )
        precisions = {first[2], last[2]}
        start_time, end_time, part = _times(self.ctx, points)
        if len(points) > 1 and start == end and start_time and end_time and end_time <= start_time:
            raise WhenError(f"时间“{self.ctx.raw}”的结束时刻早于开始时刻")
        if precisions == {Precision.DAY}:
            precision = Precision.DAY if start == end else Precision.RANGE
        else:
            precision = max(precisions - {Precision.DAY}, key=_WIDTH.index)
        when = When(self.ctx.raw, start, end, precision, start_time, end_time, part)
        return self._apply_relation(when, points[0])

    def _list(self, points: list[_Point]) -> When:
        days: list[dt.date] = []
        previous: _Point | None = None
        for point in points:
            start, _, precision = self.span(point, previous)
            if precision is not Precision.DAY or self.relation:
                raise WhenError(f"时间“{self.ctx.raw}”：并列的只能是具体日期")
            days.append(start)
            previous = point
        days.sort()
        if any((b - a).days != 1 for a, b in itertools.pairwise(days)):
            raise WhenError(
                f"时间“{self.ctx.raw}”列了不相连的几天",
                "不相连的日期请拆成几项活动（可用 items: 列出），相连的写作 10月17日—18日。",
            )
        start_time, _, part = _times(self.ctx, points[:1])
        return When(self.ctx.raw, days[0], days[-1], Precision.RANGE, start_time, None, part)

    def span(self, point: _Point, previous: _Point | None) -> tuple[dt.date, dt.date, Precision]:
        """The days one point covers; ``previous`` is the start of a range this point ends."""
        ctx = self.ctx
        if point.key:
            if ctx.key_day is None:
                raise NoKeyDay(
                    f"时间“{ctx.raw}”用了关键日，但方案没有写 day:",
                    "在方案里写 day:（如 2017-10-17）和 day_name:（如 扶贫日）。",
                )
            if point.month or point.day:
                day = self._date(point, previous)
                if day != ctx.key_day:
                    raise WhenError(
                        f"时间“{ctx.raw}”里的日期不是{ctx.key_name}（{format_date(ctx.key_day)}）"
                    )
            day = ctx.key_day + dt.timedelta(days=point.offset)
            return day, day, Precision.DAY
        if point.whole_year and not (point.month or point.day or point.season):
            return (*_year_span(self._year(point, previous)), Precision.YEAR)
        if point.month is None and point.day is None:
            if point.season:
                return (*_season(self._year(point, previous), point.season), Precision.SEASON)
            if point.year is not None:
                return (*_year_span(point.year), Precision.YEAR)
            return self._time_only(point, previous)
        if point.day is None:
            year = self._year(point, previous)
            month = point.month or 1
            self._check_month(month)
            if point.part:
                return (*_part_of_month(year, month, point.part), Precision.PART_OF_MONTH)
            return dt.date(year, month, 1), _month_end(year, month), Precision.MONTH
        day = self._date(point, previous)
        return day, day, Precision.DAY

    def _time_only(
        self, point: _Point, previous: _Point | None
    ) -> tuple[dt.date, dt.date, Precision]:
        if previous is not None:  # 10月17日9:30—11:30: the end is on the start's day
            start = self.span(previous, None)
            return start[1], start[1], start[2]
        base = self.ctx.base
        if base is not None and base.precision is Precision.DAY and base.start:
            return base.start, base.start, Precision.DAY
        if base is not None and base.start:
            raise WhenError(
                f"时间“{self.ctx.raw}”只写了钟点，而上级活动的日期“{base.text}”不是确定的一天",
                "写上日期，如 10月17日上午9:30。",
            )
        raise WhenError(
            f"时间“{self.ctx.raw}”只写了钟点，没有日期", "写上日期，如 10月17日上午9:30。"
        )

    def _year(self, point: _Point, previous: _Point | None) -> int:
        if point.year is not None:
            return point.year
        if previous is not None:
            start = self.span(previous, None)[0]
            return start.year
        if self.ctx.year is None:
            raise WhenError(
                f"时间“{self.ctx.raw}”没有写年份，方案里也没有 day、period 或 year",
                "写上年份（如 2017年10月17日），或在方案里写 year: 2017。",
            )
        return self.ctx.year

    def _date(self, point: _Point, previous: _Point | None) -> dt.date:
        month = point.month
        year = self._year(point, previous)
        before: dt.date | None = None
        if previous is not None:
            before = self.span(previous, None)[0]
            if month is None:
                month = before.month
        if month is None:
            raise WhenError(f"时间“{self.ctx.raw}”缺少月份", "例如 10月17日。")
        self._check_month(month)
        day = 1 if point.day is None else point.day
        if not 1900 <= year <= 2200:
            raise WhenError(
                f"时间“{self.ctx.raw}”的年份不合理：{year}年", "年份写四位数字，例如 2017。"
            )
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise WhenError(
                f"时间“{self.ctx.raw}”里的日期不存在：{year}年没有{month}月{day}日",
                "检查日期；2月只有28天（闰年29天），4、6、9、11月只有30天。",
            )
        result = dt.date(year, month, day)
        if point.year is None:
            result = self._shift_year(result, before, point.month is not None)
        if point.weekday is not None and point.weekday != result.weekday():
            raise WhenError(
                f"时间“{self.ctx.raw}”：{format_date(result, weekday=False)}是"
                f"{_WEEKDAY_NAMES[result.weekday()]}，不是{_WEEKDAY_NAMES[point.weekday]}",
                "检查日期和星期，或者年份（方案的 year、day、period）。",
            )
        return result

    def _shift_year(self, day: dt.date, before: dt.date | None, own_month: bool) -> dt.date:
        """Move a yearless date into the next year where that is the only sensible reading."""
        if before is not None:
            if own_month and day < before:  # 12月28日—1月3日 crosses New Year
                return _with_year(day, day.year + 1)
            return day  # 10月16日—10日 stays wrong, and is reported
        window = self.ctx.window
        if window and not window[0] <= day <= window[1]:
            for year in (day.year + 1, day.year - 1):
                moved = _with_year(day, year)
                if window[0] <= moved <= window[1]:
                    return moved
        return day

    def _check_month(self, month: int) -> None:
        if not 1 <= month <= 12:
            raise WhenError(f"时间“{self.ctx.raw}”里的月份不存在：{month}月", "月份只能是1到12。")

    def _apply_relation(self, when: When, first: _Point) -> When:
        relation = self.relation
        if relation is None:
            return when
        assert when.start and when.end
        start, end = when.start, when.end
        window = self.ctx.window
        lower = window[0] if window and window[0] < start else start - dt.timedelta(days=OPEN_DAYS)
        upper = window[1] if window and window[1] > end else end + dt.timedelta(days=OPEN_DAYS)
        is_key = first.key
        precision = Precision.RELATIVE
        if relation == "before" and self.same_or_before:
            span = (lower, end)
        elif relation == "before":
            # 扶贫日之前: the days before it; 10月9日前: by that day (a deadline)
            span = (lower, start - dt.timedelta(days=1)) if is_key else (lower, end)
            precision = Precision.RELATIVE if is_key else Precision.BEFORE
        elif relation == "until":
            span, precision = (lower, end), Precision.BEFORE
        elif relation == "eve":
            span = (start - dt.timedelta(days=EVE_DAYS), start - dt.timedelta(days=1))
        elif relation == "around":
            span = (start - dt.timedelta(days=AROUND_DAYS), end + dt.timedelta(days=AROUND_DAYS))
        elif relation == "after" and is_key:  # 扶贫日之后: the days after it
            span = (end + dt.timedelta(days=1), upper)
        elif relation in ("after", "since"):  # 10月20日以后, 2月份起: from that day on
            upper = window[1] if window and window[1] >= start else dt.date(start.year, 12, 31)
            span, precision = (start, upper), Precision.SINCE
        else:  # during: the named day's span, as written
            return when
        if relation in ("eve", "around") and window:
            clipped = (max(span[0], window[0]), min(span[1], window[1]))
            span = clipped if clipped[0] <= clipped[1] else span
        if span[1] < span[0]:
            raise WhenError(f"时间“{self.ctx.raw}”落在方案期间之外", "检查方案的 period。")
        return replace(when, start=span[0], end=span[1], precision=precision)


_WIDTH = [
    Precision.PART_OF_MONTH,
    Precision.MONTH,
    Precision.SEASON,
    Precision.YEAR,
]


def _with_year(day: dt.date, year: int) -> dt.date:
    last = calendar.monthrange(year, day.month)[1]
    return dt.date(year, day.month, min(day.day, last))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_PARTS = ("上旬", "中旬", "下旬")
_PART_WORDS = {"上": "上旬", "初": "上旬", "中": "中旬", "底": "下旬", "末": "下旬"}


def _part_of_month(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    """上旬 1–10, 中旬 11–20, 下旬 21 to the end; 中下旬 (kept as 中旬下旬) 11 to the end."""
    first, last = _PARTS.index(part[:2]), _PARTS.index(part[-2:])
    start = dt.date(year, month, 1 + 10 * first)
    end = _month_end(year, month) if last == 2 else dt.date(year, month, 10 + 10 * last)
    return start, end


def _season(year: int, season: str) -> tuple[dt.date, dt.date]:
    if season.startswith("第"):
        quarter = int(season[1])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    months = {"上半年": (1, 6), "下半年": (7, 12), "年初": (1, 2), "年中": (6, 7)}
    first, last = months.get(season, (12, 12))  # 年底, 年末
    return dt.date(year, first, 1), _month_end(year, last)


# -- display ----------------------------------------------------------------------------------


def weekday_name(day: dt.date) -> str:
    return _weekday_name(day.weekday())


@lru_cache(maxsize=7)
def _weekday_name(weekday: int) -> str:
    """星期一 … 星期日, from CLDR through babel (asked once a weekday: babel is slow)."""
    monday = dt.date(2024, 1, 1)
    return str(_babel_format(monday + dt.timedelta(days=weekday), "EEEE", locale="zh_CN"))


def format_date(day: dt.date, *, weekday: bool = True) -> str:
    """2017年10月17日（星期二）"""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{weekday_name(day)}）" if weekday else text


def format_date_short(day: dt.date, ref_year: int | None = None) -> str:
    """10月17日（星期二）, with the year only when it differs from ``ref_year``."""
    if day.year != ref_year:
        return format_date(day)
    return f"{day.month}月{day.day}日（{weekday_name(day)}）"


def format_time(time: dt.time) -> str:
    return f"{time.hour}:{time.minute:02d}"


def format_span(start: dt.date, end: dt.date, ref_year: int | None = None) -> str:
    """2017年10月10日至16日, 2017年4月15日至5月15日, 2017年12月28日至2018年1月3日.

    With ``ref_year`` (the campaign's year) the year is left out where it is that year.
    """
    same_year = start.year == end.year
    head = (
        f"{start.month}月{start.day}日"
        if same_year and start.year == ref_year
        else format_date(start, weekday=False)
    )
    if start == end:
        return head
    if not same_year:
        return f"{head}至{format_date(end, weekday=False)}"
    if start.month != end.month:
        return f"{head}至{end.month}月{end.day}日"
    return f"{head}至{end.day}日"


def format_when(when: When) -> str:
    """What an expression resolves to, in Chinese: the days, the times, the recurrence."""
    precision = when.precision
    if precision is Precision.ONGOING:
        return f"{format_date(when.start, weekday=False)}起长期坚持" if when.start else "长期坚持"
    if precision is Precision.IMMEDIATE:
        return f"立行立改（{format_date(when.start, weekday=False)}）" if when.start else "立行立改"
    if when.start is None or when.end is None:
        return "日期待定"
    if precision is Precision.DAY:
        text = format_date(when.start)
    elif precision is Precision.RANGE:
        text = format_span(when.start, when.end)
    elif precision is Precision.BEFORE:
        text = f"{format_date(when.end)}前"
    elif precision is Precision.SINCE:
        text = f"{format_date(when.start, weekday=False)}起"
    elif precision is Precision.RECURRING:
        text = f"{format_span(when.start, when.end)}期间"
    else:
        text = f"约{format_span(when.start, when.end)}"
    parts = []
    if when.every:
        parts.append(when.every)
    if when.start_time:
        clock = format_time(when.start_time)
        if when.end_time:
            clock += f"—{format_time(when.end_time)}"
        parts.append(clock)
    elif when.part_of_day:
        parts.append(when.part_of_day)
    return " ".join([text, *parts])
