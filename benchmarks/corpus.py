#!/usr/bin/env python3
"""A seeded, realistic corpus in the campaign-pages content contract, for benchmarks.

    python3 benchmarks/corpus.py OUT [--posts 5000] [--campaigns 50] [--activities 20]
                                     [--work-plans 10] [--ledgers 10] [--reports 5]
                                     [--departments 300] [--seed 1]

OUT receives a complete site: mkdocs.yml (Material, the campaign plugin, no search),
data/ (departments, activity plans with fuzzy and exact dates, work plans and rectification
ledgers with task trees and dues, reports with figures counted from the news) and
docs/news/YYYY/*.md: Chinese
posts of 600–1,500 Han characters with headings, a table and full front matter, spread over
three years. The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

# Words and phrases of the seed documents, recombined into sentences.
SUBJECTS = [
    "市委宣传部",
    "市扶贫局",
    "各区县",
    "帮扶干部",
    "驻村工作队",
    "市级相关部门",
    "乡镇党委",
    "市脱贫攻坚办",
    "各级帮扶部门单位",
    "融媒体中心",
    "志愿服务队",
    "宣讲团",
]
VERBS = [
    "深入开展",
    "认真落实",
    "扎实推进",
    "组织开展",
    "广泛宣传",
    "集中展示",
    "积极探索",
    "全面部署",
    "持续巩固",
    "精心筹划",
    "统筹协调",
    "切实加强",
]
OBJECTS = [
    "精准扶贫政策宣讲",
    "脱贫攻坚成果展示",
    "产业扶贫项目",
    "易地扶贫搬迁工作",
    "健康扶贫义诊",
    "就业扶贫招聘",
    "政策宣传咨询活动",
    "新时代文明实践",
    "理论学习中心组学习",
    "百姓宣讲",
    "文明城市创建",
    "扶贫济困日活动",
    "宪法宣传周活动",
    "电商扶贫培训",
    "金融扶贫服务",
]
TAILS = [
    "取得明显成效",
    "受到群众欢迎",
    "营造了良好氛围",
    "进一步激发了内生动力",
    "形成了工作合力",
    "确保各项任务落到实处",
    "推动工作提质增效",
    "为打赢脱贫攻坚战提供了有力支撑",
]
PLACES = ["阳光广场", "文化中心", "村委会", "乡镇集镇", "社区服务站", "党群服务中心", "职业学校"]
OUTLETS = [
    ("人民网", "中央"),
    ("新华网", "中央"),
    ("陕西日报", "省级"),
    ("陕西广播电视台", "省级"),
    ("铜川日报", "市级"),
    ("铜川市广播电视台", "市级"),
    ("铜川市人民政府网站", "市级"),
    ("耀州区融媒体中心", "县级"),
    ("宜君县融媒体中心", "县级"),
    ("印台区融媒体中心", "县级"),
    ("王益区融媒体中心", "县级"),
]
TAGS = [
    "扶贫日",
    "政策宣讲",
    "新闻发布会",
    "健康扶贫",
    "就业扶贫",
    "产业扶贫",
    "文明实践",
    "宪法宣传",
    "志愿服务",
    "易地扶贫搬迁",
    "理论学习",
    "典型宣传",
]
FUZZY = ["{m}月上旬", "{m}月中旬", "{m}月下旬", "{key}前后", "{key}前夕", "{key}之前", "{m}月"]
EXACT = ["{m}月{d}日", "{m}月{d}日上午9:30—11:30", "{m}月{d}日—{d2}日", "{m}月{d}日下午3:00"]
START = dt.date(2021, 1, 1)  # posts spread over three years: 2021–2023


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
        f"在{rng.choice(PLACES)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(TAILS)}。"
    )


def paragraph(rng: random.Random, han: int) -> str:
    text = ""
    while sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < han:
        text += sentence(rng)
    return text


def write_departments(root: Path, count: int) -> list[str]:
    names = [f"第{n + 1}责任单位" for n in range(count)]
    lines = ["departments:"]
    for n, name in enumerate(names):
        lines += [f"  - id: d{n + 1:03d}", f"    name: {name}", f"    group: 第{n % 12 + 1}组"]
    (root / "data/departments.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return names


def write_campaigns(
    root: Path, rng: random.Random, count: int, activities: int, depts: list[str]
) -> list[tuple[str, list[str]]]:
    folder = root / "data/campaigns"
    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for n in range(count):
        cid = f"campaign-{n + 1:03d}"
        year = 2021 + n % 3
        month = rng.randint(1, 11)
        key = dt.date(year, month, rng.randint(10, 20))
        lines = [
            f"title: 第{n + 1}号宣传活动方案（{year}年）",
            f"day: {key.isoformat()}",
            "day_name: 活动日",
            f"period: {{start: {year}-{month:02d}-01, end: {year}-{month + 1:02d}-28}}",
            f"summary: {sentence(rng)}",
            "activities:",
        ]
        ids = []
        for k in range(activities):
            aid = f"a{k + 1:02d}"
            ids.append(aid)
            pattern = rng.choice(FUZZY + EXACT)
            d = rng.randint(1, 20)
            when = pattern.format(m=month, d=d, d2=d + 3, key="活动日")
            lead = rng.sample(depts, 2)
            support = rng.sample([x for x in depts if x not in lead], 3)
            lines += [
                f"  - id: {aid}",
                f"    title: {rng.choice(VERBS)}{rng.choice(OBJECTS)}",
                f"    when: {when}",
                f"    lead: [{', '.join(lead)}]",
                f"    support: [{', '.join(support)}]",
            ]
        lines += [
            "deadlines:",
            "  - title: 报送活动方案",
            f"    due: {month}月9日前",
            f"    from: [{', '.join(rng.sample(depts, 3))}]",
            f"    to: [{depts[0]}]",
        ]
        (folder / f"{cid}.yml").write_text("\n".join(lines) + "\n", "utf-8")
        result.append((cid, ids))
    return result


DUES = ["{m}月底前", "{m}月{d}日前", "上半年", "年底前", "每季度末", "长期坚持", "立行立改", "全年"]
STATUSES = ["planned", "ongoing", "done", "long-term"]


def _task(rng: random.Random, indent: str, depts: list[str], year: int) -> list[str]:
    """One task-tree node's fields (after its title line)."""
    status = rng.choice(STATUSES)
    due = rng.choice(DUES).format(m=rng.randint(3, 12), d=rng.randint(1, 28))
    lines = [
        f"{indent}  responsible: [{', '.join(rng.sample(depts, 2))}]",
        f"{indent}  leader: 分管副部长",
        f"{indent}  due: {due}",
        f"{indent}  status: {status}",
        f"{indent}  measures: [{sentence(rng)}, {sentence(rng)}]",
    ]
    if status == "done":
        lines.append(f"{indent}  done_on: {year}-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}")
    return lines


def write_documents(
    root: Path, rng: random.Random, plans: int, ledgers: int, reports: int, depts: list[str]
) -> None:
    """Work plans (6 sections × 8 tasks), ledgers (3 areas × 6 problems × 2 sub-problems)
    and reports (6 figures, 4 counted from the news)."""
    folder = root / "data/campaigns"
    for n in range(plans):
        year = 2021 + n % 3
        lines = [f"title: 第{n + 1}号年度工作方案（{year}年）", "kind: work-plan", f"year: {year}"]
        lines += [f"as_of: {year}-09-30", f"goals: {sentence(rng)}", "tasks:"]
        for section in range(6):
            lines += [f"  - title: {rng.choice(VERBS)}{rng.choice(OBJECTS)}（{section + 1}）"]
            lines += ["    items:"]
            for task in range(8):
                lines += [f"      - title: {rng.choice(OBJECTS)}任务{task + 1}"]
                lines += _task(rng, "      ", depts, year)
        lines += ["stated: {tasks: 48}"]
        (folder / f"work-plan-{n + 1:03d}.yml").write_text("\n".join(lines) + "\n", "utf-8")
    for n in range(ledgers):
        year = 2021 + n % 3
        lines = [f"title: 第{n + 1}号巡察整改情况报告（{year}年）", "kind: rectification"]
        lines += [f"year: {year}", f"inspection: {{by: 第{n + 1}巡察组, feedback: {year}-03-15}}"]
        lines += ["areas:"]
        for area in range(3):
            lines += [f"  - title: {rng.choice(OBJECTS)}方面问题（{area + 1}）", "    items:"]
            for item in range(6):
                lines += [f"      - title: {rng.choice(OBJECTS)}问题{item + 1}", "        items:"]
                for sub in range(2):
                    lines += [f"          - title: {rng.choice(OBJECTS)}具体问题{sub + 1}"]
                    lines += _task(rng, "          ", depts, year)
        lines += ["rules: {new: [制度甲, 制度乙], revised: [制度丙]}"]
        lines += ["stated: {areas: 3, items: 18, problems: 36, rules_new: 2, rules_revised: 1}"]
        (folder / f"ledger-{n + 1:03d}.yml").write_text("\n".join(lines) + "\n", "utf-8")
    for n in range(reports):
        year = 2021 + n % 3
        lines = [f"title: 第{n + 1}号年度宣传工作总结（{year}年）", "kind: report"]
        lines += [f"period: {{start: {year}-01-01, end: {year}-12-31}}", "figures:"]
        lines += ["  - {label: 各类媒体发表稿件, value: 1500, unit: 篇, count: {}}"]
        for level in ("中央", "省级", "市级"):
            count = f"{{source_level: {level}}}"
            lines += [f"  - {{label: {level}媒体, value: 100, unit: 篇, count: {count}}}"]
        lines += [
            "  - {label: 宣传标语, value: 61, unit: 条}",
            "  - {label: 宣传资料, value: 300, unit: 份}",
        ]
        lines += ["themed_months:"]
        lines += [
            f"  - {{month: {m}, title: {rng.choice(OBJECTS)}主题月}}" for m in range(1, 13, 2)
        ]
        (folder / f"report-{n + 1:03d}.yml").write_text("\n".join(lines) + "\n", "utf-8")


def post_text(
    rng: random.Random, n: int, campaigns: list[tuple[str, list[str]]], depts: list[str]
) -> tuple[dt.datetime, str]:
    moment = dt.datetime.combine(
        START + dt.timedelta(days=rng.randrange(3 * 365)),
        dt.time(rng.randrange(8, 20), rng.choice((0, 30))),
    )
    cid, activities = rng.choice(campaigns)
    outlet, level = rng.choice(OUTLETS)
    han = rng.randint(600, 1500)
    title = f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}（{n}）"
    head = [
        "---",
        f"title: {title}",
        f"date: {moment:%Y-%m-%d %H:%M}",
        f"campaign: {cid}",
        f"activity: {rng.choice(activities)}",
        f"departments: [{', '.join(rng.sample(depts, 2))}]",
        f"source: {outlet}",
        f"source_level: {level}",
        f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
        "---",
        "",
    ]
    body = [paragraph(rng, han // 4), "", "## 主要做法", "", paragraph(rng, han // 4), ""]
    body += ["| 项目 | 数量 | 说明 |", "|---|---|---|"]
    body += [
        f"| {rng.choice(OBJECTS)} | {rng.randint(1, 500)} | {rng.choice(TAILS)} |" for _ in range(4)
    ]
    body += ["", "## 下一步工作", "", paragraph(rng, han // 4), "", paragraph(rng, han // 4), ""]
    return moment, "\n".join(head + body)


MKDOCS_YML = """\
site_name: 基准测试站点
site_url: https://example.gov.cn/zt/bench/
theme:
  name: material
  language: zh
  font: false
plugins:
  - campaign:
      today: 2023-12-31
nav:
  - index.md
"""


SITE_YML = """\
organizer: 基准测试市委宣传部
operator: 基准测试市融媒体中心
site_code: "6100000000"
icp: 陕ICP备00000000号
police_filing: 陕公网安备 61000000000000号
phone: 0919-0000000
"""


def generate(
    out: Path,
    posts: int,
    campaigns: int,
    activities: int,
    departments: int,
    seed: int,
    documents: tuple[int, int, int] = (10, 10, 5),
) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "docs").mkdir()
    (out / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (out / "data/site.yml").write_text(SITE_YML, "utf-8")
    (out / "docs/index.md").write_text("# 基准测试站点\n\n<!-- campaign:news all -->\n", "utf-8")
    depts = write_departments(out, departments)
    plans = write_campaigns(out, rng, campaigns, activities, depts)
    # their own random stream: the activity plans and posts stay what they were without them
    write_documents(out, random.Random(seed + 1000), *documents, depts)
    for n in range(posts):
        moment, text = post_text(rng, n, plans, depts)
        path = out / f"docs/news/{moment.year}/post-{n:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--campaigns", type=int, default=50)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--work-plans", type=int, default=10)
    parser.add_argument("--ledgers", type=int, default=10)
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--departments", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    documents = (args.work_plans, args.ledgers, args.reports)
    generate(
        args.out,
        args.posts,
        args.campaigns,
        args.activities,
        args.departments,
        args.seed,
        documents,
    )
    print(f"wrote {args.posts} posts, {args.campaigns} campaigns to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
