from __future__ import annotations

import datetime as dt

import pytest
import yaml
from mkdocs.config.base import ValidationError

from campaign_pages.core.settings import (
    Options,
    OptionsError,
    Settings,
    TodayError,
    resolve_today,
)
from campaign_pages.mkdocs.plugin import CampaignPlugin

from .conftest import ROOT

D = dt.date


def test_plugin_option_wins() -> None:
    assert resolve_today(
        D(2017, 10, 12), D(2001, 1, 1), {"SOURCE_DATE_EPOCH": "0"}, D(2030, 1, 1)
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


def test_a_bad_source_date_epoch_is_a_clear_error() -> None:
    with pytest.raises(TodayError, match="不是 Unix 时间戳"):
        resolve_today(None, None, {"SOURCE_DATE_EPOCH": "x"}, D(2026, 1, 1))


def test_options_as_written_in_mkdocs_yml() -> None:
    assert Options.read({}) == Options()
    # YAML reads 2017-10-12 as a date, "2017-10-12" as text; a key left empty keeps its default
    written = {"today": "2017-10-12", "news_page_size": 5, "feed_size": None}
    options = Options.read(written)
    assert (options.today, options.news_page_size, options.feed_size) == (D(2017, 10, 12), 5, 20)
    assert Options.read({"today": D(2017, 10, 12)}).today == D(2017, 10, 12)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ({"news_pagesize": 5}, "未知的插件选项“news_pagesize”，是否想写“news_page_size”？"),
        ({"latest": 5}, "未知的插件选项“latest”，是否想写“latest_news”？"),
        ({"feed_size": "20"}, "插件选项 feed_size 应为整数，这里是文本“20”"),
        ({"feed_size": True}, "插件选项 feed_size 应为整数，这里是“True”"),
        ({"latest_news": 0}, "插件选项 latest_news 至少是 1"),
        ({"search": "yes"}, "插件选项 search 应为是/否（true 或 false），这里是文本“yes”"),
        ({"today": "10月12日"}, "插件选项 today 应为日期（如 2017-10-17），这里是文本“10月12日”"),
        ({"data_dir": 1}, "插件选项 data_dir 应为文本，这里是“1”"),
    ],
)
def test_wrong_options_are_said_in_chinese(written: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError) as caught:
        Options.read(written)
    assert str(caught.value) == message


def test_every_mistake_is_said_at_once() -> None:
    with pytest.raises(OptionsError) as caught:
        Options.read({"feed_size": 0, "serach": False})
    assert str(caught.value).split("；") == [
        "插件选项 feed_size 至少是 1",
        "未知的插件选项“serach”，是否想写“search”？",
    ]


def test_settings_are_the_options_of_one_build() -> None:
    options = Options(news_page_size=3, latest_news=2)
    settings = options.settings(D(2017, 10, 20), "站点", "https://example.gov.cn/", serve=True)
    assert isinstance(settings, Settings)
    assert settings.model_dump() == {
        **options.model_dump(),
        "today": D(2017, 10, 20),
        "site_name": "站点",
        "site_url": "https://example.gov.cn/",
        "serve": True,
    }


def test_the_mkdocs_config_is_made_from_the_options() -> None:
    plugin = CampaignPlugin()
    assert plugin.load_config({}) == ([], [])
    assert dict(plugin.config) == Options().model_dump()  # every option, with its default
    assert plugin.load_config({"news_page_size": 5, "today": D(2017, 10, 12)}) == ([], [])
    assert dict(plugin.config) == dict(Options(news_page_size=5, today=D(2017, 10, 12)))
    errors, _ = plugin.load_config({"feed_size": "20"})
    assert errors == [("feed_size", ValidationError("插件选项 feed_size 应为整数，这里是文本“20”"))]


def test_every_option_is_documented_once() -> None:
    """The README's "Plugin options" block holds every option with its default, and no other."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("### Plugin options\n", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [entry] = yaml.safe_load(block)["plugins"]
    assert list(entry["campaign"].items()) == list(Options().model_dump().items())
    assert all(field.description for field in Options.model_fields.values())
