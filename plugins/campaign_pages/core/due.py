"""``due:``: when a task of a work plan or a rectification item must be done, in the words
the documents use for it (整改时限, 完成时限).

A deadline is written as a time (``3月底前``, ``6月30日前``, ``上半年``, ``全年``) and parsed
as ``when:`` is (:func:`~campaign_pages.core.dates.parse_when`), often with a verb after it
(``9月底前完成``, ``年内整改到位``). Rectification ledgers add words that name no day: work that
never ends (``长期坚持``, ``持续推进``, ``常态化开展``: :attr:`Precision.ONGOING`, never overdue),
work done on the spot (``立行立改``, ``即知即改``: :attr:`Precision.IMMEDIATE`, due on the day
the inspection's findings were handed over, when that is known), and recurring deadlines
(``每季度末``, ``每月底``). A ledger cell may join several: ``立行立改，长期坚持``, or
``6月底前完成，并长期坚持`` (the dated part is the deadline; the last one if there are several).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import NamedTuple

from campaign_pages.core.dates import HINT, Precision, When, WhenError, normalise, parse_when

_ONGOING = re.compile(
    r"(长期|持续|常态化?|常抓不懈|久久为功|长效)"
    r"(坚持|推进|整改|开展|抓好|落实|巩固|执行|长效|管理)*"
)
_IMMEDIATE = re.compile(r"(立行立改|即知即改|立知立改|边查边改|立即(整改|落实|执行)?|马上就?办)")
# 每季度末, 每月底, 每半年, 每年年底: a deadline that comes back
_RECURRING_END = re.compile(r"每(?P<unit>季度|月|半年|年)(年?(末|底))?")
# what follows the time in a ledger cell: 完成, 整改到位, 办结 …
_DONE = re.compile(
    r"(初步|基本|全面|彻底|全部)?(完成|到位|办结|完毕|见效|落实|整改|解决|报送|上报|提交|报)+$"
)
_JOIN = re.compile(r"[，,、；;/]+|并且?|同时|且(?=长期|持续)")

DUE_HINT = (
    "时限可以写 6月30日前、3月底前、上半年、年底前、全年、每季度末、长期坚持、立行立改，"
    "后面带“完成”“整改到位”也可以；详见编辑指南《日期和时间的写法》的“截止和完成时限”。"
)
_RECURRING_LABELS = {"季度": "每季度末", "月": "每月底", "半年": "每半年末", "年": "每年年底"}


def parse_due(
    text: str,
    *,
    year: int | None = None,
    key_day: dt.date | None = None,
    key_name: str | None = None,
    window: tuple[dt.date, dt.date] | None = None,
    immediate: dt.date | None = None,
) -> When:
    """Resolve a ``due:`` text; ``immediate`` is the day 立行立改 work is due (the day the
    inspection's findings were handed over); the rest as for ``when:``."""
    context = _When(year, key_day, key_name, window)
    raw = text.strip()
    if not raw:
        raise WhenError("整改（完成）时限是空的", "写上时限，如 6月30日前、年底前、长期坚持。")
    parts = [part for part in _JOIN.split(normalise(raw)) if part]
    ongoing = now = False
    every: str | None = None
    dated: list[When] = []
    for part in parts:
        if _ONGOING.fullmatch(part):
            ongoing = True
        elif _IMMEDIATE.fullmatch(part):
            now = True
        elif match := _RECURRING_END.fullmatch(_DONE.sub("", part) or part):
            every = _RECURRING_LABELS[match["unit"]]
        else:
            dated.append(_dated(part, raw, len(parts) == 1, context))
    if dated:
        last = max(dated, key=lambda w: w.end or dt.date.max)
        return replace(last, text=raw)
    if every is not None:
        if year is None:
            raise WhenError(f"时限“{raw}”：不知道是哪一年", "在方案里写 year:（如 2023）。")
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return When(raw, start, end, Precision.RECURRING, every=every)
    if ongoing:
        return When(raw, immediate if now else None, None, Precision.ONGOING)
    return When(raw, immediate, immediate, Precision.IMMEDIATE)


class _When(NamedTuple):
    """What :func:`parse_when` needs to know besides the text."""

    year: int | None
    key_day: dt.date | None
    key_name: str | None
    window: tuple[dt.date, dt.date] | None


def _dated(part: str, raw: str, alone: bool, context: _When) -> When:
    """One part of a due text that names a time: 9月底前完成 is read as 9月底前."""
    try:
        return parse_when(_DONE.sub("", part) or part, **context._asdict())
    except WhenError as exc:
        hint = DUE_HINT if exc.hint in (None, HINT) else exc.hint
        if alone:
            raise type(exc)(str(exc), hint) from None
        raise type(exc)(f"时限“{raw}”里的“{part}”：{exc}", hint) from None
