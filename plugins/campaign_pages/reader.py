"""Read ``data/`` into the model: load, validate, cross-reference, resolve dates.

Every problem is collected with its ``path:line``; the site is still built from what is valid,
so one mistake never hides the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import Precision, When, WhenError, parse_when
from .markup import render_markdown
from .model import (
    Activity,
    ActivityStatus,
    Campaign,
    Deadline,
    Department,
    Section,
    SectionItem,
    Site,
    SiteInfo,
    Source,
)
from .problems import Problem, Severity, did_you_mean
from .schema import (
    ActivitySchema,
    CampaignSchema,
    DeadlineSchema,
    DepartmentsFile,
    SiteSchema,
    validate,
)
from .yamlsrc import LMap, line_of, load_yaml

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class _Context:
    """What one read of ``data/`` accumulates."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def load(self, path: Path) -> tuple[Any, str]:
        rel = self.rel(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.append(
                Problem(rel, 1, "文件不是 UTF-8 编码", "用 UTF-8 编码另存该文件。")
            )
            return None, rel
        data, problems = load_yaml(text, rel)
        self.problems.extend(problems)
        return data, rel


class _Directory:
    """Departments by id, name and alias, with did-you-mean for the rest."""

    def __init__(self, departments: Iterable[Department]) -> None:
        self.departments = tuple(departments)
        self.lookup: dict[str, Department] = {}
        for dept in self.departments:
            for key in (dept.id, dept.name, *dept.aliases):
                self.lookup.setdefault(key, dept)

    def resolve(
        self, names: list[str], raw: Any, key: str, path: str, problems: list[Problem]
    ) -> tuple[Department, ...]:
        found: list[Department] = []
        for index, name in enumerate(names):
            dept = self.lookup.get(name.strip())
            if dept is None:
                line = (
                    line_of(raw, (key, index))
                    if isinstance(raw.get(key), list)
                    else (line_of(raw, (key,)))
                )
                hint = did_you_mean(name, self.lookup) or (
                    "在 data/departments.yml 里添加这个部门，或写它已有的名称、简称或 id。"
                )
                problems.append(Problem(path, line, f"未知部门“{name}”", hint))
            elif dept in found:
                problems.append(
                    Problem(path, line_of(raw, (key,)), f"“{key}”里重复写了“{dept.name}”")
                )
            else:
                found.append(dept)
        return tuple(found)


def read_site(data_dir: Path) -> tuple[Site, list[Problem]]:
    """Read everything under ``data_dir``; never raises for content mistakes."""
    ctx = _Context(data_dir)
    info = _read_info(ctx, data_dir / "site.yml")
    directory = _Directory(_read_departments(ctx, data_dir / "departments.yml"))
    campaigns = _read_campaigns(ctx, data_dir / "campaigns", directory)
    site = Site(info=info, departments=directory.departments, campaigns=campaigns)
    return site, sorted(set(ctx.problems), key=lambda p: (p.path, p.line, p.message))


def _read_info(ctx: _Context, path: Path) -> SiteInfo:
    if not path.exists():
        return SiteInfo()
    data, rel = ctx.load(path)
    if data is None:
        return SiteInfo()
    schema, problems = validate(SiteSchema, data, rel)
    ctx.problems.extend(problems)
    return SiteInfo(**schema.model_dump()) if schema else SiteInfo()


def _read_departments(ctx: _Context, path: Path) -> list[Department]:
    if not path.exists():
        ctx.problems.append(
            Problem(ctx.rel(path), 1, "缺少部门名录文件", "新建该文件，写入 departments: 列表。")
        )
        return []
    data, rel = ctx.load(path)
    if data is None:
        return []
    schema, problems = validate(DepartmentsFile, data, rel)
    ctx.problems.extend(problems)
    if schema is None:
        return []
    departments: list[Department] = []
    owners: dict[str, tuple[str, int]] = {}
    for index, entry in enumerate(schema.departments):
        line = line_of(data, ("departments", index))
        for key, what in [
            (entry.id, "id"),
            (entry.name, "名称"),
            *((a, "简称") for a in entry.aliases),
        ]:
            if key in owners:
                other, other_line = owners[key]
                ctx.problems.append(
                    Problem(rel, line, f"部门{what}“{key}”与第 {other_line} 行的“{other}”重复")
                )
            else:
                owners[key] = (entry.name, line)
        departments.append(
            Department(
                id=entry.id,
                name=entry.name,
                aliases=tuple(entry.aliases),
                group=entry.group,
                description=entry.description,
                url=entry.url,
                phone=entry.phone,
                address=entry.address,
                order=index,
                source=Source(rel, line),
            )
        )
    return departments


def _read_campaigns(ctx: _Context, folder: Path, directory: _Directory) -> tuple[Campaign, ...]:
    campaigns: list[Campaign] = []
    ids: dict[str, str] = {}
    paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for path in paths:
        campaign = _read_campaign(ctx, path, directory)
        if campaign is None:
            continue
        if campaign.id in ids:
            ctx.problems.append(
                Problem(
                    campaign.source.path, 1, f"方案 id“{campaign.id}”与 {ids[campaign.id]} 重复"
                )
            )
            continue
        ids[campaign.id] = campaign.source.path
        campaigns.append(campaign)
    return tuple(campaigns)


def _read_campaign(ctx: _Context, path: Path, directory: _Directory) -> Campaign | None:
    data, rel = ctx.load(path)
    if data is None:
        return None
    schema, problems = validate(CampaignSchema, data, rel)
    ctx.problems.extend(problems)
    if schema is None:
        return None
    campaign_id = schema.id or path.stem
    if not _SLUG.match(campaign_id):
        ctx.problems.append(
            Problem(
                rel,
                1,
                f"方案 id“{campaign_id}”只能由小写英文字母、数字和连字符组成",
                "把文件改名为如 tongchuan-fupinri-2017.yml，或在文件里写 id:。",
            )
        )
        return None
    reader = _CampaignReader(ctx, rel, schema, directory)
    activities = reader.activities(schema.activities, data.get("activities"), prefix="")
    deadlines = tuple(
        d
        for index, raw in enumerate(schema.deadlines)
        if (d := reader.deadline(raw, data["deadlines"][index])) is not None
    )
    if schema.period and schema.period.end < schema.period.start:
        ctx.problems.append(
            Problem(rel, line_of(data, ("period", "end")), "period 的结束日期早于开始日期")
        )
    if schema.day_name and not schema.day:
        ctx.problems.append(
            Problem(
                rel,
                line_of(data, ("day_name",)),
                "写了 day_name 却没有 day",
                "补上 day: 关键日期。",
            )
        )
    return Campaign(
        id=campaign_id,
        title=schema.title,
        kind=schema.kind,
        theme=schema.theme,
        day=schema.day,
        day_name=schema.day_name,
        period=(schema.period.start, schema.period.end) if schema.period else None,
        issuer=directory.resolve(schema.issuer, data, "issuer", rel, ctx.problems),
        basis=schema.basis,
        summary=render_markdown(schema.summary),
        sections=tuple(
            Section(
                title=s.title,
                body=render_markdown(s.body),
                items=tuple(SectionItem(i.title, render_markdown(i.body)) for i in s.items),
            )
            for s in schema.sections
        ),
        activities=activities,
        deadlines=deadlines,
        source=Source(rel, 1),
    )


class _CampaignReader:
    """Turns one campaign's validated schema into model objects, reporting as it goes."""

    def __init__(
        self, ctx: _Context, path: str, schema: CampaignSchema, directory: _Directory
    ) -> None:
        self.ctx = ctx
        self.path = path
        self.schema = schema
        self.directory = directory
        self.year = schema.year or (
            schema.day.year if schema.day else schema.period.start.year if schema.period else None
        )
        self.ids: dict[str, int] = {}

    def problem(
        self, line: int, message: str, hint: str | None = None, *, warn: bool = False
    ) -> None:
        severity = Severity.WARNING if warn else Severity.ERROR
        self.ctx.problems.append(Problem(self.path, line, message, hint, severity))

    def parse(self, text: str, line: int) -> When | None:
        try:
            return parse_when(
                text, year=self.year, key_day=self.schema.day, key_name=self.schema.day_name
            )
        except WhenError as exc:
            self.problem(line, str(exc), exc.hint)
            return None

    def unique_id(self, wanted: str | None, title: str, line: int) -> str:
        ident = wanted or "a-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
        if ident in self.ids:
            self.problem(
                line,
                f"id“{ident}”与第 {self.ids[ident]} 行重复",
                "每项活动和报送事项的 id 要各不相同。",
            )
        self.ids.setdefault(ident, line)
        return ident

    def activities(
        self,
        schemas: list[ActivitySchema],
        raws: Any,
        prefix: str,
        parent_when: When | None = None,
    ) -> tuple[Activity, ...]:
        result = []
        for index, schema in enumerate(schemas):
            raw: LMap = raws[index]
            number = f"{prefix}{index + 1}"
            line = raws.item_lines[index]
            when = self.activity_when(schema, raw, parent_when)
            result.append(
                Activity(
                    id=self.unique_id(schema.id, schema.title, line),
                    number=number,
                    title=schema.title,
                    when=when,
                    location=schema.location,
                    lead=self.departments(schema.lead, raw, "lead"),
                    support=self.departments(schema.support, raw, "support"),
                    responsible=self.departments(schema.responsible, raw, "responsible"),
                    status=ActivityStatus(schema.status),
                    body=render_markdown(schema.body),
                    items=self.activities(schema.items, raw.get("items"), f"{number}.", when),
                    source=Source(self.path, line),
                )
            )
        return tuple(result)

    def departments(self, names: list[str], raw: LMap, key: str) -> tuple[Department, ...]:
        return self.directory.resolve(names, raw, key, self.path, self.ctx.problems)

    def activity_when(self, schema: ActivitySchema, raw: LMap, parent: When | None) -> When:
        undated = When(text="", start=None, end=None, precision=Precision.UNKNOWN)
        if schema.when is not None and (schema.start or schema.end):
            self.problem(line_of(raw, ("start",)), "when 与 start/end 只能写一种")
        if isinstance(schema.when, dt.date):
            return _day(schema.when)
        if isinstance(schema.when, str):
            return self.parse(schema.when, line_of(raw, ("when",))) or undated
        if schema.start or schema.end:
            start = schema.start or schema.end
            end = schema.end or schema.start
            assert start and end
            if end < start:
                self.problem(line_of(raw, ("end",)), "结束日期早于开始日期")
                return undated
            if start == end:
                return _day(start)
            return When(f"{start}—{end}", start, end, Precision.RANGE)
        return parent or undated

    def deadline(self, schema: DeadlineSchema, raw: LMap) -> Deadline | None:
        line = raw.line
        if isinstance(schema.due, dt.date):
            when: When | None = _day(schema.due)
        else:
            when = self.parse(schema.due, line_of(raw, ("due",)))
        if when is None:
            return None
        if when.end is None:
            self.problem(line_of(raw, ("due",)), f"报送截止日期“{schema.due}”必须是确定的日期")
            return None
        return Deadline(
            id=self.unique_id(schema.id, schema.title, line),
            title=schema.title,
            when=when,
            due=when.end,
            to=self.departments(schema.to, raw, "to"),
            from_=self.departments(schema.from_, raw, "from"),
            done=schema.status == "done",
            body=render_markdown(schema.body),
            source=Source(self.path, line),
        )


def _day(day: dt.date) -> When:
    return When(day.isoformat(), day, day, Precision.DAY)
