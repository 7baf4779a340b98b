"""What machines and the law read off every page: JSON-LD, Open Graph, canonical URLs and the
government footer, checked in real builds of small sites."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from campaign_pages.core.outputs.metadata import to_script

from .conftest import CAMPAIGN, mkdocs_build, post

BASE = "https://example.gov.cn/zt/test/"


class _Head(HTMLParser):
    """JSON-LD scripts, meta properties, the canonical link and the footer's links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.jsonld: list[Any] = []
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.links: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = True
        elif tag == "meta" and a.get("property"):
            self.meta.append((str(a["property"]), str(a.get("content"))))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.jsonld.append(json.loads(data))


def _parse(root: Path, rel: str) -> _Head:
    head = _Head()
    head.feed((root / "site" / rel).read_text("utf-8"))
    return head


POSTPONED = CAMPAIGN.replace(
    "    lead: [市委宣传部, 市扶贫局]\n    support: [市卫计局]\n",
    "    lead: [市委宣传部, 市扶贫局]\n    support: [市卫计局]\n    status: postponed\n",
)


def _site(make_tree: Callable[..., Path]) -> Path:
    root = make_tree(
        **{
            "data/campaigns/test-2017.yml": POSTPONED,
            "docs/news/press.md": post(
                '发布会召开 "</script><script>alert(1)</script>',
                "2017-10-11 10:00",
                extra="source: 铜川日报\nsource_level: 市级\ntags: [发布会]\n"
                "summary: 市委宣传部召开新闻发布会。\n",
            ),
        }
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_activities_are_json_ld_events(make_tree: Callable[..., Path]) -> None:
    root = _site(make_tree)
    [data] = _parse(root, "campaigns/test-2017/index.html").jsonld
    assert data["@context"] == "https://schema.org"
    events = {e["name"]: e for e in data["@graph"]}
    assert set(events) == {"召开一场新闻发布会", "政策宣传咨询", "健康服务"}
    press, consult, health = (events[n] for n in ("召开一场新闻发布会", "政策宣传咨询", "健康服务"))
    assert all(e["@type"] == "Event" for e in events.values())
    # 10月中旬 is a range of days; 10月17日上午9:30—11:30 has times in Beijing time
    assert (press["startDate"], press["endDate"]) == ("2017-10-11", "2017-10-20")
    assert consult["startDate"] == "2017-10-17T09:30:00+08:00"
    assert consult["endDate"] == "2017-10-17T11:30:00+08:00"
    assert press["eventStatus"] == "https://schema.org/EventPostponed"
    assert health["eventStatus"] == "https://schema.org/EventCancelled"
    assert consult["eventStatus"] == "https://schema.org/EventScheduled"
    assert consult["location"] == {"@type": "Place", "name": "新区阳光广场"}
    assert "location" not in press
    assert [o["name"] for o in press["organizer"]] == ["市委宣传部", "市扶贫局"]
    assert [o["name"] for o in consult["organizer"]] == ["市脱贫攻坚领导小组办公室"]
    # absolute URLs keep the sub-path of site_url
    assert consult["url"] == BASE + "campaigns/test-2017/#consult"


def test_posts_are_json_ld_news_articles(make_tree: Callable[..., Path]) -> None:
    root = _site(make_tree)
    page = (root / "site/news/press/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in page  # the title cannot close the JSON-LD script
    [article] = _parse(root, "news/press/index.html").jsonld
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == '发布会召开 "</script><script>alert(1)</script>'
    assert article["datePublished"] == "2017-10-11T10:00:00+08:00"
    assert article["url"] == article["mainEntityOfPage"] == BASE + "news/press/"
    assert article["author"]["name"] == "铜川日报"
    assert article["publisher"]["name"] == "测试市委宣传部"
    assert article["description"] == "市委宣传部召开新闻发布会。"
    assert article["keywords"] == "发布会"


def test_open_graph_and_canonical_urls_keep_the_sub_path(make_tree: Callable[..., Path]) -> None:
    root = _site(make_tree)
    news = _parse(root, "news/press/index.html")
    og = dict(news.meta)
    assert og["og:type"] == "article"
    assert og["og:url"] == news.canonical == BASE + "news/press/"
    assert og["og:description"] == "市委宣传部召开新闻发布会。"
    assert og["og:locale"] == "zh_CN" and og["og:site_name"] == "测试站点"
    assert og["article:published_time"] == "2017-10-11T10:00:00+08:00"
    assert ("article:tag", "发布会") in news.meta
    schedule = _parse(root, "campaigns/test-2017/schedule/index.html")
    assert schedule.canonical == BASE + "campaigns/test-2017/schedule/"
    assert dict(schedule.meta)["og:type"] == "website"
    assert dict(schedule.meta)["og:url"] == schedule.canonical


def test_government_footer_is_on_every_page(make_tree: Callable[..., Path]) -> None:
    root = _site(make_tree)
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        if page.name == "404.html":
            continue
        text = page.read_text("utf-8")
        for fact in (
            "主办单位：测试市委宣传部",
            "承办单位：测试市融媒体中心",
            "网站标识码：6100000001",
            '电话：<a href="tel:0919-0000001">',
            'href="mailto:test@example.gov.cn"',
        ):
            assert fact in text, (page, fact)
        links = _parse(root, str(page.relative_to(root / "site"))).links
        assert "https://beian.miit.gov.cn/" in links
        # the police filing links to its record, by the 14-digit number
        assert any(
            re.fullmatch(r"https://beian\.mps\.gov\.cn/.*code=61000002000001", x) for x in links
        ), page


def test_footer_is_escaped(make_tree: Callable[..., Path]) -> None:
    from .conftest import SITE

    evil = SITE.replace("测试市融媒体中心", "'<script>alert(7)</script>'")
    root = make_tree(**{"data/site.yml": evil})
    assert mkdocs_build(root).returncode == 0
    home = (root / "site/index.html").read_text("utf-8")
    assert "<script>alert(7)" not in home
    assert "承办单位：&lt;script&gt;alert(7)&lt;/script&gt;" in home


def test_missing_footer_fields_warn_and_fail_a_strict_build(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree(**{"data/site.yml": "organizer: 测试市委宣传部\n"})
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "data/site.yml:1: 缺少网站标识码（site_code）" in result.stderr
    assert "data/site.yml:1: 缺少ICP备案号（icp）" in result.stderr


def test_json_for_a_script_element_cannot_end_it() -> None:
    text = to_script({"name": "</script><!--x"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"name": "</script><!--x"}
