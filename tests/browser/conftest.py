"""The demo site in a real browser: Debian's Chromium, driven by Playwright.

The suite builds the demo once into ``build/browser/site``, serves it on 127.0.0.1 under its
real sub-path (``/zt/fupinri/``, from ``site_url``) and visits every page type. Screenshots
go to ``build/screenshots`` (git-ignored) for anyone to look at.

Without ``/usr/bin/chromium`` the tests are skipped, with a message saying how to install
it; with ``CAMPAIGN_BROWSER_TESTS=required`` (set by ``.ci/run``) a missing browser fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..conftest import BIN, DEMO_PAGES, ROOT, run


def _launch_settings() -> Any:
    """benchmarks/chromium.py: the browser is launched as the benchmark launches it."""
    path = ROOT / "benchmarks/chromium.py"
    spec = importlib.util.spec_from_file_location("bench_chromium", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SETTINGS = _launch_settings()
CHROMIUM, CHROMIUM_ARGS = _SETTINGS.CHROMIUM, _SETTINGS.CHROMIUM_ARGS

BASE_PATH = "/zt/fupinri/"  # the path of the demo's site_url
OUT = ROOT / "build"

PAGES = DEMO_PAGES  # every page type of the site, by name


def require_browser() -> None:
    if CHROMIUM.exists():
        return
    message = (
        "浏览器测试需要 Debian 的 Chromium：sudo apt-get install -y chromium fonts-noto-cjk "
        "（browser tests need /usr/bin/chromium）"
    )
    if os.environ.get("CAMPAIGN_BROWSER_TESTS") == "required":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def demo_site() -> Path:
    require_browser()
    site = OUT / "browser/site"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(site)], ROOT)
    assert result.returncode == 0, result.stderr
    return site


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_path = BASE_PATH

    def translate_path(self, path: str) -> str:
        # the site lives under its base path, as it will on the real server
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, base_path: str = BASE_PATH) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 under ``base_path``; yields the site's URL."""
    handler = functools.partial(
        type("Handler", (_Handler,), {"base_path": base_path}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(demo_site: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@dataclass
class Traffic:
    """Every request a page made, and what went wrong on the way."""

    urls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def traffic() -> Traffic:
    """Shared by the whole session, so one test can check every request of every page."""
    return Traffic()


def _failed(traffic: Traffic, request: Any) -> None:
    # A request still under way when the test moves to the next page is cancelled by the
    # browser (net::ERR_ABORTED): the navigation's doing, not the site's. Refused, blocked or
    # unreachable requests are failures.
    if request.failure != "net::ERR_ABORTED":
        traffic.failed.append(f"{request.url} {request.failure}")


def open_page(browser: Any, traffic: Traffic, width: int = 1280, elder: bool = False) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    if elder:
        context.add_init_script("localStorage.setItem('cp-elder', '1')")
    page = context.new_page()
    page.on("request", lambda request: traffic.urls.append(request.url))
    page.on("requestfailed", lambda request: _failed(traffic, request))
    page.on(
        "response",
        lambda response: (
            traffic.failed.append(f"{response.url} {response.status}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            traffic.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    return page


def screenshot(page: Any, name: str) -> Path:
    path = OUT / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
