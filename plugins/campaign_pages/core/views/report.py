"""A report's page: the figures it states, set against what the site's own news counts, a
chart of both, and the twelve months with the themes it names. Pure: no I/O, no HTML.

A report writes "全年在各类新闻媒体发表稿件5720篇"; a figure with ``count:`` is compared with
the number of the site's published posts dated within the report's period that pass its
filters. The difference is counted − stated: the site usually holds only some of the posts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from campaign_pages.core.model import (
    Campaign,
    Department,
    Figure,
    NewsFilter,
    NewsPost,
    SourceLevel,
    ThemedMonth,
)
from campaign_pages.core.views.stats import in_period
from campaign_pages.core.views.tasks import chinese_number

SHOWN_POSTS = 20  # counted posts listed under a figure; the rest are "等 N 篇"


def number_text(value: float) -> str:
    """A number as a report writes it: 5720 (not 5720.0), 1.2, 0.35."""
    if value == int(value):
        return str(int(value))
    return repr(value)


def matches(post: NewsPost, news: NewsFilter) -> bool:
    """Whether ``post`` passes every filter written (within one filter, any value may match)."""
    level = post.source_level.value if post.source_level else None
    return (
        (not news.levels or level in news.levels)
        and (not news.sources or (post.source or "").strip() in news.sources)
        and (not news.departments or any(d.id in news.departments for d in post.departments))
        and (not news.campaigns or any(c.id in news.campaigns for c in post.campaigns))
        and (not news.tags or any(t in news.tags for t in post.tags))
    )


def _level_words(level: str) -> str:
    return "中央级媒体" if level == SourceLevel.CENTRAL.value else f"{level}媒体"


def criteria(news: NewsFilter, names: dict[str, str], titles: dict[str, str]) -> tuple[str, ...]:
    """The filters in words, one a filter: 单位：某镇党委, 省级媒体, 来源：甘肃网.

    ``names`` and ``titles`` give department names and campaign titles by id (else the id).
    """
    words = []
    if news.departments:
        words.append("单位：" + "或".join(names.get(d, d) for d in news.departments))
    if news.campaigns:
        words.append("方案：" + "或".join(f"《{titles.get(c, c)}》" for c in news.campaigns))
    if news.levels:
        words.append("或".join(_level_words(level) for level in news.levels))
    if news.sources:
        words.append("来源：" + "或".join(news.sources))
    if news.tags:
        words.append("标签：" + "或".join(news.tags))
    return tuple(words) or ("全部新闻",)


@dataclass(frozen=True)
class Count:
    """What the site counted for a figure: the posts, newest first, and the filters in words."""

    posts: tuple[NewsPost, ...]
    criteria: tuple[str, ...]

    @property
    def number(self) -> int:
        return len(self.posts)

    @property
    def criteria_text(self) -> str:
        return "，".join(self.criteria)

    @property
    def shown(self) -> tuple[NewsPost, ...]:
        return self.posts[:SHOWN_POSTS]

    @property
    def more(self) -> int:
        """Counted posts not listed."""
        return self.number - len(self.shown)


@dataclass(frozen=True)
class FigureRow:
    """A stated figure as a row of the table: the report's number and, if counted, the site's."""

    index: int  # 1-based, for anchors
    figure: Figure
    count: Count | None  # None: stated only

    @property
    def value_text(self) -> str:
        return number_text(self.figure.value)

    @property
    def stated_text(self) -> str:
        """5720 篇, 1.2 万元."""
        unit = self.figure.unit
        return f"{self.value_text} {unit}" if unit else self.value_text

    @property
    def difference(self) -> float | None:
        """Counted − stated; None for a figure that is stated only."""
        if self.count is None:
            return None
        return float(Decimal(self.count.number) - Decimal(repr(float(self.figure.value))))

    @property
    def difference_key(self) -> str:
        """less / same / more / none: for styling (the label says it in words too)."""
        d = self.difference
        return "none" if d is None else "same" if d == 0 else "less" if d < 0 else "more"

    @property
    def difference_label(self) -> str:
        """少 5715, 相同, 多 2 (the site's count against the report's); "" when stated only."""
        d = self.difference
        if d is None:
            return ""
        if d == 0:
            return "相同"
        return f"{'少' if d < 0 else '多'} {number_text(abs(d))}"


@dataclass(frozen=True)
class Bar:
    y: float  # top of the bar
    width: float
    value: str  # the number drawn after the bar


@dataclass(frozen=True)
class ChartGroup:
    """One counted figure in the chart: its label, then the stated and the counted bar."""

    label: str
    y: float  # baseline of the label
    stated: Bar
    counted: Bar


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, two per counted figure, each pair scaled to its own larger value."""

    width: int
    height: int
    label_width: int
    groups: tuple[ChartGroup, ...]
    bar_height: int = 18


def _length(value: float, most: float, room: int) -> float:
    """A bar's length; a value above zero gets at least a sliver."""
    return round(max(value / most * room, 1.0), 1) if value else 0.0


def chart(rows: Sequence[FigureRow], width: int = 400, label_width: int = 52) -> Chart | None:
    """The counted figures as bars; None when no figure is counted."""
    counted = [r for r in rows if r.count is not None]
    if not counted:
        return None
    room = width - label_width - 76  # the number and its unit follow the bar
    group_height, top = 84, 4
    groups = []
    for i, row in enumerate(counted):
        assert row.count is not None
        stated, number = float(row.figure.value), row.count.number
        most = max(stated, number) or 1.0
        y = top + i * group_height

        groups.append(
            ChartGroup(
                row.figure.label,
                y + 16,
                Bar(y + 24, _length(stated, most, room), row.stated_text),
                Bar(y + 50, _length(number, most, room), f"{number} 篇"),
            )
        )
    return Chart(width, top + len(groups) * group_height, label_width, tuple(groups))


@dataclass(frozen=True)
class MonthCell:
    month: int
    name: str  # 一月 … 十二月
    theme: ThemedMonth | None  # None: the report names no theme for it


def months(themed: Iterable[ThemedMonth]) -> tuple[MonthCell, ...]:
    """The twelve months of the year, each with the theme the report names for it, if any."""
    by_month = {m.month: m for m in themed}
    return tuple(MonthCell(n, f"{chinese_number(n)}月", by_month.get(n)) for n in range(1, 13))


@dataclass(frozen=True)
class Report:
    campaign: Campaign
    period: tuple[dt.date, dt.date] | None  # the days counted (the report's period)
    rows: tuple[FigureRow, ...]
    chart: Chart | None
    months: tuple[MonthCell, ...]
    posts_in_period: int  # the site's published posts within the period, before filters

    @property
    def counted(self) -> tuple[FigureRow, ...]:
        return tuple(r for r in self.rows if r.count is not None)

    @property
    def has_stated_only(self) -> bool:
        return any(r.count is None for r in self.rows)

    @property
    def has_months(self) -> bool:
        return any(cell.theme for cell in self.months)


def report(
    campaign: Campaign,
    posts: Sequence[NewsPost],
    *,
    departments: Iterable[Department] = (),
    campaigns: Iterable[Campaign] = (),
) -> Report:
    """The report's figures against the site's published ``posts`` (newest first).

    ``departments`` and ``campaigns`` name the ids the filters hold; the report's issuers and
    whatever the posts carry name them too, and an id nobody names is shown as it is.
    """
    period = campaign.period or campaign.span
    names = {d.id: d.name for d in (*campaign.issuer, *departments)}
    titles = {c.id: c.title for c in (campaign, *campaigns)}
    for post in posts:
        names.update((d.id, d.name) for d in post.departments if d.id not in names)
        titles.update((c.id, c.title) for c in post.campaigns if c.id not in titles)
    within = in_period(posts, *period) if period else []
    rows = []
    for index, figure in enumerate(campaign.figures, 1):
        count = None
        if figure.count is not None and period is not None:
            counted = tuple(p for p in within if matches(p, figure.count))
            count = Count(counted, criteria(figure.count, names, titles))
        rows.append(FigureRow(index, figure, count))
    return Report(
        campaign,
        period,
        tuple(rows),
        chart(rows),
        months(campaign.themed_months),
        len(within),
    )
