"""Calendars are read back with the icalendar library, as a calendar client would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from campaign_pages.core.outputs.generator import Generator
from campaign_pages.core.read.site import read_site
from campaign_pages.core.render.renderer import Renderer
from campaign_pages.core.settings import SHANGHAI, Settings
from campaign_pages.core.urls import Urls


def _calendars(
    root: Path, site_url: str | None = "https://example.gov.cn/zt/test/"
) -> dict[str, bytes]:
    site, problems = read_site(root / "data")
    assert problems == []
    settings = Settings(today=dt.date(2017, 10, 12), site_url=site_url)
    generator = Generator(site, settings, Renderer(Urls()))
    rendered = {o.path: o.render() for o in generator.calendars()}
    return {path: c for path, c in rendered.items() if isinstance(c, bytes)}


def _events(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_files_exist_per_scope(make_tree: Callable[..., Path]) -> None:
    calendars = _calendars(make_tree())
    assert sorted(calendars) == [
        "calendar.ics",
        "campaigns/test-2017.ics",
        "departments/fpj.ics",
        "departments/tgb.ics",
        "departments/wjj.ics",
        "departments/xcb.ics",
        "departments/xgbm.ics",
    ]
    wjj = _events(calendars["departments/wjj.ics"])
    assert sorted(wjj) == ["test-2017.health@example.gov.cn", "test-2017.press@example.gov.cn"]


def test_events_read_back(make_tree: Callable[..., Path]) -> None:
    data = _calendars(make_tree())["campaigns/test-2017.ics"]
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "测试扶贫日活动方案"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = _events(data)

    timed = events["test-2017.consult@example.gov.cn"]
    start = timed.decoded("DTSTART")
    assert start == dt.datetime(2017, 10, 17, 9, 30, tzinfo=start.tzinfo)
    assert timed["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert timed.decoded("DTEND").time() == dt.time(11, 30)
    assert str(timed["LOCATION"]) == "新区阳光广场"
    assert str(timed["URL"]) == "https://example.gov.cn/zt/test/campaigns/test-2017/#consult"

    fuzzy = events["test-2017.press@example.gov.cn"]
    assert fuzzy.decoded("DTSTART") == dt.date(2017, 10, 11)
    assert fuzzy.decoded("DTEND") == dt.date(2017, 10, 21)  # exclusive end: through 10-20
    description = str(fuzzy["DESCRIPTION"])
    assert "10月中旬" in description and "牵头：市委宣传部、市扶贫局" in description

    cancelled = events["test-2017.health@example.gov.cn"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("【已取消】")

    deadline = events["test-2017.deadline.report@example.gov.cn"]
    assert deadline.decoded("DTSTART") == dt.date(2017, 10, 9)
    assert "报送单位：市级相关部门" in str(deadline["DESCRIPTION"])


def test_uids_are_stable_and_output_deterministic(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    first = _calendars(root)
    assert first == _calendars(root)
    # reordering activities keeps each activity's UID
    path = root / "data/campaigns/test-2017.yml"
    text = path.read_text("utf-8")
    head, rest = text.split("activities:\n", 1)
    acts, tail = rest.split("deadlines:\n", 1)
    items = ["  - id:" + a for a in acts.split("  - id:") if a]
    path.write_text(
        head + "activities:\n" + "".join(reversed(items)) + "deadlines:\n" + tail, "utf-8"
    )
    assert sorted(_events(_calendars(root)["calendar.ics"])) == sorted(
        _events(first["calendar.ics"])
    )


def test_without_site_url_uids_use_a_reserved_domain(make_tree: Callable[..., Path]) -> None:
    events = _events(_calendars(make_tree(), site_url=None)["calendar.ics"])
    assert all(uid.endswith("@campaign-pages.invalid") for uid in events)
    assert all("URL" not in e for e in events.values())


def test_steps_and_recurrences(make_tree: Callable[..., Path]) -> None:
    from .test_views import STEPS

    weekly = (
        "  - id: study\n    title: 集中学习\n    when: 每周五下午3:00—5:00\n    lead: [市扶贫局]\n"
    )
    root = make_tree(**{"data/campaigns/steps-2017.yml": STEPS + weekly})
    calendars = _calendars(root)
    # 市委宣传部 leads 集中宣传, which is dated only on its steps: its calendar has the steps
    xcb = _events(calendars["departments/xcb.ics"])
    steps = sorted(uid for uid in xcb if uid.startswith("steps-2017."))
    assert steps == ["steps-2017.day@example.gov.cn", "steps-2017.week@example.gov.cn"]
    assert "属于：1. 集中宣传" in str(xcb["steps-2017.week@example.gov.cn"]["DESCRIPTION"])
    assert "牵头：市委宣传部" in str(xcb["steps-2017.week@example.gov.cn"]["DESCRIPTION"])
    # 每周五 is a weekly event through the period, from its first Friday
    study = _events(calendars["campaigns/steps-2017.ics"])["steps-2017.study@example.gov.cn"]
    start = study.decoded("DTSTART")
    assert start == dt.datetime(2017, 10, 6, 15, 0, tzinfo=start.tzinfo)
    assert study.decoded("DTEND").time() == dt.time(17, 0)
    rule = study["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["FR"]
    assert rule["UNTIL"][0].date() == dt.date(2017, 10, 31)
    # 日期待定 has no event
    assert "steps-2017.oath@example.gov.cn" not in _events(calendars["calendar.ics"])


WEEKLY = """\
title: 每周活动的方案
period: {start: 2017-10-01, end: 2017-10-27}
activities:
  - id: allday
    title: 集中学习
    when: 每周五
    lead: [市扶贫局]
  - id: timed
    title: 集中学习（下午）
    when: 每周五下午3:00—5:00
    lead: [市扶贫局]
"""
FRIDAYS = [dt.date(2017, 10, d) for d in (6, 13, 20, 27)]  # the period ends on the last one
ALLDAY, TIMED = "weekly-2017.allday@example.gov.cn", "weekly-2017.timed@example.gov.cn"


def test_weekly_events_end_as_rfc_5545_says(make_tree: Callable[..., Path]) -> None:
    data = _calendars(make_tree(**{"data/campaigns/weekly-2017.yml": WEEKLY}))[
        "campaigns/weekly-2017.ics"
    ]
    events = _events(data)
    # §3.3.10: UNTIL is a DATE when DTSTART is one, and in UTC when DTSTART has a TZID
    [until] = events[ALLDAY]["RRULE"]["UNTIL"]
    assert events[ALLDAY].decoded("DTSTART") == FRIDAYS[0]
    assert until == dt.date(2017, 10, 27) and not isinstance(until, dt.datetime)
    [until] = events[TIMED]["RRULE"]["UNTIL"]
    assert isinstance(until, dt.datetime) and until.utcoffset() == dt.timedelta(0)
    assert until == dt.datetime(2017, 10, 27, 23, 59, 59, tzinfo=SHANGHAI)  # the last day, all
    # a calendar client expands them to every Friday of the period, the last one included
    calendar = recurring_ical_events.of(icalendar.Calendar.from_ical(data))
    starts: dict[str, list[Any]] = {}
    for event in calendar.between(dt.date(2017, 9, 1), dt.date(2017, 12, 1)):
        starts.setdefault(str(event["UID"]), []).append(event.decoded("DTSTART"))
    assert sorted(starts[ALLDAY]) == FRIDAYS
    assert sorted(starts[TIMED]) == [
        dt.datetime.combine(day, dt.time(15), tzinfo=SHANGHAI) for day in FRIDAYS
    ]


def test_every_event_has_the_required_properties(make_tree: Callable[..., Path]) -> None:
    from .test_views import STEPS

    tree = {"data/campaigns/weekly-2017.yml": WEEKLY, "data/campaigns/steps-2017.yml": STEPS}
    for path, data in _calendars(make_tree(**tree)).items():
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            uid = str(event.get("UID"))
            assert all(name in event for name in ("UID", "DTSTAMP", "DTSTART")), (path, uid)
            rule = event.get("RRULE")
            untils = rule.get("UNTIL", []) if rule else []
            assert not any(isinstance(u, dt.datetime) and u.tzinfo is None for u in untils), (
                path,
                uid,
            )
