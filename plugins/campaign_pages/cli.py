"""``campaign``: check content, scaffold a campaign, write generated pages without MkDocs.

Exit codes: 0 clean, 1 content errors (or warnings with ``--strict``), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from campaign_pages.cliparser import ChineseParser
from campaign_pages.core import cms
from campaign_pages.core.imports.draft import KINDS
from campaign_pages.core.load.schema import SLUG
from campaign_pages.core.load.textfile import read_source
from campaign_pages.core.model import Kind, NewsPost, Site
from campaign_pages.core.outputs.generator import Generator
from campaign_pages.core.problems import Problem, Severity, did_you_mean, has_errors
from campaign_pages.core.read.blocks import find_blocks
from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.core.render.renderer import Renderer, TemplateProblem
from campaign_pages.core.settings import (
    SHANGHAI,
    Options,
    OptionsError,
    TodayError,
    resolve_today,
)
from campaign_pages.core.urls import Urls
from campaign_pages.core.views import report, stats
from campaign_pages.speed.fork import can_fork
from campaign_pages.speed.shared import two_processes


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags we do not need."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class UsageError(Exception):
    """A mistake in how the command was called, not in the content."""


@dataclass(frozen=True)
class Project:
    """What the CLI takes from mkdocs.yml, so that it sees the site as the build does."""

    root: Path
    docs: Path
    options: Options
    urls: Urls
    site_name: str = "宣传专题"
    site_url: str | None = None

    @property
    def data(self) -> Path:
        return self.root / self.options.data_dir


def read_project(config: Path) -> Project:
    if not config.is_file():
        raise UsageError(f"找不到站点配置 {config}；在站点目录里运行，或用 -f 指定 mkdocs.yml")
    try:
        mkdocs = yaml.load(config.read_text("utf-8"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{config} 不是有效的 YAML：{exc}") from None
    try:
        options = Options.read(_written_options(mkdocs))
    except OptionsError as exc:
        raise UsageError(f"{config} 里的插件选项有误：{exc}") from None
    root = config.resolve().parent
    return Project(
        root=root,
        docs=root / str(mkdocs.get("docs_dir", "docs")),
        options=options,
        urls=options.urls(bool(mkdocs.get("use_directory_urls", True))),
        site_name=str(mkdocs.get("site_name") or "宣传专题"),
        site_url=mkdocs.get("site_url"),
    )


def _written_options(mkdocs: dict[str, Any]) -> dict[str, Any]:
    """The plugin's options as MkDocs hands them to it: none for a bare ``- campaign``, and
    without ``enabled``, which MkDocs reads itself for every plugin."""
    written: object = {}
    for entry in mkdocs.get("plugins") or []:
        if isinstance(entry, dict) and "campaign" in entry:
            written = entry["campaign"] or {}
    if not isinstance(written, dict):
        raise OptionsError("campaign 下应写成“选项: 值”的形式")
    return {k: v for k, v in written.items() if k != "enabled"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = ChineseParser(prog="campaign", description="宣传专题站点工具")
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="文件",
        help="站点配置（默认 mkdocs.yml），从中读取插件选项",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser("check", help="检查 data/ 和 docs/ 中的内容，列出全部问题")
    check.add_argument("--strict", action="store_true", help="警告也算失败")

    new = commands.add_parser("new", help="新建内容文件（带注释的模板）")
    new_kinds = new.add_subparsers(dest="kind", required=True, metavar="类型")
    for kind, label in _NEW_KINDS.items():
        new_campaign = new_kinds.add_parser(kind, help=f"新建{label} data/campaigns/<id>.yml")
        new_campaign.add_argument(
            "id", metavar="方案id", help="方案 id，如 tongchuan-xianfa-2026（用在网址里）"
        )
        new_campaign.add_argument("--title", default="（方案标题）", metavar="标题", help="标题")
    new_news = new_kinds.add_parser("news", help="新建新闻 docs/news/<年份>/<名称>.md（草稿）")
    new_news.add_argument("name", metavar="名称", help="文件名，如 press-conference（用在网址里）")
    new_news.add_argument("--title", default="（新闻标题）", metavar="标题", help="新闻标题")
    new_news.add_argument("--campaign", metavar="方案id", help="相关方案的 id")

    pages = commands.add_parser("pages", help="不经 MkDocs，把生成的页面和日历写到一个目录")
    pages.add_argument("--out", type=Path, required=True, metavar="目录", help="输出目录")
    pages.add_argument(
        "--today",
        type=_date_arg,
        metavar="日期",
        help="今天的日期，如 2017-10-12（默认取插件选项或数据）",
    )

    imp = commands.add_parser("import", help="从 Word 方案（.docx、.txt）导入方案数据")
    imp.add_argument(
        "file",
        type=Path,
        metavar="文件",
        help="方案文件：.docx、.txt 或 .md（.doc、.wps 装了 LibreOffice 时自动转换）",
    )
    imp.add_argument("--kind", choices=KINDS, help="文件类型（默认按标题判断）")
    imp.add_argument(
        "--year", type=int, metavar="年份", help="方案的年份（原文没有写明年份时必须给出）"
    )
    imp.add_argument("--id", metavar="方案id", help="方案 id（默认取自文件名）")
    imp.add_argument(
        "-o", "--output", type=Path, metavar="文件", help="写到哪里（默认 data/campaigns/<id>.yml）"
    )
    imp.add_argument(
        "--data", type=Path, metavar="目录", help="数据目录（默认取 mkdocs.yml 的设置，即 data/）"
    )
    imp.add_argument(
        "--no-new-departments",
        action="store_true",
        help="名录里没有的单位不添加到 data/departments.yml，只在报告里列出",
    )
    stats_cmd = commands.add_parser("stats", help="宣传报道统计：按媒体级别、媒体、月份等计数")
    stats_cmd.add_argument(
        "--from", dest="start", type=_date_arg, metavar="日期", help="起始日期，如 2017-01-01"
    )
    stats_cmd.add_argument(
        "--to", dest="end", type=_date_arg, metavar="日期", help="截止日期，如 2017-12-31"
    )
    stats_cmd.add_argument(
        "--by", choices=sorted(stats.DIMENSIONS), default="level", help="按什么分类（默认 level）"
    )
    stats_cmd.add_argument("--format", choices=("table", "csv", "json"), help="输出格式")
    stats_cmd.add_argument(
        "-o", "--output", type=Path, metavar="文件", help="写入文件（.csv 或 .json）"
    )
    stats_cmd.add_argument(
        "--today", type=_date_arg, metavar="日期", help="今天的日期（只统计此前已发布的新闻）"
    )
    stats_cmd.add_argument(
        "--report", metavar="方案id", help="工作总结的数字与网站统计对照（kind: report 的方案）"
    )

    cms = commands.add_parser("cms", help="写表单编辑器（Decap CMS）的配置 docs/admin/")
    cms.add_argument(
        "--backend", choices=("gitea", "gitlab", "github"), default="gitea", help="git 服务器的类型"
    )
    cms.add_argument("--repo", metavar="仓库", default="department/site", help="如 xcb/zhuanti")
    cms.add_argument(
        "--base-url", metavar="网址", help="git 服务器的地址，如 https://git.example.gov.cn"
    )
    cms.add_argument("--branch", metavar="分支", default="main", help="发布用的分支（默认 main）")
    cms.add_argument(
        "--port",
        type=int,
        metavar="端口",
        default=8081,
        help="本机 decap-server 的端口（默认 8081）",
    )

    args = parser.parse_args(argv)
    try:
        project = read_project(args.config_file)
        if args.command == "check":
            return _check(project, strict=args.strict)
        if args.command == "new" and args.kind in _NEW_KINDS:
            return _new_campaign(project, args.kind, args.id, args.title)
        if args.command == "new":
            return _new_news(project, args.name, args.title, args.campaign)
        if args.command == "stats":
            return _stats(project, args)
        if args.command == "import":
            return run_import(project, args)
        if args.command == "cms":
            return _cms(project, args)
        return _pages(project, args.out, args.today)
    except UsageError as exc:
        print(f"campaign: {exc}", file=sys.stderr)
        return 2


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，应写作 2017-10-17") from None


def _read(project: Project) -> tuple[Site, tuple[NewsPost, ...], list[Problem]]:
    if not project.data.is_dir():
        raise UsageError(f"找不到数据目录 {project.data}（插件选项 data_dir）")
    site, problems = read_site(project.data)
    runner = two_processes(site) if can_fork() else None
    posts, post_problems = read_posts(project.docs, project.options.news_dir, site, runner=runner)
    return site, posts, problems + post_problems


def _today(project: Project, site: Site, argument: dt.date | None) -> dt.date:
    try:
        today, source = resolve_today(
            argument or project.options.today, site.info.today, os.environ, dt.date.today()
        )
    except TodayError as exc:
        raise UsageError(str(exc)) from None
    if source == "clock":
        print(
            f"“今天”取自系统时钟（{today}），可用 --today 或 SOURCE_DATE_EPOCH 指定",
            file=sys.stderr,
        )
    return today


def _check(project: Project, *, strict: bool) -> int:
    site, posts, problems = _read(project)
    ids = {c.id: c.kind for c in site.campaigns}
    docs = project.docs
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = page.relative_to(docs.parent).as_posix()
        text, unread = read_source(page, rel, docs)
        problems += unread
        if text is not None:
            problems += find_blocks(text, rel, ids, site.broken)[1]
    problems = list(dict.fromkeys(problems))  # a post that cannot be read: read twice
    for problem in problems:
        print(problem)
    today = _today(project, site, None)
    # not problems (standard output lists only those), but an editor wondering where a post
    # is wants to know
    for post in posts:
        if post.draft:
            note = "草稿（draft: true），不会发布；写完后删去这一行"
        elif post.is_scheduled(today):
            note = f"日期 {post.day.isoformat()} 在“今天”（{today.isoformat()}）之后，到那天才发布"
        else:
            continue
        print(f"{project.docs.name}/{post.src}: {note}", file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    activities = sum(1 for c in site.campaigns for _ in c.all_activities())
    tasks = sum(1 for c in site.campaigns for _ in c.all_tasks())
    figures = sum(len(c.figures) for c in site.campaigns)
    parts = [f"{len(site.campaigns)} 个方案", f"{activities} 项活动"]
    parts += [f"{tasks} 项任务和整改问题"] if tasks else []
    parts += [f"{figures} 项报告数据"] if figures else []
    print(
        "，".join([*parts, f"{len(site.departments)} 个部门", f"{len(posts)} 篇新闻"])
        + f"；{errors} 个错误，{warnings} 个警告",
        file=sys.stderr,
    )
    return 1 if errors or (strict and warnings) else 0


_SLUG = re.compile(SLUG)


# what ``campaign new`` makes: the scaffold of each kind of document (campaign: an activity plan)
_NEW_KINDS = {
    "campaign": "活动方案",
    "work-plan": "工作方案",
    "rectification": "整改台账",
    "report": "工作总结或报告",
}


def _new_campaign(project: Project, kind: str, campaign_id: str, title: str) -> int:
    if not _SLUG.match(campaign_id):
        raise UsageError(
            f"方案 id“{campaign_id}”只能由小写英文字母、数字和连字符组成，如 tongchuan-xianfa-2026"
        )
    target = project.data / "campaigns" / f"{campaign_id}.yml"
    site, _ = read_site(project.data)
    year = str(_today(project, site, None).year)  # the year the site is at
    replacements = {"（方案标题）": title, "（报告标题）": title, "（年份）": year}
    return _scaffold(project, target, f"{kind}.yml", replacements)


def _new_news(project: Project, name: str, title: str, campaign: str | None) -> int:
    if not _SLUG.match(name):
        raise UsageError(f"文件名“{name}”只能由小写英文字母、数字和连字符组成，如 press-conference")
    site, _ = read_site(project.data) if project.data.is_dir() else (None, [])
    # the site's today (as the build takes it), so that the post is not dated after it
    today = _today(project, site, None) if site else dt.datetime.now(SHANGHAI).date()
    target = project.docs / project.options.news_dir / str(today.year) / f"{name}.md"
    replacements = {"（新闻标题）": title, "（日期）": today.isoformat()}
    replacements["campaign: （方案id）"] = f"campaign: {campaign}" if campaign else "# campaign:"
    return _scaffold(project, target, "news.md", replacements)


def _scaffold(project: Project, target: Path, name: str, replacements: dict[str, str]) -> int:
    if target.exists():
        raise UsageError(f"{target} 已经存在，不会覆盖")
    text = files("campaign_pages").joinpath(f"scaffolds/{name}").read_text("utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已新建 {target.relative_to(project.root)}；填好后运行 campaign check", file=sys.stderr)
    return 0


def _cms(project: Project, args: argparse.Namespace) -> int:
    """docs/admin/: the form editor's page and its configuration, from the schemas."""
    backend: dict[str, Any] = {"name": args.backend, "repo": args.repo, "branch": args.branch}
    if args.base_url:
        key = "base_url" if args.backend == "gitlab" else "api_root"
        backend[key] = (
            args.base_url.rstrip("/") + "/api/v1" if args.backend == "gitea" else args.base_url
        )
    admin = project.docs / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    config = cms.cms_config(backend, args.port)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    (admin / "config.yml").write_text(_CMS_HEADER + text, encoding="utf-8")
    (admin / "index.html").write_text(cms.ADMIN_HTML, encoding="utf-8")
    print(f"已写入 {admin.relative_to(project.root)}/config.yml 和 index.html", file=sys.stderr)
    site, _ = read_site(project.data) if project.data.is_dir() else (None, [])
    for campaign in site.campaigns if site else ():
        if not _writes_kind(project.root / campaign.source.path):
            print(
                f"{campaign.source.path}: 没有写 kind:，表单编辑器里看不到它；"
                f"在开头加一行 kind: {campaign.kind}",
                file=sys.stderr,
            )
    return 0


_CMS_HEADER = (
    "# 表单编辑器（Decap CMS）的配置，由 campaign cms 按内容规范生成：请不要手改，"
    "改了规范重新生成。\n"
)


def _writes_kind(path: Path) -> bool:
    text = path.read_text("utf-8") if path.is_file() else ""
    return re.search(r"^kind:", text, re.M) is not None


def _pages(project: Project, out: Path, today_arg: dt.date | None) -> int:
    site, posts, problems = _read(project)
    for problem in problems:
        print(problem, file=sys.stderr)
    today = _today(project, site, today_arg)
    settings = project.options.settings(today, project.site_name, project.site_url)
    written = 0
    try:
        for output in Generator(site, settings, Renderer(project.urls), posts).outputs():
            target = out / output.path
            target.parent.mkdir(parents=True, exist_ok=True)
            content = output.render()
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            written += 1
    except TemplateProblem as exc:
        raise UsageError(str(exc)) from None
    print(f"已写入 {written} 个文件到 {out}", file=sys.stderr)
    return 1 if has_errors(problems) else 0


def run_import(project: Project, args: argparse.Namespace) -> int:
    from campaign_pages.importing import import_file  # python-docx only when importing

    return import_file(project.root, args.data or project.data, args)


def _stats(project: Project, args: argparse.Namespace) -> int:
    site, posts, problems = _read(project)
    if has_errors(problems):
        print("内容有错误，统计可能不完整；运行 campaign check 查看。", file=sys.stderr)
    today = _today(project, site, args.today)
    published = [p for p in posts if p.is_published(today)]
    if args.report:
        return _report_stats(site, published, args)
    chosen = stats.in_period(published, args.start, args.end)
    table = stats.count(chosen, args.by)
    fmt = _format(args)
    period = f"{args.start or '最早'} 至 {args.end or today}"
    if fmt == "table":
        text = f"{table.title}（{period}）\n{stats.summary(chosen)}\n" + stats.text_table(table)
    elif fmt == "csv":
        text = stats.to_csv(table)
    else:
        text = stats.to_json(table, args.start, args.end)
    _emit(text, args.output)
    return 0


def _format(args: argparse.Namespace) -> str:
    """table, csv or json: as asked, else from the output file's suffix."""
    fmt: str = args.format or (args.output.suffix.lstrip(".") if args.output else "table")
    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"不知道怎样写 {args.output}：用 --format csv 或 --format json")
    return fmt


def _emit(text: str, output: Path | None) -> None:
    """A command's result: to the file asked for, else to standard output."""
    if output:
        output.write_text(text, encoding="utf-8", newline="")  # CSV ends its lines itself
        print(f"已写入 {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _report_stats(site: Site, published: list[NewsPost], args: argparse.Namespace) -> int:
    """A report's stated figures beside what the site's news count for its period."""
    reports = [c.id for c in site.campaigns if c.kind == Kind.REPORT]
    campaign = site.campaign(args.report)
    if campaign is None or campaign.kind != Kind.REPORT:
        hint = did_you_mean(args.report, reports) or "可用：" + ("、".join(reports) or "（没有）")
        raise UsageError(f"没有工作总结“{args.report}”（kind: report）；{hint}")
    view = report.report(
        campaign, published, departments=site.departments, campaigns=site.campaigns
    )
    rows = [
        (
            r.figure.label,
            r.stated_text,
            str(r.count.number) if r.count else "",
            r.difference_label,
            r.count.criteria_text if r.count else "",
        )
        for r in view.rows
    ]
    header = ("项目", "报告数字", "网站统计", "差异", "统计条件")
    fmt = _format(args)
    if fmt == "csv":
        text = stats.csv_text([header, *rows])
    elif fmt == "json":
        keys = ("label", "stated", "counted", "difference", "criteria")
        data = {"report": campaign.id, "rows": [dict(zip(keys, r, strict=True)) for r in rows]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = f"{campaign.title}：报告数字与网站统计\n" + stats.text_columns([header, *rows])
    _emit(text, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
