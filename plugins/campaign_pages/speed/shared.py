"""Posts read in a forked process that point to this process's model, not to copies of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from campaign_pages.core.model import Site
from campaign_pages.core.read.posts import Runner
from campaign_pages.speed.fork import in_two_processes

T = TypeVar("T")
R = TypeVar("R")


def shared_objects(site: Site) -> list[object]:
    """What a post can point to: departments, campaigns and all their activities."""
    objects: list[object] = [*site.departments]
    for campaign in site.campaigns:
        objects.append(campaign)
        objects.extend(campaign.all_activities())
    return objects


def two_processes(site: Site) -> Runner:
    """A runner for :func:`~campaign_pages.core.read.posts.read_posts`: half of the posts
    are read in a forked process (:func:`in_two_processes`), and the campaigns, activities
    and departments they point to are ``site``'s own."""
    shared = shared_objects(site)

    def run(items: Sequence[T], work: Callable[[Sequence[T]], R], /) -> list[R]:
        return in_two_processes(items, work, shared)

    return run
