"""The ``campaign`` command, run as editors and CI run it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import CAMPAIGN, MKDOCS_YML, campaign_cli, mkdocs_build, news_tree


def test_check_clean_site_exits_zero(make_tree: Callable[..., Path]) -> None:
    result = campaign_cli(make_tree(), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "1 个方案，3 项活动，5 个部门，0 篇新闻；0 个错误，0 个警告" in result.stderr


def test_check_lists_every_mistake_and_exits_one(make_tree: Callable[..., Path]) -> None:
    bad = (
        CAMPAIGN.replace("lead: [市委宣传部, 市扶贫局]", "lead: [市委宣传部, 市扶贫办]")
        .replace("when: 扶贫日当天或之前", "when: 扶贫节当天")
        .replace("  - id: report\n", "  - id: report\n    tittle: x\n")
    )
    guide = (
        "# 指南\n\n```\n<!-- campaign:schedule nope -->\n```\n\n"
        "<!-- campaign:scheduel test-2017 -->\n<!-- campaign:schedule test-2071 -->\n"
    )
    root = make_tree(**{"data/campaigns/test-2017.yml": bad, "docs/guide.md": guide})
    result = campaign_cli(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    path = "data/campaigns/test-2017.yml"
    assert result.stdout.splitlines() == [
        f"{path}:13: 未知部门“市扶贫办” 提示：是否想写“市扶贫局”？",
        f"{path}:23: 时间“扶贫节当天”里的“扶贫节”不知道是哪一天 "
        "提示：本方案的关键日是“扶贫日”，可写“扶贫日前后”等；其他日子请写具体日期。",
        f"{path}:29: 未知的键“tittle” 提示：是否想写“title”？",
        "docs/guide.md:7: 未知的区块类型“scheduel” 提示：是否想写“schedule”？",
        "docs/guide.md:8: 未知的方案“test-2071” 提示：是否想写“test-2017”？",
    ]
    assert "5 个错误，0 个警告" in result.stderr


def test_check_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = campaign_cli(tmp_path, "check")
    assert result.returncode == 2
    assert "找不到站点配置" in result.stderr and "Traceback" not in result.stderr


def test_new_campaign_scaffold_passes_check(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    result = campaign_cli(root, "new", "campaign", "xianfa-2026", "--title", "宪法宣传周方案")
    assert result.returncode == 0, result.stderr
    text = (root / "data/campaigns/xianfa-2026.yml").read_text("utf-8")
    assert text.startswith("# 活动方案") and "title: 宪法宣传周方案" in text
    check = campaign_cli(root, "check")
    assert check.returncode == 0, check.stdout
    assert "2 个方案" in check.stderr
    # never overwrites, and refuses ids that cannot be URLs
    assert campaign_cli(root, "new", "campaign", "xianfa-2026").returncode == 2
    bad = campaign_cli(root, "new", "campaign", "宪法周")
    assert bad.returncode == 2 and "只能由小写英文字母" in bad.stderr


@pytest.mark.parametrize(
    ("kind", "heading", "page"),
    [
        ("work-plan", "# 工作方案", "responsibilities.md"),
        ("rectification", "# 整改台账", "index.md"),
        ("report", "# 工作总结", "index.md"),
    ],
)
def test_new_scaffolds_of_every_kind_pass_check_and_build(
    make_tree: Callable[..., Path], tmp_path: Path, kind: str, heading: str, page: str
) -> None:
    root = make_tree()
    result = campaign_cli(root, "new", kind, "doc-2017", "--title", "测试文件")
    assert result.returncode == 0, result.stderr
    text = (root / "data/campaigns/doc-2017.yml").read_text("utf-8")
    assert text.startswith(heading) and "title: 测试文件" in text and f"kind: {kind}" in text
    assert "（年份）" not in text  # the site's year, 2017 in the test tree
    check = campaign_cli(root, "check", "--strict")
    assert check.returncode == 0, check.stdout
    assert "2 个方案" in check.stderr
    out = tmp_path / "out"
    assert campaign_cli(root, "pages", "--out", str(out)).returncode == 0
    assert "测试文件" in (out / "campaigns/doc-2017" / page).read_text("utf-8")


def test_pages_writes_outputs(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = make_tree()
    out = tmp_path / "out"
    result = campaign_cli(root, "pages", "--out", str(out))
    assert result.returncode == 0, result.stderr
    schedule = (out / "campaigns/test-2017/schedule.md").read_text("utf-8")
    assert schedule.startswith('---\ntitle: "测试扶贫日活动方案：活动日程"\n---\n')
    assert "# 测试扶贫日活动方案：活动日程" in schedule
    assert (out / "calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "时钟" not in result.stderr  # today came from the plugin options in mkdocs.yml


def test_warnings_fail_only_under_strict(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/原文.docx": "x"})
    relaxed = campaign_cli(root, "check")
    assert relaxed.returncode == 0
    assert "data/campaigns/原文.docx:1: 不是 YAML 文件，没有读取" in relaxed.stdout
    assert "0 个错误，1 个警告" in relaxed.stderr
    assert campaign_cli(root, "check", "--strict").returncode == 1


def test_new_news_is_a_draft_that_passes_check(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    result = campaign_cli(
        root, "new", "news", "press", "--title", "发布会", "--campaign", "test-2017"
    )
    assert result.returncode == 0, result.stderr
    [path] = (root / "docs/news").rglob("press.md")
    text = path.read_text("utf-8")
    assert "title: 发布会" in text and "campaign: test-2017" in text and "draft: true" in text
    assert "date: 2017-10-12" in text  # the site's today (site.yml), not the clock
    check = campaign_cli(root, "check")
    assert check.returncode == 0, check.stdout
    assert "1 篇新闻" in check.stderr
    assert "press.md: 草稿（draft: true），不会发布" in check.stderr  # says why it is not out
    path.write_text(text.replace("draft: true", "").replace("2017-10-12", "2017-11-01"), "utf-8")
    later = campaign_cli(root, "check")
    assert "日期 2017-11-01 在“今天”（2017-10-12）之后，到那天才发布" in later.stderr
    assert campaign_cli(root, "new", "news", "press").returncode == 2  # never overwrites


def test_the_command_line_speaks_chinese(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    help_text = campaign_cli(root, "--help").stdout + campaign_cli(root, "stats", "-h").stdout
    assert "用法：campaign" in help_text and "显示这份说明并退出" in help_text
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in help_text
    typo = campaign_cli(root, "chek")
    assert typo.returncode == 2
    assert "命令“chek”不是可用的值" in typo.stderr and "是否想写“check”" in typo.stderr
    value = campaign_cli(root, "stats", "--by", "lvl")
    assert "--by 的值“lvl”不是可用的值" in value.stderr and "是否想写“level”" in value.stderr
    missing = campaign_cli(root, "import")
    assert "缺少必须写的参数：文件" in missing.stderr
    unknown = campaign_cli(root, "check", "--strct")
    assert "不认识的参数：--strct" in unknown.stderr
    for result in (typo, value, missing, unknown):
        assert "invalid choice" not in result.stderr and "error:" not in result.stderr


def test_plugin_options_are_checked_as_mkdocs_checks_them(make_tree: Callable[..., Path]) -> None:
    options = '      today: 2017-10-12\n      feed_size: "20"\n      news_pagesize: 5\n'
    root = make_tree(**{"mkdocs.yml": MKDOCS_YML.replace("      today: 2017-10-12\n", options)})
    result = campaign_cli(root, "check")
    assert result.returncode == 2
    assert result.stderr == (
        "campaign: mkdocs.yml 里的插件选项有误：插件选项 feed_size 应为整数，这里是文本“20”；"
        "未知的插件选项“news_pagesize”，是否想写“news_page_size”？\n"
    )
    build = mkdocs_build(root)  # --strict stops at MkDocs' own warning for the unknown one
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "插件选项 feed_size 应为整数，这里是文本“20”" in build.stderr


def test_options_read_as_mkdocs_hands_them_over(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    # MkDocs takes `enabled` itself; an empty option keeps its default; a quoted date is a date
    options = '      enabled: true\n      today: "2017-10-12"\n      feed_size:\n'
    root = make_tree(**{"mkdocs.yml": MKDOCS_YML.replace("      today: 2017-10-12\n", options)})
    result = campaign_cli(root, "pages", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "时钟" not in result.stderr
    bad = campaign_cli(root, "pages", "--out", str(tmp_path / "out"), "--today", "10月12日")
    assert bad.returncode == 2 and "“10月12日”不是日期" in bad.stderr
    assert "Traceback" not in bad.stderr


REPORT = """\
title: 测试工作总结
kind: report
period: {start: 2017-01-01, end: 2017-12-31}
figures:
  - {label: 各类媒体发表稿件, value: 30, unit: 篇, count: {}}
  - {label: 市级媒体稿件, value: 2, unit: 篇, count: {source_level: 市级}}
  - {label: 宣传标语, value: 61, unit: 条}
"""


def test_stats_compares_a_reports_figures_with_the_news(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(3)
    tree["data/campaigns/report-2017.yml"] = REPORT
    root = make_tree(tree)
    result = campaign_cli(root, "stats", "--report", "report-2017")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "测试工作总结：报告数字与网站统计"
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows["各类媒体发表稿件"][1:5] == ["30", "篇", "3", "少"]
    assert rows["宣传标语"] == ["宣传标语", "61", "条"]  # stated only: nothing counted
    # columns line up by display width: every row's second column starts at one place
    starts = {_display_width(line[: line.index(line.split()[1])]) for line in lines[1:]}
    assert len(starts) == 1
    as_csv = campaign_cli(root, "stats", "--report", "report-2017", "--format", "csv")
    assert as_csv.stdout.splitlines()[1].startswith("各类媒体发表稿件,30 篇,3,少 27,")
    wrong = campaign_cli(root, "stats", "--report", "test-2017")
    assert wrong.returncode == 2 and "report-2017" in wrong.stderr


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_stats_csv_opens_in_excel_on_chinese_windows(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    """UTF-8 with a byte order mark (Excel takes a file without one for GBK), CRLF, and
    Chinese headers; read back with the csv module as Excel's import would."""
    import csv

    root = make_tree(news_tree(4))
    out = tmp_path / "统计.csv"
    result = campaign_cli(root, "stats", "--by", "source", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["媒体", "篇数"]
    assert all(row[1].isdigit() for row in rows[1:]) and len(rows) > 1


def test_the_readme_and_the_help_name_the_same_option_values(
    make_tree: Callable[..., Path],
) -> None:
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    help_text = campaign_cli(make_tree(), "stats", "-h").stdout
    for option in ("--by", "--format"):
        in_help = set(re.search(rf"{option} \{{([^}}]+)\}}", help_text)[1].split(","))  # type: ignore[index]
        in_readme = {
            v
            for m in re.finditer(rf"`campaign stats {option} ([\w\\|]+)", readme)
            for v in m[1].replace("\\", "").split("|")
        } | {
            v
            for m in re.finditer(rf"\[{option} ([\w\\|]+)\]", readme)
            for v in m[1].replace("\\", "").split("|")
        }
        assert in_readme == in_help, option
