"""``campaign``: check content, scaffold a campaign, write generated pages without MkDocs.

Exit codes: 0 clean, 1 content errors (or warnings with ``--strict``), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .blocks import find_blocks
from .generate import Generator
from .model import Site
from .problems import Problem, Severity
from .reader import read_site
from .render import Renderer, TemplateProblem
from .settings import Settings, TodayError, resolve_today
from .urls import Urls


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags we do not need."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class UsageError(Exception):
    """A mistake in how the command was called, not in the content."""


@dataclass(frozen=True)
class Project:
    """What the CLI takes from mkdocs.yml, so that it sees the site as the build does."""

    root: Path
    data: Path
    docs: Path
    urls: Urls
    today: str | None = None
    site_name: str = "宣传专题"
    site_url: str | None = None


def read_project(config: Path) -> Project:
    if not config.is_file():
        raise UsageError(f"找不到站点配置 {config}；在站点目录里运行，或用 -f 指定 mkdocs.yml")
    try:
        mkdocs = yaml.load(config.read_text("utf-8"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{config} 不是有效的 YAML：{exc}") from None
    options: dict[str, Any] = {}
    for entry in mkdocs.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("campaign"), dict):
            options = entry["campaign"]
    root = config.resolve().parent
    return Project(
        root=root,
        data=root / str(options.get("data_dir", "data")),
        docs=root / str(mkdocs.get("docs_dir", "docs")),
        urls=Urls(
            directory_urls=bool(mkdocs.get("use_directory_urls", True)),
            campaigns=str(options.get("campaigns_path", "campaigns")).strip("/"),
            departments=str(options.get("departments_path", "departments")).strip("/"),
        ),
        today=str(options["today"]) if options.get("today") else None,
        site_name=str(mkdocs.get("site_name") or "宣传专题"),
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
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser("check", help="检查 data/ 和 docs/ 中的内容，列出全部问题")
    check.add_argument("--strict", action="store_true", help="警告也算失败")

    new = commands.add_parser("new", help="新建内容文件（带注释的模板）")
    new_kinds = new.add_subparsers(dest="kind", required=True, metavar="类型")
    new_campaign = new_kinds.add_parser("campaign", help="新建活动方案 data/campaigns/<id>.yml")
    new_campaign.add_argument("id", help="方案 id，如 tongchuan-xianfa-2026（用在网址里）")
    new_campaign.add_argument("--title", default="（方案标题）", help="方案标题")

    pages = commands.add_parser("pages", help="不经 MkDocs，把生成的页面和日历写到一个目录")
    pages.add_argument("--out", type=Path, required=True, help="输出目录")
    pages.add_argument("--today", help="今天的日期，如 2017-10-12（默认取插件选项或数据）")

    args = parser.parse_args(argv)
    try:
        project = read_project(args.config_file)
        if args.command == "check":
            return _check(project, strict=args.strict)
        if args.command == "new":
            return _new_campaign(project, args.id, args.title)
        return _pages(project, args.out, args.today or project.today)
    except UsageError as exc:
        print(f"campaign: {exc}", file=sys.stderr)
        return 2


def _read(project: Project) -> tuple[Site, list[Problem]]:
    if not project.data.is_dir():
        raise UsageError(f"找不到数据目录 {project.data}（插件选项 data_dir）")
    return read_site(project.data)


def _check(project: Project, *, strict: bool) -> int:
    site, problems = _read(project)
    ids = {c.id for c in site.campaigns}
    docs = project.docs
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = page.relative_to(docs.parent).as_posix()
        try:
            text = page.read_text("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, "文件不是 UTF-8 编码", "用 UTF-8 编码另存该文件。"))
            continue
        problems += find_blocks(text, rel, ids)[1]
    for problem in problems:
        print(problem)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    activities = sum(1 for c in site.campaigns for _ in c.all_activities())
    print(
        f"{len(site.campaigns)} 个方案，{activities} 项活动，{len(site.departments)} 个部门；"
        f"{errors} 个错误，{warnings} 个警告",
        file=sys.stderr,
    )
    return 1 if errors or (strict and warnings) else 0


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _new_campaign(project: Project, campaign_id: str, title: str) -> int:
    if not _SLUG.match(campaign_id):
        raise UsageError(
            f"方案 id“{campaign_id}”只能由小写英文字母、数字和连字符组成，如 tongchuan-xianfa-2026"
        )
    target = project.data / "campaigns" / f"{campaign_id}.yml"
    if target.exists():
        raise UsageError(f"{target} 已经存在，不会覆盖")
    scaffold = files("campaign_pages").joinpath("scaffolds/campaign.yml").read_text("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold.replace("（方案标题）", title), encoding="utf-8")
    print(f"已新建 {target.relative_to(project.root)}；填好后运行 campaign check", file=sys.stderr)
    return 0


def _pages(project: Project, out: Path, today_arg: str | None) -> int:
    site, problems = _read(project)
    for problem in problems:
        print(problem, file=sys.stderr)
    try:
        today, source = resolve_today(today_arg, site.info.today, os.environ, dt.date.today())
    except TodayError as exc:
        raise UsageError(str(exc)) from None
    if source == "clock":
        print(
            f"“今天”取自系统时钟（{today}），可用 --today 或 SOURCE_DATE_EPOCH 指定",
            file=sys.stderr,
        )
    settings = Settings(today=today, site_name=project.site_name, site_url=project.site_url)
    try:
        outputs = Generator(site, settings, Renderer(project.urls)).outputs()
    except TemplateProblem as exc:
        raise UsageError(str(exc)) from None
    for output in outputs:
        target = out / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    print(f"已写入 {len(outputs)} 个文件到 {out}", file=sys.stderr)
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


if __name__ == "__main__":
    raise SystemExit(main())
