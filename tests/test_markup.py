from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from campaign_pages.core.render.markup import (
    URL_SCHEMES,
    front_matter_title,
    md_text,
    plain_text,
    put_back_html,
    render_markdown,
    set_aside_html,
)


def test_raw_html_in_yaml_markdown_is_shown_not_run() -> None:
    html = render_markdown("说明 <script>alert(1)</script>\n\n<iframe src=x></iframe>")
    assert "<script" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Link targets that a browser reads as javascript: (or data:, vbscript:) once it has decoded
# entities and dropped tabs, newlines and leading control characters.
ACTIVE_LINKS = [
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](javascript&#58;alert(1))",
    "[a](javascript&colon;alert(1))",
    "[a](javascript&#x3A;alert(1))",
    "[a](&#x6A;avascript:alert(1))",
    "[a](java&#9;script:alert(1))",
    "[a](java&#10;script:alert(1))",
    "[a](jav&Tab;ascript:alert(1))",
    "[a](java&NewLine;script:alert(1))",
    "[a](\x01javascript:alert(1))",
    "[a]( javascript:alert(1))",
    "[a](<javascript:alert(1)>)",
    "[a]: javascript&#58;alert(1)\n\n[x][a]",
    "![x](javascript&#58;alert(1))",
    "[a](data:text/html,<script>alert(1)</script>)",
    "[a](vbscript:msgbox(1))",
]


def browser_scheme(url: str) -> str | None:
    """The scheme a browser would see in an attribute value (WHATWG URL parsing)."""
    url = url.strip("".join(map(chr, range(0x21))))  # C0 controls and space, both ends
    url = re.sub(r"[\t\n\r]", "", url)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match[1].lower() if match else None


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("href", "src") and v is not None]


def urls_in(html_text: str) -> list[str]:
    parser = _Urls()  # decodes entities in attribute values, as a browser does
    parser.feed(html_text)
    return parser.urls


@pytest.mark.parametrize("text", ACTIVE_LINKS)
def test_active_link_schemes_are_dropped(text: str) -> None:
    html_text = render_markdown(text)
    assert ">a<" in html_text or ">x<" in html_text or 'alt="x"' in html_text  # the text stays
    for url in urls_in(html_text):
        assert browser_scheme(url) in (None, *URL_SCHEMES), (text, html_text)


def test_safe_links_are_kept() -> None:
    html_text = render_markdown(
        "[b](https://example.gov.cn/?a=1&b=2) [c](../x/) [d](mailto:a@b.cn) [e](tel:0919-1) [f](#x)"
    )
    assert urls_in(html_text) == [
        "https://example.gov.cn/?a=1&b=2",
        "../x/",
        "mailto:a@b.cn",
        "tel:0919-1",
        "#x",
    ]


def test_markdown_tables_and_lists_survive_the_sanitiser() -> None:
    table = render_markdown("| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |")
    assert re.search(r'<th style="text-align: ?left;?">甲</th>', table)
    assert re.search(r'<td style="text-align: ?right;?">2</td>', table)
    assert '<ol start="3">' in render_markdown("3. 甲\n4. 乙")


def test_markdown_still_works() -> None:
    assert render_markdown("**重点**工作") == "<p><strong>重点</strong>工作</p>"
    assert render_markdown("  ") == ""


def test_md_text_escapes_html_and_markdown() -> None:
    assert md_text("<b>*甲*</b> #1") == "&lt;b&gt;\\*甲\\*&lt;/b&gt; \\#1"


def test_plain_text() -> None:
    assert plain_text("<p>甲 &amp; 乙</p>") == "甲 & 乙"


def test_chinese_lines_join_without_a_space() -> None:
    text = "全市围绕精准扶贫、\n精准脱贫开展活动，\nfor all 人\n\n```\n代码\n保持\n```"
    html = render_markdown(text)
    assert "精准扶贫、精准脱贫开展活动，\nfor all 人" in html  # next to Latin text the break stays
    assert "代码\n保持" in html  # code is left alone


def test_chinese_lines_join_after_inline_markup_too() -> None:
    html = render_markdown("先用 `check` 检查\n再构建，**然后**发布\n上线")
    assert "检查再构建" in html and "发布上线" in html
    assert "代码\n保持" in render_markdown("说明：\n\n    代码\n    保持")  # a code block


def _convert(text: str, *extensions: str, toc: list[str] | None = None) -> str:
    import markdown

    md = markdown.Markdown(extensions=["toc", *extensions, "campaign_pages.core.render.headings"])
    html = md.convert(text)
    if toc is not None:
        toc.extend(token["id"] for token in md.toc_tokens)  # type: ignore[attr-defined]
    return html


def test_a_heading_takes_its_id_from_braces_without_attr_list() -> None:
    toc: list[str] = []
    html = _convert("## 牵头任务 {#lead}\n\n## **重点**工作 {#key-work}\n\n## 其他\n", toc=toc)
    assert toc[:2] == ["lead", "key-work"]  # the table of contents links to those ids
    assert '<h2 id="lead">牵头任务</h2>' in html
    assert '<h2 id="key-work"><strong>重点</strong>工作</h2>' in html
    assert "{#" not in html
    # only that form: other attr_list syntax is left to attr_list, or stays text without it
    assert "{.wide}" in _convert("## 表格 {.wide}\n")
    assert "{#lead}" in _convert("牵头任务 {#lead}\n")  # a paragraph, not a heading


def test_with_attr_list_on_as_well_a_heading_is_the_same() -> None:
    text = "# 部门 {#top}\n\n## 配合任务 {#support}\n\n正文\n"
    assert _convert(text, "attr_list") == _convert(text)
    assert 'class="wide"' in _convert("## 表格 {#t .wide}\n", "attr_list")


def test_titles_for_front_matter_carry_no_markup() -> None:
    assert front_matter_title('</title><script>"x"&') == '"＜/title＞＜script＞＂x＂＆"'
    assert front_matter_title("多行\n  标题") == '"多行 标题"'


def test_setting_html_aside_changes_nothing_in_the_result() -> None:
    """Every generated page of the demo converts to the same HTML with its HTML set aside."""
    import datetime as dt
    import re
    from pathlib import Path

    import markdown

    from campaign_pages.core.outputs.generator import Generator
    from campaign_pages.core.read.posts import read_posts
    from campaign_pages.core.read.site import read_site
    from campaign_pages.core.render.renderer import Renderer
    from campaign_pages.core.settings import Options

    from .conftest import ROOT

    site, _ = read_site(ROOT / "data")
    posts, _ = read_posts(Path(ROOT / "docs"), "news", site)
    options = Options()
    settings = options.settings(dt.date(2017, 10, 20), "站点", "https://example.gov.cn/")
    generator = Generator(site, settings, Renderer(options.urls(True)), posts)
    extensions = [
        "toc",
        "tables",
        "md_in_html",
        "campaign_pages.core.render.headings",
        "campaign_pages.core.render.cjk",
    ]

    def convert(text: str) -> str:
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        return markdown.Markdown(extensions=extensions).convert(text)

    pages = [o for o in generator.outputs() if o.path.endswith(".md")]
    assert len(pages) > 40  # every kind of generated page, several times
    for page in pages:
        content = page.render()
        assert isinstance(content, str)
        skeleton, chunks = set_aside_html(content)
        assert "<table" not in skeleton and "<div" not in skeleton  # only headings are left
        whole = convert(content)
        again = put_back_html(convert(skeleton), chunks)
        assert " ".join(whole.split()).replace("> <", "><") == " ".join(again.split()).replace(
            "> <", "><"
        ), page.path


def test_headings_inside_pre_stay_html() -> None:
    text = '---\ntitle: "x"\n---\n# 标题\n\n<pre><code>\n\n# 注释\n</code></pre>\n\n## 小节 {#a}\n\n<p>正文</p>\n'
    skeleton, chunks = set_aside_html(text)
    assert skeleton.startswith('---\ntitle: "x"\n---\n# 标题\n')
    assert "# 注释" not in skeleton and "## 小节 {#a}" in skeleton
    assert "# 注释" in chunks[0] and chunks[1].strip() == "<p>正文</p>"


def test_thousands_of_brackets_are_text() -> None:
    """Python-Markdown is quadratic in the "[" of a paragraph (40,000 took minutes): a text
    with more brackets than any real one is shown with them full-width, in linear time."""
    assert render_markdown("[" * 5000 + "]") == "<p>" + "［" * 5000 + "］</p>"
    assert render_markdown("[通知](../x/)") == '<p><a href="../x/">通知</a></p>'  # links stay
