"""Where generated pages live, and relative links between any two pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    """Source paths (``campaigns/x/schedule.md``) and the URLs MkDocs gives them."""

    directory_urls: bool = True
    campaigns: str = "campaigns"
    departments: str = "departments"

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
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", from_dir.rstrip("/") or ".")
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return target
