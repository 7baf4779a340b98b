"""The MkDocs adapter: the only module that imports mkdocs. It stays thin on purpose.

It reads ``data/`` once per build, adds the generated pages as virtual files that stay out
of the navigation, expands editors' blocks, and reports content problems as warnings (which
``mkdocs build --strict`` turns into a failed build). Only public ``mkdocs.*`` APIs are used,
so the plugin also runs on ProperDocs, the maintained fork of MkDocs 1.x.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .blocks import expand_blocks
from .generate import Generator
from .problems import Problem
from .reader import read_site
from .render import Renderer, TemplateProblem
from .settings import Settings, TodayError, resolve_today
from .urls import Urls

log = logging.getLogger("mkdocs.plugins.campaign")


class CampaignConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    data_dir = c.Type(str, default="data")
    """Folder with site.yml, departments.yml and campaigns/, relative to mkdocs.yml."""
    today = c.Optional(c.Type((str, dt.date)))
    """Fixed "today" for status marks; else data/site.yml, then SOURCE_DATE_EPOCH."""
    campaigns_path = c.Type(str, default="campaigns")
    departments_path = c.Type(str, default="departments")
    template_dir = c.Type(str, default="campaign")
    """Sub-folder of the theme's custom_dir whose templates override the package's."""


class CampaignPlugin(BasePlugin[CampaignConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.generator: Generator | None = None
        self.generated: set[str] = set()
        self.urls = Urls()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.urls = Urls(
            directory_urls=config.use_directory_urls,
            campaigns=self.config.campaigns_path.strip("/"),
            departments=self.config.departments_path.strip("/"),
        )
        if self.urls.stylesheet not in config.extra_css:
            config.extra_css.append(self.urls.stylesheet)
        # generated headings carry stable anchors as ``{#id}``; Chinese lines join without spaces
        for extension in ("attr_list", "campaign_pages.cjk"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path or ".").resolve().parent
        data_dir = root / self.config.data_dir
        if not data_dir.is_dir():
            log.warning(f"campaign: 找不到数据目录 {data_dir}（插件选项 data_dir）")
        site, problems = read_site(data_dir)
        _report(problems)
        today_option = self.config.today
        try:
            today, source = resolve_today(
                today_option if isinstance(today_option, str | dt.date) else None,
                site.info.today,
                os.environ,
                clock=dt.date.today(),
            )
        except TodayError as exc:
            raise PluginError(f"campaign: {exc}") from None
        if source == "clock":
            log.info(
                f"campaign: “今天”取自系统时钟（{today}）；要让每次构建结果一致，"
                "请设置 SOURCE_DATE_EPOCH 或插件选项 today"
            )
        settings = Settings(today=today, site_name=config.site_name, site_url=config.site_url)
        overrides = [Path(d) / self.config.template_dir for d in config.theme.dirs]
        self.generator = Generator(site, settings, Renderer(self.urls, overrides))
        self.generated = set()
        try:
            outputs = self.generator.outputs()
        except TemplateProblem as exc:
            raise PluginError(f"campaign: {exc}") from None
        for output in outputs:
            if output.path in files.src_uris:
                log.info(f"campaign: 使用 docs 中已有的 {output.path}，不再生成")
                continue
            files.append(
                File.generated(
                    config, output.path, content=output.content, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
            self.generated.add(output.path)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.generator is None or page.file.src_uri in self.generated:
            return markdown
        generator = self.generator
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        try:
            text, problems = expand_blocks(
                markdown,
                path,
                lambda block: generator.render_block(block, page.file.src_uri),
                {c.id for c in generator.site.campaigns},
            )
        except TemplateProblem as exc:
            raise PluginError(f"campaign: {exc}") from None
        _report(problems)
        return text

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        root = Path(config.config_file_path or ".").resolve().parent
        server.watch(str(root / self.config.data_dir))
        return server


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        log.warning(f"campaign: {problem}")
