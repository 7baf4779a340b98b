"""Search on a large site: a reader's first Chinese query downloads little and finds the post.

The site is the benchmark corpus (``benchmarks/corpus.py``) at 1,500 posts with Material's
search plugin and the campaign plugin's sharded index. ``benchmarks/run.py --search`` makes
the same check at 5,000 posts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from ..conftest import BIN, ROOT, run
from .conftest import require_browser, serve

POSTS = 1500
BUDGET = 1_000_000  # bytes a reader's first query may download, the manifest included


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_browser()
    root = tmp_path_factory.mktemp("corpus") / "site"
    made = run(
        [
            *(str(BIN / "python"), str(ROOT / "benchmarks/corpus.py"), str(root)),
            *("--posts", str(POSTS), "--campaigns", "10", "--activities", "10"),
            *("--departments", "60"),
        ],
        ROOT,
    )
    assert made.returncode == 0, made.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"))
    built = run([str(BIN / "mkdocs"), "build", "--strict", "-q"], root)
    assert built.returncode == 0, built.stderr
    with serve(root / "site", "/zt/bench/") as url:
        yield url, root


@pytest.mark.parametrize("number", [7, 1234])
def test_first_query_is_small_and_finds_the_post(
    browser: Any, corpus: tuple[str, Path], number: int
) -> None:
    url, root = corpus
    [source] = root.glob(f"docs/news/*/post-{number:05d}.md")
    title = re.search(r"^title: (.+)$", source.read_text("utf-8"), re.M)
    assert title
    location = source.relative_to(root / "docs").with_suffix("").as_posix() + "/"
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    downloaded: dict[str, int] = {}
    page.on(
        "response",
        lambda r: downloaded.__setitem__(r.url, len(r.body())) if "/search/" in r.url else None,
    )
    page.goto(f"{url}?q={quote(title[1])}")  # the reader types the post's title
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('结果')",
        timeout=20_000,
    )
    first = page.locator(".md-search-result__item > a").first.get_attribute("href")
    assert first == url + location, (title[1], first)
    total = sum(downloaded.values())
    assert 0 < total <= BUDGET, sorted(downloaded.items(), key=lambda item: -item[1])[:5]
    # only the query's own shards were fetched, not the index
    manifest = json.loads((root / "site/search/search_index.json").read_text("utf-8"))
    shards = [u for u in downloaded if "/search/t/" in u]
    assert 0 < len(shards) < manifest["config"]["campaign"]["shards"] / 4
    context.close()
