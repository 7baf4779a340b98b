"""``campaign import``: seeds into their kinds, encodings, the year never invented, exit
statuses, new units, and a Word file, through the real command."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from campaign_pages.core.imports.document import Block
from campaign_pages.core.imports.importer import NoYear, import_blocks
from campaign_pages.core.load.docx import read_docx
from campaign_pages.core.read.site import read_site

from .conftest import ROOT, campaign_cli

SEEDS = ROOT.parent / "shared/seeds"
SEED_001 = next(SEEDS.glob("001_*.txt"), None)
SEED_002 = next(SEEDS.glob("002_*.txt"), None)
SEED_003 = next(SEEDS.glob("003_*.txt"), None)
needs_seeds = pytest.mark.skipif(SEED_001 is None, reason="the seed documents are not here")


def _blocks(path: Path) -> list[Block]:
    lines = path.read_text("utf-8").splitlines()
    return [Block(line, f"第{n}行") for n, line in enumerate(lines, 1) if line.strip()]


def _demo_site(tmp_path: Path, without: str | None = None) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    if without:
        (copy / "data/campaigns" / f"{without}.yml").unlink()
    return copy


@needs_seeds
def test_seed_001_imports_with_exactly_the_demos_lead_and_support(tmp_path: Path) -> None:
    assert SEED_001 is not None
    site = _demo_site(tmp_path, without="tongchuan-fupinri-2017")
    shutil.copy(SEED_001, site / "plan.txt")
    result = campaign_cli(site, "import", "plan.txt", "--id", "fupinri", "--year", "2017")
    assert result.returncode == 0, result.stderr
    assert "campaign check 没有发现这个文件的问题" in result.stdout
    imported = yaml.safe_load((site / "data/campaigns/fupinri.yml").read_text("utf-8"))
    demo, _ = read_site(ROOT / "data")
    plan = demo.campaign("tongchuan-fupinri-2017")
    assert plan is not None
    assert imported["year"] == 2017 and str(imported["day"]) == "2017-10-17"
    assert len(imported["activities"]) == len(plan.activities) == 8
    for got, want in zip(imported["activities"], plan.activities, strict=True):
        for key in ("lead", "support", "responsible"):
            names = [d.name for d in getattr(want, key)]
            assert got.get(key, []) == names, (want.title, key)
        if want.dated_here and want.when.text:
            assert got["when"] == want.when.text, want.title
    # every activity's comment names where it came from
    text = (site / "data/campaigns/fupinri.yml").read_text("utf-8")
    assert text.count("  # 第") >= 8


@needs_seeds
def test_the_year_comes_from_the_text_or_is_asked_for_never_guessed(tmp_path: Path) -> None:
    assert SEED_001 is not None
    blocks = _blocks(SEED_001)
    demo, _ = read_site(ROOT / "data")
    # "XX年10月17日是我国第4个扶贫日": which year that was is not taken on its own
    with pytest.raises(NoYear, match="第4个扶贫日”，那是2017年"):
        import_blocks(blocks, "001.txt", demo.departments)
    assert import_blocks(blocks, "001.txt", demo.departments, year=2017).year.year == 2017
    dated = [Block(b.text.replace("XX年10月17日", "2017年10月17日"), b.where) for b in blocks]
    found = import_blocks(dated, "001.txt", demo.departments)
    assert (found.year.year, found.year.how) == (2017, "正文里的日期")
    assert "年份 2017 取自正文里的日期" in found.text
    masked = blocks
    site = _demo_site(tmp_path)
    (site / "plan.txt").write_text("\n".join(b.text for b in masked), "utf-8")
    refused = campaign_cli(site, "import", "plan.txt")
    assert refused.returncode == 1 and "--year 2017" in refused.stderr
    assert not list((site / "data/campaigns").glob("plan*.yml"))


@needs_seeds
def test_seeds_002_and_003_import_into_their_kinds(tmp_path: Path) -> None:
    assert SEED_002 is not None and SEED_003 is not None
    demo, _ = read_site(ROOT / "data")
    plan = yaml.safe_load(import_blocks(_blocks(SEED_002), "002.txt", demo.departments).text)
    assert plan["kind"] == "work-plan" and plan["year"] == 2023
    assert len(plan["tasks"]) == 6
    titles = [t["title"] for section in plan["tasks"] for t in section.get("items", [])]
    assert "认真抓好部领导班子建设" in titles and "加强宣传干部队伍培训" in titles
    ledger = yaml.safe_load(import_blocks(_blocks(SEED_003), "003.txt", demo.departments).text)
    assert ledger["kind"] == "rectification"
    assert [a["title"][:8] for a in ledger["areas"]] == [
        "学习贯彻习近平新",
        "“四风”问题依然",
        "贯彻落实新时代党",
    ]
    assert ledger["stated"] == {
        "areas": 3,
        "items": 17,
        "problems": 43,
        "rules_new": 5,
        "rules_revised": 3,
    }
    first = ledger["areas"][0]["items"][0]
    assert first["title"] == "学习习近平总书记关于宣传思想工作的重要论述不主动"
    assert first["measures"][0].startswith("一是") and first["measures"][1].startswith("二是")
    # both pass check as written
    for name, data in (("plan-2023", plan), ("ledger-2023", ledger)):
        site = _demo_site(tmp_path / name)
        (site / f"data/campaigns/{name}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), "utf-8"
        )
        check = campaign_cli(site, "check")
        assert check.returncode == 0, check.stdout  # errors: none; warnings say what is missing
    # the ledger's text lists fewer problems than it states: check says so, with both numbers
    assert "原文说具体问题共 43 个" in check.stdout


PLAN = """\
铜川市2019年宪法宣传周活动方案
一、活动时间
12月1日至12月7日。
二、活动内容
（一）召开宪法宣传周启动仪式。12月2日上午9:30，在新区阳光广场举行启动仪式。（市司法局牵头，市委宣传部配合）
（二）开展宪法进机关活动。12月上旬，组织机关干部集中学习宪法。（责任单位：市法学会）
"""


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\r\n"),
        ("gb18030", "\r\n"),
        ("utf-16", "\n"),
        ("utf-16-le", "\n"),
    ],
)
def test_text_files_as_editors_save_them_import_alike(
    make_tree: Callable[..., Path], encoding: str, newline: str
) -> None:
    root = make_tree()
    (root / "plan.txt").write_bytes(PLAN.replace("\n", newline).encode(encoding))
    result = campaign_cli(root, "import", "plan.txt", "--id", "xianfa-2019")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/xianfa-2019.yml").read_text("utf-8"))
    first, second = data["activities"]
    assert first["title"] == "召开宪法宣传周启动仪式"
    assert first["when"] == "12月2日上午9:30" and first["location"] == "新区阳光广场"
    assert first["lead"] == ["市司法局"] and first["support"] == ["市委宣传部"]
    assert second["responsible"] == ["市法学会"] and second["when"] == "12月上旬"
    # units the directory lacks are added, with a comment to check them; check passes
    departments = (root / "data/departments.yml").read_text("utf-8")
    assert "name: 市司法局" in departments and "campaign import" in departments
    assert "新增单位 2 个" in result.stdout
    assert campaign_cli(root, "check", "--strict").returncode == 0


def test_without_new_units_they_are_listed_not_added(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    (root / "plan.txt").write_text(PLAN, "utf-8")
    before = (root / "data/departments.yml").read_text("utf-8")
    result = campaign_cli(root, "import", "plan.txt", "--id", "x-2019", "--no-new-departments")
    assert result.returncode == 0
    assert (root / "data/departments.yml").read_text("utf-8") == before
    assert "市司法局" in result.stdout and "市法学会" in result.stdout
    assert "未知部门“市司法局”" in result.stdout  # check's own message, at its line


def test_exit_statuses(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    old = campaign_cli(root, "import", "old.doc", "--year", "2019")
    if shutil.which("soffice") is None:
        assert old.returncode == 2 and "另存为" in old.stderr and ".docx" in old.stderr
    (root / "fake.docx").write_text("不是 Word 文件", "utf-8")
    fake = campaign_cli(root, "import", "fake.docx", "--year", "2019")
    assert fake.returncode == 2 and "Traceback" not in fake.stderr
    (root / "prose.txt").write_text("2019年的一段话，没有任何编号。\n", "utf-8")
    prose = campaign_cli(root, "import", "prose.txt")
    assert prose.returncode == 1 and "没有找到带编号的条目" in prose.stderr
    # numbered, but only sections: no activity to write, so no empty file either
    (root / "sections.txt").write_text(
        "2019年活动方案\n一、指导思想\n学习宪法。\n二、工作要求\n认真落实。\n"
    )
    sections = campaign_cli(root, "import", "sections.txt")
    assert sections.returncode == 1 and not list((root / "data/campaigns").glob("sections*"))
    missing = campaign_cli(root, "import", "nowhere.docx")
    assert missing.returncode == 2 and "找不到这个文件" in missing.stderr


def test_a_word_plan_with_its_table_imports(make_tree: Callable[..., Path]) -> None:
    docx = pytest.importorskip("docx")
    root = make_tree()
    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    document.save(str(root / "plan.docx"))
    result = campaign_cli(root, "import", "plan.docx", "--id", "word-2019")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/word-2019.yml").read_text("utf-8"))
    assert [a["title"] for a in data["activities"]] == [
        "召开宪法宣传周启动仪式",
        "开展宪法进机关活动",
    ]
    assert "# 第" in (root / "data/campaigns/word-2019.yml").read_text("utf-8")


def _fill(table: Any, rows: list[list[str]]) -> None:
    """A python-docx table's cells, row by row."""
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def test_a_word_table_of_assignments_becomes_the_activities(make_tree: Callable[..., Path]) -> None:
    docx = pytest.importorskip("docx")
    root = make_tree()
    document = docx.Document()
    document.add_paragraph("铜川市2019年科技活动周活动安排")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ["活动名称", "时间", "地点", "牵头单位", "配合单位"],
        ["科技活动周启动式", "5月19日上午", "新区阳光广场", "市科技局", "市科协、市教育局等单位"],
        ["科普进社区", "5月下旬", "各社区", "市科协", "各区县"],
    ]
    _fill(table, rows)
    document.save(str(root / "plan.docx"))
    result = campaign_cli(root, "import", "plan.docx", "--id", "kejizhou-2019")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/kejizhou-2019.yml").read_text("utf-8"))
    first, second = data["activities"]
    assert first == {
        "title": "科技活动周启动式",
        "when": "5月19日上午",
        "location": "新区阳光广场",
        "lead": ["市科技局"],
        "support": ["市科协", "市教育局"],
    }
    assert second["lead"] == ["市科协"] and second["support"] == ["各区县"]
    assert "# 表1第2行" in (root / "data/campaigns/kejizhou-2019.yml").read_text("utf-8")
    assert campaign_cli(root, "check").returncode == 0


def test_a_traditional_word_plan_with_numbered_headings_and_merged_cells(
    make_tree: Callable[..., Path],
) -> None:
    """The issue's fixture: Word's automatic numbering (一、 （一） 1.), a 分工表 whose
    牵头單位 cell spans two rows, and the whole plan in traditional characters."""
    docx = pytest.importorskip("docx")
    from .test_docx import OUTLINE, _num, _numbered, _numbering, _save

    root = make_tree()
    document = docx.Document()
    document.add_paragraph("臺北市2019年憲法宣傳週活動方案", "Title")
    _numbered(document, "指導思想", 1, 0)
    document.add_paragraph("深入學習宣傳憲法。")
    _numbered(document, "活動內容", 1, 0)
    _numbered(
        document,
        "召開憲法宣傳週啟動儀式。12月2日上午，在市民廣場舉行。（市司法局牽頭，市委宣傳部配合）",
        1,
        1,
    )
    _numbered(document, "開展憲法進機關活動。12月上旬。（責任單位：市法學會）", 1, 1)
    _numbered(document, "工作要求", 1, 0)
    document.add_paragraph("各單位要高度重視。")
    _save(document, root / "plan.docx", _numbering(OUTLINE, _num(1, 1)))
    words = [b.text for b in read_docx(root / "plan.docx", "plan.docx")[0]]
    assert words[1:3] == [
        "一、指導思想",
        "深入學習宣傳憲法。",
    ]  # numbers rebuilt from numbering.xml
    result = campaign_cli(root, "import", "plan.docx", "--id", "xianfa-2019")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/xianfa-2019.yml").read_text("utf-8"))
    assert (data["title"], data["year"]) == ("台北市2019年宪法宣传周活动方案", 2019)
    first, second = data["activities"]
    assert first["title"] == "召开宪法宣传周启动仪式"
    assert (first["when"], first["location"]) == ("12月2日上午", "市民广场")
    assert (first["lead"], first["support"]) == (["市司法局"], ["市委宣传部"])
    assert (second["when"], second["responsible"]) == ("12月上旬", ["市法学会"])
    assert [s["title"] for s in data["sections"]] == ["指导思想", "工作要求"]
    assert "原文是繁体字，已转为简体" in (root / "data/campaigns/xianfa-2019.yml").read_text(
        "utf-8"
    )
    assert campaign_cli(root, "check", "--strict").returncode == 0

    # the same plan's assignments as a 分工表, one 牵头单位 cell merged over two rows
    document = docx.Document()
    document.add_paragraph("臺北市2019年憲法宣傳週活動分工表")
    table = document.add_table(rows=4, cols=5)
    rows = [
        ["活動名稱", "時間", "地點", "牽頭單位", "配合單位"],
        ["憲法宣傳週啟動儀式", "12月2日上午", "市民廣場", "市司法局", "市委宣傳部"],
        ["憲法進機關", "12月上旬", "各機關", "", "市法學會"],
        ["憲法知識競賽", "12月4日", "市圖書館", "市教育局", "各學校"],
    ]
    _fill(table, rows)
    table.cell(1, 3).merge(table.cell(2, 3)).text = "市司法局"
    document.save(str(root / "table.docx"))
    result = campaign_cli(root, "import", "table.docx", "--id", "xianfa-table-2019")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/xianfa-table-2019.yml").read_text("utf-8"))
    assert [(a["title"], a["lead"], a["support"]) for a in data["activities"]] == [
        ("宪法宣传周启动仪式", ["市司法局"], ["市委宣传部"]),
        ("宪法进机关", ["市司法局"], ["市法学会"]),  # the merged cell is both rows'
        ("宪法知识竞赛", ["市教育局"], ["各学校"]),
    ]
    assert campaign_cli(root, "check", "--strict").returncode == 0


def test_a_work_plans_table_with_group_rows_and_marked_leads(
    make_tree: Callable[..., Path],
) -> None:
    """任务分解表: a row merged across the table heads the tasks under it, and a 责任单位
    cell that marks its lead (区委宣传部（牵头）、区文明办) keeps both roles."""
    docx = pytest.importorskip("docx")
    root = make_tree()
    document = docx.Document()
    document.add_paragraph("2023年宣传思想工作任务分解表")
    table = document.add_table(rows=5, cols=4)
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["一、思想引领", "", "", ""],
        ["1", "开展理论宣讲", "区委宣传部（牵头）、区文明办", "6月底前"],
        ["2", "办好理论专栏", "区融媒体中心", "全年"],
        ["二、文明创建", "", "", ""],
    ]
    _fill(table, rows)
    row = table.add_row().cells
    for c, value in enumerate(["1", "开展文明单位评选", "区文明办\n各街道", "第3季度"]):
        row[c].text = value
    for r in (1, 4):
        table.cell(r, 0).merge(table.cell(r, 3)).text = rows[r][0]
    document.save(str(root / "tasks.docx"))
    result = campaign_cli(root, "import", "tasks.docx", "--id", "tasks-2023")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((root / "data/campaigns/tasks-2023.yml").read_text("utf-8"))
    assert data["kind"] == "work-plan"
    first, second = data["tasks"]
    assert [first["title"], second["title"]] == ["思想引领", "文明创建"]  # numbered by the page
    talk, column = first["items"]
    assert (talk["title"], talk["lead"], talk["support"], talk["due"]) == (
        "开展理论宣讲",
        ["区委宣传部"],
        ["区文明办"],
        "6月底前",
    )
    assert (column["responsible"], column["due"]) == (["区融媒体中心"], "全年")
    (award,) = second["items"]
    assert award["responsible"] == ["区文明办", "各街道"]  # a cell's lines are a list
    assert campaign_cli(root, "check", "--strict").returncode == 0
