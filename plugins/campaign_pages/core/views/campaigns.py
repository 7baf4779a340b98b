"""Pure functions from the model to what pages show: no I/O, no clock, no HTML."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from campaign_pages.core.dates import Precision, When, format_date_short, format_span
from campaign_pages.core.model import Activity, Campaign, Deadline, Department, Kind, Role, Task
from campaign_pages.core.views.tasks import DueState, TaskRow, status_day, task_label, task_row


class CampaignState(StrEnum):
    ONGOING = "ongoing"
    UPCOMING = "upcoming"
    PAST = "past"
    UNDATED = "undated"

    @property
    def label(self) -> str:
        return {
            "ongoing": "正在进行",
            "upcoming": "即将开始",
            "past": "已经结束",
            "undated": "日期待定",
        }[self.value]


def campaign_state(campaign: Campaign, today: dt.date) -> CampaignState:
    span = campaign.span
    if span is None:
        return CampaignState.UNDATED
    if today < span[0]:
        return CampaignState.UPCOMING
    if today > span[1]:
        return CampaignState.PAST
    return CampaignState.ONGOING


@dataclass(frozen=True)
class CampaignGroup:
    state: CampaignState
    campaigns: tuple[Campaign, ...]


def ordered(campaigns: tuple[Campaign, ...], today: dt.date) -> list[Campaign]:
    """Campaigns in the order the site lists them: ongoing, upcoming, past, undated."""
    return [c for group in campaign_groups(campaigns, today) for c in group.campaigns]


def campaign_groups(campaigns: tuple[Campaign, ...], today: dt.date) -> list[CampaignGroup]:
    """Ongoing (ending soonest first), upcoming (soonest first), past (latest first), undated."""
    buckets: dict[CampaignState, list[Campaign]] = defaultdict(list)
    for campaign in campaigns:
        buckets[campaign_state(campaign, today)].append(campaign)

    def start(c: Campaign) -> dt.date:
        return c.span[0] if c.span else dt.date.max

    def end(c: Campaign) -> dt.date:
        return c.span[1] if c.span else dt.date.max

    order = {
        CampaignState.ONGOING: sorted(buckets[CampaignState.ONGOING], key=lambda c: (end(c), c.id)),
        CampaignState.UPCOMING: sorted(
            buckets[CampaignState.UPCOMING], key=lambda c: (start(c), c.id)
        ),
        CampaignState.PAST: sorted(
            buckets[CampaignState.PAST], key=lambda c: (start(c), c.id), reverse=True
        ),
        CampaignState.UNDATED: sorted(buckets[CampaignState.UNDATED], key=lambda c: c.id),
    }
    return [CampaignGroup(state, tuple(items)) for state, items in order.items() if items]


@dataclass(frozen=True)
class KindGroup:
    """The campaigns of one kind of document, by state."""

    kind: Kind
    groups: tuple[CampaignGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(g.campaigns) for g in self.groups)


def kind_groups(campaigns: tuple[Campaign, ...], today: dt.date) -> list[KindGroup]:
    """The campaigns index: activity plans, work plans, ledgers, reports; each by state."""
    result = []
    for kind in Kind:
        of_kind = tuple(c for c in campaigns if c.kind == kind)
        if of_kind:
            result.append(KindGroup(kind, tuple(campaign_groups(of_kind, today))))
    return result


def card_counts(campaign: Campaign) -> str:
    """What a campaign's card on the index counts, by kind of document."""
    depts = f"{len(campaign.departments)} 个责任单位"
    if campaign.kind == Kind.WORK_PLAN:
        tasks = sum(1 for t in campaign.tasks for _ in t.leaves())
        return f"{tasks} 项任务 · {depts}"
    if campaign.kind == Kind.RECTIFICATION:
        items = sum(len(area.items) for area in campaign.tasks)
        problems = sum(1 for area in campaign.tasks for _ in area.problems())
        areas = len(campaign.tasks)
        return f"{areas} 个方面 · {items} 项问题 · {problems} 个具体问题 · {depts}"
    if campaign.kind == Kind.REPORT:
        months = f" · {len(campaign.themed_months)} 个主题月" if campaign.themed_months else ""
        return f"{len(campaign.figures)} 项数据{months}"
    return f"{len(campaign.activities)} 项活动 · {len(campaign.deadlines)} 项报送事项 · {depts}"


class DeadlineState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    TODAY = "today"
    DUE = "due"


@dataclass(frozen=True)
class DeadlineRow:
    campaign: Campaign
    deadline: Deadline
    state: DeadlineState
    days: int  # days left (negative: days overdue)

    @property
    def label(self) -> str:
        if self.state is DeadlineState.DONE:
            return "已报送"
        if self.state is DeadlineState.OVERDUE:
            return f"已逾期 {-self.days} 天"
        if self.state is DeadlineState.TODAY:
            return "今天截止"
        return f"还有 {self.days} 天"


def deadline_row(campaign: Campaign, deadline: Deadline, today: dt.date) -> DeadlineRow:
    days = (deadline.due - today).days
    if deadline.done:
        state = DeadlineState.DONE
    elif days < 0:
        state = DeadlineState.OVERDUE
    elif days == 0:
        state = DeadlineState.TODAY
    else:
        state = DeadlineState.DUE
    return DeadlineRow(campaign, deadline, state, days)


def deadline_rows(campaign: Campaign, today: dt.date) -> list[DeadlineRow]:
    rows = [deadline_row(campaign, d, today) for d in campaign.deadlines]
    return sorted(rows, key=lambda r: (r.deadline.due, r.deadline.source.line))


# -- schedule ---------------------------------------------------------------------------------

PRECISION_LABELS = {
    Precision.DAY: "",
    Precision.RANGE: "连续多日",
    Precision.PART_OF_MONTH: "大致时间",
    Precision.MONTH: "大致时间",
    Precision.SEASON: "大致时间",
    Precision.YEAR: "全年",
    Precision.RELATIVE: "大致时间",
    Precision.BEFORE: "限期完成",
    Precision.SINCE: "持续开展",
    Precision.RECURRING: "定期开展",
    Precision.UNKNOWN: "日期待定",
    Precision.ONGOING: "长期坚持",
    Precision.IMMEDIATE: "立行立改",
}


@dataclass(frozen=True)
class Entry:
    """One line of the schedule: an activity, or a dated step of one (then ``parent`` is set)."""

    activity: Activity
    parent: Activity | None = None

    @property
    def lead(self) -> tuple[Department, ...]:
        """Who leads it: its own lead (or 负责 units), else its activity's."""
        for source in (self.activity, self.parent):
            if source is not None and (source.lead or source.responsible):
                return source.lead or source.responsible
        return ()

    @property
    def departments(self) -> tuple[Department, ...]:
        """Every department with a role in it or in the activity it is a step of."""
        roles = [*self.activity.roles(), *(self.parent.roles() if self.parent else ())]
        return tuple(dict.fromkeys(dept for dept, _ in roles))

    @property
    def lead_label(self) -> str:
        for source in (self.activity, self.parent):
            if source is not None and (source.lead or source.responsible):
                return "牵头" if source.lead else "负责"
        return ""


class SlotState(StrEnum):
    PAST = "past"
    NOW = "now"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return {"past": "已过", "now": "进行中", "future": ""}[self.value]


@dataclass
class Slot:
    """One heading of the schedule: a day, a span of days, a fuzzy window, or 日期待定."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    texts: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    anchor: str = ""  # stable id of its heading: d20171017, r20171010-20171016, w…, tbd

    @property
    def fuzzy(self) -> bool:
        return self.precision.fuzzy

    @property
    def precision_label(self) -> str:
        return PRECISION_LABELS[self.precision]

    def state(self, today: dt.date) -> SlotState | None:
        if self.start is None or self.end is None:
            return None
        if self.end < today:
            return SlotState.PAST
        return SlotState.NOW if self.start <= today else SlotState.FUTURE

    def title(self, ref_year: int | None) -> str:
        """The heading: the day, the span, the editor's words for a fuzzy window, or 日期待定."""
        if self.start is None or self.end is None:
            return "日期待定"
        if self.fuzzy:
            return "、".join(self.texts)
        if self.precision is Precision.RANGE:
            return format_span(self.start, self.end, ref_year=ref_year)
        return format_date_short(self.start, ref_year=ref_year)


def schedule_entries(campaign: Campaign) -> list[Entry]:
    """What the schedule and the calendars list: every activity at the time written for it.

    An activity whose time is written only on its steps is shown by its steps; a step that
    has no time of its own is part of its activity's line; an activity with no time at all
    is listed under 日期待定.
    """
    entries: list[Entry] = []
    for activity in campaign.activities:
        steps = [
            Entry(item, activity)
            for item in activity.walk()
            if item is not activity and item.dated_here and item.when != activity.when
        ]
        if activity.dated_here or not steps:
            entries.append(Entry(activity))
        entries.extend(steps)
    return entries


def schedule(campaign: Campaign) -> list[Slot]:
    slots: dict[tuple[object, ...], Slot] = {}
    for entry in schedule_entries(campaign):
        when = entry.activity.when
        key = (when.start, when.end, when.is_fuzzy, when.every)
        slot = slots.get(key)
        if slot is None:
            slot = slots[key] = Slot(when.start, when.end, _slot_precision(when))
        if when.is_fuzzy and when.text and when.text not in slot.texts:
            slot.texts.append(when.text)
        slot.entries.append(entry)
    ordered = sorted(
        slots.values(),
        key=lambda s: (s.start or dt.date.max, s.end or dt.date.max, s.fuzzy),
    )
    anchors: set[str] = set()
    for slot in ordered:
        slot.entries.sort(key=lambda e: (e.activity.when.start_time or dt.time.min, _order(e)))
        anchor = _anchor(slot)
        slot.anchor = anchor if anchor not in anchors else f"{anchor}-{len(anchors)}"
        anchors.add(slot.anchor)
    return ordered


def _anchor(slot: Slot) -> str:
    if slot.start is None or slot.end is None:
        return "tbd"
    if slot.precision is Precision.DAY:
        return f"d{slot.start:%Y%m%d}"
    return f"{'w' if slot.fuzzy else 'r'}{slot.start:%Y%m%d}-{slot.end:%Y%m%d}"


def _order(entry: Entry) -> tuple[int, ...]:
    return tuple(int(n) for n in entry.activity.number.split("."))


def _slot_precision(when: When) -> Precision:
    if when.start is not None and when.start == when.end and not when.is_fuzzy:
        return Precision.DAY
    return when.precision


@dataclass(frozen=True)
class Bar:
    activity: Activity
    x: float
    width: float
    y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]  # the key day and today, as vertical lines
    undated: tuple[Activity, ...]
    row_height: int = 28


def timeline(
    campaign: Campaign, today: dt.date, width: int = 720, label_width: int = 250
) -> Timeline | None:
    """A Gantt-like picture of the top-level activities; None when nothing is dated."""
    dated = [a for a in campaign.activities if a.when.start and a.when.end]
    if not dated:
        return None
    first = min(a.when.start for a in dated if a.when.start)
    last = max(a.when.end for a in dated if a.when.end)
    if campaign.day:
        first, last = min(first, campaign.day), max(last, campaign.day)
    days = (last - first).days + 1
    scale = (width - label_width - 10) / days
    row, top = 28, 30

    def x(day: dt.date) -> float:
        return round(label_width + (day - first).days * scale, 1)

    bars = tuple(
        Bar(
            a,
            x(a.when.start),
            round(((a.when.end - a.when.start).days + 1) * scale, 1),
            top + i * row,
        )
        for i, a in enumerate(dated)
        if a.when.start and a.when.end
    )
    step = next((s for s in (1, 2, 7, 14, 30, 61, 92, 183) if days / s <= 12), 366)
    tick_days = [first + dt.timedelta(days=d) for d in range(0, days, step)]
    ticks = tuple(Tick(x(day), f"{day.month}/{day.day}") for day in tick_days)
    markers = []
    if campaign.day:
        markers.append(Marker(round(x(campaign.day) + scale / 2, 1), campaign.day_name or "关键日"))
    if first <= today <= last:
        markers.append(Marker(round(x(today) + scale / 2, 1), "今天"))
    return Timeline(
        width=width,
        height=top + len(dated) * row + 10,
        label_width=label_width,
        bars=bars,
        ticks=ticks,
        markers=tuple(markers),
        undated=tuple(a for a in campaign.activities if a not in dated),
        row_height=row,
    )


# -- responsibilities -------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    activity: Activity
    depth: int
    cells: tuple[Role | None, ...]


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Department, ...]
    rows: tuple[MatrixRow, ...]


def matrix(campaign: Campaign) -> Matrix:
    """Activities (and sub-items with their own assignments) × departments."""
    columns = campaign.departments
    rows = []
    for activity in campaign.activities:
        for item in activity.walk():
            if item is activity or item.has_assignments:
                roles = {dept.id: role for dept, role in item.roles()}
                cells = tuple(roles.get(d.id) for d in columns)
                rows.append(MatrixRow(item, item.number.count("."), cells))
    return Matrix(columns, tuple(rows))


# -- departments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    campaign: Campaign
    activity: Activity
    role: Role
    department: Department

    @property
    def others(self) -> tuple[Department, ...]:
        """Who it works with: the supporters of what it leads, the leads of what it supports."""
        a = self.activity
        if self.role is Role.LEAD:
            return a.support
        if self.role is Role.SUPPORT:
            return a.lead or a.responsible
        return tuple(d for d in a.responsible if d != self.department)


@dataclass(frozen=True)
class TaskAssignment:
    """A department's role in a task of a work plan or a problem of a ledger."""

    campaign: Campaign
    row: TaskRow  # the task and its due state at the campaign's status day
    role: Role

    @property
    def task(self) -> Task:
        return self.row.task

    @property
    def label(self) -> str:
        return task_label(self.task)


@dataclass
class DepartmentView:
    department: Department
    assignments: list[Assignment] = field(default_factory=list)
    tasks: list[TaskAssignment] = field(default_factory=list)  # in work plans and ledgers
    owes: list[DeadlineRow] = field(default_factory=list)  # deadlines it must submit
    receives: list[DeadlineRow] = field(default_factory=list)  # reports sent to it

    def by_role(self, role: Role) -> list[Assignment]:
        return [a for a in self.assignments if a.role is role]

    @property
    def campaigns(self) -> list[Campaign]:
        seen: dict[str, Campaign] = {}
        for a in self.assignments:
            seen.setdefault(a.campaign.id, a.campaign)
        for row in self.owes + self.receives:
            seen.setdefault(row.campaign.id, row.campaign)
        for t in self.tasks:
            seen.setdefault(t.campaign.id, t.campaign)
        return list(seen.values())

    @property
    def overdue_tasks(self) -> list[TaskAssignment]:
        return [t for t in self.tasks if t.row.state is DueState.OVERDUE and t.role != Role.SUPPORT]

    @property
    def is_empty(self) -> bool:
        return not (self.assignments or self.owes or self.receives or self.tasks)


def department_views(
    departments: Iterable[Department], campaigns: Iterable[Campaign], today: dt.date
) -> list[DepartmentView]:
    """What every department leads, supports and owes, in one pass over the campaigns."""
    views = {d.id: DepartmentView(d) for d in departments}
    for campaign in campaigns:
        for activity in campaign.all_activities():
            for dept, role in activity.roles():
                views[dept.id].assignments.append(Assignment(campaign, activity, role, dept))
        day = status_day(campaign, today)
        for task in campaign.all_tasks():
            roles = list(task.roles())
            if roles:
                trow = task_row(task, day)
                for dept, role in roles:
                    views[dept.id].tasks.append(TaskAssignment(campaign, trow, role))
        for deadline in campaign.deadlines:
            row = deadline_row(campaign, deadline, today)
            for dept in deadline.from_:
                views[dept.id].owes.append(row)
            for dept in deadline.to:
                views[dept.id].receives.append(row)
    for view in views.values():
        view.owes.sort(key=lambda r: r.deadline.due)
        view.receives.sort(key=lambda r: r.deadline.due)
    return list(views.values())


@dataclass(frozen=True)
class DepartmentGroup:
    name: str
    views: tuple[DepartmentView, ...]


def department_groups(views: list[DepartmentView]) -> list[DepartmentGroup]:
    groups: dict[str, list[DepartmentView]] = {}
    for view in views:
        groups.setdefault(view.department.group or "其他", []).append(view)
    return [DepartmentGroup(name, tuple(items)) for name, items in groups.items()]
