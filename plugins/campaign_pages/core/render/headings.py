"""A Markdown extension: ``## 标题 {#id}`` gives the heading the id ``id``.

Generated pages give their headings fixed anchors this way, so that links into them (a
schedule's days, a department's sections) do not depend on the heading's words. It is the
one form of attr_list's syntax they use. The plugin adds this extension rather than attr_list,
so that a site's own pages keep the Markdown syntax its mkdocs.yml chose; where attr_list is
on as well, it runs first and reads the same ``{#id}`` the same way.

Runs after the inline patterns and before the table of contents (priority 5), which takes
an id already set on a heading as that heading's anchor.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_ID = re.compile(r"[ \t]*\{#([A-Za-z][\w-]*)\}[ \t]*$")


class _HeadingIds(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag not in _HEADINGS:
                continue
            last = element[-1] if len(element) else None
            text = element.text if last is None else last.tail
            match = _ID.search(text) if text and "{#" in text else None
            if text is None or match is None:
                continue
            if last is None:
                element.text = text[: match.start()]
            else:
                last.tail = text[: match.start()]
            element.set("id", match[1])


class HeadingIdExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_HeadingIds(md), "campaign_heading_ids", 6)


def makeExtension(**kwargs: Any) -> HeadingIdExtension:
    return HeadingIdExtension(**kwargs)
