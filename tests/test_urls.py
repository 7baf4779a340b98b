from __future__ import annotations

import pytest

from campaign_pages.urls import Urls, relative


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
