"""A document's blocks to the YAML of a campaign file: the whole flow of ``campaign import``
without the files (the CLI reads the document and writes the results)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from campaign_pages.core.dates import Precision, When
from campaign_pages.core.imports import facts
from campaign_pages.core.imports.document import Block
from campaign_pages.core.imports.draft import Context, Draft, Node, build, detect_kind
from campaign_pages.core.imports.emit import emit
from campaign_pages.core.imports.noise import clean, collection_entry, simplified
from campaign_pages.core.imports.outline import Outline, parse
from campaign_pages.core.imports.prose import prose_items
from campaign_pages.core.imports.units import UnitMatcher
from campaign_pages.core.model import Department

_STATED_TITLE = re.compile(r"^\s*本文标题[:：]\s*(?P<title>.+?)\s*$")


class NoYear(ValueError):
    """The document does not say its year, and none was asked for."""


class NothingFound(ValueError):
    """No numbered items: nothing the importer could structure."""


@dataclass
class Imported:
    text: str  # the YAML
    draft: Draft
    kind: str
    year: facts.YearFound
    item_lines: dict[int, Node]  # line of the YAML where each item starts
    new_units: list[tuple[str, str]] = field(default_factory=list)  # (id, name) to add
    unknown_units: list[str] = field(default_factory=list)  # not added (--no-new-departments)


def import_blocks(
    blocks: Sequence[Block],
    source: str,
    departments: Sequence[Department],
    *,
    kind: str | None = None,
    year: int | None = None,
    new_departments: bool = True,
) -> Imported:
    stated = next((m["title"] for b in blocks if (m := _STATED_TITLE.match(b.text))), None)
    converted, traditional = simplified(list(blocks))
    cleaned = collection_entry(clean(converted))
    outline = parse(cleaned)
    first = [t for t, _ in outline.preamble] or [i.text for i in outline.items[:1]]
    title = facts.find_title(first, stated)
    text = "\n".join(b.text for b in cleaned)
    found = facts.find_year(title, text, year, first[:2])
    if found.year is None:
        raise NoYear(facts.year_hint(text) or "")
    if not outline.items:  # no numbers: the sentences that give units their work
        outline.items = prose_items(outline.preamble[1:] if title else outline.preamble)
    if not outline.items and not outline.tables:
        raise NothingFound(title or source)
    key_day, key_name = facts.find_key_day(text, found.year, title)
    kind = kind or detect_kind(title, text)
    head: dict[str, Any] = {"title": _titled(title, found.year), "kind": kind, "year": found.year}
    if key_day:
        head["day"] = key_day
        head["day_name"] = key_name
    said = _stated_period(outline, found.year, key_day, key_name)
    if said:
        head["period"] = {"start": said.start, "end": said.end}
    elif kind == "report":
        head["period"] = {"start": f"{found.year}-01-01", "end": f"{found.year}-12-31"}
    basis = facts.find_basis(text)
    number = facts.find_doc_number(text)
    if number and basis and number in basis:
        number = None
    if basis or number:
        head["basis"] = "".join(p for p in (basis, number and f"（{number}）") if p)
    theme = facts.find_theme(text)
    if theme:
        head["theme"] = theme
    draft = build(outline, kind, head, Context(found.year, key_day, key_name))
    if not draft.nodes:  # sections only, or a table that is not a 分工表: nothing to review
        raise NothingFound(title or source)
    result = Imported("", draft, kind, found, {})
    _resolve_units(draft, UnitMatcher(departments), result, new_departments)
    if traditional:
        draft.notes.append("原文是繁体字，已转为简体")
    if found.how != "命令行 --year" and found.how != "标题":
        draft.notes.append(f"年份 {found.year} 取自{found.how}，请核对")
    if said:
        draft.notes.append(f"period 取自原文的“{said.text}”")
    result.text, result.item_lines = emit(draft, source)
    return result


_PERIOD_SECTION = re.compile(r"^(?:活动|宣传|实施)?(?:时间|日期|时间安排)$")
_SPANS = (Precision.DAY, Precision.RANGE, Precision.MONTH)  # known first and last days


def _stated_period(
    outline: Outline, year: int, key_day: dt.date | None, key_name: str | None
) -> When | None:
    """The plan's period from its 活动时间 section (二、活动时间 6月1日至30日, 6月份), when
    its first and last days are known (not 6月中旬)."""
    for root in outline.items:
        if not _PERIOD_SECTION.match(root.heading) or len(root.body) > 80:
            continue
        when = facts.find_when(root.body, year, key_day, key_name).resolved
        if when and when.start and when.end and when.precision in _SPANS:
            return when
    return None


def _titled(title: str | None, year: int) -> str:
    """A title with its masked year (XX年…) given the plan's year."""
    if not title:
        return f"{year}年（导入的方案）"
    return facts.MASKED.sub(f"{year}年", title, count=1)


def _resolve_units(
    draft: Draft, matcher: UnitMatcher, result: Imported, new_departments: bool
) -> None:
    """Every unit named as the directory names it; new units given ids, or reported."""
    taken = {d.id for d in matcher.departments}
    added: dict[str, str] = {}
    for node in draft.all_nodes():
        for key in ("lead", "support", "responsible"):
            names = node.fields.get(key)
            if not names:
                continue
            resolved = []
            for name in names:
                dept = matcher.match(name)
                if dept is not None:
                    resolved.append(dept.name)
                    continue
                resolved.append(name)
                if name in added or name in result.unknown_units:
                    continue
                if new_departments:
                    added[name] = matcher.new_id(name, taken)
                    taken.add(added[name])
                    hint = matcher.suggest(name)
                    if hint:
                        node.notes.append(f"“{name}”是新单位；{hint}")
                else:
                    result.unknown_units.append(name)
            node.fields[key] = list(dict.fromkeys(resolved))
    result.new_units = [(ident, name) for name, ident in added.items()]
