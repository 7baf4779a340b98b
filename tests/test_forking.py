"""The speed annex's fork: work done in a forked process gives what it gives here.

Each test of a fork proves that there was one: the work records ``os.getpid()``, which must
be another process's. A fork is correct on one core too, so these tests run on any Linux
machine; only the plugin's decision to fork (:func:`fork.can_fork`) wants a spare core.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.speed import collector, fork
from campaign_pages.speed.fork import Forked, ForkFailed, in_two_processes
from campaign_pages.speed.shared import two_processes

from .conftest import news_tree, post, write_tree

T = TypeVar("T")
R = TypeVar("R")

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the plugin forks on Linux only: fork is unsafe on macOS and missing on Windows",
)

SHARED = [object(), object()]


def _tag(items: Sequence[int]) -> list[tuple[int, int, object]]:
    return [(item, os.getpid(), SHARED[item % 2]) for item in items]


class _Journal:
    """A file each process doing some work appends its pid to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_text("")

    def write(self) -> None:
        with self.path.open("a") as out:
            out.write(f"{os.getpid()}\n")

    def pids(self) -> set[int]:
        return {int(line) for line in self.path.read_text().split()}


@linux_only
def test_a_forked_function_gives_back_what_it_returns_or_raises() -> None:
    assert Forked(os.getpid).result() != os.getpid()

    def fails() -> None:
        raise ValueError(os.getpid())

    with pytest.raises(ValueError) as raised:
        Forked(fails).result()
    (pid,) = raised.value.args
    assert pid != os.getpid()
    assert f"in the forked process {pid}:\nTraceback" in raised.value.__notes__[0]


@linux_only
def test_a_forked_process_that_gives_nothing_back_is_a_failure(
    capfd: pytest.CaptureFixture[str],
) -> None:
    parent = os.getpid()

    def exits() -> None:
        if os.getpid() != parent:
            os._exit(3)

    def killed() -> None:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ForkFailed, match=r"process \d+ exited with code 3, with no answer"):
        Forked(exits).result()
    with pytest.raises(ForkFailed, match=r"process \d+ was killed by signal 9, with no answer"):
        Forked(killed).result()
    with pytest.raises(ForkFailed, match="exited with code 1"):
        Forked(lambda: threading.Lock()).result()  # a lock cannot be pickled
    assert "cannot pickle '_thread.lock' object" in capfd.readouterr().err  # said there


@linux_only
def test_a_forked_process_is_stopped_when_its_result_is_not_wanted() -> None:
    parent = os.getpid()
    forked = Forked(lambda: time.sleep(60) if os.getpid() != parent else None)
    started = time.monotonic()
    forked.stop()
    assert forked.status == -signal.SIGKILL and time.monotonic() - started < 10
    assert forked.answer.closed


@linux_only
def test_half_is_done_in_another_process_and_shared_objects_come_back_as_themselves() -> None:
    here, there = in_two_processes(range(300), _tag, shared=SHARED)
    assert [item for item, _, _ in here + there] == list(range(300))
    assert {pid for _, pid, _ in here} == {os.getpid()}
    assert len({pid for _, pid, _ in there} - {os.getpid()}) == 1
    assert all(obj is SHARED[item % 2] for item, _, obj in here + there)


def test_small_work_is_done_here_in_one_go() -> None:
    (result,) = in_two_processes(range(10), _tag, shared=SHARED)
    assert {pid for _, pid, _ in result} == {os.getpid()}


@linux_only
def test_when_the_forked_half_fails_it_is_done_again_here(tmp_path: Path) -> None:
    parent = os.getpid()
    journal = _Journal(tmp_path / "pids")

    def dies_when_forked(items: Sequence[int]) -> list[int]:
        journal.write()
        if os.getpid() != parent:
            os._exit(9)
        return [item * 2 for item in items]

    here, again_here = in_two_processes(range(300), dies_when_forked)
    assert here + again_here == [i * 2 for i in range(300)]
    assert len(journal.pids() - {parent}) == 1  # it was forked, and died there

    journal = _Journal(tmp_path / "pids-2")

    def fails_on_the_last(items: Sequence[int]) -> list[int]:
        journal.write()
        if 299 in items:
            raise ValueError(f"the last item, in {os.getpid()}")
        return list(items)

    with pytest.raises(ValueError, match=f"the last item, in {parent}"):  # raised here too
        in_two_processes(range(300), fails_on_the_last)
    assert len(journal.pids() - {parent}) == 1


@linux_only
def test_posts_read_in_two_processes_are_the_posts_read_in_one(tmp_path: Path) -> None:
    tree = news_tree(300)
    for name, departments in (("a-first", "[市扶贫局]"), ("zz-last", "[市扶贫局, 市扶贫j]")):
        tree[f"docs/news/{name}.md"] = post(
            name, "2017-10-17", extra=f"activity: press\ndepartments: {departments}\n"
        )
    root = write_tree(tmp_path, tree)
    site, _ = read_site(root / "data")
    one = read_posts(root / "docs", "news", site)
    runner = two_processes(site)
    pids: list[int] = []

    def recording(items: Sequence[T], work: Callable[[Sequence[T]], R], /) -> list[R]:
        halves = runner(items, lambda part: (os.getpid(), work(part)))
        pids.extend(pid for pid, _ in halves)
        return [result for _, result in halves]

    two = read_posts(root / "docs", "news", site, runner=recording)
    assert pids[0] == os.getpid() and pids[1] != os.getpid() and len(pids) == 2
    assert len(one[0]) == 302 and one == two
    assert [str(problem) for problem in two[1]] == [
        "docs/news/zz-last.md:6: 未知部门“市扶贫j” 提示：是否想写“市扶贫局”？"
    ]
    campaign, department = site.campaigns[0], site.departments[1]
    for name in ("a-first", "zz-last"):  # read here, and read in the forked process
        (read,) = (p for p in two[0] if p.src == f"news/{name}.md")
        assert read.campaigns[0] is campaign and read.departments[0] is department
        assert read.activity is next(a for a in campaign.all_activities() if a.id == "press")


def test_no_fork_with_another_thread_running_or_without_a_spare_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fork, "spare_core", lambda: True)
    threads = threading.active_count()  # more than one after the browser tests have run
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert fork.can_fork() == sys.platform.startswith("linux")
    monkeypatch.setattr(threading, "active_count", lambda: max(2, threads))
    assert not fork.can_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(fork, "spare_core", lambda: False)
    assert not fork.can_fork()


def test_the_collector_unfreezes_only_what_it_froze() -> None:
    assert gc.get_freeze_count() == 0
    collector.unfreeze()  # it froze nothing: nothing to do
    collector.freeze()
    assert gc.get_freeze_count() > 0
    collector.unfreeze()
    assert gc.get_freeze_count() == 0
    gc.freeze()  # something else freezes objects: they stay frozen
    try:
        collector.freeze()
        collector.unfreeze()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()
