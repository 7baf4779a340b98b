"""The shape of editors' YAML, checked with pydantic; errors are translated to Chinese."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from campaign_pages.core.load.yamlsrc import LList, LMap, Path, line_of, without
from campaign_pages.core.problems import Problem, closest, did_you_mean


def _as_list(value: Any) -> Any:
    """``lead: 市扶贫局`` and ``lead: [市扶贫局]`` mean the same; an empty key means none."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _as_text(value: Any) -> Any:
    """``when: 2017-10-17`` arrives from YAML as a date; times are parsed from text."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value.isoformat() if isinstance(value, dt.date) else value


def _as_section(value: Any) -> Any:
    """``goals:`` may be one paragraph or a list of items, as documents write it."""
    if isinstance(value, str):
        return {"title": "工作目标", "body": value}
    if isinstance(value, list):
        return {"title": "工作目标", "items": value}
    if isinstance(value, dict) and "title" not in value:
        return {"title": "工作目标", **value}
    return value


Names = Annotated[list[str], BeforeValidator(_as_list)]
WhenText = Annotated[str, BeforeValidator(_as_text)]
# ids that go into URLs and calendar UIDs: campaigns, departments, activities
SLUG = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG, max_length=80)]
# ids of activities, deadlines and tasks are also anchors in the page, which (attr_list)
# must start with a letter
ITEM_SLUG = r"^[a-z][a-z0-9-]*$"
ItemSlug = Annotated[str, Field(pattern=ITEM_SLUG, max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# Markdown from YAML: Python-Markdown's time grows with the square of a paragraph's inline
# marks, so a field has a bound that no real plan reaches (the longest seed section: ~2,000)
PROSE_LENGTH = 20_000
Prose = Annotated[str, Field(max_length=PROSE_LENGTH)]
ActivityStatus = Literal["planned", "done", "postponed", "cancelled"]
DeadlineStatus = Literal["pending", "done"]
TaskStatus = Literal["planned", "ongoing", "done", "long-term"]
KINDS = ("activity-plan", "work-plan", "rectification", "report")
Kind = Literal["activity-plan", "work-plan", "rectification", "report"]
Level = Literal["中央", "省级", "市级", "县级"]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SiteSchema(_Strict):
    organizer: str | None = None
    operator: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police_filing: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    today: dt.date | None = None


class DepartmentSchema(_Strict):
    id: Slug
    name: Text
    aliases: Names = []
    group: str | None = None
    description: str | None = None
    url: str | None = None
    phone: str | None = None
    address: str | None = None


class DepartmentsFile(_Strict):
    departments: list[DepartmentSchema]


class PeriodSchema(_Strict):
    start: dt.date
    end: dt.date


class SectionItemSchema(_Strict):
    title: Text
    body: Prose = ""


class SectionSchema(_Strict):
    title: Text
    body: Prose = ""
    items: list[SectionItemSchema] = []


class ActivitySchema(_Strict):
    id: ItemSlug | None = None
    title: Text
    when: WhenText | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    lead: Names = []
    support: Names = []
    responsible: Names = []
    status: ActivityStatus = "planned"
    body: Prose = ""
    items: list[ActivitySchema] = []


class DeadlineSchema(_Strict):
    id: ItemSlug | None = None
    title: Text
    due: WhenText
    to: Names = []
    from_: Names = Field(default=[], alias="from")
    status: DeadlineStatus = "pending"
    body: Prose = ""


class ProgressSchema(_Strict):
    date: dt.date
    text: Prose
    percent: Annotated[int, Field(ge=0, le=100)] | None = None


class TaskSchema(_Strict):
    """A node of a task tree: a work plan's task, a ledger's area, problem or sub-problem."""

    id: ItemSlug | None = None
    title: Text
    body: Prose = ""
    lead: Names = []
    support: Names = []
    responsible: Names = []
    leader: str | None = None  # 责任领导: a post or a person, never a department
    due: WhenText | None = None
    status: TaskStatus | None = None  # unwritten: a parent's follows its items'
    done_on: dt.date | None = None
    progress: list[ProgressSchema] = []
    evidence: Prose = ""
    measures: Annotated[list[Prose], BeforeValidator(_as_list)] = []
    items: list[TaskSchema] = []


class InspectionSchema(_Strict):
    by: Text
    round: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    feedback: dt.date | None = None


class RulesSchema(_Strict):
    new: Names = []
    revised: Names = []


class StatedSchema(_Strict):
    """Totals the document states itself ("三方面17项43个问题"), compared with the data."""

    tasks: Count | None = None
    areas: Count | None = None
    items: Count | None = None
    problems: Count | None = None
    done: Count | None = None
    ongoing: Count | None = None
    long_term: Count | None = None
    rules_new: Count | None = None
    rules_revised: Count | None = None
    # why the data holds other numbers (the public report lists only some problems):
    # the difference is then shown on the page and not warned of
    note: str | None = None


class CountSchema(_Strict):
    """Which of the site's news a stated figure is compared with (every filter must hold)."""

    source_level: Annotated[list[Level], BeforeValidator(_as_list)] = []
    source: Names = []
    department: Names = []
    campaign: Names = []
    tag: Names = []


class FigureSchema(_Strict):
    label: Text
    value: Annotated[float, Field(ge=0)]
    unit: str = ""
    count: CountSchema | None = None
    note: str | None = None


class ThemedMonthSchema(_Strict):
    month: Annotated[int, Field(ge=1, le=12)]
    title: Text
    body: Prose = ""


class CampaignSchema(_Strict):
    id: Slug | None = None
    title: Text
    kind: Kind = "activity-plan"
    theme: str | None = None
    day: dt.date | None = None
    day_name: str | None = None
    year: Annotated[int, Field(ge=1949, le=2100)] | None = None
    period: PeriodSchema | None = None
    issuer: Names = []
    basis: str | None = None
    summary: Prose = ""
    sections: list[SectionSchema] = []
    activities: list[ActivitySchema] = []
    deadlines: list[DeadlineSchema] = []
    as_of: dt.date | None = None  # the day the statuses were written (状态截至)
    # work-plan
    goals: Annotated[SectionSchema | None, BeforeValidator(_as_section)] = None
    tasks: list[TaskSchema] = []
    measures: list[SectionSchema] = []
    # rectification
    inspection: InspectionSchema | None = None
    areas: list[TaskSchema] = []
    rules: RulesSchema | None = None
    # work-plan and rectification
    stated: StatedSchema | None = None
    # report
    figures: list[FigureSchema] = []
    themed_months: list[ThemedMonthSchema] = []


# the keys only one kind of document has (the rest are shared by every kind)
KIND_KEYS = {
    "activities": ("activity-plan",),
    "goals": ("work-plan",),
    "tasks": ("work-plan",),
    "measures": ("work-plan",),
    "inspection": ("rectification",),
    "areas": ("rectification",),
    "rules": ("rectification",),
    "stated": ("work-plan", "rectification"),
    "figures": ("report",),
    "themed_months": ("report",),
}


class PostSchema(_Strict):
    """Front matter of a news post (``docs/news/**.md``)."""

    title: str | None = None  # else the page's first "# heading"
    date: WhenText
    campaign: Names = []
    activity: str | None = None
    departments: Names = []
    source: str | None = None
    source_level: Level | None = None
    tags: Names = []
    summary: str | None = None
    cover: str | None = None
    draft: bool = False
    # keys MkDocs and Material read themselves
    description: str | None = None
    template: str | None = None
    hide: Any = None
    search: Any = None
    icon: str | None = None
    status: str | None = None
    subtitle: str | None = None
    comments: bool | None = None


_TYPE_NAMES = {
    "str": "文本",
    "int": "整数",
    "float": "数字",
    "bool": "是/否",
    "list": "列表",
    "LList": "列表",
    "dict": "键值对",
    "LMap": "键值对",
    "date": "日期",
    "datetime": "日期时间",
    "NoneType": "空值",
}


def _kind(value: Any) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def _fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed at ``loc`` (for did-you-mean on unknown keys)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None:
            return []
        if isinstance(part, str):
            field = current.model_fields.get(part)
            current = _inner_model(field.annotation) if field else None
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(model: type[BaseModel], err: Any) -> tuple[str, str]:
    loc: tuple[int | str, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    names = [p for p in loc if isinstance(p, str)]
    key = names[-1] if names else ""
    if kind == "missing":
        return f"缺少必填的键“{key}”", f"补上“{key}: …”；不需要这一项就整项删去。"
    if kind == "extra_forbidden":
        allowed = _fields(model, loc)
        hint = did_you_mean(key, allowed) or "可用的键：" + "、".join(allowed)
        return f"未知的键“{key}”", hint
    if kind in ("string_type", "str_type"):
        return f"“{key}”应为文本，这里是{_kind(value)}", "把内容用引号括起来。"
    if kind == "string_too_short":
        return f"“{key}”不能为空", "写上内容，不需要就删去这一行。"
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"“{key}”太长（最多 {limit} 个字符）", "写得短一些。"
    pattern = err.get("ctx", {}).get("pattern")
    if pattern == ITEM_SLUG and isinstance(value, str) and re.match(SLUG, value):
        return (
            f"“{key}”的值“{value}”要以英文字母开头",
            f"它也是页面里的锚点，例如写作 a{value} 或 press-{value}。",
        )
    if kind == "string_pattern_mismatch":
        return (
            f"“{key}”的值“{value}”只能由小写英文字母、数字和连字符组成",
            "例如 press-conference；它用在网址和日历里，写好后不要再改。",
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"“{key}”应为日期，这里是“{value}”", "日期写作 2017-10-17。"
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        choices = expected.replace("'", "").replace(" or ", ", ").replace(", ", "、")
        return f"“{key}”的值“{value}”无效", f"可选：{choices}。"
    if kind in ("list_type", "tuple_type"):
        return f"“{key}”应为列表，这里是{_kind(value)}", "列表写作 [甲, 乙] 或每行一项“- 甲”。"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            f"“{key or '文件'}”应为键值对，这里是{_kind(value)}",
            "这里应写成“键: 值”的形式；检查缩进和冒号。",
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        if key == "year":
            return f"“{key}”的值“{value}”不合理", "年份写四位数字，例如 2017。"
        ctx = err.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        side = "不能小于" if kind == "greater_than_equal" else "不能大于"
        return f"“{key}”的值“{value}”不合理", f"{key} {side} {bound}。"
    if kind.startswith("float"):
        return (
            f"“{key}”应为数字，这里是“{value}”",
            "写阿拉伯数字，例如 5720 或 1.2；单位写在 unit 里。",
        )
    if kind.startswith("int"):
        return f"“{key}”应为整数，这里是“{value}”", "写一个整数，例如 2017。"
    return f"“{key}”的写法不对（{err['msg']}）", "对照编辑指南检查这一项的写法。"


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, path: str) -> tuple[M | None, Any, list[Problem]]:
    """Validate ``data`` (from :func:`load_yaml`) against ``model``; every error located.

    A file with mistakes is not given up at the first one: the offending keys (or, for a
    missing required key, the list item that lacks it) are set aside and the rest is
    validated again, so that its departments and dates are still checked and one typo never
    hides the others. A misspelt key that clearly means one allowed key (``titel``) is read
    as that key from then on: its value is checked too, and the key it stands for is not
    reported missing. Returns the model (None when nothing usable is left), the data it was
    validated from (for line lookups that match the model's lists) and the problems.
    """
    problems: list[Problem] = []
    pruned: set[Path] = set()
    for _ in range(6):
        try:
            return model.model_validate(data), data, sorted(set(problems))
        except ValidationError as exc:
            errors = exc.errors()
        renames = _typos(model, data, errors)
        meant = {(*loc[:-1], new) for loc, new in renames.items()}
        targets: set[Path] = set()
        for err in errors:
            loc: Path = tuple(err["loc"])
            missing = err["type"] == "missing"
            if missing and loc in meant:
                continue  # the misspelt key's own problem says it
            if not (missing and loc in pruned):  # a key we set aside
                message, hint = _message(model, err)
                problems.append(Problem(path, line_of(data, loc), message, hint))
            if loc in renames:
                continue
            target = _repair_target(err["type"], loc)
            if target is None:
                return None, data, sorted(set(problems))
            targets.add(target)
        pruned = targets
        data = without(_renamed(data, renames), targets)
    return None, data, sorted(set(problems))


def _typos(model: type[BaseModel], data: Any, errors: list[Any]) -> dict[Path, str]:
    """Unknown keys that are a clear misspelling of one allowed key, not written beside them.

    The cut-off is stricter than a hint's: a hint may be wrong, a key read as another must not.
    """
    renames: dict[Path, str] = {}
    for err in errors:
        loc: Path = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or not isinstance(loc[-1], str):
            continue
        mapping = _node(data, loc[:-1])
        if not isinstance(mapping, LMap):
            continue
        taken = set(mapping) | {new for old, new in renames.items() if old[:-1] == loc[:-1]}
        matches = closest(loc[-1], _fields(model, loc), cutoff=0.75)
        if len(matches) == 1 and matches[0] not in taken:
            renames[loc] = matches[0]
    return renames


def _node(data: Any, loc: Path) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _renamed(data: Any, renames: dict[Path, str]) -> Any:
    """A copy of ``data`` with the keys at the paths of ``renames`` renamed, lines kept."""
    if not renames:
        return data

    def walk(node: Any, here: Path) -> Any:
        if isinstance(node, LMap):
            out = LMap(node.line)
            for key, value in node.items():
                new = renames.get((*here, key), key)
                out[new] = walk(value, (*here, key))
                out.key_lines[new] = node.key_lines[key]
            return out
        if isinstance(node, LList):
            seq = LList(node.line)
            seq.extend(walk(value, (*here, index)) for index, value in enumerate(node))
            seq.item_lines.extend(node.item_lines)
            return seq
        return node

    return walk(data, ())


def _repair_target(kind: str, loc: Path) -> Path | None:
    """What to set aside for one error: the key at fault, or the item missing a key."""
    if kind == "missing":
        loc = loc[:-1]
    else:
        while loc and not isinstance(loc[-1], str):
            loc = loc[:-1]
    return loc or None
