"""Machine-readable page metadata: schema.org JSON-LD and Open Graph, as plain data.

Activities become ``Event`` objects (with ``eventStatus`` for postponed and cancelled ones,
the place, and the lead departments as organisers); posts become ``NewsArticle`` objects.
Search engines and WeChat-style link previews read these; absolute URLs come from
``site_url``, so they stay right when the site lives under a sub-path.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from campaign_pages.core.dates import Precision
from campaign_pages.core.model import ActivityStatus, Campaign, NewsPost, SiteInfo
from campaign_pages.core.render.markup import plain_text
from campaign_pages.core.settings import SHANGHAI
from campaign_pages.core.views.campaigns import Entry

_STATUS = {
    ActivityStatus.PLANNED: "https://schema.org/EventScheduled",
    ActivityStatus.DONE: "https://schema.org/EventScheduled",
    ActivityStatus.POSTPONED: "https://schema.org/EventPostponed",
    ActivityStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def to_script(data: Any) -> Markup:
    """JSON for a ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text (``</script>``, ``<!--``)
    can end the script or change how the browser reads it; JSON parsers read them back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def _moment(day: dt.date, time: dt.time | None) -> str:
    if time is None:
        return day.isoformat()
    return dt.datetime.combine(day, time, tzinfo=SHANGHAI).isoformat()


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "GovernmentOrganization", "name": name}


def events(campaign: Campaign, entries: Iterable[Entry], page_url: str | None) -> dict[str, Any]:
    """The campaign's dated activities as a JSON-LD graph of ``Event`` objects."""
    graph = []
    for entry in entries:
        activity, when = entry.activity, entry.activity.when
        if when.start is None or when.end is None:
            continue  # 日期待定: an Event needs a startDate
        timed = when.precision is Precision.DAY and when.start_time is not None
        event: dict[str, Any] = {
            "@type": "Event",
            "name": activity.title,
            "startDate": _moment(when.start, when.start_time if timed else None),
            "endDate": _moment(when.end, when.end_time if timed else None),
            "eventStatus": _STATUS[activity.status],
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "description": "；".join(
                part
                for part in (when.text, plain_text(activity.body), f"所属方案：{campaign.title}")
                if part
            ),
        }
        if activity.location:
            event["location"] = {"@type": "Place", "name": activity.location}
        if entry.lead:
            event["organizer"] = [_organisation(d.name) for d in entry.lead]
        if page_url:
            event["url"] = f"{page_url}#{activity.id}"
        graph.append(event)
    return {"@context": "https://schema.org", "@graph": graph}


def news_article(
    post: NewsPost, url: str | None, image: str | None, info: SiteInfo, site_name: str
) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "datePublished": post.date.isoformat(),
        "dateModified": post.date.isoformat(),
        "inLanguage": "zh-CN",
        "author": {"@type": "Organization", "name": post.source or info.organizer or site_name},
        "publisher": _organisation(info.organizer or site_name),
    }
    if post.summary:
        article["description"] = post.summary
    if post.tags:
        article["keywords"] = ",".join(post.tags)
    if url:
        article["url"] = article["mainEntityOfPage"] = url
    if image:
        article["image"] = [image]
    return article


def open_graph(
    title: str,
    url: str | None,
    description: str | None,
    site_name: str,
    article: NewsPost | None = None,
    image: str | None = None,
) -> list[tuple[str, str]]:
    """``og:`` properties of a page (the theme escapes nothing: the caller must)."""
    tags = [
        ("og:type", "article" if article else "website"),
        ("og:title", title),
        ("og:site_name", site_name),
        ("og:locale", "zh_CN"),
    ]
    if url:
        tags.append(("og:url", url))
    if description:
        tags.append(("og:description", description))
    if image:
        tags.append(("og:image", image))
    if article:
        tags.append(("article:published_time", article.date.isoformat()))
        tags += [("article:tag", tag) for tag in article.tags]
    return tags
