"""What ``mkdocs serve`` shows while a campaign file has errors: its last good version.

An editor saving a file with one slip should not see the campaign's pages vanish from the
preview (nor the browser reload onto a 404). :class:`LastGood` remembers each campaign as
it was last read without errors and puts it back while its file has errors, naming it in
``Site.stale`` so that the pages can say what they show. ``mkdocs build`` never uses it: a
published site is built from the files as they are, or fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from campaign_pages.core.model import Campaign, Site


@dataclass
class LastGood:
    campaigns: dict[str, Campaign] = field(default_factory=dict)

    def apply(self, site: Site) -> Site:
        """``site`` with each campaign whose file has errors as it last read without any;
        the campaigns read without errors are remembered for next time."""
        current = {c.id: c for c in site.campaigns}
        for cid, campaign in current.items():
            if cid not in site.broken:
                self.campaigns[cid] = campaign
        for cid in [c for c in self.campaigns if c not in current and c not in site.broken]:
            del self.campaigns[cid]  # its file is gone (or renamed): nothing to keep
        kept = {cid: old for cid, old in self.campaigns.items() if cid in site.broken}
        if not kept:
            return site
        campaigns = {**current, **kept}
        ordered = sorted(campaigns.values(), key=lambda c: (c.source.path, c.id))
        return replace(site, campaigns=tuple(ordered), stale=frozenset(kept))
