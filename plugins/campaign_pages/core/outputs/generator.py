"""From the model to outputs: pages, feeds, calendars, stylesheet, each a path and a renderer.

Every path is known before anything is rendered, so a caller can plan the site first and
render later, or elsewhere (see :mod:`campaign_pages.speed.prerender`). The core never writes
files: the MkDocs adapter turns outputs into virtual files and the CLI writes them to a
folder. The work is done by one module per page family, sharing one :class:`Build`:
:mod:`pages` (campaigns and departments), :mod:`news` (listings, statistics), :mod:`feeds`,
:mod:`calendars`, and :mod:`parts` (what posts and every page get added).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from importlib.resources import files

from campaign_pages.core.model import NewsPost, Site
from campaign_pages.core.outputs.build import Build, Output
from campaign_pages.core.outputs.calendars import calendar_outputs
from campaign_pages.core.outputs.feeds import feed_outputs
from campaign_pages.core.outputs.news import NewsPages
from campaign_pages.core.outputs.pages import CampaignPages
from campaign_pages.core.outputs.parts import PageParts
from campaign_pages.core.read.blocks import Block
from campaign_pages.core.render.renderer import Renderer
from campaign_pages.core.settings import Settings
from campaign_pages.core.views import stats

_ASSETS = ("campaign-pages.css", "campaign-pages.js", "campaign-search.js")


def asset(name: str) -> str:
    """An asset's text; the stylesheet is followed by each kind of document's own rules
    (``assets/kinds/*.css``), so that one stylesheet is loaded."""
    folder = files("campaign_pages").joinpath("assets")
    text = folder.joinpath(name).read_text("utf-8")
    if name.endswith(".css"):
        kinds = sorted(
            (f for f in folder.joinpath("kinds").iterdir() if f.name.endswith(".css")),
            key=lambda f: f.name,
        )
        text += "".join(f"\n/* -- {f.name} -- */\n" + f.read_text("utf-8") for f in kinds)
    return text


class Generator:
    """Everything the site shows, computed once per build from one :class:`Site`."""

    def __init__(
        self, site: Site, settings: Settings, renderer: Renderer, posts: Sequence[NewsPost] = ()
    ) -> None:
        self.build = build = Build(site, settings, renderer, posts)
        self.site, self.settings, self.today = site, settings, build.today
        self.posts = build.posts.posts
        self.campaign_ids = {c.id: c.kind for c in site.campaigns}  # for the blocks
        self.campaigns = CampaignPages(build)
        self.news = NewsPages(build)
        self.parts = PageParts(build)
        # what the adapter adds to pages that are not generated
        self.footer = self.parts.footer
        self.head = self.parts.head
        self.post_head = self.parts.post_head
        self.post_header = self.parts.post_header
        self.post_footer = self.parts.post_footer

    def outputs(self) -> Iterator[Output]:
        """Every output, unrendered: planning the site costs next to nothing."""
        yield from self.campaigns.outputs()
        yield from self.news.outputs()
        yield from feed_outputs(self.build)
        yield from self.calendars()
        urls = self.build.urls
        for path, name in zip(
            (urls.stylesheet, urls.script, urls.search_worker), _ASSETS, strict=True
        ):
            yield Output(path, partial(asset, name))

    def calendars(self) -> Iterator[Output]:
        return calendar_outputs(self.build, self.campaigns.departments)

    def render_block(self, block: Block, page_src: str) -> str:
        """The HTML of one block (of a known campaign, or ``all``) for the page at ``page_src``."""
        build = self.build
        campaign = self.site.campaign(block.campaign_id)
        if block.kind == "news":
            posts = build.posts.scope(block.campaign_id)
            return build.render("blocks/news.html", page_src, posts=posts, campaign=campaign)
        if block.kind == "stats":
            published = build.published.scope(block.campaign_id)
            table = stats.count(published, "level")
            return build.render(
                "blocks/stats.html",
                page_src,
                campaign=campaign,
                summary=stats.summary(published),
                table=table,
                chart=stats.bar_chart(table),
            )
        assert campaign is not None, block
        context = self.campaigns.context(campaign)
        return build.render(f"blocks/{block.kind}.html", page_src, **context)
