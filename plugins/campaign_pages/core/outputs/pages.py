"""The campaign and department pages: the campaigns index, each campaign's overview, schedule
and responsibilities, the department directory and each department's page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, partial
from typing import Any

from campaign_pages.core.model import Campaign, Kind
from campaign_pages.core.outputs import metadata
from campaign_pages.core.outputs.build import Build, Output
from campaign_pages.core.views import campaigns as views
from campaign_pages.core.views import ledger, report, workplan

# each kind's pages: template and where it goes (urls.campaign, urls.schedule, …)
PAGES = {
    Kind.ACTIVITY_PLAN: (
        ("campaign.md", "campaign"),
        ("schedule.md", "schedule"),
        ("responsibilities.md", "responsibilities"),
    ),
    Kind.WORK_PLAN: (
        ("work-plan.md", "campaign"),
        ("work-plan-departments.md", "responsibilities"),
    ),
    Kind.RECTIFICATION: (("rectification.md", "campaign"),),
    Kind.REPORT: (("report.md", "campaign"),),
}


class CampaignPages:
    def __init__(self, build: Build) -> None:
        self.build = build
        site, today = build.site, build.today
        self.departments = views.department_views(
            site.departments, views.ordered(site.campaigns, today), today
        )
        self._contexts: dict[str, dict[str, Any]] = {}

    def outputs(self) -> Iterator[Output]:
        build, urls = self.build, self.build.urls
        yield build.page(
            "campaigns.md",
            urls.campaigns_index(),
            lambda: {
                "kinds": views.kind_groups(build.site.campaigns, build.today),
                "card_counts": views.card_counts,
            },
        )
        for campaign in build.site.campaigns:
            context = cache(partial(self.context, campaign))
            for template, where in PAGES[Kind(campaign.kind)]:
                yield build.page(template, getattr(urls, where)(campaign.id), context)
        yield build.page(
            "departments.md",
            urls.departments_index(),
            lambda: {"groups": views.department_groups(self.departments)},
        )
        for view in self.departments:
            news = build.posts.of_department(view.department.id)
            yield build.page(
                "department.md",
                urls.department(view.department.id),
                partial(dict, view=view, news=news),
            )

    def context(self, campaign: Campaign) -> dict[str, Any]:
        """What the campaign's pages and blocks show, computed once per campaign."""
        if campaign.id not in self._contexts:
            build, today = self.build, self.build.today
            span = campaign.span
            by_dept = views.department_views(build.site.departments, (campaign,), today)
            kind = Kind(campaign.kind)
            self._contexts[campaign.id] = {
                "kind": kind,
                "plan": workplan.work_plan(campaign, today) if kind is Kind.WORK_PLAN else None,
                "ledger": ledger.ledger(campaign, today) if kind is Kind.RECTIFICATION else None,
                "report": (
                    report.report(
                        campaign,
                        build.published.posts,
                        departments=build.site.departments,
                        campaigns=build.site.campaigns,
                    )
                    if kind is Kind.REPORT
                    else None
                ),
                "campaign": campaign,
                "campaign_year": span[0].year if span else None,
                "state": views.campaign_state(campaign, today),
                "deadlines": views.deadline_rows(campaign, today),
                "slots": views.schedule(campaign),
                "tl": views.timeline(campaign, today),
                "m": views.matrix(campaign),
                "by_dept": [v for v in by_dept if not v.is_empty],
                "news": build.posts.of_campaign(campaign.id),
                "events": metadata.events(
                    campaign,
                    views.schedule_entries(campaign),
                    build.absolute_or_none(build.urls.campaign(campaign.id)),
                ),
            }
        return self._contexts[campaign.id]
