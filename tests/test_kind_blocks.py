"""The editors' blocks of work plans, ledgers and reports, in a real build."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from .conftest import campaign_cli, mkdocs_build

PLAN = """\
title: 测试工作方案
kind: work-plan
year: 2017
as_of: 2017-09-30
tasks:
  - title: 强化思想武装
    items:
      - title: 抓好班子建设
        responsible: [市委宣传部]
        due: 6月底前
        status: ongoing
      - title: 加强干部培训
        lead: [市扶贫局]
        due: 长期坚持
        status: long-term
"""

LEDGER = """\
title: 测试整改台账
kind: rectification
year: 2017
as_of: 2017-09-30
inspection: {by: 市委第五巡察组, feedback: 2017-05-12}
areas:
  - title: 学习不够深入
    items:
      - title: 学习重要论述不主动
        measures: [一是列为部务会学习重点]
        responsible: [市委宣传部]
        due: 立行立改
        status: ongoing
"""

REPORT = """\
title: 测试工作总结
kind: report
period: {start: 2017-01-01, end: 2017-12-31}
figures:
  - {label: 各类媒体发表稿件, value: 30, unit: 篇, count: {}}
  - {label: 宣传标语, value: 61, unit: 条}
themed_months:
  - {month: 3, title: 道德教育活动月}
"""

PAGE = """\
# 专题

<!-- campaign:tasks plan-2017 -->

<!-- campaign:responsibilities plan-2017 -->

<!-- campaign:overdue plan-2017 -->

<!-- campaign:overdue ledger-2017 -->

<!-- campaign:ledger-summary ledger-2017 -->

<!-- campaign:ledger ledger-2017 -->

<!-- campaign:figures report-2017 -->

<!-- campaign:months report-2017 -->
"""


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_block_of_the_new_kinds_shows_its_part(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_tree(
        **{
            "data/campaigns/plan-2017.yml": PLAN,
            "data/campaigns/ledger-2017.yml": LEDGER,
            "data/campaigns/report-2017.yml": REPORT,
            "docs/index.md": PAGE,
        }
    )
    check = campaign_cli(root, "check", "--strict")
    assert check.returncode == 0, check.stdout
    out = tmp_path / "site"
    result = mkdocs_build(root, "-d", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "index.html").read_text("utf-8")
    assert "<!-- campaign:" not in page  # every marker replaced
    text = _text(page)
    for kind in ("tasks", "responsibilities", "overdue", "ledger-summary", "ledger", "figures"):
        assert f"cp-block--{kind}" in page, kind
    # tasks: every task with its unit and due words
    for words in ("抓好班子建设", "加强干部培训", "市委宣传部", "市扶贫局", "6月底前", "长期坚持"):
        assert words in text, words
    # overdue at as_of 2017-09-30: the plan's 6月底前 task, the ledger's 立行立改 problem
    assert "已逾期 92 天" in text  # 2017-06-30 → 2017-09-30
    assert "已逾期 141 天" in text  # 2017-05-12 → 2017-09-30
    # the ledger's header row, and the report's stated figure beside the counted one
    assert "方面 问题 整改措施 责任单位 责任领导 整改时限 状态 完成时间" in text
    assert "一是列为部务会学习重点" in text
    assert "各类媒体发表稿件" in text and "宣传标语" in text
    assert "道德教育活动月" in text and "十二月" in text
    # links from the blocks go to the tasks and problems on the documents' own pages
    links = set(re.findall(r'href="campaigns/([a-z0-9-]+)/#([a-z0-9-]+)"', page))
    assert {doc for doc, _ in links} == {"plan-2017", "ledger-2017", "report-2017"}
    for doc, anchor in links:
        target = (out / "campaigns" / doc / "index.html").read_text("utf-8")
        assert f'id="{anchor}"' in target, (doc, anchor)
