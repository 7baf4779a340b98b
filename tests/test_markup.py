from __future__ import annotations

from campaign_pages.markup import md_text, plain_text, render_markdown


def test_raw_html_in_yaml_markdown_is_shown_not_run() -> None:
    html = render_markdown("说明 <script>alert(1)</script>\n\n<iframe src=x></iframe>")
    assert "<script" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_active_link_schemes_are_dropped() -> None:
    html = render_markdown("[a](javascript:alert(1)) [b](https://example.gov.cn/) [c](../x/)")
    assert "javascript:" not in html
    assert 'href="https://example.gov.cn/"' in html
    assert 'href="../x/"' in html


def test_markdown_still_works() -> None:
    assert render_markdown("**重点**工作") == "<p><strong>重点</strong>工作</p>"
    assert render_markdown("  ") == ""


def test_md_text_escapes_html_and_markdown() -> None:
    assert md_text("<b>*甲*</b> #1") == "&lt;b&gt;\\*甲\\*&lt;/b&gt; \\#1"


def test_plain_text() -> None:
    assert plain_text("<p>甲 &amp; 乙</p>") == "甲 & 乙"
