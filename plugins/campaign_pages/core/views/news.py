"""News listings as pure functions: which posts each listing page shows, and its neighbours.

Everything here is one pass over the posts (grouping with dicts, slicing sorted lists), so
listings stay linear in the number of posts.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from campaign_pages.core.model import NewsPost, Site
from campaign_pages.core.urls import Urls


@dataclass(frozen=True)
class PostIndex:
    """Posts (newest first) by campaign id and by department id, grouped once per build."""

    posts: tuple[NewsPost, ...]
    by_campaign: dict[str, tuple[NewsPost, ...]]
    by_department: dict[str, tuple[NewsPost, ...]]

    @classmethod
    def of(cls, posts: Sequence[NewsPost]) -> PostIndex:
        campaigns: dict[str, list[NewsPost]] = defaultdict(list)
        departments: dict[str, list[NewsPost]] = defaultdict(list)
        for post in posts:
            for campaign in post.campaigns:
                campaigns[campaign.id].append(post)
            for dept in post.departments:
                departments[dept.id].append(post)
        return cls(
            tuple(posts),
            {key: tuple(found) for key, found in campaigns.items()},
            {key: tuple(found) for key, found in departments.items()},
        )

    def of_campaign(self, campaign_id: str) -> tuple[NewsPost, ...]:
        return self.by_campaign.get(campaign_id, ())

    def of_department(self, department_id: str) -> tuple[NewsPost, ...]:
        return self.by_department.get(department_id, ())

    def scope(self, campaign_id: str) -> tuple[NewsPost, ...]:
        """A block's posts: a campaign's, or all of them (``all``)."""
        return self.posts if campaign_id == "all" else self.of_campaign(campaign_id)


@dataclass(frozen=True)
class Listing:
    """One list of posts (all news, a year, a month, a tag, a campaign, a department)."""

    base: str  # source path without index.md: news, news/archive/2017, campaigns/x/news
    title: str
    posts: tuple[NewsPost, ...]  # newest first
    kind: str  # index | year | month | tag | campaign | department
    key: str = ""  # the year, month, tag or id it lists


@dataclass(frozen=True)
class ListingPage:
    listing: Listing
    number: int  # 1-based
    count: int  # pages in the listing
    posts: tuple[NewsPost, ...]
    src: str

    def page_src(self, number: int) -> str:
        return Urls.page(self.listing.base, number)

    @property
    def previous_src(self) -> str | None:
        return self.page_src(self.number - 1) if self.number > 1 else None

    @property
    def next_src(self) -> str | None:
        return self.page_src(self.number + 1) if self.number < self.count else None


def paginate(listing: Listing, page_size: int) -> list[ListingPage]:
    """Pages of ``page_size`` posts; an empty listing still has its first page."""
    count = max(1, math.ceil(len(listing.posts) / page_size))
    return [
        ListingPage(
            listing,
            number,
            count,
            listing.posts[(number - 1) * page_size : number * page_size],
            Urls.page(listing.base, number),
        )
        for number in range(1, count + 1)
    ]


def listings(index: PostIndex, site: Site, urls: Urls, department_page_size: int) -> list[Listing]:
    """All news, each year and month, each tag and campaign; each department with more posts
    than its own page shows (``department_page_size``)."""
    posts = index.posts
    years: dict[int, list[NewsPost]] = defaultdict(list)
    months: dict[tuple[int, int], list[NewsPost]] = defaultdict(list)
    tags: dict[str, list[NewsPost]] = defaultdict(list)
    for post in posts:  # newest first, so every group is too
        years[post.day.year].append(post)
        months[(post.day.year, post.day.month)].append(post)
        for tag in post.tags:
            tags[tag].append(post)
    result = [Listing(urls.news_index(), "新闻动态", posts, "index")]
    result += [
        Listing(urls.news_year(y), f"{y}年新闻", tuple(items), "year", str(y))
        for y, items in sorted(years.items(), reverse=True)
    ]
    result += [
        Listing(urls.news_month(y, m), f"{y}年{m}月新闻", tuple(items), "month", f"{y}-{m:02d}")
        for (y, m), items in sorted(months.items(), reverse=True)
    ]
    result += [
        Listing(urls.news_tag(tag), f"标签：{tag}", tuple(items), "tag", tag)
        for tag, items in sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    result += [
        Listing(
            urls.campaign_news(c.id), f"{c.title}：新闻", index.of_campaign(c.id), "campaign", c.id
        )
        for c in site.campaigns
    ]
    result += [
        Listing(
            urls.department_news(d.id),
            f"{d.name}：新闻",
            index.of_department(d.id),
            "department",
            d.id,
        )
        for d in site.departments
        if len(index.of_department(d.id)) > department_page_size
    ]
    return result


@dataclass(frozen=True)
class Neighbours:
    older: NewsPost | None  # 上一篇
    newer: NewsPost | None  # 下一篇
    related: tuple[NewsPost, ...]  # of the same campaign, nearest in time first


def neighbours(posts: Sequence[NewsPost], related: int = 5) -> dict[str, Neighbours]:
    """Older, newer and related posts of every post (``posts`` newest first).

    Related posts share a campaign; the nearest in time come first. Only a window of
    ``related`` posts either side in each campaign is looked at, so this stays linear.
    """
    by_campaign: dict[str, list[int]] = defaultdict(list)
    for i, post in enumerate(posts):
        for campaign in post.campaigns:
            by_campaign[campaign.id].append(i)
    result = {}
    for i, post in enumerate(posts):
        near: dict[str, tuple[float, int, NewsPost]] = {}
        for campaign in post.campaigns:
            positions = by_campaign[campaign.id]
            here = bisect.bisect_left(positions, i)
            window = positions[max(0, here - related) : here + related + 1]
            for j in window:
                other = posts[j]
                if j != i and other.src not in near:
                    near[other.src] = (abs((other.date - post.date).total_seconds()), j, other)
        nearest = sorted(near.values(), key=lambda item: item[:2])
        result[post.src] = Neighbours(
            older=posts[i + 1] if i + 1 < len(posts) else None,
            newer=posts[i - 1] if i > 0 else None,
            related=tuple(other for *_, other in nearest[:related]),
        )
    return result
