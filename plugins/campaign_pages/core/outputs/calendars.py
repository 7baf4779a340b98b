"""Which calendars a build has: the site's, one per campaign, one per department with dated
work. Their events are written by :mod:`ics`, each once, whatever calendars it is in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING

from campaign_pages.core.model import Campaign, Deadline, Department, Task
from campaign_pages.core.outputs.build import Build, Output
from campaign_pages.core.views import campaigns as views

if TYPE_CHECKING:  # imported where used: only the process that writes calendars needs it
    from campaign_pages.core.outputs.ics import CalendarWriter


def calendar_outputs(build: Build, departments: list[views.DepartmentView]) -> Iterator[Output]:
    """The calendars; ``departments``: the department pages, each of which with work links to
    its calendar."""
    agenda = cache(partial(_agenda, build))
    site_name = build.settings.site_name
    yield Output(build.urls.site_ics, lambda: agenda().site(site_name))
    for campaign in build.site.campaigns:
        yield Output(build.urls.campaign_ics(campaign.id), partial(_of_campaign, agenda, campaign))
    for view in departments:
        if not view.is_empty:
            yield Output(
                build.urls.department_ics(view.department.id),
                partial(_of_department, agenda, view.department, site_name),
            )


def _of_campaign(agenda: Callable[[], _Agenda], campaign: Campaign) -> bytes:
    whole = agenda()
    entries = [(campaign, e) for e in whole.entries[campaign.id]]
    deadlines = [(campaign, d) for d in campaign.deadlines]
    dues = [(campaign, t) for t in campaign.all_tasks() if t.due is not None]
    return whole.writer.calendar(campaign.title, entries, deadlines, dues)


def _of_department(agenda: Callable[[], _Agenda], dept: Department, site_name: str) -> bytes:
    whole = agenda()
    title = f"{dept.name} · {site_name}"
    return whole.writer.calendar(
        title, whole.by_dept[dept.id], whole.dl_by_dept[dept.id], whole.dues_by_dept[dept.id]
    )


def _agenda(build: Build) -> _Agenda:
    """Every dated entry and deadline, by campaign and by department, for the calendars."""
    from campaign_pages.core.outputs.ics import CalendarWriter

    agenda = _Agenda(CalendarWriter(build.settings, build.urls))
    for campaign in build.site.campaigns:
        agenda.entries[campaign.id] = views.schedule_entries(campaign)
        for entry in agenda.entries[campaign.id]:
            agenda.everything.append((campaign, entry))
            for dept in entry.departments:
                agenda.by_dept[dept.id].append((campaign, entry))
        for deadline in campaign.deadlines:
            agenda.deadlines.append((campaign, deadline))
            for dept in dict.fromkeys((*deadline.from_, *deadline.to)):
                agenda.dl_by_dept[dept.id].append((campaign, deadline))
        for task in campaign.all_tasks():
            if task.due is not None:
                agenda.dues.append((campaign, task))
                for dept in dict.fromkeys(d for d, _ in task.roles()):
                    agenda.dues_by_dept[dept.id].append((campaign, task))
    return agenda


@dataclass
class _Agenda:
    writer: CalendarWriter
    entries: dict[str, list[views.Entry]] = field(default_factory=dict)
    everything: list[tuple[Campaign, views.Entry]] = field(default_factory=list)
    deadlines: list[tuple[Campaign, Deadline]] = field(default_factory=list)
    by_dept: dict[str, list[tuple[Campaign, views.Entry]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    dl_by_dept: dict[str, list[tuple[Campaign, Deadline]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    dues: list[tuple[Campaign, Task]] = field(default_factory=list)  # tasks' 完成时限
    dues_by_dept: dict[str, list[tuple[Campaign, Task]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def site(self, name: str) -> bytes:
        return self.writer.calendar(name, self.everything, self.deadlines, self.dues)
