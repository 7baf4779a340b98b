"""iCalendar files for the whole site, each campaign and each department (with ``icalendar``)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar

from campaign_pages.core.dates import Precision, format_when
from campaign_pages.core.model import (
    ActivityStatus,
    Campaign,
    Deadline,
    Department,
    Role,
    Task,
    TaskStatus,
)
from campaign_pages.core.render.markup import plain_text
from campaign_pages.core.settings import SHANGHAI, Settings
from campaign_pages.core.urls import Urls
from campaign_pages.core.views.campaigns import Entry
from campaign_pages.core.views.tasks import task_label

_STATUS = {
    ActivityStatus.PLANNED: "CONFIRMED",
    ActivityStatus.DONE: "CONFIRMED",
    ActivityStatus.POSTPONED: "TENTATIVE",
    ActivityStatus.CANCELLED: "CANCELLED",
}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# recurring dues (core.due): every how many months, at the end of the month
_EVERY_MONTHS = {"每月底": 1, "每季度末": 3, "每半年末": 6, "每年年底": 12}


def _until(last: dt.date, timed: bool) -> dt.date | dt.datetime:
    """RRULE's UNTIL through the ``last`` day (RFC 5545 §3.3.10): a DATE when DTSTART is a
    date, else the end of that day in Beijing written in UTC, as a DTSTART with TZID needs."""
    if not timed:
        return last
    return dt.datetime.combine(last, dt.time(23, 59, 59), tzinfo=SHANGHAI).astimezone(dt.UTC)


class CalendarWriter:
    """Turns schedule entries and deadlines into VEVENTs with stable UIDs."""

    def __init__(self, settings: Settings, urls: Urls) -> None:
        self.settings = settings
        self.urls = urls
        host = urlsplit(settings.site_url or "").hostname
        self.uid_domain = host or "campaign-pages.invalid"
        # DTSTAMP must not come from the clock, or two builds would differ.
        self.stamp = dt.datetime.combine(settings.today, dt.time(0), tzinfo=dt.UTC)
        # built once: icalendar derives it from the tz database, which is slow to repeat
        self._timezone = bytes(icalendar.Timezone.from_tzid("Asia/Shanghai").to_ical())
        self._events: dict[tuple[str, str], tuple[bytes, bool] | None] = {}
        self._deadlines: dict[tuple[str, str], bytes] = {}
        self._dues: dict[tuple[str, str], bytes | None] = {}

    def calendar(
        self,
        name: str,
        entries: Iterable[tuple[Campaign, Entry]],
        deadlines: Iterable[tuple[Campaign, Deadline]],
        dues: Iterable[tuple[Campaign, Task]] = (),
    ) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", "-//campaign-pages//宣传专题//ZH")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Asia/Shanghai")
        events: list[bytes] = []
        timed = False
        for campaign, entry in entries:
            event = self._activity(campaign, entry)
            if event is not None:
                events.append(event[0])
                timed = timed or event[1]
        events += [self._deadline(campaign, deadline) for campaign, deadline in deadlines]
        for campaign, task in dues:
            due = self._due(campaign, task)
            if due is not None:
                events.append(due)
        if timed:  # events at a time of day refer to TZID=Asia/Shanghai
            events.append(self._timezone)
        # what icalendar writes for the calendar with these components, in this order
        end = b"END:VCALENDAR\r\n"
        head = bytes(cal.to_ical())
        return head[: -len(end)] + b"".join(events) + end

    # An activity is in the site's calendar, its campaign's and each of its departments':
    # each event is serialised once and the bytes are reused.
    def _activity(self, campaign: Campaign, entry: Entry) -> tuple[bytes, bool] | None:
        key = (campaign.id, entry.activity.id)
        if key not in self._events:
            event = self.activity_event(campaign, entry)
            self._events[key] = (
                None
                if event is None
                else (bytes(event.to_ical()), isinstance(event.decoded("DTSTART"), dt.datetime))
            )
        return self._events[key]

    def _deadline(self, campaign: Campaign, deadline: Deadline) -> bytes:
        key = (campaign.id, deadline.id)
        if key not in self._deadlines:
            self._deadlines[key] = bytes(self.deadline_event(campaign, deadline).to_ical())
        return self._deadlines[key]

    def _due(self, campaign: Campaign, task: Task) -> bytes | None:
        key = (campaign.id, task.id)
        if key not in self._dues:
            event = self.due_event(campaign, task)
            self._dues[key] = None if event is None else bytes(event.to_ical())
        return self._dues[key]

    def _described(
        self, event: icalendar.Event, campaign: Campaign, lines: list[str], anchor: str
    ) -> icalendar.Event:
        """The description, the campaign as category and the link to the item's anchor."""
        event.add("description", "\n".join(lines))
        event.add("categories", [campaign.title])
        url = self._link(self.urls.campaign(campaign.id), anchor)
        if url:
            event.add("url", url)
        return event

    def _link(self, src: str, anchor: str) -> str | None:
        if not self.settings.site_url:
            return None
        return self.settings.site_url.rstrip("/") + "/" + self.urls.url(src) + "#" + anchor

    def activity_event(self, campaign: Campaign, entry: Entry) -> icalendar.Event | None:
        activity = entry.activity
        when = activity.when
        if when.start is None or when.end is None:
            return None  # 日期待定: nothing to put in a calendar
        event = icalendar.Event()
        event.add("uid", f"{campaign.id}.{activity.id}@{self.uid_domain}")
        event.add("dtstamp", self.stamp)
        summary = activity.title
        if activity.status is not ActivityStatus.PLANNED:
            summary = f"【{activity.status.label}】{summary}"
        event.add("summary", summary)
        if when.precision is Precision.RECURRING and when.weekday is not None:
            # 每周五: a weekly event through the campaign, at its time if one is given
            first = when.start + dt.timedelta(days=(when.weekday - when.start.weekday()) % 7)
            self._times(event, first, when.start_time, when.end_time)
            until = _until(when.end, timed=when.start_time is not None)
            event.add("rrule", {"freq": "weekly", "byday": _BYDAY[when.weekday], "until": until})
        elif when.precision is Precision.DAY and when.start_time is not None:
            self._times(event, when.start, when.start_time, when.end_time)
        else:
            # date-only and fuzzy dates: an all-day span over every possible day
            event.add("dtstart", when.start)
            event.add("dtend", when.end + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("status", _STATUS[activity.status])
        if activity.location:
            event.add("location", activity.location)
        return self._described(event, campaign, self._description(campaign, entry), activity.id)

    @staticmethod
    def _times(
        event: icalendar.Event, day: dt.date, start: dt.time | None, end: dt.time | None
    ) -> None:
        if start is None:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            return
        event.add("dtstart", dt.datetime.combine(day, start, tzinfo=SHANGHAI))
        if end is not None:
            event.add("dtend", dt.datetime.combine(day, end, tzinfo=SHANGHAI))

    @staticmethod
    def _description(campaign: Campaign, entry: Entry) -> list[str]:
        activity, when = entry.activity, entry.activity.when
        lines = [f"时间：{when.text}（{format_when(when)}）" if when.text else format_when(when)]
        if entry.parent:
            lines.append(f"属于：{entry.parent.number}. {entry.parent.title}")
        roles = [*activity.roles()] or [*(entry.parent.roles() if entry.parent else ())]
        lines += _role_lines(roles)
        lines.append(f"所属方案：{campaign.title}")
        if activity.body:
            lines.append(plain_text(activity.body))
        return lines

    def deadline_event(self, campaign: Campaign, deadline: Deadline) -> icalendar.Event:
        event = icalendar.Event()
        event.add("uid", f"{campaign.id}.deadline.{deadline.id}@{self.uid_domain}")
        event.add("dtstamp", self.stamp)
        summary = f"【报送截止】{deadline.title}"
        event.add("summary", f"【已报送】{deadline.title}" if deadline.done else summary)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [f"截止：{deadline.when.text or deadline.due.isoformat()}"]
        if deadline.from_:
            lines.append("报送单位：" + "、".join(d.name for d in deadline.from_))
        if deadline.to:
            lines.append("报送至：" + "、".join(d.name for d in deadline.to))
        lines.append(f"所属方案：{campaign.title}")
        return self._described(event, campaign, lines, deadline.id)

    def due_event(self, campaign: Campaign, task: Task) -> icalendar.Event | None:
        """A task's due (完成时限) as an all-day event on its last day; 每季度末 and the like
        as a monthly rule; 长期坚持 has no day and is not in calendars."""
        due = task.due
        if due is None or due.end is None or due.precision is Precision.ONGOING:
            return None
        event = icalendar.Event()
        event.add("uid", f"{campaign.id}.due.{task.id}@{self.uid_domain}")
        event.add("dtstamp", self.stamp)
        done = task.state is TaskStatus.DONE
        event.add("summary", f"【{'已完成' if done else '完成时限'}】{task.title}")
        months = _EVERY_MONTHS.get(due.every or "")
        if due.precision is Precision.RECURRING and months and due.start:
            first = _month_end(due.start.year, months)
            event.add("dtstart", first)
            event.add("dtend", first + dt.timedelta(days=1))
            event.add(
                "rrule", {"freq": "monthly", "interval": months, "bymonthday": -1, "until": due.end}
            )
        else:
            event.add("dtstart", due.end)
            event.add("dtend", due.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [f"时限：{due.text}（{format_when(due)}）" if due.text else format_when(due)]
        lines.append(f"状态：{task.state.label}")
        lines += _role_lines(task.roles())
        if task.leader:
            lines.append(f"责任领导：{task.leader}")
        lines.append(f"所属：{campaign.title}（{task_label(task)}）")
        return self._described(event, campaign, lines, task.id)


def _role_lines(roles: Iterable[tuple[Department, Role]]) -> list[str]:
    """牵头：A、B / 配合：C / 负责：D, for a description."""
    written = list(roles)
    lines = []
    for role in Role:
        names = [dept.name for dept, r in written if r is role]
        if names:
            lines.append(f"{role.label}：" + "、".join(names))
    return lines


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
