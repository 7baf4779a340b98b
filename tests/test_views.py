from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages.core.model import Role, Site
from campaign_pages.core.read.site import read_site
from campaign_pages.core.views import campaigns as views

D = dt.date


@pytest.fixture
def site(make_tree: Callable[..., Path]) -> Site:
    root = make_tree(
        **{
            "data/campaigns/past-2016.yml": "title: 往期\nperiod: {start: 2016-10-01, end: 2016-10-31}\n",
            "data/campaigns/next-2026.yml": "title: 下期\nday: 2026-12-04\n",
            "data/campaigns/later-2027.yml": "title: 更晚\nday: 2027-12-04\n",
            "data/campaigns/undated.yml": "title: 未定\n",
        }
    )
    result, problems = read_site(root / "data")
    assert problems == []
    return result


def test_campaign_groups_relative_to_today(site: Site) -> None:
    groups = views.campaign_groups(site.campaigns, D(2017, 10, 12))
    assert [(g.state.label, [c.id for c in g.campaigns]) for g in groups] == [
        ("正在进行", ["test-2017"]),
        ("即将开始", ["next-2026", "later-2027"]),
        ("已经结束", ["past-2016"]),
        ("日期待定", ["undated"]),
    ]
    # the same data seen from 2026-12-05: everything dated is over
    later = views.campaign_groups(site.campaigns, D(2026, 12, 5))
    assert [g.state for g in later][:2] == [views.CampaignState.UPCOMING, views.CampaignState.PAST]


@pytest.mark.parametrize(
    ("today", "state", "label"),
    [
        (D(2017, 10, 1), views.DeadlineState.DUE, "还有 8 天"),
        (D(2017, 10, 9), views.DeadlineState.TODAY, "今天截止"),
        (D(2017, 10, 12), views.DeadlineState.OVERDUE, "已逾期 3 天"),
    ],
)
def test_deadline_states(site: Site, today: D, state: views.DeadlineState, label: str) -> None:
    campaign = site.campaign("test-2017")
    assert campaign is not None
    row = views.deadline_rows(campaign, today)[0]
    assert (row.state, row.label) == (state, label)


def test_schedule_sorts_fuzzy_items_by_earliest_date(site: Site) -> None:
    campaign = site.campaign("test-2017")
    assert campaign is not None
    slots = views.schedule(campaign)
    # 当天或之前 starts with the period (10-01), 10月中旬 on 10-11, the exact day 10-17 last
    assert [(s.title(2017), [e.activity.id for e in s.entries]) for s in slots] == [
        ("扶贫日当天或之前", ["health"]),
        ("10月中旬", ["press"]),
        ("10月17日（星期二）", ["consult"]),
    ]
    assert [s.fuzzy for s in slots] == [True, True, False]
    assert [s.anchor for s in slots] == ["w20171001-20171017", "w20171011-20171020", "d20171017"]
    assert [s.state(D(2017, 10, 12)) for s in slots] == [
        views.SlotState.NOW,
        views.SlotState.NOW,
        views.SlotState.FUTURE,
    ]


def test_responsibility_matrix(site: Site) -> None:
    campaign = site.campaign("test-2017")
    assert campaign is not None
    m = views.matrix(campaign)
    assert [d.name for d in m.columns] == [
        "市委宣传部",
        "市扶贫局",
        "市卫计局",
        "市脱贫攻坚领导小组办公室",
        "市级相关部门",
    ]
    cells = {row.activity.id: [c.label if c else "" for c in row.cells] for row in m.rows}
    assert cells == {
        "press": ["牵头", "牵头", "配合", "", ""],
        "consult": ["", "", "", "牵头", "配合"],
        "health": ["", "配合", "牵头", "", ""],
    }


def test_department_views(site: Site) -> None:
    by_id = {
        v.department.id: v
        for v in views.department_views(site.departments, site.campaigns, D(2017, 10, 12))
    }
    wjj = by_id["wjj"]
    assert [(a.activity.id, a.role) for a in wjj.assignments] == [
        ("press", Role.SUPPORT),
        ("health", Role.LEAD),
    ]
    assert [r.deadline.id for r in by_id["xgbm"].owes] == ["report", "result"]
    assert [r.deadline.id for r in by_id["tgb"].receives] == ["report", "result"]
    assert by_id["xcb"].owes == []


def test_timeline_has_a_bar_per_dated_activity(site: Site) -> None:
    campaign = site.campaign("test-2017")
    assert campaign is not None
    tl = views.timeline(campaign, D(2017, 10, 12))
    assert tl is not None
    assert [b.activity.id for b in tl.bars] == ["press", "consult", "health"]
    assert [m.label for m in tl.markers] == ["扶贫日", "今天"]
    key, today = tl.markers
    assert key.x > today.x  # the 17th is right of the 12th
    press, consult, health = tl.bars
    assert press.width > consult.width  # ten days are wider than one
    assert health.x < press.x  # 扶贫日当天或之前 may start on the 1st
    later = views.timeline(campaign, D(2018, 1, 1))
    assert later is not None and [m.label for m in later.markers] == ["扶贫日"]


STEPS = """\
title: 分步骤的方案
day: 2017-10-17
day_name: 扶贫日
period: {start: 2017-10-01, end: 2017-10-31}
activities:
  - id: publicity
    title: 集中宣传
    lead: [市委宣传部]
    support: [市扶贫局]
    items:
      - id: week
        title: 主题宣传
        when: 10月10日—16日
      - id: day
        title: 刊发综述
        when: 10月17日
  - id: forum
    title: 座谈会
    when: 10月17日
    lead: [市扶贫局]
    items:
      - id: forum-morning
        title: 上午分组讨论
        when: 上午9:00—11:30
      - id: forum-notes
        title: 整理纪要
  - id: oath
    title: 宣誓仪式
    when: 日期待定
    responsible: [市委宣传部]
"""


@pytest.fixture
def steps(make_tree: Callable[..., Path]) -> Site:
    root = make_tree(**{"data/campaigns/steps-2017.yml": STEPS})
    result, problems = read_site(root / "data")
    assert problems == []
    return result


def test_an_activity_dated_by_its_steps_is_shown_by_its_steps(steps: Site) -> None:
    campaign = steps.campaign("steps-2017")
    assert campaign is not None
    publicity, forum, _ = campaign.activities
    # the activity itself spans its steps, for the timeline and the campaign's dates
    assert (publicity.when.start, publicity.when.end) == (D(2017, 10, 10), D(2017, 10, 17))
    assert not publicity.dated_here
    # a step without a time of its own happens at its activity's time
    notes = forum.items[1]
    assert notes.when == forum.when and not notes.dated_here
    entries = [
        (e.activity.id, e.parent.id if e.parent else None) for e in views.schedule_entries(campaign)
    ]
    assert entries == [
        ("week", "publicity"),
        ("day", "publicity"),
        ("forum", None),
        ("forum-morning", "forum"),
        ("oath", None),
    ]
    slots = views.schedule(campaign)
    assert [(s.title(2017), [e.activity.id for e in s.entries]) for s in slots] == [
        ("10月10日至16日", ["week"]),
        ("10月17日（星期二）", ["day", "forum", "forum-morning"]),
        ("日期待定", ["oath"]),
    ]
    # steps are led by their activity's departments
    week = slots[0].entries[0]
    assert [d.name for d in week.lead] == ["市委宣传部"] and week.lead_label == "牵头"
    assert [d.name for d in week.departments] == ["市委宣传部", "市扶贫局"]
    oath = slots[2].entries[0]
    assert [d.name for d in oath.lead] == ["市委宣传部"] and oath.lead_label == "负责"


def test_a_department_sees_who_it_works_with(steps: Site) -> None:
    by_id = {
        v.department.id: v
        for v in views.department_views(steps.departments, steps.campaigns, D(2017, 10, 12))
    }
    xcb = [a for a in by_id["xcb"].assignments if a.campaign.id == "steps-2017"]
    assert [(a.activity.id, a.role, [d.id for d in a.others]) for a in xcb] == [
        ("publicity", Role.LEAD, ["fpj"]),
        ("oath", Role.RESPONSIBLE, []),
    ]
    fpj = [a for a in by_id["fpj"].assignments if a.campaign.id == "steps-2017"]
    assert [(a.activity.id, a.role, [d.id for d in a.others]) for a in fpj] == [
        ("publicity", Role.SUPPORT, ["xcb"]),
        ("forum", Role.LEAD, []),
    ]
