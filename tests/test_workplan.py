"""Work plans (kind: work-plan): the view behind their pages, and the pages as built.

Two small plans: PLAN_A has two levels (（一） sections, 1. tasks) and one task overdue at its
``as_of``; PLAN_B has three levels (down to （1）) and nothing overdue at its ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from campaign_pages.core.model import Campaign, Progress, Role, Site, TaskStatus
from campaign_pages.core.read.site import read_site
from campaign_pages.core.views.tasks import DueState
from campaign_pages.core.views.workplan import PlanTask, WorkPlan, work_plan

from .conftest import basic_tree, mkdocs_build, write_tree

D = dt.date
TODAY = D(2017, 10, 12)  # the test site's today (conftest.MKDOCS_YML)

PLAN_A = """\
title: 测试年度工作方案
kind: work-plan
year: 2023
issuer: [市委宣传部]
basis: 测试工作会议部署
as_of: 2023-07-10
summary: 一个测试工作方案。
goals: 完成全年测试目标。
stated: {tasks: 5, note: 原文第五项与第四项合并录入。}
tasks:
  - id: sec-one
    title: 第一节抓落实
    lead: [市委宣传部]
    items:
      - id: t-june
        title: 六月底前完成的任务
        body: 任务正文甲。
        lead: [市扶贫局]
        support: [市卫计局]
        leader: 分管副局长
        due: 6月底前
        status: ongoing
        progress:
          - {date: 2023-06-20, text: 已完成过半。, percent: 60}
          - {date: 2023-05-01, text: 已经开始。, percent: 30}
          - {date: 2023-06-25, text: 等待验收。}
      - id: t-half
        title: 上半年完成的任务
        responsible: [市卫计局]
        leader: 卫计局局长
        due: 上半年
        status: done
        done_on: 2023-06-15
  - id: sec-two
    title: 第二节抓长效
    items:
      - id: t-long
        title: 长期坚持的任务
        responsible: [市扶贫局]
        leader: 常务副局长
        due: 长期坚持
        status: long-term
      - id: t-quarter
        title: 每季度末报送的任务
        lead: [市脱贫攻坚办]
        support: [市扶贫局]
        leader: 办公室主任
        due: 每季度末
        status: ongoing
measures:
  - title: 加强组织领导
    body: 措施正文。
    items:
      - {title: 明确责任, body: 逐项落实。}
  - title: 强化督促检查
    body: 定期通报。
"""

PLAN_B = """\
title: 三级测试工作方案
kind: work-plan
year: 2023
as_of: 2023-03-01
tasks:
  - id: b-one
    title: 一级任务甲
    responsible: [市委宣传部]
    leader: 部长
    due: 全年
    items:
      - id: b-one-one
        title: 二级任务甲一
        lead: [市委宣传部]
        support: [市级相关部门]
        leader: 副部长
        due: 年底前
        items:
          - id: b-deep-a
            title: 三级任务甲一一
            responsible: [市扶贫局]
            leader: 扶贫局科长
            due: 3月底前
            status: ongoing
          - id: b-deep-b
            title: 三级任务甲一二
            responsible: [市卫计局]
            leader: 卫计局副科长
            due: 9月30日前
            status: planned
      - id: b-one-two
        title: 二级任务甲二
        responsible: [市级相关部门]
        leader: 综合科主任
        due: 长期坚持
        status: long-term
"""

TREE = {
    "data/campaigns/plan-a.yml": PLAN_A,
    "data/campaigns/plan-b.yml": PLAN_B,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = write_tree(tmp_path_factory.mktemp("plans"), basic_tree(**TREE))
    result, problems = read_site(root / "data")
    assert problems == []
    return result


def _campaign(site: Site, campaign_id: str) -> Campaign:
    campaign = site.campaign(campaign_id)
    assert campaign is not None
    return campaign


def _plan(site: Site, campaign_id: str, today: D = TODAY) -> WorkPlan:
    return work_plan(_campaign(site, campaign_id), today)


def _by_id(plan: WorkPlan) -> dict[str, PlanTask]:
    return {t.id: t for t in plan.tasks}


# -- the view ---------------------------------------------------------------------------------


def test_every_task_in_document_order_with_its_numbers(site: Site) -> None:
    plan = _plan(site, "plan-b")
    assert [(t.id, t.label, t.path_label, t.heading) for t in plan.tasks] == [
        ("b-one", "（一）", "（一）", 3),
        ("b-one-one", "1.", "（一）1.", 4),
        ("b-deep-a", "（1）", "（一）1.（1）", 5),
        ("b-deep-b", "（2）", "（一）1.（2）", 5),
        ("b-one-two", "2.", "（一）2.", 4),
    ]
    tasks = _by_id(plan)
    assert tasks["b-one"].numbered == "（一）一级任务甲"
    assert tasks["b-one-one"].numbered == "1. 二级任务甲一"
    assert tasks["b-deep-a"].path_numbered == "（一）1.（1）三级任务甲一一"
    assert tasks["b-deep-a"].part_numbered == "（一）1. 二级任务甲一"
    assert tasks["b-one"].part_numbered == ""
    assert [t.id for t in plan.leaves] == ["b-deep-a", "b-deep-b", "b-one-two"]


def test_states_at_the_status_day(site: Site) -> None:
    """Judged at as_of (2023-07-10), not at the build's today (2017)."""
    plan = _plan(site, "plan-a")
    assert plan.day == D(2023, 7, 10)
    tasks = _by_id(plan)
    assert [(i, tasks[i].state, tasks[i].row.days, tasks[i].due_note) for i in tasks] == [
        ("sec-one", DueState.NONE, None, ""),
        ("t-june", DueState.OVERDUE, -10, "已逾期 10 天"),
        ("t-half", DueState.DONE, None, ""),  # 完成时间 says it; the status badge says 已完成
        ("sec-two", DueState.NONE, None, ""),
        ("t-long", DueState.LONG_TERM, None, ""),  # the status already says 长期坚持
        ("t-quarter", DueState.RECURRING, None, "定期完成"),
    ]
    assert [t.status for t in plan.tasks] == [
        TaskStatus.ONGOING,  # not written: its items' (ongoing + done)
        TaskStatus.ONGOING,
        TaskStatus.DONE,
        TaskStatus.ONGOING,  # long-term + ongoing
        TaskStatus.LONG_TERM,
        TaskStatus.ONGOING,
    ]
    assert [t.id for t in plan.tasks if t.status_derived] == ["sec-one", "sec-two"]


def test_days_left_before_the_due(site: Site) -> None:
    campaign = replace(_campaign(site, "plan-a"), as_of=D(2023, 6, 20))
    june = _by_id(work_plan(campaign, TODAY))["t-june"]
    assert (june.state, june.due_note) == (DueState.DUE, "还有 10 天")
    campaign = replace(campaign, as_of=D(2023, 6, 30))
    june = _by_id(work_plan(campaign, TODAY))["t-june"]
    assert (june.state, june.due_note) == (DueState.TODAY, "今天到期")


def test_without_as_of_the_states_hold_for_today(site: Site) -> None:
    campaign = replace(_campaign(site, "plan-a"), as_of=None)
    plan = work_plan(campaign, D(2023, 6, 1))
    assert (plan.day, plan.as_of, plan.overdue) == (D(2023, 6, 1), None, ())
    assert [t.id for t in work_plan(campaign, D(2023, 7, 2)).overdue] == ["t-june"]


def test_counts_by_status_count_the_leaves(site: Site) -> None:
    plan = _plan(site, "plan-a")
    assert [(c.label, c.count) for c in plan.counts] == [
        ("已完成", 1),
        ("推进中", 2),
        ("未开始", 0),
        ("长期坚持", 1),
    ]
    assert len(plan.leaves) == sum(c.count for c in plan.counts) == 4


def test_the_overdue_list(site: Site) -> None:
    assert [t.id for t in _plan(site, "plan-a").overdue] == ["t-june"]
    assert _plan(site, "plan-b").overdue == ()  # nothing due by 2023-03-01
    later = replace(_campaign(site, "plan-b"), as_of=D(2023, 10, 15))
    # most overdue first: 3月底前 (198 days), then 9月30日前 (15 days)
    assert [(t.id, t.row.due_label) for t in work_plan(later, TODAY).overdue] == [
        ("b-deep-a", "已逾期 198 天"),
        ("b-deep-b", "已逾期 15 天"),
    ]
    # in 2024 the parents are late too, but their late items say more
    next_year = replace(later, as_of=D(2024, 1, 5))
    overdue = work_plan(next_year, TODAY).overdue
    assert [t.id for t in overdue] == ["b-deep-a", "b-deep-b"]
    assert {t.id for t in work_plan(next_year, TODAY).tasks if t.is_overdue} == {
        "b-one",
        "b-one-one",
        "b-deep-a",
        "b-deep-b",
    }


def test_progress_oldest_first_and_the_latest_percentage(site: Site) -> None:
    june = _by_id(_plan(site, "plan-a"))["t-june"]
    assert [p.date for p in june.progress] == [D(2023, 5, 1), D(2023, 6, 20), D(2023, 6, 25)]
    # the last note gives no percentage: the one before it does
    assert (june.percent, june.percent_on) == (60, D(2023, 6, 20))
    half = _by_id(_plan(site, "plan-a"))["t-half"]
    assert (half.progress, half.percent, half.percent_on) == ((), None, None)


def test_same_day_notes_keep_their_written_order(site: Site) -> None:
    campaign = _campaign(site, "plan-a")
    task = campaign.tasks[1].items[0]
    notes = (
        Progress(D(2023, 3, 1), task.body, 10),
        Progress(D(2023, 3, 1), task.body, 20),
    )
    edited = replace(task, progress=notes)
    campaign = replace(campaign, tasks=(replace(campaign.tasks[1], items=(edited,)),))
    item = _by_id(work_plan(campaign, TODAY))[edited.id]
    assert [p.percent for p in item.progress] == [10, 20]
    assert item.percent == 20


def test_units_by_role_and_the_partners_a_department_page_names(site: Site) -> None:
    tasks = _by_id(_plan(site, "plan-a"))
    june = tasks["t-june"]
    assert [(u.label, [d.name for d in u.departments]) for u in june.units] == [
        ("牵头单位", ["市扶贫局"]),
        ("配合单位", ["市卫计局"]),
    ]
    lead_side = june.partners(Role.LEAD)
    support_side = june.partners(Role.SUPPORT)
    assert lead_side is not None and [d.name for d in lead_side.departments] == ["市卫计局"]
    assert support_side is not None and [d.name for d in support_side.departments] == ["市扶贫局"]
    assert tasks["t-half"].partners(Role.RESPONSIBLE) is None
    assert [u.label for u in tasks["t-half"].units] == ["责任单位"]


def test_departments_in_directory_order_with_their_tasks_by_role(site: Site) -> None:
    plan = _plan(site, "plan-a")
    assert [
        (d.department.name, [(g.label, [t.id for t in g.tasks]) for g in d.groups])
        for d in plan.departments
    ] == [
        ("市委宣传部", [("牵头", ["sec-one"])]),
        ("市扶贫局", [("牵头", ["t-june"]), ("配合", ["t-quarter"]), ("负责", ["t-long"])]),
        ("市卫计局", [("配合", ["t-june"]), ("负责", ["t-half"])]),
        ("市脱贫攻坚领导小组办公室", [("牵头", ["t-quarter"])]),
    ]
    assert [d.department.order for d in plan.departments] == sorted(
        d.department.order for d in plan.departments
    )
    assert [(d.anchor, len(d.tasks), [t.id for t in d.overdue]) for d in plan.departments] == [
        ("cp-dept-xcb", 1, []),
        ("cp-dept-fpj", 3, ["t-june"]),
        ("cp-dept-wjj", 2, ["t-june"]),
        ("cp-dept-tgb", 1, []),
    ]
    # a department's tasks, each once, in the plan's order
    fpj = plan.departments[1]
    assert [t.id for t in fpj.tasks] == ["t-june", "t-long", "t-quarter"]


def test_three_levels_by_department(site: Site) -> None:
    plan = _plan(site, "plan-b")
    assert [
        (d.department.id, [(g.role, [t.id for t in g.tasks]) for g in d.groups])
        for d in plan.departments
    ] == [
        ("xcb", [(Role.LEAD, ["b-one-one"]), (Role.RESPONSIBLE, ["b-one"])]),
        ("fpj", [(Role.RESPONSIBLE, ["b-deep-a"])]),
        ("wjj", [(Role.RESPONSIBLE, ["b-deep-b"])]),
        ("xgbm", [(Role.SUPPORT, ["b-one-one"]), (Role.RESPONSIBLE, ["b-one-two"])]),
    ]
    assert [t.id for t in plan.departments[0].tasks] == ["b-one", "b-one-one"]


def test_stated_total_and_measures(site: Site) -> None:
    plan = _plan(site, "plan-a")
    assert (plan.stated_tasks, plan.stated_differs) == (5, True)
    assert plan.stated_note == "原文第五项与第四项合并录入。"
    assert [(m.label, m.section.title) for m in plan.measures] == [
        ("（一）", "加强组织领导"),
        ("（二）", "强化督促检查"),
    ]
    other = _plan(site, "plan-b")
    assert (other.stated_tasks, other.stated_differs, other.measures) == (None, False, ())


# -- the pages, built -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(tmp_path_factory.mktemp("plan-site"), basic_tree(**TREE))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _article(site: Path, rel: str) -> str:
    html = (site / rel / "index.html").read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


_BLOCKS = {"p", "li", "dt", "dd", "dl", "div", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Text(HTMLParser):
    """The text of an HTML fragment, tags dropped, entities read."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def _between(html: str, start: str, end: str | None) -> str:
    """The part of ``html`` from the element with id ``start`` to the one with id ``end``."""
    begin = html.index(f'id="{start}"')
    return html[begin : html.index(f'id="{end}"', begin) if end else None]


def _card(html: str, task_id: str) -> str:
    """A task's heading and its card on the overview."""
    begin = html.index(f'id="{task_id}"')
    return html[begin : html.index("</dl>", begin)]


ALL_TASKS = {
    # id: (title, units, leader, due as written, the day it resolves to)
    "plan-a": {
        "t-june": (
            "六月底前完成的任务",
            ["市扶贫局", "市卫计局"],
            "分管副局长",
            "6月底前",
            "2023年6月30日（星期五）前",
        ),
        "t-half": (
            "上半年完成的任务",
            ["市卫计局"],
            "卫计局局长",
            "上半年",
            "约2023年1月1日至6月30日",
        ),
        "t-long": ("长期坚持的任务", ["市扶贫局"], "常务副局长", "长期坚持", "长期坚持"),
        "t-quarter": (
            "每季度末报送的任务",
            ["市脱贫攻坚领导小组办公室", "市扶贫局"],
            "办公室主任",
            "每季度末",
            "2023年1月1日至12月31日期间 每季度末",
        ),
    },
    "plan-b": {
        "b-one": ("一级任务甲", ["市委宣传部"], "部长", "全年", "约2023年1月1日至12月31日"),
        "b-one-one": (
            "二级任务甲一",
            ["市委宣传部", "市级相关部门"],
            "副部长",
            "年底前",
            "2023年12月31日（星期日）前",
        ),
        "b-deep-a": (
            "三级任务甲一一",
            ["市扶贫局"],
            "扶贫局科长",
            "3月底前",
            "2023年3月31日（星期五）前",
        ),
        "b-deep-b": (
            "三级任务甲一二",
            ["市卫计局"],
            "卫计局副科长",
            "9月30日前",
            "2023年9月30日（星期六）前",
        ),
        "b-one-two": ("二级任务甲二", ["市级相关部门"], "综合科主任", "长期坚持", "长期坚持"),
    },
}


@pytest.mark.parametrize("campaign_id", ["plan-a", "plan-b"])
def test_the_overview_shows_every_task_with_its_units_leader_and_due(
    built: Path, campaign_id: str
) -> None:
    html = _article(built, f"campaigns/{campaign_id}")
    for task_id, (title, units, leader, due, resolved) in ALL_TASKS[campaign_id].items():
        card = _text(_card(html, task_id))
        assert title in card, task_id
        for unit in units:
            assert unit in card, (task_id, unit)
        assert f"责任领导 {leader}" in card, task_id
        assert due in card and resolved in card, task_id


def test_the_overview_numbers_tasks_as_the_document_does(built: Path) -> None:
    html = _article(built, "campaigns/plan-b")
    headings = re.findall(r'<h(\d) id="(b-[a-z-]+)">([^<]*)', html)
    assert headings == [
        ("3", "b-one", "（一）一级任务甲"),
        ("4", "b-one-one", "1. 二级任务甲一"),
        ("5", "b-deep-a", "（1）三级任务甲一一"),
        ("5", "b-deep-b", "（2）三级任务甲一二"),
        ("4", "b-one-two", "2. 二级任务甲二"),
    ]
    # headings in order: h1, then h2 sections; no level skipped
    levels = [int(n) for n in re.findall(r"<h(\d)", html)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_overview_facts_counts_and_states(built: Path) -> None:
    html = _article(built, "campaigns/plan-a")
    facts = _text(html[: html.index('id="cp-overdue"')])
    assert "年度 2023年" in facts
    assert "发文单位 市委宣传部" in facts
    assert "制定依据 测试工作会议部署" in facts
    assert "状态截至 以下完成情况截至2023年7月10日" in facts
    assert "共 4 项：已完成 1 项、推进中 2 项、未开始 0 项、长期坚持 1 项；逾期 1 项" in facts
    june = _text(_card(html, "t-june"))
    assert "执行情况 推进中 已逾期 10 天" in june
    assert "完成进度 已完成 60%（2023年6月20日）" in june
    assert 'value="60"' in _card(html, "t-june")
    half = _text(_card(html, "t-half"))
    assert "执行情况 已完成" in half and "完成时间 2023年6月15日（星期四）" in half
    assert "执行情况 推进中 定期完成" in _text(_card(html, "t-quarter"))
    assert "执行情况 推进中（按所属各项汇总）" in _text(_card(html, "sec-one"))
    text = _text(html)
    for note in ("已经开始。", "已完成过半。", "等待验收。", "任务正文甲。"):
        assert note in text
    assert "原文写明共 5 项任务，本页列出 4 项，两者不一致。原文第五项与第四项合并录入。" in text
    assert "完成全年测试目标。" in _text(_between(html, "cp-goals", "cp-tasks"))
    measures = _text(_between(html, "cp-measures", "cp-news"))
    assert "（一）加强组织领导" in measures and "明确责任。逐项落实。" in measures
    assert "（二）强化督促检查" in measures and "定期通报。" in measures


def test_the_overdue_list_comes_first(built: Path) -> None:
    html = _article(built, "campaigns/plan-a")
    assert html.index('id="cp-overdue"') < html.index('id="cp-tasks"')
    overdue = _between(html, "cp-overdue", "cp-goals")
    items = re.findall(r'<li class="cp-plan-overdue__item">(.*?)</li>', overdue, flags=re.S)
    assert len(items) == 1
    item = _text(items[0])
    assert "按2023年7月10日的完成情况，以下 1 项任务" in _text(overdue)
    for words in (
        "（一）1. 六月底前完成的任务 已逾期 10 天",
        "属于：（一）第一节抓落实",
        "牵头单位 市扶贫局",
        "配合单位 市卫计局",
        "责任领导 分管副局长",
        "6月底前2023年6月30日（星期五）前",
    ):
        assert words in item, words
    assert 'href="./#t-june"' in items[0] or 'href="#t-june"' in items[0]
    assert "上半年完成的任务" not in overdue

    none = _between(_article(built, "campaigns/plan-b"), "cp-overdue", "cp-tasks")
    assert "按2023年3月1日的完成情况，没有逾期未完成的任务。" in _text(none)
    assert "cp-plan-overdue__item" not in none


def _department_sections(html: str) -> dict[str, str]:
    ids = re.findall(r'<h2 id="(cp-dept-[a-z0-9-]+)"', html)
    return {
        ident: _between(html, ident, ids[n + 1] if n + 1 < len(ids) else None)
        for n, ident in enumerate(ids)
    }


def _roles(section: str) -> dict[str, list[str]]:
    """Role heading → the task titles listed under it."""
    parts = re.split(r'<h3 class="cp-plan-dept__role">([^<]*)</h3>', section)
    return {
        parts[n]: re.findall(r'<p class="cp-plan-tasks__title"><a [^>]*>([^<]*)</a>', parts[n + 1])
        for n in range(1, len(parts), 2)
    }


def test_the_department_page_groups_tasks_by_role(built: Path) -> None:
    html = _article(built, "campaigns/plan-a/responsibilities")
    assert "测试年度工作方案 责任分工" in _text(html[: html.index("</h1>")])
    sections = _department_sections(html)
    assert list(sections) == ["cp-dept-xcb", "cp-dept-fpj", "cp-dept-wjj", "cp-dept-tgb"]
    assert {k: _roles(v) for k, v in sections.items()} == {
        "cp-dept-xcb": {"牵头（1 项）": ["（一）第一节抓落实"]},
        "cp-dept-fpj": {
            "牵头（1 项）": ["（一）1. 六月底前完成的任务"],
            "配合（1 项）": ["（二）2. 每季度末报送的任务"],
            "负责（1 项）": ["（二）1. 长期坚持的任务"],
        },
        "cp-dept-wjj": {
            "配合（1 项）": ["（一）1. 六月底前完成的任务"],
            "负责（1 项）": ["（一）2. 上半年完成的任务"],
        },
        "cp-dept-tgb": {"牵头（1 项）": ["（二）2. 每季度末报送的任务"]},
    }
    fpj = _text(sections["cp-dept-fpj"])
    assert "共 3 项任务：牵头 1 项、配合 1 项、负责 1 项；逾期 1 项。" in fpj
    assert "6月底前2023年6月30日（星期五）前" in fpj and "推进中 已逾期 10 天" in fpj
    assert "每季度末2023年1月1日至12月31日期间 每季度末" in fpj and "长期坚持" in fpj
    assert "配合单位 市卫计局" in fpj  # who supports what it leads
    wjj = _text(sections["cp-dept-wjj"])
    assert "牵头单位 市扶贫局" in wjj  # who leads what it supports
    assert "已完成 6月15日（星期四）完成" in wjj
    assert "没有逾期任务" in _text(sections["cp-dept-tgb"])
    assert 'href="../#t-june"' in sections["cp-dept-fpj"]
    assert 'href="../../../departments/fpj/"' in sections["cp-dept-fpj"]


def test_the_department_page_has_a_table_of_contents(built: Path) -> None:
    html = _article(built, "campaigns/plan-a/responsibilities")
    toc = html[
        html.index('<nav class="cp-plan-toc"') : html.index("</nav>", html.index("cp-plan-toc"))
    ]
    assert re.findall(r'<a href="#(cp-dept-[a-z]+)">([^<]*)</a>（([^）]*)）', toc) == [
        ("cp-dept-xcb", "市委宣传部", "1 项"),
        ("cp-dept-fpj", "市扶贫局", "3 项，逾期 1 项"),
        ("cp-dept-wjj", "市卫计局", "2 项，逾期 1 项"),
        ("cp-dept-tgb", "市脱贫攻坚领导小组办公室", "1 项"),
    ]
    assert html.index("cp-plan-toc") < html.index('id="cp-dept-xcb"')
    assert "以下完成情况截至2023年7月10日。" in _text(html)


def test_three_levels_on_the_department_page(built: Path) -> None:
    html = _article(built, "campaigns/plan-b/responsibilities")
    sections = _department_sections(html)
    assert _roles(sections["cp-dept-fpj"]) == {"负责（1 项）": ["（一）1.（1）三级任务甲一一"]}
    assert _roles(sections["cp-dept-xgbm"]) == {
        "配合（1 项）": ["（一）1. 二级任务甲一"],
        "负责（1 项）": ["（一）2. 二级任务甲二"],
    }
    text = _text(html)
    for _task_id, (title, units, leader, due, resolved) in ALL_TASKS["plan-b"].items():
        assert title in text and leader in text and due in text and resolved in text
        assert all(unit in text for unit in units)


def test_editor_text_is_escaped(make_tree: Callable[..., Path]) -> None:
    evil = PLAN_A.replace(
        "title: 长期坚持的任务", 'title: "<script>alert(1)</script>任务"'
    ).replace("leader: 常务副局长", 'leader: "<b>局长</b>"')
    root = make_tree(**{"data/campaigns/plan-a.yml": evil})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    for rel in ("campaigns/plan-a", "campaigns/plan-a/responsibilities"):
        html = _article(root / "site", rel)
        assert "<script>alert" not in html and "<b>局长" not in html
        assert "&lt;b&gt;局长&lt;/b&gt;" in html
