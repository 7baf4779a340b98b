from __future__ import annotations

from campaign_pages.blocks import Block, expand_blocks, find_blocks

PAGE = """\
# 首页

<!-- campaign:schedule test-2017 -->

```markdown
<!-- campaign:schedule shown-in-guide -->
```

<!-- campaign:schedul test-2017 -->
<!-- campaign:deadlines -->
<!-- campaign schedule test-2017 -->
<!-- campaign:deadlines nope-2017 -->
"""


def test_markers_outside_code_are_found_and_mistakes_reported() -> None:
    blocks, problems = find_blocks(PAGE, "docs/index.md")
    assert blocks == [Block(3, "schedule", "test-2017"), Block(12, "deadlines", "nope-2017")]
    assert [(p.line, p.message) for p in problems] == [
        (9, "未知的区块类型“schedul”"),
        (10, "区块“deadlines”需要且只需要一个方案 id"),
        (11, "无法识别的区块标记“<!-- campaign schedule test-2017 -->”"),
    ]
    assert problems[0].hint == "是否想写“schedule”？"


def test_expand_replaces_markers_and_reports_unknown_campaigns() -> None:
    def render(block: Block) -> str | None:
        return f"<div>{block.kind}</div>" if block.campaign_id == "test-2017" else None

    text, problems = expand_blocks(PAGE, "docs/index.md", render, ["test-2017"])
    assert "\n<div>schedule</div>\n" in text
    assert "<!-- campaign:schedule shown-in-guide -->" in text  # left alone in code
    unknown = [str(p) for p in problems if p.line == 12]
    assert unknown == ["docs/index.md:12: 未知的方案“nope-2017” 提示：是否想写“test-2017”？"]
