"""Problems found in content: ``path:line: message`` with an optional hint."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, located in an editor's file."""

    path: str
    line: int
    message: str
    hint: str  # what to write instead: every problem has one
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} 提示：{self.hint}"


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """The candidates closest to a misspelt ``word``, best first (at most three), or none.

    Only the closest are kept: for short names such as 市卫计局 a loose cut-off would also
    offer every other 市…局.
    """
    scored = sorted(
        ((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in set(candidates)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if not scored or scored[0][0] < cutoff:
        return []
    best = scored[0][0]
    return [c for score, c in scored[:3] if score >= best - 0.1]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A Chinese "did you mean" hint for a misspelt name, or None."""
    matches = closest(word, candidates)
    return "是否想写" + "或".join(f"“{m}”" for m in matches) + "？" if matches else None


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
