"""The preview as an editor sees it: a real ``mkdocs serve`` and Chromium.

Break a campaign file: its pages stay (its last good version, said so) and every page shows
the problems panel with the error at its line and the fix. Mend the file: both go.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import BIN, ROOT
from .conftest import BASE_PATH, CHROMIUM, CHROMIUM_ARGS, require_browser
from .test_public_view import _axe

CAMPAIGN = "data/campaigns/tongchuan-xianfa-2017.yml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _until(check: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the preview")
        time.sleep(0.5)


def _answers(url: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status) == 200
    return False


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the demo under `mkdocs serve`; yields its folder and its URL."""
    require_browser()
    site = tmp_path / "site"
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, site / name)
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{BASE_PATH}"
    try:
        _until(lambda: _answers(url + "campaigns/tongchuan-xianfa-2017/"), 120)
        yield site, url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _panel(page: Any) -> str | None:
    panel = page.query_selector(".cp-problems")
    return None if panel is None else str(panel.inner_text())


def _reload_until(page: Any, check: Callable[[], bool]) -> None:
    from playwright.sync_api import Error

    def reloaded() -> bool:
        try:
            page.reload(wait_until="load")
            return check()
        except Error:  # the preview's own live reload navigated meanwhile: look again
            return False

    _until(reloaded)


def test_a_broken_file_keeps_its_pages_and_the_panel_says_what_to_fix(
    preview: tuple[Path, str],
) -> None:
    from playwright.sync_api import sync_playwright

    site, url = preview
    path = site / CAMPAIGN
    good = path.read_text("utf-8")
    assert "lead: [市司法局, 市委宣传部]" in good
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(locale="zh-CN")
        page.goto(url + "campaigns/tongchuan-xianfa-2017/")
        title = page.inner_text("h1")
        assert _panel(page) is None

        broken = good.replace("lead: [市司法局, 市委宣传部]", "lead: [市司法局, 市委宣传部", 1)
        path.write_text(broken, "utf-8")  # one missing ]
        _reload_until(page, lambda: _panel(page) is not None)
        panel = _panel(page) or ""
        assert page.inner_text("h1") == title  # the last good page, not a 404
        assert "tongchuan-xianfa-2017.yml:16" in panel
        assert "方括号 [ 没有配对的 ]" in panel and "改成「" in panel
        assert "上次没有错误时的内容" in panel  # and it says so
        assert "1 个问题" in panel  # no follow-on errors
        bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
        assert bad == [], [
            (n["target"], n.get("any", [{}])[0].get("message")) for v in bad for n in v["nodes"]
        ]
        page.goto(url)  # every page shows it, the home page too
        assert "tongchuan-xianfa-2017.yml:16" in (_panel(page) or "")

        path.write_text(good, "utf-8")
        page.goto(url + "campaigns/tongchuan-xianfa-2017/")
        _reload_until(page, lambda: _panel(page) is None)
        assert page.inner_text("h1") == title
        browser.close()
