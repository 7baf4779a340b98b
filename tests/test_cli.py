from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import CAMPAIGN, campaign_cli


def test_check_clean_site_exits_zero(make_tree: Callable[..., Path]) -> None:
    result = campaign_cli(make_tree(), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "1 个方案，3 项活动，5 个部门；0 个错误，0 个警告" in result.stderr


def test_check_lists_every_mistake_and_exits_one(make_tree: Callable[..., Path]) -> None:
    bad = (
        CAMPAIGN.replace("lead: [市委宣传部, 市扶贫局]", "lead: [市委宣传部, 市扶贫办]")
        .replace("when: 扶贫日当天或之前", "when: 扶贫节当天")
        .replace("  - id: report\n", "  - id: report\n    tittle: x\n")
    )
    root = make_tree(
        **{
            "data/campaigns/test-2017.yml": bad,
            "docs/guide.md": "# 指南\n\n```\n<!-- campaign:schedule nope -->\n```\n\n<!-- campaign:scheduel test-2017 -->\n",
        }
    )
    result = campaign_cli(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    path = "data/campaigns/test-2017.yml"
    # the unknown key stops that file at the schema stage, so fix it and check again below
    assert lines == [
        f"{path}:42: 未知的键“tittle” 提示：是否想写“title”？",
        "docs/guide.md:7: 未知的区块类型“scheduel” 提示：是否想写“schedule”？",
    ]
    (root / path).write_text(bad.replace("    tittle: x\n", ""), encoding="utf-8")
    result = campaign_cli(root, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:13: 未知部门“市扶贫办” 提示：是否想写“市扶贫局”")
    assert lines[1].startswith(f"{path}:29: ") and "“扶贫节当天”" in lines[1]
    assert lines[2] == "docs/guide.md:7: 未知的区块类型“scheduel” 提示：是否想写“schedule”？"
    assert len(lines) == 3


def test_pages_writes_outputs(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = make_tree()
    out = tmp_path / "out"
    result = campaign_cli(root, "pages", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        (out / "campaigns/test-2017/schedule.md")
        .read_text("utf-8")
        .startswith("# 测试扶贫日活动方案：活动日程")
    )
    assert (out / "calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "时钟" not in result.stderr  # today came from the plugin options in mkdocs.yml
