"""No quadratic step: four times the posts costs about four times the work.

The core alone runs, without MkDocs (whose own work, in a whole build, dwarfs ours: a loop
comparing every post with every other once passed a cProfile count of whole builds at 100,
200 and 400 posts). On a corpus of ``benchmarks/corpus.py`` (posts with tags, campaigns,
activities, departments, several a day at the largest size) the flow of a build is run:
``read_site``, ``read_posts``, ``Generator``, every output rendered, and every post's head,
header and footer. Sizes are 250, 1,000 and 4,000 posts.

Work is counted, not timed, under ``sys.settrace``: every call of a Python function (of any
package: Jinja, YAML, pathlib …) and every line executed in ``campaign_pages`` code, its
compiled templates included. The count repeats from run to run on any machine with the same
Python, to a few events in millions (it depends a little on the length of the temporary
path; the worker runs with ``PYTHONHASHSEED=0``), and a pairwise loop in our code
adds at least a line per pair: N² events, which outgrow the ~4,300 events a post costs.

Two ratios are asserted. The count at 4,000 over that at 250: under 25, which no work
growing as N log N or slower can exceed (16 × log 4,000 / log 250 = 24); fixed costs bring
it to ~10. And what the last 3,000 posts cost over what the 750 before them cost, where fixed
costs cancel out: 4 for linear work, 4.75 for N log N, up to 16 for pairwise work: bounds
3–6. A run that counts more than could still pass stops there (the budget), so a quadratic
step fails without tracing all of its N². What this cannot see: pairwise work done entirely
in C (``x in a_list_of_strings`` for every post), which ``benchmarks/run.py``'s times would.

Figures with Python 3.11.7, 4 campaigns of 5 activities, 20 departments (issue 12):

=========  =========  ==========  ==========  ===========  ==========
events     250 posts  1,000       4,000       4,000 / 250  marginal
=========  =========  ==========  ==========  ===========  ==========
as is      1,875,404   5,071,458  17,971,075   9.6          4.04
injected   2,177,999  10,065,391  97,990,568  45.0         11.1
=========  =========  ==========  ==========  ===========  ==========

"injected": this line added to ``core/views/news.py::neighbours``, first in the body of its
second ``for i, post in enumerate(posts):`` loop (in memory: a ``sitecustomize`` on
``PYTHONPATH`` recompiled the module's source under its own file name)::

        same_day = sum(1 for other in posts if other.day == post.day)

The test then failed in 45 s, at the 4,000-post run's budget (54 million events; 62 s to
count them all); as is it passes in about 30 s on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from .conftest import BIN, ROOT

SIZES = (250, 1000, 4000)
MAX_RATIO = 25  # f(4000) / f(250): ≤ 24 for any N log N work, ~10 measured
MARGINAL = (3.0, 6.0)  # (f(4000) - f(1000)) / (f(1000) - f(250)): linear 4, quadratic → 16
# a corpus like the benchmark's, smaller in what does not grow with the posts
CORPUS = {"campaigns": 4, "activities": 5, "departments": 20, "seed": 1}
TODAY = dt.date(2023, 12, 31)  # after every post of the corpus: all are published


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _flow(root: Path) -> int:
    """What a build asks of the core, with no MkDocs; returns the number of outputs."""
    from campaign_pages.core.outputs.generator import Generator
    from campaign_pages.core.read.posts import read_posts
    from campaign_pages.core.read.site import read_site
    from campaign_pages.core.render.renderer import Renderer
    from campaign_pages.core.settings import Options

    site, problems = read_site(root / "data")
    posts, post_problems = read_posts(root / "docs", "news", site)
    assert not problems and not post_problems, [*problems, *post_problems][:5]
    options = Options()
    settings = options.settings(TODAY, "基准测试站点", "https://example.gov.cn/zt/bench/")
    generator = Generator(site, settings, Renderer(options.urls(directory_urls=True)), posts)
    outputs = 0
    for output in generator.outputs():
        output.render()
        outputs += 1
    for post in generator.posts:
        generator.post_head(post)
        generator.post_header(post)
        generator.post_footer(post)
    return outputs


class _OverBudget(BaseException):
    """Raised into the flow's frame: a BaseException, which no ``except Exception`` takes."""


def _count(work: Callable[[], object], budget: int) -> tuple[int, object]:
    """Python calls anywhere, and lines of campaign_pages code, while ``work`` runs."""
    import campaign_pages

    package = str(Path(campaign_pages.__file__).parent) + os.sep
    count = 0
    over = False

    def lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count, over
        if event == "line":
            count += 1
            if count > budget:
                over = True  # tracing stops here, even if something catches what follows
                raise _OverBudget
        return lines

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1  # a call, or a generator resumed
        return lines if frame.f_code.co_filename.startswith(package) else None

    sys.settrace(calls)
    try:
        result = work()
    finally:
        sys.settrace(None)
    if over:
        raise _OverBudget
    return count, result


def main(argv: list[str]) -> None:
    """The worker, in a process of its own: ``python -m tests.test_scaling OUT POSTS``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("posts", type=int)
    parser.add_argument("--budget", type=int, default=10**12)
    args = parser.parse_args(argv)
    _corpus_module().generate(args.out, args.posts, **CORPUS)
    try:
        events, outputs = _count(lambda: _flow(args.out), args.budget)
    except _OverBudget:  # by the flow's frame, or by _count if the flow caught it
        print(json.dumps({"posts": args.posts, "events": None}))
        return
    print(json.dumps({"posts": args.posts, "events": events, "outputs": outputs}))


def _events(tmp_path: Path, posts: int, budget: int = 10**12) -> int | None:
    """The work of the core flow on ``posts`` posts; None if it exceeds ``budget``."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    worker = ["-m", "tests.test_scaling", str(tmp_path / f"n{posts}"), str(posts)]
    counted = subprocess.run(
        [str(BIN / "python"), *worker, "--budget", str(budget)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert counted.returncode == 0, counted.stderr
    found: int | None = json.loads(counted.stdout.splitlines()[-1])["events"]
    return found


def test_four_times_the_posts_is_about_four_times_the_work(tmp_path: Path) -> None:
    small, medium, large = SIZES
    f1 = _events(tmp_path, small)
    assert f1 is not None
    f2 = _events(tmp_path, medium, budget=MAX_RATIO * f1)
    assert f2 is not None, f"{medium} posts: over {MAX_RATIO} × the {f1:,} events of {small}"
    # the most the largest run may count and still pass both assertions below
    budget = int(min(MAX_RATIO * f1, f2 + MARGINAL[1] * (f2 - f1)))
    f3 = _events(tmp_path, large, budget=budget)
    counts = {small: f1, medium: f2, large: f3}
    assert f3 is not None, f"{large} posts: over {budget:,} events (a pairwise step?) {counts}"
    assert f3 / f1 < MAX_RATIO, counts
    # what each post more costs, fixed costs cancelled: 4 for linear work, 16 for pairwise
    assert MARGINAL[0] <= (f3 - f2) / (f2 - f1) <= MARGINAL[1], counts


def test_event_counts_are_repeatable(tmp_path: Path) -> None:
    """The measure itself is sound: the same flow counts the same events."""
    first = _events(tmp_path / "a", 100)
    second = _events(tmp_path / "b", 100)
    assert first is not None and second is not None
    assert abs(first - second) <= first * 0.001, (first, second)


if __name__ == "__main__":
    main(sys.argv[1:])
