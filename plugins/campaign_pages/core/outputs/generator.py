"""From the model to outputs: pages, feeds, calendars, stylesheet, each a path and a renderer.

Every path is known before anything is rendered, so a caller can plan the site first and
render later, or elsewhere (see :mod:`prerender`). The core never writes files: the MkDocs
adapter turns outputs into virtual files and the CLI writes them to a folder. News posts are
MkDocs pages of their own; this module lists them, and renders the header and footer the
adapter adds to each post.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from campaign_pages.core.model import Campaign, Deadline, Department, NewsPost, Site
from campaign_pages.core.outputs import metadata
from campaign_pages.core.outputs.feeds import FeedInfo, write_feeds
from campaign_pages.core.read.blocks import Block
from campaign_pages.core.render.markup import safe_title
from campaign_pages.core.render.renderer import Renderer
from campaign_pages.core.settings import Settings
from campaign_pages.core.views import campaigns as views
from campaign_pages.core.views import news as listings
from campaign_pages.core.views import stats

if TYPE_CHECKING:  # imported where used: only the process that writes calendars needs it
    from campaign_pages.core.outputs.ics import CalendarWriter


@dataclass(frozen=True)
class Output:
    path: str  # a source path such as ``campaigns/x/index.md`` or ``calendar.ics``
    render: Callable[[], str | bytes]  # makes the content; called once, when it is wanted


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
        self._listings = listings.listings(self.posts, site, self.urls, settings.archive_page_size)
        self._post_by_src = {post.src: post for post in self.posts}
        self.campaign_ids = frozenset(c.id for c in site.campaigns)
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
        """Every output, unrendered: planning the site costs next to nothing."""
        yield from self.pages()
        yield from self.news_pages()
        yield from self.feeds()
        yield from self.calendars()
        for path, name in (
            (self.urls.stylesheet, "campaign-pages.css"),
            (self.urls.script, "campaign-pages.js"),
            (self.urls.search_worker, "campaign-search.js"),
        ):
            yield Output(path, partial(asset, name))

    # -- campaign and department pages ------------------------------------------------------
    def pages(self) -> Iterator[Output]:
        urls = self.urls
        yield self._page(
            "campaigns.md",
            urls.campaigns_index(),
            lambda: {"groups": views.campaign_groups(self.site.campaigns, self.today)},
        )
        for campaign in self.site.campaigns:
            context = cache(partial(self._campaign_context, campaign))
            yield self._page("campaign.md", urls.campaign(campaign.id), context)
            yield self._page("schedule.md", urls.schedule(campaign.id), context)
            yield self._page("responsibilities.md", urls.responsibilities(campaign.id), context)
        yield self._page(
            "departments.md",
            urls.departments_index(),
            lambda: {"groups": views.department_groups(self._departments)},
        )
        for view in self._departments:
            news = self._by_department.get(view.department.id, ())
            yield self._page(
                "department.md",
                urls.department(view.department.id),
                partial(dict, view=view, news=news),
            )

    def _page(self, template: str, src: str, context: Callable[[], dict[str, Any]]) -> Output:
        return Output(src, lambda: self._render(template, src, **context()))

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
    @cached_property
    def _neighbours(self) -> dict[str, listings.Neighbours]:
        """Worked out when a footer is first rendered: in the process that renders them."""
        return listings.neighbours(self.posts)

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
                context: Callable[[], dict[str, Any]] = partial(
                    dict,
                    page=page,
                    years=years if listing.kind == "index" else [],
                    months=months[listing.key] if listing.kind == "year" else [],
                    tags=tags[:30] if listing.kind == "index" and page.number == 1 else [],
                    feeds=self._feed_links(listing.base)
                    if listing.kind in ("index", "campaign")
                    else {},
                )
                yield self._page("news-list.md", page.src, context)
        yield self._page("stats.md", self.urls.news_stats(), self._stats_context)

    def _stats_context(self) -> dict[str, Any]:
        posts = self.published
        tables = [
            stats.count(posts, by)
            for by in ("level", "year", "month", "source", "campaign", "department")
        ]
        return {
            "summary": stats.summary(posts),
            "tables": [(t, stats.bar_chart(t)) for t in tables],
        }

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
        """What every page adds to its <head>: Open Graph tags, feed links, the 关怀版 switch."""
        post = self._post_by_src.get(src)
        image = self._post_urls(post)[1] if post else None
        summary = post.summary if post else description
        og = metadata.open_graph(title, url, summary, self.settings.site_name, post, image)
        return self._render("head.html", src, og=og, feeds=self._announced_feeds())

    def _announced_feeds(self) -> list[tuple[str, str, str]]:
        """(type, title, path) of the site's feeds, for feed readers to find on any page.

        Only the site's: Material's JavaScript takes every ``<link rel="alternate">`` for a
        translation of the site and fetches ``sitemap.xml`` next to it, which exists at the
        site's root and nowhere else. A campaign's feeds are linked on its news page.
        Without ``site_url`` there are no feeds.
        """
        if not self.settings.site_url:
            return []
        title = _news_of(self.settings.site_name)
        return [
            (mime, f"{title}（{label}）", self.urls.feeds("")[kind])
            for kind, (mime, label) in _FEED_TYPES.items()
        ]

    def post_head(self, post: NewsPost) -> str:
        """:meth:`head` of a post's page, whose title is the post's and whose URL is known."""
        url = self._absolute(post.src) if self.settings.site_url else None
        return self.head(post.src, safe_title(post.title), url, None)

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

    def feeds(self) -> Iterator[Output]:
        """RSS, Atom and JSON Feed of the whole site and of each campaign.

        Published posts only, even under `mkdocs serve`. Without ``site_url`` there are no
        absolute URLs to give, so there are no feeds (the adapter says so).
        """
        if not self.settings.site_url:
            return
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
        for scope, title, home, posts in scopes:
            paths = self.urls.feeds(scope)
            info = FeedInfo(
                title=title,
                description=_news_of(title),
                home=self._absolute(home),
                links={kind: self._absolute(path) for kind, path in paths.items()},
                author=self.site.info.organizer or self.settings.site_name,
            )
            written = cache(  # the three formats of a scope are written together
                partial(
                    write_feeds,
                    info,
                    posts[: self.settings.feed_size],
                    post_url,
                    covers,
                    self.today,
                )
            )
            for kind, path in paths.items():
                yield Output(path, partial(_one_of, written, kind))

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
    def calendars(self) -> Iterator[Output]:
        """The site's calendar, one per campaign, one per department with any dated work."""
        agenda = cache(self._agenda)
        yield Output(self.urls.site_ics, partial(self._site_calendar, agenda))
        for campaign in self.site.campaigns:
            yield Output(
                self.urls.campaign_ics(campaign.id),
                partial(self._campaign_calendar, agenda, campaign),
            )
        for view in self._departments:  # every department page with work links to one
            if not view.is_empty:
                yield Output(
                    self.urls.department_ics(view.department.id),
                    partial(self._department_calendar, agenda, view.department),
                )

    def _site_calendar(self, agenda: Callable[[], _Agenda]) -> bytes:
        whole = agenda()
        return whole.writer.calendar(self.settings.site_name, whole.everything, whole.deadlines)

    def _campaign_calendar(self, agenda: Callable[[], _Agenda], campaign: Campaign) -> bytes:
        whole = agenda()
        entries = [(campaign, e) for e in whole.entries[campaign.id]]
        deadlines = [(campaign, d) for d in campaign.deadlines]
        return whole.writer.calendar(campaign.title, entries, deadlines)

    def _department_calendar(self, agenda: Callable[[], _Agenda], dept: Department) -> bytes:
        whole = agenda()
        title = f"{dept.name} · {self.settings.site_name}"
        return whole.writer.calendar(title, whole.by_dept[dept.id], whole.dl_by_dept[dept.id])

    def _agenda(self) -> _Agenda:
        """Every dated entry and deadline, by campaign and by department, for the calendars."""
        from campaign_pages.core.outputs.ics import CalendarWriter

        agenda = _Agenda(CalendarWriter(self.settings, self.urls))
        for campaign in self.site.campaigns:
            agenda.entries[campaign.id] = views.schedule_entries(campaign)
            for entry in agenda.entries[campaign.id]:
                agenda.everything.append((campaign, entry))
                for dept in entry.departments:
                    agenda.by_dept[dept.id].append((campaign, entry))
            for deadline in campaign.deadlines:
                agenda.deadlines.append((campaign, deadline))
                for dept in dict.fromkeys((*deadline.from_, *deadline.to)):
                    agenda.dl_by_dept[dept.id].append((campaign, deadline))
        return agenda


# how <link rel="alternate"> names each feed format: MIME type, and a name for its title
_FEED_TYPES = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


def _news_of(title: str) -> str:
    """A feed's description, after the site's or campaign's title."""
    return f"{title}：新闻动态"


def _one_of(written: Callable[[], dict[str, bytes]], kind: str) -> bytes:
    return written()[kind]


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
