from __future__ import annotations

import re

import pytest

from campaign_pages.core.urls import Urls, path_segment, relative


@pytest.mark.parametrize(
    ("directory_urls", "src", "url"),
    [
        (True, "campaigns/index.md", "campaigns/"),
        (True, "campaigns/x/schedule.md", "campaigns/x/schedule/"),
        (True, "departments/xcb.md", "departments/xcb/"),
        (True, "calendar.ics", "calendar.ics"),
        (False, "campaigns/index.md", "campaigns/index.html"),
        (False, "campaigns/x/schedule.md", "campaigns/x/schedule.html"),
        (True, "index.md", ""),
    ],
)
def test_urls_follow_mkdocs(directory_urls: bool, src: str, url: str) -> None:
    assert Urls(directory_urls=directory_urls).url(src) == url


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("campaigns/x/schedule/", "departments/xcb/", "../../../departments/xcb/"),
        ("", "campaigns/", "campaigns/"),
        ("campaigns/", "campaigns/", "./"),
        ("campaigns/x/", "campaigns/x.ics", "../x.ics"),
        ("campaigns/x/schedule.html", "campaigns/x/index.html", "index.html"),
        ("index.html", "departments/xcb.html", "departments/xcb.html"),
    ],
)
def test_relative_links(source: str, target: str, link: str) -> None:
    assert relative(source, target) == link


def test_urls_of_tags_keep_chinese() -> None:
    urls = Urls()
    assert urls.news_tag("扶贫日") == "news/tags/扶贫日"
    assert urls.url(urls.page(urls.news_tag("扶贫日"), 2)) == "news/tags/扶贫日/page/2/"
    assert urls.news_tag("扶贫-脱贫") == "news/tags/扶贫-脱贫"
    assert urls.news_tag("A/B 测试?").startswith("news/tags/a-b-测试-")


# tags that a lossy clean-up would put in one folder, or that no file system takes
NASTY_TAGS = [
    "扶贫/脱贫",
    "扶贫-脱贫",
    "扶贫 脱贫",
    "扶贫?脱贫",
    "扶贫#脱贫",
    "..",
    ".",
    "?",
    "#",
    "-",
    "/",
    "../../etc",
    "PM2.5",
    "pm2.5",
    "Pm2.5",
    "扶" * 200,
    "扶" * 201,
    "a\x00b",
    "a\nb",
    "index",
    "page",
]


def test_every_tag_has_a_folder_of_its_own() -> None:
    segments = [path_segment(tag) for tag in NASTY_TAGS]
    # one folder per tag, also on a file system that ignores case (Windows, macOS)
    assert len({s.lower() for s in segments}) == len(NASTY_TAGS), segments
    for segment in segments:
        assert segment not in ("", ".", "..")
        assert re.fullmatch(r"[^\s\x00-\x1f/\\?#%&:*\"<>|]+", segment), segment
        assert len(segment.encode("utf-8")) <= 200, segment  # a file name is at most 255 bytes
    assert path_segment("扶贫/脱贫") == path_segment("扶贫/脱贫")  # it depends on the tag only
