"""A rectification ledger's page: the view (counting rule, rates, states, bars, rows) and a
real build of a small inline site with two ledgers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import Markup

from campaign_pages.core.dates import Precision, When
from campaign_pages.core.model import (
    Campaign,
    Department,
    Rules,
    Task,
    TaskStatus,
)
from campaign_pages.core.views import ledger as views
from campaign_pages.core.views.tasks import DueState

from .conftest import MKDOCS_YML, basic_tree, mkdocs_build
from .htmltables import tables

D = dt.date
DONE, ONGOING, LONG, PLANNED = (
    TaskStatus.DONE,
    TaskStatus.ONGOING,
    TaskStatus.LONG_TERM,
    TaskStatus.PLANNED,
)
UNIT = Department("llk", "理论科")
OFFICE = Department("bgs", "办公室")


def node(
    number: str,
    *items: Task,
    status: TaskStatus | None = None,
    due: When | None = None,
    responsible: tuple[Department, ...] = (),
    leader: str | None = None,
    done_on: D | None = None,
) -> Task:
    return Task(
        id=f"t{number.replace('.', '-')}",
        number=number,
        title=f"问题{number}",
        body=Markup(""),
        lead=(),
        support=(),
        responsible=responsible,
        leader=leader,
        due=due,
        status=status,
        done_on=done_on,
        progress=(),
        evidence=Markup(""),
        measures=(Markup(f"<p>措施{number}</p>"),),
        items=items,
    )


def campaign(
    *areas: Task,
    stated: dict[str, int] | None = None,
    note: str | None = None,
    rules: Rules | None = None,
    as_of: D | None = None,
) -> Campaign:
    return Campaign(
        id="zg",
        title="整改情况的报告",
        kind="rectification",
        theme=None,
        day=None,
        day_name=None,
        period=None,
        issuer=(),
        basis=None,
        summary=Markup(""),
        sections=(),
        activities=(),
        deadlines=(),
        year=2023,
        as_of=as_of,
        tasks=areas,
        rules=rules,
        stated=tuple((stated or {}).items()),
        stated_note=note,
    )


def by_day(day: D) -> When:
    return When(f"{day.month}月{day.day}日前", day, day, Precision.BEFORE)


NOW = When("立行立改", D(2023, 1, 6), D(2023, 1, 6), Precision.IMMEDIATE)
ALWAYS = When("长期坚持", None, None, Precision.ONGOING)


@pytest.fixture
def tree() -> Campaign:
    """Two areas: (一) 1. a problem on its own, 2. an item with two sub-problems, one of them
    split again (depth 3); (二) 1. one problem; and (三) an area that lists no items."""
    area1 = node(
        "1",
        node("1.1", status=DONE, done_on=D(2023, 2, 1), due=by_day(D(2023, 3, 31))),
        node(
            "1.2",
            node("1.2.1", status=LONG, due=ALWAYS),
            node(
                "1.2.2",
                node("1.2.2.1", status=DONE, done_on=D(2023, 1, 20)),
                node("1.2.2.2", status=ONGOING),
                responsible=(OFFICE,),
                leader="常务副部长",
                due=by_day(D(2023, 2, 28)),
            ),
            responsible=(UNIT,),
            leader="部长",
        ),
    )
    area2 = node("2", node("2.1", status=ONGOING, due=NOW, responsible=(UNIT,), leader="部长"))
    return campaign(area1, area2, node("3"), as_of=D(2023, 3, 10))


def test_counting_rule_counts_leaves_below_the_areas(tree: Campaign) -> None:
    ledger = views.ledger(tree, D(2030, 1, 1))
    assert [(a.label, a.items, a.counts.problems) for a in ledger.areas] == [
        ("（一）", 2, 4),  # 1.1 alone, and 1.2's leaves 1.2.1, 1.2.2.1, 1.2.2.2 (not 1.2.2)
        ("（二）", 1, 1),  # an item without sub-problems is one problem
        ("（三）", 0, 0),  # an area with no items has no problems
    ]
    assert ledger.items == 3
    t = ledger.totals
    assert (t.problems, t.done, t.long_term, t.ongoing, t.planned) == (5, 2, 1, 2, 0)
    assert [r.task.number for r in ledger.rows] == ["1.1", "1.2.1", "1.2.2.1", "1.2.2.2", "2.1"]


@pytest.mark.parametrize(
    ("part", "whole", "label"),
    [
        (20, 35, "57.1%"),
        (10, 20, "50%"),
        (2, 3, "66.7%"),
        (1, 8, "12.5%"),
        (1, 16, "6.3%"),  # 6.25: half up, not to even
        (0, 5, "0%"),
        (5, 5, "100%"),
        (0, 0, "—"),
    ],
)
def test_completion_rate(part: int, whole: int, label: str) -> None:
    assert views.percent_label(part, whole) == label


def test_rates_per_area_and_in_total(tree: Campaign) -> None:
    ledger = views.ledger(tree, D(2030, 1, 1))
    assert [a.counts.rate_label for a in ledger.areas] == ["50%", "0%", "—"]
    assert ledger.totals.rate_label == "40%"


def test_parent_states_follow_their_problems() -> None:
    done = node("1", node("1.1", node("1.1.1", status=DONE), node("1.1.2", status=DONE)))
    lasting = node("2", node("2.1", node("2.1.1", status=DONE), node("2.1.2", status=LONG)))
    moving = node("3", node("3.1", node("3.1.1", status=DONE), node("3.1.2")))
    waiting = node("4", node("4.1", node("4.1.1"), node("4.1.2")))
    ledger = views.ledger(campaign(done, lasting, moving, waiting), D(2023, 6, 1))
    assert [(a.state, a.state_label) for a in ledger.areas] == [
        (DONE, "已完成"),
        (LONG, "长期坚持"),
        (ONGOING, "整改中"),
        (PLANNED, "未开始"),
    ]
    # a planned problem shows the 未开始 column and counts as 整改中 against the report
    assert ledger.has_planned and ledger.statuses == (DONE, LONG, ONGOING, PLANNED)
    ongoing = next(c for c in ledger.comparisons if c.key == "ongoing")
    assert (ongoing.label, ongoing.counted) == ("整改中（含未开始）", 3)  # 3.1.2, 4.1.1, 4.1.2


def test_a_parents_written_status_wins() -> None:
    item = node("1.1", node("1.1.1", status=DONE), node("1.1.2"), status=LONG)
    ledger = views.ledger(campaign(node("1", item)), D(2023, 6, 1))
    assert ledger.areas[0].state is LONG
    # the problems are still counted by their own states
    assert (ledger.totals.done, ledger.totals.planned) == (1, 1)


def test_bar_segments_fill_the_bar_in_order() -> None:
    bar = views.bar({DONE: 1, LONG: 1, ONGOING: 1, PLANNED: 0})
    assert [(s.status, s.x, s.width) for s in bar.segments] == [
        (DONE, 0, 80),
        (LONG, 80, 80),
        (ONGOING, 160, 80),
    ]
    odd = views.bar({DONE: 2, LONG: 4, ONGOING: 1})
    assert [s.x + s.width for s in odd.segments][-1] == views.BAR_WIDTH
    assert [s.width for s in odd.segments] == [69, 137, 34]
    for a, b in zip(odd.segments, odd.segments[1:], strict=False):
        assert a.x + a.width == b.x
    assert odd.description == "共 7 个问题：已完成 2 个、长期坚持 4 个、整改中 1 个"
    assert views.bar({}).segments == () and views.bar({}).description == "没有列出问题"
    # one problem in 35 is too narrow to carry its number
    thin = views.bar({DONE: 34, ONGOING: 1})
    assert [s.shows_count for s in thin.segments] == [True, False]


def test_rows_name_their_path_parents_and_inherited_fields(tree: Campaign) -> None:
    rows = {r.task.number: r for r in views.ledger(tree, D(2030, 1, 1)).rows}
    assert {n: r.path for n, r in rows.items()} == {
        "1.1": "1.",
        "1.2.1": "2.（1）",
        "1.2.2.1": "2.（2）①",
        "1.2.2.2": "2.（2）②",
        "2.1": "1.",
    }
    deep = rows["1.2.2.2"]
    assert [(p.label, p.task.number) for p in deep.parents] == [("2.", "1.2"), ("（2）", "1.2.2")]
    # the first problem of an item carries its anchor; later ones do not
    assert [p.first for p in rows["1.2.1"].parents] == [True]
    assert [p.first for p in rows["1.2.2.1"].parents] == [False, True]
    assert [p.first for p in deep.parents] == [False, False]
    # units, leader and due come from the nearest node that has them
    assert (deep.responsible, deep.leader, deep.due) == (
        (OFFICE,),
        "常务副部长",
        by_day(D(2023, 2, 28)),
    )
    assert (rows["1.2.1"].responsible, rows["1.2.1"].leader) == ((UNIT,), "部长")
    assert rows["1.1"].responsible == () and not rows["1.1"].has_units


def test_overdue_is_judged_at_as_of(tree: Campaign) -> None:
    ledger = views.ledger(tree, D(2030, 1, 1))
    assert ledger.day == D(2023, 3, 10)
    rows = {r.task.number: r for r in ledger.rows}
    # 1.2.2.2 inherits 2月28日前 and is not done: overdue at 3月10日
    assert (rows["1.2.2.2"].due_state, rows["1.2.2.2"].due_note) == (
        DueState.OVERDUE,
        "已逾期 10 天",
    )
    # 立行立改 is due on the feedback day
    assert rows["2.1"].due_note == "已逾期 63 天"
    assert (rows["1.1"].due_state, rows["1.1"].due_note) == (DueState.DONE, "")
    assert (rows["1.2.1"].due_state, rows["1.2.1"].overdue) == (DueState.LONG_TERM, False)
    assert [r.task.number for r in ledger.overdue] == ["1.2.2.2", "2.1"]
    assert [r.status_label for r in ledger.rows] == [
        "已完成",
        "长期坚持",
        "已完成",
        "整改中",
        "整改中",
    ]
    # without as_of the build's today decides
    early = views.ledger(campaign(*tree.tasks), D(2023, 1, 6))
    assert early.overdue == () and {r.due_note for r in early.rows} == {"", "今天到期"}


def test_stated_totals_beside_the_counted_ones(tree: Campaign) -> None:
    stated = {"areas": 3, "items": 17, "problems": 43, "done": 2, "rules_new": 5}
    ledger = views.ledger(
        campaign(*tree.tasks, stated=stated, note="公开的报告只写出部分问题。"), D(2023, 6, 1)
    )
    assert ledger.stated_line == "三方面17项43个问题"
    assert ledger.stated_note == "公开的报告只写出部分问题。"
    assert [(c.key, c.counted, c.stated, c.difference_label) for c in ledger.comparisons] == [
        ("areas", 3, 3, "一致"),
        ("items", 3, 17, "台账少 14 项"),
        ("problems", 5, 43, "台账少 38 个"),
        ("done", 2, 2, "一致"),
        ("long_term", 1, None, "—"),
        ("ongoing", 2, None, "—"),
    ]
    assert ledger.has_stated
    plain = views.ledger(campaign(*tree.tasks), D(2023, 6, 1))
    assert (plain.stated_line, plain.has_stated, plain.rules) == (None, False, ())
    assert views.stated_line({"items": 2}) == "2项问题"
    assert views.stated_line({"areas": 2, "problems": 9}) == "两方面9个问题"


def test_rules_with_their_counts() -> None:
    rules = Rules(new=("制度甲", "制度乙"), revised=("制度丙",))
    ledger = views.ledger(
        campaign(node("1"), rules=rules, stated={"rules_new": 5, "rules_revised": 1}), D(2023, 6, 1)
    )
    assert [(r.heading, r.stated, r.differs) for r in ledger.rules] == [
        ("新制定2项", 5, True),
        ("修订完善1项", 1, False),
    ]
    # a list stated but not written is still shown (as empty); one neither is left out
    only = views.ledger(campaign(node("1"), stated={"rules_revised": 2}), D(2023, 6, 1))
    assert [(r.key, r.names, r.differs) for r in only.rules] == [("rules_revised", (), True)]


# -- a real build -----------------------------------------------------------------------------

DEPARTMENTS = """\
departments:
  - id: xcb
    name: 市委宣传部
    group: 市委部门
  - id: llk
    name: 宣传部理论科
    aliases: [理论科]
    group: 市委部门
  - id: bgs
    name: 宣传部办公室
    aliases: [部办公室]
    group: 市委部门
  - id: wmb
    name: 市文明办
    group: 市委部门
"""

LEDGER = """\
title: 关于巡察整改情况的报告
kind: rectification
year: 2023
issuer: [市委宣传部]
as_of: 2023-03-10
summary: 反馈了两方面问题。
inspection:
  by: 市委第五巡察组
  round: 市委第二轮巡察
  start: 2022-09-13
  end: 2022-11-18
  feedback: 2023-01-06
sections:
  - title: 组织落实情况
    body: 召开部务会研究整改。
areas:
  - title: 理论学习不够深入
    items:
      - title: 学习重要论述不主动
        measures: [一是列为部务会重点学习内容。, 二是安排专人跟进整理。]
        responsible: [理论科]
        leader: 分管副部长
        due: 2023年3月底前
        status: done
        done_on: 2023-02-20
      - title: 中心组学习不够重视
        responsible: [理论科]
        leader: 部长
        items:
          - title: 学习制度落实不到位
            measures: [丰富学习方式。]
            due: 长期坚持
            status: long-term
          - title: 统筹指导不到位 A&B <i>
            measures: [印发通报。]
            responsible: [理论科, 市文明办]
            due: 2月底前
            status: ongoing
  - title: 作风建设还须加强
    items:
      - title: 财务报销手续不齐全
        measures: [签领表归档入账。]
        evidence: 已全部归档。
        responsible: [部办公室]
        leader: 常务副部长
        due: 立行立改
        status: ongoing
rules:
  new: [主题党日活动制度, 平时考核工作方案]
  revised: [差旅费管理制度]
stated:
  areas: 2
  items: 5
  problems: 6
  rules_new: 3
  note: 公开的报告只写出了部分问题。
"""

EXACT = """\
title: 另一份整改报告
kind: rectification
year: 2023
areas:
  - title: 制度执行不严
    items:
      - title: 公务用车管理存在漏洞
        measures: [重新修订管理办法。]
        responsible: [部办公室]
        leader: 常务副部长
        due: 6月底前
        status: planned
stated: {areas: 1, items: 1, problems: 1}
"""


@pytest.fixture
def built(make_tree: Callable[..., Path]) -> Path:
    root = make_tree(
        basic_tree(
            **{
                "mkdocs.yml": MKDOCS_YML.replace("today: 2017-10-12", "today: 2023-12-20"),
                "data/departments.yml": DEPARTMENTS,
                "data/campaigns/test-2017.yml": "title: 测试方案\nday: 2023-10-17\n",
                "data/campaigns/zg-2023.yml": LEDGER,
                "data/campaigns/zg-exact.yml": EXACT,
                "docs/index.md": "# 首页\n",
            }
        )
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _page(site: Path, campaign_id: str) -> str:
    return (site / f"campaigns/{campaign_id}/index.html").read_text("utf-8")


def test_the_ledger_table_shows_every_problem(built: Path) -> None:
    html = _page(built, "zg-2023")
    [ledger] = tables(html, "cp-ledger__table")
    header, *body = ledger
    assert header == [
        "方面",
        "问题",
        "整改措施",
        "责任单位",
        "责任领导",
        "整改时限",
        "状态",
        "完成时间",
    ]
    groups = [r for r in body if len(r) == 1]
    rows = [r for r in body if len(r) == 8]
    assert len(groups) + len(rows) == len(body)
    assert [g[0] for g in groups] == [
        "（一）理论学习不够深入（3 个问题，已完成 1 个）",
        "（二）作风建设还须加强（1 个问题，已完成 0 个）",
    ]
    # one row per problem: the item with sub-problems has no row of its own
    problems = [r[1] for r in rows]
    assert len(problems) == 4
    assert problems[0] == "1. 学习重要论述不主动"
    assert (
        "所属问题：2. 中心组学习不够重视" in problems[1]
        and "2.（1） 学习制度落实不到位" in problems[1]
    )
    assert "2.（2） 统筹指导不到位 A&B <i>" in problems[2]  # text, not markup
    assert "统筹指导不到位 A&amp;B &lt;i&gt;" in html
    assert problems[3] == "1. 财务报销手续不齐全"
    assert [r[0] for r in rows] == ["（一）", "（一）", "（一）", "（二）"]
    measures = [r[2] for r in rows]
    for text in ("一是列为部务会重点学习内容。", "二是安排专人跟进整理。"):
        assert text in measures[0]
    assert "丰富学习方式。" in measures[1] and "印发通报。" in measures[2]
    assert "签领表归档入账。" in measures[3] and "整改成效：已全部归档。" in measures[3]
    # units and leaders, inherited from the item where a sub-problem writes none
    assert [r[3] for r in rows] == [
        "宣传部理论科",
        "宣传部理论科",
        "宣传部理论科、市文明办",
        "宣传部办公室",
    ]
    assert [r[4] for r in rows] == ["分管副部长", "部长", "部长", "常务副部长"]
    # the editor's words and what they resolve to; 立行立改 is the feedback day
    assert rows[0][5] == "2023年3月底前2023年3月31日（星期五）前"
    assert rows[1][5] == "长期坚持"
    assert rows[2][5].startswith("2月底前2023年2月28日")
    assert rows[3][5] == "立行立改立行立改（2023年1月6日）"
    # states at as_of (2023-03-10), not at the build's today
    assert [r[6] for r in rows] == [
        "已完成",
        "长期坚持",
        "整改中 已逾期 10 天",
        "整改中 已逾期 63 天",
    ]
    assert [r[7] for r in rows] == ["2023年2月20日", "—", "—", "—"]
    # rows grouped under full-width headers, cells labelled for the phone cards
    assert html.count('<th colspan="8" scope="rowgroup"') == 2
    assert html.count('data-label="整改措施"') == 4
    assert "rowspan" not in html


def test_anchors_for_every_node_of_the_tree(built: Path) -> None:
    """Department pages link to any task of the tree: each id lands on the ledger."""
    html = _page(built, "zg-2023")
    ids = re.findall(r'\bid="(a-[0-9a-f]{8}(?:-\d+)?)"', html)
    assert len(ids) == len(set(ids)) == 2 + 3 + 2  # areas, items, sub-problems
    dept = (built / "departments/llk/index.html").read_text("utf-8")
    anchors = re.findall(r'href="\.\./\.\./campaigns/zg-2023/#([^"]+)"', dept)
    assert len(anchors) >= 3  # 理论科 is responsible for an item and three problems
    assert set(anchors) <= set(ids)


def test_totals_beside_the_stated_ones(built: Path) -> None:
    html = _page(built, "zg-2023")
    text = re.sub(r"<[^>]+>", "", html)
    assert (
        "台账列出 2 个方面、3 项问题，共 4 个具体问题：已完成 1 个，长期坚持 1 个，整改中 2 个；完成率 25%"
        in text
    )
    assert "报告所述：两方面5项6个问题" in text
    [compare] = tables(html, "cp-ledger-compare")
    assert compare[1:4] == [
        ["方面", "2 个", "2 个", "一致"],
        ["问题（项）", "3 项", "5 项", "台账少 2 项"],
        ["具体问题", "4 个", "6 个", "台账少 2 个"],
    ]
    assert "说明：公开的报告只写出了部分问题。" in text
    [areas] = tables(html, "cp-ledger-areas__table")
    assert [row[:7] for row in areas[1:]] == [
        ["（一）理论学习不够深入", "2", "3", "1", "1", "1", "33.3%"],
        ["（二）作风建设还须加强", "1", "1", "0", "0", "1", "0%"],
        ["合计", "3", "4", "1", "1", "2", "25%"],
    ]
    # 建章立制: both lists with their counts, the stated number where it differs
    assert "新制定2项" in text and "修订完善1项" in text
    assert "报告所述：新制定3项（台账列出 2 项）" in text
    assert "报告所述：修订完善" not in text
    for name in ("主题党日活动制度", "平时考核工作方案", "差旅费管理制度"):
        assert f"<li>{name}</li>" in html
    # the facts
    for fact in (
        "整改情况截至2023年3月10日",
        "市委第五巡察组（市委第二轮巡察）",
        "2022年9月13日至11月18日",
        "2023年1月6日",
    ):
        assert fact in text


def test_a_ledger_whose_totals_agree_shows_no_note(built: Path) -> None:
    html = _page(built, "zg-exact")
    text = re.sub(r"<[^>]+>", "", html)
    assert "报告所述：一方面1项1个问题" in text
    assert "说明：" not in text
    [compare] = tables(html, "cp-ledger-compare")
    assert [row[3] for row in compare[1:4]] == ["一致", "一致", "一致"]
    # a planned problem gets its own column, and its state in words
    [areas] = tables(html, "cp-ledger-areas__table")
    assert areas[0] == [
        "方面",
        "问题（项）",
        "具体问题",
        "已完成",
        "长期坚持",
        "整改中",
        "未开始",
        "完成率",
        "整改进度",
    ]
    [ledger] = tables(html, "cp-ledger__table")
    # no as_of: overdue is judged at the build's today (2023-12-20)
    assert ledger[2][6] == "未开始 已逾期 173 天"
    assert "未写明，按生成之日（2023年12月20日）判断是否逾期" in text
    assert "建章立制" not in text  # neither rules nor stated rules


def test_the_bars_are_images_with_titles(built: Path) -> None:
    html = _page(built, "zg-2023")
    svgs = re.findall(r"<svg class=\"cp-lbar\"[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 3  # two areas and the total
    for svg in svgs:
        label = re.search(r'role="img" aria-labelledby="([^"]+)"', svg)
        assert label, svg[:200]
        assert re.search(rf'<title id="{label[1]}">[^<]+整改进度：共 \d+ 个问题', svg)
    assert "合计整改进度：共 4 个问题：已完成 1 个、长期坚持 1 个、整改中 2 个</title>" in html
    # the segments differ by pattern, and the legend says which is which
    assert 'fill="url(#cp-lbar-ledger-1-long-term)"' in svgs[0]
    assert 'fill="url(#cp-lbar-ledger-1-ongoing)"' in svgs[0]
    assert re.search(r"cp-lbar-legend.*已完成.*长期坚持.*整改中", html)


def test_the_stylesheet_prints_the_ledger_landscape(built: Path) -> None:
    css = (built / "assets/campaign-pages.css").read_text("utf-8")
    ours = css[css.index("/* -- rectification.css -- */") :]
    phone = ours[ours.index("@media screen and (max-width: 40em)") :]
    assert "attr(data-label)" in phone
    printed = ours[ours.index("@media print") :]
    assert re.search(r"@page ledger \{[^}]*size: A4 landscape", printed)
    assert ".cp-ledger { page: ledger; }" in printed
    assert re.search(r"\.cp-ledger__table thead \{ display: table-header-group; \}", printed)
    assert re.search(r"\.cp-ledger__table tr \{ break-inside: avoid; \}", printed)
