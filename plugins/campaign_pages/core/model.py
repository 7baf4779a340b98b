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
        if not starts or not ends:
            return None
        return min(starts), max(ends)

    @property
    def departments(self) -> tuple[Department, ...]:
        """Every department with a role in an activity, in directory order."""
        seen = {d.id: d for a in self.all_activities() for d, _ in a.roles()}
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
