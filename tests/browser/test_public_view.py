"""What the public sees, checked in Chromium: accessibility, 关怀版, layout, print, requests."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from pypdf import PdfReader

from .conftest import OUT, PAGES, Traffic, open_page, screenshot

SERIOUS = ("serious", "critical")


def _axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return list(result["violations"])


def _search_page(page: Any, base_url: str, query: str = "阳光广场") -> list[str]:
    """The search page type: Material's search dialog with the results of a Chinese query.

    ``?q=`` is Material's own link to a search; the query runs as soon as the search worker
    has loaded the index. Returns the results' links, best first.
    """
    page.goto(f"{base_url}?q={quote(query)}")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('结果')",
        timeout=15_000,
    )
    links = page.locator(".md-search-result__item > a")
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


def _visit(page: Any, base_url: str, name: str) -> None:
    if name == "search":
        _search_page(page, base_url)
        page.wait_for_timeout(500)  # the dialog slides in: measure it at rest
    else:
        page.goto(base_url + PAGES[name])
        page.wait_for_load_state("networkidle")


ALL = [*PAGES, "search"]
_axe_report: dict[str, Any] = {}


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("name", ALL)
def test_no_serious_accessibility_violations(
    browser: Any, base_url: str, traffic: Traffic, name: str, elder: bool
) -> None:
    page = open_page(browser, traffic, elder=elder)
    _visit(page, base_url, name)
    violations = _axe(page)
    _axe_report[f"{name}/{'elder' if elder else 'normal'}"] = {
        v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations
    }
    report = OUT / "axe-report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(_axe_report, ensure_ascii=False, indent=1), "utf-8")
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}"
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert serious == []
    page.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_structure(browser: Any, base_url: str, traffic: Traffic, name: str) -> None:
    page = open_page(browser, traffic)
    _visit(page, base_url, name)
    assert page.get_attribute("html", "lang") == "zh-CN"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    skip = page.locator("a.md-skip")
    assert skip.count() == 1 and skip.get_attribute("href")
    footer = page.locator(".cp-gov-footer").inner_text()
    for text in ("主办单位：中共铜川市委宣传部", "网站标识码：6102000001", "陕ICP备", "陕公网安备"):
        assert text in footer, (name, text)
    assert page.locator(".cp-gov-footer a[href='https://beian.miit.gov.cn/']").count() == 1
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == "https://example.gov.cn/zt/fupinri/" + PAGES[name]
    page.context.close()


def test_chinese_search_finds_the_right_post(browser: Any, base_url: str, traffic: Traffic) -> None:
    page = open_page(browser, traffic)
    found = _search_page(page, base_url, "阳光广场")
    assert found[0].endswith("news/2017/consultation/"), found  # the post that says it
    found = _search_page(page, base_url, "新闻发布会")
    assert {h.rsplit("/", 2)[-2] for h in found[:2]} == {
        "press-conference",
        "press-conference-provincial",
    }, found
    assert _search_page(page, base_url, "招聘会")[0].endswith("news/2017/job-fair/")
    page.context.close()


def test_elder_mode_by_keyboard(browser: Any, base_url: str, traffic: Traffic) -> None:
    page = open_page(browser, traffic)
    page.goto(base_url + PAGES["overview"])
    paragraph = page.locator(".md-content .cp-summary p").first
    before = float(paragraph.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    # Tab from the top of the page until the switch has the focus, then press it
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cp-elder-toggle')"):
            break
    else:
        pytest.fail("the 关怀版 switch cannot be reached with Tab")
    toggle = page.locator(".cp-elder-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('cp-elder')")
    assert toggle.get_attribute("aria-pressed") == "true"
    after = float(paragraph.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    line = float(paragraph.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert after >= 1.5 * before - 0.01 and line >= 1.5 * after
    color = paragraph.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(0, 0, 0)"  # raised contrast: black text
    height = page.locator(".cp-elder-toggle").evaluate("e => e.getBoundingClientRect().height")
    assert height >= 44  # a target an older hand can hit
    # remembered on the next page and on the next visit
    page.goto(base_url + PAGES["news-list"])
    assert page.evaluate("document.documentElement.classList.contains('cp-elder')")
    page.reload()
    assert page.locator(".cp-elder-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".cp-elder-toggle").press("Space")  # and switched off again
    assert not page.evaluate("document.documentElement.classList.contains('cp-elder')")
    page.context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", ALL)
def test_no_horizontal_page_scroll(
    browser: Any, base_url: str, traffic: Traffic, name: str, width: int, elder: bool
) -> None:
    page = open_page(browser, traffic, width=width, elder=elder)
    _visit(page, base_url, name)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    screenshot(page, f"{name}-{width}-{'elder' if elder else 'normal'}")
    assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    if name == "responsibilities" and width == 360:
        # the matrix scrolls inside its own focusable region; the page does not
        inner = page.locator(".cp-matrix-wrap").evaluate("e => e.scrollWidth - e.clientWidth")
        assert inner > 0
        assert page.locator(".cp-matrix-wrap").get_attribute("tabindex") == "0"
    page.context.close()


PRINTED = ["overview", "schedule", "responsibilities", "department", "work-plan", "report"]


@pytest.mark.parametrize("name", PRINTED)
def test_prints_cleanly_on_a4(browser: Any, base_url: str, traffic: Traffic, name: str) -> None:
    page = open_page(browser, traffic)
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    title = unicodedata.normalize("NFKC", page.locator("h1").first.inner_text().rstrip("¶"))
    pdf = page.pdf(format="A4", print_background=True)
    (OUT / "print").mkdir(parents=True, exist_ok=True)
    (OUT / "print" / f"{name}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    # Noto CJK maps some characters to Kangxi radicals (⽇ for 日): NFKC maps them back
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    text = "\n".join(pages)
    compact = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", title) in compact
    assert "网址:" in compact and "打印日期:" in compact  # ：, after NFKC
    assert base_url + PAGES[name] in compact.replace("\n", "")
    for chrome in ("编辑指南", "搜索", "关怀版", "订阅日历"):  # nav, search, header, links
        assert chrome not in compact, (name, chrome)
    assert 1 <= len(pages) <= 12, len(pages)
    if name == "responsibilities":
        # a printed table keeps its header row: repeated on every page it runs over
        holding = [re.sub(r"\s+", "", t) for t in pages if "原文:" in t]
        assert holding and all("截止日期事项报送单位报送至状态" in t for t in holding)
        page.emulate_media(media="print")
        displays = page.eval_on_selector_all(
            ".cp-table thead", "heads => heads.map(h => getComputedStyle(h).display)"
        )
        assert displays and set(displays) == {"table-header-group"}
    page.context.close()


def test_nothing_is_loaded_from_elsewhere(browser: Any, base_url: str, traffic: Traffic) -> None:
    """Every request of this visit to all page types, and of every test before it (it runs
    last), went to the site's own origin, and none failed."""
    own = Traffic()
    page = open_page(browser, own)
    for name in ALL:
        _visit(page, base_url, name)
    page.context.close()
    visited = {urlsplit(url).path for url in own.urls}
    assert {urlsplit(base_url + PAGES[name]).path for name in PAGES} <= visited
    assert any(url.endswith("search_index.json") for url in own.urls)  # the search ran
    for seen in (own, traffic):
        hosts = {urlsplit(url).hostname for url in seen.urls if not url.startswith("data:")}
        assert hosts <= {"127.0.0.1"}, hosts
        assert seen.failed == []
        assert seen.console_errors == []


def test_the_ledger_prints_on_a4_landscape_with_its_header_on_every_page(
    browser: Any, base_url: str, traffic: Traffic
) -> None:
    page = open_page(browser, traffic)
    page.goto(base_url + PAGES["ledger"])
    page.wait_for_load_state("networkidle")
    # the page's own @page rules decide the paper: portrait for the text, landscape for the table
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (OUT / "print").mkdir(parents=True, exist_ok=True)
    (OUT / "print" / "ledger.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    header = "方面问题整改措施责任单位责任领导整改时限状态完成时间"
    table_pages = []
    for sheet in reader.pages:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", sheet.extract_text()))
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        if header in text:
            table_pages.append((width, height, text))
    assert len(table_pages) >= 2  # 35 problems do not fit on one sheet
    for width, height, _ in table_pages:
        assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    # every problem of the demo ledger is printed, none cut off
    titles = page.eval_on_selector_all(
        ".cp-ledger tr.cp-ledger__row > th",
        """cells => cells.map(c => {
            const own = c.cloneNode(true);
            own.querySelectorAll(".cp-ledger__parents, .cp-ledger__path").forEach(e => e.remove());
            return own.textContent;
        })""",
    )
    printed = "".join(text for _, _, text in table_pages)
    assert len(titles) == 35
    for title in titles:
        start = unicodedata.normalize("NFKC", re.sub(r"\s+", "", title))[:12]
        # the font maps some characters to CJK radical supplements (⻋ for 车), which NFKC
        # leaves alone: any of those stands for any character
        pattern = "".join(f"(?:{re.escape(ch)}|[\u2e80-\u2eff])" for ch in start)
        assert re.search(pattern, printed), title
    page.context.close()
