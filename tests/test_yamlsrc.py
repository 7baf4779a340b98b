from __future__ import annotations

import datetime as dt
import time

import pytest

from campaign_pages.core.load.yamlsrc import LList, LMap, line_of, load_yaml
from campaign_pages.core.problems import Severity


def test_lines_of_keys_and_items_are_kept() -> None:
    data, problems = load_yaml(
        "title: x\nactivities:\n  - title: a\n  - title: b\n    lead: 甲\n", "f.yml"
    )
    assert problems == []
    assert isinstance(data, LMap)
    assert isinstance(data["activities"], LList)
    assert line_of(data, ("title",)) == 1
    assert line_of(data, ("activities", 1)) == 4
    assert line_of(data, ("activities", 1, "lead")) == 5
    # a location deeper than the data stops at the deepest known node
    assert line_of(data, ("activities", 1, "lead", 3, "x")) == 5


def test_plain_numbers_keep_the_editors_spelling() -> None:
    data, _ = load_yaml('when: 9:30\nphone: 09190000000\nyear: 2017\nquoted: "9:30"\n', "f.yml")
    # YAML 1.1 reads 9:30 as the base-60 number 570 and drops a phone number's leading zero
    assert data == {"when": "9:30", "phone": "09190000000", "year": "2017", "quoted": "9:30"}


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    _, problems = load_yaml("title: a\nlead: 甲\ntitle: b\n", "data/x.yml")
    assert [str(p) for p in problems] == [
        "data/x.yml:3: 重复的键“title”（第 1 行已有） 提示：同一层里每个键只能写一次，后写的会覆盖先写的。"
    ]


def test_syntax_errors_are_problems_with_a_line() -> None:
    data, problems = load_yaml("title: a\nactivities:\n  - title: b\n   lead: [x\n", "data/x.yml")
    assert data is None
    assert len(problems) == 1
    assert problems[0].path == "data/x.yml"
    assert problems[0].line == 4
    assert problems[0].message.startswith("YAML 格式错误")
    assert problems[0].hint and "缩进" in problems[0].hint


def test_dates_nulls_and_tags_read_as_yaml_says() -> None:
    text = "day: 2017-10-17\nbad_day: 2017-13-01\nnone: ~\nforced: !!int '5'\n=: v\n"
    data, problems = load_yaml(text, "f.yml")
    assert problems == []
    assert data["day"] == dt.date(2017, 10, 17)
    assert data["bad_day"] == "2017-13-01"  # looks like a date, is none: the text is kept
    assert data["none"] is None and data["forced"] == 5
    assert data["="] == "v"  # YAML's "value" key is text


def _billion_laughs() -> str:
    """Nine levels of nine aliases: 351 bytes that expand to 9**9 (387 million) strings."""
    lines = ["title: 方案", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        below = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{below}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_one_problem_and_nothing_is_expanded() -> None:
    started = time.perf_counter()
    data, problems = load_yaml(_billion_laughs(), "data/campaigns/bomb.yml")
    print(f"billion laughs refused in {time.perf_counter() - started:.4f} s")
    assert data is None  # nothing built, let alone expanded
    assert [str(p) for p in problems] == [
        "data/campaigns/bomb.yml:3: 不支持 YAML 别名“*a”（文件里共有 72 处） "
        "提示：把第 2 行“&a”处的内容直接写到用到它的地方，再删去 &a 和 *a。"
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("base: &b 市委宣传部\nlead: *b\n", 2, "不支持 YAML 别名“*b”"),
        ("base: &b {lead: 甲}\none:\n  <<: *b\n", 3, "不支持 YAML 的合并键“<<”"),
        ("one:\n  <<: {lead: 甲}\n", 2, "不支持 YAML 的合并键“<<”"),
        ("a: &x\n  - *x\n", 2, "不支持 YAML 别名“*x”"),  # recursive
        ("s: &s [1]\nset: !!set {? *s}\n", 2, "不支持 YAML 别名“*s”"),  # under a tag of its own
        ("- &k key\n- {*k : v}\n", 2, "不支持 YAML 别名“*k”"),  # as a key
    ],
)
def test_aliases_and_merge_keys_are_refused(text: str, line: int, message: str) -> None:
    data, problems = load_yaml(text, "f.yml")
    assert data is None
    assert [(p.line, p.message) for p in problems] == [(line, message)]


def test_python_tags_are_problems_not_crashes() -> None:
    data, problems = load_yaml("a: !!python/object:os.system {}\n", "f.yml")
    assert data is None and "不支持的标签" in problems[0].message


def test_deep_nesting_is_a_problem_not_a_recursion_error() -> None:
    data, problems = load_yaml("a: " + "[" * 500 + "]" * 500 + "\n", "f.yml")
    assert data is None
    assert [str(p) for p in problems] == [
        "f.yml:1: YAML 格式错误：嵌套超过 50 层 "
        "提示：检查缩进和括号：这么多层的嵌套多半是缩进或括号写错了。"
    ]
    data, problems = load_yaml("a: !!omap " + "[{k: " * 80 + "1" + "}]" * 80 + "\n", "f.yml")
    assert data is None and problems[0].message == "YAML 格式错误：嵌套超过 50 层"


def test_an_unclosed_quote_is_reported_where_it_opened() -> None:
    text = 'title: 方案\nsummary: "我市召开\n' + "".join(f"key{n}: 第{n}项\n" for n in range(100))
    data, problems = load_yaml(text, "data/campaigns/x.yml")
    assert data is None
    assert [str(p) for p in problems] == [
        "data/campaigns/x.yml:2: YAML 格式错误：这一行开始的引号没有结束 "
        '提示：第 10 列的“"”没有配对，改成「summary: "我市召开"」。'
        "在文字末尾补上同样的引号；文字里本身有引号时，改用中文引号“”。"
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: a\nlead: [甲, 乙\nb: c\nd: e\n", 2, "这一行开始的方括号 [ 没有配对的 ]"),
        ("title: a\nx: {a: 1\nb: c\n", 2, "这一行开始的花括号 { 没有配对的 }"),
        ("title: a\n说明文字\nb: c\n", 2, "这一行缺少冒号"),
        ("title: a\n\tlead: b\n", 2, "这一行用 Tab 缩进"),
        ("title: 时间: 上午\n", 1, "这里多了一个冒号"),
        ("title: a\nx: [\n", 2, "方括号 [ 或花括号 { 没有配对，文件就结束了"),  # not past the end
        ("a:\n  - b: 1\n   c: 2\n", 3, "这一行的缩进和上面的列表项对不齐"),
    ],
)
def test_syntax_errors_in_chinese_at_the_editors_line(text: str, line: int, message: str) -> None:
    data, problems = load_yaml(text, "f.yml")
    assert data is None
    assert [(p.line, p.message) for p in problems] == [(line, f"YAML 格式错误：{message}")]


def test_control_characters_are_located_and_named() -> None:
    data, problems = load_yaml("title: 方案\nlead: 甲\nbody: 正文\x00内容\x00\n", "f.yml")
    assert data is None
    assert [str(p) for p in problems] == [
        "f.yml:3: 第 9 列有看不见的字符 U+0000（空字符），YAML 里不允许（文件里共有 2 个） "
        "提示：删除这个字符（多半是复制粘贴时带进来的）；也可以删掉这一行重新输入。"
    ]
    _, problems = load_yaml("title: a\x08b\n", "f.yml")
    assert problems[0].message == "第 9 列有看不见的字符 U+0008（退格符），YAML 里不允许"
    _, problems = load_yaml("title: a\nb: \x01\n", "f.yml")
    assert (problems[0].line, problems[0].message) == (
        2,
        "第 4 列有看不见的字符 U+0001，YAML 里不允许",
    )


def test_line_separators_are_spaces_and_later_lines_keep_their_numbers() -> None:
    text = "title: 扶贫\u2028日\nsummary: 一\u2029二\x85三\nlead: x\nlead: y\n"
    data, problems = load_yaml(text, "f.yml")
    assert data == {"title": "扶贫 日", "summary": "一 二 三", "lead": "y"}
    assert [(p.line, p.message, p.severity) for p in problems] == [
        (1, "第 10 列有 U+2028（行分隔符），YAML 会把它当作换行，这里当作空格", Severity.WARNING),
        (2, "第 11 列有 U+2029（段分隔符），YAML 会把它当作换行，这里当作空格", Severity.WARNING),
        (2, "第 13 列有 U+0085（下一行符），YAML 会把它当作换行，这里当作空格", Severity.WARNING),
        (4, "重复的键“lead”（第 3 行已有）", Severity.ERROR),  # lines as an editor counts them
    ]


def test_keys_must_be_text() -> None:
    data, problems = load_yaml("? [1, 2]\n: x\ntitle: y\n", "f.yml")
    assert data == {"title": "y"}
    assert [p.line for p in problems] == [1] and "应为文本" in problems[0].message
