from __future__ import annotations

from campaign_pages.core.read.blocks import Block, expand_blocks, find_blocks

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
    blocks, problems = find_blocks(PAGE, "docs/index.md", {"test-2017": "activity-plan"})
    assert blocks == [Block(3, "schedule", "test-2017")]
    assert [(p.line, p.message) for p in problems] == [
        (9, "未知的区块类型“schedul”"),
        (10, "区块“deadlines”需要且只需要一个方案 id"),
        (11, "无法识别的区块标记“<!-- campaign schedule test-2017 -->”"),
        (12, "未知的方案“nope-2017”"),
    ]
    assert problems[0].hint == "是否想写“schedule”？"
    assert problems[3].hint == "是否想写“test-2017”？"


def test_expand_replaces_only_good_markers() -> None:
    text, problems = expand_blocks(
        PAGE,
        "docs/index.md",
        lambda block: f"<div>{block.kind}</div>",
        {"test-2017": "activity-plan"},
    )
    assert "\n<div>schedule</div>\n" in text
    assert text.count("<div>") == 1
    assert "<!-- campaign:schedule shown-in-guide -->" in text  # left alone in code
    assert "<!-- campaign:deadlines nope-2017 -->" in text  # reported, not replaced
    assert len(problems) == 4


def test_markers_of_a_campaign_whose_file_has_errors_are_left_alone() -> None:
    page = "<!-- campaign:schedule broken-2017 -->\n<!-- campaign:schedule broken-2071 -->\n"
    text, problems = expand_blocks(
        page,
        "docs/index.md",
        lambda block: "<div></div>",
        {"test-2017": "activity-plan"},
        {"broken-2017"},
    )
    assert text == page  # not replaced, and not reported: the error is in its own file
    assert [str(p) for p in problems] == [
        "docs/index.md:2: 未知的方案“broken-2071” 提示：是否想写“broken-2017”？"
    ]


def test_lines_are_counted_as_markdown_and_editors_count_them() -> None:
    page = "第一行\u2028仍是第一行\n\u2029\x85\n<!-- campaign:schedule nope-2017 -->\n"
    _, problems = find_blocks(page, "docs/index.md", {"test-2017": "activity-plan"})
    assert [(p.line, p.message) for p in problems] == [(3, "未知的方案“nope-2017”")]
    text, _ = expand_blocks(
        page.replace("nope", "test"),
        "docs/index.md",
        lambda b: "<div></div>",
        {"test-2017": "activity-plan"},
    )
    assert text == "第一行\u2028仍是第一行\n\u2029\x85\n\n<div></div>\n\n"


def test_a_marker_without_an_end_on_a_long_line() -> None:
    """The marker pattern is linear: a 100,000-character line is one problem, at once."""
    line = "<!-- campaign:schedule " + "x " * 50_000
    _, problems = find_blocks(line, "docs/index.md", {"x": "activity-plan"})
    assert [p.line for p in problems] == [1]


def test_a_block_of_a_part_the_campaign_has_not_is_reported_with_what_it_has() -> None:
    kinds = {"plan-2023": "work-plan", "ledger-2023": "rectification", "report-2023": "report"}
    page = "\n".join(
        [
            "<!-- campaign:ledger plan-2023 -->",
            "<!-- campaign:tasks plan-2023 -->",
            "<!-- campaign:schedule report-2023 -->",
            "<!-- campaign:ledger-summary ledger-2023 -->",
            "<!-- campaign:deadlines report-2023 -->",
        ]
    )
    blocks, problems = find_blocks(page, "docs/index.md", kinds)
    assert [(b.kind, b.campaign_id) for b in blocks] == [
        ("tasks", "plan-2023"),
        ("ledger-summary", "ledger-2023"),
        ("deadlines", "report-2023"),
    ]
    assert [(p.line, p.message) for p in problems] == [
        (1, "区块“ledger”只用于整改台账，“plan-2023”是工作方案"),
        (3, "区块“schedule”只用于活动方案，“report-2023”是工作总结"),
    ]
    assert "tasks" in problems[0].hint and "figures" in problems[1].hint
