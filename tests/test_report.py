"""A report's page: stated figures counted from the site's news, the chart, the months."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from campaign_pages.core.model import (
    Campaign,
    Department,
    Figure,
    NewsFilter,
    NewsPost,
    SourceLevel,
    ThemedMonth,
)
from campaign_pages.core.views import report as views

from .conftest import basic_tree, mkdocs_build, post
from .htmltables import tables

D = dt.date
TZ = ZoneInfo("Asia/Shanghai")
XCB = Department("xcb", "市委宣传部")
FPJ = Department("fpj", "市扶贫局")
TOWN = Department("zhen-dw", "某镇党委")


def _campaign(
    figures: tuple[Figure, ...] = (),
    *,
    period: tuple[D, D] | None = (D(2023, 1, 1), D(2023, 12, 31)),
    year: int | None = 2023,
    themed: tuple[ThemedMonth, ...] = (),
    cid: str = "report-2023",
    issuer: tuple[Department, ...] = (TOWN,),
) -> Campaign:
    return Campaign(
        id=cid,
        title="测试工作总结",
        kind="report",
        theme=None,
        day=None,
        day_name=None,
        period=period,
        issuer=issuer,
        basis=None,
        summary=Markup(""),
        sections=(),
        activities=(),
        deadlines=(),
        year=year,
        figures=figures,
        themed_months=themed,
    )


def _post(
    slug: str,
    when: dt.datetime,
    *,
    level: SourceLevel | None = None,
    source: str | None = None,
    departments: tuple[Department, ...] = (),
    campaigns: tuple[Campaign, ...] = (),
    tags: tuple[str, ...] = (),
) -> NewsPost:
    return NewsPost(
        src=f"news/2023/{slug}.md",
        title=f"新闻{slug}",
        date=when.replace(tzinfo=TZ),
        has_time=True,
        campaigns=campaigns,
        activity=None,
        departments=departments,
        source=source,
        source_level=level,
        tags=tags,
        summary="",
        cover=None,
        draft=False,
        han=100,
        words=0,
    )


EVERY = NewsFilter()


def _figure(value: float, news: NewsFilter | None = EVERY, label: str = "稿件") -> Figure:
    return Figure(label, value, "篇", news)


def _count(news: NewsFilter, posts: list[NewsPost]) -> list[str]:
    """The slugs of the posts the figure with ``news`` counts (newest first)."""
    view = views.report(_campaign((_figure(1, news),)), posts)
    count = view.rows[0].count
    assert count is not None
    return [p.src.rsplit("/", 1)[1].removesuffix(".md") for p in count.posts]


OTHER = _campaign(cid="other-2023")
POSTS = [  # newest first, as the site hands them over
    _post("e", dt.datetime(2023, 9, 1, 9), level=SourceLevel.COUNTY, tags=("扶贫日",)),
    _post("d", dt.datetime(2023, 7, 1, 9), source="甘肃网", departments=(TOWN,)),
    _post("c", dt.datetime(2023, 5, 1, 9), level=SourceLevel.CENTRAL, source="人民网"),
    _post(
        "b",
        dt.datetime(2023, 3, 1, 9),
        level=SourceLevel.PROVINCE,
        source="甘肃日报",
        departments=(TOWN, XCB),
        campaigns=(OTHER,),
        tags=("主题月", "道德讲堂"),
    ),
    _post("a", dt.datetime(2023, 2, 1, 9), level=SourceLevel.PROVINCE, departments=(XCB,)),
]


# -- counting -------------------------------------------------------------------------------


def test_an_empty_filter_counts_every_post_of_the_period() -> None:
    assert _count(NewsFilter(), POSTS) == ["e", "d", "c", "b", "a"]


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        (NewsFilter(levels=("省级",)), ["b", "a"]),
        (NewsFilter(levels=("中央",)), ["c"]),
        (NewsFilter(sources=("甘肃网",)), ["d"]),
        (NewsFilter(departments=("zhen-dw",)), ["d", "b"]),
        (NewsFilter(campaigns=("other-2023",)), ["b"]),
        (NewsFilter(tags=("扶贫日",)), ["e"]),
        (NewsFilter(tags=("道德讲堂",)), ["b"]),
    ],
    ids=["level", "central", "source", "department", "campaign", "tag", "second-tag"],
)
def test_each_filter(news: NewsFilter, expected: list[str]) -> None:
    assert _count(news, POSTS) == expected


def test_filters_combine_with_and() -> None:
    assert _count(NewsFilter(levels=("省级",), departments=("zhen-dw",)), POSTS) == ["b"]
    assert _count(NewsFilter(levels=("省级",), departments=("xcb",)), POSTS) == ["b", "a"]
    both = NewsFilter(levels=("省级",), departments=("xcb",), tags=("主题月",))
    assert _count(both, POSTS) == ["b"]
    assert _count(NewsFilter(levels=("中央",), sources=("甘肃网",)), POSTS) == []


def test_values_within_one_filter_combine_with_or() -> None:
    assert _count(NewsFilter(levels=("中央", "县级")), POSTS) == ["e", "c"]
    assert _count(NewsFilter(sources=("甘肃网", "人民网")), POSTS) == ["d", "c"]
    assert _count(NewsFilter(tags=("扶贫日", "主题月")), POSTS) == ["e", "b"]
    assert _count(NewsFilter(departments=("xcb", "fpj")), POSTS) == ["b", "a"]


def test_a_level_filter_leaves_out_posts_without_a_level() -> None:
    # d has a source (甘肃网) but no level: it is not a 省级 post
    assert "d" not in _count(NewsFilter(levels=("省级", "市级", "县级", "中央")), POSTS)


def test_the_period_bounds_are_inclusive() -> None:
    posts = [
        _post("after", dt.datetime(2024, 1, 1, 0, 5)),
        _post("last", dt.datetime(2023, 12, 31, 23, 55)),
        _post("first", dt.datetime(2023, 1, 1, 0, 0)),
        _post("before", dt.datetime(2022, 12, 31, 23, 59)),
    ]
    assert _count(NewsFilter(), posts) == ["last", "first"]
    view = views.report(_campaign((_figure(1),)), posts)
    assert view.posts_in_period == 2
    assert view.period == (D(2023, 1, 1), D(2023, 12, 31))


def test_without_a_period_the_year_is_counted() -> None:
    posts = [_post("in", dt.datetime(2023, 6, 1, 9)), _post("out", dt.datetime(2022, 6, 1, 9))]
    view = views.report(_campaign((_figure(1),), period=None), posts)
    assert view.period == (D(2023, 1, 1), D(2023, 12, 31))
    assert view.rows[0].count is not None and view.rows[0].count.number == 1
    # neither a period nor a year: nothing to count against, the figure is stated only
    bare = views.report(_campaign((_figure(1),), period=None, year=None), posts)
    assert bare.period is None and bare.rows[0].count is None


def test_stated_only_figures() -> None:
    view = views.report(
        _campaign((_figure(61, None, "大小标语"), _figure(5, NewsFilter(), "稿件"))), POSTS
    )
    stated, counted = view.rows
    assert stated.count is None
    assert stated.difference is None and stated.difference_label == ""
    assert stated.difference_key == "none"
    assert view.counted == (counted,) and view.has_stated_only
    assert view.chart is not None and len(view.chart.groups) == 1


@pytest.mark.parametrize(
    ("stated", "label", "key", "difference"),
    [
        (5720, "少 5715", "less", -5715),
        (5, "相同", "same", 0),
        (3, "多 2", "more", 2),
        (1.2, "多 3.8", "more", 3.8),
        (7.5, "少 2.5", "less", -2.5),
    ],
)
def test_differences_are_counted_minus_stated(
    stated: float, label: str, key: str, difference: float
) -> None:
    [row] = views.report(_campaign((_figure(stated),)), POSTS).rows  # five posts counted
    assert row.count is not None and row.count.number == 5
    assert row.difference == difference
    assert (row.difference_label, row.difference_key) == (label, key)


@pytest.mark.parametrize(
    ("value", "text"), [(5720.0, "5720"), (1.2, "1.2"), (0.0, "0"), (20, "20"), (0.35, "0.35")]
)
def test_numbers_are_written_as_reports_write_them(value: float, text: str) -> None:
    assert views.number_text(value) == text


def test_stated_text_has_the_unit() -> None:
    row = views.FigureRow(1, Figure("宣传经费", 1.2, "万元", None), None)
    assert row.stated_text == "1.2 万元"
    assert views.FigureRow(1, Figure("次数", 11.0, "", None), None).stated_text == "11"


def test_the_filters_in_words() -> None:
    names = {"zhen-dw": "某镇党委"}
    titles = {"other-2023": "另一方案"}
    words = views.criteria(NewsFilter(levels=("中央",)), names, titles)
    assert words == ("中央级媒体",)
    assert views.criteria(NewsFilter(sources=("甘肃网",)), names, titles) == ("来源：甘肃网",)
    assert views.criteria(NewsFilter(departments=("zhen-dw",)), names, titles) == (
        "单位：某镇党委",
    )
    assert views.criteria(NewsFilter(), names, titles) == ("全部新闻",)
    every = NewsFilter(
        levels=("省级", "市级"),
        sources=("甘肃网",),
        departments=("zhen-dw", "unknown"),
        campaigns=("other-2023",),
        tags=("主题月",),
    )
    assert views.criteria(every, names, titles) == (
        "单位：某镇党委或unknown",
        "方案：《另一方案》",
        "省级媒体或市级媒体",
        "来源：甘肃网",
        "标签：主题月",
    )


def test_department_names_come_from_the_directory_the_issuer_and_the_posts() -> None:
    news = NewsFilter(departments=("fpj",))
    [row] = views.report(_campaign((_figure(1, news),)), POSTS).rows
    assert row.count is not None and row.count.criteria_text == "单位：fpj"  # nobody names it
    [row] = views.report(_campaign((_figure(1, news),)), POSTS, departments=(FPJ,)).rows
    assert row.count is not None and row.count.criteria_text == "单位：市扶贫局"
    both = NewsFilter(departments=("zhen-dw", "xcb"), levels=("省级",))
    [row] = views.report(_campaign((_figure(1, both),)), POSTS).rows  # issuer and posts
    assert (
        row.count is not None and row.count.criteria_text == "单位：某镇党委或市委宣传部，省级媒体"
    )


def test_a_long_count_lists_the_newest_twenty() -> None:
    posts = [
        _post(f"p{n:02d}", dt.datetime(2023, 12, 1, 9) - dt.timedelta(days=n)) for n in range(25)
    ]
    [row] = views.report(_campaign((_figure(25),)), posts).rows
    assert row.count is not None
    assert row.count.number == 25 and row.difference_label == "相同"
    assert [p.src for p in row.count.shown] == [p.src for p in posts[:20]]
    assert row.count.more == 5
    [short] = views.report(_campaign((_figure(5),)), POSTS).rows
    assert short.count is not None and short.count.more == 0 and len(short.count.shown) == 5


def test_the_view_is_frozen() -> None:
    view = views.report(_campaign((_figure(1),)), POSTS)
    assert dataclasses.is_dataclass(view)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.rows = ()  # type: ignore[misc]


# -- the chart ------------------------------------------------------------------------------


def test_each_pair_of_bars_is_scaled_to_its_own_larger_value() -> None:
    figures = (
        _figure(5720, NewsFilter(), "全部"),
        _figure(2, NewsFilter(levels=("省级",)), "省级"),
        _figure(3, NewsFilter(levels=("中央",)), "中央"),
        _figure(1, NewsFilter(tags=("没有",)), "没有"),
        _figure(1, EVERY, "更多"),
    )
    chart = views.report(_campaign(figures), POSTS).chart
    assert chart is not None
    room = chart.width - chart.label_width - 76
    big, same, small, none, more = chart.groups
    assert big.label == "全部"
    assert (big.stated.width, big.stated.value) == (room, "5720 篇")
    assert 1.0 <= big.counted.width < 2 and big.counted.value == "5 篇"  # a sliver, not nothing
    assert same.stated.width == same.counted.width == room  # 2 and 2
    assert small.counted.width == round(room / 3, 1) and small.stated.width == room  # 1 of 3
    assert none.counted.width == 0 and none.counted.value == "0 篇"
    assert more.counted.width == room and more.stated.width == round(room / 5, 1)  # 5 of 1
    assert big.stated.y < big.counted.y < same.y < same.stated.y  # in order, no overlap
    assert chart.height >= more.counted.y + chart.bar_height


def test_no_chart_without_counted_figures() -> None:
    assert views.report(_campaign((_figure(61, None),)), POSTS).chart is None
    assert views.report(_campaign(), POSTS).chart is None


# -- the months -----------------------------------------------------------------------------


def test_twelve_months_with_the_themes_named() -> None:
    themed = (
        ThemedMonth(3, "道德教育和妇女扶贫活动月", Markup("")),
        ThemedMonth(11, "精神扶贫政策教育活动月", Markup("")),
    )
    view = views.report(_campaign(themed=themed), POSTS)
    assert [c.name for c in view.months] == [
        "一月", "二月", "三月", "四月", "五月", "六月",
        "七月", "八月", "九月", "十月", "十一月", "十二月",
    ]  # fmt: skip
    assert {c.month: c.theme.title for c in view.months if c.theme} == {
        3: "道德教育和妇女扶贫活动月",
        11: "精神扶贫政策教育活动月",
    }
    assert view.has_months
    assert not views.report(_campaign(), POSTS).has_months


# -- a real build ---------------------------------------------------------------------------

REPORT = """\
title: 测试年度宣传工作总结
kind: report
year: 2017
period: {start: 2017-01-01, end: 2017-12-31}
issuer: [市委宣传部]
summary: 全年宣传工作的总结。
sections:
  - title: 对外宣传
    body: 全年在各类媒体发稿。
    items:
      - {title: 抓好外宣, body: 邀请记者采访。}
figures:
  - {label: 省级媒体发稿, value: 2, unit: 篇, count: {source_level: 省级}}
  - {label: 各类媒体发稿, value: 100, unit: 篇, count: {}}
  - {label: 扶贫局稿件, value: 1, unit: 篇, count: {department: 市扶贫局, tag: [扶贫日, 发布会]}}
  - {label: "大小标语<b>粗</b>", value: 61, unit: 条, note: 61条（幅）}
  - {label: 宣传经费, value: 1.2, unit: 万元}
themed_months:
  - {month: 3, title: 道德教育活动月, body: 开展**道德讲堂**。}
  - {month: 10, title: 扶贫宣传活动月}
"""


def _news(slug: str, date: str, extra: str) -> tuple[str, str]:
    return f"docs/news/{slug}.md", post(f"新闻{slug}", date, campaign="report-2017", extra=extra)


def test_the_report_page(make_tree: Callable[..., Path]) -> None:
    # the site's today is 2017-10-12
    tree = basic_tree(**{"data/campaigns/report-2017.yml": REPORT})
    for slug, date, extra in [
        ("p1", "2017-01-01 08:00", "source_level: 省级\ndepartments: [市扶贫局]\ntags: [扶贫日]\n"),
        ("p2", "2017-06-01 10:00", "source_level: 省级\ndepartments: [市委宣传部]\ntags: [其他]\n"),
        ("p3", "2017-10-10 10:00", "source_level: 市级\ndepartments: [市扶贫局]\ntags: [发布会]\n"),
        ("p4", "2016-12-31 23:00", "source_level: 省级\ndepartments: [市扶贫局]\ntags: [扶贫日]\n"),
        ("p5", "2017-10-11 10:00", "source_level: 省级\ndraft: true\n"),
        ("p6", "2017-11-01 10:00", "source_level: 省级\n"),  # after today: not published yet
    ]:
        rel, text = _news(slug, date, extra)
        tree[rel] = text
    root = make_tree(tree)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/campaigns/report-2017/index.html").read_text("utf-8")

    assert "测试年度宣传工作总结" in page and "全年宣传工作的总结。" in page
    assert "<dt>报告期间</dt><dd>2017年1月1日至12月31日</dd>" in page
    assert 'href="../../departments/xcb/"' in page  # 发文单位
    assert "抓好外宣。" in page

    [table] = tables(page, "cp-report-figures")
    assert table[0] == ["项目", "报告数字", "网站统计", "差异"]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert list(rows) == [
        "省级媒体发稿",
        "各类媒体发稿",
        "扶贫局稿件",
        "大小标语<b>粗</b>",
        "宣传经费",
    ]
    assert rows["省级媒体发稿"] == ["2 篇", "2 篇统计条件：省级媒体", "相同"]
    assert rows["各类媒体发稿"] == ["100 篇", "3 篇统计条件：全部新闻", "少 97"]
    assert rows["扶贫局稿件"] == [
        "1 篇",
        "2 篇统计条件：单位：市扶贫局，标签：扶贫日或发布会",
        "多 1",
    ]
    assert rows["大小标语<b>粗</b>"] == ["61 条原文：61条（幅）", "—", "—"]
    assert rows["宣传经费"] == ["1.2 万元", "—", "—"]
    assert "&lt;b&gt;粗&lt;/b&gt;" in page and "<b>粗</b>" not in page  # escaped
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", page, re.S)
    assert caption is not None
    assert "本站在报告期间（2017年1月1日至12月31日）已发布的新闻" in caption[1]

    # the posts each count counted, linked; the draft, the unpublished and the 2016 post are not
    details = re.findall(
        r'<details class="cp-report-posts" id="([^"]+)">(.*?)</details>', page, re.S
    )
    assert [d[0] for d in details] == [f"cp-count-report-2017-{n}" for n in (1, 2, 3)]
    assert re.findall(r'href="../../news/(p\d)/"', details[1][1]) == ["p3", "p2", "p1"]
    assert re.findall(r'href="../../news/(p\d)/"', details[2][1]) == ["p3", "p1"]
    assert 'href="#cp-count-report-2017-2"' in page  # the table's count links to its list

    # the chart: an accessible image with both numbers of each counted figure as text
    svg = re.search(r'<figure class="cp-report-chart">\s*(<svg.*?</svg>)', page, re.S)
    assert svg is not None
    chart = svg[1]
    assert 'role="img"' in chart
    labelled = re.search(r'aria-labelledby="([^"]+)"', chart)
    assert labelled is not None
    assert f'<title id="{labelled[1]}">测试年度宣传工作总结：报告数字与网站统计对比图' in chart
    values = re.findall(r'class="cp-report-chart__value">([^<]+)<', chart)
    assert values == ["2 篇", "2 篇", "100 篇", "3 篇", "1 篇", "2 篇"]
    assert "每项按该项两个数字中较大的一个画满" in page

    # the twelve months, in order, two of them named
    cells = re.findall(r'<li class="cp-month[^"]*"[^>]*>(.*?)</li>', page, re.S)
    assert len(cells) == 12
    names = [re.search(r'cp-month__name">([^<]+)<', c)[1] for c in cells]  # type: ignore[index]
    assert names[0] == "一月" and names[2] == "三月" and names[11] == "十二月"
    assert "道德教育活动月" in cells[2] and "<strong>道德讲堂</strong>" in cells[2]
    assert "扶贫宣传活动月" in cells[9]
    assert sum("未列主题" in c for c in cells) == 10
    assert '<ol class="cp-months" role="list"' in page

    # headings in order, and the related news
    headings = re.findall(r'<h2 id="([^"]+)"', page)
    assert headings == ["cp-section-1", "cp-figures", "cp-months", "cp-news"]
    assert "本报告全部新闻（" in page

    css = (root / "site/assets/campaign-pages.css").read_text("utf-8")
    assert ".cp-months" in css and "@container" in css
