"""Typing slips an editor makes in YAML, each reported on its own line with the line as it
should be — and, through ``campaign check``, alone: no follow-on errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages.core.load.yamlsrc import load_yaml

from .conftest import campaign_cli

PLAN = """\
title: 宪法宣传周
activities:
  - id: press
    title: 新闻发布会
    when: 12月2日
    lead: [市司法局, 市委宣传部]
"""

SLIPS = [
    # (what the editor typed in place of what, line, message, the fix shown)
    ("    title: 新闻发布会", "    title：新闻发布会", 4, "第 10 列：键“title”后面用了中文冒号“：”",
     "改成「    title: 新闻发布会」"),
    ("title: 宪法宣传周", "title：宪法宣传周", 1, "第 6 列：键“title”后面用了中文冒号“：”",
     "改成「title: 宪法宣传周」"),
    ("    when:", "\u3000\u3000when:", 5, "第 1 列：这一行用全角空格（中文输入法的空格）缩进",
     "改成「    when: 12月2日」"),
    ("when: 12月2日", "when:12月2日", 5, "第 10 列：键“when”的冒号后面少了空格",
     "改成「    when: 12月2日」"),
    ("  - id: press", "  -id: press", 3, "第 3 列：列表的短横“-”后面少了空格",
     "改成「  - id: press」"),
    ("    lead:", "      lead:", 6, "第 1 列：这一行比上一行的“when”多缩进了 2 个空格",
     "改成「    lead: [市司法局, 市委宣传部]」"),
    ("市委宣传部]", "市委宣传部", 6, "YAML 格式错误：这一行开始的方括号 [ 没有配对的 ]",
     "改成「    lead: [市司法局, 市委宣传部]」"),
    ("title: 新闻发布会", 'title: "新闻发布会', 4, "YAML 格式错误：这一行开始的引号没有结束",
     "改成「    title: \"新闻发布会\"」"),
    ("title: 新闻发布会", "title: 主题: 宪法", 4, "YAML 格式错误：这里多了一个冒号",
     "改成「    title: \"主题: 宪法\"」"),
    ("title: 新闻发布会", "title: @市委 发布会", 4, "第 12 列：“title”的内容以“@”开头，YAML 会把它当作特殊符号",
     "改成「    title: \"@市委 发布会\"」"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "line", "message", "fix"), SLIPS)
def test_each_slip_is_told_with_its_fix(
    old: str, new: str, line: int, message: str, fix: str
) -> None:
    data, problems = load_yaml(PLAN.replace(old, new, 1), "c.yml")
    assert data is None
    assert [(p.line, p.message) for p in problems] == [(line, message)]
    assert fix in problems[0].hint


def test_a_hash_that_makes_a_comment_is_a_warning_with_the_fix() -> None:
    data, problems = load_yaml(PLAN.replace("title: 新闻发布会", "title: #1 新闻发布会"), "c.yml")
    assert data["activities"][0]["title"] is None  # what YAML makes of it
    (warning,) = problems
    assert warning.severity.value == "warning" and warning.line == 4
    assert '改成「    title: "#1 新闻发布会"」' in warning.hint


def test_lines_inside_a_block_of_text_are_never_read_as_keys() -> None:
    text = PLAN + "    body: |\n      注意：会场\n      note:abc 与 @市委\n"
    data, problems = load_yaml(text, "c.yml")
    assert problems == []
    assert data["activities"][0]["body"] == "注意：会场\nnote:abc 与 @市委\n"


def test_every_slip_at_once_and_nothing_after_it(make_tree: Callable[..., Path]) -> None:
    """In a real site: the slips of a file, all at once, each at its line, and no error about
    the campaign the file would have held (its news and blocks are not "unknown")."""
    root = make_tree()
    path = root / "data/campaigns/test-2017.yml"
    text = path.read_text("utf-8")
    broken = text.replace("title: ", "title：", 1)
    broken = broken.replace("\n  - id:", "\n  -id:", 1)
    assert broken != text
    path.write_text(broken, "utf-8")
    result = campaign_cli(root, "check")
    errors = [line for line in result.stdout.splitlines() if line.startswith("data/")]
    assert len(errors) == 2, result.stdout
    assert all("test-2017.yml:" in line for line in errors)
    assert "中文冒号" in errors[0] and "短横" in errors[1]
    assert "改成「" in errors[0] and "改成「" in errors[1]


def test_what_was_opened_and_never_closed_is_told_by_its_column() -> None:
    _, problems = load_yaml(PLAN.replace("市委宣传部]", "市委宣传部", 1), "c.yml")
    assert "第 11 列的“[”没有配对" in problems[0].hint
    _, problems = load_yaml(PLAN.replace("title: 新闻发布会", 'title: "新闻发布会'), "c.yml")
    assert '第 12 列的“"”没有配对' in problems[0].hint
