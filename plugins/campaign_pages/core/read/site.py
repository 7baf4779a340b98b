"""Read ``data/`` into the model: load, validate, cross-reference, resolve dates.

Every problem is collected with its ``path:line``; the site is still built from what is valid,
so one mistake never hides the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from campaign_pages.core.dates import HINT, UNDATED, NoKeyDay, When, WhenError, parse_when, span_of
from campaign_pages.core.due import parse_due
from campaign_pages.core.load.schema import (
    SLUG,
    ActivitySchema,
    CampaignSchema,
    DeadlineSchema,
    DepartmentsFile,
    SiteSchema,
    validate,
)
from campaign_pages.core.load.textfile import os_error_text, read_source
from campaign_pages.core.load.yamlsrc import LList, LMap, line_of, load_yaml
from campaign_pages.core.model import (
    Activity,
    ActivityStatus,
    Campaign,
    Deadline,
    Department,
    Site,
    SiteInfo,
    Source,
)
from campaign_pages.core.problems import Problem, Severity, did_you_mean, has_errors
from campaign_pages.core.read.documents import kind_parts, sections
from campaign_pages.core.render.markup import render_markdown

_SLUG = re.compile(SLUG)
# Ids that would give a page or an anchor the address of one the plugin makes itself: the
# department directory is departments/index.md, and fixed anchors start with cp-.
RESERVED_DEPARTMENT_IDS = frozenset({"index"})
RESERVED_ANCHOR = "cp-"


@dataclass
class _Context:
    """What one read of ``data/`` accumulates."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # see Site.broken
    # (path, campaign, counted campaign id, line): what reports count news of
    counted: list[tuple[str, str, str, int]] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def load(self, path: Path, empty: tuple[str, str], *, warn: bool = False) -> tuple[Any, str]:
        """The YAML of ``path`` (None if it has none), and its name for problems.

        ``empty`` is the message and hint for a file of nothing but blank lines, comments
        or ``null``: each file says what it is missing.
        """
        rel = self.rel(path)
        text, problems = read_source(path, rel, self.root)
        self.problems.extend(problems)
        if text is None:
            return None, rel
        data, problems = load_yaml(text, rel)
        self.problems.extend(problems)
        if data is None and not has_errors(problems):
            self.problem(rel, 1, *empty, warn=warn)
        return data, rel

    def problem(self, path: str, line: int, message: str, hint: str, *, warn: bool = False) -> None:
        severity = Severity.WARNING if warn else Severity.ERROR
        self.problems.append(Problem(path, line, message, hint, severity))


class Directory:
    """Departments by id, name and alias, with did-you-mean for the rest.

    Names are not checked against a directory whose file could not be read (``complete``
    false), nor the ``unchecked`` names of its entries that had mistakes: the file's own
    problems say what is wrong, and every mention of those departments would only repeat it.
    """

    def __init__(
        self,
        departments: Iterable[Department],
        *,
        complete: bool = True,
        unchecked: frozenset[str] = frozenset(),
    ) -> None:
        self.departments = tuple(departments)
        self.complete = complete
        self.unchecked = unchecked
        self.lookup: dict[str, Department] = {}
        for dept in self.departments:
            for key in (dept.id, dept.name, *dept.aliases):
                self.lookup.setdefault(key, dept)

    @classmethod
    def of(cls, site: Site) -> Directory:
        return cls(site.departments, complete=site.directory_read, unchecked=site.unread_names)

    def resolve(
        self, problems: list[Problem], path: str, names: list[str], raw: LMap, key: str
    ) -> tuple[Department, ...]:
        """The departments named under ``key`` of ``raw``; unknown names become problems."""
        found: list[Department] = []
        listed = isinstance(raw.get(key), LList)
        for index, name in enumerate(names):
            line = line_of(raw, (key, index) if listed else (key,))
            dept = self.lookup.get(name.strip())
            if dept is None and (not self.complete or name.strip() in self.unchecked):
                continue
            if dept is None:
                hint = did_you_mean(name, self.lookup) or (
                    "在 data/departments.yml 里添加这个部门，或写它已有的名称、简称或 id。"
                )
                problems.append(Problem(path, line, f"未知部门“{name}”", hint))
            elif dept in found:
                problems.append(
                    Problem(path, line, f"“{key}”里重复写了“{dept.name}”", "删去重复的一个。")
                )
            else:
                found.append(dept)
        return tuple(found)


def read_site(data_dir: Path) -> tuple[Site, list[Problem]]:
    """Read everything under ``data_dir``; never raises for content mistakes."""
    ctx = _Context(data_dir)
    info = _read_info(ctx, data_dir / "site.yml")
    directory = _read_departments(ctx, data_dir / "departments.yml")
    campaigns = _read_campaigns(ctx, data_dir / "campaigns", directory)
    _check_counted(ctx, campaigns)
    site = Site(
        info=info,
        departments=directory.departments,
        campaigns=campaigns,
        broken=frozenset(ctx.broken),
        directory_read=directory.complete,
        unread_names=directory.unchecked,
    )
    return site, sorted(set(ctx.problems), key=lambda p: (p.path, p.line, p.message))


def _check_counted(ctx: _Context, campaigns: tuple[Campaign, ...]) -> None:
    """The campaigns reports count the news of exist (or are broken, and say so themselves)."""
    ids = [c.id for c in campaigns]
    for path, _, wanted, line in ctx.counted:
        if wanted not in ids and wanted not in ctx.broken:
            hint = did_you_mean(wanted, ids) or "写 data/campaigns/ 里某个方案的 id（文件名）。"
            ctx.problem(path, line, f"count 里的方案“{wanted}”不存在", hint)


# What a government website must show in its footer (政府网站发展指引): name, pattern, hint
_FOOTER_FIELDS = [
    ("organizer", "主办单位", None, "例如 organizer: 中共铜川市委宣传部"),
    (
        "site_code",
        "网站标识码",
        re.compile(r"^[0-9A-Za-z]{10}$"),
        '十位，例如 site_code: "6102000001"',
    ),
    (
        "icp",
        "ICP备案号",
        re.compile(r"^\w{1,3}ICP备\d{6,10}号(-\d+)?$"),
        "例如 icp: 陕ICP备12345678号",
    ),
    (
        "police_filing",
        "公网安备号",
        re.compile(r"^\w{1,3}公网安备\s*\d{14}号$"),
        "例如 police_filing: 陕公网安备 61020002000001号",
    ),
]


# what a file of nothing but blank lines, comments or null is missing
_EMPTY_CAMPAIGN = (
    "方案文件没有内容：缺少 title 和 activities",
    "写上 title:（方案标题）和 activities:（各项活动），也可以用"
    "“campaign new campaign 方案id --title 标题”生成带注释的模板；不用的方案请删除这个文件。",
)
_EMPTY_DEPARTMENTS = (
    "部门名录没有内容：缺少 departments 列表",
    "写上 departments:，下面每个部门一项，如“- id: xcb”和“  name: 市委宣传部”。",
)
_EMPTY_INFO = (
    "站点信息文件没有内容：页脚缺少主办单位、网站标识码、备案号和联系方式",
    "写上 organizer、site_code、icp、police_filing，以及 phone 或 email。",
)


def _missing(path: Path) -> bool:
    """Nothing at ``path``: a broken link is something, which read_source reports."""
    return not path.exists() and not path.is_symlink()


def _read_info(ctx: _Context, path: Path) -> SiteInfo:
    rel = ctx.rel(path)
    if _missing(path):
        ctx.problem(
            rel,
            1,
            "缺少站点信息文件，页脚无法显示主办单位、网站标识码和备案号",
            "新建 data/site.yml，写 organizer、site_code、icp、police_filing 和联系电话或邮箱。",
            warn=True,
        )
        return SiteInfo()
    data, rel = ctx.load(path, _EMPTY_INFO, warn=True)
    if data is None:
        return SiteInfo()
    schema, data, problems = validate(SiteSchema, data, rel)
    ctx.problems.extend(problems)
    if schema is None:
        return SiteInfo()
    for key, label, pattern, hint in _FOOTER_FIELDS:
        value = getattr(schema, key)
        if not value:
            ctx.problem(rel, 1, f"缺少{label}（{key}），页脚里政府网站必须显示", hint, warn=True)
        elif pattern and not pattern.match(value.strip()):
            ctx.problem(rel, line_of(data, (key,)), f"{label}“{value}”的格式不对", hint, warn=True)
    if not (schema.phone or schema.email):
        ctx.problem(
            rel,
            1,
            "缺少联系方式（phone 或 email），页脚里要有",
            "例如 phone: 0919-1234567",
            warn=True,
        )
    return SiteInfo(**schema.model_dump())


def _read_departments(ctx: _Context, path: Path) -> Directory:
    """The directory; when its file has mistakes, the names it could not read are unchecked."""
    departments, written = _departments(ctx, path)
    if departments is None:  # nothing could be read: no name is checked against it
        return Directory((), complete=False)
    return Directory(departments, unchecked=frozenset(written - _names_of(departments)))


def _names_of(departments: Iterable[Department]) -> set[str]:
    return {key for d in departments for key in (d.id, d.name, *d.aliases)}


def _written_names(data: Any) -> set[str]:
    """Every id, name and alias written in ``departments:``, read or not."""
    entries = data.get("departments") if isinstance(data, LMap) else None
    names: set[str] = set()
    for entry in entries if isinstance(entries, LList) else ():
        if isinstance(entry, LMap):
            aliases = entry.get("aliases")
            for value in (entry.get("id"), entry.get("name"), *_as_names(aliases)):
                if isinstance(value, str):
                    names.add(value.strip())
    return names


def _as_names(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _departments(ctx: _Context, path: Path) -> tuple[list[Department] | None, set[str]]:
    """The departments read, if any could be, and every name written in the file."""
    if _missing(path):
        ctx.problem(ctx.rel(path), 1, "缺少部门名录文件", "新建该文件，写入 departments: 列表。")
        return None, set()
    data, rel = ctx.load(path, _EMPTY_DEPARTMENTS)
    if data is None:
        return None, set()
    listed = data.get("departments") if isinstance(data, LMap) else None
    if isinstance(listed, LMap):  # departments by id, as a mapping: say so where it starts
        ctx.problem(
            rel,
            listed.line,
            "departments 下的部门要逐个列出，每个以“- ”开头，这里写成了键值对",
            "每个部门写作“- id: xcb”，下一行对齐写“  name: 市委宣传部”。",
        )
        return None, set()
    written = _written_names(data)
    schema, data, problems = validate(DepartmentsFile, data, rel)
    ctx.problems.extend(problems)
    if schema is None:
        return None, written
    departments: list[Department] = []
    owners: dict[str, tuple[str, int]] = {}
    for index, entry in enumerate(schema.departments):
        line = line_of(data, ("departments", index))
        dept_id = entry.id
        if dept_id in RESERVED_DEPARTMENT_IDS:
            ctx.problem(
                rel,
                line_of(data, ("departments", index, "id")),
                f"部门 id 不能是“{dept_id}”：departments/{dept_id}/ 是部门名录自己的地址",
                f"换一个 id，例如 {dept_id}-dept。",
            )
            dept_id = f"_{dept_id}"  # no id an editor can write: its page clashes with none
        for key, what in [
            (entry.id, "id"),
            (entry.name, "名称"),
            *((a, "简称") for a in entry.aliases),
        ]:
            if key in owners:
                other, other_line = owners[key]
                ctx.problem(
                    rel,
                    line,
                    f"部门{what}“{key}”与第 {other_line} 行的“{other}”重复",
                    "每个部门的 id、名称和简称都不能与别的部门相同；同一个部门只写一次。",
                )
            else:
                owners[key] = (entry.name, line)
        departments.append(
            Department(
                id=dept_id,
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
    return departments, written


def _read_campaigns(ctx: _Context, folder: Path, directory: Directory) -> tuple[Campaign, ...]:
    campaigns: list[Campaign] = []
    ids: dict[str, str] = {}
    for path in _campaign_files(ctx, folder):
        before = len(ctx.problems)
        data, rel = ctx.load(path, _EMPTY_CAMPAIGN)
        campaign = None if data is None else _read_campaign(ctx, rel, path.stem, data, directory)
        if has_errors(ctx.problems[before:]):
            ctx.broken.update(_claimed_ids(path.stem, data))
        if campaign is None:
            continue
        if campaign.id in ids:
            ctx.problem(
                campaign.source.path,
                campaign.source.line,
                f"方案 id“{campaign.id}”与 {ids[campaign.id]} 重复",
                "每个方案的 id（默认是文件名）要各不相同。",
            )
            continue
        ids[campaign.id] = campaign.source.path
        campaigns.append(campaign)
    return tuple(campaigns)


def _campaign_files(ctx: _Context, folder: Path) -> list[Path]:
    """The YAML files in ``folder`` (and what passes for them); other entries are warned of."""
    if not folder.is_dir():  # no campaigns yet
        return []
    try:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        ctx.problem(
            ctx.rel(folder), 1, f"无法读取文件夹：{os_error_text(exc)}", "检查文件夹的权限。"
        )
        return []
    files = []
    for path in entries:
        if path.suffix in (".yml", ".yaml"):
            files.append(path)  # a folder or broken link of this name: read_source says so
        elif path.is_dir():
            ctx.problem(
                ctx.rel(path),
                1,
                "方案文件夹里的子文件夹不会读取",
                "方案文件直接放在 data/campaigns/ 里；不用的旧方案请移到 data/ 以外的地方。",
                warn=True,
            )
        else:
            ctx.problem(
                ctx.rel(path),
                1,
                "不是 YAML 文件，没有读取",
                "方案要写成 .yml 文件；Word 等原始文件请放到 data/ 以外的地方。",
                warn=True,
            )
    return files


def _claimed_ids(stem: str, data: Any) -> set[str]:
    """The ids a campaign file goes by: its name, and the ``id:`` written in it."""
    written = data.get("id") if isinstance(data, LMap) else None
    return {stem, written} if isinstance(written, str) else {stem}


def _read_campaign(
    ctx: _Context, rel: str, stem: str, data: Any, directory: Directory
) -> Campaign | None:
    written = data
    schema, data, problems = validate(CampaignSchema, data, rel)
    ctx.problems.extend(problems)
    if schema is None:
        return None
    # a key day written but set aside (day: abc) is reported once: the times relative to it
    # are left undated rather than reported again, one by one
    day_broken = schema.day is None and isinstance(written, LMap) and "day" in written
    campaign_id = schema.id or stem
    id_line = line_of(data, ("id",)) if schema.id else 1
    if not _SLUG.match(campaign_id):
        ctx.problem(
            rel,
            id_line,
            f"方案 id“{campaign_id}”只能由小写英文字母、数字和连字符组成",
            "把文件改名为如 tongchuan-fupinri-2017.yml，或在文件里写 id:。",
        )
        return None
    period = (schema.period.start, schema.period.end) if schema.period else None
    if period and period[1] < period[0]:
        ctx.problem(
            rel,
            line_of(data, ("period", "end")),
            "period 的结束日期早于开始日期",
            "检查 start 和 end 是否写反了。",
        )
        period = None
    if schema.day_name and not schema.day and not day_broken:
        ctx.problem(
            rel, line_of(data, ("day_name",)), "写了 day_name 却没有 day", "补上 day: 关键日期。"
        )
    reader = _CampaignReader(ctx, rel, schema, directory, period, day_broken=day_broken)
    activities = reader.activities(schema.activities, data.get("activities"), prefix="")
    deadlines = reader.deadlines(schema.deadlines, data.get("deadlines"))
    parts = kind_parts(reader, schema, data)
    ctx.counted.extend((rel, campaign_id, *ref) for ref in reader.counted_campaigns)
    return Campaign(
        id=campaign_id,
        title=schema.title,
        kind=schema.kind,
        theme=schema.theme,
        day=schema.day,
        day_name=schema.day_name,
        period=period,
        issuer=directory.resolve(ctx.problems, rel, schema.issuer, data, "issuer"),
        basis=schema.basis,
        summary=render_markdown(schema.summary),
        sections=sections(schema.sections),
        activities=activities,
        deadlines=deadlines,
        source=Source(rel, id_line),
        **parts,
    )


class _CampaignReader:
    """Turns one campaign's validated schema into model objects, reporting as it goes."""

    def __init__(
        self,
        ctx: _Context,
        path: str,
        schema: CampaignSchema,
        directory: Directory,
        period: tuple[Any, Any] | None,
        *,
        day_broken: bool = False,
    ) -> None:
        self.ctx = ctx
        self.day_broken = day_broken
        self.path = path
        self.directory = directory
        self.year = schema.year or (
            schema.day.year if schema.day else period[0].year if period else None
        )
        self.key_day = schema.day
        self.key_name = schema.day_name
        self.period = period
        self.ids: dict[str, int] = {}
        self.as_of = schema.as_of  # the day the statuses were written, if the file says
        # 立行立改 work is due on the day the inspection's findings were handed over
        self.immediate = schema.inspection.feedback if schema.inspection else None
        # campaign ids a report's figures count the news of: checked once all are read
        self.counted_campaigns: list[tuple[str, int]] = []

    def problem(self, line: int, message: str, hint: str, *, warn: bool = False) -> None:
        self.ctx.problem(self.path, line, message, hint, warn=warn)

    def source(self, line: int) -> Source:
        return Source(self.path, line)

    def parse(self, text: str, line: int, base: When | None = None) -> When | None:
        """A ``when:`` resolved, or None with the problem reported."""
        return self._resolved(line, lambda: parse_when(text, base=base, **self._context()))

    def parse_due(self, text: str, line: int, *, immediate: bool = False) -> When | None:
        """A ``due:`` resolved (10月9日前报送 too), or None with the problem reported;
        ``immediate``: 立行立改 may be written (a task's due, not a report's deadline)."""
        day = self.immediate if immediate else None
        return self._resolved(line, lambda: parse_due(text, immediate=day, **self._context()))

    def _context(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "key_day": self.key_day,
            "key_name": self.key_name,
            "window": self.period,
        }

    def _resolved(self, line: int, parse: Callable[[], When]) -> When | None:
        try:
            return parse()
        except WhenError as exc:
            if not (self.day_broken and isinstance(exc, NoKeyDay)):  # else day: has the problem
                self.problem(line, str(exc), exc.hint or HINT)
            return None

    def unique_id(self, wanted: str | None, title: str, line: int) -> str:
        """The written id, checked for duplicates; else one derived from the title.

        Derived ids stay the same while the title does, which keeps calendar subscriptions
        stable; two items with the same title get ``-2``, ``-3`` … in order.
        """
        if wanted and wanted.startswith(RESERVED_ANCHOR):
            self.problem(
                line,
                f"id“{wanted}”不能以 {RESERVED_ANCHOR} 开头",
                f"以 {RESERVED_ANCHOR} 开头的名字留给页面自己的锚点（如报送事项表），请换一个 id。",
            )
            wanted = None
        if wanted:
            if wanted in self.ids:
                self.problem(
                    line,
                    f"id“{wanted}”与第 {self.ids[wanted]} 行重复",
                    "每项活动和报送事项的 id 要各不相同。",
                )
            self.ids.setdefault(wanted, line)
            return wanted
        base = "a-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids[ident] = line
        return ident

    def departments(self, names: list[str], raw: LMap, key: str) -> tuple[Department, ...]:
        return self.directory.resolve(self.ctx.problems, self.path, names, raw, key)

    def lead_and_support(
        self, lead_names: list[str], support_names: list[str], raw: LMap, what: str
    ) -> tuple[tuple[Department, ...], tuple[Department, ...]]:
        """牵头 and 配合 units of an activity or a task; one written in both is a problem
        (and counted as lead)."""
        lead = self.departments(lead_names, raw, "lead")
        support = self.departments(support_names, raw, "support")
        for dept in set(lead) & set(support):
            self.problem(
                line_of(raw, ("support",)),
                f"“{dept.name}”同时写在 lead（牵头）和 support（配合）里",
                f"一个单位在同一项{what}里只能有一种角色。",
            )
        return lead, tuple(d for d in support if d not in lead)

    def activities(
        self, schemas: list[ActivitySchema], raws: Any, prefix: str, parent: When | None = None
    ) -> tuple[Activity, ...]:
        result = []
        for index, schema in enumerate(schemas):
            raw: LMap = raws[index]
            number = f"{prefix}{index + 1}"
            line = raws.item_lines[index]
            own = self.own_when(schema, raw, parent)
            items = self.activities(schema.items, raw.get("items"), f"{number}.", own or parent)
            if own is not None:
                when = own
            elif parent is not None and parent.start:
                when = parent  # a step of a dated activity happens at its time
            else:
                when = span_of(item.when for item in items)  # the span of its dated steps
            lead, support = self.lead_and_support(schema.lead, schema.support, raw, "活动")
            result.append(
                Activity(
                    id=self.unique_id(schema.id, schema.title, line),
                    number=number,
                    title=schema.title,
                    when=when,
                    dated_here=own is not None,
                    location=schema.location,
                    lead=lead,
                    support=support,
                    responsible=self.departments(schema.responsible, raw, "responsible"),
                    status=ActivityStatus(schema.status),
                    body=render_markdown(schema.body),
                    items=items,
                    source=Source(self.path, line),
                )
            )
        return tuple(result)

    def own_when(self, schema: ActivitySchema, raw: LMap, parent: When | None) -> When | None:
        """The time written on this activity (``when:`` or ``start:``/``end:``), if any."""
        if schema.when is not None and (schema.start or schema.end):
            self.problem(
                line_of(raw, ("start",) if schema.start else ("end",)),
                "when 与 start/end 只能写一种",
                "删去其中一种；start/end 只写日期，when 可以写“10月中旬”这类说法。",
            )
        if schema.when is not None:
            when = self.parse(schema.when, line_of(raw, ("when",)), base=parent)
            return _without_iso_text(when, raw["when"]) if when else UNDATED
        if not (schema.start or schema.end):
            return None
        start = schema.start or schema.end
        end = schema.end or schema.start
        assert start is not None and end is not None
        if end < start:
            self.problem(
                line_of(raw, ("end",)), "结束日期早于开始日期", "检查 start 和 end 是否写反了。"
            )
            return UNDATED
        iso = start.isoformat() if start == end else f"{start.isoformat()}—{end.isoformat()}"
        when = self.parse(iso, line_of(raw, ("start",) if schema.start else ("end",)))
        return replace(when, text="") if when else UNDATED  # dates, not an editor's words

    def deadlines(self, schemas: list[DeadlineSchema], raws: Any) -> tuple[Deadline, ...]:
        result = []
        for index, schema in enumerate(schemas):
            raw: LMap = raws[index]
            line = raws.item_lines[index]
            to = self.departments(schema.to, raw, "to")
            from_ = self.departments(schema.from_, raw, "from")
            when = self.parse_due(schema.due, line_of(raw, ("due",)))
            if when is None:
                continue
            when = _without_iso_text(when, raw["due"])
            if when.end is None:
                self.problem(
                    line_of(raw, ("due",)),
                    f"报送截止日期“{schema.due}”必须能确定是哪一天",
                    "写作 10月9日 或 10月9日前；还没定的报送事项先不要写进 deadlines。",
                )
                continue
            result.append(
                Deadline(
                    id=self.unique_id(schema.id, schema.title, line),
                    title=schema.title,
                    when=when,
                    due=when.end,
                    to=to,
                    from_=from_,
                    done=schema.status == "done",
                    body=render_markdown(schema.body),
                    source=Source(self.path, line),
                )
            )
        return tuple(result)


def _without_iso_text(when: When, written: Any) -> When:
    """A date YAML read as a date (``2017-10-17``) is not an editor's words: pages show it
    as a date, once. Words in any other form are kept, full-width digits included."""
    return replace(when, text="") if isinstance(written, dt.date) else when
