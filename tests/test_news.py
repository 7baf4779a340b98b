"""News posts: front matter validation, listings, drafts, feeds, statistics, search."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import feedparser_rs
import pytest

from campaign_pages.core.model import SourceLevel
from campaign_pages.core.read.posts import SUMMARY_LENGTH, first_paragraph, measure, read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.core.views import news as listings
from campaign_pages.core.views import stats

from .conftest import (
    CAMPAIGN,
    MKDOCS_YML,
    basic_tree,
    campaign_cli,
    mkdocs_build,
    news_tree,
    post,
)
from .searchindex import holders


def _read(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text("utf-8")


# -- front matter -----------------------------------------------------------------------------

BROKEN_POST = """\
---
title: 出错的新闻
date: 2017-10-32
campaign: [test-2071]
activity: pres
departments: [市扶贫办]
source_level: 国家级
tagz: [扶贫日]
---

正文。
"""


def test_front_matter_mistakes_are_located(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"docs/news/bad.md": BROKEN_POST})
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert posts == ()
    got = [(p.line, p.message, p.hint) for p in problems]
    assert got[0][:2] == (
        3,
        "新闻日期“2017-10-32”无法识别：时间“2017-10-32”里的日期不存在：2017年没有10月32日",
    )
    assert got[1:] == [
        # and no "写了 activity 却没写 campaign": the campaign is written, and misspelt
        (4, "未知的方案“test-2071”", "是否想写“test-2017”？"),
        (6, "未知部门“市扶贫办”", "是否想写“市扶贫局”？"),
        (7, "“source_level”的值“国家级”无效", "可选：中央、省级、市级、县级。"),
        (8, "未知的键“tagz”", "是否想写“tags”？"),
    ]
    assert all(p.path == "docs/news/bad.md" for p in problems)


def test_activity_must_belong_to_the_campaign(make_tree: Callable[..., Path]) -> None:
    text = post("新闻", "2017-10-01", extra="activity: pres\n")
    root = make_tree(**{"docs/news/a.md": text})
    site, _ = read_site(root / "data")
    _, problems = read_posts(root / "docs", "news", site)
    assert [str(p) for p in problems] == [
        "docs/news/a.md:5: 方案中没有活动“pres” 提示：是否想写“press”？"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("没有信息块的新闻\n", "新闻开头缺少 --- 包围的信息块（标题、日期、来源等）"),
        ("---\ndate: 2017-10-01\n---\n\n只有正文，没有标题。\n", "新闻没有标题"),
        ("---\ntitle: x\n---\n", "缺少必填的键“date”"),
        ("---\n---\n", "信息块是空的"),
        ("---\ntitle: [x\n---\n", "YAML 格式错误"),
        ("---\ntitle: x\ndate: 10月1日\n---\n", "新闻日期“10月1日”无法识别"),
        ("---\ntitle: x\ndate: 2017年10月中旬\n---\n", "新闻日期“2017年10月中旬”不是确定的某一天"),
    ],
)
def test_posts_that_cannot_be_read_say_why(
    make_tree: Callable[..., Path], text: str, message: str
) -> None:
    root = make_tree(**{"docs/news/a.md": text})
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert posts == ()
    assert len(problems) == 1 and problems[0].message.startswith(message), problems
    assert problems[0].hint


GOOD_POST = post("我市召开新闻发布会", "2017-10-13", extra="activity: press\n")


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + GOOD_POST.encode("utf-8"),  # Notepad's "UTF-8 with BOM"
        GOOD_POST.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + GOOD_POST.replace("\n", "\r\n").encode("utf-8"),
        GOOD_POST.encode("utf-16"),
    ],
    ids=["bom", "crlf", "bom-crlf", "utf-16"],
)
def test_posts_as_windows_saves_them_are_read(make_tree: Callable[..., Path], data: bytes) -> None:
    root = make_tree()
    (root / "docs/news").mkdir()
    (root / "docs/news/a.md").write_bytes(data)
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert problems == []
    assert [(p.title, p.activity and p.activity.id, p.summary) for p in posts] == [
        ("我市召开新闻发布会", "press", "正文第一段。")
    ]


@pytest.mark.parametrize(
    ("prefix", "newline"), [(b"", "\n"), (b"\xef\xbb\xbf", "\r\n"), (b"", "\r")]
)
def test_a_front_matter_error_is_at_the_files_line(
    make_tree: Callable[..., Path], prefix: bytes, newline: str
) -> None:
    text = '---   \ntitle: 标题\nsummary: "没有结束的引号\n' + "tags: [x]\n" * 100 + "---\n正文\n"
    root = make_tree()
    (root / "docs/news").mkdir()
    (root / "docs/news/a.md").write_bytes(prefix + text.replace("\n", newline).encode("utf-8"))
    site, _ = read_site(root / "data")
    _, problems = read_posts(root / "docs", "news", site)
    assert [str(p) for p in problems] == [
        "docs/news/a.md:3: YAML 格式错误：这一行开始的引号没有结束 "
        '提示：第 10 列的“"”没有配对，改成「summary: "没有结束的引号"」。'
        "在文字末尾补上同样的引号；文字里本身有引号时，改用中文引号“”。"
    ]


def test_a_gbk_post_is_reported_at_its_first_chinese_line(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    (root / "docs/news").mkdir()
    text = "---\ndate: 2017-10-13\ntitle: 扶贫日\n---\n"
    (root / "docs/news/gbk.md").write_bytes(text.encode("gbk"))
    site, _ = read_site(root / "data")
    _, problems = read_posts(root / "docs", "news", site)
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/news/gbk.md", 3, "文件不是 UTF-8 编码（看起来是 GBK）")
    ]


def test_odd_entries_under_news_are_problems_not_tracebacks(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_tree(**{"docs/news/2017.md/inner.md": GOOD_POST})  # a folder named like a post
    news = root / "docs/news"
    (news / "dangling.md").symlink_to("missing.md")
    (news / "loop.md").symlink_to("loop.md")
    (tmp_path / "secret.md").write_text(GOOD_POST, encoding="utf-8")
    (news / "outside.md").symlink_to(tmp_path / "secret.md")
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert [p.src for p in posts] == ["news/2017.md/inner.md"]
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/news/2017.md", 1, "这是一个文件夹，不是文件"),
        ("docs/news/dangling.md", 1, "链接指向的“missing.md”不存在"),
        ("docs/news/loop.md", 1, "这个链接绕成了圈，读不到文件"),
        (
            "docs/news/outside.md",
            1,
            f"这是指向 docs/ 以外“{tmp_path.resolve()}/secret.md”的链接，没有读取",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("---\n- title: x\n- date: 2017-10-01\n---\n", 2, "列表"),
        ("---\n# 注释\n只写了标题\n---\n", 3, "一段文字"),
    ],
)
def test_a_front_matter_that_is_not_a_mapping_says_so(
    make_tree: Callable[..., Path], text: str, line: int, what: str
) -> None:
    root = make_tree(**{"docs/news/a.md": text})
    site, _ = read_site(root / "data")
    _, problems = read_posts(root / "docs", "news", site)
    assert [str(p) for p in problems] == [
        f"docs/news/a.md:{line}: 信息块应写成“键: 值”的形式，这里是{what} "
        "提示：每行写一项，如“title: 标题”“date: 2017-10-13”，行首不要写“- ”。"
    ]


def test_a_billion_laughs_in_front_matter_is_one_problem(make_tree: Callable[..., Path]) -> None:
    lines = ["---", "title: x", "date: 2017-10-01", "a: &a [lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{c}: &{c} [" + ", ".join([f"*{chr(ord(c) - 1)}"] * 9) + "]" for c in "bcdefghi"]
    root = make_tree(**{"docs/news/bomb.md": "\n".join([*lines, "---", "正文"]) + "\n"})
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert posts == ()
    assert [(p.line, p.message) for p in problems] == [
        (5, "不支持 YAML 别名“*a”（文件里共有 72 处）")
    ]


def test_references_to_a_broken_campaign_are_not_errors_again(
    make_tree: Callable[..., Path],
) -> None:
    """One mistake in a campaign file is one error, not one more for every post and page."""
    broken = CAMPAIGN.replace("title: 召开一场新闻发布会", 'title: "召开一场新闻发布会')
    tree = news_tree(3, **{"data/campaigns/test-2017.yml": broken})
    tree["docs/news/press.md"] = post("发布会", "2017-10-13", extra="activity: press\n")
    tree["docs/news/other.md"] = post("未知", "2017-10-13", campaign="test-2071")
    tree["docs/guide.md"] = "# 指南\n\n<!-- campaign:schedule test-2017 -->\n"
    root = make_tree(tree)
    result = campaign_cli(root, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/campaigns/test-2017.yml:11: YAML 格式错误：这一行开始的引号没有结束 "
        '提示：第 12 列的“"”没有配对，改成「    title: "召开一场新闻发布会"」。在文字末尾补上同样的引号；文字里本身有引号时，改用中文引号“”。',
        # a campaign that never existed is still reported
        "docs/news/other.md:4: 未知的方案“test-2071” 提示：是否想写“test-2017”？",
    ]
    assert "0 个方案，0 项活动，5 个部门，5 篇新闻；2 个错误，0 个警告" in result.stderr


def test_an_activity_of_a_campaign_with_errors_is_not_reported_missing(
    make_tree: Callable[..., Path],
) -> None:
    broken = CAMPAIGN.replace("  - id: press\n    title: 召开一场新闻发布会\n", "  - id: press\n")
    text = post("发布会", "2017-10-13", extra="activity: press\n")
    root = make_tree(**{"data/campaigns/test-2017.yml": broken, "docs/news/a.md": text})
    site, problems = read_site(root / "data")
    assert [(p.line, p.message) for p in problems] == [(10, "缺少必填的键“title”")]
    assert site.broken == {"test-2017"}
    posts, problems = read_posts(root / "docs", "news", site)
    assert problems == []
    assert [(p.title, p.activity) for p in posts] == [("发布会", None)]


def test_a_post_read_in_full(make_tree: Callable[..., Path]) -> None:
    body = (
        "# 页面自己的标题\n\n![图](a.png)\n\n**10月13日上午**，市委宣传部召开[发布会](x.md)，\n"
        "介绍 2017 年 progress report 的情况。\n\n第二段。\n"
    )
    text = post(
        "我市召开新闻发布会",
        "2017年10月13日上午10:00",
        extra="activity: press\ndepartments: 宣传部\nsource: 铜川日报\nsource_level: 市级\n"
        "tags: [扶贫日, 扶贫日, 新闻发布会]\n",
        body=body,
    )
    root = make_tree(
        **{"docs/news/2017/press.md": text, "docs/news/index.md": "# 编辑自己写的新闻首页\n"}
    )
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert problems == []
    (p,) = posts  # news/index.md is not a post
    assert p.src == "news/2017/press.md"
    assert p.date == dt.datetime(2017, 10, 13, 10, 0, tzinfo=p.date.tzinfo) and p.has_time
    assert p.date.utcoffset() == dt.timedelta(hours=8)
    assert [c.id for c in p.campaigns] == ["test-2017"]
    assert p.activity is not None and p.activity.id == "press"
    assert [d.id for d in p.departments] == ["xcb"]
    assert p.source_level is SourceLevel.CITY
    assert p.tags == ("扶贫日", "新闻发布会")
    # the first paragraph, as plain text, Chinese lines joined without a space
    assert p.summary == "10月13日上午，市委宣传部召开发布会，介绍 2017 年 progress report 的情况。"


def test_summary_and_reading_time() -> None:
    assert first_paragraph("```\n代码\n```\n\n> 引文\n\n| a |\n|---|\n\n正文。\n") == "正文。"
    long = "字" * 500
    assert first_paragraph(long).endswith("…") and len(first_paragraph(long)) == 120
    assert measure("扶贫日 reading time, two words 和 五个字") == (7, 4)


def test_reading_time_counts_chinese_characters(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        **{
            "docs/news/short.md": post("短", "2017-10-01", body="字" * 100),
            "docs/news/long.md": post("长", "2017-10-02", body="字" * 1000),
        }
    )
    site, _ = read_site(root / "data")
    posts, _ = read_posts(root / "docs", "news", site)
    assert {p.title: p.reading_minutes for p in posts} == {"短": 1, "长": 3}  # 450 a minute


def test_an_offset_in_the_date_is_kept(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**{"docs/news/a.md": post("x", "2017-10-01T02:00:00+00:00")})
    site, _ = read_site(root / "data")
    (p,), _ = read_posts(root / "docs", "news", site)
    assert p.date.astimezone(dt.UTC).hour == 2


# -- listings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)])
def test_pagination_boundaries(count: int, pages: int) -> None:
    listing = listings.Listing("news", "新闻", tuple(range(count)), "index")  # type: ignore[arg-type]
    result = listings.paginate(listing, 3)
    assert len(result) == pages
    assert [len(p.posts) for p in result] == [min(3, count - 3 * i) for i in range(pages)]
    assert [p.src for p in result] == ["news/index.md"] + [
        f"news/page/{n}.md" for n in range(2, pages + 1)
    ]
    assert result[0].previous_src is None and result[-1].next_src is None


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (5, 1), (6, 2)])
def test_listing_pages_in_a_real_build(
    make_tree: Callable[..., Path], count: int, pages: int
) -> None:
    yml = MKDOCS_YML.replace(
        "      today: 2017-10-12\n", "      today: 2017-10-12\n      news_page_size: 5\n"
    )
    root = make_tree(news_tree(count, **{"mkdocs.yml": yml}))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    index = _read(root, "news/index.html")
    assert f"共 {count} 篇" in index
    assert index.count('class="cp-post"') == min(count, 5)
    built = sorted(p.parent.name for p in (root / "site/news/page").glob("*/index.html"))
    assert built == [str(n) for n in range(2, pages + 1)]
    if pages == 2:
        second = _read(root, "news/page/2/index.html")
        assert second.count('class="cp-post"') == 1
        assert "新闻000" in second  # the oldest post is last
        assert 'rel="prev"' in second and 'rel="next"' not in second
    if count == 0:
        assert "暂无新闻" in index


def test_archives_tags_and_scoped_listings(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(3)
    tree["docs/news/october.md"] = post(
        "十月的新闻", "2017-10-05", extra="departments: [市卫计局]\ntags: [健康扶贫]\n"
    )
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    year = _read(root, "news/archive/2017/index.html")
    assert "共 4 篇" in year and "9月（3）" in year and "10月（1）" in year
    assert "共 3 篇" in _read(root, "news/archive/2017/09/index.html")
    assert "十月的新闻" in _read(root, "news/tags/健康扶贫/index.html")
    assert "共 4 篇" in _read(root, "campaigns/test-2017/news/index.html")
    # the campaign overview shows its latest posts; a department page all of its own
    assert "十月的新闻" in _read(root, "campaigns/test-2017/index.html")
    dept = _read(root, "departments/wjj/index.html")
    assert "相关新闻（1 篇）" in dept and "十月的新闻" in dept and "新闻000" not in dept
    assert "本单位全部新闻" not in dept
    assert not (root / "site/departments/wjj/news").exists()  # it all fits on one page


def test_a_department_with_more_news_than_fit_has_a_list(make_tree: Callable[..., Path]) -> None:
    yml = MKDOCS_YML.replace(
        "today: 2017-10-12\n", "today: 2017-10-12\n      archive_page_size: 2\n"
    )
    tree = news_tree(0, **{"mkdocs.yml": yml})
    for n in range(5):
        tree[f"docs/news/w{n}.md"] = post(
            f"卫计新闻{n}", f"2017-10-0{n + 1}", extra="departments: [市卫计局]\n"
        )
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    dept = _read(root, "departments/wjj/index.html")
    assert "相关新闻（5 篇）" in dept and "卫计新闻4" in dept and "卫计新闻3" in dept
    assert "卫计新闻2" not in dept  # two fit
    assert 'href="news/">本单位全部新闻（5 篇）</a>' in dept
    listing = _read(root, "departments/wjj/news/index.html")
    assert "卫计新闻4" in listing and "卫计新闻2" not in listing
    assert "卫计新闻0" in _read(root, "departments/wjj/news/page/3/index.html")


def test_neighbours_and_related(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(4)
    tree["docs/news/other.md"] = post("别的方案的新闻", "2017-09-02 12:00", campaign=None)
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "news/post-001/index.html")
    nav = page[page.index('class="cp-post-nav"') :]
    # newest first: 003 (09-04), 002 (09-03), other (09-02 12:00), 001 (09-02 8:00), 000
    assert re.search(r"上一篇：<a href=\"../post-000/\" rel=\"prev\">新闻000</a>", nav)
    assert re.search(r"下一篇：<a href=\"../other/\" rel=\"next\">别的方案的新闻</a>", nav)
    related = page[page.index('class="cp-related"') :]
    titles = re.findall(r'class="cp-post__title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles == ["新闻002", "新闻000", "新闻003"]  # same campaign, nearest in time first
    # the header: date, outlet and level, reading time, campaign and tags
    assert "2017年9月2日（星期六） 8:00" in page and "来源：铜川日报（省级）" in page
    assert "阅读约 1 分钟" in page
    assert 'href="../../campaigns/test-2017/"' in page


def test_post_titles_from_front_matter_are_escaped(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        **{"docs/news/x.md": post('"</title><script>alert(1)</script>"', "2017-10-01")}
    )
    assert mkdocs_build(root).returncode == 0
    for rel in ("news/x/index.html", "news/index.html", "campaigns/test-2017/index.html"):
        assert "<script>alert(1)" not in _read(root, rel), rel
    assert "<title>＜/title＞＜script＞alert(1)＜/script＞ - 测试站点</title>" in _read(
        root, "news/x/index.html"
    )


# -- drafts and scheduled posts ---------------------------------------------------------------


def _unpublished_tree() -> dict[str, str]:
    tree = news_tree(2)
    tree["docs/news/draft.md"] = post(
        "草稿里的新闻", "2017-10-01", extra="draft: true\ntags: [秘密标签]\n"
    )
    tree["docs/news/later.md"] = post(
        "明天才发的新闻", "2017-10-13 09:00", extra="tags: [秘密标签]\n"
    )
    return tree


def test_drafts_and_scheduled_posts_appear_nowhere(make_tree: Callable[..., Path]) -> None:
    root = make_tree(_unpublished_tree())
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert not (site / "news/draft").exists() and not (site / "news/later").exists()
    assert not (site / "news/tags/秘密标签").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".gz"):
            if path.suffix == ".gz":
                continue
            text = path.read_text("utf-8")
            for needle in ("草稿里的新闻", "明天才发的新闻", "news/draft", "news/later"):
                assert needle not in text, (path, needle)
    assert "news/later" not in (site / "sitemap.xml").read_text("utf-8")


def test_drafts_show_in_serve_with_a_mark(tmp_path: Path, make_tree: Callable[..., Path]) -> None:
    """`mkdocs serve` builds drafts: emulate it in-process, as its command does."""
    root = make_tree(_unpublished_tree())
    script = f"""
import sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
config = load_config(config_file={str(root / "mkdocs.yml")!r}, site_dir={str(tmp_path / "served")!r})
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/zt/test/")
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    served = tmp_path / "served"
    draft = (served / "news/draft/index.html").read_text("utf-8")
    assert "这是一篇草稿（draft: true）" in draft and "cp-draft" in draft
    later = (served / "news/later/index.html").read_text("utf-8")
    assert "这篇新闻定于 2017年10月13日（星期五） 发布" in later
    index = (served / "news/index.html").read_text("utf-8")
    assert (
        "草稿里的新闻" in index and index.count('<span class="cp-badge cp-draft">草稿</span>') == 2
    )
    assert "草稿里的新闻" not in (served / "feed.xml").read_text("utf-8")  # feeds: published only


# -- feeds ------------------------------------------------------------------------------------


def test_feeds_parse_in_feedparser(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(3)
    tree["docs/news/2017/special.md"] = post(
        "特别<报道> & 评论",
        "2017-10-11 20:30",
        extra="summary: 摘要里有 <b>尖括号</b> & 符号\ntags: [扶贫日, 评论]\n",
    )
    tree["docs/news/nocampaign.md"] = post("无方案的新闻", "2017-09-30", campaign=None)
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    site = root / "site"
    for scope, expected in (("", 5), ("campaigns/test-2017/news/", 4)):
        for name in ("feed.xml", "atom.xml", "feed.json"):
            parser = feedparser_rs if name == "feed.json" else feedparser
            feed = parser.parse((site / scope / name).read_bytes())
            assert not feed.bozo, (scope, name, feed.get("bozo_exception"))
            assert (
                feed.version
                == {"feed.xml": "rss20", "atom.xml": "atom10", "feed.json": "json11"}[name]
            )
            assert len(feed.entries) == expected, (scope, name)
            first = feed.entries[0]
            if name != "feed.json":  # feedparser-rs HTML-escapes JSON Feed titles, which are text
                assert first.title == "特别<报道> & 评论"
            assert first.link == "https://example.gov.cn/zt/test/news/2017/special/"
            assert first.id == first.link  # stable: the post's URL
            # published_parsed is in UTC: 20:30 in Beijing is 12:30
            assert tuple(first.published_parsed[:5]) == (2017, 10, 11, 12, 30)
            html = first.content[0].value if name == "feed.json" else first.summary
            assert "<p>摘要里有 &lt;b&gt;尖括号&lt;/b&gt; &amp; 符号</p>" in html  # text, as HTML
            assert all(
                e.link.startswith("https://example.gov.cn/zt/test/news/") for e in feed.entries
            )
            assert not any("/page/" in e.link or "/tags/" in e.link for e in feed.entries)
    rss = (site / "feed.xml").read_text("utf-8")
    assert "<pubDate>Wed, 11 Oct 2017 20:30:00 +0800</pubDate>" in rss
    data = json.loads((site / "feed.json").read_text("utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://example.gov.cn/zt/test/feed.json"
    assert data["items"][0]["date_published"] == "2017-10-11T20:30:00+08:00"
    assert data["items"][0]["tags"] == ["扶贫日", "评论"]
    assert data["items"][0]["title"] == "特别<报道> & 评论"  # JSON Feed titles are plain text


def test_feeds_need_a_site_url(make_tree: Callable[..., Path]) -> None:
    yml = MKDOCS_YML.replace("site_url: https://example.gov.cn/zt/test/\n", "")
    root = make_tree(news_tree(1, **{"mkdocs.yml": yml}))
    result = mkdocs_build(root)
    assert result.returncode != 0  # a warning: strict fails
    assert "没有设置 site_url，无法生成新闻订阅源" in result.stderr


# -- statistics -------------------------------------------------------------------------------


def test_statistics_equal_a_count_by_hand(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(5)  # 市级, 省级, 市级, 省级, 市级
    tree["docs/news/central.md"] = post(
        "中央媒体", "2017-10-02", extra="source: 人民网\nsource_level: 中央\n"
    )
    tree["docs/news/plain.md"] = post("没写级别", "2017-10-03", campaign=None)
    tree["docs/news/future.md"] = post("未来", "2017-12-01", extra="source_level: 中央\n")
    root = make_tree(tree)
    site, _ = read_site(root / "data")
    posts, _ = read_posts(root / "docs", "news", site)
    published = [p for p in posts if p.is_published(dt.date(2017, 10, 12))]
    level = stats.count(published, "level")
    assert [(r.label, r.count) for r in level.rows] == [
        ("中央", 1),
        ("省级", 2),
        ("市级", 3),
        ("未注明", 1),
    ]
    assert level.total == 7
    assert [(r.label, r.count) for r in stats.count(published, "month").rows] == [
        ("2017年9月", 5),
        ("2017年10月", 2),
    ]
    assert [(r.label, r.count) for r in stats.count(published, "source").rows] == [
        ("铜川日报", 5),
        ("人民网", 1),
        ("未注明", 1),
    ]
    september = stats.in_period(published, dt.date(2017, 9, 1), dt.date(2017, 9, 30))
    assert stats.summary(september) == "共发表稿件 5 篇，其中省级媒体 2 篇、市级媒体 3 篇。"
    # the built page says the same
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "news/stats/index.html")
    assert "共发表稿件 7 篇，其中中央媒体 1 篇、省级媒体 2 篇、市级媒体 3 篇。" in page
    assert "<svg" in page and 'aria-hidden="true"' in page


def test_stats_command(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = make_tree(news_tree(4))
    table = campaign_cli(root, "stats", "--by", "level")
    assert table.returncode == 0, table.stderr
    assert "共发表稿件 4 篇，其中省级媒体 2 篇、市级媒体 2 篇。" in table.stdout
    assert re.search(r"省级\s+2\n市级\s+2\n合计（篇）\s+4\n", table.stdout)
    out = tmp_path / "by-month.csv"
    result = campaign_cli(root, "stats", "--by", "month", "--from", "2017-09-02", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().decode("utf-8") == "\ufeff月份,篇数\r\n2017年9月,3\r\n"
    as_json = json.loads(
        campaign_cli(root, "stats", "--format", "json", "--to", "2017-09-01").stdout
    )
    assert as_json["total"] == 1 and as_json["rows"] == [{"label": "市级", "count": 1}]
    bad = campaign_cli(root, "stats", "--from", "九月")
    assert bad.returncode == 2 and "不是日期" in bad.stderr


def test_news_and_stats_blocks(make_tree: Callable[..., Path]) -> None:
    home = "# 首页\n\n<!-- campaign:news all -->\n\n<!-- campaign:stats test-2017 -->\n"
    root = make_tree(news_tree(7, **{"docs/index.md": home}))
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "index.html")
    assert page.count('class="cp-post"') == 5  # latest_news defaults to 5
    assert "更多新闻（共 7 篇）" in page
    assert "测试扶贫日活动方案：共发表稿件 7 篇" in page


# -- search -----------------------------------------------------------------------------------


def test_jieba_is_installed_and_imports() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import jieba; print(list(jieba.cut('新闻发布会')))"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "发布会" in result.stdout


def test_chinese_words_are_search_tokens_of_the_right_post(make_tree: Callable[..., Path]) -> None:
    yml = MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
    tree = news_tree(2, **{"mkdocs.yml": yml})
    tree["docs/news/press.md"] = post(
        "我市召开脱贫攻坚新闻发布会", "2017-10-01", body="市扶贫局介绍易地扶贫搬迁进展。\n"
    )
    root = make_tree(tree)
    assert mkdocs_build(root).returncode == 0
    site = root / "site"
    assert {"新闻", "发布"} <= {
        pair for pair in ("新闻", "发布", "布会") if "news/press/" in holders(site, pair, "title")
    }
    moved = holders(site, "搬迁", "body")  # the post, and the campaign page listing it
    assert "news/press/" in moved and not any(h.startswith("news/post-") for h in moved)
    titled = holders(site, "发布", "title")
    assert "news/press/" in titled and not any(h.startswith("news/post-") for h in titled)
    everything = holders(site, "新闻")  # in every listing's title, but listings are not indexed
    assert not any(h.startswith(("news/page", "news/tags", "news/archive")) for h in everything)


def test_check_covers_news(make_tree: Callable[..., Path]) -> None:
    root = make_tree(**basic_tree(**{"docs/news/bad.md": BROKEN_POST}))
    result = campaign_cli(root, "check")
    assert result.returncode == 1
    assert "docs/news/bad.md:4: 未知的方案“test-2071” 提示：是否想写“test-2017”？" in result.stdout
    assert "5 个错误" in result.stderr


@pytest.mark.parametrize("parallel", [False, True])
def test_each_post_is_converted_once(
    make_tree: Callable[..., Path], tmp_path: Path, parallel: bool
) -> None:
    """Listings, feeds and statistics use what the reader measured, never a second conversion:
    in this process nor in one it forks (``parallel``: the prerender process converts the
    generated pages, and would convert a post there unseen by a count kept in memory)."""
    option = f"      parallel: {'true' if parallel else 'false'}\n      today:"
    tree = news_tree(0, **{"mkdocs.yml": MKDOCS_YML.replace("      today:", option)})
    for n in range(12):
        tree[f"docs/news/p{n}.md"] = post(
            f"新闻{n}", f"2017-09-{n + 1:02d}", body=f"第一段。\n\n只在正文里的标记{n:02d}。\n"
        )
    root = make_tree(tree)
    # every conversion, in any process, appends a line to the file argv[3]: the process's id
    # and the markers of the posts converted (one write to a file opened for appending: the
    # lines of two processes never mix); the site at argv[1] is built into argv[2]
    script = """\
import json, os, re, sys
import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, log = sys.argv[1:]
original = markdown.Markdown.convert
def counting(self, source):
    found = re.findall(r"只在正文里的标记(\\d\\d)", source)
    with open(log, "a", encoding="utf-8") as file:
        file.write(f"{os.getpid()} {' '.join(found)}\\n")
    return original(self, source)
markdown.Markdown.convert = counting
build(load_config(config_file=config_file, site_dir=site_dir))
cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
print(json.dumps({"pid": os.getpid(), "can_fork": sys.platform == "linux" and cores > 1}))
"""
    log = tmp_path / "conversions.txt"
    result = subprocess.run(
        [sys.executable, "-c", script, str(root / "mkdocs.yml"), str(tmp_path / "out"), str(log)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    build = json.loads(result.stdout.strip().splitlines()[-1])
    seen: dict[str, list[int]] = {}  # marker -> the process of each of its conversions
    pids = set()
    for line in log.read_text("utf-8").splitlines():
        pid, *markers = line.split(" ")
        pids.add(int(pid))
        for marker in filter(None, markers):
            seen.setdefault(marker, []).append(int(pid))
    assert {marker: len(where) for marker, where in seen.items()} == {
        f"{n:02d}": 1 for n in range(12)
    }, seen
    # the count reached every process that converted anything: with parallel, a forked one
    if parallel and build["can_fork"]:
        assert build["pid"] in pids and len(pids) == 2, pids
    else:
        assert pids == {build["pid"]}, pids
    index = (tmp_path / "out/news/index.html").read_text(
        "utf-8"
    )  # listings were built all the same
    assert index.count('class="cp-post"') == 12 and "只在正文里" not in index


def test_cover_images_are_checked_and_shown(make_tree: Callable[..., Path]) -> None:
    tree = news_tree(0)
    tree["docs/news/2017/a.md"] = post("有封面", "2017-10-01", extra="cover: img/a.svg\n")
    tree["docs/news/2017/img/a.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    tree["docs/news/2017/b.md"] = post("封面缺失", "2017-10-02", extra="cover: img/b.png\n")
    root = make_tree(tree)
    site, _ = read_site(root / "data")
    posts, problems = read_posts(root / "docs", "news", site)
    assert [str(p) for p in problems] == [
        "docs/news/2017/b.md:5: 封面图片“img/b.png”不存在 "
        "提示：路径相对于这篇新闻所在的文件夹，图片要放在 docs/ 里面。"
    ]
    assert {p.title: p.cover for p in posts} == {"有封面": "news/2017/img/a.svg", "封面缺失": None}
    (root / "docs/news/2017/b.md").unlink()
    assert mkdocs_build(root).returncode == 0
    assert '<img class="cp-cover" src="../img/a.svg" alt=""' in _read(
        root, "news/2017/a/index.html"
    )
    assert 'src="2017/img/a.svg"' in _read(root, "news/index.html")
    item = json.loads(_read(root, "feed.json"))["items"][0]
    assert item["image"] == "https://example.gov.cn/zt/test/news/2017/img/a.svg"


def test_headings_in_posts_get_chinese_anchors(make_tree: Callable[..., Path]) -> None:
    body = "第一段。\n\n## 主要做法\n\n正文。\n\n## 下一步工作\n\n正文。\n"
    root = make_tree(news_tree(0, **{"docs/news/a.md": post("x", "2017-10-01", body=body)}))
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "news/a/index.html")
    assert '<h2 id="主要做法">' in page and '<h2 id="下一步工作">' in page


def test_a_summary_of_pathological_text_is_cut_first() -> None:
    """The inline patterns see a bounded part of the first paragraph (80,000 "[" took
    40 s), and the summary is still the paragraph's beginning."""
    summary = first_paragraph("正文" + "[" * 80_000)
    assert len(summary) == SUMMARY_LENGTH and summary.startswith("正文[[[")
