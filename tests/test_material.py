"""The changes made to Material's HTML, and the guard for a Material that writes other markup."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from campaign_pages.mkdocs.material import Material

from .conftest import MKDOCS_YML, mkdocs_build

PAGE = (
    '<html lang="zh" class="no-js"><head><script id="__config">{"search": '
    '"../assets/javascripts/workers/search.2c215733.min.js"}</script></head><body>'
    '<div class="md-search" data-md-component="search" role="dialog"></div></body></html>'
)


def test_each_change_is_made_where_its_markup_is() -> None:
    material = Material(chinese=True, worker=lambda url: f"{url}worker.js")
    html = material.page(PAGE, "news/")
    assert '<html lang="zh-CN" class="no-js">' in html
    assert 'role="dialog" aria-label="搜索">' in html
    assert '"search": "news/worker.js"' in html
    assert material.missed() == []


def test_markup_that_is_gone_is_reported_once_with_materials_version() -> None:
    material = Material(chinese=True, worker=None)
    changed = PAGE.replace('lang="zh"', 'lang="zh-Hans"').replace('role="dialog"', "")
    for _ in range(3):
        assert material.page(changed, "x/") == changed  # nothing is changed blindly
    warnings = material.missed()
    assert len(warnings) == 2 and all("Material 9." in w and "3 个页面" in w for w in warnings)
    assert "zh-CN" in warnings[0] and "搜索" in warnings[1]


def test_a_search_worker_that_cannot_be_replaced_stops_the_build() -> None:
    material = Material(chinese=False, worker=lambda url: "w.js")
    with pytest.raises(PluginError, match="search: false"):
        material.page(PAGE.replace("workers/search", "workers/find"), "")


def test_a_build_says_when_materials_markup_has_changed(make_tree: Callable[..., Path]) -> None:
    """A theme override standing in for a Material release whose search dialog differs."""
    original = files("material").joinpath("templates/partials/search.html")
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = make_tree(**{"mkdocs.yml": yml.replace("plugins:\n", "plugins:\n  - search\n")})
    (root / "overrides/partials").mkdir(parents=True)
    text = original.read_text("utf-8").replace(' role="dialog"', ' role="search"')
    (root / "overrides/partials/search.html").write_text(text, "utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "“给搜索对话框加上无障碍名称”没有生效" in result.stderr


def test_the_404_page_gets_the_changes_with_an_address_valid_anywhere(
    make_tree: Callable[..., Path],
) -> None:
    """MkDocs serves 404.html at any missing address: links in it start at the site's root."""
    root = make_tree(**{"mkdocs.yml": MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")})
    assert mkdocs_build(root).returncode == 0
    page = (root / "site/404.html").read_text("utf-8")
    assert '<html lang="zh-CN"' in page and 'role="dialog" aria-label="搜索">' in page
    assert '"search": "/zt/test/assets/campaign-search.js"' in page  # not Material's worker
