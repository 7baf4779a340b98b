"""Task trees as pages show them: the document's numbering, each task's due state at the
day its statuses hold for, the overdue list. Shared by work plans and ledgers; pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from campaign_pages.core.dates import Precision, When
from campaign_pages.core.model import Campaign, Task, TaskStatus

# how documents number the levels of a task tree: （一） → 1. → （1） → ①
_CN_DIGITS = "一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return _CN_DIGITS[n - 1]
    head = "" if tens == 1 else _CN_DIGITS[tens - 1]
    return head + "十" + (_CN_DIGITS[ones - 1] if ones else "")


def task_label(task: Task) -> str:
    """The task's number as the document writes it at its depth: （一）, 1., （1）, ①."""
    n = int(task.number.rsplit(".", 1)[-1])
    depth = task.depth
    if depth == 0:
        return f"（{chinese_number(n)}）" if n < 100 else f"（{n}）"
    if depth == 1:
        return f"{n}."
    if depth == 2:
        return f"（{n}）"
    return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"{n})"


def status_day(campaign: Campaign, today: dt.date) -> dt.date:
    """The day a document's statuses hold for: its ``as_of`` when written, else today."""
    return campaign.as_of or today


def due_day(due: When | None) -> dt.date | None:
    """The day a task must be done by, if its due names one (长期坚持 and 每季度末 do not)."""
    if due is None or due.precision in (Precision.ONGOING, Precision.RECURRING):
        return None
    return due.end


class DueState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    TODAY = "today"
    DUE = "due"
    LONG_TERM = "long-term"  # written 长期坚持 (status or due): never overdue
    RECURRING = "recurring"  # due 每季度末, 每月底: comes back, never overdue as a whole
    NONE = "none"  # no due written


@dataclass(frozen=True)
class TaskRow:
    """A task as a line of a list or a table, with its state at ``day``."""

    task: Task
    state: DueState
    days: int | None  # days left (negative: days overdue), when its due names a day

    @property
    def label(self) -> str:
        return task_label(self.task)

    @property
    def status(self) -> TaskStatus:
        return self.task.state

    @property
    def due_label(self) -> str:
        if self.state is DueState.DONE:
            return "已完成"
        if self.state is DueState.OVERDUE and self.days is not None:
            return f"已逾期 {-self.days} 天"
        if self.state is DueState.TODAY:
            return "今天到期"
        if self.state is DueState.DUE and self.days is not None:
            return f"还有 {self.days} 天"
        if self.state is DueState.LONG_TERM:
            return "长期坚持"
        if self.state is DueState.RECURRING:
            return "定期完成"
        return ""


def task_row(task: Task, day: dt.date) -> TaskRow:
    status = task.state
    if status is TaskStatus.DONE:
        return TaskRow(task, DueState.DONE, None)
    deadline = due_day(task.due)
    if task.due is not None and task.due.precision is Precision.RECURRING:
        return TaskRow(task, DueState.RECURRING, None)
    if status is TaskStatus.LONG_TERM or (task.due is not None and deadline is None):
        return TaskRow(task, DueState.LONG_TERM, None)
    if deadline is None:
        return TaskRow(task, DueState.NONE, None)
    days = (deadline - day).days
    if days < 0:
        return TaskRow(task, DueState.OVERDUE, days)
    return TaskRow(task, DueState.TODAY if days == 0 else DueState.DUE, days)


def rows(tasks: Iterable[Task], day: dt.date) -> Iterator[TaskRow]:
    """Every task of the trees, depth first, with its state."""
    for root in tasks:
        for task in root.walk():
            yield task_row(task, day)


def overdue(tasks: Iterable[Task], day: dt.date) -> list[TaskRow]:
    """The tasks past their due and not done, most overdue first; a parent is listed only
    when none of its items is (the items say more)."""
    late = [r for r in rows(tasks, day) if r.state is DueState.OVERDUE]
    late_ids = {r.task.id for r in late}
    shown = [r for r in late if not any(t.id in late_ids for t in r.task.walk() if t is not r.task)]
    return sorted(shown, key=lambda r: (r.days or 0, r.task.source.line))
