"""Small sites built from inline trees, as mkdocs-awesome-nav's tests do."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

DEPARTMENTS = """\
departments:
  - id: xcb
    name: 市委宣传部
    aliases: [宣传部]
    group: 市委部门
  - id: fpj
    name: 市扶贫局
    group: 市政府部门
  - id: wjj
    name: 市卫计局
    group: 市政府部门
  - id: tgb
    name: 市脱贫攻坚领导小组办公室
    aliases: [市脱贫攻坚办]
    group: 议事协调机构
  - id: xgbm
    name: 市级相关部门
    group: 区县及集体
"""

CAMPAIGN = """\
title: 测试扶贫日活动方案
day: 2017-10-17
day_name: 扶贫日
period: {start: 2017-10-01, end: 2017-10-31}
summary: 一个测试方案。
sections:
  - title: 指导思想
    body: 以测试为指导。
activities:
  - id: press
    title: 召开一场新闻发布会
    when: 10月中旬
    lead: [市委宣传部, 市扶贫局]
    support: [市卫计局]
  - id: consult
    title: 政策宣传咨询
    when: 10月17日上午9:30—11:30
    location: 新区阳光广场
    lead: 市脱贫攻坚办
    support: [市级相关部门]
  - id: health
    title: 健康服务
    when: 扶贫日当天或之前
    lead: [市卫计局]
    support: [市扶贫局]
    status: cancelled
deadlines:
  - id: report
    title: 报送活动方案
    due: 10月9日前
    to: 市脱贫攻坚办
    from: [市级相关部门]
  - id: result
    title: 报送开展情况
    due: 2017-10-17
    to: 市脱贫攻坚办
    from: [市级相关部门]
"""

MKDOCS_YML = """\
site_name: 测试站点
site_url: https://example.gov.cn/zt/test/
theme:
  name: material
  language: zh
  font: false
plugins:
  - campaign:
      today: 2017-10-12
nav:
  - index.md
  - campaigns/index.md
"""

SITE = """\
organizer: 测试市委宣传部
operator: 测试市融媒体中心
site_code: "6100000001"
icp: 陕ICP备00000001号
police_filing: 陕公网安备 61000002000001号
phone: 0919-0000001
email: test@example.gov.cn
"""

# every page type of the demo site, by name: its URL under the site
DEMO_PAGES = {
    "home": "",
    "campaigns": "campaigns/",
    "overview": "campaigns/tongchuan-fupinri-2017/",
    "schedule": "campaigns/tongchuan-fupinri-2017/schedule/",
    "responsibilities": "campaigns/tongchuan-fupinri-2017/responsibilities/",
    "department": "departments/fpj/",
    "news-list": "news/",
    "news-post": "news/2017/press-conference/",
    "statistics": "news/stats/",
    "work-plan": "campaigns/qu-wenming-2023/",
    "work-plan-departments": "campaigns/qu-wenming-2023/responsibilities/",
    "ledger": "campaigns/qu-xuncha-zhenggai-2023/",
    "report": "campaigns/zhen-xuanchuan-2023/",
    "ledger-department": "departments/qu-xcb-llk/",
}

Tree = Mapping[str, str]


def write_tree(root: Path, tree: Tree) -> Path:
    for rel, text in tree.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def basic_tree(**overrides: str) -> dict[str, str]:
    tree = {
        "mkdocs.yml": MKDOCS_YML,
        "data/site.yml": SITE,
        "data/departments.yml": DEPARTMENTS,
        "data/campaigns/test-2017.yml": CAMPAIGN,
        "docs/index.md": "# 首页\n\n<!-- campaign:deadlines test-2017 -->\n",
    }
    tree.update(overrides)
    return tree


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[..., Path]:
    def make(tree: Tree | None = None, **overrides: str) -> Path:
        return write_tree(tmp_path, tree if tree is not None else basic_tree(**overrides))

    return make


def run(
    args: list[str], cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env.update(env or {})
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=full_env, check=False)


def mkdocs_build(
    root: Path, *extra: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "mkdocs"), "build", "--strict", *extra], root, env)


def campaign_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "campaign"), *args], root)


def post(
    title: str,
    date: str,
    *,
    campaign: str | None = "test-2017",
    extra: str = "",
    body: str = "正文第一段。\n",
) -> str:
    """A news post with front matter, as editors write them."""
    head = f"---\ntitle: {title}\ndate: {date}\n"
    if campaign:
        head += f"campaign: {campaign}\n"
    return head + extra + "---\n\n" + body


def news_tree(count: int, **overrides: str) -> dict[str, str]:
    """The basic site with ``count`` posts, one a day from 2017-09-01, 市级 and 省级 in turn."""
    tree = basic_tree(**overrides)
    for n in range(count):
        day = f"2017-09-{n % 28 + 1:02d} {n // 28 + 8:02d}:00"
        level = "市级" if n % 2 == 0 else "省级"
        tree[f"docs/news/post-{n:03d}.md"] = post(
            f"新闻{n:03d}", day, extra=f"source: 铜川日报\nsource_level: {level}\ntags: [扶贫日]\n"
        )
    return tree
