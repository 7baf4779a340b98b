"""The news listing pages (all news, archives, tags, campaigns, departments) and the
publicity statistics page. The posts themselves are MkDocs pages: see :mod:`parts`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from campaign_pages.core.outputs.build import Build, Output
from campaign_pages.core.views import news as listings
from campaign_pages.core.views import stats


class NewsPages:
    def __init__(self, build: Build) -> None:
        self.build = build
        settings = build.settings
        self.listings = listings.listings(
            build.posts, build.site, build.urls, settings.archive_page_size
        )

    def outputs(self) -> Iterator[Output]:
        """Every listing page, paginated, then the statistics page."""
        build, settings = self.build, self.build.settings
        years = [x for x in self.listings if x.kind == "year"]
        tags = [x for x in self.listings if x.kind == "tag"]
        months: dict[str, list[listings.Listing]] = defaultdict(list)
        for listing in self.listings:
            if listing.kind == "month":
                months[listing.key[:4]].append(listing)
        for listing in self.listings:
            index = listing.kind == "index"
            size = settings.news_page_size if index else settings.archive_page_size
            for page in listings.paginate(listing, size):
                context: Callable[[], dict[str, Any]] = partial(
                    dict,
                    page=page,
                    years=years if index else [],
                    months=months[listing.key] if listing.kind == "year" else [],
                    tags=tags[:30] if index and page.number == 1 else [],
                    feeds=self.feed_links(listing.base)
                    if listing.kind in ("index", "campaign")
                    else {},
                )
                yield build.page("news-list.md", page.src, context)
        yield build.page("stats.md", build.urls.news_stats(), self.stats_context)

    def feed_links(self, base: str) -> dict[str, str]:
        """The feeds a listing links to: the site's on the news index, else its own."""
        urls = self.build.urls
        return urls.feeds("" if base == urls.news_index() else base)

    def stats_context(self) -> dict[str, Any]:
        posts = self.build.published.posts
        tables = [
            stats.count(posts, by)
            for by in ("level", "year", "month", "source", "campaign", "department")
        ]
        return {
            "summary": stats.summary(posts),
            "tables": [(t, stats.bar_chart(t)) for t in tables],
        }
