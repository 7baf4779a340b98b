"""From the model to outputs: ``(path, content)`` pairs for pages, calendars and the stylesheet.

The core never writes files: the MkDocs adapter turns outputs into virtual files and the CLI
writes them to a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from . import views
from .blocks import Block
from .ics import CalendarWriter
from .model import Campaign, Site
from .render import Renderer
from .settings import Settings


@dataclass(frozen=True)
class Output:
    path: str  # a source path such as ``campaigns/x/index.md`` or ``calendar.ics``
    content: str | bytes

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


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
        self._departments = views.department_views(site, settings.today)

    # -- pages ------------------------------------------------------------------------------
    def outputs(self) -> list[Output]:
        return [*self.pages(), *self.calendars(), Output(self.urls.stylesheet, stylesheet())]

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
        text = self.renderer.render(template, src, site=self.site, today=self.today, **context)
        return Output(src, text)

    def _campaign_context(self, campaign: Campaign) -> dict[str, Any]:
        span = campaign.span
        return {
            "campaign": campaign,
            "campaign_year": span[0].year if span else None,
            "state": views.campaign_state(campaign, self.today),
            "deadlines": views.deadline_rows(campaign, self.today),
            "slots": views.schedule(campaign),
            "tl": views.timeline(campaign),
            "m": views.matrix(campaign),
        }

    # -- blocks -----------------------------------------------------------------------------
    def render_block(self, block: Block, page_src: str) -> str | None:
        """The HTML of one block for the page at ``page_src``; None for an unknown campaign."""
        campaign = self.site.campaign(block.campaign_id)
        if campaign is None:
            return None
        return self.renderer.render(
            f"blocks/{block.kind}.html",
            page_src,
            site=self.site,
            today=self.today,
            **self._campaign_context(campaign),
        )

    # -- calendars --------------------------------------------------------------------------
    def calendars(self) -> list[Output]:
        writer = CalendarWriter(self.settings, self.urls)
        title = self.site.info.title
        everything = [(c, a) for c in self.site.campaigns for a in c.all_activities()]
        all_deadlines = [(c, d) for c in self.site.campaigns for d in c.deadlines]
        out = [Output(self.urls.site_ics, writer.calendar(title, everything, all_deadlines))]
        for campaign in self.site.campaigns:
            out.append(
                Output(
                    self.urls.campaign_ics(campaign.id),
                    writer.calendar(
                        campaign.title,
                        ((campaign, a) for a in campaign.all_activities()),
                        ((campaign, d) for d in campaign.deadlines),
                    ),
                )
            )
        for view in self._departments:
            if view.is_empty:
                continue
            activities = {
                (a.campaign.id, a.activity.id): (a.campaign, a.activity) for a in view.assignments
            }
            deadlines = {
                (r.campaign.id, r.deadline.id): (r.campaign, r.deadline)
                for r in view.owes + view.receives
            }
            out.append(
                Output(
                    self.urls.department_ics(view.department.id),
                    writer.calendar(
                        f"{view.department.name} · {title}",
                        activities.values(),
                        deadlines.values(),
                    ),
                )
            )
        return out
