"""Publicity statistics: how many posts each level, outlet, month, campaign, department had.

Plans and reports count this by hand ("全区共在各类新闻媒体发表稿件5720篇。其中：全国性主要
媒体发表稿件151篇"); the news front matter already holds it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from campaign_pages.core.model import NewsPost, SourceLevel

UNSPECIFIED = "未注明"


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class Table:
    by: str
    title: str
    rows: tuple[Row, ...]
    total: int  # posts counted (a post in two campaigns is one post, but a row in each)

    @property
    def most(self) -> int:
        return max((row.count for row in self.rows), default=0)


def _levels(post: NewsPost) -> Iterable[str]:
    return [post.source_level.value if post.source_level else UNSPECIFIED]


def _sources(post: NewsPost) -> Iterable[str]:
    return [post.source or UNSPECIFIED]


def _months(post: NewsPost) -> Iterable[str]:
    return [f"{post.day.year}年{post.day.month}月"]


def _years(post: NewsPost) -> Iterable[str]:
    return [f"{post.day.year}年"]


def _campaigns(post: NewsPost) -> Iterable[str]:
    return [c.title for c in post.campaigns] or [UNSPECIFIED]


def _departments(post: NewsPost) -> Iterable[str]:
    return [d.name for d in post.departments] or [UNSPECIFIED]


@dataclass(frozen=True)
class Dimension:
    title: str
    keys: Callable[[NewsPost], Iterable[str]]
    chronological: bool = False


DIMENSIONS = {
    "level": Dimension("按媒体级别", _levels),
    "source": Dimension("按媒体", _sources),
    "month": Dimension("按月份", _months, chronological=True),
    "year": Dimension("按年份", _years, chronological=True),
    "campaign": Dimension("按活动方案", _campaigns),
    "department": Dimension("按责任单位", _departments),
}
_LEVEL_ORDER = [level.value for level in SourceLevel] + [UNSPECIFIED]


def in_period(
    posts: Iterable[NewsPost], start: dt.date | None = None, end: dt.date | None = None
) -> list[NewsPost]:
    return [p for p in posts if (start is None or p.day >= start) and (end is None or p.day <= end)]


def count(posts: Sequence[NewsPost], by: str) -> Table:
    """One table of counts; rows in a natural order (levels 中央 first, months in time)."""
    dimension = DIMENSIONS[by]
    counter: Counter[str] = Counter()
    for post in sorted(posts, key=lambda p: p.date):  # oldest first: months in time order
        counter.update(dimension.keys(post))
    if by == "level":
        keys = sorted(counter, key=_LEVEL_ORDER.index)
    elif dimension.chronological:
        keys = list(counter)  # a Counter keeps first-seen order
    else:
        keys = sorted(counter, key=lambda k: (k == UNSPECIFIED, -counter[k], k))
    return Table(by, dimension.title, tuple(Row(k, counter[k]) for k in keys), len(posts))


def summary(posts: Sequence[NewsPost]) -> str:
    """共发表稿件 12 篇，其中中央 1 篇、省级 3 篇、市级 6 篇、县级 2 篇。"""
    levels = [r for r in count(posts, "level").rows if r.label != UNSPECIFIED]
    text = f"共发表稿件 {len(posts)} 篇"
    if levels:
        text += "，其中" + "、".join(f"{r.label}媒体 {r.count} 篇" for r in levels)
    return text + "。"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]
    row_height: int = 26


def bar_chart(table: Table, width: int = 640, label_width: int = 160) -> BarChart:
    """Horizontal bars, one a row; drawn as inline SVG by the template (no chart library)."""
    room = width - label_width - 60
    most = table.most or 1
    row = 26
    bars = tuple(
        Bar(r.label, r.count, 8 + i * row, round(r.count / most * room, 1))
        for i, r in enumerate(table.rows)
    )
    return BarChart(width, 16 + len(bars) * row, label_width, bars, row)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(table: Table) -> str:
    """The table for a terminal, aligned."""
    header = {"level": "媒体级别", "source": "媒体", "month": "月份", "year": "年份"}
    header |= {"campaign": "活动方案", "department": "责任单位"}
    rows = [(header[table.by], "篇数"), *((r.label, str(r.count)) for r in table.rows)]
    rows.append(("合计（篇）", str(table.total)))
    left = max(_width(label) for label, _ in rows)
    right = max(len(count) for _, count in rows)
    return "".join(
        f"{label}{' ' * (left - _width(label))}  {count:>{right}}\n" for label, count in rows
    )


def text_columns(rows: Sequence[Sequence[str]]) -> str:
    """Rows of text for a terminal, each column aligned by its display width."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join(
        "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        + "\n"
        for row in rows
    )


def to_csv(table: Table) -> str:
    heading = DIMENSIONS[table.by].title.removeprefix("按")
    return csv_text([(heading, "篇数"), *((r.label, str(r.count)) for r in table.rows)])


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """CSV as Excel on Chinese Windows opens it: UTF-8 with a byte order mark (else Excel
    reads it as GBK and shows mojibake), lines ended by CRLF, Chinese headers."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + out.getvalue()


def to_json(table: Table, start: dt.date | None, end: dt.date | None) -> str:
    data = {
        "by": table.by,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "total": table.total,
        "rows": [{"label": r.label, "count": r.count} for r in table.rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
