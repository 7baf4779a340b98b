"""The sitemap's dates come from the site, not from the day it was built."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from .conftest import mkdocs_build, news_tree, post

BASE = "https://example.gov.cn/zt/test/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TODAY = "2017-10-12"  # the plugin option today in conftest's mkdocs.yml


def _lastmod(site: Path) -> dict[str, str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", "", NS): url.findtext("s:lastmod", "", NS)
        for url in root.findall("s:url", NS)
    }


def test_lastmod_is_the_posts_date_or_the_builds_today(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(2)  # 2017-09-01 and 2017-09-02
    tree["docs/news/late.md"] = post("晚间新闻", "2017-10-11 23:30")  # Beijing time
    root = make_tree(tree)
    lastmods = []
    # the clock (SOURCE_DATE_EPOCH unset), then another day: MkDocs' own date would follow
    for env in ({}, {"SOURCE_DATE_EPOCH": "1577836800"}):  # 2020-01-01
        result = mkdocs_build(root, env=env)
        assert result.returncode == 0, result.stderr
        lastmods.append(_lastmod(root / "site"))
    assert lastmods[0] == lastmods[1]
    lastmod = lastmods[0]
    posts = {
        BASE + "news/post-000/": "2017-09-01",
        BASE + "news/post-001/": "2017-09-02",
        BASE + "news/late/": "2017-10-11",
    }
    assert {loc: lastmod[loc] for loc in posts} == posts
    others = {loc: day for loc, day in lastmod.items() if loc not in posts}
    assert BASE + "campaigns/test-2017/schedule/" in others and BASE in others
    assert set(others.values()) == {TODAY}
