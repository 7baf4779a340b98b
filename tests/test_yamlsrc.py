from __future__ import annotations

import datetime as dt

from campaign_pages.yamlsrc import LList, LMap, line_of, load_yaml


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


def test_anchors_merge_keys_and_dates_read_as_yaml_says() -> None:
    text = (
        "base: &b {lead: 甲, phone: 0919}\n"
        "one:\n  <<: *b\n  title: 一\n"
        "same: *b\n"
        "day: 2017-10-17\n"
        "bad_day: 2017-13-01\n"
        "none: ~\n"
        "forced: !!int '5'\n"
    )
    data, problems = load_yaml(text, "f.yml")
    assert problems == []
    assert data["one"] == {"lead": "甲", "phone": "0919", "title": "一"}
    assert data["same"] is data["base"]  # an alias is the anchored value, as in PyYAML
    assert data["day"] == dt.date(2017, 10, 17)
    assert data["bad_day"] == "2017-13-01"  # looks like a date, is none: the text is kept
    assert data["none"] is None and data["forced"] == 5


def test_recursive_aliases_and_python_tags_are_problems_not_crashes() -> None:
    data, problems = load_yaml("a: &x\n  - *x\n", "f.yml")
    assert data is None and problems[0].line == 1 and "递归" in problems[0].message
    data, problems = load_yaml("a: !!python/object:os.system {}\n", "f.yml")
    assert data is None and "不支持的标签" in problems[0].message


def test_keys_must_be_text() -> None:
    data, problems = load_yaml("? [1, 2]\n: x\ntitle: y\n", "f.yml")
    assert data == {"title": "y"}
    assert [p.line for p in problems] == [1] and "应为文本" in problems[0].message
