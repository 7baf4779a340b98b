"""RSS 2.0 and Atom (with ``feedgen``) and JSON Feed 1.1 of news posts.

Feeds list posts only (never listing pages), with absolute URLs built from ``site_url`` (so
they stay right when the site lives under a sub-path), dates in Asia/Shanghai, summaries as
HTML and the post's URL as its stable id. Each post's author is its outlet (``source``), else
the site's organiser, who is also the feed's author (Atom requires one). Every timestamp comes
from the posts or the build's "today": feedgen would otherwise stamp the clock and two builds
would differ.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING

from campaign_pages.core.model import NewsPost
from campaign_pages.core.outputs.build import Build, Output
from campaign_pages.core.settings import SHANGHAI

if TYPE_CHECKING:  # imported where used: only the process that writes feeds loads lxml
    from feedgen.feed import FeedGenerator


@dataclass(frozen=True)
class FeedInfo:
    title: str
    description: str
    home: str  # absolute URL of the page the feed belongs to
    links: dict[str, str]  # absolute URLs of the feed in each format: rss, atom, json
    author: str  # the organisation that publishes the feed


def _summary_html(post: NewsPost) -> str:
    return f"<p>{html.escape(post.summary)}</p>" if post.summary else ""


def _updated(posts: Sequence[NewsPost], today: dt.date) -> dt.datetime:
    if posts:
        return max(p.date for p in posts)
    return dt.datetime.combine(today, dt.time(0), tzinfo=SHANGHAI)


def write_feeds(
    info: FeedInfo,
    posts: Sequence[NewsPost],
    post_url: dict[str, str],
    covers: dict[str, str],
    today: dt.date,
) -> dict[str, bytes]:
    """The three feeds of ``posts`` (newest first), by format; ``covers``: absolute URLs."""
    return {
        "rss": _generator(info, posts, post_url, today, info.links["rss"]).rss_str(pretty=True),
        "atom": _generator(info, posts, post_url, today, info.links["atom"]).atom_str(pretty=True),
        "json": _json_feed(info, posts, post_url, covers),
    }


def _generator(
    info: FeedInfo,
    posts: Sequence[NewsPost],
    post_url: dict[str, str],
    today: dt.date,
    self_url: str,
) -> FeedGenerator:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(info.home)
    fg.title(info.title)
    fg.description(info.description)
    fg.subtitle(info.description)
    fg.language("zh-CN")
    fg.author(name=info.author)
    # RSS's channel <link> is the last link given: the page, after the feed's own URL
    fg.link(href=self_url, rel="self")
    fg.link(href=info.home, rel="alternate")
    fg.updated(_updated(posts, today))
    for post in posts:
        url = post_url[post.src]
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(post.title)
        entry.author(name=post.source or info.author)
        entry.link(href=url, rel="alternate")
        entry.published(post.date)
        entry.updated(post.date)
        if post.summary:
            entry.summary(_summary_html(post), type="html")
        for tag in post.tags:
            entry.category(term=tag)
    return fg


def _json_feed(
    info: FeedInfo, posts: Sequence[NewsPost], post_url: dict[str, str], covers: dict[str, str]
) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for post in posts:
        item: dict[str, object] = {
            "id": post_url[post.src],
            "url": post_url[post.src],
            "title": post.title,
            "content_html": _summary_html(post),
            "date_published": post.date.isoformat(),
        }
        if post.source:  # else the feed's authors stand for the item's
            item["authors"] = [{"name": post.source}]
        if post.summary:
            item["summary"] = post.summary
        if post.tags:
            item["tags"] = list(post.tags)
        if post.cover:
            item["image"] = covers[post.src]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home,
        "feed_url": info.links["json"],
        "description": info.description,
        "authors": [{"name": info.author}],
        "language": "zh-CN",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


# -- which feeds a build has ---------------------------------------------------------------

# how <link rel="alternate"> names each feed format: MIME type, and a name for its title
_FEED_TYPES = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


def _news_of(title: str) -> str:
    """A feed's description, after the site's or campaign's title."""
    return f"{title}：新闻动态"


def feed_outputs(build: Build) -> Iterator[Output]:
    """RSS, Atom and JSON Feed of the whole site and of each campaign.

    Published posts only, even under `mkdocs serve`. Without ``site_url`` there are no
    absolute URLs to give, so there are no feeds (the adapter says so).
    """
    settings, urls, published = build.settings, build.urls, build.published
    if not settings.site_url:
        return
    post_url = {p.src: build.absolute(p.src) for p in published.posts}
    covers = {p.src: build.absolute(p.cover) for p in published.posts if p.cover}
    scopes = [("", settings.site_name, urls.page(urls.news_index(), 1), published.posts)]
    for campaign in build.site.campaigns:  # even with no posts yet: one can subscribe early
        base = urls.campaign_news(campaign.id)
        scopes.append(
            (base, campaign.title, urls.page(base, 1), published.of_campaign(campaign.id))
        )
    for scope, title, home, posts in scopes:
        paths = urls.feeds(scope)
        info = FeedInfo(
            title=title,
            description=_news_of(title),
            home=build.absolute(home),
            links={kind: build.absolute(path) for kind, path in paths.items()},
            author=build.site.info.organizer or settings.site_name,
        )
        written = cache(  # the three formats of a scope are written together
            partial(write_feeds, info, posts[: settings.feed_size], post_url, covers, build.today)
        )
        for kind, path in paths.items():
            yield Output(path, partial(_one_of, written, kind))


def _one_of(written: Callable[[], dict[str, bytes]], kind: str) -> bytes:
    return written()[kind]


def announced_feeds(build: Build) -> list[tuple[str, str, str]]:
    """(type, title, path) of the site's feeds, for feed readers to find on any page.

    Only the site's: Material's JavaScript takes every ``<link rel="alternate">`` for a
    translation of the site and fetches ``sitemap.xml`` next to it, which exists at the
    site's root and nowhere else. A campaign's feeds are linked on its news page.
    Without ``site_url`` there are no feeds.
    """
    if not build.settings.site_url:
        return []
    title = _news_of(build.settings.site_name)
    return [
        (mime, f"{title}（{label}）", build.urls.feeds("")[kind])
        for kind, (mime, label) in _FEED_TYPES.items()
    ]
