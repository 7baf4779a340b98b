"""``due:`` as work plans and rectification ledgers write it (完成时限, 整改时限).

The rows are the expressions of the seed documents and of published ledgers and work plans:
a time, often with a verb after it, the words that name no day (长期坚持, 立行立改), recurring
deadlines, and cells that join several.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages.core.dates import Precision, WhenError, format_when
from campaign_pages.core.due import parse_due
from campaign_pages.core.read.site import read_site

from .conftest import CAMPAIGN

FEEDBACK = dt.date(2023, 5, 12)  # the day an inspection handed over its findings
P = Precision

ROWS = [
    ("3月底前", "2023年3月31日（星期五）前", P.BEFORE),
    ("6月30日前", "2023年6月30日（星期五）前", P.BEFORE),
    ("上半年", "约2023年1月1日至6月30日", P.SEASON),
    ("下半年", "约2023年7月1日至12月31日", P.SEASON),
    ("全年", "约2023年1月1日至12月31日", P.YEAR),
    ("年内", "约2023年1月1日至12月31日", P.YEAR),
    ("年内整改到位", "约2023年1月1日至12月31日", P.YEAR),
    ("年底前", "2023年12月31日（星期日）前", P.BEFORE),
    ("2023年底前完成", "2023年12月31日（星期日）前", P.BEFORE),
    ("2023年12月底前", "2023年12月31日（星期日）前", P.BEFORE),
    ("12月底前完成整改", "2023年12月31日（星期日）前", P.BEFORE),
    ("9月底前完成", "2023年9月30日（星期六）前", P.BEFORE),
    ("10月9日前报送", "2023年10月9日（星期一）前", P.BEFORE),
    ("11月中旬前", "2023年11月20日（星期一）前", P.BEFORE),
    ("2024年6月30日前", "2024年6月30日（星期日）前", P.BEFORE),
    ("第三季度", "约2023年7月1日至9月30日", P.SEASON),
    ("第四季度完成", "约2023年10月1日至12月31日", P.SEASON),
    ("10月31日", "2023年10月31日（星期二）", P.DAY),
    ("１０月３１日前", "2023年10月31日（星期二）前", P.BEFORE),  # full-width digits
    ("每季度末", "2023年1月1日至12月31日期间 每季度末", P.RECURRING),
    ("每月底", "2023年1月1日至12月31日期间 每月底", P.RECURRING),
    ("每半年", "2023年1月1日至12月31日期间 每半年末", P.RECURRING),
    ("长期坚持", "长期坚持", P.ONGOING),
    ("长期", "长期坚持", P.ONGOING),
    ("持续推进", "长期坚持", P.ONGOING),
    ("持续整改", "长期坚持", P.ONGOING),
    ("常态化开展", "长期坚持", P.ONGOING),
    ("长期坚持整改", "长期坚持", P.ONGOING),
    ("立行立改", "立行立改（2023年5月12日）", P.IMMEDIATE),
    ("即知即改", "立行立改（2023年5月12日）", P.IMMEDIATE),
    ("立即整改", "立行立改（2023年5月12日）", P.IMMEDIATE),
    ("立行立改，长期坚持", "2023年5月12日起长期坚持", P.ONGOING),
    ("立行立改并长期坚持", "2023年5月12日起长期坚持", P.ONGOING),
    ("6月底前完成，并长期坚持", "2023年6月30日（星期五）前", P.BEFORE),
    ("6月底前初步完成，12月底前全面完成", "2023年12月31日（星期日）前", P.BEFORE),
    ("立行立改；9月底前全面完成", "2023年9月30日（星期六）前", P.BEFORE),
]


@pytest.mark.parametrize(("text", "shown", "precision"), ROWS, ids=[r[0] for r in ROWS])
def test_due_expressions(text: str, shown: str, precision: Precision) -> None:
    due = parse_due(text, year=2023, immediate=FEEDBACK)
    assert (format_when(due), due.precision) == (shown, precision)
    assert due.text == text  # the editor's words are kept


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 30


def test_immediate_work_without_a_feedback_day_has_no_date() -> None:
    due = parse_due("立行立改", year=2023)
    assert (due.start, due.end, format_when(due)) == (None, None, "立行立改")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("某天前", "无法识别的时间写法“某天前”"),
        ("10月某日前，长期坚持", "时限“10月某日前，长期坚持”里的“10月某日前”"),
        ("  ", "整改（完成）时限是空的"),
    ],
)
def test_an_unreadable_due_is_quoted(text: str, message: str) -> None:
    with pytest.raises(WhenError, match=message):
        parse_due(text, year=2023)


def test_recurring_deadlines_need_a_year() -> None:
    with pytest.raises(WhenError, match="不知道是哪一年"):
        parse_due("每季度末")


def test_an_activity_plans_deadlines_take_the_words_plans_use(
    make_tree: Callable[..., Path],
) -> None:
    """报送 deadlines read 10月9日前报送 as 10月9日前; one that names no day is refused."""
    campaign = CAMPAIGN.replace("due: 10月9日前", "due: 10月9日前报送").replace(
        "due: 2017-10-17", "due: 长期坚持"
    )
    root = make_tree(**{"data/campaigns/test-2017.yml": campaign})
    site, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [
        (35, "报送截止日期“长期坚持”必须能确定是哪一天")
    ]
    test = site.campaign("test-2017")
    assert test is not None
    assert [(d.due, d.when.text) for d in test.deadlines] == [
        (dt.date(2017, 10, 9), "10月9日前报送")
    ]


def test_the_editors_guide_tells_the_truth() -> None:
    """Every row of the due table in docs/guide/dates.md resolves as the guide says."""
    from .conftest import ROOT

    guide = (ROOT / "docs/guide/dates.md").read_text("utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|[^|]*\|$", guide, flags=re.MULTILINE)
    assert len(rows) >= 8
    for text, shown in rows:
        assert format_when(parse_due(text, year=2023, immediate=FEEDBACK)) == shown.strip(), text
