"""Reads a built site's sharded search index back, as the browser's worker does."""

from __future__ import annotations

import json
from pathlib import Path

from campaign_pages.core.outputs.search import shard_of


def numbers(deltas: list[int]) -> list[int]:
    """Section numbers from the first number and the differences after it."""
    out, total = [], 0
    for step in deltas:
        total += step
        out.append(total)
    return out


def holders(site: Path, token: str, field: str = "any") -> list[str]:
    """Locations of the sections whose text (``body``), title (``title``) or either holds
    ``token``."""
    manifest = json.loads((site / "search/search_index.json").read_text("utf-8"))
    ours = manifest["config"]["campaign"]
    shard = json.loads((site / f"search/t/{shard_of(token, ours['shards'])}.json").read_text())
    body, title = (numbers(d) for d in shard.get(token, [[], []]))
    chosen = {"body": body, "title": title, "any": sorted({*body, *title})}[field]
    block = ours["block"]
    out = []
    for number in chosen:
        docs = json.loads((site / f"search/d/{number // block}.json").read_text("utf-8"))
        out.append(docs[number % block][0])
    return out
