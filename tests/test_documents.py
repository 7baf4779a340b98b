"""Reading work plans, rectification ledgers and reports: the model they give, and every
mistake in them at once, as path:line: message with a hint."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages.core.dates import Precision
from campaign_pages.core.model import Kind, TaskStatus
from campaign_pages.core.problems import Severity
from campaign_pages.core.read.site import read_site

from .conftest import mkdocs_build

LEDGER = """\
title: 测试巡察整改情况报告
kind: rectification
year: 2023
issuer: [市委宣传部]
inspection: {by: 市委第五巡察组, start: 2023-03-01, end: 2023-04-30, feedback: 2023-05-12}
areas:
  - title: 学习贯彻不够深入
    items:
      - title: 学习重要论述不主动
        measures: [一是把重要论述列为部务会学习重点, 二是专人整理讲话]
        responsible: [市委宣传部]
        leader: 分管副部长
        due: 立行立改，长期坚持
        status: long-term
      - title: 中心组学习不够重视
        items:
          - title: 学习制度落实不到位
            responsible: 市扶贫局
            due: 6月底前完成
            status: done
            done_on: 2023-06-20
          - title: 统筹指导不到位
            due: 年底前整改到位
            status: ongoing
  - title: 作风问题
    items:
      - title: 文山会海
        due: 立行立改
rules: {new: [舆情闭环管理工作机制, 主题党日活动制度], revised: [差旅费管理制度]}
stated: {areas: 2, items: 3, problems: 4, done: 1, rules_new: 2, rules_revised: 1}
"""


def _read(
    make_tree: Callable[..., Path], **files: str
) -> tuple[object, list[tuple[str, int, str]]]:
    root = make_tree(**{f"data/campaigns/{name}.yml": text for name, text in files.items()})
    site, problems = read_site(root / "data")
    return site, [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in problems]


def test_a_ledger_reads_into_a_task_tree(make_tree: Callable[..., Path]) -> None:
    site, problems = _read(make_tree, **{"ledger-2023": LEDGER})
    assert problems == []
    ledger = site.campaign("ledger-2023")  # type: ignore[attr-defined]
    assert ledger.kind == Kind.RECTIFICATION and ledger.kind_label == "整改台账"
    assert [a.title for a in ledger.tasks] == ["学习贯彻不够深入", "作风问题"]
    first, second = ledger.tasks[0].items
    assert first.measures[0].startswith("<p>一是") and first.leader == "分管副部长"
    assert [d.name for d in first.responsible] == ["市委宣传部"]
    # 立行立改 is due on the day the findings were handed over; 长期坚持 after it
    assert first.due.precision is Precision.ONGOING and first.due.start == dt.date(2023, 5, 12)
    late = ledger.tasks[1].items[0]
    assert late.due.precision is Precision.IMMEDIATE and late.due.end == dt.date(2023, 5, 12)
    assert [t.number for t in second.items] == ["1.2.1", "1.2.2"]
    assert second.items[0].due.end == dt.date(2023, 6, 30)  # 6月底前完成: the verb is dropped
    # a parent without a status of its own takes its items': one done, one ongoing
    assert second.status is None and second.state is TaskStatus.ONGOING
    assert ledger.rules.new == ("舆情闭环管理工作机制", "主题党日活动制度")
    assert ledger.inspection.feedback == dt.date(2023, 5, 12)
    assert ledger.span == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))  # from year:
    # what the department pages and calendars see
    assert {d.name for d in ledger.departments} == {"市委宣传部", "市扶贫局"}


def test_stated_totals_that_differ_from_the_data_name_both_numbers(
    make_tree: Callable[..., Path],
) -> None:
    text = LEDGER.replace(
        "stated: {areas: 2, items: 3, problems: 4, done: 1, rules_new: 2, rules_revised: 1}",
        "stated:\n  areas: 3\n  items: 3\n  problems: 43\n  done: 1\n  rules_new: 5",
    )
    root = make_tree(**{"data/campaigns/ledger-2023.yml": text})
    _, problems = read_site(root / "data")
    got = [(p.line, p.message, p.severity) for p in problems]
    assert got == [
        (31, "原文说方面共 3 个，数据里有 2 个", Severity.WARNING),
        (33, "原文说具体问题共 43 个，数据里有 4 个", Severity.WARNING),
        (35, "原文说新制定的制度共 5 项，数据里有 2 项", Severity.WARNING),
    ]
    assert "note" in problems[0].hint
    # a difference the editor explains is shown on the page, not warned of
    explained = text + "  note: 公开的报告只列出了部分问题\n"
    root = make_tree(**{"data/campaigns/ledger-2023.yml": explained})
    site, problems = read_site(root / "data")
    assert problems == []
    assert site.campaign("ledger-2023").stated_note == "公开的报告只列出了部分问题"  # type: ignore[union-attr]


BROKEN_PLAN = """\
title: 出错的工作方案
kind: work-plan
year: 2023
goals: 争创省级文明单位
tasks:
  - title: 强化思想武装
    items:
      - title: 抓好班子建设
        responsible: [市委宣传布]
        leader: 市扶贫局
        due: 6月底前
        status: finished
      - title: 加强干部培训
        lead: 市委宣传部
        support: [市委宣传部, 市扶贫局]
        due: 下个季度
        done_on: 2023-05-01
        status: ongoing
      - titel: 理论武装
        due: 每季度末
        progres: []
areas:
  - title: 不属于工作方案
stated: {tasks: 3}
"""


def test_every_mistake_in_a_work_plan_at_once_at_its_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/plan-2023.yml": BROKEN_PLAN})
    _, problems = read_site(root / "data")
    got = [(p.line, p.message) for p in problems]
    assert got == [
        (9, "未知部门“市委宣传布”"),
        (10, "leader（责任领导）写的是单位“市扶贫局”"),
        (12, "“status”的值“finished”无效"),
        (15, "“市委宣传部”同时写在 lead（牵头）和 support（配合）里"),
        (16, "无法识别的时间写法“下个季度”（从“下个季度”起看不懂）"),
        (17, "写了完成时间 done_on，状态却是“ongoing”"),
        (19, "未知的键“titel”"),
        (21, "未知的键“progres”"),
        (22, "“areas”只用于整改台账（kind: rectification），这份是工作方案（kind: work-plan）"),
    ]
    hints = {p.line: p.hint for p in problems}
    assert "市委宣传部" in hints[9]  # did you mean
    assert "responsible" in hints[10]
    assert "planned" in hints[12] and "long-term" in hints[12]
    assert "title" in hints[19] and "progress" in hints[21]
    # the misspelt title is read as the title: no false "缺少 title", and the task counts,
    # so the stated total of three tasks holds and is not reported either
    assert not any("缺少" in p.message or "原文说" in p.message for p in problems)


REPORT = """\
title: 测试年度宣传工作总结
kind: report
period: {start: 2023-01-01, end: 2023-12-31}
figures:
  - {label: 各类新闻媒体发表稿件, value: 5720, unit: 篇, count: {}}
  - {label: 省级党报上稿, value: 8, unit: 篇, count: {source_level: 省级, department: 市委宣传部}}
  - label: 大小标语
    value: 61
    unit: 条
themed_months:
  - {month: 3, title: 道德教育和妇女扶贫活动月}
  - {month: 10, title: 爱我中华消除贫困活动月}
"""


def test_a_report_reads_its_figures_and_months(make_tree: Callable[..., Path]) -> None:
    site, problems = _read(make_tree, **{"report-2023": REPORT})
    assert problems == []
    report = site.campaign("report-2023")  # type: ignore[attr-defined]
    total, provincial, slogans = report.figures
    assert (total.value, total.unit, total.count.levels) == (5720, "篇", ())
    assert provincial.count.levels == ("省级",) and provincial.count.departments == ("xcb",)
    assert slogans.count is None
    assert [(m.month, m.title) for m in report.themed_months] == [
        (3, "道德教育和妇女扶贫活动月"),
        (10, "爱我中华消除贫困活动月"),
    ]


BROKEN_REPORT = """\
title: 出错的总结
kind: report
figures:
  - {label: 各类新闻媒体发表稿件, value: 5720, unit: 篇, count: {}}
  - {label: 省级党报上稿, value: 8, count: {source_level: 省, department: 宣传布}}
  - label: 大小标语
    value: 六十一
themed_months:
  - {month: 3, title: 道德教育月}
  - {month: 3, title: 扶贫活动月}
  - {month: 13, title: 不存在的月份}
"""


def test_every_mistake_in_a_report_at_once(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/report-2023.yml": BROKEN_REPORT})
    _, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [
        (4, "“各类新闻媒体发表稿件”要从新闻统计，但报告没有写 period（报告期间）"),
        (5, "“source_level”的值“省”无效"),
        (5, "“省级党报上稿”要从新闻统计，但报告没有写 period（报告期间）"),
        (5, "未知部门“宣传布”"),
        (7, "“value”应为数字，这里是“六十一”"),
        (10, "3月的主题与第 9 行重复"),
        (11, "“month”的值“13”不合理"),
    ]
    hints = [p.hint for p in problems]
    assert "中央、省级、市级、县级" in hints[1] and "宣传部" in hints[3]
    assert "12" in hints[6]


def test_a_report_counting_an_unknown_campaign_says_which(make_tree: Callable[..., Path]) -> None:
    text = REPORT.replace("count: {}", "count: {campaign: test-2071}")
    root = make_tree(**{"data/campaigns/report-2023.yml": text})
    _, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [(5, "count 里的方案“test-2071”不存在")]
    assert "test-2017" in problems[0].hint  # did you mean the campaign of the tree


def test_keys_of_other_kinds_and_missing_task_lists(make_tree: Callable[..., Path]) -> None:
    activity_plan = "title: 活动方案\nactivities: []\nfigures: []\n"
    ledger = "title: 空台账\nkind: rectification\nyear: 2023\n"
    bad_kind = "title: 未知类型\nkind: work_plan\n"
    root = make_tree(
        **{
            "data/campaigns/a-2023.yml": activity_plan,
            "data/campaigns/b-2023.yml": ledger,
            "data/campaigns/c-2023.yml": bad_kind,
        }
    )
    _, problems = read_site(root / "data")
    got = [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in problems]
    assert got == [
        (
            "a-2023.yml",
            3,
            "“figures”只用于工作总结（kind: report），这份是活动方案（kind: activity-plan）",
        ),
        ("b-2023.yml", 1, "整改台账没有写 areas（问题方面）"),
        ("c-2023.yml", 2, "“kind”的值“work_plan”无效"),
    ]
    assert "work-plan" in problems[2].hint


def test_an_unreadable_due_is_quoted_with_the_due_expressions(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree(**{"data/campaigns/plan-2023.yml": BROKEN_PLAN})
    _, problems = read_site(root / "data")
    (due,) = [p for p in problems if p.line == 16]
    assert "“下个季度”" in due.message
    assert "每季度末" in due.hint and "长期坚持" in due.hint and "截止和完成时限" in due.hint


def test_item_ids_that_cannot_be_anchors_are_reported_not_a_traceback(
    make_tree: Callable[..., Path],
) -> None:
    plan = "title: 方案\nkind: work-plan\nyear: 2023\ntasks:\n  - id: 2023-june\n    title: 任务\n"
    activity = "title: 活动\nactivities:\n  - id: 2017-press\n    title: 发布会\n"
    root = make_tree(
        **{"data/campaigns/plan-2023.yml": plan, "data/campaigns/act-2017.yml": activity}
    )
    _, problems = read_site(root / "data")
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in problems] == [
        ("act-2017.yml", 3, "“id”的值“2017-press”要以英文字母开头"),
        ("plan-2023.yml", 5, "“id”的值“2023-june”要以英文字母开头"),
    ]
    result = mkdocs_build(root)
    assert "Traceback" not in result.stderr and "要以英文字母开头" in result.stderr


GUIDE = Path(__file__).parent.parent / "docs/guide"
_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("page", ["work-plan.md", "rectification.md", "report.md"])
def test_the_guides_worked_example_is_a_file_that_passes_check(
    make_tree: Callable[..., Path], page: str
) -> None:
    """Every complete file the guide shows (a fence with ``title:`` and ``kind:``) reads
    without a problem against the demo's departments."""
    examples = [m for m in _FENCE.findall((GUIDE / page).read_text("utf-8")) if "\nkind:" in m]
    assert examples, page
    departments = (GUIDE.parent.parent / "data/departments.yml").read_text("utf-8")
    for n, example in enumerate(examples):
        root = make_tree(
            **{"data/departments.yml": departments, f"data/campaigns/example-{n}.yml": example}
        )
        site, problems = read_site(root / "data")
        assert [str(p) for p in problems if "example" in p.path] == [], page
        (campaign,) = [c for c in site.campaigns if c.id == f"example-{n}"]
        assert campaign.tasks or campaign.figures, page
