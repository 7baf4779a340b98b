"""A work plan's pages: its tasks at every depth with their states at the day the statuses
hold for, the counts by status, the overdue list and each department's tasks by role.

Pure: computed from the model and "today"; the templates (work-plan.md,
work-plan-departments.md, partials/plan-*.html) only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from campaign_pages.core.model import (
    Campaign,
    Department,
    Progress,
    Role,
    Section,
    Task,
    TaskStatus,
)
from campaign_pages.core.views.tasks import (
    DueState,
    TaskRow,
    chinese_number,
    overdue,
    status_day,
    task_label,
    task_row,
)

# the order the page counts statuses in: what is finished first
STATUS_ORDER = (TaskStatus.DONE, TaskStatus.ONGOING, TaskStatus.PLANNED, TaskStatus.LONG_TERM)
# the roles as the overview names them (a department page says 负责: Role.label)
ROLE_NAMES = {Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位", Role.RESPONSIBLE: "责任单位"}
# on a department's page, the other units a task names, by the role it has there
_PARTNERS = {Role.LEAD: Role.SUPPORT, Role.SUPPORT: Role.LEAD}


@dataclass(frozen=True)
class Units:
    """The departments a task names in one role."""

    role: Role
    departments: tuple[Department, ...]

    @property
    def label(self) -> str:
        return ROLE_NAMES[self.role]


@dataclass(frozen=True)
class PlanTask:
    """A task of the plan as its pages show it: its number, place and state."""

    row: TaskRow
    parents: tuple[Task, ...]  # the tasks it is under, outermost first
    progress: tuple[Progress, ...]  # its notes, oldest first

    @property
    def task(self) -> Task:
        return self.row.task

    @property
    def id(self) -> str:
        return self.row.task.id

    @property
    def depth(self) -> int:
        return self.row.task.depth

    @property
    def label(self) -> str:
        """Its number at its depth, as the document writes it: （一）, 1., （1）, ①."""
        return self.row.label

    @property
    def path_label(self) -> str:
        """Its number with those of the tasks it is under: （二）3. (for lists out of place)."""
        return "".join(task_label(t) for t in (*self.parents, self.row.task))

    @property
    def numbered(self) -> str:
        """Its number and title as the document heads it: （三）加强…, 2. 加强…"""
        return _joined(self.label, self.row.task.title)

    @property
    def path_numbered(self) -> str:
        """The same with the numbers of the tasks it is under: （二）2. 加强…"""
        return _joined(self.path_label, self.row.task.title)

    @property
    def part_numbered(self) -> str:
        """The task it is directly under, numbered as ``path_numbered``; "" at the top."""
        if not self.parents:
            return ""
        return _joined("".join(task_label(t) for t in self.parents), self.parents[-1].title)

    @property
    def heading(self) -> int:
        """Its heading level on the overview (工作任务 is ``##``); the sixth at most."""
        return min(3 + self.depth, 6)

    @property
    def status(self) -> TaskStatus:
        return self.row.status

    @property
    def status_derived(self) -> bool:
        """No status was written for it: the one shown is what its items' add up to."""
        return self.row.task.status is None and bool(self.row.task.items)

    @property
    def state(self) -> DueState:
        return self.row.state

    @property
    def is_overdue(self) -> bool:
        return self.row.state is DueState.OVERDUE

    @property
    def due_note(self) -> str:
        """Its due state in words, when that says more than its status: 已逾期 3 天,
        还有 5 天, 长期坚持, 定期完成; nothing for a done task (its 完成时间 says it)."""
        if self.row.state is DueState.DONE:
            return ""
        label = self.row.due_label
        return "" if label == self.status.label else label

    @property
    def percent(self) -> int | None:
        """How far it is, by its latest note that gives a percentage."""
        return next((p.percent for p in reversed(self.progress) if p.percent is not None), None)

    @property
    def percent_on(self) -> dt.date | None:
        """The day of the note ``percent`` comes from."""
        return next((p.date for p in reversed(self.progress) if p.percent is not None), None)

    @property
    def units(self) -> tuple[Units, ...]:
        """牵头, 配合 and 责任 units, those written."""
        task = self.row.task
        written = (
            (Role.LEAD, task.lead),
            (Role.SUPPORT, task.support),
            (Role.RESPONSIBLE, task.responsible),
        )
        return tuple(Units(role, depts) for role, depts in written if depts)

    def partners(self, role: Role) -> Units | None:
        """On the page of a department with ``role``: the units on the other side of it
        (a lead's supporters, a supporter's leads)."""
        other = _PARTNERS.get(role)
        return next((u for u in self.units if u.role is other), None)

    @property
    def body(self) -> Markup:
        return self.row.task.body


@dataclass(frozen=True)
class StatusCount:
    status: TaskStatus
    count: int

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class RoleGroup:
    """A department's tasks in one role."""

    role: Role
    tasks: tuple[PlanTask, ...]

    @property
    def label(self) -> str:
        return self.role.label


@dataclass(frozen=True)
class DepartmentTasks:
    """What one department does in the plan."""

    department: Department
    groups: tuple[RoleGroup, ...]  # 牵头, 配合, 负责: those it has

    @property
    def anchor(self) -> str:
        return f"cp-dept-{self.department.id}"

    @property
    def tasks(self) -> tuple[PlanTask, ...]:
        """Its tasks, each once, in the plan's order."""
        seen: dict[str, PlanTask] = {}
        for group in self.groups:
            for item in group.tasks:
                seen.setdefault(item.id, item)
        return tuple(sorted(seen.values(), key=_plan_order))

    @property
    def overdue(self) -> tuple[PlanTask, ...]:
        return tuple(t for t in self.tasks if t.is_overdue)


@dataclass(frozen=True)
class NumberedSection:
    """A section of 保障措施 with the number the document gives it: （一）."""

    label: str
    section: Section


@dataclass(frozen=True)
class WorkPlan:
    day: dt.date  # the day the statuses hold for: ``as_of``, else today
    as_of: dt.date | None
    tasks: tuple[PlanTask, ...]  # every task, depth first: the document's order
    leaves: tuple[PlanTask, ...]  # the tasks without items: what ``stated.tasks`` counts
    counts: tuple[StatusCount, ...]  # the leaves by status, in STATUS_ORDER
    overdue: tuple[PlanTask, ...]  # most overdue first
    departments: tuple[DepartmentTasks, ...]  # directory order
    measures: tuple[NumberedSection, ...]
    stated_tasks: int | None  # the total the document states
    stated_note: str | None

    @property
    def stated_differs(self) -> bool:
        return self.stated_tasks is not None and self.stated_tasks != len(self.leaves)


def _joined(number: str, title: str) -> str:
    """A number before a title: a space after 1. and ①, none after （一）."""
    return f"{number}{title}" if number.endswith("）") else f"{number} {title}"


def _plan_order(item: PlanTask) -> tuple[int, ...]:
    return tuple(int(n) for n in item.task.number.split("."))


def _plan_tasks(tasks: tuple[Task, ...], day: dt.date) -> list[PlanTask]:
    result: list[PlanTask] = []

    def visit(task: Task, parents: tuple[Task, ...]) -> None:
        notes = tuple(sorted(task.progress, key=lambda p: p.date))  # stable: same-day in order
        result.append(PlanTask(task_row(task, day), parents, notes))
        for item in task.items:
            visit(item, (*parents, task))

    for root in tasks:
        visit(root, ())
    return result


def _departments(tasks: list[PlanTask]) -> tuple[DepartmentTasks, ...]:
    by_dept: dict[str, tuple[Department, dict[Role, list[PlanTask]]]] = {}
    for item in tasks:
        for dept, role in item.task.roles():
            entry = by_dept.setdefault(dept.id, (dept, {}))
            entry[1].setdefault(role, []).append(item)
    result = []
    for dept, roles in by_dept.values():
        groups = tuple(RoleGroup(role, tuple(roles[role])) for role in Role if role in roles)
        result.append(DepartmentTasks(dept, groups))
    return tuple(sorted(result, key=lambda d: (d.department.order, d.department.id)))


def work_plan(campaign: Campaign, today: dt.date) -> WorkPlan:
    """What a work plan's overview and 责任分工 pages show, at the day its statuses hold for."""
    day = status_day(campaign, today)
    tasks = _plan_tasks(campaign.tasks, day)
    by_id = {t.id: t for t in tasks}
    leaves = tuple(t for t in tasks if not t.task.items)
    counts = tuple(
        StatusCount(status, sum(1 for t in leaves if t.status is status)) for status in STATUS_ORDER
    )
    stated = dict(campaign.stated).get("tasks")
    return WorkPlan(
        day=day,
        as_of=campaign.as_of,
        tasks=tuple(tasks),
        leaves=leaves,
        counts=counts,
        overdue=tuple(by_id[r.task.id] for r in overdue(campaign.tasks, day)),
        departments=_departments(tasks),
        measures=tuple(
            NumberedSection(f"（{chinese_number(n)}）", s)
            for n, s in enumerate(campaign.measures, 1)
        ),
        stated_tasks=stated,
        stated_note=campaign.stated_note,
    )
