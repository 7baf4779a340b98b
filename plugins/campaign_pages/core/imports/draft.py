"""From a document's outline to a draft of its campaign file, for each kind of document.

A draft is the YAML to be written, item by item, each with where in the document it came
from and what the importer was unsure of, so that the editor reviews instead of retyping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from campaign_pages.core.dates import WhenError, parse_when
from campaign_pages.core.due import parse_due
from campaign_pages.core.imports import facts
from campaign_pages.core.imports.document import Block
from campaign_pages.core.imports.outline import (
    SECTION_WORDS,
    Item,
    Outline,
    cn_value,
    split_heading,
)
from campaign_pages.core.imports.units import Units, find_units

KINDS = ("activity-plan", "work-plan", "rectification", "report")


@dataclass
class Node:
    """One item of the draft: its fields in the order they are written, and its items."""

    fields: dict[str, Any]
    where: str
    excerpt: str  # the opening of its source text, for the comment and the report
    items: list[Node] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the importer was unsure of


@dataclass
class Draft:
    head: dict[str, Any]  # title, kind, year, day, … in the order they are written
    sections: list[Node]
    key: str  # activities | tasks | areas | figures
    nodes: list[Node]
    tail: dict[str, Any] = field(default_factory=dict)  # stated, rules, themed_months …
    notes: list[str] = field(default_factory=list)  # about the whole document

    def all_nodes(self) -> list[Node]:
        out: list[Node] = []

        def walk(nodes: list[Node]) -> None:
            for node in nodes:
                out.append(node)
                walk(node.items)

        walk(self.nodes)
        return out


_ACTIVITY_SECTIONS = re.compile(
    r"活动内容|活动安排|主要活动|具体活动|重点活动|宣传内容|活动项目|活动形式|宣传活动|"
    r"职责分工|工作分工|任务分工|责任分工|活动措施|宣传形式|活动方式"
)
_TASK_SECTIONS = re.compile(r"工作任务|主要任务|重点任务|目标任务|工作内容|工作重点|任务分解")
_MEASURE_SECTIONS = re.compile(r"保障措施|工作措施|主要措施|组织保障|工作要求|有关要求")
_GOAL_SECTIONS = re.compile(r"工作目标|总体目标|目标要求")
_AREA_SECTIONS = re.compile(
    r"整改落实情况|整改情况|问题整改|具体整改|反馈问题|问题及整改|整改措施|存在问题"
)
_ENUMERATION = re.compile(r"(?:^|(?<=[。；：\n]))\s*(?=[一二三四五六七八九十]{1,2}是)")
_NUMBERED = re.compile(r"(?:^|(?<=[。；：\n]))\s*\d{1,2}[、.．]\s*")
_STATUS_WORDS = [
    (re.compile(r"长期坚持|持续推进|常态化"), "long-term"),
    (
        re.compile(r"正在整改|整改中|持续整改|正在推进|推进中|正在落实|未整改到位|尚未整改"),
        "ongoing",
    ),
    (re.compile(r"已完成|已整改|已落实|已办结|整改完成|已全部完成"), "done"),
]
_DUE = re.compile(r"(?:整改|完成)时限[：:]\s*(?P<due>[^。；\n）)]{2,30})")
_STATED_TOTALS = re.compile(
    r"(?P<areas>[一二三四五六七八九十\d]{1,3})(?:个)?方面(?P<items>\d{1,3})项(?P<problems>\d{1,4})个问题"
)
_STATED_DONE = re.compile(r"已(?:完成|整改)(?:整改)?(?P<done>\d{1,4})个")
_RULES = re.compile(
    r"(?P<verb>制定|出台|建立|修订完善|修订|完善)[^。]{2,400}?等(?P<n>\d{1,3})项(?:制度|机制)"
)
_FIGURE = re.compile(
    r"(?P<label>[\u4e00-\u9fff《》“”]{2,24}?)(?:共|累计|达)?(?P<value>\d+(?:\.\d+)?)(?P<more>余|多)?"
    r"(?P<unit>万元|万份|人次|篇|条|幅|份|次|场|期|个|件|部|人|期次|万人次)"
)
_MONTH = re.compile(
    r"(?P<m>[一二三四五六七八九十]{1,3}|\d{1,2})月份?(?:是|为)[“\"](?P<title>[^”\"]{2,30})[”\"]"
)


def detect_kind(title: str | None, text: str) -> str:
    """What kind of document it is, from its title (and, when the title says little, its text)."""
    head = title or text[:80]
    if re.search(r"整改|巡察|巡视|审计.*问题", head):
        return "rectification"
    if re.search(r"总结|汇报|工作报告|情况报告|年度报告", head):
        return "report"
    if re.search(r"活动|宣传周|宣传月|宣传日|扶贫日|教育日|纪念日", head):  # 扶贫日活动任务分解
        return "activity-plan"
    if re.search(r"工作方案|工作要点|任务分解|工作计划|实施方案", head):
        return "work-plan"
    return "activity-plan"


@dataclass(frozen=True)
class Context:
    year: int | None
    key_day: Any
    key_name: str | None


def build(outline: Outline, kind: str, head: dict[str, Any], context: Context) -> Draft:
    """The draft of ``kind`` from the outline; ``head`` holds the facts found already."""
    builder = {
        "activity-plan": _activity_plan,
        "work-plan": _work_plan,
        "rectification": _rectification,
        "report": _report,
    }[kind]
    return builder(outline, head, context)


def _section(item: Item) -> Node:
    fields: dict[str, Any] = {"title": _plain_title(item.heading)}
    if item.body:
        fields["body"] = item.body
    node = Node(fields, item.where, item.text[:40])
    for child in item.items:
        sub = {"title": _plain_title(child.heading)}
        if child.body:
            sub["body"] = " ".join([child.body, *(c.text for c in child.items)]).strip()
        node.items.append(Node(sub, child.where, child.text[:40]))
    return node


def _plain_title(text: str) -> str:
    text = text.strip().strip("：:，,。 ")
    if text.startswith(("“", "”", '"')) and not re.search(r"[”\"]", text[1:]):
        text = text[1:]  # a quote whose other half the scrape lost
    return text.rstrip('”"') if text.count("“") < text.count("”") else text or "（无标题）"


# a heading that starts with one of these is an item (开展系列宣传活动), not a section's name
_ACTION = re.compile(r"^(?:开展|举办|组织|召开|举行|进行|加强|做好|抓好|深化|推进|实施)")
# what makes a heading with 宣传活动 in it another section (宣传活动所需经费)
_OTHER_SECTION = re.compile(r"经费|保障|要求|领导|机构|目的|意义|主题|对象|步骤|总结")


def names_section(pattern: re.Pattern[str], heading: str) -> bool:
    """Whether a heading is a section's name the pattern knows (活动内容, 主要活动安排), not an
    item that happens to contain the words (开展系列宣传活动) or another section that does
    (宣传活动所需经费)."""
    match = pattern.search(heading)
    if match is None or len(heading) > len(match[0]) + 5 or _ACTION.match(heading):
        return False
    return not _OTHER_SECTION.search(heading.replace(match[0], ""))


def _main_and_rest(outline: Outline, pattern: re.Pattern[str]) -> tuple[list[Item], list[Item]]:
    """The items of the section the pattern names (its children), and the other sections."""
    for root in outline.items:
        if names_section(pattern, root.heading) and root.items:
            return root.items, [r for r in outline.items if r is not root]
    return [], list(outline.items)


def _with_units(node: Node, units: Units) -> None:
    for key, names in (
        ("lead", units.lead),
        ("support", units.support),
        ("responsible", units.responsible),
    ):
        if names:
            node.fields[key] = list(names)
    if units.leaders:
        node.fields["leader"] = "、".join(units.leaders)


def _set_due(node: Node, words: str, context: Context, said: str = "") -> None:
    """``due:`` in the document's words when they resolve; else a note that quotes them
    (or ``said``, the phrase they stand in: 预计X月XX日整改到位)."""
    words = facts.joined(words.strip())
    try:
        parse_due(words, year=context.year, key_day=context.key_day, key_name=context.key_name)
    except WhenError:
        node.notes.append(f"原文的时限“{said or words}”无法解析，没有写 due:，请改成具体日期")
        return
    node.fields["due"] = words


def _set_when(node: Node, words: str, context: Context) -> None:
    """``when:`` from a table cell, as :func:`_set_due` does for ``due:``."""
    try:
        parse_when(words, year=context.year, key_day=context.key_day, key_name=context.key_name)
    except WhenError:
        node.notes.append(f"原文的时间“{words}”无法解析，写成了“日期待定”：请改成具体日期")
        words = "日期待定"
    node.fields["when"] = words


def _activity(item: Item, context: Context) -> Node:
    units = find_units(item.text)
    heading = item.heading
    dated = facts.LEADING_DATE.match(item.text) if item.marker else None
    if dated:  # "3月5日，组委会召开…": the date goes to when:, the title is what follows
        heading = split_heading(item.text[dated.end() :])[0]
    title = _plain_title(find_units(heading).rest if units.found else heading)
    node = Node({"title": title}, item.where, item.text[:40])
    text = units.rest if units.found else item.text
    # an item that names its event as 此次活动 has the time of the sentence that named it
    sources = (item.context, text) if item.context else (text,)
    found = [facts.find_when(s, context.year, context.key_day, context.key_name) for s in sources]
    when = next((f for f in found if f.words), None) or next(
        (f for f in found if f.unreadable), found[0]
    )
    node.fields["when"] = when.words or "日期待定"
    if when.unreadable:
        node.notes.append(
            f"原文的时间“{when.unreadable}”无法解析，写成了“日期待定”：请改成具体日期"
            + ("" if context.key_name else "，或在方案开头写 day: 和 day_name:")
        )
    elif not when.words:
        node.notes.append("没有找到时间，写成了“日期待定”")
    place = (item.context and facts.find_place(item.context)) or facts.find_place(text)
    if place:
        node.fields["location"] = place
    _with_units(node, units)
    if not units.found:
        node.notes.append("没有找到牵头、配合或责任单位")
    body = _body(item, units)
    if body:
        node.fields["body"] = body
    for child in item.items:
        child_units = find_units(child.text)
        child_when = facts.find_when(child.text, context.year, context.key_day, context.key_name)
        if child_units.found or child_when.words or child_when.unreadable:
            node.items.append(_activity(child, context))
    return node


def _body(item: Item, units: Units) -> str:
    """The item's text after its heading, without the department phrase."""
    body = find_units(item.body).rest if units.found else item.body
    return re.sub(r"[（(]\s*[）)]", "", body).strip(" ，。") + ("。" if body.strip() else "")


# 分工表 columns → the fields they fill
_COLUMNS = [
    (re.compile(r"^(序号|编号)$"), None),
    (re.compile(r"牵头领导|责任领导|分管领导|责任人"), "leader"),
    (re.compile(r"牵头单位|牵头部门|主办单位|牵头"), "lead"),
    (re.compile(r"配合单位|配合部门|协办单位|承办单位|配合"), "support"),
    (re.compile(r"责任单位|责任部门|实施单位|落实单位"), "responsible"),
    (re.compile(r"完成时限|完成时间|整改时限|时限"), "due"),
    (re.compile(r"时间|日期"), "when"),
    (re.compile(r"地点|场所"), "location"),
    (re.compile(r"活动名称|活动内容|活动项目|工作任务|任务|事项|内容|名称|项目|问题"), "title"),
]
_CELL_UNITS = re.compile(r"\s*\n\s*")  # a cell's lines are a list
# a cell's own number (一、 （一） 1. ①): the pages number items themselves
_NUMBER_FIRST = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])\s*"
)
_CELL_LABELS = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}


def table_nodes(rows: list[Block], kind: str, context: Context) -> list[Node]:
    """The rows of a 分工表 (活动名称 · 时间 · 地点 · 牵头单位 · 配合单位 …) as items; tables
    without a title column and a unit or time column are not one. A row that is one cell
    merged across the table (一、思想引领) heads the rows after it: a work plan's task with
    them as its items; in an activity plan, whose activities do not nest so, a note."""
    nodes: list[Node] = []
    group: Node | None = None
    for row in rows:
        columns = [_column(h) for h in row.header]
        if "title" not in columns or not {"lead", "support", "responsible", "when", "due"} & set(
            columns
        ):
            continue
        if row.cells == row.header:
            continue  # the header row itself
        heading = {c.strip() for c in row.cells if c.strip()}
        if len(heading) == 1 and len(row.cells) > 2 and sum(bool(c.strip()) for c in row.cells) > 1:
            title = _NUMBER_FIRST.sub("", heading.pop())
            group = Node({"title": _plain_title(title)}, row.where, row.text[:40])
            if kind != "activity-plan":
                nodes.append(group)
            continue
        fields: dict[str, Any] = {}
        times: dict[str, str] = {}
        seen: set[str] = set()  # a merged cell repeats: the first column of a kind counts
        for column, cell in zip(columns, row.cells, strict=False):
            cell = cell.strip()
            if not column or not cell or column in seen:
                continue
            seen.add(column)
            if column in ("lead", "support", "responsible"):
                # read as the label it stands for, so that 市委宣传部（牵头）、市文明办 in a
                # 责任单位 column keeps its roles and names split as in the text
                units = find_units(f"{_CELL_LABELS[column]}：{_CELL_UNITS.sub('、', cell)}")
                for key in ("lead", "support", "responsible"):
                    named = getattr(units, key)
                    if named:
                        fields.setdefault(key, []).extend(
                            n for n in named if n not in fields.get(key, [])
                        )
            elif column in ("when", "due"):
                times[column if kind == "activity-plan" else "due"] = cell
            else:
                fields[column] = cell
        if fields.get("title"):
            title = _NUMBER_FIRST.sub("", fields.pop("title")) or "（无标题）"
            node = Node({"title": title}, row.where, row.text[:40])
            if "when" in times:
                _set_when(node, times["when"], context)
            node.fields.update(fields)
            if "due" in times:
                _set_due(node, times["due"], context)
            if group is not None and kind != "activity-plan":
                group.items.append(node)
                continue
            if group is not None:
                node.notes.append(f"原表在这一行前分组“{group.fields['title']}”，活动方案不分组")
                group = None
            nodes.append(node)
    return nodes


def _column(header: str) -> str | None:
    for pattern, field_name in _COLUMNS:
        if pattern.search(header.strip()):
            return field_name
    return None


def _is_section(item: Item) -> bool:
    return item.heading in SECTION_WORDS or any(
        names_section(pattern, item.heading)
        for pattern in (_ACTIVITY_SECTIONS, _MEASURE_SECTIONS, _GOAL_SECTIONS)
    )


def _activity_plan(outline: Outline, head: dict[str, Any], context: Context) -> Draft:
    main, rest = _main_and_rest(outline, _ACTIVITY_SECTIONS)
    if not main:  # no 活动内容 section: the numbered items that are not sections
        plain = [r for r in outline.items if not _is_section(r)]
        if len(plain) >= max(2, len(outline.items) // 2):
            main = plain
        else:
            main = [
                i
                for root in outline.items
                for i in (root.items or [root])
                if find_units(i.text).found
            ]
        chosen = {id(i) for i in main}
        rest = [r for r in outline.items if not any(id(i) in chosen for i in r.walk())]
    nodes = [_activity(item, context) for item in main]
    if outline.tables:  # a 分工表 says more than the prose around it
        from_table = table_nodes(outline.tables, "activity-plan", context)
        if from_table:
            nodes = from_table if len(from_table) >= len(nodes) else nodes + from_table
    return Draft(head, [_section(r) for r in rest], "activities", nodes)


def _task(item: Item, context: Context) -> Node:
    units = find_units(item.text)
    title, lead_in = item.heading, ""
    if len(title) > 30 and "，" in title[4:30]:  # "认真抓好部领导班子建设，在思想上…": its clause
        title, lead_in = title.split("，", 1)
    node = Node({"title": _plain_title(title)}, item.where, item.text[:40])
    _with_units(node, units)
    due = _DUE.search(item.text)
    deadlines = facts.find_deadlines(item.text)
    if due:
        _set_due(node, due["due"], context)
    elif len(deadlines) == 1 and not item.items:
        _set_due(node, deadlines[0], context)
    elif len(deadlines) > 1 and not item.items:
        node.notes.append(f"原文有几个时限（{'、'.join(deadlines)}），没有写 due:，请选定或拆分")
    body = _body(item, units)
    if lead_in:
        body = f"{lead_in}。{body}" if body else f"{lead_in}。"
    if body and not item.items:
        node.fields["body"] = body
    node.items = [_task(child, context) for child in item.items]
    return node


def _work_plan(outline: Outline, head: dict[str, Any], context: Context) -> Draft:
    main, rest = _main_and_rest(outline, _TASK_SECTIONS)
    if not main:
        main, rest = list(outline.items), []
    tasks = [_task(item, context) for item in main]
    tasks += table_nodes(outline.tables, "work-plan", context)
    draft = Draft(head, [], "tasks", tasks)
    for root in rest:
        if _GOAL_SECTIONS.search(root.heading):
            draft.head["goals"] = (root.body or " ".join(c.text for c in root.items)).strip()
        elif _MEASURE_SECTIONS.search(root.heading):
            draft.tail.setdefault("measures", []).append(_section(root))
        else:
            draft.sections.append(_section(root))
    return draft


def measures_of(text: str) -> list[str]:
    """一是…；二是… or 1、…；2、…: each a measure; a paragraph without them is one."""
    pattern = _NUMBERED if _NUMBERED.match(text) else _ENUMERATION
    parts = [p.strip(" ；。\n") for p in pattern.split(text) if p.strip(" ；。\n")]
    return parts or ([text.strip()] if text.strip() else [])


def _problem(item: Item, context: Context) -> Node:
    units = find_units(item.text)
    node = Node({"title": _plain_title(item.heading)}, item.where, item.text[:40])
    _with_units(node, units)
    due = _DUE.search(item.text)
    if due:
        _set_due(node, due["due"], context)
    if not item.items:
        text = units.rest if units.found else item.body
        text = re.sub(r"^(?:整改情况|整改措施)[：:]", "", text.strip())
        measures = measures_of(text)
        if measures:
            node.fields["measures"] = measures
        for pattern, status in _STATUS_WORDS:
            if pattern.search(item.text):
                node.fields["status"] = status
                node.notes.append(f"状态按原文的说法定为 {status}，请核对")
                break
    node.items = [_problem(child, context) for child in item.items]
    return node


_PROBLEM_LABEL = re.compile(r"(?:问题描述|存在问题|反馈问题|问题表现|具体问题)[：:]")
_FIELD = re.compile(r"(?P<label>整改情况|整改措施|整改时限|完成时限|整改目标|整改结果)[：:]")
_EXPECTED_DUE = re.compile(r"预计(?P<due>[^。；\n，]{2,20}?)(?:整改到位|完成整改|完成|到位)")


def _labelled_problems(item: Item, context: Context) -> list[Node]:
    """问题描述：… 整改情况：… 整改措施：1、…: a problem per 问题描述, its measures the text
    after 整改措施 (the outline took their numbers 1、2、 for items: they are put back)."""
    text = "\n".join(
        [item.text, *(f"{i.marker}{i.text}" for child in item.items for i in child.walk())]
    )
    starts = list(_PROBLEM_LABEL.finditer(text))
    nodes = []
    for k, start in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        segment = text[start.end() : end]
        cuts = list(_FIELD.finditer(segment))
        problem = segment[: cuts[0].start()] if cuts else segment
        fields = {
            m["label"]: segment[m.end() : cuts[i + 1].start() if i + 1 < len(cuts) else None]
            for i, m in enumerate(cuts)
        }
        title, _ = split_heading(problem)
        node = Node({"title": _plain_title(title)}, item.where, problem.strip()[:40])
        _with_units(node, find_units(segment))
        said = " ".join(fields.get(label, "") for label in ("整改情况", "整改结果"))
        labelled, expected = _DUE.search(segment), _EXPECTED_DUE.search(said)
        if labelled:
            _set_due(node, labelled["due"], context)
        elif expected:
            _set_due(node, expected["due"], context, said=expected[0])
        measures = measures_of(fields.get("整改措施", "").strip())
        if measures:
            node.fields["measures"] = measures
        for pattern, status in _STATUS_WORDS:
            if pattern.search(said):
                node.fields["status"] = status
                node.notes.append(f"状态按原文的说法定为 {status}，请核对")
                break
        nodes.append(node)
    return nodes


def _rectification(outline: Outline, head: dict[str, Any], context: Context) -> Draft:
    labelled = [r for r in outline.items if _PROBLEM_LABEL.search(r.text)]
    main, rest = _main_and_rest(outline, _AREA_SECTIONS)
    section = next((r for r in outline.items if main and r.items is main), None)
    if labelled:  # 问题描述：… 整改措施：…: the problems are written as fields, not numbered
        main, rest = [], [r for r in outline.items if r not in labelled]
    elif not main:  # the section that holds problems under areas, whatever it is called
        deep = [r for r in outline.items if any(child.items for child in r.items)]
        if len(deep) == 1:
            main, rest = deep[0].items, [r for r in outline.items if r is not deep[0]]
        else:
            main, rest = list(outline.items), []
    areas = []
    for root in labelled:
        area = Node({"title": _plain_title(root.heading)}, root.where, root.text[:40])
        area.items = _labelled_problems(root, context)
        areas.append(area)
    if main and not any(item.items for item in main):  # problems listed without areas
        title = _plain_title(section.heading) if section else "整改问题"
        area = Node({"title": title}, main[0].where, main[0].text[:40])
        area.items = [_problem(item, context) for item in main]
        if section is None:
            area.notes.append("原文没有分方面，问题都放在了“整改问题”之下，请改成原文的说法")
        areas.append(area)
    else:
        for item in main:
            node = Node({"title": _plain_title(item.heading)}, item.where, item.text[:40])
            _with_units(node, find_units(item.text))  # 问题整改责任单位：… under a group
            due = _DUE.search(item.text)
            if due:
                _set_due(node, due["due"], context)
            node.items = [_problem(child, context) for child in item.items]
            areas.append(node)
    draft = Draft(head, [_section(r) for r in rest], "areas", areas)
    text = "\n".join(
        [*(t for t, _ in outline.preamble), *(i.text for r in outline.items for i in r.walk())]
    )
    stated: dict[str, int] = {}
    totals = _STATED_TOTALS.search(text)
    if totals:
        stated["areas"] = cn_value(totals["areas"])
        stated["items"] = int(totals["items"])
        stated["problems"] = int(totals["problems"])
    done = _STATED_DONE.search(text)
    if done:
        stated["done"] = int(done["done"])
    for match in _RULES.finditer(text):
        key = "rules_revised" if "修订" in match["verb"] else "rules_new"
        stated.setdefault(key, int(match["n"]))
    if stated:
        draft.tail["stated"] = stated
    return draft


def _report(outline: Outline, head: dict[str, Any], context: Context) -> Draft:
    text_items = [(i.text, i.where) for r in outline.items for i in r.walk()]
    figures: list[Node] = []
    seen: set[tuple[str, str]] = set()
    for text, where in [*outline.preamble, *text_items]:
        for match in _FIGURE.finditer(text):
            label = re.sub(r"^(?:其中|全年|今年|共|在|向|并)", "", match["label"]).strip("，、“”")
            if len(label) < 2 or (label, match["value"]) in seen:
                continue
            seen.add((label, match["value"]))
            value: Any = float(match["value"]) if "." in match["value"] else int(match["value"])
            fields: dict[str, Any] = {"label": label, "value": value, "unit": match["unit"]}
            if match["more"]:
                fields["note"] = f"原文：{match[0]}"
            figures.append(Node(fields, where, match[0]))
    months: list[dict[str, Any]] = []
    for text, _ in [*outline.preamble, *text_items]:
        for match in _MONTH.finditer(text):
            month = int(match["m"]) if match["m"].isdigit() else cn_value(match["m"])
            if 1 <= month <= 12 and month not in {m["month"] for m in months}:
                months.append({"month": month, "title": match["title"]})
    draft = Draft(head, [_section(r) for r in outline.items], "figures", figures)
    if months:
        draft.tail["themed_months"] = months
    return draft
