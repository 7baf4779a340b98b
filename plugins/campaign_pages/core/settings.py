"""Build settings shared by the adapters, and where the build's "today" comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from campaign_pages.core.urls import Urls

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about the site it builds for."""

    today: dt.date
    site_name: str = "宣传专题"
    site_url: str | None = None
    page_size: int = 20  # posts on a page of the news index (with summaries)
    archive_page_size: int = 100  # posts on a page of the compact lists: archives, tags …
    feed_size: int = 20  # posts in a feed
    latest: int = 5  # latest posts on campaign and department pages and in news blocks
    serve: bool = False  # mkdocs serve: drafts and scheduled posts are listed, marked 草稿


class TodayError(ValueError):
    pass


def resolve_today(
    configured: dt.date | str | None,
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
        if isinstance(configured, dt.date):
            return configured, "plugin option today"
        try:
            return dt.date.fromisoformat(str(configured)), "plugin option today"
        except ValueError:
            raise TodayError(f"today: “{configured}”不是日期，应写作 2017-10-17") from None
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


@dataclass(frozen=True)
class Options:
    """The plugin's options in mkdocs.yml; the MkDocs plugin and the CLI both read them."""

    data_dir: str = "data"
    today: str | None = None
    campaigns_path: str = "campaigns"
    departments_path: str = "departments"
    news_dir: str = "news"
    news_page_size: int = 20
    archive_page_size: int = 100
    feed_size: int = 20
    latest_news: int = 5
    template_dir: str = "campaign"
    search: bool = True
    parallel: bool = True

    def __post_init__(self) -> None:
        for name in ("news_page_size", "archive_page_size", "feed_size", "latest_news"):
            if getattr(self, name) < 1:
                raise ValueError(f"插件选项 {name} 至少是 1")

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
        return Settings(
            today=today,
            site_name=site_name,
            site_url=site_url,
            page_size=self.news_page_size,
            archive_page_size=self.archive_page_size,
            feed_size=self.feed_size,
            latest=self.latest_news,
            serve=serve,
        )
