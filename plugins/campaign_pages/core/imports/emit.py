"""A draft as the YAML an editor reviews: the contract's keys in its order, each item with
a comment naming the paragraph or line it came from, and what to check."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from campaign_pages.core.imports.draft import Draft, Node

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
_AMBIGUOUS = re.compile(
    r"^(?:[-+]?\d[\d._:eE+-]*|true|false|yes|no|on|off|null|~|y|n)$|: |\s$|^\s", re.I
)


def scalar(value: Any, *, flow: bool = False) -> str:
    """A YAML scalar: plain when YAML reads it back as the same string, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = _PLAIN.match(text) and not _AMBIGUOUS.search(text) and "\n" not in text
    if plain and flow and re.search(r"[,\[\]{}]", text):
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


_PROSE = ("body", "goals", "evidence", "summary")


def _value(key: str, value: Any, indent: str) -> list[str]:
    if (
        isinstance(value, list)
        and all(isinstance(v, str) for v in value)
        and key
        in (
            "lead",
            "support",
            "responsible",
            "issuer",
            "new",
            "revised",
        )
    ):
        return [f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]"]
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for entry in value:
            if isinstance(entry, dict):
                pairs = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in entry.items())
                lines.append(f"{indent}  - {{{pairs}}}")
            else:
                lines.append(f"{indent}  - {scalar(entry)}")
        return lines
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for k, v in value.items():
            lines += _value(k, v, indent + "  ")
        return lines
    if isinstance(value, str) and key in _PROSE and ("\n" in value or len(value) > 60):
        return [f"{indent}{key}: |", *(f"{indent}  {line}" for line in _wrap(value))]
    return [
        f"{indent}{key}: {scalar(' '.join(value.split()) if isinstance(value, str) else value)}"
    ]


def _wrap(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()] or [""]


def _node(node: Node, indent: str, key_lines: dict[int, Node], lines: list[str]) -> None:
    first = True
    for key, value in node.fields.items():
        written = _value(key, value, indent + "    ")
        if first:
            head = f"{indent}  - " + written[0].lstrip()
            excerpt = re.sub(r"\s+", " ", node.excerpt)[:30]
            head += f"  # {node.where}：{excerpt}"
            key_lines[len(lines) + 1] = node
            lines.append(head)
            lines += written[1:]
            first = False
        else:
            lines += written
    for note in node.notes:
        lines.append(f"{indent}    # 待核对：{note}")
    if node.items:
        lines.append(f"{indent}    items:")
        for child in node.items:
            _node(child, indent + "    ", key_lines, lines)


def emit(draft: Draft, source: str) -> tuple[str, dict[int, Node]]:
    """The YAML text, and which line each item starts on (for the importer's report)."""
    lines = [
        f"# 由 campaign import 从 {source} 导入。请对照原文逐项核对后再发布：",
        "# 每项后面的注释写明它来自原文的哪一段；“待核对”是导入时拿不准的地方。",
    ]
    key_lines: dict[int, Node] = {}
    for key, value in draft.head.items():
        if value is not None and value != "" and value != []:
            lines += _value(key, value, "")
    for note in draft.notes:
        lines.append(f"# 待核对：{note}")
    if draft.sections:
        lines += ["", "sections:"]
        for section in draft.sections:
            _node(section, "", key_lines, lines)
    lines += ["", f"{draft.key}:"]
    if not draft.nodes:
        lines[-1] += " []"
    for node in draft.nodes:
        _node(node, "", key_lines, lines)
    for key, value in draft.tail.items():
        if isinstance(value, list) and value and isinstance(value[0], Node):
            lines += ["", f"{key}:"]
            for node in value:
                _node(node, "", key_lines, lines)
        else:
            lines += ["", *_value(key, value, "")]
    return "\n".join(lines) + "\n", key_lines
