from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages import views
from campaign_pages.model import Role, Site
from campaign_pages.reader import read_site

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
    # 当天或之前 starts 10-03, 10月中旬 starts 10-11, the exact day 10-17 comes last
    assert [(s.title(2017), [a.id for a in s.entries]) for s in slots] == [
        ("扶贫日当天或之前", ["health"]),
        ("10月中旬", ["press"]),
        ("10月17日（星期二）", ["consult"]),
    ]
    assert [s.fuzzy for s in slots] == [True, True, False]


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
    by_id = {v.department.id: v for v in views.department_views(site, D(2017, 10, 12))}
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
    tl = views.timeline(campaign)
    assert tl is not None
    assert [b.activity.id for b in tl.bars] == ["press", "consult", "health"]
    assert tl.key_x is not None and tl.key_label == "扶贫日"
    press = tl.bars[0]
    assert press.width > tl.bars[1].width  # ten days are wider than one
