"""The plugin's options, the settings of one build, and where the build's "today" comes from.

:class:`Options` declares the plugin's options once: the MkDocs adapter makes its config
from the fields, the CLI reads mkdocs.yml through it, and :class:`Settings`, what the core
builds with, extends it. The README's "Plugin options" block lists the same options with
the same defaults (``tests/test_settings.py`` checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from campaign_pages.core.problems import did_you_mean
from campaign_pages.core.urls import Urls

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _as_date(value: object) -> object:
    """``today: 2017-10-12`` arrives from YAML as a date; quoted, it is read as one too."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # reported as not a date
    return value


Count = Annotated[int, Field(ge=1)]
Day = Annotated[dt.date | None, BeforeValidator(_as_date)]


class OptionsError(ValueError):
    """A plugin option that does not exist or has a value of the wrong kind, in Chinese."""


class Options(BaseModel):
    """The plugin's options in mkdocs.yml, with their defaults. One line adds an option: the
    MkDocs config, the CLI, the core's settings and the README's check all follow."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )

    data_dir: str = "data"
    """Folder with site.yml, departments.yml and campaigns/, relative to mkdocs.yml."""
    today: Day = None
    """Fixed "today" for status marks; else data/site.yml, then SOURCE_DATE_EPOCH."""
    campaigns_path: str = "campaigns"
    """Where the campaign pages go in the site."""
    departments_path: str = "departments"
    """Where the department pages go in the site."""
    news_dir: str = "news"
    """Folder under docs/ whose pages are news posts."""
    news_page_size: Count = 20
    """Posts on a page of the news index, which shows summaries."""
    archive_page_size: Count = 100
    """Posts on a page of the compact lists: archives, tags, campaign news, a department."""
    feed_size: Count = 20
    """Posts in each feed."""
    latest_news: Count = 5
    """Latest posts on campaign overviews and in news blocks."""
    template_dir: str = "campaign"
    """Sub-folder of the theme's custom_dir whose templates override the package's."""
    search: bool = True
    """With Material's search plugin on: serve the sharded Chinese index instead of its own."""
    parallel: bool = True
    """Read posts and render generated pages on a second core (Linux builds)."""

    @classmethod
    def read(cls, written: Mapping[str, object]) -> Options:
        """The options as written under the plugin in mkdocs.yml; one left empty keeps its
        default. Raises :class:`OptionsError` for every unknown option and wrong value."""
        try:
            return cls.model_validate({k: v for k, v in written.items() if v is not None})
        except ValidationError as exc:
            raise OptionsError("；".join(_message(e) for e in exc.errors())) from None

    @classmethod
    def check(cls, name: str, value: object) -> object:
        """One option's value as :meth:`read` takes it (MkDocs checks option by option)."""
        return getattr(cls.read({name: value}), name)

    def urls(self, directory_urls: bool) -> Urls:
        return Urls(
            directory_urls=directory_urls,
            campaigns=self.campaigns_path.strip("/"),
            departments=self.departments_path.strip("/"),
            news=self.news_dir.strip("/"),
        )

    def settings(
        self, today: dt.date, site_name: str, site_url: str | None, serve: bool = False
    ) -> Settings:
        """These options for one build."""
        build = {"today": today, "site_name": site_name, "site_url": site_url, "serve": serve}
        return Settings.model_validate({**dict(self), **build})


class Settings(Options):
    """What the core builds with: the options, and what one build adds to them."""

    today: dt.date
    """The build's "today", resolved (:func:`resolve_today`)."""
    site_name: str = "宣传专题"
    """mkdocs.yml's site_name."""
    site_url: str | None = None
    """mkdocs.yml's site_url; without it there are no feeds and no absolute links."""
    serve: bool = False
    """``mkdocs serve``: drafts and scheduled posts are listed, marked 草稿."""


_EXPECTED = {
    "string_type": "文本",
    "int_type": "整数",
    "bool_type": "是/否（true 或 false）",
    "date_type": "日期（如 2017-10-17）",
}


def _message(error: ErrorDetails) -> str:
    name = str(error["loc"][0])
    if error["type"] == "extra_forbidden":
        known = list(Options.model_fields)
        hint = did_you_mean(name, known) or "可用的选项：" + "、".join(known)
        return f"未知的插件选项“{name}”，{hint}"
    if error["type"] == "greater_than_equal":
        return f"插件选项 {name} 至少是 {error.get('ctx', {}).get('ge')}"
    written = error["input"]
    shown = f"文本“{written}”" if isinstance(written, str) else f"“{written}”"
    expected = _EXPECTED.get(error["type"], error["msg"])
    return f"插件选项 {name} 应为{expected}，这里是{shown}"


class TodayError(ValueError):
    pass


def resolve_today(
    configured: dt.date | None,
    site_today: dt.date | None,
    environ: Mapping[str, str],
    clock: dt.date | None = None,
) -> tuple[dt.date, str]:
    """Pick the build's "today" and say where it came from.

    Order: the plugin option ``today``, ``today:`` in ``data/site.yml``, ``SOURCE_DATE_EPOCH``
    (read in Asia/Shanghai), and only then the clock, which the adapters report in the log
    so that a build that depends on the day is never silent about it.
    """
    if configured:
        return configured, "plugin option today"
    if site_today:
        return site_today, "data/site.yml today"
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=SHANGHAI)
        except (ValueError, OverflowError, OSError):
            raise TodayError(f"SOURCE_DATE_EPOCH=“{epoch}”不是 Unix 时间戳") from None
        return moment.date(), "SOURCE_DATE_EPOCH"
    if clock is None:
        raise TodayError("没有指定今天的日期")
    return clock, "clock"
