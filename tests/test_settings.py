from __future__ import annotations

import datetime as dt

import pytest

from campaign_pages.core.settings import TodayError, resolve_today

D = dt.date


def test_plugin_option_wins() -> None:
    assert resolve_today(
        "2017-10-12", D(2001, 1, 1), {"SOURCE_DATE_EPOCH": "0"}, D(2030, 1, 1)
    ) == (
        D(2017, 10, 12),
        "plugin option today",
    )


def test_site_yml_before_environment() -> None:
    assert resolve_today(None, D(2017, 10, 1), {"SOURCE_DATE_EPOCH": "0"})[0] == D(2017, 10, 1)


def test_source_date_epoch_is_read_in_shanghai() -> None:
    # 2017-10-16 16:30 UTC is already 10-17 in Beijing
    epoch = str(int(dt.datetime(2017, 10, 16, 16, 30, tzinfo=dt.UTC).timestamp()))
    assert resolve_today(None, None, {"SOURCE_DATE_EPOCH": epoch}) == (
        D(2017, 10, 17),
        "SOURCE_DATE_EPOCH",
    )


def test_clock_only_when_given_and_said() -> None:
    assert resolve_today(None, None, {}, D(2026, 11, 22)) == (D(2026, 11, 22), "clock")
    with pytest.raises(TodayError):
        resolve_today(None, None, {})


@pytest.mark.parametrize(
    ("configured", "env"), [("10月12日", {}), (None, {"SOURCE_DATE_EPOCH": "x"})]
)
def test_bad_values_are_clear_errors(configured: str | None, env: dict[str, str]) -> None:
    with pytest.raises(TodayError):
        resolve_today(configured, None, env, D(2026, 1, 1))
