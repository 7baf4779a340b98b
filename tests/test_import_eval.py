"""The importer against real plans (tests/import_cases): no invented year, and the issue's
targets for lead and support and for dates. The other figures are printed by
benchmarks/import_eval.py."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from .conftest import ROOT


def _eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_eval", ROOT / "benchmarks/import_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_eval"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_real_plans_import_without_an_invented_year_with_their_units_and_dates() -> None:
    evaluation = _eval()
    cases = sorted((ROOT / "tests/import_cases").glob("*.txt"))
    assert len(cases) >= 20
    scores = [evaluation.score(case) for case in cases]
    assert [s.case for s in scores if s.invented_year] == []
    found = sum(s.found for s in scores)
    exact = sum(s.roles_exact for s in scores)
    assert found >= 85  # of 117 items at every depth: every one paired is scored below
    assert exact / found >= 0.95, (exact, found)
    dates = sum(s.dates_right for s in scores), sum(s.dates_expected for s in scores)
    assert dates[0] / dates[1] >= 0.90, dates
