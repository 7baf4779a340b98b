"""Chinese time expressions, table-driven; most rows are copied from the seed documents."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from campaign_pages.core.dates import (
    Precision,
    When,
    WhenError,
    format_date,
    format_date_short,
    format_when,
    parse_when,
)

D = dt.date
T = dt.time
P = Precision

# Seed 001 (铜川 扶贫日 2017): key day 10-17, the plan runs through October.
FUPINRI: dict[str, Any] = {
    "year": 2017,
    "key_day": D(2017, 10, 17),
    "key_name": "扶贫日",
    "window": (D(2017, 10, 1), D(2017, 10, 31)),
}
# Seed 003 (a 2023 rectification report): a year, no key day, no period.
REPORT: dict[str, Any] = {"year": 2023}
# Seed 002/000 (annual work plans): the whole of 2023.
ANNUAL: dict[str, Any] = {"year": 2023, "window": (D(2023, 1, 1), D(2023, 12, 31))}
# Constitution week 2021 (宪法宣传周), the example of a range with weekdays.
CONSTITUTION: dict[str, Any] = {
    "year": 2021,
    "key_day": D(2021, 12, 4),
    "key_name": "国家宪法日",
}
# A sub-item whose parent is one day: times alone take that day.
ON_17TH: dict[str, Any] = FUPINRI | {
    "base": When("10月17日", D(2017, 10, 17), D(2017, 10, 17), P.DAY)
}

# text, context, precision, start, end, start time, end time
CASES: list[tuple[str, dict[str, Any], Precision, D | None, D | None, T | None, T | None]] = [
    # seed 001, every time the plan gives
    ("扶贫日前后", FUPINRI, P.RELATIVE, D(2017, 10, 14), D(2017, 10, 20), None, None),
    ("10月中旬", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 11), D(2017, 10, 20), None, None),
    ("扶贫日前夕", FUPINRI, P.RELATIVE, D(2017, 10, 14), D(2017, 10, 16), None, None),
    # case 04 of tests/import_cases: the same as 前夕
    ("扶贫日到来之际", FUPINRI, P.RELATIVE, D(2017, 10, 14), D(2017, 10, 16), None, None),
    # case 09: a clock time with 时 after it
    ("5月16日上午9:00时", FUPINRI, P.DAY, D(2017, 5, 16), D(2017, 5, 16), T(9, 0), None),
    ("扶贫日来临之际", FUPINRI, P.RELATIVE, D(2017, 10, 14), D(2017, 10, 16), None, None),
    ("10月10日—16日", FUPINRI, P.RANGE, D(2017, 10, 10), D(2017, 10, 16), None, None),
    ("10月17日", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("扶贫日之前", FUPINRI, P.RELATIVE, D(2017, 10, 1), D(2017, 10, 16), None, None),
    ("扶贫日当天或扶贫日之前", FUPINRI, P.RELATIVE, D(2017, 10, 1), D(2017, 10, 17), None, None),
    ("扶贫日前", FUPINRI, P.RELATIVE, D(2017, 10, 1), D(2017, 10, 16), None, None),
    ("10月9日前", FUPINRI, P.BEFORE, D(2017, 10, 1), D(2017, 10, 9), None, None),
    # the list
    ("扶贫日当天", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("当天或之前", FUPINRI, P.RELATIVE, D(2017, 10, 1), D(2017, 10, 17), None, None),
    ("9月18日——24日", REPORT, P.RANGE, D(2023, 9, 18), D(2023, 9, 24), None, None),
    ("4月15日—5月15日", REPORT, P.RANGE, D(2023, 4, 15), D(2023, 5, 15), None, None),
    (
        "11月29日(周一)——12月5日(周日)",
        CONSTITUTION,
        P.RANGE,
        D(2021, 11, 29),
        D(2021, 12, 5),
        None,
        None,
    ),
    ("国家宪法日当天", CONSTITUTION, P.DAY, D(2021, 12, 4), D(2021, 12, 4), None, None),
    ("9:30—12:00", ON_17TH, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(9, 30), T(12, 0)),
    ("19:30", ON_17TH, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(19, 30), None),
    ("上午", ON_17TH, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("晚上7:30—9:00", ON_17TH, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(19, 30), T(21, 0)),
    ("下午2:00—5:00", ON_17TH, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(14, 0), T(17, 0)),
    (
        "10月17日上午9:30—11:30",
        FUPINRI,
        P.DAY,
        D(2017, 10, 17),
        D(2017, 10, 17),
        T(9, 30),
        T(11, 30),
    ),
    ("１０月１７日（周二）", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("１０月１０日－１６日", FUPINRI, P.RANGE, D(2017, 10, 10), D(2017, 10, 16), None, None),
    ("10月17日 ９：３０", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(9, 30), None),
    ("10月上旬", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 1), D(2017, 10, 10), None, None),
    ("10月下旬", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 21), D(2017, 10, 31), None, None),
    ("10月中下旬", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 11), D(2017, 10, 31), None, None),
    ("10月上中旬", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 1), D(2017, 10, 20), None, None),
    ("2月下旬", REPORT, P.PART_OF_MONTH, D(2023, 2, 21), D(2023, 2, 28), None, None),
    ("扶贫日当天上午9:00", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(9, 0), None),
    # seed 003 (rectification report, 2023)
    ("2023年1月30日", REPORT, P.DAY, D(2023, 1, 30), D(2023, 1, 30), None, None),
    ("2023年3月7日", REPORT, P.DAY, D(2023, 3, 7), D(2023, 3, 7), None, None),
    ("2023年2月", REPORT, P.MONTH, D(2023, 2, 1), D(2023, 2, 28), None, None),
    ("2023年5月23日", REPORT, P.DAY, D(2023, 5, 23), D(2023, 5, 23), None, None),
    ("2022年10月21日", REPORT, P.DAY, D(2022, 10, 21), D(2022, 10, 21), None, None),
    ("自2023年2月以来", REPORT, P.SINCE, D(2023, 2, 1), D(2023, 12, 31), None, None),
    ("截至2023年1月13日", REPORT, P.BEFORE, D(2022, 12, 30), D(2023, 1, 13), None, None),
    ("2022年12月1日", REPORT, P.DAY, D(2022, 12, 1), D(2022, 12, 1), None, None),
    ("截至2023年6月", REPORT, P.BEFORE, D(2023, 5, 18), D(2023, 6, 30), None, None),
    ("2022年11月7日", REPORT, P.DAY, D(2022, 11, 7), D(2022, 11, 7), None, None),
    ("2月1日", REPORT, P.DAY, D(2023, 2, 1), D(2023, 2, 1), None, None),
    ("3月17日", REPORT, P.DAY, D(2023, 3, 17), D(2023, 3, 17), None, None),
    ("3月18-19日", REPORT, P.RANGE, D(2023, 3, 18), D(2023, 3, 19), None, None),
    ("2022年第四季度以来", REPORT, P.SINCE, D(2022, 10, 1), D(2022, 12, 31), None, None),
    ("2022年12月起", REPORT, P.SINCE, D(2022, 12, 1), D(2022, 12, 31), None, None),
    ("2022年9月以来", REPORT, P.SINCE, D(2022, 9, 1), D(2022, 12, 31), None, None),
    ("2019年10月以来", REPORT, P.SINCE, D(2019, 10, 1), D(2019, 12, 31), None, None),
    ("从2021年5月", REPORT, P.SINCE, D(2021, 5, 1), D(2021, 12, 31), None, None),
    ("2023年1月起", ANNUAL, P.SINCE, D(2023, 1, 1), D(2023, 12, 31), None, None),
    # seeds 000, 002 and 004 (annual plans and reports)
    ("今年2月份起", ANNUAL, P.SINCE, D(2023, 2, 1), D(2023, 12, 31), None, None),
    ("三月份", ANNUAL, P.MONTH, D(2023, 3, 1), D(2023, 3, 31), None, None),
    ("十月份", ANNUAL, P.MONTH, D(2023, 10, 1), D(2023, 10, 31), None, None),
    ("十一月份", ANNUAL, P.MONTH, D(2023, 11, 1), D(2023, 11, 30), None, None),
    ("年内", ANNUAL, P.YEAR, D(2023, 1, 1), D(2023, 12, 31), None, None),
    ("年初", ANNUAL, P.SEASON, D(2023, 1, 1), D(2023, 2, 28), None, None),
    ("每周五下午", ANNUAL, P.RECURRING, D(2023, 1, 1), D(2023, 12, 31), None, None),
    ("每季度", ANNUAL, P.RECURRING, D(2023, 1, 1), D(2023, 12, 31), None, None),
    # other forms plan documents use
    ("十月十七日上午九时三十分", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(9, 30), None),
    ("二〇一七年十月十七日", REPORT, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("10月17日下午3点半", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), T(15, 30), None),
    ("10月17日、18日", FUPINRI, P.RANGE, D(2017, 10, 17), D(2017, 10, 18), None, None),
    ("10月17日(扶贫日)", FUPINRI, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("扶贫日前1天", FUPINRI, P.DAY, D(2017, 10, 16), D(2017, 10, 16), None, None),
    ("10月中", FUPINRI, P.PART_OF_MONTH, D(2017, 10, 11), D(2017, 10, 20), None, None),
    ("10月底前", FUPINRI, P.BEFORE, D(2017, 10, 1), D(2017, 10, 31), None, None),
    ("2017-10-17", REPORT, P.DAY, D(2017, 10, 17), D(2017, 10, 17), None, None),
    ("4月—5月", REPORT, P.MONTH, D(2023, 4, 1), D(2023, 5, 31), None, None),
    ("上半年", ANNUAL, P.SEASON, D(2023, 1, 1), D(2023, 6, 30), None, None),
    ("日期待定", FUPINRI, P.UNKNOWN, None, None, None, None),
    ("时间另行通知", FUPINRI, P.UNKNOWN, None, None, None, None),
]


@pytest.mark.parametrize(
    ("text", "context", "precision", "start", "end", "start_time", "end_time"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_expression(
    text: str,
    context: dict[str, Any],
    precision: Precision,
    start: D | None,
    end: D | None,
    start_time: T | None,
    end_time: T | None,
) -> None:
    when = parse_when(text, **context)
    assert when.text == text  # the editor's words are kept
    assert (when.precision, when.start, when.end) == (precision, start, end)
    assert (when.start_time, when.end_time) == (start_time, end_time)


def test_enough_real_expressions() -> None:
    assert len(CASES) >= 40


def test_campaign_crossing_new_year_moves_dates_into_the_next_year() -> None:
    winter: dict[str, Any] = {"year": 2017, "window": (D(2017, 12, 1), D(2018, 2, 28))}
    assert parse_when("1月5日", **winter).start == D(2018, 1, 5)
    assert parse_when("12月5日", **winter).start == D(2017, 12, 5)
    span = parse_when("12月28日—1月3日", year=2017)
    assert (span.start, span.end) == (D(2017, 12, 28), D(2018, 1, 3))


def test_parts_of_day_and_recurrences_are_kept() -> None:
    assert parse_when("上午", **ON_17TH).part_of_day == "上午"
    weekly = parse_when("每星期五下午", **ANNUAL)
    assert (weekly.every, weekly.weekday, weekly.part_of_day) == ("每周五", 4, "下午")


ERRORS = [
    ("十月某天", FUPINRI, "无法识别的时间写法“十月某天”（从“某天”起看不懂）"),
    ("扶贫节当天", FUPINRI, "时间“扶贫节当天”里的“扶贫节”不知道是哪一天"),
    ("国庆节前后", FUPINRI, "时间“国庆节前后”里的“国庆节”不知道是哪一天"),
    ("XX年10月17日", FUPINRI, "时间“XX年10月17日”里有占位符（XX、*），不是真实的日期"),
    ("2023年*月6日", REPORT, "时间“2023年*月6日”里有占位符（XX、*），不是真实的日期"),
    ("10月16日—10日", FUPINRI, "时间“10月16日—10日”的结束早于开始"),
    ("2月30日", REPORT, "时间“2月30日”里的日期不存在：2023年没有2月30日"),
    ("13月1日", REPORT, "时间“13月1日”里的月份不存在：13月"),
    ("10月17日25:00", FUPINRI, "时间“10月17日25:00”里的钟点不存在"),
    ("11月29日(周一)", FUPINRI, "时间“11月29日(周一)”：2017年11月29日是星期三，不是星期一"),
    ("9:30", FUPINRI, "时间“9:30”只写了钟点，没有日期"),
    ("10月17日", {}, "时间“10月17日”没有写年份，方案里也没有 day、period 或 year"),
    ("扶贫日前后", {"year": 2017}, "时间“扶贫日前后”里的“扶贫日”不知道是哪一天"),
    ("10月17日和20日", FUPINRI, "时间“10月17日和20日”列了不相连的几天"),
    (
        "10月18日(扶贫日)",
        FUPINRI,
        "时间“10月18日(扶贫日)”里的日期不是扶贫日（2017年10月17日（星期二））",
    ),
    ("10月17日11:00—9:00", FUPINRI, "时间“10月17日11:00—9:00”的结束时刻早于开始时刻"),
    ("下周三", FUPINRI, "无法识别的时间写法“下周三”（从“下周三”起看不懂）"),
    ("10月中上旬", FUPINRI, "时间“10月中上旬”里的上中下旬写反了"),
    ("10月0日", FUPINRI, "时间“10月0日”里的日期不存在：2017年没有10月0日"),
    ("10月17日18日", FUPINRI, "时间“10月17日18日”里重复写了日期"),
    ("9999年10月1日", FUPINRI, "时间“9999年10月1日”的年份不合理：9999年"),
    ("中旬", FUPINRI, "时间“中旬”里的“中旬”前面要写月份"),
    ("前3天", FUPINRI, "时间“前3天”里的“前3天”要跟在关键日后面"),
    ("10月1日—2日—3日", FUPINRI, "无法识别的时间写法“10月1日—2日—3日”（“—”的位置不对）"),
    ("每周五10月17日", FUPINRI, "定期活动的时间“每周五10月17日”里不能再写日期"),
]


@pytest.mark.parametrize(("text", "context", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_unreadable_expressions_are_quoted(
    text: str, context: dict[str, Any], message: str
) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(text, **context)
    assert str(info.value) == message
    assert info.value.hint  # every error says what to write instead


def test_time_only_under_a_fuzzy_parent_is_an_error() -> None:
    parent = parse_when("10月中旬", **FUPINRI)
    with pytest.raises(WhenError, match="上级活动的日期“10月中旬”不是确定的一天"):
        parse_when("9:30", **FUPINRI, base=parent)


def test_chinese_display() -> None:
    assert format_date(D(2017, 10, 17)) == "2017年10月17日（星期二）"
    assert format_date(D(2026, 12, 4)) == "2026年12月4日（星期五）"
    assert format_date_short(D(2017, 10, 17), ref_year=2017) == "10月17日（星期二）"
    assert format_date_short(D(2018, 1, 3), ref_year=2017) == "2018年1月3日（星期三）"
    shown = {t: format_when(parse_when(t, **FUPINRI)) for t in ["10月中旬", "10月9日前"]}
    assert shown == {"10月中旬": "约2017年10月11日至20日", "10月9日前": "2017年10月9日（星期一）前"}
    assert (
        format_when(parse_when("10月17日上午9:30—11:30", **FUPINRI))
        == "2017年10月17日（星期二） 9:30—11:30"
    )
    assert format_when(parse_when("10月10日—16日", **FUPINRI)) == "2017年10月10日至16日"
    assert format_when(parse_when("4月15日—5月15日", **REPORT)) == "2023年4月15日至5月15日"
    assert (
        format_when(parse_when("每周五下午", **ANNUAL)) == "2023年1月1日至12月31日期间 每周五 下午"
    )
    assert format_when(parse_when("待定", **FUPINRI)) == "日期待定"


def test_the_editors_guide_tells_the_truth() -> None:
    """Every example in docs/guide/dates.md resolves as the guide says it does."""
    from .conftest import ROOT

    guide = (ROOT / "docs/guide/dates.md").read_text("utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|$", guide, flags=re.MULTILINE)
    assert len(rows) >= 30
    for text, shown in rows:
        assert format_when(parse_when(text, **FUPINRI)) == shown.strip(), text
