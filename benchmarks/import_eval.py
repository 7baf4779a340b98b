#!/usr/bin/env python3
"""How well ``campaign import`` reads real plans: per case and in total.

    python3 benchmarks/import_eval.py [CASES_DIR] [--json]

Each case is ``NN-name.txt`` (an excerpt of a real document, as found) and ``NN-name.yml``
(the expected result, written by hand: see tests/import_cases/README.md). Activities are
and their ``items`` at every depth are taken in document order and paired in that order by
title; for each pair: lead/support/responsible exact (as sets of names), time (``when:``, or
``due:`` for tasks and problems: the document's words, compared without spaces, punctuation
or a masked year such as xxxx年) and place right. A time the document writes so that no
reader can resolve it (5月_日, 222日上午, 巴扎天) is right as 日期待定 when the file quotes the
document's words in its note (a task or problem: no ``due:`` and the note), for that is all
an importer can honestly do with it. A year the
importer gives where the case has none, or another year, is an invented year; a case without
a year must be refused (then it is scored as imported with ``--year``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import opencc
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from campaign_pages.core.dates import WhenError, parse_when  # noqa: E402
from campaign_pages.core.imports.facts import unmask  # noqa: E402
from campaign_pages.core.imports.importer import NothingFound, NoYear, import_blocks  # noqa: E402
from campaign_pages.importing import read_document  # noqa: E402


@dataclass
class Score:
    case: str
    expected: int = 0  # activities the case holds
    found: int = 0  # paired with one the importer found
    extra: int = 0  # found by the importer, not in the case
    roles_exact: int = 0
    dates_right: int = 0
    dates_expected: int = 0
    places_right: int = 0
    places_expected: int = 0
    invented_year: bool = False
    refused: str = ""


_T2S = opencc.OpenCC("t2s").convert


def _key(text: Any) -> str:
    """For comparing: punctuation and spaces aside, simplified characters."""
    return _T2S(re.sub(r"[\s，。、；：:,.（）()“”〝〞\"'《》]", "", str(text or "")))


def _flat(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A tree of items in document order: each item, then its items."""
    return [e for entry in entries for e in (entry, *_flat(entry.get("items") or []))]


def _readable(words: str, year: int) -> bool:
    try:
        parse_when(unmask(words), year=year)
    except WhenError:
        return False
    return True


def _names(entry: dict[str, Any], key: str) -> set[str]:
    return {_key(n) for n in entry.get(key) or []}


def _pair(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Expected and found activities paired in order by the likeness of their titles."""
    pairs, start = [], 0
    for i, want in enumerate(expected):
        best, best_j = 0.0, -1
        for j in range(start, len(got)):
            a, b = _key(want.get("title")), _key(got[j].get("title"))
            ratio = 1.0 if a and (a in b or b in a) else difflib.SequenceMatcher(None, a, b).ratio()
            if ratio > best:
                best, best_j = ratio, j
        if best >= 0.6:
            pairs.append((i, best_j))
            start = best_j + 1
    return pairs


def score(case: Path) -> Score:
    expected = yaml.safe_load(case.with_suffix(".yml").read_text("utf-8"))
    result = Score(case.stem)
    wanted = expected.get("activities") or []
    result.expected = len(wanted)
    blocks, problems = read_document(case)
    if blocks is None:
        result.refused = "; ".join(str(p) for p in problems)
        return result
    year = expected.get("year")
    kind = expected.get("kind")
    try:
        try:
            imported = import_blocks(blocks, case.name, (), kind=kind)
            result.invented_year = imported.year.year != year
        except NoYear:
            # right when the case has no year; either way the editor would now pass --year
            result.refused = "" if year is None else "no year"
            imported = import_blocks(blocks, case.name, (), kind=kind, year=year or 2000)
    except NothingFound:
        result.refused = "nothing found"
        return result
    data = yaml.safe_load(imported.text)
    key = {"activity-plan": "activities", "work-plan": "tasks", "rectification": "areas"}.get(
        expected.get("kind", "activity-plan"), "activities"
    )
    got = _flat(data.get(key) or [])
    wanted = _flat(wanted)
    result.expected = len(wanted)
    pairs = _pair(wanted, got)
    result.found = len(pairs)
    result.extra = len(got) - len(pairs)
    for i, j in pairs:
        want, have = wanted[i], got[j]
        if all(_names(want, k) == _names(have, k) for k in ("lead", "support", "responsible")):
            result.roles_exact += 1
        when = have.get("when") or have.get("due")
        if want.get("when"):
            result.dates_expected += 1
            if _key(unmask(want["when"])) == _key(unmask(when or "")):
                result.dates_right += 1
            elif not _readable(want["when"], year or 2000):
                notes = [line for line in imported.text.splitlines() if "待核对" in line]
                quoted = any(_key(unmask(want["when"])) in _key(note) for note in notes)
                result.dates_right += when in (None, "日期待定") and quoted
        elif not when or when == "日期待定":
            result.dates_expected += 1
            result.dates_right += 1
        if want.get("location"):
            result.places_expected += 1
            result.places_right += _key(want["location"]) in _key(have.get("location")) or (
                bool(have.get("location")) and _key(have.get("location")) in _key(want["location"])
            )
    return result


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   — "


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=Path, default=ROOT / "tests/import_cases")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scores = [score(case) for case in sorted(args.cases.glob("*.txt"))]
    if args.json:
        print(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2))
        return 0
    head = f"{'case':34} {'found':>9} {'extra':>5} {'roles':>7} {'dates':>7} {'places':>7} year"
    print(head)
    for s in scores:
        note = "invented" if s.invented_year else "ok"
        if s.refused:
            note = f"missed ({s.refused[:40]})"
        print(
            f"{s.case[:34]:34} {s.found:>4}/{s.expected:<4} {s.extra:>5} "
            f"{_pct(s.roles_exact, s.found):>7} {_pct(s.dates_right, s.dates_expected):>7} "
            f"{_pct(s.places_right, s.places_expected):>7} {note}"
        )
    counted = [
        f for f in Score.__dataclass_fields__ if f not in ("case", "invented_year", "refused")
    ]
    total = {f: sum(getattr(s, f) for s in scores) for f in counted}
    invented = sum(s.invented_year for s in scores)
    print(
        f"\n{len(scores)} cases: activities found {total['found']}/{total['expected']} "
        f"({_pct(total['found'], total['expected']).strip()}), extra {total['extra']}; "
        f"lead/support exact {_pct(total['roles_exact'], total['found']).strip()}; "
        f"dates right {_pct(total['dates_right'], total['dates_expected']).strip()}; "
        f"places right {_pct(total['places_right'], total['places_expected']).strip()}; "
        f"invented years {invented}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
