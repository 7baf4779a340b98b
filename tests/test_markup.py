from __future__ import annotations

from campaign_pages.markup import front_matter_title, md_text, plain_text, render_markdown


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


def test_chinese_lines_join_without_a_space() -> None:
    text = "全市围绕精准扶贫、\n精准脱贫开展活动，\nfor all 人\n\n```\n代码\n保持\n```"
    html = render_markdown(text)
    assert "精准扶贫、精准脱贫开展活动，\nfor all 人" in html  # next to Latin text the break stays
    assert "代码\n保持" in html  # code is left alone


def test_titles_for_front_matter_carry_no_markup() -> None:
    assert front_matter_title('</title><script>"x"&') == '"＜/title＞＜script＞＂x＂＆"'
    assert front_matter_title("多行\n  标题") == '"多行 标题"'
