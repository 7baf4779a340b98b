"""iCalendar files for the whole site, each campaign and each department (with ``icalendar``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar

from .dates import Precision, format_when
from .markup import plain_text
from .model import Activity, ActivityStatus, Campaign, Deadline
from .settings import SHANGHAI, Settings
from .urls import Urls

_STATUS = {
    ActivityStatus.PLANNED: "CONFIRMED",
    ActivityStatus.DONE: "CONFIRMED",
    ActivityStatus.POSTPONED: "TENTATIVE",
    ActivityStatus.CANCELLED: "CANCELLED",
}


class CalendarWriter:
    """Turns activities and deadlines into VEVENTs with stable UIDs."""

    def __init__(self, settings: Settings, urls: Urls) -> None:
        self.settings = settings
        self.urls = urls
        host = urlsplit(settings.site_url or "").hostname
        self.uid_domain = host or "campaign-pages.invalid"
        # DTSTAMP must not come from the clock, or two builds would differ.
        self.stamp = dt.datetime.combine(settings.today, dt.time(0), tzinfo=dt.UTC)

    def calendar(
        self,
        name: str,
        activities: Iterable[tuple[Campaign, Activity]],
        deadlines: Iterable[tuple[Campaign, Deadline]],
    ) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", "-//campaign-pages//宣传专题//ZH")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Asia/Shanghai")
        for campaign, activity in activities:
            event = self.activity_event(campaign, activity)
            if event is not None:
                cal.add_component(event)
        for campaign, deadline in deadlines:
            cal.add_component(self.deadline_event(campaign, deadline))
        cal.add_missing_timezones()
        return bytes(cal.to_ical())

    def _link(self, src: str, anchor: str) -> str | None:
        if not self.settings.site_url:
            return None
        return self.settings.site_url.rstrip("/") + "/" + self.urls.url(src) + "#" + anchor

    def activity_event(self, campaign: Campaign, activity: Activity) -> icalendar.Event | None:
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
        if when.precision is Precision.DAY and when.start_time is not None:
            event.add("dtstart", dt.datetime.combine(when.start, when.start_time, tzinfo=SHANGHAI))
            if when.end_time is not None:
                event.add("dtend", dt.datetime.combine(when.end, when.end_time, tzinfo=SHANGHAI))
        else:
            # date-only and fuzzy dates: an all-day span over every possible day
            event.add("dtstart", when.start)
            event.add("dtend", when.end + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("status", _STATUS[activity.status])
        if activity.location:
            event.add("location", activity.location)
        lines = [f"时间：{when.text}（{format_when(when)}）" if when.text else format_when(when)]
        for label, depts in (
            ("牵头", activity.lead),
            ("配合", activity.support),
            ("负责", activity.responsible),
        ):
            if depts:
                lines.append(f"{label}：" + "、".join(d.name for d in depts))
        lines.append(f"所属方案：{campaign.title}")
        if activity.body:
            lines.append(plain_text(activity.body))
        event.add("description", "\n".join(lines))
        event.add("categories", [campaign.title])
        url = self._link(self.urls.campaign(campaign.id), activity.id)
        if url:
            event.add("url", url)
        return event

    def deadline_event(self, campaign: Campaign, deadline: Deadline) -> icalendar.Event:
        event = icalendar.Event()
        event.add("uid", f"{campaign.id}.deadline.{deadline.id}@{self.uid_domain}")
        event.add("dtstamp", self.stamp)
        event.add("summary", f"【报送截止】{deadline.title}")
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [f"截止：{deadline.when.text}"]
        if deadline.from_:
            lines.append("报送单位：" + "、".join(d.name for d in deadline.from_))
        if deadline.to:
            lines.append("报送至：" + "、".join(d.name for d in deadline.to))
        lines.append(f"所属方案：{campaign.title}")
        event.add("description", "\n".join(lines))
        event.add("categories", [campaign.title])
        url = self._link(self.urls.campaign(campaign.id), deadline.id)
        if url:
            event.add("url", url)
        return event
