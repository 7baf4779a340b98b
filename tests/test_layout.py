"""The folders keep their promises (see each folder's ``__init__.py``): who may import whom,
and what the core never does (fork, touch the garbage collector, read the clock, write)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "plugins/campaign_pages"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "imports inside the package are absolute"
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _under(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


# (modules, what they may not import)
RULES = [
    (
        "campaign_pages.core",
        ("mkdocs", "campaign_pages.speed", "campaign_pages.mkdocs", "campaign_pages.cli"),
    ),
    ("campaign_pages.core", ("gc", "multiprocessing", "subprocess", "threading")),
    ("campaign_pages.speed", ("mkdocs", "campaign_pages.mkdocs", "campaign_pages.cli")),
    ("campaign_pages.cli", ("mkdocs", "campaign_pages.mkdocs")),
    (
        "campaign_pages.core.load",
        tuple(f"campaign_pages.core.{p}" for p in ("read", "views", "render", "outputs", "model")),
    ),
    (
        "campaign_pages.core.views",
        tuple(f"campaign_pages.core.{p}" for p in ("load", "read", "render", "outputs")),
    ),
]


@pytest.mark.parametrize(("package", "forbidden"), RULES, ids=lambda x: str(x)[:40])
def test_import_rules(package: str, forbidden: tuple[str, ...]) -> None:
    broken = [
        f"{name} imports {imported}"
        for name, path in MODULES.items()
        if _under(name, package)
        for imported in _imports(ast.parse(path.read_text("utf-8")))
        if _under(imported, *forbidden)
    ]
    assert broken == []


# methods the core never calls: forks, the clock, files written
FORBIDDEN_METHODS = {"fork", "today", "now", "utcnow", "write_text", "write_bytes"}
CLOCKS = {"time", "monotonic", "perf_counter", "localtime", "gmtime"}  # of the time module


def _forbidden(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in FORBIDDEN_METHODS:
            return f"{func.attr}()"
        if isinstance(func.value, ast.Name) and func.value.id == "time" and func.attr in CLOCKS:
            return f"time.{func.attr}()"
    if isinstance(func, ast.Name) and func.id == "open":
        modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
        if any(isinstance(m, ast.Constant) and set(str(m.value)) & set("wax+") for m in modes):
            return "open() for writing"
    return None


def test_the_core_neither_forks_nor_reads_the_clock_nor_writes() -> None:
    found = [
        f"{name}:{node.lineno}: {what}"
        for name, path in MODULES.items()
        if _under(name, "campaign_pages.core")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call) and (what := _forbidden(node))
    ]
    assert found == []


def test_the_rules_see_every_module() -> None:
    """A rule that matched no module would pass for nothing."""
    for package, _ in RULES:
        assert any(_under(name, package) for name in MODULES), package
    assert len(MODULES) > 30
