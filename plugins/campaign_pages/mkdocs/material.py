"""What the plugin changes in Material for MkDocs' HTML, in one place, each change checked.

Material's templates are not ours to edit, so a few fixes are made to the HTML it writes.
Each adaptation names the markup it expects. Material is in maintenance mode and its markup
may still change in a release: when a page that should hold the markup does not, the change
is not made, and the build says so once, naming the installed Material version (a warning,
which ``mkdocs build --strict`` turns into a failed build), instead of silently doing nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from mkdocs.exceptions import PluginError


@dataclass
class Adaptation:
    """One change to Material's HTML: ``pattern`` replaced, once, on the pages it is for."""

    purpose: str  # what the change is for, in Chinese, for the warning
    pattern: re.Pattern[str]
    replacement: Callable[[str | None], str]  # from the page's URL (None: the 404 page)
    expected: Callable[[str], bool] = lambda html: True  # the page should hold the pattern
    required: bool = False  # the site does not work without it: the build stops
    missed: int = 0  # pages that should have held it and did not

    def apply(self, html: str, url: str | None) -> str:
        changed, found = self.pattern.subn(lambda _: self.replacement(url), html, count=1)
        if not found and self.expected(html):
            self.missed += 1
            if self.required:
                raise PluginError(self.warning())
        return changed

    def warning(self) -> str:
        return (
            f"campaign: Material {_material_version()} 的 {self.missed} 个页面里找不到要修改的"
            f"标记，“{self.purpose}”没有生效；请更新 campaign-pages，或换用与它配合的 Material 版本"
            + (
                "（也可以在插件选项里写 search: false，改用 Material 自己的搜索）"
                if self.required
                else ""
            )
        )


def adaptations(chinese: bool, worker: Callable[[str | None], str] | None) -> list[Adaptation]:
    """The changes this build makes; ``worker``: the URL of our search worker from a page's
    URL (None for the 404 page, served at any address), when our index replaces Material's."""
    found: list[Adaptation] = []
    if chinese:
        found.append(
            Adaptation(
                "把页面语言从 zh 改为 zh-CN（读屏软件据此选择普通话）",
                re.compile(r'<html lang="zh"(?=[ >])'),
                lambda url: '<html lang="zh-CN"',
            )
        )
    found.append(
        Adaptation(
            "给搜索对话框加上无障碍名称",
            re.compile(r'role="dialog">'),
            lambda url: 'role="dialog" aria-label="搜索">',
            expected=lambda html: 'class="md-search"' in html,
        )
    )
    if worker is not None:
        found.append(
            Adaptation(
                "让搜索框使用本插件的分片中文索引",
                re.compile(r'"search": "[^"]*/workers/search\.[0-9a-f]+\.min\.js"'),
                lambda url: f'"search": "{worker(url)}"',
                expected=lambda html: 'id="__config"' in html,
                required=True,  # Material's worker cannot read our index: no search at all
            )
        )
    return found


class Material:
    """Applies the adaptations to pages and templates, and says which found no markup."""

    def __init__(self, chinese: bool, worker: Callable[[str | None], str] | None) -> None:
        self.adaptations = adaptations(chinese, worker)

    def page(self, html: str, url: str | None) -> str:
        for adaptation in self.adaptations:
            html = adaptation.apply(html, url)
        return html

    def missed(self) -> list[str]:
        """A warning for each adaptation that a page should have taken and did not."""
        return [a.warning() for a in self.adaptations if a.missed]


_SEARCH_FALSE = "（也可以在插件选项里写 search: false，改用 Material 自己的搜索）"


def _material_version() -> str:
    try:
        return version("mkdocs-material")
    except PackageNotFoundError:  # a theme installed some other way
        return "（版本未知）"
