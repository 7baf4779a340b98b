"""From the model to outputs: ``(path, content)`` pairs for pages, feeds, calendars, stylesheet.

The core never writes files: the MkDocs adapter turns outputs into virtual files and the CLI
writes them to a folder. News posts are MkDocs pages of their own; this module lists them,
and renders the header and footer the adapter adds to each post.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from . import listings, metadata, stats, views
from .blocks import Block
from .feeds import FeedInfo, write_feeds
from .ics import CalendarWriter
from .model import Campaign, Deadline, NewsPost, Site
from .render import Renderer
from .settings import Settings


@dataclass(frozen=True)
class Output:
    path: str  # a source path such as ``campaigns/x/index.md`` or ``calendar.ics``
    content: str | bytes


def asset(name: str) -> str:
    return files("campaign_pages").joinpath(f"assets/{name}").read_text("utf-8")


class Generator:
    """Everything the site shows, computed once per build from one :class:`Site`."""

    def __init__(
        self,
        site: Site,
        settings: Settings,
        renderer: Renderer,
        posts: Sequence[NewsPost] = (),
    ) -> None:
        self.site = site
        self.settings = settings
        self.renderer = renderer
        self.urls = renderer.urls
        self.today = settings.today
        # what the public sees; `mkdocs serve` also lists drafts and scheduled posts, marked
        self.posts = tuple(p for p in posts if settings.serve or p.is_published(self.today))
        self.published = tuple(p for p in posts if p.is_published(self.today))
        self._listings = listings.listings(self.posts, site, self.urls)
        self._neighbours = listings.neighbours(self.posts)
        self._post_by_src = {post.src: post for post in self.posts}
        self._by_campaign: dict[str, list[NewsPost]] = defaultdict(list)
        self._by_department: dict[str, list[NewsPost]] = defaultdict(list)
        for post in self.posts:
            for campaign in post.campaigns:
                self._by_campaign[campaign.id].append(post)
            for dept in post.departments:
                self._by_department[dept.id].append(post)
        self._departments = views.department_views(
            site.departments, views.ordered(site.campaigns, self.today), self.today
        )
        self._contexts: dict[str, dict[str, Any]] = {}

    def outputs(self) -> Iterator[Output]:
        """Every output, one at a time: the caller keeps what it needs of each."""
        yield from self.pages()
        yield from self.news_pages()
        yield from self.feeds()
        yield from self.calendars()
        yield Output(self.urls.stylesheet, asset("campaign-pages.css"))
        yield Output(self.urls.script, asset("campaign-pages.js"))
        yield Output(self.urls.search_worker, asset("campaign-search.js"))

    # -- campaign and department pages ------------------------------------------------------
    def pages(self) -> Iterator[Output]:
        urls = self.urls
        yield self._page(
            "campaigns.md",
            urls.campaigns_index(),
            groups=views.campaign_groups(self.site.campaigns, self.today),
        )
        for campaign in self.site.campaigns:
            context = self._campaign_context(campaign)
            yield self._page("campaign.md", urls.campaign(campaign.id), **context)
            yield self._page("schedule.md", urls.schedule(campaign.id), **context)
            yield self._page("responsibilities.md", urls.responsibilities(campaign.id), **context)
        yield self._page(
            "departments.md",
            urls.departments_index(),
            groups=views.department_groups(self._departments),
        )
        for view in self._departments:
            dept = view.department
            yield self._page(
                "department.md",
                urls.department(dept.id),
                view=view,
                news=self._by_department.get(dept.id, ()),
            )

    def _page(self, template: str, src: str, **context: Any) -> Output:
        return Output(src, self._render(template, src, **context))

    def _render(self, template: str, src: str, **context: Any) -> str:
        return self.renderer.render(
            template,
            src,
            site=self.site,
            settings=self.settings,
            today=self.today,
            post_item=self._post_item,
            **context,
        )

    def _post_item(self, post: NewsPost, level: int, compact: bool, page_url: str) -> str:
        """A post in a list, rendered once for every listing page that shows it."""
        return self.renderer.render_shared(
            (post.src, level, compact),
            "partials/post-item.html",
            page_url,
            post=post,
            level=level,
            compact=compact,
            today=self.today,
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
                "news": self._by_campaign.get(campaign.id, ()),
                "events": metadata.events(
                    campaign,
                    views.schedule_entries(campaign),
                    self._absolute(self.urls.campaign(campaign.id))
                    if self.settings.site_url
                    else None,
                ),
            }
        return self._contexts[campaign.id]

    # -- news -------------------------------------------------------------------------------
    def news_pages(self) -> Iterator[Output]:
        """Every listing page (all news, archives, tags, campaigns, departments), paginated."""
        years = [x for x in self._listings if x.kind == "year"]
        tags = [x for x in self._listings if x.kind == "tag"]
        months: dict[str, list[listings.Listing]] = defaultdict(list)
        for listing in self._listings:
            if listing.kind == "month":
                months[listing.key[:4]].append(listing)
        for listing in self._listings:
            size = (
                self.settings.page_size
                if listing.kind == "index"
                else self.settings.archive_page_size
            )
            for page in listings.paginate(listing, size):
                yield self._page(
                    "news-list.md",
                    page.src,
                    page=page,
                    years=years if listing.kind == "index" else [],
                    months=months[listing.key] if listing.kind == "year" else [],
                    tags=tags[:30] if listing.kind == "index" and page.number == 1 else [],
                    feeds=self._feed_links(listing.base)
                    if listing.kind in ("index", "campaign")
                    else {},
                )
        yield self._stats_page()

    def _stats_page(self) -> Output:
        posts = self.published
        tables = [
            stats.count(posts, by)
            for by in ("level", "year", "month", "source", "campaign", "department")
        ]
        return self._page(
            "stats.md",
            self.urls.news_stats(),
            summary=stats.summary(posts),
            tables=[(t, stats.bar_chart(t)) for t in tables],
        )

    def post_header(self, post: NewsPost) -> str:
        """HTML the adapter puts under a post's title: date, outlet, campaign, departments."""
        url, image = self._post_urls(post)
        article = metadata.news_article(post, url, image, self.site.info, self.settings.site_name)
        return self._render("post-header.html", post.src, post=post, article=article)

    def _post_urls(self, post: NewsPost) -> tuple[str | None, str | None]:
        if not self.settings.site_url:
            return None, None
        return self._absolute(post.src), self._absolute(post.cover) if post.cover else None

    # -- every page -------------------------------------------------------------------------
    def footer(self) -> str:
        """The government footer, the same on every page."""
        match = re.search(r"\d{14}", self.site.info.police_filing or "")
        return self._render("footer.html", "index.md", police_code=match[0] if match else "")

    def head(self, src: str, title: str, url: str | None, description: str | None) -> str:
        """What every page adds to its <head>: Open Graph tags, the 关怀版 switch."""
        post = self._post_by_src.get(src)
        image = self._post_urls(post)[1] if post else None
        summary = post.summary if post else description
        og = metadata.open_graph(title, url, summary, self.settings.site_name, post, image)
        return self._render("head.html", src, og=og)

    def post_footer(self, post: NewsPost) -> str:
        """HTML the adapter puts after a post: older and newer posts, related posts."""
        return self._render(
            "post-footer.html", post.src, post=post, near=self._neighbours[post.src]
        )

    # -- feeds ------------------------------------------------------------------------------
    def _absolute(self, src: str) -> str:
        base = (self.settings.site_url or "").rstrip("/") + "/"
        return base + self.urls.url(src)

    def _feed_links(self, base: str) -> dict[str, str]:
        scope = "" if base == self.urls.news_index() else base
        return self.urls.feeds(scope)

    def feeds(self) -> list[Output]:
        """RSS, Atom and JSON Feed of the whole site and of each campaign.

        Published posts only, even under `mkdocs serve`. Without ``site_url`` there are no
        absolute URLs to give, so there are no feeds (the adapter says so).
        """
        if not self.settings.site_url:
            return []
        post_url = {p.src: self._absolute(p.src) for p in self.published}
        covers = {p.src: self._absolute(p.cover) for p in self.published if p.cover}
        scopes = [
            ("", self.settings.site_name, self.urls.page(self.urls.news_index(), 1), self.published)
        ]
        by_campaign: dict[str, list[NewsPost]] = defaultdict(list)
        for post in self.published:
            for campaign in post.campaigns:
                by_campaign[campaign.id].append(post)
        for campaign in self.site.campaigns:  # even with no posts yet: one can subscribe early
            base = self.urls.campaign_news(campaign.id)
            scopes.append(
                (base, campaign.title, self.urls.page(base, 1), tuple(by_campaign[campaign.id]))
            )
        out = []
        for scope, title, home, posts in scopes:
            paths = self.urls.feeds(scope)
            info = FeedInfo(
                title=title,
                description=f"{title}：新闻动态",
                home=self._absolute(home),
                links={kind: self._absolute(path) for kind, path in paths.items()},
            )
            written = write_feeds(
                info, posts[: self.settings.feed_size], post_url, covers, self.today
            )
            out += [Output(paths[kind], content) for kind, content in written.items()]
        return out

    # -- blocks -----------------------------------------------------------------------------
    def render_block(self, block: Block, page_src: str) -> str:
        """The HTML of one block (of a known campaign, or ``all``) for the page at ``page_src``."""
        if block.kind in ("news", "stats"):
            posts = (
                self.posts
                if block.campaign_id == "all"
                else self._by_campaign.get(block.campaign_id, ())
            )
            campaign = self.site.campaign(block.campaign_id)
            if block.kind == "news":
                return self._render("blocks/news.html", page_src, posts=posts, campaign=campaign)
            published = [p for p in posts if p.is_published(self.today)]
            table = stats.count(published, "level")
            return self._render(
                "blocks/stats.html",
                page_src,
                campaign=campaign,
                summary=stats.summary(published),
                table=table,
                chart=stats.bar_chart(table),
            )
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
