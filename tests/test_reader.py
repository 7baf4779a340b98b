"""Validation: every mistake at once, each as path:line: message with a hint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from campaign_pages.dates import Precision

from campaign_pages.model import ActivityStatus
from campaign_pages.problems import Severity
from campaign_pages.reader import read_site

BROKEN = """\
title: 出错的方案
day: 2017-10-17
day_name: 扶贫日
peroid: {start: 2017-10-01, end: 2017-10-31}
activities:
  - id: press
    title: 召开新闻发布会
    when: 10月中旬
    lead: [市委宣传部, 市扶贫办]
    support: 市卫计局
  - id: press
    title: 第二项
    when: 十月某天
  - title: 第三项
    when: 11月29日(周一)
    lead: 宣传部
    status: delayed
  - title: 第四项
    start: 2017-10-20
    end: 2017-10-18
  - title: 123
    when: 10月16日—10日
deadlines:
  - title: 报送
    due: 2017-13-01
    to: 市脱贫攻坚领导小组办工室
"""


def test_every_mistake_is_reported_with_its_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/broken-2017.yml": BROKEN})
    site, problems = read_site(root / "data")
    lines = [str(p) for p in problems if p.path == "data/campaigns/broken-2017.yml"]
    path = "data/campaigns/broken-2017.yml"
    assert f"{path}:4: 未知的键“peroid” 提示：是否想写“period”？" in lines
    # pydantic stops this file at the schema level: the structural errors are all there
    assert (
        f"{path}:17: “status”的值“delayed”无效 提示：可选：planned、done、postponed、cancelled。"
        in lines
    )
    assert (
        f"{path}:21: “title”应为文本，这里是整数 提示：把内容用引号括起来。" not in lines
    )  # 123 is kept as text
    # the valid campaign still builds
    assert [c.id for c in site.campaigns] == ["test-2017"]


def test_cross_reference_and_date_mistakes(make_tree: Callable[..., Path]) -> None:
    fixed = BROKEN.replace("peroid", "period").replace("delayed", "postponed")
    root = make_tree(**{"data/campaigns/broken-2017.yml": fixed})
    site, problems = read_site(root / "data")
    path = "data/campaigns/broken-2017.yml"
    got = {(p.line, p.message): p.hint for p in problems if p.path == path}
    assert str(got[(9, "未知部门“市扶贫办”")]).startswith("是否想写“市扶贫局”")
    assert (11, "id“press”与第 6 行重复") in got
    assert any(line == 13 and "“十月某天”" in msg for line, msg in got)
    assert any(line == 15 and "“11月29日(周一)”" in msg and "星期三" in msg for line, msg in got)
    assert (20, "结束日期早于开始日期") in got
    assert any(line == 22 and "“10月16日—10日”" in msg for line, msg in got)
    assert any(line == 25 and "“2017-13-01”" in msg for line, msg in got)
    assert str(got[(26, "未知部门“市脱贫攻坚领导小组办工室”")]).startswith(
        "是否想写“市脱贫攻坚领导小组办公室”"
    )
    # aliases resolve: 宣传部 is 市委宣传部
    broken = site.campaign("broken-2017")
    assert broken is not None
    third = broken.activities[2]
    assert [d.id for d in third.lead] == ["xcb"]
    assert third.status is ActivityStatus.POSTPONED
    assert all(p.severity is Severity.ERROR for p in problems)


def test_department_directory_mistakes(make_tree: Callable[..., Path]) -> None:
    departments = """\
departments:
  - id: xcb
    name: 市委宣传部
  - id: xcb
    name: 市扶贫局
    aliases: [市委宣传部]
  - id: Bad Id
    name: 市卫计局
    phone: 09190000000
    fax: 1
"""
    root = make_tree(**{"data/departments.yml": departments})
    _, problems = read_site(root / "data")
    mine = [str(p) for p in problems if p.path == "data/departments.yml"]
    assert mine[0].startswith("data/departments.yml:7: “id”的值“Bad Id”只能由小写英文字母")
    assert "data/departments.yml:10: 未知的键“fax”" in mine[1]


def test_duplicates_in_directory(make_tree: Callable[..., Path]) -> None:
    departments = """\
departments:
  - id: xcb
    name: 市委宣传部
  - id: xcb
    name: 市扶贫局
    aliases: [市委宣传部]
"""
    root = make_tree(
        **{"data/departments.yml": departments, "data/campaigns/test-2017.yml": "title: 空方案\n"}
    )
    _, problems = read_site(root / "data")
    assert [str(p) for p in problems] == [
        "data/departments.yml:4: 部门id“xcb”与第 2 行的“市委宣传部”重复",
        "data/departments.yml:4: 部门简称“市委宣传部”与第 2 行的“市委宣传部”重复",
    ]


def test_yaml_syntax_error_in_one_file_does_not_hide_others(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        **{
            "data/campaigns/a-2017.yml": "title: [unclosed\n",
            "data/campaigns/b-2017.yml": "title: B\nactivities:\n  - title: x\n    lead: 无此部门\n",
        }
    )
    _, problems = read_site(root / "data")
    paths = sorted({(p.path, p.line) for p in problems})
    assert ("data/campaigns/a-2017.yml", 2) in paths
    assert ("data/campaigns/b-2017.yml", 4) in paths


def test_model_of_a_valid_campaign(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    site, problems = read_site(root / "data")
    assert problems == []
    (campaign,) = site.campaigns
    assert campaign.id == "test-2017"
    press, consult, health = campaign.activities
    assert press.when.precision is Precision.PART_OF_MONTH
    assert (press.when.start, press.when.end) == (dt.date(2017, 10, 11), dt.date(2017, 10, 20))
    assert consult.when.start_time == dt.time(9, 30)
    assert [d.name for d in consult.lead] == ["市脱贫攻坚领导小组办公室"]
    assert health.status is ActivityStatus.CANCELLED
    report, result = campaign.deadlines
    assert report.due == dt.date(2017, 10, 9)
    assert report.when.text == "10月9日前"
    assert result.due == dt.date(2017, 10, 17)
    assert [d.id for d in campaign.departments] == ["xcb", "fpj", "wjj", "tgb", "xgbm"]
