"""The preview's parts without a browser: the last good campaigns, the problems panel (all
text escaped), and no panel in a build. tests/browser/test_preview.py runs them for real
under ``mkdocs serve``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from campaign_pages.core.problems import Problem, Severity
from campaign_pages.core.read.lastgood import LastGood
from campaign_pages.core.read.site import read_site
from campaign_pages.core.render.panel import MAX_SHOWN, problems_panel, put_panel

from .conftest import BIN, CAMPAIGN, mkdocs_build, run


def test_a_campaign_keeps_its_last_good_version_while_its_file_has_errors(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree()
    path = root / "data/campaigns/test-2017.yml"
    memory = LastGood()
    good, _ = read_site(root / "data")
    assert memory.apply(good) is good  # nothing broken: the site as it is
    path.write_text(CAMPAIGN.replace("title:", "title: [", 1), "utf-8")
    broken, problems = read_site(root / "data")
    assert broken.campaign("test-2017") is None and problems
    shown = memory.apply(broken)
    assert shown.campaign("test-2017") == good.campaign("test-2017")
    assert shown.stale == {"test-2017"}
    again, _ = read_site(root / "data")  # broken still: still the last good one
    assert memory.apply(again).campaign("test-2017") == good.campaign("test-2017")
    path.unlink()  # the file is gone: nothing is kept
    gone, _ = read_site(root / "data")
    assert memory.apply(gone).campaign("test-2017") is None


def test_the_panel_escapes_what_it_quotes_and_says_where_the_last_good_page_is() -> None:
    problems = [
        Problem("data/campaigns/x.yml", 3, "未知的键“<script>alert(1)</script>”", "写 title"),
        Problem("docs/news/a.md", 1, "日期在今天之后", "改日期", Severity.WARNING),
    ]
    panel = str(problems_panel(problems, "data/campaigns/x.yml"))
    assert "<script>alert" not in panel and "&lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert "2 个问题（1 个错误，1 个警告）" in panel
    assert "<code>data/campaigns/x.yml:3</code>" in panel
    assert "上次没有错误时的内容" in panel
    assert str(problems_panel([])) == ""
    many = [Problem("data/x.yml", n, "错", "改") for n in range(1, MAX_SHOWN + 8)]
    assert "还有 7 个问题没有列出" in str(problems_panel(many))
    page = '<html><body><article class="md-content__inner md-typeset"><h1>标题</h1>'
    shown = put_panel(page, problems_panel(problems))
    assert shown.index("cp-problems") < shown.index("<h1>")  # at the top of the content
    assert "<h1>标题</h1>" in shown  # and the page itself not escaped


def test_a_build_never_shows_the_panel(make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    (root / "data/campaigns/test-2017.yml").write_text(
        CAMPAIGN.replace("title:", "titel:", 1), "utf-8"
    )
    strict = mkdocs_build(root)  # the problem fails a strict build…
    assert strict.returncode != 0 and "未知的键“titel”" in strict.stderr
    done = run([str(BIN / "mkdocs"), "build"], root)  # …and without --strict: no panel
    assert done.returncode == 0, done.stderr
    pages = list((root / "site").rglob("*.html"))
    assert pages and not any("cp-problems" in p.read_text("utf-8") for p in pages)
