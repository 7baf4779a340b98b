"""A rectification ledger's page: totals by area and status beside the totals the report
states, a stacked bar per area, the flat ledger of problems, the rules made and revised.
Pure: no I/O, no HTML.

A ledger is a task tree: areas (方面, depth 0) → items (问题, depth 1) → sub-problems (depth 2
and below). The counting rule is the contract's: areas are the top nodes, items their
children, and problems the leaves below the areas (an item without sub-problems is one
problem; an item with sub-problems counts its sub-problems). Statuses are counted on the
problems; a parent's state is what its problems' states add up to (:attr:`Task.state`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from campaign_pages.core.dates import When
from campaign_pages.core.model import Campaign, Department, Task, TaskStatus
from campaign_pages.core.views.tasks import (
    DueState,
    chinese_number,
    status_day,
    task_label,
    task_row,
)

# how a ledger names the states of its problems (a work plan says 推进中; a ledger 整改中)
STATUS_LABELS = {
    TaskStatus.DONE: "已完成",
    TaskStatus.LONG_TERM: "长期坚持",
    TaskStatus.ONGOING: "整改中",
    TaskStatus.PLANNED: "未开始",
}
# the order of the bar's segments and of the count columns: finished work first
BAR_ORDER = (TaskStatus.DONE, TaskStatus.LONG_TERM, TaskStatus.ONGOING, TaskStatus.PLANNED)
BAR_WIDTH = 240  # SVG user units of a full bar
BAR_HEIGHT = 24
LABEL_MIN_WIDTH = 18  # a segment narrower than this carries no number inside it

# the totals a report may state (``stated:``), as the page names them, in the page's order
STATED_TOTALS = (
    ("areas", "方面", "个"),
    ("items", "问题（项）", "项"),
    ("problems", "具体问题", "个"),
    ("done", "已完成", "个"),
    ("long_term", "长期坚持", "个"),
    ("ongoing", "整改中", "个"),
)


def status_label(status: TaskStatus) -> str:
    return STATUS_LABELS[status]


def percent_label(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage with one decimal, or whole when it is one:
    20 of 35 → 57.1%, 10 of 20 → 50%; — when there is nothing to divide by."""
    if whole <= 0:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{value:f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


@dataclass(frozen=True)
class Segment:
    """One status's part of a stacked bar, in SVG user units."""

    status: TaskStatus
    count: int
    x: int
    width: int

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def key(self) -> str:
        return self.status.value

    @property
    def shows_count(self) -> bool:
        """Wide enough to carry its number inside it."""
        return self.width >= LABEL_MIN_WIDTH

    @property
    def middle(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Bar:
    """A stacked bar of problems by status: done, long-term, ongoing, planned."""

    segments: tuple[Segment, ...]  # only the statuses that have problems
    total: int
    width: int = BAR_WIDTH
    height: int = BAR_HEIGHT

    @property
    def description(self) -> str:
        """The bar in words, for its SVG ``<title>``."""
        if not self.total:
            return "没有列出问题"
        parts = "、".join(f"{s.label} {s.count} 个" for s in self.segments)
        return f"共 {self.total} 个问题：{parts}"


def bar(counts: dict[TaskStatus, int]) -> Bar:
    """Segments laid end to end whose widths add up to the full bar exactly: each edge is
    the running total scaled and rounded (half up), so rounding never accumulates."""
    total = sum(counts.values())
    segments = []
    running = 0
    for status in BAR_ORDER:
        count = counts.get(status, 0)
        if not count:
            continue
        start = _scaled(running, total)
        running += count
        segments.append(Segment(status, count, start, _scaled(running, total) - start))
    return Bar(tuple(segments), total)


def _scaled(n: int, total: int) -> int:
    return (2 * BAR_WIDTH * n + total) // (2 * total)


@dataclass(frozen=True)
class Counts:
    """Problems by status, with the completion rate (done ÷ problems)."""

    problems: int
    done: int
    long_term: int
    ongoing: int
    planned: int

    @property
    def unfinished(self) -> int:
        """整改中 as a report counts it: everything neither done nor long-term."""
        return self.ongoing + self.planned

    @property
    def rate_label(self) -> str:
        return percent_label(self.done, self.problems)

    def of(self, status: TaskStatus) -> int:
        return {
            TaskStatus.DONE: self.done,
            TaskStatus.LONG_TERM: self.long_term,
            TaskStatus.ONGOING: self.ongoing,
            TaskStatus.PLANNED: self.planned,
        }[status]

    @property
    def bar(self) -> Bar:
        return bar({s: self.of(s) for s in BAR_ORDER})


def counts(problems: Iterable[Task]) -> Counts:
    states = [t.state for t in problems]
    return Counts(
        problems=len(states),
        done=states.count(TaskStatus.DONE),
        long_term=states.count(TaskStatus.LONG_TERM),
        ongoing=states.count(TaskStatus.ONGOING),
        planned=states.count(TaskStatus.PLANNED),
    )


@dataclass(frozen=True)
class Parent:
    """An item (or sub-problem) above a problem, as the problem's row names it."""

    task: Task
    label: str  # 2. or （3）
    first: bool  # this row is the item's first problem: the row carries the item's anchor


@dataclass(frozen=True)
class LedgerRow:
    """A problem (a leaf) as a row of the ledger, with what it inherits from above."""

    area: Task
    area_label: str  # （一）
    task: Task
    path: str  # its number path below the area: 1., 2.（1）, 2.（3）（1）
    parents: tuple[Parent, ...]  # the items between the area and the problem, top first
    # 责任单位, 责任领导 and 整改时限: the problem's own, else its nearest parent's
    lead: tuple[Department, ...]
    support: tuple[Department, ...]
    responsible: tuple[Department, ...]
    leader: str | None
    due: When | None
    due_state: DueState  # at the ledger's status day
    days: int | None  # days left (negative: overdue) when the due names a day

    @property
    def status(self) -> TaskStatus:
        return self.task.state

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def done_on(self) -> dt.date | None:
        return self.task.done_on

    @property
    def overdue(self) -> bool:
        return self.due_state is DueState.OVERDUE

    @property
    def due_note(self) -> str:
        """The due state in words when it says more than the status: 已逾期 N 天, 今天到期."""
        if self.due_state is DueState.OVERDUE and self.days is not None:
            return f"已逾期 {-self.days} 天"
        if self.due_state is DueState.TODAY:
            return "今天到期"
        return ""

    @property
    def has_units(self) -> bool:
        return bool(self.lead or self.support or self.responsible)


@dataclass(frozen=True)
class AreaSummary:
    """An area (方面): its items, its problems by status, its rows in the ledger."""

    area: Task
    label: str  # （一）
    items: int
    counts: Counts
    rows: tuple[LedgerRow, ...]

    @property
    def state(self) -> TaskStatus:
        return self.area.state

    @property
    def state_label(self) -> str:
        return status_label(self.state)


@dataclass(frozen=True)
class Comparison:
    """A total the data holds beside the one the report states (None: not stated)."""

    key: str
    label: str
    unit: str
    counted: int
    stated: int | None

    @property
    def difference(self) -> int | None:
        """counted − stated: negative when the ledger lists fewer than the report says."""
        return None if self.stated is None else self.counted - self.stated

    @property
    def difference_label(self) -> str:
        diff = self.difference
        if diff is None:
            return "—"
        if diff == 0:
            return "一致"
        return f"台账{'少' if diff < 0 else '多'} {abs(diff)} {self.unit}"


@dataclass(frozen=True)
class RuleList:
    """建章立制: the rules made (or revised), with the number the report states."""

    key: str  # rules_new | rules_revised
    label: str  # 新制定 | 修订完善
    names: tuple[str, ...]
    stated: int | None

    @property
    def heading(self) -> str:
        return f"{self.label}{len(self.names)}项"

    @property
    def differs(self) -> bool:
        return self.stated is not None and self.stated != len(self.names)


@dataclass(frozen=True)
class Ledger:
    campaign: Campaign
    day: dt.date  # the day the statuses hold for: as_of, else the build's today
    areas: tuple[AreaSummary, ...]
    items: int
    totals: Counts
    comparisons: tuple[Comparison, ...]  # every total, with the stated number where written
    stated_line: str | None  # 三方面17项43个问题: what the report says, in its words
    stated_note: str | None
    rules: tuple[RuleList, ...]  # new, revised (each only when written or stated)

    @property
    def rows(self) -> tuple[LedgerRow, ...]:
        return tuple(row for area in self.areas for row in area.rows)

    @property
    def overdue(self) -> tuple[LedgerRow, ...]:
        return tuple(row for row in self.rows if row.overdue)

    @property
    def has_stated(self) -> bool:
        return any(c.stated is not None for c in self.comparisons)

    @property
    def has_planned(self) -> bool:
        return self.totals.planned > 0

    @property
    def statuses(self) -> tuple[TaskStatus, ...]:
        """The statuses the count columns show: 未开始 only when a problem is planned."""
        return tuple(s for s in BAR_ORDER if s is not TaskStatus.PLANNED or self.has_planned)

    @property
    def legend(self) -> tuple[tuple[str, str], ...]:
        """(status value, label) of the statuses shown, for the bars' legend."""
        return tuple((s.value, status_label(s)) for s in self.statuses)


def ledger(campaign: Campaign, today: dt.date) -> Ledger:
    day = status_day(campaign, today)
    stated = dict(campaign.stated)
    areas = tuple(_area(area, day) for area in campaign.tasks)
    totals = counts(p for area in campaign.tasks for p in area.problems())
    items = sum(a.items for a in areas)
    held = {
        "areas": len(areas),
        "items": items,
        "problems": totals.problems,
        "done": totals.done,
        "long_term": totals.long_term,
        "ongoing": totals.unfinished,
    }
    comparisons = tuple(
        Comparison(
            key,
            label + ("（含未开始）" if key == "ongoing" and totals.planned else ""),
            unit,
            held[key],
            stated.get(key),
        )
        for key, label, unit in STATED_TOTALS
    )
    return Ledger(
        campaign=campaign,
        day=day,
        areas=areas,
        items=items,
        totals=totals,
        comparisons=comparisons,
        stated_line=stated_line(stated),
        stated_note=campaign.stated_note,
        rules=_rules(campaign, stated),
    )


def stated_line(stated: dict[str, int]) -> str | None:
    """三方面17项43个问题, as reports write it, from what is stated of the three (two
    areas are 两方面, as one says it, not 二方面)."""
    parts = []
    if "areas" in stated:
        n = stated["areas"]
        parts.append(f"{'两' if n == 2 else chinese_number(n) if 0 < n < 100 else n}方面")
    if "items" in stated:
        parts.append(f"{stated['items']}项")
    if "problems" in stated:
        parts.append(f"{stated['problems']}个")
    if not parts:
        return None
    return "".join(parts) + "问题"


def _rules(campaign: Campaign, stated: dict[str, int]) -> tuple[RuleList, ...]:
    rules = campaign.rules
    lists = (
        RuleList("rules_new", "新制定", rules.new if rules else (), stated.get("rules_new")),
        RuleList(
            "rules_revised", "修订完善", rules.revised if rules else (), stated.get("rules_revised")
        ),
    )
    return tuple(r for r in lists if r.names or r.stated is not None)


def _area(area: Task, day: dt.date) -> AreaSummary:
    label = task_label(area)
    rows: list[LedgerRow] = []
    for item in area.items:
        rows.extend(_rows(area, label, item, (), day))
    return AreaSummary(area, label, len(area.items), counts(area.problems()), tuple(rows))


def _rows(
    area: Task, area_label: str, task: Task, above: Sequence[Task], day: dt.date
) -> list[LedgerRow]:
    if task.items:
        result = []
        for item in task.items:
            result.extend(_rows(area, area_label, item, (*above, task), day))
        return result
    return [_row(area, area_label, task, tuple(above), day)]


def _row(
    area: Task, area_label: str, task: Task, above: tuple[Task, ...], day: dt.date
) -> LedgerRow:
    chain = (*above, task)
    # 责任单位 come together from the nearest node that names any; so do leader and due
    units = next((t for t in reversed(chain) if t.has_assignments), task)
    leader = next((t.leader for t in reversed(chain) if t.leader), None)
    due = next((t.due for t in reversed(chain) if t.due is not None), None)
    state = task_row(task if due is task.due else replace(task, due=due), day)
    parents = tuple(Parent(p, task_label(p), first=next(p.leaves()) is task) for p in above)
    return LedgerRow(
        area=area,
        area_label=area_label,
        task=task,
        path="".join(task_label(t) for t in chain),
        parents=parents,
        lead=units.lead,
        support=units.support,
        responsible=units.responsible,
        leader=leader,
        due=due,
        due_state=state.state,
        days=state.days,
    )
