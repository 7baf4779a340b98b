"""The importer against real plans (tests/import_cases): no invented year, and the issue's
targets for lead and support and for dates. The other figures are printed by
benchmarks/import_eval.py."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from campaign_pages import cli

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


def test_every_real_case_imports_to_a_file_that_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the editor runs it: ``campaign import`` on each case (with --year when refused),
    new units added to the directory, then ``campaign check --strict`` on the lot."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "data", site / "data")
    shutil.copytree(ROOT / "docs", site / "docs")
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    monkeypatch.chdir(site)
    written = []
    for case in sorted((ROOT / "tests/import_cases").glob("*.txt")):
        run = ["import", str(case), "--id", f"case-{case.stem[:2]}"]
        status = cli.main(run)
        if status == 1 and "--year" in capsys.readouterr().err:
            status = cli.main([*run, "--year", "2020"])
        if status == 0:
            written.append(case.stem)
    assert len(written) >= 25
    capsys.readouterr()
    assert cli.main(["check", "--strict"]) == 0, capsys.readouterr().out
