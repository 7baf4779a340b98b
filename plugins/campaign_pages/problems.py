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
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.hint:
            text += f" 提示：{self.hint}"
        return text


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A Chinese "did you mean" hint for a misspelt name, or None."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=3, cutoff=0.5)
    if not matches:
        return None
    return "是否想写" + "或".join(f"“{m}”" for m in matches) + "？"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
