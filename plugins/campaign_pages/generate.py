"""From the model to outputs: ``(path, content)`` pairs for pages, calendars and the stylesheet.

The core never writes files: the MkDocs adapter turns outputs into virtual files and the CLI
writes them to a folder.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from . import views
from .blocks import Block
from .ics import CalendarWriter
from .model import Campaign, Deadline, Site
from .render import Renderer
from .settings import Settings


@dataclass(frozen=True)
class Output:
    path: str  # a source path such as ``campaigns/x/index.md`` or ``calendar.ics``
    content: str | bytes


def stylesheet() -> str:
    return files("campaign_pages").joinpath("assets/campaign-pages.css").read_text("utf-8")


class Generator:
    """Everything the site shows, computed once per build from one :class:`Site`."""

    def __init__(self, site: Site, settings: Settings, renderer: Renderer) -> None:
        self.site = site
        self.settings = settings
        self.renderer = renderer
        self.urls = renderer.urls
        self.today = settings.today
        self._departments = views.department_views(
            site.departments, views.ordered(site.campaigns, self.today), self.today
        )
        self._contexts: dict[str, dict[str, Any]] = {}

    def outputs(self) -> list[Output]:
        return [*self.pages(), *self.calendars(), Output(self.urls.stylesheet, stylesheet())]

    # -- pages ------------------------------------------------------------------------------
    def pages(self) -> list[Output]:
        urls = self.urls
        out = [
            self._page(
                "campaigns.md",
                urls.campaigns_index(),
                groups=views.campaign_groups(self.site.campaigns, self.today),
            )
        ]
        for campaign in self.site.campaigns:
            context = self._campaign_context(campaign)
            out.append(self._page("campaign.md", urls.campaign(campaign.id), **context))
            out.append(self._page("schedule.md", urls.schedule(campaign.id), **context))
            out.append(
                self._page("responsibilities.md", urls.responsibilities(campaign.id), **context)
            )
        out.append(
            self._page(
                "departments.md",
                urls.departments_index(),
                groups=views.department_groups(self._departments),
            )
        )
        for view in self._departments:
            out.append(self._page("department.md", urls.department(view.department.id), view=view))
        return out

    def _page(self, template: str, src: str, **context: Any) -> Output:
        return Output(src, self._render(template, src, **context))

    def _render(self, template: str, src: str, **context: Any) -> str:
        return self.renderer.render(
            template, src, site=self.site, settings=self.settings, today=self.today, **context
        )

    def _campaign_context(self, campaign: Campaign) -> dict[str, Any]:
        """What the campaign's pages and blocks show, computed once per campaign."""
        if campaign.id not in self._contexts:
            span = campaign.span
            by_dept = views.department_views(self.site.departments, (campaign,), self.today)
            self._contexts[campaign.id] = {
                "campaign": campaign,
                "campaign_year": span[0].year if span else None,
                "state": views.campaign_state(campaign, self.today),
                "deadlines": views.deadline_rows(campaign, self.today),
                "slots": views.schedule(campaign),
                "tl": views.timeline(campaign, self.today),
                "m": views.matrix(campaign),
                "by_dept": [v for v in by_dept if not v.is_empty],
            }
        return self._contexts[campaign.id]

    # -- blocks -----------------------------------------------------------------------------
    def render_block(self, block: Block, page_src: str) -> str:
        """The HTML of one block (of a known campaign) for the page at ``page_src``."""
        campaign = self.site.campaign(block.campaign_id)
        assert campaign is not None, block
        context = self._campaign_context(campaign)
        return self._render(f"blocks/{block.kind}.html", page_src, **context)

    # -- calendars --------------------------------------------------------------------------
    def calendars(self) -> list[Output]:
        """The site's calendar, one per campaign, one per department with any dated work."""
        writer = CalendarWriter(self.settings, self.urls)
        name = self.settings.site_name
        entries = {c.id: views.schedule_entries(c) for c in self.site.campaigns}
        by_dept: dict[str, list[tuple[Campaign, views.Entry]]] = defaultdict(list)
        dl_by_dept: dict[str, list[tuple[Campaign, Deadline]]] = defaultdict(list)
        for campaign in self.site.campaigns:
            for entry in entries[campaign.id]:
                for dept in entry.departments:
                    by_dept[dept.id].append((campaign, entry))
            for deadline in campaign.deadlines:
                for dept in dict.fromkeys((*deadline.from_, *deadline.to)):
                    dl_by_dept[dept.id].append((campaign, deadline))
        everything = [(c, e) for c in self.site.campaigns for e in entries[c.id]]
        all_deadlines = [(c, d) for c in self.site.campaigns for d in c.deadlines]
        out = [Output(self.urls.site_ics, writer.calendar(name, everything, all_deadlines))]
        for campaign in self.site.campaigns:
            out.append(
                Output(
                    self.urls.campaign_ics(campaign.id),
                    writer.calendar(
                        campaign.title,
                        [(campaign, e) for e in entries[campaign.id]],
                        [(campaign, d) for d in campaign.deadlines],
                    ),
                )
            )
        for view in self._departments:  # every department page with work links to one
            if not view.is_empty:
                dept = view.department
                out.append(
                    Output(
                        self.urls.department_ics(dept.id),
                        writer.calendar(
                            f"{dept.name} · {name}", by_dept[dept.id], dl_by_dept[dept.id]
                        ),
                    )
                )
        return out
