"""Where generated pages live, and relative links between any two pages."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_UNSAFE_IN_PATHS = re.compile(r"[\s\x00-\x1f\x7f/\\?#%&:*\"<>|]+")
SEGMENT_LENGTH = 60  # characters: Chinese takes three bytes, and a file name at most 255


def path_segment(text: str) -> str:
    """A tag as one URL path segment (a folder of the built site), unique to the tag.

    Chinese stays as it is. Where the tag cannot be used as it is written (separators,
    reserved marks, dot segments such as ``..``, capitals that a case-insensitive file
    system would fold, a length no file system takes), the safe form is followed by a short
    hash of the tag: ``扶贫/脱贫`` and ``扶贫-脱贫`` get folders of their own, and a tag's
    address depends on nothing but the tag.
    """
    clean = _UNSAFE_IN_PATHS.sub("-", text).strip("-.").lower()
    if clean == text and len(clean) <= SEGMENT_LENGTH:
        return clean
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{clean[: SEGMENT_LENGTH - 10].rstrip('-.')}-{digest}".lstrip("-")


@dataclass(frozen=True)
class Urls:
    """Source paths (``campaigns/x/schedule.md``) and the URLs MkDocs gives them."""

    directory_urls: bool = True
    campaigns: str = "campaigns"
    departments: str = "departments"
    news: str = "news"

    # -- source paths of generated files ---------------------------------------------------
    def campaigns_index(self) -> str:
        return f"{self.campaigns}/index.md"

    def campaign(self, cid: str) -> str:
        return f"{self.campaigns}/{cid}/index.md"

    def schedule(self, cid: str) -> str:
        return f"{self.campaigns}/{cid}/schedule.md"

    def responsibilities(self, cid: str) -> str:
        return f"{self.campaigns}/{cid}/responsibilities.md"

    def departments_index(self) -> str:
        return f"{self.departments}/index.md"

    def department(self, did: str) -> str:
        return f"{self.departments}/{did}.md"

    def campaign_ics(self, cid: str) -> str:
        return f"{self.campaigns}/{cid}.ics"

    def department_ics(self, did: str) -> str:
        return f"{self.departments}/{did}.ics"

    site_ics = "calendar.ics"
    stylesheet = "assets/campaign-pages.css"
    script = "assets/campaign-pages.js"
    search_worker = "assets/campaign-search.js"

    # -- news -------------------------------------------------------------------------------
    @staticmethod
    def page(base: str, number: int) -> str:
        """Page ``number`` of the listing at ``base``: ``base/index.md``, ``base/page/2.md``."""
        return f"{base}/index.md" if number == 1 else f"{base}/page/{number}.md"

    def news_index(self) -> str:
        return self.news

    def news_year(self, year: int) -> str:
        return f"{self.news}/archive/{year}"

    def news_month(self, year: int, month: int) -> str:
        return f"{self.news}/archive/{year}/{month:02d}"

    def news_tag(self, tag: str) -> str:
        return f"{self.news}/tags/{path_segment(tag)}"

    def news_stats(self) -> str:
        return f"{self.news}/stats.md"

    def campaign_news(self, cid: str) -> str:
        return f"{self.campaigns}/{cid}/news"

    def department_news(self, did: str) -> str:
        return f"{self.departments}/{did}/news"

    @staticmethod
    def feeds(scope: str = "") -> dict[str, str]:
        """RSS, Atom and JSON Feed paths of the site (``scope`` "") or of a listing base."""
        prefix = f"{scope}/" if scope else ""
        return {
            "rss": f"{prefix}feed.xml",
            "atom": f"{prefix}atom.xml",
            "json": f"{prefix}feed.json",
        }

    # -- URLs -------------------------------------------------------------------------------
    def url(self, src: str) -> str:
        """The site-relative URL of a source path, as MkDocs computes it."""
        if not src.endswith(".md"):
            return src
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            base = stem[: -len("index")]
            return base if self.directory_urls else base + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative).

    Called for every link of every generated page, so it works on the path segments itself
    instead of ``posixpath.relpath`` (which makes both paths absolute from the working folder).
    """
    from_dirs = from_url.split("/")[:-1]  # "a/b/" and "a/b/page.html" are both in a/b
    *to_dirs, leaf = to_url.split("/")
    common = 0
    for mine, theirs in zip(from_dirs, to_dirs, strict=False):
        if mine != theirs:
            break
        common += 1
    rest = "/".join(to_dirs[common:])
    target = "../" * (len(from_dirs) - common) + (rest + "/" if rest else "") + leaf
    return target or "./"
