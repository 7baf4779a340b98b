"""Real ``mkdocs build --strict`` runs of small sites from inline trees."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import (
    BIN,
    CAMPAIGN,
    DEPARTMENTS,
    MKDOCS_YML,
    basic_tree,
    mkdocs_build,
    post,
    run,
)
from .htmltables import tables


def _read(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text("utf-8")


def test_generated_pages_and_calendars(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    for rel in [
        "campaigns/index.html",
        "campaigns/test-2017/index.html",
        "campaigns/test-2017/schedule/index.html",
        "campaigns/test-2017/responsibilities/index.html",
        "departments/index.html",
        "departments/xcb/index.html",
        "calendar.ics",
        "campaigns/test-2017.ics",
        "departments/xcb.ics",
        "assets/campaign-pages.css",
    ]:
        assert (root / "site" / rel).is_file(), rel
    overview = _read(root, "campaigns/test-2017/index.html")
    assert "<title>测试扶贫日活动方案 - 测试站点</title>" in overview
    assert "正在进行" in overview  # today 2017-10-12 lies in the period
    assert "已逾期 3 天" in overview and "还有 5 天" in overview
    assert 'href="../../assets/campaign-pages.css"' in overview
    assert 'id="press"' in overview  # activities keep their ids as anchors
    # the editor's block on the home page became the deadlines table
    home = _read(root, "index.html")
    assert "<!-- campaign:" not in home
    [deadlines] = tables(home, "cp-deadlines")
    assert [row[1] for row in deadlines[1:]] == ["报送活动方案", "报送开展情况"]
    assert 'href="departments/xgbm/"' in home


PAST = """\
title: 测试政策宣传月活动安排
period: {start: 2017-09-01, end: 2017-09-30}
activities:
  - id: kickoff
    title: 召开动员部署会
    when: 9月上旬
    lead: [市扶贫局]
"""

UPCOMING = """\
title: 测试宪法日宣传活动方案
day: 2017-12-04
day_name: 国家宪法日
period: {start: 2017-11-27, end: 2017-12-10}
activities:
  - id: week
    title: 宪法集中宣传周
    when: 11月27日—12月3日
    lead: [市委宣传部]
deadlines:
  - id: plans
    title: 报送宣传周活动安排
    due: 11月20日前
    to: 市委宣传部
    from: [市级相关部门]
"""


def test_campaign_states_all_show(make_tree: Callable[..., Path]) -> None:
    """One campaign in each state at today 2017-10-12 (the demo's today has only past ones)."""
    root = make_tree(
        **{"data/campaigns/past-2017.yml": PAST, "data/campaigns/next-2017.yml": UPCOMING}
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    index = _read(root, "campaigns/index.html")
    for state, label, campaign in [
        ("ongoing", "正在进行", "test-2017"),
        ("upcoming", "即将开始", "next-2017"),
        ("past", "已经结束", "past-2017"),
    ]:
        assert f">{label}" in index
        assert f'cp-card--{state}" aria-labelledby="cp-card-{campaign}"' in index, campaign
    assert "还有 39 天" in _read(root, "campaigns/next-2017/index.html")  # to 11-20
    # the schedule marks today where it falls in the campaign's dates, and the slots around it
    marker = 'class="cp-tl-markerlabel">今天</text>'
    ongoing = _read(root, "campaigns/test-2017/schedule/index.html")
    assert ongoing.count(marker) == 1 and "cp-slot-state--now" in ongoing
    upcoming = _read(root, "campaigns/next-2017/schedule/index.html")
    assert marker not in upcoming and "cp-slot-state--" not in upcoming
    past = _read(root, "campaigns/past-2017/schedule/index.html")
    assert marker not in past and "cp-slot-state--past" in past


def test_matrix_is_accessible_and_exact(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "campaigns/test-2017/responsibilities/index.html")
    assert '<caption id="cp-caption-matrix-test-2017">' in page
    assert 'aria-labelledby="cp-caption-matrix-test-2017"' in page
    assert '<th scope="col">' in page and '<th scope="row">' in page
    [matrix] = tables(page, "cp-matrix")
    assert matrix[0] == [
        "活动",
        "市委宣传部",
        "市扶贫局",
        "市卫计局",
        "市脱贫攻坚领导小组办公室",
        "市级相关部门",
    ]
    assert matrix[1:] == [
        ["1. 召开一场新闻发布会", "牵头", "牵头", "配合", "", ""],
        ["2. 政策宣传咨询", "", "", "", "牵头", "配合"],
        ["3. 健康服务", "", "配合", "牵头", "", ""],
    ]


def test_generated_pages_stay_out_of_the_nav(make_tree: Callable[..., Path]) -> None:
    # no nav: MkDocs would list every page; generated ones must not be there
    root = make_tree(**{"mkdocs.yml": MKDOCS_YML.split("nav:")[0]})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    home = _read(root, "index.html")
    nav = home[home.index("md-nav--primary") : home.index("</nav>", home.index("md-nav--primary"))]
    assert "schedule/" not in nav and "departments/" not in nav and "campaigns/" not in nav
    assert (root / "site/campaigns/test-2017/schedule/index.html").is_file()


def test_script_in_yaml_is_shown_not_run(make_tree: Callable[..., Path]) -> None:
    evil = (
        CAMPAIGN.replace(
            "title: 测试扶贫日活动方案", 'title: "</title><script>alert(1)</script>方案"'
        )
        .replace("location: 新区阳光广场", 'location: "<img src=x onerror=alert(2)>"')
        .replace("summary: 一个测试方案。", "summary: '<script>alert(3)</script>'")
        .replace("title: 政策宣传咨询", 'title: "<b onclick=alert(4)>咨询</b>"')
    )
    departments = "departments:\n  - id: evil\n    name: '<script>alert(5)</script>'\n"
    from .conftest import DEPARTMENTS

    root = make_tree(
        **{
            "data/campaigns/test-2017.yml": evil,
            "data/departments.yml": DEPARTMENTS + departments[len("departments:\n") :],
        }
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text("utf-8")
        for payload in ("<script>alert", "<img src=x", "<b onclick", "</title><script>"):
            assert payload not in text, (page, payload)
    overview = _read(root, "campaigns/test-2017/index.html")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;方案" in overview  # shown as text
    # MkDocs themes print page titles unescaped: ours carry no HTML-special characters
    assert "<title>＜/title＞＜script＞alert(1)＜/script＞方案 - 测试站点</title>" in overview


def test_strict_build_fails_on_content_errors(make_tree: Callable[..., Path]) -> None:
    bad = CAMPAIGN.replace("support: [市卫计局]", "support: [市卫记局]").replace(
        "when: 10月中旬", "when: 十月某天"
    )
    root = make_tree(
        **{
            "data/campaigns/test-2017.yml": bad,
            "docs/index.md": "# 首页\n\n<!-- campaign:deadlines test-2071 -->\n",
        }
    )
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        "data/campaigns/test-2017.yml:14: 未知部门“市卫记局” 提示：是否想写“市卫计局”？"
        in result.stderr
    )
    assert re.search(r"data/campaigns/test-2017\.yml:12: .*“十月某天”", result.stderr)
    assert "docs/index.md:3: 未知的方案“test-2071” 提示：是否想写“test-2017”？" in result.stderr


def test_builds_are_byte_identical(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = make_tree()
    env = {"SOURCE_DATE_EPOCH": "1507766400"}
    assert mkdocs_build(root, "-d", str(tmp_path / "one"), env=env).returncode == 0
    assert mkdocs_build(root, "-d", str(tmp_path / "two"), env=env).returncode == 0
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes()
        for p in (tmp_path / "one").rglob("*")
        if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes()
        for p in (tmp_path / "two").rglob("*")
        if p.is_file()
    }
    assert len(one) > 20
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_a_page_in_docs_wins_over_the_generated_one(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"docs/departments/xcb.md": "# 宣传部自己写的页面\n"})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "宣传部自己写的页面" in _read(root, "departments/xcb/index.html")
    assert (root / "site/departments/fpj/index.html").is_file()  # the others are generated


def test_templates_can_be_overridden_from_the_theme(make_tree: Callable[..., Path]) -> None:
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    override = '<span class="mine">{{ state.label }}！</span>\n'
    root = make_tree(**{"mkdocs.yml": yml, "overrides/campaign/partials/state.html": override})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert '<span class="mine">正在进行！</span>' in _read(root, "campaigns/test-2017/index.html")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("第一行\n{% if %}\n", r"state.html:2: 语法错误"),
        (
            "第一行\n{{ state.lable.x }}\n",
            r"state.html:2: 'campaign_pages.core.views.campaigns.CampaignState object' has no attribute 'lable'",
        ),
    ],
)
def test_a_broken_override_is_a_located_error(
    make_tree: Callable[..., Path], text: str, message: str
) -> None:
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = make_tree(**{"mkdocs.yml": yml, "overrides/campaign/partials/state.html": text})
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"模板 \S*overrides/campaign/partials/" + message, result.stderr), (
        result.stderr
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def _broken_links(site: Path, base: str = "/zt/test/") -> list[tuple[str, str]]:
    """Links and sources inside the site that point at nothing (``base``: site_url's path)."""
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            if path.startswith(base):  # 404.html links from the site's root
                target = (site / path[len(base) :]).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((str(page.relative_to(site)), href))
    return broken


def test_every_internal_link_resolves(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    assert mkdocs_build(root).returncode == 0
    assert _broken_links(root / "site") == []


def test_links_resolve_without_directory_urls(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"mkdocs.yml": MKDOCS_YML + "use_directory_urls: false\n"})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site/campaigns/test-2017/schedule.html").is_file()
    assert _broken_links(root / "site") == []


def test_the_editors_words_are_shown_in_any_digits(make_tree: Callable[..., Path]) -> None:
    """Full-width digits are read and shown as written; a YAML date is shown once, as a date."""
    campaign = (
        CAMPAIGN.replace("when: 10月中旬", "when: １０月１６日")
        .replace("due: 10月9日前", "due: ２０１７年１０月９日前")
        .replace("due: 2017-10-17", "due: 2017-10-17  # a YAML date")
    )
    root = make_tree(**{"data/campaigns/test-2017.yml": campaign})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    overview = _read(root, "campaigns/test-2017/index.html")
    assert "１０月１６日<span" in overview  # then the resolved date under it
    [deadlines] = tables(overview, "cp-deadlines")
    assert deadlines[1][0].endswith("原文：２０１７年１０月９日前"), deadlines[1]
    assert "原文" not in deadlines[2][0], deadlines[2]


def test_each_tag_gets_its_own_page(make_tree: Callable[..., Path]) -> None:
    tags = ["扶贫/脱贫", "扶贫-脱贫", "..", "?", "#", "扶" * 210, "PM2.5", "pm2.5"]
    tree = basic_tree()
    for n, tag in enumerate(tags):
        tree[f"docs/news/p{n}.md"] = post(
            f"新闻{n}", f"2017-10-0{n + 1}", extra=f"tags: {json.dumps([tag])}\n"
        )
    root = make_tree(tree)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "replace an existing file" not in result.stderr
    folders = sorted((root / "site/news/tags").iterdir())
    assert len(folders) == len(tags)
    for folder in folders:  # each lists its own post, and only that one
        page = _read(root, f"news/tags/{folder.name}/index.html")
        assert len(re.findall(r">新闻\d<", page)) == 1, folder.name


def test_ids_that_would_clash_with_the_plugins_own(make_tree: Callable[..., Path]) -> None:
    departments = DEPARTMENTS + "  - id: index\n    name: 市统计局\n"
    campaign = CAMPAIGN.replace("id: health", "id: cp-deadlines").replace(
        "lead: [市卫计局]", "lead: [市统计局]"
    )
    root = make_tree(
        **{"data/departments.yml": departments, "data/campaigns/test-2017.yml": campaign}
    )
    result = mkdocs_build(root)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "campaign:" in line]
    assert len(lines) == 2, lines  # and no follow-on: 市统计局 is still known
    assert "data/campaigns/test-2017.yml:21: id“cp-deadlines”不能以 cp- 开头" in lines[0]
    assert "data/departments.yml:19: 部门 id 不能是“index”" in lines[1]
    overview = _read(root, "campaigns/test-2017/index.html")
    assert overview.count('id="cp-deadlines"') == 1  # the table's heading, not the activity


def test_pages_that_mkdocs_cannot_read_are_reported(make_tree: Callable[..., Path]) -> None:
    """Windows editors' encodings and broken links: located problems, never a traceback."""
    root = make_tree()
    docs = root / "docs"
    (docs / "gbk.md").write_bytes("# 通知\n\n第二行\n第三行是中文。\n".encode("gbk"))
    (docs / "utf16.md").write_bytes("# 关于本站\n\n用记事本的 Unicode 保存。\n".encode("utf-16"))
    (docs / "gone.md").symlink_to(docs / "nowhere.md")
    (docs / "news").mkdir()
    (docs / "news/gbk-post.md").write_bytes(post("新闻", "2017-10-01").encode("gbk"))
    result = mkdocs_build(root)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if "campaign:" in line]
    assert [w.split("campaign: ")[1].split(" 提示")[0] for w in warnings] == [
        "docs/gbk.md:3: 文件不是 UTF-8 编码（看起来是 GBK）",  # the line of the first bad byte
        "docs/gone.md:1: 链接指向的“" + str(docs / "nowhere.md") + "”不存在",
        "docs/news/gbk-post.md:2: 文件不是 UTF-8 编码（看起来是 GBK）",
    ]
    assert "另存为" in warnings[0]  # how to save it as UTF-8
    # without --strict the site is still built, the GBK page read as GBK
    assert run([str(BIN / "mkdocs"), "build"], root).returncode == 0
    assert "第三行是中文" in _read(root, "gbk/index.html")
    assert "用记事本的 Unicode 保存" in _read(root, "utf16/index.html")


def test_folder_links_in_docs(
    make_tree: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A folder linked into itself (MkDocs alone walks it until the path is too long) and news
    linked in from outside the site: reported and left out. A folder linked from inside the
    site is followed, as MkDocs follows it."""
    root = make_tree()
    docs = root / "docs"
    outside = tmp_path_factory.mktemp("outside")
    (outside / "foreign.md").write_text(post("外来新闻", "2017-10-02"), "utf-8")
    (docs / "extra").mkdir()
    (docs / "extra/inner.md").write_text(post("站内新闻", "2017-10-03"), "utf-8")
    (docs / "news").mkdir()
    (docs / "news/own.md").write_text(post("本站新闻", "2017-10-01"), "utf-8")
    (docs / "news/loop").symlink_to(docs / "news")
    (docs / "news/foreign").symlink_to(outside)
    (docs / "news/inner").symlink_to(docs / "extra")
    result = mkdocs_build(root)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    warnings = [
        line.split("campaign: ")[1] for line in result.stderr.splitlines() if "campaign:" in line
    ]
    assert [w.split(" 提示")[0] for w in warnings] == [
        f"docs/news/foreign:1: 这是指向 docs/ 以外“{outside}”的文件夹链接，里面的新闻没有读取",
        "docs/news/loop:1: 这个文件夹链接指向它自己所在的文件夹，绕成了圈，里面的文件没有读取",
    ]
    assert run([str(BIN / "mkdocs"), "build"], root).returncode == 0
    site = root / "site"
    assert not (site / "news/foreign").exists() and not (site / "news/loop").exists()
    news = _read(root, "news/index.html")
    assert "本站新闻" in news and "站内新闻" in news and "外来新闻" not in news
