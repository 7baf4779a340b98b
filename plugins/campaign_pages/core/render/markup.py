"""Markdown from YAML fields, with raw HTML switched off: ``<script>`` is shown, not run,
and the result sanitised: only plain tags and http(s), mailto, tel and relative links remain."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import markdown
import nh3
from markupsafe import Markup

from campaign_pages.core.render.cjk import CjkExtension

# What Markdown from YAML may produce. Raw HTML is switched off in the converter, so this only
# guards against what Markdown itself writes from an editor's text: above all link targets,
# which nh3 (the Rust sanitiser ammonia) decides on after decoding entities and normalising
# the URL as a browser does (``javascript&#58;``, ``JaVa\tScript:``, leading control bytes).
_TAGS = {
    *("p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "a", "img"),
    *("ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # and relative URLs
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties={"text-align"},  # table column alignment
    link_rel=None,
    strip_comments=True,
)


def sanitize(html_text: str) -> str:
    """HTML with only the tags, attributes and URL schemes that YAML Markdown may produce."""
    return _CLEANER.clean(html_text)


MAX_BRACKETS = 1_000  # "[" in one YAML Markdown text, above which links are not looked for
_FULL_WIDTH_BRACKETS = str.maketrans("[]", "［］")


class _Renderer:
    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", CjkExtension()], output_format="html"
        )
        # Without these, raw HTML in the text would be passed through untouched.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")

    def __call__(self, text: str) -> Markup:
        if not text.strip():
            return Markup("")
        if text.count("[") > MAX_BRACKETS:
            # Python-Markdown looks for the end of a link from every "[", and an escaped one
            # costs it as much: thousands of them in one paragraph take seconds, 40,000 take
            # minutes. No real text has that many links: its brackets are shown full-width.
            text = text.translate(_FULL_WIDTH_BRACKETS)
        self._md.reset()
        return Markup(sanitize(self._md.convert(text)))


render_markdown = _Renderer()

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def md_text(text: str) -> Markup:
    """Escape text for a Markdown line (a heading): HTML entities and Markdown syntax."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " "))


_UNSAFE_IN_TITLES = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂"})


def safe_title(title: str) -> str:
    """A page title that is safe wherever a theme prints it.

    MkDocs themes print ``page.title`` without escaping, and Material passes it through
    ``striptags``, which turns entities back into markup: ``&lt;/title&gt;`` would close the
    ``<title>`` element. So the characters that HTML gives meaning to are replaced by their
    full-width forms, which read the same in Chinese text.
    """
    return " ".join(title.translate(_UNSAFE_IN_TITLES).split())


def front_matter_title(title: str) -> Markup:
    """:func:`safe_title` quoted for a ``title:`` line of a page's front matter."""
    return Markup(json.dumps(safe_title(title), ensure_ascii=False))


_ANCHOR = re.compile(r"^[A-Za-z][\w-]*$")


def md_anchor(ident: str) -> Markup:
    """`` {#ident}`` after a Markdown heading (see :mod:`headings`): anchors that are not slugs."""
    if not _ANCHOR.match(ident):
        raise ValueError(f"not an anchor: {ident!r}")
    return Markup(f"{{#{ident}}}")


def inline(markup: Markup) -> Markup:
    """A one-paragraph rendering without its ``<p>``, to sit inside a list item."""
    text = str(markup).strip()
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        return Markup(text[3:-4])
    return markup


_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """Rendered HTML back to plain text (for calendar descriptions)."""
    return html.unescape(_TAG.sub("", markup)).strip()


_HEADING_LINE = re.compile(r"^#{1,6} \S")
_CHUNK = re.compile(r"<!--cp:(\d+)-->")


def shorten(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters, an ellipsis marking the cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def set_aside_html(markdown: str) -> tuple[str, list[str]]:
    """Split a generated page into the Markdown MkDocs needs and the HTML it does not.

    Generated pages are HTML except for their headings, which stay Markdown for the table of
    contents. Python-Markdown would still run its raw-HTML parser over every byte, the slowest
    part of building such a page; so each run of HTML is replaced by a ``<!--cp:N-->``
    placeholder and put back, unchanged, by :func:`put_back_html` after conversion. A
    heading is a ``#`` line after a blank line, outside ``<pre>``.
    """
    front, body = _split_front_matter(markdown)
    skeleton: list[str] = []
    chunks: list[str] = []
    run: list[str] = []
    in_pre = False
    previous_blank = True

    def flush() -> None:
        if any(line.strip() for line in run):
            skeleton.extend(("", f"<!--cp:{len(chunks)}-->", ""))
            chunks.append("\n".join(run))
        run.clear()

    for line in body.split("\n"):
        if not in_pre and previous_blank and _HEADING_LINE.match(line):
            flush()
            skeleton.append(line)
        else:
            run.append(line)
            opened, closed = line.count("<pre"), line.count("</pre>")
            in_pre = (in_pre or opened > closed) and not (closed > opened)
        previous_blank = not line.strip()
    flush()
    return front + "\n".join(skeleton) + "\n", chunks


def put_back_html(html: str, chunks: list[str]) -> str:
    return _CHUNK.sub(lambda m: chunks[int(m[1])], html)


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """The lines of ``markdown`` (numbered from 1, split at ``\n`` as editors count them)
    that are not in fenced code. As CommonMark has it, a fence closes at a line of the same
    character, at least as long, with nothing after it."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match["fence"]
                continue
            yield number, line
        elif (
            match
            and match["fence"][0] == fence[0]
            and len(match["fence"]) >= len(fence)
            and line.strip() == match["fence"]
        ):
            fence = None
