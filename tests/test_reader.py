"""Validation: every mistake at once, each as path:line: message with a hint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from campaign_pages.core.dates import Precision
from campaign_pages.core.model import ActivityStatus
from campaign_pages.core.problems import Severity
from campaign_pages.core.read.site import read_site

from .conftest import CAMPAIGN

BROKEN = """\
title: 出错的方案
day: 2017-10-17
day_name: 扶贫日
peroid: {start: 2017-10-01, end: 2017-10-31}
activities:
  - id: press
    title: 召开新闻发布会
    when: 10月中旬
    lead: [市委宣传部, 市扶贫办]
    support: 市卫计局
  - id: press
    title: 第二项
    when: 十月某天
  - title: 第三项
    when: 11月29日(周一)
    lead: 宣传部
    status: delayed
  - title: 第四项
    start: 2017-10-20
    end: 2017-10-18
  - title: 123
    when: 10月16日—10日
deadlines:
  - title: 报送
    due: 2017-13-01
    to: 市脱贫攻坚领导小组办工室
"""


def test_every_mistake_is_reported_at_once_with_its_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/broken-2017.yml": BROKEN})
    site, problems = read_site(root / "data")
    path = "data/campaigns/broken-2017.yml"
    got = [(p.line, p.message) for p in problems if p.path == path]
    # schema mistakes (unknown key, bad status) do not hide the department and date mistakes
    assert got == [
        (4, "未知的键“peroid”"),
        (9, "未知部门“市扶贫办”"),
        (11, "id“press”与第 6 行重复"),
        (13, "无法识别的时间写法“十月某天”（从“某天”起看不懂）"),
        (15, "时间“11月29日(周一)”：2017年11月29日是星期三，不是星期一"),
        (17, "“status”的值“delayed”无效"),
        (20, "结束日期早于开始日期"),
        (22, "时间“10月16日—10日”的结束早于开始"),
        (25, "时间“2017-13-01”里的月份不存在：13月"),
        (26, "未知部门“市脱贫攻坚领导小组办工室”"),
    ]
    hints = {p.line: p.hint for p in problems if p.path == path}
    assert hints[4] == "是否想写“period”？"
    assert hints[9] == "是否想写“市扶贫局”？"
    assert hints[17] == "可选：planned、done、postponed、cancelled。"
    assert hints[26] == "是否想写“市脱贫攻坚领导小组办公室”？"
    assert all(hints.values())  # every problem says what to do
    assert all(p.severity is Severity.ERROR for p in problems)
    # the valid campaign still builds, and so does what is valid in the broken one
    assert [c.id for c in site.campaigns] == ["broken-2017", "test-2017"]
    broken = site.campaign("broken-2017")
    assert broken is not None
    third = broken.activities[2]
    assert [d.id for d in third.lead] == ["xcb"]  # aliases resolve: 宣传部 is 市委宣传部
    assert third.status is ActivityStatus.PLANNED  # the bad status was set aside


def test_a_title_is_text_even_when_yaml_reads_a_number(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/broken-2017.yml": BROKEN})
    site, _ = read_site(root / "data")
    broken = site.campaign("broken-2017")
    assert broken is not None
    assert broken.activities[4].title == "123"


def test_a_missing_title_drops_only_that_activity(make_tree: Callable[..., Path]) -> None:
    campaign = """\
title: 方案
day: 2017-10-17
activities:
  - id: a
    when: 10月1日
    lead: 市委宣扬部
  - id: b
    title: 第二项
    lead: 市委宣传部
"""
    root = make_tree(**{"data/campaigns/c-2017.yml": campaign})
    site, problems = read_site(root / "data")
    assert [str(p) for p in problems] == [
        "data/campaigns/c-2017.yml:4: 缺少必填的键“title” 提示：补上“title: …”；不需要这一项就整项删去。"
    ]
    c = site.campaign("c-2017")
    assert c is not None
    assert [a.id for a in c.activities] == ["b"]


def test_a_misspelt_key_hides_none_of_the_items_other_mistakes(
    make_tree: Callable[..., Path],
) -> None:
    campaign = """\
title: 方案
day: 2017-10-17
activities:
  - id: a
    titel: 第一项
    when: 12月32日
    lead: [市委宣传布]
  - id: b
    title: 第二项
    leed: [市扶贫具]
    suport: 市卫计局
"""
    root = make_tree(**{"data/campaigns/c-2017.yml": campaign})
    site, problems = read_site(root / "data")
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (5, "未知的键“titel”", "是否想写“title”？"),  # and not also "缺少 title"
        (6, "时间“12月32日”里的日期不存在：2017年没有12月32日", problems[1].hint),
        (7, "未知部门“市委宣传布”", "是否想写“市委宣传部”？"),
        (10, "未知的键“leed”", "是否想写“lead”？"),
        (10, "未知部门“市扶贫具”", "是否想写“市扶贫局”？"),
        (11, "未知的键“suport”", "是否想写“support”？"),
    ]
    c = site.campaign("c-2017")
    assert c is not None  # the misspelt keys were read as the keys they stand for
    assert [(a.title, [d.id for d in a.support]) for a in c.activities] == [
        ("第一项", []),
        ("第二项", ["wjj"]),
    ]


def test_department_directory_mistakes(make_tree: Callable[..., Path]) -> None:
    departments = """\
departments:
  - id: xcb
    name: 市委宣传部
  - id: xcb
    name: 市扶贫局
    aliases: [市委宣传部]
  - id: Bad Id
    name: 市卫计局
    phone: 09190000000
    fax: 1
"""
    root = make_tree(**{"data/departments.yml": departments})
    _, problems = read_site(root / "data")
    mine = [str(p) for p in problems if p.path == "data/departments.yml"]
    assert len(mine) == 4, mine
    same = "提示：每个部门的 id、名称和简称都不能与别的部门相同；同一个部门只写一次。"
    assert mine[0] == f"data/departments.yml:4: 部门id“xcb”与第 2 行的“市委宣传部”重复 {same}"
    assert (
        mine[1] == f"data/departments.yml:4: 部门简称“市委宣传部”与第 2 行的“市委宣传部”重复 {same}"
    )
    assert mine[2].startswith("data/departments.yml:7: “id”的值“Bad Id”只能由小写英文字母")
    assert (
        mine[3]
        == "data/departments.yml:10: 未知的键“fax” 提示：可用的键：id、name、aliases、group、description、url、phone、address"
    )


def test_duplicates_in_directory(make_tree: Callable[..., Path]) -> None:
    departments = """\
departments:
  - id: xcb
    name: 市委宣传部
  - id: xcb
    name: 市扶贫局
    aliases: [市委宣传部]
"""
    root = make_tree(
        **{"data/departments.yml": departments, "data/campaigns/test-2017.yml": "title: 空方案\n"}
    )
    _, problems = read_site(root / "data")
    assert [p.message for p in problems] == [
        "部门id“xcb”与第 2 行的“市委宣传部”重复",
        "部门简称“市委宣传部”与第 2 行的“市委宣传部”重复",
    ]
    assert {p.line for p in problems} == {4}


def test_yaml_syntax_error_in_one_file_does_not_hide_others(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        **{
            "data/campaigns/a-2017.yml": "title: [unclosed\n",
            "data/campaigns/b-2017.yml": "title: B\nactivities:\n  - title: x\n    lead: 无此部门\n",
        }
    )
    _, problems = read_site(root / "data")
    paths = sorted({(p.path, p.line) for p in problems})
    assert ("data/campaigns/a-2017.yml", 1) in paths  # where the [ opened
    assert ("data/campaigns/b-2017.yml", 4) in paths


def test_model_of_a_valid_campaign(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    site, problems = read_site(root / "data")
    assert problems == []
    (campaign,) = site.campaigns
    assert campaign.id == "test-2017"
    press, consult, health = campaign.activities
    assert press.when.precision is Precision.PART_OF_MONTH
    assert (press.when.start, press.when.end) == (dt.date(2017, 10, 11), dt.date(2017, 10, 20))
    assert consult.when.start_time == dt.time(9, 30)
    assert [d.name for d in consult.lead] == ["市脱贫攻坚领导小组办公室"]
    assert health.status is ActivityStatus.CANCELLED
    report, result = campaign.deadlines
    assert report.due == dt.date(2017, 10, 9)
    assert report.when.text == "10月9日前"
    assert result.due == dt.date(2017, 10, 17)
    assert [d.id for d in campaign.departments] == ["xcb", "fpj", "wjj", "tgb", "xgbm"]


ODD_FILES = {
    "empty": ("", "方案文件没有内容：缺少 title 和 activities"),
    "a-list": ("- a\n- b\n", "“文件”应为键值对，这里是列表"),
    "scalar": ("hello\n", "“文件”应为键值对，这里是文本"),
    "acts-number": ("title: x\nactivities: 5\n", "“activities”应为列表，这里是文本"),
    "items-number": ("title: x\nactivities:\n  - title: a\n    items: 3\n", "“items”应为列表"),
    "lead-map": ("title: x\nactivities:\n  - title: a\n    lead: {a: b}\n", "“lead”应为列表"),
    "when-list": ("title: x\nactivities:\n  - title: a\n    when: [1]\n", "“when”应为文本"),
    "day-text": ("title: x\nday: 10月17日\n", "“day”应为日期，这里是“10月17日”"),
    "tabs": ("title: x\n\tactivities: []\n", "YAML 格式错误"),
    "big-year": ("title: x\nyear: 99999\n", "“year”的值“99999”不合理"),
    "python-tag": ("title: !!python/object/apply:os.system ['echo x']\n", "不支持的标签"),
    "null-item": ("title: x\nactivities:\n  -\n", "“activities”应为键值对，这里是空值"),
}


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_odd_files_are_reported_never_raised(make_tree: Callable[..., Path], name: str) -> None:
    text, message = ODD_FILES[name]
    root = make_tree(**{f"data/campaigns/{name}.yml": text})
    _, problems = read_site(root / "data")
    mine = [p for p in problems if p.path == f"data/campaigns/{name}.yml"]
    assert mine and message in mine[0].message, [str(p) for p in mine]


def test_files_that_are_not_yaml_are_a_warning(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/campaigns/方案原文.docx": "x", "data/campaigns/.gitkeep": ""})
    site, problems = read_site(root / "data")
    assert [(p.path, p.severity) for p in problems] == [
        ("data/campaigns/方案原文.docx", Severity.WARNING)
    ]
    assert [c.id for c in site.campaigns] == ["test-2017"]


def test_footer_fields_are_warnings(make_tree: Callable[..., Path]) -> None:
    site_yml = 'organizer: 市委宣传部\nsite_code: "123"\nicp: 陕ICP备号\n'
    root = make_tree(**{"data/site.yml": site_yml})
    _, problems = read_site(root / "data")
    assert [(p.line, p.message, p.severity) for p in problems] == [
        (1, "缺少公网安备号（police_filing），页脚里政府网站必须显示", Severity.WARNING),
        (1, "缺少联系方式（phone 或 email），页脚里要有", Severity.WARNING),
        (2, "网站标识码“123”的格式不对", Severity.WARNING),
        (3, "ICP备案号“陕ICP备号”的格式不对", Severity.WARNING),
    ]
    (root / "data/site.yml").unlink()
    _, problems = read_site(root / "data")
    assert [p.path for p in problems] == ["data/site.yml"]
    assert problems[0].severity is Severity.WARNING


EMPTY_CAMPAIGN = (
    "方案文件没有内容：缺少 title 和 activities 提示：写上 title:（方案标题）和 activities:（各项活动），"
    "也可以用“campaign new campaign 方案id --title 标题”生成带注释的模板；不用的方案请删除这个文件。"
)
EMPTY_DEPARTMENTS = (
    "部门名录没有内容：缺少 departments 列表 "
    "提示：写上 departments:，下面每个部门一项，如“- id: xcb”和“  name: 市委宣传部”。"
)


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n", "null\n", "~\n# 注释\n"])
def test_files_without_content_say_what_is_missing(
    make_tree: Callable[..., Path], text: str
) -> None:
    tree = {"data/campaigns/empty.yml": text, "data/departments.yml": text}
    root = make_tree(**tree, **{"data/campaigns/test-2017.yml": "title: 不用部门的方案\n"})
    site, problems = read_site(root / "data")
    assert [str(p) for p in problems] == [
        f"data/campaigns/empty.yml:1: {EMPTY_CAMPAIGN}",
        f"data/departments.yml:1: {EMPTY_DEPARTMENTS}",
    ]
    assert site.broken == {"empty"}


def test_a_site_file_without_content_is_one_warning(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"data/site.yml": "# 以后再填\n"})
    _, problems = read_site(root / "data")
    assert [(str(p), p.severity) for p in problems] == [
        (
            "data/site.yml:1: 站点信息文件没有内容：页脚缺少主办单位、网站标识码、备案号和联系方式 "
            "提示：写上 organizer、site_code、icp、police_filing，以及 phone 或 email。",
            Severity.WARNING,
        )
    ]


def test_departments_written_as_a_mapping_are_reported_where_it_starts(
    make_tree: Callable[..., Path],
) -> None:
    text = "# 部门名录\ndepartments:\n  xcb:\n    name: 市委宣传部\n"
    root = make_tree(**{"data/departments.yml": text, "data/campaigns/test-2017.yml": "title: x\n"})
    _, problems = read_site(root / "data")
    assert [str(p) for p in problems] == [
        "data/departments.yml:3: departments 下的部门要逐个列出，每个以“- ”开头，这里写成了键值对 "
        "提示：每个部门写作“- id: xcb”，下一行对齐写“  name: 市委宣传部”。"
    ]


def test_odd_entries_in_data_are_problems_not_tracebacks(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_tree()
    campaigns = root / "data/campaigns"
    (campaigns / "folder.yml").mkdir()
    (campaigns / "old").mkdir()
    (campaigns / "dangling.yml").symlink_to("missing.yml")
    (campaigns / "loop.yml").symlink_to("loop.yml")
    (tmp_path / "elsewhere.yml").write_text("title: 外面的方案\n", encoding="utf-8")
    (campaigns / "outside.yml").symlink_to(tmp_path / "elsewhere.yml")
    (campaigns / "inside.yml").symlink_to("test-2017.yml")  # a link within data/ is read
    (root / "data/site.yml").unlink()
    (root / "data/site.yml").symlink_to("nowhere.yml")
    site, problems = read_site(root / "data")
    assert [(p.path, p.message, p.severity) for p in problems] == [
        ("data/campaigns/dangling.yml", "链接指向的“missing.yml”不存在", Severity.ERROR),
        ("data/campaigns/folder.yml", "这是一个文件夹，不是文件", Severity.ERROR),
        ("data/campaigns/loop.yml", "这个链接绕成了圈，读不到文件", Severity.ERROR),
        ("data/campaigns/old", "方案文件夹里的子文件夹不会读取", Severity.WARNING),
        (
            "data/campaigns/outside.yml",
            f"这是指向 data/ 以外“{tmp_path.resolve()}/elsewhere.yml”的链接，没有读取",
            Severity.ERROR,
        ),
        ("data/site.yml", "链接指向的“nowhere.yml”不存在", Severity.ERROR),
    ]
    assert all(p.line == 1 for p in problems)
    assert [c.id for c in site.campaigns] == ["inside", "test-2017"]


def test_a_gbk_campaign_file_is_reported_at_its_first_chinese_line(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree()
    (root / "data/campaigns/gbk-2017.yml").write_bytes(
        "id: gbk-2017\ntitle: 扶贫日\n".encode("gbk")
    )
    _, problems = read_site(root / "data")
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("data/campaigns/gbk-2017.yml", 2, "文件不是 UTF-8 编码（看起来是 GBK）")
    ]


def test_a_billion_laughs_in_a_campaign_is_one_problem(make_tree: Callable[..., Path]) -> None:
    lines = ["title: 方案", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{c}: &{c} [" + ", ".join([f"*{chr(ord(c) - 1)}"] * 9) + "]" for c in "bcdefghi"]
    root = make_tree(**{"data/campaigns/bomb-2017.yml": "\n".join(lines) + "\n"})
    site, problems = read_site(root / "data")
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("data/campaigns/bomb-2017.yml", 3, "不支持 YAML 别名“*a”（文件里共有 72 处）")
    ]
    assert [c.id for c in site.campaigns] == ["test-2017"]
    assert site.broken == {"bomb-2017"}


def test_broken_campaign_files_are_named_by_file_and_written_id(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree(
        **{
            "data/campaigns/syntax.yml": 'title: "未结束\n',
            "data/campaigns/file-name.yml": "id: written-id\nactivities: []\n",  # no title
            "data/campaigns/partial.yml": "title: 有错\nactivities:\n  - title: a\n    lead: 无此部门\n",
        }
    )
    site, _ = read_site(root / "data")
    assert [c.id for c in site.campaigns] == ["partial", "test-2017"]
    assert site.broken == {"syntax", "file-name", "written-id", "partial"}


def test_an_unreadable_directory_is_one_problem_not_one_per_mention(
    make_tree: Callable[..., Path],
) -> None:
    departments = "departments:\n  - id: xcb\n    name: [市委宣传部\n"
    root = make_tree(**{"data/departments.yml": departments})
    _, problems = read_site(root / "data")
    assert [(p.path, p.line) for p in problems] == [("data/departments.yml", 3)]
    assert problems[0].message.startswith("YAML")


def test_mentions_of_an_entry_set_aside_are_not_reported_again(
    make_tree: Callable[..., Path],
) -> None:
    departments = """\
departments:
  - id: xcb
    name: 市委宣传部
  - name: 市扶贫局
    group: 市政府部门
"""
    root = make_tree(**{"data/departments.yml": departments})
    _, problems = read_site(root / "data")
    assert [str(p) for p in problems if p.path == "data/departments.yml"] == [
        "data/departments.yml:4: 缺少必填的键“id” 提示：补上“id: …”；不需要这一项就整项删去。"
    ]
    unknown = {p.message for p in problems if "未知部门" in p.message}
    # 市扶贫局 is written in the file: its entry's own problem is enough; the others are not
    assert unknown == {
        "未知部门“市卫计局”",
        "未知部门“市脱贫攻坚办”",
        "未知部门“市级相关部门”",
    }


def test_a_text_longer_than_any_plan_is_refused_at_its_line(
    make_tree: Callable[..., Path],
) -> None:
    """Markdown time grows with the square of a paragraph's marks: fields are bounded."""
    campaign = CAMPAIGN.replace("summary: 一个测试方案。", "summary: " + "长" * 20_001)
    root = make_tree(**{"data/campaigns/test-2017.yml": campaign})
    _, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [(5, "“summary”太长（最多 20000 个字符）")]


def test_a_key_day_set_aside_is_one_problem(make_tree: Callable[..., Path]) -> None:
    """day: abc is reported; times and deadlines relative to it are not, one by one."""
    campaign = CAMPAIGN.replace("day: 2017-10-17", "day: 2017-10-1x").replace(
        "due: 10月9日前", "due: 扶贫日前"
    )
    root = make_tree(**{"data/campaigns/test-2017.yml": campaign})
    site, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [(2, "“day”应为日期，这里是“2017-10-1x”")]
    test = site.campaign("test-2017")
    assert test is not None
    health = next(a for a in test.activities if a.id == "health")  # 扶贫日当天或之前
    assert health.when.start is None  # undated, not dated from a wrong day
