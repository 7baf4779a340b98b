"""The parts of a campaign file that only some kinds of document have: a work plan's goals,
tasks and measures, a ledger's inspection, areas and rules, a report's figures and themed
months; and the totals a document states about itself, compared with what the data holds.

The caller (:mod:`campaign_pages.core.read.site`) reads what every kind shares and hands the
validated schema here; every problem is reported through its reader, at its ``path:line``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from campaign_pages.core.load.schema import KIND_KEYS, CampaignSchema, SectionSchema, TaskSchema
from campaign_pages.core.load.yamlsrc import LMap, line_of
from campaign_pages.core.model import (
    Figure,
    Inspection,
    Kind,
    NewsFilter,
    Progress,
    Rules,
    Section,
    SectionItem,
    Task,
    TaskStatus,
    ThemedMonth,
)
from campaign_pages.core.render.markup import render_markdown

if TYPE_CHECKING:
    from campaign_pages.core.read.site import _CampaignReader

# what a stated total is called in messages, and the noun it counts
STATED_LABELS = {
    "tasks": ("任务", "项"),
    "areas": ("方面", "个"),
    "items": ("问题（项）", "项"),
    "problems": ("具体问题", "个"),
    "done": ("已完成的问题", "个"),
    "ongoing": ("正在整改的问题", "个"),
    "long_term": ("长期坚持的问题", "个"),
    "rules_new": ("新制定的制度", "项"),
    "rules_revised": ("修订的制度", "项"),
}


def check_kind_keys(reader: _CampaignReader, kind: Kind, data: LMap) -> None:
    """A key of another kind of document (``areas:`` in a work plan) is reported, once."""
    for key, kinds in KIND_KEYS.items():
        if key in data and kind.value not in kinds:
            owners = "、".join(f"{Kind(k).label}（kind: {k}）" for k in kinds)
            reader.problem(
                line_of(data, (key,)),
                f"“{key}”只用于{owners}，这份是{kind.label}（kind: {kind.value}）",
                f"把 kind 改成 {kinds[0]}，或删去“{key}”这一项。",
            )


def sections(schemas: Iterable[SectionSchema]) -> tuple[Section, ...]:
    return tuple(section(s) for s in schemas)


def section(schema: SectionSchema) -> Section:
    return Section(
        title=schema.title,
        body=render_markdown(schema.body),
        items=tuple(SectionItem(i.title, render_markdown(i.body)) for i in schema.items),
    )


def kind_parts(reader: _CampaignReader, schema: CampaignSchema, data: LMap) -> dict[str, Any]:
    """The Campaign fields of the kind-specific keys, read and checked."""
    kind = Kind(schema.kind)
    check_kind_keys(reader, kind, data)
    parts: dict[str, Any] = {"year": reader.year, "as_of": schema.as_of}
    if kind is Kind.WORK_PLAN:
        parts["goals"] = section(schema.goals) if schema.goals else None
        parts["tasks"] = tasks(reader, schema.tasks, data.get("tasks"), "")
        parts["measures"] = sections(schema.measures)
        if not schema.tasks:
            reader.problem(
                1, "工作方案没有写 tasks（工作任务）", "在 tasks: 下逐项写出方案的工作任务。"
            )
    elif kind is Kind.RECTIFICATION:
        if schema.inspection:
            parts["inspection"] = _inspection(reader, schema, data)
        parts["tasks"] = tasks(reader, schema.areas, data.get("areas"), "")
        if schema.rules:
            parts["rules"] = Rules(tuple(schema.rules.new), tuple(schema.rules.revised))
        if not schema.areas:
            reader.problem(
                1, "整改台账没有写 areas（问题方面）", "在 areas: 下按方面写出问题和整改措施。"
            )
    elif kind is Kind.REPORT:
        parts["figures"] = _figures(reader, schema, data)
        parts["themed_months"] = _themed_months(reader, schema, data)
    if schema.stated and kind in (Kind.WORK_PLAN, Kind.RECTIFICATION):
        note = schema.stated.note
        stated = schema.stated.model_dump(exclude={"note"}, exclude_none=True)
        parts["stated"] = tuple(stated.items())
        parts["stated_note"] = note
        # a difference explained in the note is shown on the page, not warned of
        _compare_stated(reader, stated, _counts(kind, parts), data, explained=bool(note))
    return parts


def tasks(
    reader: _CampaignReader, schemas: list[TaskSchema], raws: Any, prefix: str
) -> tuple[Task, ...]:
    result = []
    for index, schema in enumerate(schemas):
        raw: LMap = raws[index]
        number = f"{prefix}{index + 1}"
        line = raws.item_lines[index]
        lead, support = reader.lead_and_support(schema.lead, schema.support, raw, "任务")
        _check_leader(reader, schema.leader, raw)
        _check_done_on(reader, schema, raw)
        due = None
        if schema.due is not None:
            due = reader.parse_due(schema.due, line_of(raw, ("due",)), immediate=True)
        result.append(
            Task(
                id=reader.unique_id(schema.id, schema.title, line),
                number=number,
                title=schema.title,
                body=render_markdown(schema.body),
                lead=lead,
                support=support,
                responsible=reader.departments(schema.responsible, raw, "responsible"),
                leader=schema.leader.strip() if schema.leader else None,
                due=due,
                status=TaskStatus(schema.status) if schema.status else None,
                done_on=schema.done_on,
                progress=tuple(
                    Progress(p.date, render_markdown(p.text), p.percent) for p in schema.progress
                ),
                evidence=render_markdown(schema.evidence),
                measures=tuple(render_markdown(m) for m in schema.measures),
                items=tasks(reader, schema.items, raw.get("items"), f"{number}."),
                source=reader.source(line),
            )
        )
    return tuple(result)


def _check_leader(reader: _CampaignReader, leader: str | None, raw: LMap) -> None:
    """责任领导 is a post or a person: a unit written there belongs in ``responsible``."""
    if leader is None:
        return
    dept = reader.directory.lookup.get(leader.strip())
    if dept is not None:
        reader.problem(
            line_of(raw, ("leader",)),
            f"leader（责任领导）写的是单位“{dept.name}”",
            "leader 写人或职务，如“分管副部长”；单位写进 responsible（责任单位）。",
        )


def _check_done_on(reader: _CampaignReader, schema: TaskSchema, raw: LMap) -> None:
    if schema.done_on is None:
        return
    line = line_of(raw, ("done_on",))
    if schema.status not in ("done", "long-term"):
        written = schema.status or "未写"
        reader.problem(
            line,
            f"写了完成时间 done_on，状态却是“{written}”",
            "已完成的写 status: done；还没完成的删去 done_on。",
        )
    elif reader.as_of and schema.done_on > reader.as_of:
        reader.problem(
            line,
            f"完成时间 {schema.done_on.isoformat()} 晚于状态截至日 {reader.as_of.isoformat()}",
            "检查 done_on 和 as_of（状态截至日）是否写错。",
            warn=True,
        )


def _inspection(reader: _CampaignReader, schema: CampaignSchema, data: LMap) -> Inspection:
    spec = schema.inspection
    assert spec is not None
    start, end = spec.start, spec.end
    if start and end and end < start:
        reader.problem(
            line_of(data, ("inspection", "end")),
            "巡察的结束日期早于开始日期",
            "检查 start 和 end 是否写反了。",
        )
        end = None
    if spec.feedback and (end or start) and spec.feedback < (end or start):  # type: ignore[operator]
        reader.problem(
            line_of(data, ("inspection", "feedback")),
            "反馈日期早于巡察期间",
            "feedback 是巡察组反馈意见的那一天，在巡察结束之后。",
        )
    return Inspection(spec.by, spec.round, start, end, spec.feedback)


def _figures(reader: _CampaignReader, schema: CampaignSchema, data: LMap) -> tuple[Figure, ...]:
    figures = []
    raws: Any = data.get("figures")
    for index, spec in enumerate(schema.figures):
        raw: LMap = raws[index]
        news = None
        if spec.count is not None:
            where: LMap = raw["count"] if isinstance(raw.get("count"), LMap) else LMap(raw.line)
            if schema.period is None:
                reader.problem(
                    line_of(raw, ("count",)),
                    f"“{spec.label}”要从新闻统计，但报告没有写 period（报告期间）",
                    "写上 period: {start: 2023-01-01, end: 2023-12-31}，或删去 count。",
                )
            departments = reader.departments(spec.count.department, where, "department")
            news = NewsFilter(
                levels=tuple(spec.count.source_level),
                sources=tuple(s.strip() for s in spec.count.source),
                departments=tuple(d.id for d in departments),
                campaigns=tuple(c.strip() for c in spec.count.campaign),
                tags=tuple(t.strip() for t in spec.count.tag),
            )
            reader.counted_campaigns.extend(
                (c, line_of(where, ("campaign",))) for c in news.campaigns
            )
        figures.append(
            Figure(spec.label, spec.value, spec.unit, news, spec.note, reader.source(raw.line))
        )
    return tuple(figures)


def _themed_months(
    reader: _CampaignReader, schema: CampaignSchema, data: LMap
) -> tuple[ThemedMonth, ...]:
    months: dict[int, int] = {}
    result = []
    raws: Any = data.get("themed_months")
    for index, spec in enumerate(schema.themed_months):
        line = raws.item_lines[index]
        if spec.month in months:
            reader.problem(
                line,
                f"{spec.month}月的主题与第 {months[spec.month]} 行重复",
                "每个月只写一个主题；一个月有几项活动，写在 body 里。",
            )
            continue
        months[spec.month] = line
        result.append(ThemedMonth(spec.month, spec.title, render_markdown(spec.body)))
    return tuple(sorted(result, key=lambda m: m.month))


def _counts(kind: Kind, parts: dict[str, Any]) -> dict[str, int]:
    """What the data holds, under the names of ``stated:``."""
    roots: tuple[Task, ...] = parts.get("tasks", ())
    leaves = [problem for root in roots for problem in root.problems()]
    if kind is Kind.WORK_PLAN:
        return {"tasks": sum(1 for root in roots for _ in root.leaves())}
    rules: Rules = parts.get("rules") or Rules()
    return {
        "areas": len(roots),
        "items": sum(len(root.items) for root in roots),
        "problems": len(leaves),
        "done": sum(1 for t in leaves if t.state is TaskStatus.DONE),
        "ongoing": sum(1 for t in leaves if t.state in (TaskStatus.ONGOING, TaskStatus.PLANNED)),
        "long_term": sum(1 for t in leaves if t.state is TaskStatus.LONG_TERM),
        "rules_new": len(rules.new),
        "rules_revised": len(rules.revised),
    }


def _compare_stated(
    reader: _CampaignReader,
    stated: dict[str, int],
    counts: dict[str, int],
    data: LMap,
    *,
    explained: bool,
) -> None:
    for key, value in stated.items():
        if key not in counts:
            reader.problem(
                line_of(data, ("stated", key)),
                f"工作方案的 stated 里不能写“{key}”",
                "工作方案只核对 tasks（任务数）。",
            )
            continue
        held = counts[key]
        if held != value and not explained:
            label, unit = STATED_LABELS[key]
            reader.problem(
                line_of(data, ("stated", key)),
                f"原文说{label}共 {value} {unit}，数据里有 {held} {unit}",
                "核对原文：漏写的补上，多写的删去；原文本身不全（如公开的报告只列出部分问题）"
                "或有误的，保留原文数字，在 stated 里写 note: 说明原因。",
                warn=True,
            )
