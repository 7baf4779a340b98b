"""No quadratic step: building twice the posts costs about twice the work.

Work is counted, not timed: the number of Python function calls of a whole
``mkdocs build`` (Material, search, the campaign plugin, rendering in the same process with
``parallel: false``) under cProfile, which is the same
from run to run on any machine. A step that compares every post with every other post
would make the count grow fourfold. ``benchmarks/run.py`` measures the times themselves.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import BIN, ROOT

# one in-process build of the site at SITE under cProfile; prints the number of calls
COUNT_CALLS = """\
import cProfile, os, pstats, sys
import gc
from mkdocs.commands.build import build
from mkdocs.config import load_config
os.chdir(sys.argv[1])
config = load_config("mkdocs.yml")
profile = cProfile.Profile()
profile.runcall(build, config)
assert gc.get_freeze_count() == 0, "the build left objects frozen"
print(pstats.Stats(profile).total_calls)
"""


def _calls(tmp_path: Path, posts: int) -> int:
    site = tmp_path / f"n{posts}"
    made = subprocess.run(
        [
            *(str(BIN / "python"), str(ROOT / "benchmarks/corpus.py"), str(site)),
            *("--posts", str(posts), "--campaigns", "2", "--activities", "3"),
            *("--departments", "8"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    config = site / "mkdocs.yml"
    # everything in this one process, where cProfile counts it (not in a forked renderer)
    text = config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n")
    config.write_text(text.replace("  - campaign:\n", "  - campaign:\n      parallel: false\n"))
    counted = subprocess.run(
        [str(BIN / "python"), "-c", COUNT_CALLS, str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert counted.returncode == 0, counted.stderr
    assert (site / "site/search/t").is_dir()  # the sharded index was built too
    return int(counted.stdout.split()[-1])


def test_twice_the_posts_is_about_twice_the_work(tmp_path: Path) -> None:
    n, n2, n4 = (_calls(tmp_path, posts) for posts in (100, 200, 400))
    assert n2 <= 2.3 * n and n4 <= 2.3 * n2, (n, n2, n4)
    # what each 100 posts more cost: linear work doubles from N→2N to 2N→4N (it would
    # quadruple if a step compared every post with every other); fixed costs cancel out
    assert 1.7 <= (n4 - n2) / (n2 - n) <= 2.3, (n, n2, n4)


@pytest.mark.parametrize("posts", [40])
def test_call_counts_are_repeatable(tmp_path: Path, posts: int) -> None:
    """The measure itself is sound: the same build counts the same calls."""
    first = _calls(tmp_path / "a", posts)
    second = _calls(tmp_path / "b", posts)
    assert abs(first - second) <= first * 0.001, (first, second)
