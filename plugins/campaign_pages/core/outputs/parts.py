"""What the adapter adds to pages it does not generate: every page's head tags and the
government footer, and a news post's header (under its title) and footer (after it)."""

from __future__ import annotations

import re
from functools import cached_property

from campaign_pages.core.model import NewsPost
from campaign_pages.core.outputs import metadata
from campaign_pages.core.outputs.build import Build
from campaign_pages.core.outputs.feeds import announced_feeds
from campaign_pages.core.render.markup import safe_title
from campaign_pages.core.views import news as listings


class PageParts:
    def __init__(self, build: Build) -> None:
        self.build = build
        self.by_src = {post.src: post for post in build.posts.posts}

    def footer(self) -> str:
        """The government footer, the same on every page."""
        match = re.search(r"\d{14}", self.build.site.info.police_filing or "")
        return self.build.render("footer.html", "index.md", police_code=match[0] if match else "")

    def head(self, src: str, title: str, url: str | None, description: str | None) -> str:
        """What every page adds to its <head>: Open Graph tags, feed links, the 关怀版 switch."""
        build = self.build
        post = self.by_src.get(src)
        image = build.absolute_or_none(post.cover) if post else None
        summary = post.summary if post else description
        og = metadata.open_graph(title, url, summary, build.settings.site_name, post, image)
        return build.render("head.html", src, og=og, feeds=announced_feeds(build))

    def post_head(self, post: NewsPost) -> str:
        """:meth:`head` of a post's page, whose title is the post's and whose URL is known."""
        url = self.build.absolute_or_none(post.src)
        return self.head(post.src, safe_title(post.title), url, None)

    def post_header(self, post: NewsPost) -> str:
        """Under a post's title: date, outlet, campaign, departments (and its JSON-LD)."""
        build = self.build
        url, image = build.absolute_or_none(post.src), build.absolute_or_none(post.cover)
        info, name = build.site.info, build.settings.site_name
        article = metadata.news_article(post, url, image, info, name)
        return build.render("post-header.html", post.src, post=post, article=article)

    def post_footer(self, post: NewsPost) -> str:
        """After a post: older and newer posts, related posts."""
        near = self.neighbours[post.src]
        return self.build.render("post-footer.html", post.src, post=post, near=near)

    @cached_property
    def neighbours(self) -> dict[str, listings.Neighbours]:
        """Worked out when a footer is first rendered: in the process that renders them."""
        return listings.neighbours(self.build.posts.posts)
