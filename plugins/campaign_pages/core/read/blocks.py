"""Generated blocks inside editors' Markdown pages.

An editor writes, on a line of its own::

    <!-- campaign:schedule tongchuan-fupinri-2017 -->

and the line is replaced by that campaign's schedule. ``news`` and ``stats`` blocks take
``all`` for the whole site instead of a campaign id. The marker is an HTML comment, so a
page shows nothing odd where the plugin is not run, and nothing in it is ever executed.
Markers inside fenced code blocks are left alone (that is how the guide shows them).
A marker naming a campaign whose file has errors (``Site.broken``) is left alone too,
unreported: the error is in that file, and the page is checked again once it is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from campaign_pages.core.model import Kind
from campaign_pages.core.problems import Problem, did_you_mean
from campaign_pages.core.render.markup import lines_outside_fences

KINDS = (
    "schedule",
    "responsibilities",
    "deadlines",
    "news",
    "stats",
    "tasks",
    "overdue",
    "ledger",
    "ledger-summary",
    "figures",
    "months",
)
SITE_WIDE = ("news", "stats")  # these also take ``all`` instead of a campaign id
# blocks that show a part only some kinds of document have (the others: any campaign)
FOR_KINDS = {
    "schedule": ("activity-plan",),
    "responsibilities": ("activity-plan", "work-plan"),
    "tasks": ("work-plan",),
    "overdue": ("work-plan", "rectification"),
    "ledger": ("rectification",),
    "ledger-summary": ("rectification",),
    "figures": ("report",),
    "months": ("report",),
}

# linear on any line: no lazy group before "-->" (a long marker without an end would make
# the regex try every split of it)
_MARKER = re.compile(r"^ {0,3}<!--\s*campaign:(?P<kind>[^\s>]*)(?P<args>[^>]*)-->\s*$")
_LOOSE = re.compile(r"^ {0,3}<!--\s*campaign\b")
_ANY_MARKER = re.compile(_LOOSE.pattern, re.M)


@dataclass(frozen=True)
class Block:
    line: int  # 1-based
    kind: str
    campaign_id: str


def find_blocks(
    markdown: str, path: str, campaign_ids: Mapping[str, str], broken: Collection[str] = ()
) -> tuple[list[Block], list[Problem]]:
    """Every block marker outside fenced code; malformed ones, unknown campaigns and blocks
    of a part the campaign's kind has not (``campaign_ids``: id → kind) reported.

    Lines are counted as Markdown counts them, by ``\\n`` only: editors do not break lines
    at U+2028 and the like, which :meth:`str.splitlines` does.
    """
    blocks: list[Block] = []
    problems: list[Problem] = []
    if "campaign" not in markdown or not _ANY_MARKER.search(markdown):  # most pages
        return blocks, problems
    for number, line in lines_outside_fences(markdown):
        match = _MARKER.match(line)
        if match is None:
            if _LOOSE.match(line):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"无法识别的区块标记“{line.strip()}”",
                        "写作 <!-- campaign:schedule 方案id -->，单独占一行。",
                    )
                )
            continue
        kind = match["kind"]
        args = match["args"].split()
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or "可用：" + "、".join(KINDS) + "。"
            problems.append(Problem(path, number, f"未知的区块类型“{kind}”", hint))
        elif len(args) != 1:
            problems.append(
                Problem(
                    path,
                    number,
                    f"区块“{kind}”需要且只需要一个方案 id",
                    f"写作 <!-- campaign:{kind} 方案id -->。",
                )
            )
        elif args[0] in broken and args[0] not in campaign_ids:
            continue
        elif args[0] not in campaign_ids and not (kind in SITE_WIDE and args[0] == "all"):
            hint = did_you_mean(args[0], [*campaign_ids, *broken]) or (
                "方案 id 是 data/campaigns/ 下的文件名（不含 .yml）。"
            )
            problems.append(Problem(path, number, f"未知的方案“{args[0]}”", hint))
        elif args[0] in campaign_ids and campaign_ids[args[0]] not in FOR_KINDS.get(kind, KIND_ANY):
            kinds = FOR_KINDS[kind]
            problems.append(
                Problem(
                    path,
                    number,
                    f"区块“{kind}”只用于"
                    + "、".join(Kind(k).label for k in kinds)
                    + f"，“{args[0]}”是{Kind(campaign_ids[args[0]]).label}",
                    "可用于它的区块：" + "、".join(_blocks_for(campaign_ids[args[0]])) + "。",
                )
            )
        else:
            blocks.append(Block(number, kind, args[0]))
    return blocks, problems


KIND_ANY = tuple(k.value for k in Kind)


def _blocks_for(kind: str) -> list[str]:
    return [b for b in KINDS if kind in FOR_KINDS.get(b, KIND_ANY)]


def expand_blocks(
    markdown: str,
    path: str,
    render: Callable[[Block], str],
    campaign_ids: Mapping[str, str],
    broken: Collection[str] = (),
) -> tuple[str, list[Problem]]:
    """Replace every well-formed marker with what ``render`` returns; report the others."""
    blocks, problems = find_blocks(markdown, path, campaign_ids, broken)
    if not blocks:
        return markdown, problems
    lines = markdown.split("\n")
    for block in blocks:
        lines[block.line - 1] = "\n" + render(block).strip() + "\n"
    return "\n".join(lines), problems
