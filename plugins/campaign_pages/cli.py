"""``campaign``: check content and write generated pages without MkDocs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .blocks import find_blocks
from .generate import Generator
from .problems import Problem, Severity
from .reader import read_site
from .render import Renderer
from .settings import Settings, TodayError, resolve_today
from .urls import Urls


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags we do not need."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    """What the CLI takes from mkdocs.yml, so that it sees the site as the build does."""

    data: Path
    docs: Path
    urls: Urls
    today: str | None = None
    site_url: str | None = None


def read_project(config: Path) -> Project:
    root = config.parent
    try:
        mkdocs = yaml.load(config.read_text("utf-8"), Loader=_LenientLoader) or {}
    except (OSError, yaml.YAMLError):
        mkdocs = {}
    options: dict[str, Any] = {}
    for entry in mkdocs.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("campaign"), dict):
            options = entry["campaign"]
    return Project(
        data=root / str(options.get("data_dir", "data")),
        docs=root / str(mkdocs.get("docs_dir", "docs")),
        urls=Urls(
            directory_urls=bool(mkdocs.get("use_directory_urls", True)),
            campaigns=str(options.get("campaigns_path", "campaigns")).strip("/"),
            departments=str(options.get("departments_path", "departments")).strip("/"),
        ),
        today=str(options["today"]) if options.get("today") else None,
        site_url=mkdocs.get("site_url"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="campaign", description="宣传专题站点工具")
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="站点配置（默认 mkdocs.yml），从中读取插件选项",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="检查 data/ 和 docs/ 中的内容，列出全部问题")
    check.add_argument("--strict", action="store_true", help="警告也算失败")

    pages = commands.add_parser("pages", help="把生成的页面和日历写到一个目录")
    pages.add_argument("--out", type=Path, required=True, help="输出目录")
    pages.add_argument("--today", help="今天的日期，如 2017-10-12（默认取插件选项或数据）")

    args = parser.parse_args(argv)
    project = read_project(args.config_file)
    if args.command == "check":
        return _check(project, strict=args.strict)
    return _pages(project, args.out, args.today or project.today)


def _check(project: Project, *, strict: bool) -> int:
    data, docs = project.data, project.docs
    if not data.is_dir():
        print(f"找不到数据目录 {data}", file=sys.stderr)
        return 2
    site, problems = read_site(data)
    ids = {c.id for c in site.campaigns}
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = page.relative_to(docs.parent).as_posix()
        blocks, block_problems = find_blocks(page.read_text("utf-8"), rel)
        problems += block_problems
        problems += [
            Problem(rel, b.line, f"未知的方案“{b.campaign_id}”")
            for b in blocks
            if b.campaign_id not in ids
        ]
    for problem in problems:
        print(problem)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    activities = sum(1 for c in site.campaigns for _ in c.all_activities())
    summary = (
        f"{len(site.campaigns)} 个方案，{activities} 项活动，{len(site.departments)} 个部门；"
        f"{errors} 个错误，{warnings} 个警告"
    )
    print(summary, file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _pages(project: Project, out: Path, today_arg: str | None) -> int:
    site, problems = read_site(project.data)
    for problem in problems:
        print(problem, file=sys.stderr)
    try:
        today, source = resolve_today(today_arg, site.info.today, os.environ, dt.date.today())
    except TodayError as exc:
        print(exc, file=sys.stderr)
        return 2
    if source == "clock":
        print(
            f"“今天”取自系统时钟（{today}），可用 --today 或 SOURCE_DATE_EPOCH 指定",
            file=sys.stderr,
        )
    settings = Settings(today=today, site_url=project.site_url)
    generator = Generator(site, settings, Renderer(project.urls))
    for output in generator.outputs():
        target = out / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    print(f"已写入 {out}", file=sys.stderr)
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


if __name__ == "__main__":
    raise SystemExit(main())
