"""The form editor as an editor uses it: Decap CMS from the site itself, its local backend
(decap-server, from npm), and Chromium. Add an activity with a lead and a support unit
through the form, publish, and the campaign file has it and passes ``campaign check``."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import BIN, ROOT, campaign_cli, run
from .conftest import CHROMIUM, CHROMIUM_ARGS, require_browser, serve
from .test_preview import _free_port, _until

NODE = ROOT / "node_modules"
CAMPAIGN = "data/campaigns/tongchuan-xianfa-2017.yml"


def _require_npm() -> None:
    if (NODE / "decap-cms/dist/decap-cms.js").exists() and (NODE / ".bin/decap-server").exists():
        return
    message = "表单编辑器的测试要先安装 npm 依赖：npm ci（the CMS test needs node_modules）"
    if os.environ.get("CAMPAIGN_BROWSER_TESTS") == "required":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """A copy of the demo with its admin page built, and decap-server on it: yields the copy,
    the admin page's URL and the backend's origin."""
    require_browser()
    _require_npm()
    site = tmp_path / "site"
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, site / name)
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    (site / "node_modules").symlink_to(NODE)
    port = _free_port()
    assert campaign_cli(site, "cms", "--port", str(port)).returncode == 0
    built = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "out")], site)
    assert built.returncode == 0, built.stderr
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(site), "PORT": str(port), "MODE": "fs"}
    backend = subprocess.Popen(
        [str(NODE / ".bin/decap-server")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with serve(tmp_path / "out") as url:
            yield site, url + "admin/", f"http://localhost:{port}"
    finally:
        backend.terminate()
        backend.wait(timeout=30)


def _field(page: Any, label: str) -> Any:
    """The visible form field labelled ``label`` (the last: a new list item's)."""
    found = page.locator(f'label:text-matches("^{label}"):visible').last
    return page.locator(f'[id="{found.get_attribute("for")}"]')


def test_an_activity_added_in_the_form_is_saved_to_the_file_and_passes_check(
    editor: tuple[Path, str, str],
) -> None:
    from playwright.sync_api import sync_playwright

    site, admin, backend = editor
    before = yaml.safe_load((site / CAMPAIGN).read_text("utf-8"))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(admin))
    elsewhere: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page.on(
            "request",
            lambda r: None if r.url.startswith((origin, backend)) else elsewhere.append(r.url),
        )
        page.goto(admin)
        page.get_by_role("button", name="登录").click()
        page.get_by_text("铜川市2017年“12·4”国家宪法日集中宣传活动方案").click()
        page.get_by_role("button", name="新增活动").click()
        _field(page, "标题").fill("宪法知识进社区")
        _field(page, "时间").fill("12月5日上午")
        for label, unit in (("牵头单位", "市司法局"), ("配合单位", "市委宣传部")):
            _field(page, label).click()
            page.keyboard.type(unit)
            page.get_by_role("option", name=unit, exact=True).click()
        page.get_by_role("button", name="发布").first.click()
        page.get_by_text("立即发布").click()

        def saved() -> bool:
            data = yaml.safe_load((site / CAMPAIGN).read_text("utf-8"))
            if not isinstance(data, dict):  # decap-server is still writing the file
                return False
            return len(data["activities"]) == len(before["activities"]) + 1

        _until(saved, 30)
        browser.close()
    after = yaml.safe_load((site / CAMPAIGN).read_text("utf-8"))
    added = after["activities"][-1]
    assert added["title"] == "宪法知识进社区" and added["when"] == "12月5日上午"
    assert added["lead"] == ["市司法局"] and added["support"] == ["市委宣传部"]
    assert after["activities"][:-1] == before["activities"]  # the others as they were
    check = campaign_cli(site, "check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    assert elsewhere == []  # Decap came from the site; only its backend was called besides
