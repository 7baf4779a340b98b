"""Feeds as feed readers see them: the page each feed belongs to, its author, and the
``<link rel="alternate">`` tags by which a reader finds the feeds from any page."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from .conftest import MKDOCS_YML, basic_tree, mkdocs_build, news_tree, post

BASE = "https://example.gov.cn/zt/test/"
CAMPAIGN_NEWS = BASE + "campaigns/test-2017/news/"
ORGANIZER = "测试市委宣传部"  # organizer: in conftest's data/site.yml
TRICKY = '测试"扶贫日"<活动>&站点'  # a site name that must be escaped in attributes
FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
}


def _site(make_tree: Callable[..., Path]) -> Path:
    tree = news_tree(2)  # source: 铜川日报
    tree["docs/news/plain.md"] = post("没有来源的新闻", "2017-09-20")
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    return root / "site"


def test_rss_link_is_the_news_page_and_self_link_the_feed(
    make_tree: Callable[..., Path],
) -> None:
    site = _site(make_tree)
    for scope, home in (("", BASE + "news/"), ("campaigns/test-2017/news/", CAMPAIGN_NEWS)):
        for name in ("feed.xml", "atom.xml"):
            feed = feedparser.parse((site / scope / name).read_bytes())
            assert not feed.bozo, (scope, name, feed.get("bozo_exception"))
            assert feed.feed.link == home, (scope, name)
            selves = [link.href for link in feed.feed.links if link.rel == "self"]
            assert selves == [BASE + scope + name], (scope, name)


def test_atom_and_json_feed_name_an_author(make_tree: Callable[..., Path]) -> None:
    site = _site(make_tree)
    for scope in ("", "campaigns/test-2017/news/"):
        atom = feedparser.parse((site / scope / "atom.xml").read_bytes())
        # RFC 4287 §4.1.1: an author on the feed, or on every entry
        assert atom.feed.author_detail.name == ORGANIZER
        authors = {e.title: e.author_detail.name for e in atom.entries}
        assert authors == {
            "新闻000": "铜川日报",
            "新闻001": "铜川日报",
            "没有来源的新闻": ORGANIZER,
        }
        data = json.loads((site / scope / "feed.json").read_bytes())
        assert data["authors"] == [{"name": ORGANIZER}]
        by_title = {item["title"]: item.get("authors") for item in data["items"]}
        assert by_title == {
            "新闻000": [{"name": "铜川日报"}],
            "新闻001": [{"name": "铜川日报"}],
            "没有来源的新闻": None,  # the feed's authors stand for it (JSON Feed 1.1)
        }


class _Alternates(HTMLParser):
    """The ``<link rel="alternate">`` tags of a page's head, as (type, title, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.in_head and tag == "link" and a.get("rel") == "alternate":
            self.links.append((str(a.get("type")), str(a.get("title")), str(a.get("href"))))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def _alternates(site: Path, rel: str) -> set[tuple[str, str, str]]:
    """The feeds a page announces, with hrefs made absolute as a feed reader does."""
    parser = _Alternates()
    parser.feed((site / rel / "index.html").read_text("utf-8"))
    page_url = BASE + rel
    return {(kind, title, urljoin(page_url, href)) for kind, title, href in parser.links}


def _feeds(base: str, title: str) -> set[tuple[str, str, str]]:
    names = ("feed.xml", "atom.xml", "feed.json")
    return {
        (kind, f"{title}：新闻动态（{label}）", base + name)
        for (kind, label), name in zip(FEED_TYPES.items(), names, strict=True)
    }


def test_every_page_links_to_the_feeds(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(2)
    tree["mkdocs.yml"] = MKDOCS_YML.replace("site_name: 测试站点", f"site_name: '{TRICKY}'")
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    site = root / "site"
    site_feeds = _feeds(BASE, TRICKY)  # titles read back whole: escaped
    for rel in ("", "campaigns/", "departments/", "departments/fpj/", "news/", "news/post-000/"):
        assert _alternates(site, rel) == site_feeds, rel
    for rel in ("", "schedule/", "responsibilities/", "news/"):
        assert _alternates(site, "campaigns/test-2017/" + rel) == site_feeds, rel
    # Material fetches sitemap.xml next to each alternate link: it must be the site's own
    for _, _, href in site_feeds:
        assert (site / urljoin(href, "sitemap.xml").removeprefix(BASE)).is_file(), href


def test_no_feed_links_without_feeds(make_tree: Callable[..., Path]) -> None:
    yml = MKDOCS_YML.replace("site_url: https://example.gov.cn/zt/test/\n", "")
    root = make_tree(basic_tree(**{"mkdocs.yml": yml}))
    assert mkdocs_build(root).returncode == 0
    for rel in ("", "campaigns/test-2017/", "news/"):
        assert _alternates(root / "site", rel) == set(), rel
