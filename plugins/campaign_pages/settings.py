"""Build settings shared by the adapters, and where the build's "today" comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about the site it builds for."""

    today: dt.date
    site_name: str = "宣传专题"
    site_url: str | None = None
    directory_urls: bool = True
    campaigns_path: str = "campaigns"
    departments_path: str = "departments"


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
