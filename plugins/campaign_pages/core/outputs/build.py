"""What every page family of one build shares: the model, the settings, the posts the public
sees (grouped once), the renderer, and how an output is made."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from campaign_pages.core.model import NewsPost, Site
from campaign_pages.core.render.renderer import Renderer
from campaign_pages.core.settings import Settings
from campaign_pages.core.views.news import PostIndex


@dataclass(frozen=True)
class Output:
    path: str  # a source path such as ``campaigns/x/index.md`` or ``calendar.ics``
    render: Callable[[], str | bytes]  # makes the content; called once, when it is wanted


class Build:
    """One build's shared state; the page families (:mod:`pages`, :mod:`news`, …) use it."""

    def __init__(
        self, site: Site, settings: Settings, renderer: Renderer, posts: Sequence[NewsPost]
    ) -> None:
        self.site = site
        self.settings = settings
        self.renderer = renderer
        self.urls = renderer.urls
        self.today = settings.today
        # what the public sees; `mkdocs serve` also lists drafts and scheduled posts, marked
        self.posts = PostIndex.of(
            [p for p in posts if settings.serve or p.is_published(self.today)]
        )
        self.published = PostIndex.of([p for p in posts if p.is_published(self.today)])

    def page(self, template: str, src: str, context: Callable[[], dict[str, Any]]) -> Output:
        """A generated page: ``template`` rendered with ``context()`` when it is wanted."""
        return Output(src, lambda: self.render(template, src, **context()))

    def render(self, template: str, src: str, **context: Any) -> str:
        return self.renderer.render(
            template,
            src,
            site=self.site,
            settings=self.settings,
            today=self.today,
            post_item=self.post_item,
            **context,
        )

    def post_item(self, post: NewsPost, level: int, compact: bool, page_url: str) -> str:
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

    def absolute(self, src: str) -> str:
        """The absolute URL of a source path (only meaningful with ``site_url``)."""
        return (self.settings.site_url or "").rstrip("/") + "/" + self.urls.url(src)

    def absolute_or_none(self, src: str | None) -> str | None:
        return self.absolute(src) if src and self.settings.site_url else None
