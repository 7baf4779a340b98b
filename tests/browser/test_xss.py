"""Script in editors' YAML and front matter, in Chromium: shown as text, never run.

A site is built whose campaign, departments and posts carry the payloads an attacker would
try (raw ``<script>``, ``javascript:`` links hidden behind entities, ``</script>`` in text that
ends up in JSON-LD); every page type is opened, every payload link is clicked, and the search
is asked for the payload. A script that runs would open an ``alert`` dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from ..conftest import CAMPAIGN, DEPARTMENTS, basic_tree, mkdocs_build, post, write_tree
from ..conftest import MKDOCS_YML as BASE_YML
from .conftest import Traffic, open_page, require_browser, serve

SCRIPT = "<script>alert(1)</script>"
LINKS = [
    "javascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "JaVa&#x53;cript&#x3A;alert(1)",
    "java&#9;script:alert(1)",
    "&#x6A;avascript:alert(1)",
]
PAYLOAD = " ".join(f"[点我{n}]({url})" for n, url in enumerate(LINKS)) + f" {SCRIPT}"

# the test site's configuration, with search on and under a path of its own
MKDOCS_YML = (
    BASE_YML.replace("/zt/test/", "/zt/xss/")
    .replace("plugins:\n", "plugins:\n  - search\n")
    .split("nav:\n")[0]
)


def _campaign() -> str:
    text = CAMPAIGN.replace("summary: 一个测试方案。", f"summary: '{PAYLOAD}'")
    text = text.replace(
        "title: 召开一场新闻发布会", f"title: '发布会{SCRIPT}'\n    body: '{PAYLOAD}'"
    )
    return text.replace("location: 新区阳光广场", "location: '广场</script><!--'")


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    root = tmp_path_factory.mktemp("xss")
    tree = basic_tree()
    tree.update(
        {
            "mkdocs.yml": MKDOCS_YML,
            "data/campaigns/test-2017.yml": _campaign(),
            "data/departments.yml": DEPARTMENTS.replace(
                "name: 市扶贫局\n", f"name: 市扶贫局\n    description: '{PAYLOAD}'\n"
            ),
            "docs/news/xss.md": post(
                f"标题{SCRIPT}",
                "2017-10-10 09:00",
                extra=f"tags: ['{SCRIPT}']\nsummary: '摘要{SCRIPT}'\nsource: '报社</script>'\n",
                body="正文里有符号 & 和 amp 字样。\n",
            ),
        }
    )
    write_tree(root, tree)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve(root / "site", "/zt/xss/") as url:
        yield url


def _record_dialogs(page: Any) -> list[str]:
    """The messages of every alert, confirm or prompt the page opens (each is dismissed)."""
    dialogs: list[str] = []

    def opened(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", opened)
    return dialogs


PAGES = [
    "",
    "campaigns/test-2017/",
    "campaigns/test-2017/schedule/",
    "campaigns/test-2017/responsibilities/",
    "departments/fpj/",
    "departments/",
    "news/",
    "news/xss/",
]


@pytest.mark.parametrize("path", PAGES)
def test_payloads_are_shown_not_run(browser: Any, xss_site: str, path: str) -> None:
    page = open_page(browser, Traffic())
    dialogs = _record_dialogs(page)
    page.goto(xss_site + path)
    page.wait_for_load_state("networkidle")
    schemes = page.eval_on_selector_all("a[href]", "links => links.map(a => a.protocol)")
    assert set(schemes) <= {"http:", "https:", "mailto:", "tel:"}, schemes
    payload_links = page.locator("a", has_text="点我")
    for index in range(payload_links.count()):
        payload_links.nth(index).click(no_wait_after=True)
        page.wait_for_timeout(50)
        if page.url != xss_site + path:
            page.goto(xss_site + path)
    if path in ("campaigns/test-2017/", "news/xss/"):  # the script is in the text, as text
        assert SCRIPT in page.locator("main").inner_text()
    for script in page.eval_on_selector_all("script", "s => s.map(e => e.textContent)"):
        assert "alert(1)" not in script or script.startswith("{"), script  # JSON-LD: data
    assert dialogs == []
    page.context.close()


def test_search_results_show_the_payload_as_text(browser: Any, xss_site: str) -> None:
    page = open_page(browser, Traffic())
    dialogs = _record_dialogs(page)
    for query in ("script", "alert", "amp"):
        page.goto(f"{xss_site}?q={quote(query)}")
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.includes('结果')",
            timeout=15_000,
        )
        results = page.locator(".md-search-result").inner_text()
        if query == "script":
            assert "<script>" in results
        assert "&lt;" not in results and "&amp;" not in results
        assert page.locator(".md-search-result script").count() == 0
    assert dialogs == []
    page.context.close()
