"""The form editor's configuration (Decap CMS), made from the content contract itself.

Every field of the schemas in :mod:`schema` becomes a form field, in Chinese, with a hint;
a field added to a schema appears in the form the next time ``campaign cms`` runs (and a
test fails while it has no Chinese label). Each kind of campaign is a collection of its own
(filtered on ``kind``), so that a work plan's form never offers an activity plan's keys,
which ``campaign check`` would refuse. Lists of units are chosen from the department
directory. Items nest as far as :data:`DEPTH` (deeper ones are edited in the file).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from campaign_pages.core.load.schema import (
    KIND_KEYS,
    KINDS,
    CampaignSchema,
    DepartmentsFile,
    PostSchema,
    SiteSchema,
)
from campaign_pages.core.model import ActivityStatus, Kind, TaskStatus

DEPTH = 3  # items of items of items: what the seed documents use

# every schema field, in Chinese: (label, hint); a field missing here fails a test
LABELS: dict[str, tuple[str, str]] = {
    "id": (
        "标识（英文）",
        "小写英文字母、数字和连字符，用在网址里，如 press-conference；新建方案时必填，也是文件名",
    ),
    "title": ("标题", ""),
    "kind": ("文件类型", ""),
    "theme": ("活动主题", ""),
    "day": ("关键日期", "如扶贫日 2017-10-17；写了它，时间就可以写“扶贫日前后”"),
    "day_name": ("关键日名称", "如 扶贫日"),
    "year": ("年份", ""),
    "period": ("起止日期", ""),
    "start": ("开始日期", ""),
    "end": ("结束日期", ""),
    "issuer": ("发文单位", "从部门名录里选"),
    "basis": ("依据", "如 按照《……》精神"),
    "summary": ("摘要", "一两句话；不写就用正文第一段"),
    "sections": ("各部分", "指导思想、组织领导、工作要求等"),
    "body": ("正文", "可以用 Markdown"),
    "items": ("下一层", ""),
    "activities": ("活动", ""),
    "when": ("时间", "照方案原文写，如 10月中旬、扶贫日前夕、10月17日上午9:30—11:30"),
    "location": ("地点", ""),
    "lead": ("牵头单位", "从部门名录里选"),
    "support": ("配合单位", "从部门名录里选"),
    "responsible": ("责任单位", "不分牵头配合时写这里；从部门名录里选"),
    "status": ("状态", ""),
    "deadlines": ("报送期限", ""),
    "due": ("时限", "如 3月底前、6月30日前、每季度末、长期坚持"),
    "to": ("报送给", "从部门名录里选"),
    "from": ("报送单位", "从部门名录里选"),
    "as_of": ("状态截至", "状态是哪一天写的"),
    "goals": ("工作目标", ""),
    "tasks": ("工作任务", ""),
    "measures": ("措施", ""),
    "leader": ("责任领导", "写职务或姓名，不是单位"),
    "done_on": ("完成日期", ""),
    "progress": ("进展", ""),
    "date": ("日期", ""),
    "text": ("内容", ""),
    "percent": ("完成百分比", "0—100"),
    "evidence": ("整改成效", ""),
    "inspection": ("巡察信息", ""),
    "by": ("巡察组", "如 市委第五巡察组"),
    "round": ("轮次", ""),
    "feedback": ("反馈日期", ""),
    "areas": ("问题的方面", "方面 → 问题 → 具体问题"),
    "rules": ("建章立制", ""),
    "new": ("新建的制度", "一项一行"),
    "revised": ("修订的制度", "一项一行"),
    "stated": ("原文写的总数", "如三方面17项43个问题；与数据不符时检查会提醒"),
    "problems": ("具体问题数", ""),
    "done": ("已完成数", ""),
    "ongoing": ("正在整改数", ""),
    "long_term": ("长期坚持数", ""),
    "rules_new": ("新建制度数", ""),
    "rules_revised": ("修订制度数", ""),
    "note": ("说明", ""),
    "figures": ("报告数字", ""),
    "label": ("项目", "如 省级党报上稿"),
    "value": ("数字", ""),
    "unit": ("单位", "如 篇、条、次"),
    "count": ("用本站新闻统计", "写了条件，网站就把统计出的篇数放在旁边对照"),
    "source_level": ("媒体级别", ""),
    "source": ("来源媒体", "如 铜川日报"),
    "department": ("单位", "从部门名录里选"),
    "campaign": ("相关方案", "方案的标识"),
    "tag": ("标签", ""),
    "themed_months": ("每月主题", ""),
    "month": ("月份", "1—12"),
    "departments": ("单位", ""),
    "name": ("名称", ""),
    "aliases": ("简称和别名", "一项一行；导入和检查时都认"),
    "group": ("分组", "如 市委部门、市政府部门"),
    "description": ("说明", ""),
    "url": ("网址", ""),
    "phone": ("电话", ""),
    "address": ("地址", ""),
    "organizer": ("主办单位", "网站页脚必须写明"),
    "operator": ("承办单位", ""),
    "site_code": ("网站标识码", "十位，如 6102000001"),
    "icp": ("ICP备案号", "如 陕ICP备12345678号"),
    "police_filing": ("公网安备号", "如 陕公网安备 61020002000001号"),
    "email": ("电子邮箱", ""),
    "today": ("今天", "预览和构建以这一天为今天；不写就用系统日期"),
    "activity": ("相关活动", "活动的标识"),
    "tags": ("标签", ""),
    "cover": ("封面图片", ""),
    "draft": ("草稿", "草稿不会发布"),
    "subtitle": ("副标题", ""),
}
# fields naming units: chosen from the directory
UNIT_FIELDS = {"issuer", "lead", "support", "responsible", "to", "from", "department"}
_MULTILINE = {"body", "summary", "text", "evidence", "measures", "note", "description"}
# what the news form leaves to MkDocs and Material (page options an editor need not see)
_PAGE_OPTIONS = frozenset(
    {"hide", "search", "icon", "template", "comments", "status", "description"}
)
# the words the pages use for each set of values (a deadline's are its own: the pages show
# it counted down, and 已报送 when done)
_NAMED = (ActivityStatus, TaskStatus, Kind)
_DEADLINE = {"pending": "待报送", "done": "已报送"}


def _choice_labels(values: list[Any]) -> dict[Any, str]:
    for named in _NAMED:
        if {m.value for m in named} == set(values):
            return {m.value: m.label for m in named}
    return _DEADLINE if set(values) == set(_DEADLINE) else {}


def _label(name: str) -> tuple[str, str]:
    return LABELS.get(name, (name, ""))


def _plain(annotation: Any) -> tuple[Any, bool]:
    """The type under Optional/Annotated, and whether None is allowed."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional


def _field(name: str, annotation: Any, required: bool, depth: int) -> dict[str, Any] | None:
    label, hint = _label(name)
    base: dict[str, Any] = {"name": name, "label": label, "required": required}
    if hint:
        base["hint"] = hint
    kind, _ = _plain(annotation)
    origin = get_origin(kind)
    if origin is list:
        (item,) = get_args(kind)
        item, _ = _plain(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            if depth <= 0:
                return None
            fields = _fields(item, depth - 1)
            summary = {"summary": "{{fields.title}}"} if "title" in item.model_fields else {}
            return {**base, "widget": "list", "fields": fields, "collapsed": True, **summary}
        if name in UNIT_FIELDS:
            return {**base, **_units(multiple=True)}
        if get_origin(item) is Literal:
            return {**base, "widget": "select", "multiple": True, "options": list(get_args(item))}
        if name in _MULTILINE:
            return {
                **base,
                "widget": "list",
                "field": {"name": "item", "label": label, "widget": "text"},
            }
        return {**base, "widget": "list"}
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {**base, "widget": "object", "fields": _fields(kind, depth), "collapsed": True}
    if origin is Literal:
        values = list(get_args(kind))
        names = _choice_labels(values)
        options = [{"label": names.get(v, str(v)), "value": v} for v in values]
        return {**base, "widget": "select", "options": options}
    if name == "date" and kind is str:  # a post's date and time
        return {**base, "widget": "datetime", "format": "YYYY-MM-DD HH:mm", "picker_utc": True}
    if kind is dt.date:
        return {
            **base,
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "picker_utc": True,
        }
    if kind is bool:
        return {**base, "widget": "boolean", "default": False}
    if kind in (int, float):
        return {**base, "widget": "number", "value_type": "int" if kind is int else "float"}
    if kind is Any:
        return None
    return {**base, "widget": "text" if name in _MULTILINE else "string"}


def _units(multiple: bool) -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": "departments",
        "file": "directory",
        "search_fields": ["departments.*.name"],
        "value_field": "departments.*.name",
        "display_fields": ["departments.*.name"],
        "multiple": multiple,
        "options_length": 200,
    }


def _fields(
    model: type[BaseModel],
    depth: int,
    only: set[str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    fields = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in skip or (only is not None and key not in only):
            continue
        field = _field(key, info.annotation, info.is_required(), depth)
        if field is not None:
            fields.append(field)
    return fields


def _campaign_fields(kind: str) -> list[dict[str, Any]]:
    """The fields of one kind: the shared ones and its own (KIND_KEYS)."""
    own = {key for key, kinds in KIND_KEYS.items() if kind in kinds}
    shared = {f for f in CampaignSchema.model_fields if f not in KIND_KEYS}
    fields = _fields(CampaignSchema, DEPTH, own | shared)
    for field in fields:
        if field["name"] == "kind":  # fixed by the collection
            field.update(widget="hidden", default=kind)
            field.pop("options", None)
    return fields


COLLECTIONS = {kind.value: kind.label for kind in Kind}


def cms_config(backend: dict[str, Any], local_port: int = 8081) -> dict[str, Any]:
    """The Decap CMS configuration of a site with the package's layout (data/, docs/news/)."""
    assert set(COLLECTIONS) == set(KINDS)
    collections: list[dict[str, Any]] = [
        {
            "name": f"campaigns-{kind}",
            "label": label,
            "label_singular": label,
            "folder": "data/campaigns",
            "extension": "yml",
            "format": "yaml",
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "title",
            "filter": {"field": "kind", "value": kind},
            "summary": "{{title}}",
            "fields": _campaign_fields(kind),
        }
        for kind, label in COLLECTIONS.items()
    ]
    collections.append(
        {
            "name": "news",
            "label": "新闻",
            "label_singular": "新闻",
            "folder": "docs/news",
            "path": "{{year}}/{{slug}}",
            "slug": "{{year}}{{month}}{{day}}-{{hour}}{{minute}}",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "fields": [
                *_fields(PostSchema, 1, skip=_PAGE_OPTIONS),
                {"name": "body", "label": "正文", "widget": "markdown"},
            ],
        }
    )
    collections.append(
        {
            "name": "departments",
            "label": "部门名录",
            "files": [
                {
                    "name": "directory",
                    "label": "部门名录",
                    "file": "data/departments.yml",
                    "fields": _fields(DepartmentsFile, 1),
                }
            ],
        }
    )
    collections.append(
        {
            "name": "site",
            "label": "站点信息",
            "files": [
                {
                    "name": "site",
                    "label": "站点信息（页脚）",
                    "file": "data/site.yml",
                    "fields": _fields(SiteSchema, 1),
                }
            ],
        }
    )
    return {
        "locale": "zh_Hans",
        "backend": backend,
        "local_backend": {"url": f"http://localhost:{local_port}/api/v1"},
        "publish_mode": "simple",
        "media_folder": "docs/images",
        "public_folder": "/images",
        "collections": collections,
    }


ADMIN_HTML = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>表单编辑器</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<main id="cp-cms-missing" hidden>
<h1>表单编辑器还没有安装</h1>
<p>表单编辑器的程序（Decap CMS）要先安装：在站点目录里运行 <code>npm install</code>，
再重新预览或构建网站。见《编辑指南》的“表单编辑器”一页。</p>
</main>
<script src="decap-cms.js"
  onerror="document.getElementById('cp-cms-missing').hidden = false"></script>
</body>
</html>
"""


def decap_files(dist: Path) -> list[Path]:
    """The files of Decap CMS's build (``node_modules/decap-cms/dist``) the admin page
    loads: its bundle and the chunks the bundle fetches, not the source maps."""
    if not dist.is_dir():
        return []
    return sorted(p for p in dist.iterdir() if p.name.endswith("decap-cms.js"))
