"""The site as the views see it: frozen, cross-referenced, dates resolved."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from markupsafe import Markup

from campaign_pages.core.dates import When


@dataclass(frozen=True)
class Source:
    """Where an object was written, for messages."""

    path: str
    line: int


class Role(StrEnum):
    LEAD = "lead"
    SUPPORT = "support"
    RESPONSIBLE = "responsible"

    @property
    def label(self) -> str:
        return {"lead": "牵头", "support": "配合", "responsible": "负责"}[self.value]


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "planned": "按计划",
            "done": "已完成",
            "postponed": "已延期",
            "cancelled": "已取消",
        }[self.value]


class TaskStatus(StrEnum):
    """Where a task of a work plan or a problem of a ledger stands (written by the editor)."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    LONG_TERM = "long-term"

    @property
    def label(self) -> str:
        return {
            "planned": "未开始",
            "ongoing": "推进中",
            "done": "已完成",
            "long-term": "长期坚持",
        }[self.value]


class Kind(StrEnum):
    """What a campaign file is: the four kinds of document a department publishes."""

    ACTIVITY_PLAN = "activity-plan"
    WORK_PLAN = "work-plan"
    RECTIFICATION = "rectification"
    REPORT = "report"

    @property
    def label(self) -> str:
        return {
            "activity-plan": "活动方案",
            "work-plan": "工作方案",
            "rectification": "整改台账",
            "report": "工作总结",
        }[self.value]


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    description: str | None = None
    url: str | None = None
    phone: str | None = None
    address: str | None = None
    order: int = 0
    source: Source = Source("", 0)


@dataclass(frozen=True)
class SiteInfo:
    organizer: str | None = None
    operator: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police_filing: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class Activity:
    id: str
    number: str  # "2", "5.2": the plan's numbering, for tables
    title: str
    when: When  # its own time, else its parent's, else the span of its steps' times
    dated_here: bool  # ``when`` was written on this activity itself
    location: str | None
    lead: tuple[Department, ...]
    support: tuple[Department, ...]
    responsible: tuple[Department, ...]
    status: ActivityStatus
    body: Markup
    items: tuple[Activity, ...] = ()
    source: Source = Source("", 0)

    @property
    def has_assignments(self) -> bool:
        return bool(self.lead or self.support or self.responsible)

    def roles(self) -> Iterator[tuple[Department, Role]]:
        for dept in self.lead:
            yield dept, Role.LEAD
        for dept in self.support:
            yield dept, Role.SUPPORT
        for dept in self.responsible:
            yield dept, Role.RESPONSIBLE

    def walk(self) -> Iterator[Activity]:
        """This activity and its sub-activities, depth first."""
        yield self
        for item in self.items:
            yield from item.walk()


@dataclass(frozen=True)
class Deadline:
    id: str
    title: str
    when: When  # the due text as written; ``due`` is its latest day
    due: dt.date
    to: tuple[Department, ...]
    from_: tuple[Department, ...]
    done: bool
    body: Markup
    source: Source = Source("", 0)


@dataclass(frozen=True)
class Progress:
    """A dated note on how a task is going."""

    date: dt.date
    text: Markup
    percent: int | None = None


@dataclass(frozen=True)
class Task:
    """A node of a task tree: a work plan's task, or a ledger's area, problem or sub-problem."""

    id: str
    number: str  # "2", "2.1": its place in the tree, for labels and order
    title: str
    body: Markup
    lead: tuple[Department, ...]
    support: tuple[Department, ...]
    responsible: tuple[Department, ...]
    leader: str | None  # 责任领导: a post or a person
    due: When | None
    status: TaskStatus | None  # None: not written (a parent's follows its items')
    done_on: dt.date | None
    progress: tuple[Progress, ...]
    evidence: Markup
    measures: tuple[Markup, ...]
    items: tuple[Task, ...] = ()
    source: Source = Source("", 0)

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def has_assignments(self) -> bool:
        return bool(self.lead or self.support or self.responsible)

    def roles(self) -> Iterator[tuple[Department, Role]]:
        for dept in self.lead:
            yield dept, Role.LEAD
        for dept in self.support:
            yield dept, Role.SUPPORT
        for dept in self.responsible:
            yield dept, Role.RESPONSIBLE

    def walk(self) -> Iterator[Task]:
        """This task and those below it, depth first."""
        yield self
        for item in self.items:
            yield from item.walk()

    def leaves(self) -> Iterator[Task]:
        """The tasks below it that have none of their own (itself, if it has none)."""
        if not self.items:
            yield self
        for item in self.items:
            yield from item.leaves()

    def problems(self) -> Iterator[Task]:
        """For a ledger's area: its problems, the leaves below its items (an item without
        sub-problems is one problem; an area without items has none)."""
        for item in self.items:
            yield from item.leaves()

    @property
    def state(self) -> TaskStatus:
        """Its status as written, else what its items' statuses add up to."""
        if self.status is not None or not self.items:
            return self.status or TaskStatus.PLANNED
        states = {item.state for item in self.items}
        if states <= {TaskStatus.DONE}:
            return TaskStatus.DONE
        if states <= {TaskStatus.DONE, TaskStatus.LONG_TERM}:
            return TaskStatus.LONG_TERM
        if states == {TaskStatus.PLANNED}:
            return TaskStatus.PLANNED
        return TaskStatus.ONGOING


@dataclass(frozen=True)
class Inspection:
    """Who inspected, when, and the day the findings were handed over (巡察反馈)."""

    by: str
    round: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    feedback: dt.date | None = None


@dataclass(frozen=True)
class Rules:
    """建章立制: the rules a rectification made and revised."""

    new: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewsFilter:
    """Which of the site's news a stated figure is compared with (every filter must hold)."""

    levels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()  # department ids
    campaigns: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number a report states (各类新闻媒体发表稿件5720篇), maybe to be counted from news."""

    label: str
    value: float
    unit: str
    count: NewsFilter | None
    note: str | None = None
    source: Source = Source("", 0)


@dataclass(frozen=True)
class ThemedMonth:
    month: int
    title: str
    body: Markup


@dataclass(frozen=True)
class SectionItem:
    title: str
    body: Markup


@dataclass(frozen=True)
class Section:
    title: str
    body: Markup
    items: tuple[SectionItem, ...] = ()


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    kind: str
    theme: str | None
    day: dt.date | None
    day_name: str | None
    period: tuple[dt.date, dt.date] | None
    issuer: tuple[Department, ...]
    basis: str | None
    summary: Markup
    sections: tuple[Section, ...]
    activities: tuple[Activity, ...]
    deadlines: tuple[Deadline, ...]
    source: Source = Source("", 0)
    year: int | None = None
    as_of: dt.date | None = None  # the day its statuses were written (状态截至)
    goals: Section | None = None  # work plan: 工作目标
    tasks: tuple[Task, ...] = ()  # work plan: its tasks; ledger: its areas
    measures: tuple[Section, ...] = ()  # work plan: 保障措施
    inspection: Inspection | None = None
    rules: Rules | None = None
    stated: tuple[tuple[str, int], ...] = ()  # totals the document states, as written
    stated_note: str | None = None  # why the data holds other numbers, when it does
    figures: tuple[Figure, ...] = ()
    themed_months: tuple[ThemedMonth, ...] = ()

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    def all_tasks(self) -> Iterator[Task]:
        for task in self.tasks:
            yield from task.walk()

    def all_activities(self) -> Iterator[Activity]:
        for activity in self.activities:
            yield from activity.walk()

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The campaign's dates: its period, else what its key day and activities cover."""
        if self.period:
            return self.period
        starts = [a.when.start for a in self.all_activities() if a.when.start]
        ends = [a.when.end for a in self.all_activities() if a.when.end]
        if self.day:
            starts.append(self.day)
            ends.append(self.day)
        if not starts and self.year and self.kind != Kind.ACTIVITY_PLAN:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if not starts or not ends:
            return None
        return min(starts), max(ends)

    @property
    def departments(self) -> tuple[Department, ...]:
        """Every department with a role in an activity or a task, in directory order."""
        seen = {d.id: d for a in self.all_activities() for d, _ in a.roles()}
        seen.update((d.id, d) for t in self.all_tasks() for d, _ in t.roles())
        return tuple(sorted(seen.values(), key=lambda d: d.order))


@dataclass(frozen=True)
class Site:
    info: SiteInfo
    departments: tuple[Department, ...]
    campaigns: tuple[Campaign, ...]
    # ids (file name and written ``id:``) of campaign files with errors: what refers to them
    # may name what could not be read, and is not reported again while they are broken
    broken: frozenset[str] = frozenset()
    # False when data/departments.yml could not be read; else the names written in its
    # entries that had mistakes: department names are not checked against what is missing
    directory_read: bool = True
    unread_names: frozenset[str] = frozenset()
    # ids of campaigns shown as they last read without errors (``mkdocs serve`` only)
    stale: frozenset[str] = frozenset()

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)


class SourceLevel(StrEnum):
    """The level of the outlet that published a post (for publicity statistics)."""

    CENTRAL = "中央"
    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"


@dataclass(frozen=True)
class NewsPost:
    """A news page under ``docs/news/``: MkDocs renders it; we read its front matter."""

    src: str  # docs-relative path, as MkDocs calls it: news/2017/press-conference.md
    title: str
    date: dt.datetime  # aware, Asia/Shanghai unless the editor gave an offset
    has_time: bool  # the editor wrote a time of day, not only a date
    campaigns: tuple[Campaign, ...]
    activity: Activity | None
    departments: tuple[Department, ...]
    source: str | None  # 来源: the outlet
    source_level: SourceLevel | None
    tags: tuple[str, ...]
    summary: str  # plain text: the front matter's, else the first paragraph
    cover: str | None  # docs-relative path of the cover image
    draft: bool
    han: int  # Chinese characters in the body, for the reading time
    words: int  # Latin words in the body
    source_ref: Source = Source("", 0)

    @property
    def day(self) -> dt.date:
        return self.date.date()

    @property
    def reading_minutes(self) -> int:
        """About 450 Chinese characters or 200 Latin words a minute; at least one."""
        return max(1, math.ceil(self.han / 450 + self.words / 200))

    def is_scheduled(self, today: dt.date) -> bool:
        return self.day > today

    def is_published(self, today: dt.date) -> bool:
        return not self.draft and not self.is_scheduled(today)
