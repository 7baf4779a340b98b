"""Work split with a forked process: the same result as doing it all here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from campaign_pages.core.read import posts
from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.speed.forking import can_fork, in_two_processes

from .conftest import news_tree, post, write_tree

needs_fork = pytest.mark.skipif(not can_fork(), reason="needs Linux, two cores and no threads")

SHARED = [object(), object()]


def _tag(items: Sequence[int]) -> list[tuple[int, int, object]]:
    return [(item, os.getpid(), SHARED[item % 2]) for item in items]


@needs_fork
def test_half_is_done_in_another_process_and_shared_objects_come_back_as_themselves() -> None:
    here, there = in_two_processes(range(300), _tag, shared=SHARED)
    assert [item for item, _, _ in here + there] == list(range(300))
    assert {pid for _, pid, _ in here} == {os.getpid()}
    assert len({pid for _, pid, _ in there} - {os.getpid()}) == 1
    assert all(obj is SHARED[item % 2] for item, _, obj in here + there)


def test_small_work_is_done_here_in_one_go() -> None:
    (result,) = in_two_processes(range(10), _tag, shared=SHARED)
    assert {pid for _, pid, _ in result} == {os.getpid()}


@needs_fork
def test_when_the_forked_half_fails_it_is_done_again_here() -> None:
    parent = os.getpid()

    def dies_when_forked(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(9)
        return [item * 2 for item in items]

    here, again_here = in_two_processes(range(300), dies_when_forked)
    assert here + again_here == [i * 2 for i in range(300)]

    def fails_on_the_last(items: Sequence[int]) -> list[int]:
        if 299 in items:
            raise ValueError("the last item")
        return list(items)

    with pytest.raises(ValueError, match="the last item"):  # raised here, not lost there
        in_two_processes(range(300), fails_on_the_last)


@needs_fork
def test_posts_read_in_two_processes_are_the_posts_read_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = news_tree(300)
    for name, departments in (("a-first", "[市扶贫局]"), ("zz-last", "[市扶贫局, 市扶贫j]")):
        tree[f"docs/news/{name}.md"] = post(
            name, "2017-10-17", extra=f"activity: press\ndepartments: {departments}\n"
        )
    root = write_tree(tmp_path, tree)
    site, _ = read_site(root / "data")
    one = read_posts(root / "docs", "news", site)
    halves: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = in_two_processes(*args, **kwargs)
        halves.append(len(result))
        return result

    monkeypatch.setattr(posts, "in_two_processes", spy)
    two = read_posts(root / "docs", "news", site, parallel=True)
    assert halves == [2]  # it did fork
    assert len(one[0]) == 302 and one == two
    assert [str(problem) for problem in two[1]] == [
        "docs/news/zz-last.md:6: 未知部门“市扶贫j” 提示：是否想写“市扶贫局”？"
    ]
    campaign, department = site.campaigns[0], site.departments[1]
    for name in ("a-first", "zz-last"):  # read here, and read in the forked process
        (read,) = (p for p in two[0] if p.src == f"news/{name}.md")
        assert read.campaigns[0] is campaign and read.departments[0] is department
        assert read.activity is next(a for a in campaign.all_activities() if a.id == "press")
