"""Real ``mkdocs build --strict`` runs of small sites from inline trees."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .conftest import CAMPAIGN, MKDOCS_YML, mkdocs_build
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
    assert "正在进行" in overview  # today 2017-10-12 lies in the period
    assert "已逾期 3 天" in overview and "还有 5 天" in overview
    assert 'href="../../assets/campaign-pages.css"' in overview
    # the editor's block on the home page became the deadlines table
    home = _read(root, "index.html")
    assert "<!-- campaign:" not in home
    [deadlines] = tables(home, "cp-deadlines")
    assert [row[1] for row in deadlines[1:]] == ["报送活动方案", "报送开展情况"]
    assert 'href="departments/xgbm/"' in home


def test_matrix_is_accessible_and_exact(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    assert mkdocs_build(root).returncode == 0
    page = _read(root, "campaigns/test-2017/responsibilities/index.html")
    assert "<caption>" in page and '<th scope="col">' in page and '<th scope="row">' in page
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
        CAMPAIGN.replace("title: 测试扶贫日活动方案", 'title: "<script>alert(1)</script>方案"')
        .replace("location: 新区阳光广场", 'location: "<img src=x onerror=alert(2)>"')
        .replace("summary: 一个测试方案。", "summary: '<script>alert(3)</script>'")
    )
    root = make_tree(**{"data/campaigns/test-2017.yml": evil})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    for rel in [
        "campaigns/test-2017/index.html",
        "campaigns/test-2017/schedule/index.html",
        "campaigns/index.html",
        "departments/xcb/index.html",
    ]:
        page = _read(root, rel)
        assert "<script>alert" not in page, rel
        assert "<img src=x" not in page, rel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;方案" in _read(
        root, "campaigns/test-2017/index.html"
    )


def test_strict_build_fails_on_content_errors(make_tree: Callable[..., Path]) -> None:
    bad = CAMPAIGN.replace("support: [市卫计局]", "support: [市卫记局]").replace(
        "when: 10月中旬", "when: 十月中"
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
    assert re.search(r"data/campaigns/test-2017\.yml:12: .*“十月中”", result.stderr)
    assert "docs/index.md:3: 未知的方案“test-2071”" in result.stderr


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
