"""A Markdown extension: soft line breaks between two Chinese characters disappear.

Editors wrap long Chinese paragraphs in YAML and Markdown. Markdown keeps each line break as
a newline, which browsers show as a space: "对照落实，\\n也方便" reads "对照落实， 也方便".
Between Chinese characters (and full-width punctuation) there should be no space at all;
next to Latin text the break stays a space.

Use it as ``markdown_extensions: [campaign_pages.core.render.cjk]``; the plugin adds it for you.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    # most texts have no line break at all: the check is far cheaper than the pattern
    return _SOFT_BREAK.sub("", text) if "\n" in text else text


class _JoinLines(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and element.tag not in ("pre", "code"):
                element.text = join_cjk_lines(text)
            if tail and len(tail) > 2:  # not the "\n" between blocks
                element.tail = join_cjk_lines(tail)


class CjkExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_JoinLines(md), "campaign_cjk", 5)


def makeExtension(**kwargs: Any) -> CjkExtension:
    return CjkExtension(**kwargs)
