"""Jinja rendering with autoescape; the theme's ``custom_dir`` can override any template."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from campaign_pages.core import dates
from campaign_pages.core.model import Role
from campaign_pages.core.outputs.metadata import to_script
from campaign_pages.core.render.markup import front_matter_title, inline, md_anchor, md_text
from campaign_pages.core.urls import Urls, relative

# Marks the site root in fragments shared by many pages; no content can forge it, because
# autoescape turns every "<" of the content into "&lt;".
_ROOT = "<cp-root>"
_ROOTED = re.compile(f'{_ROOT}([^"]*)')


def _relative_link(page_url: str, target: str) -> str:
    path, hash_, anchor = target.partition("#")
    return relative(page_url, path) + hash_ + anchor


class TemplateProblem(Exception):
    """A mistake in a template (usually an override in the theme's custom_dir), located."""


class Renderer:
    """Renders the package's templates; a template of the same name in an override folder wins.

    Templates produce Markdown in which headings are Markdown (for the page's table of
    contents) and everything else is HTML, so MkDocs and the theme treat generated pages
    like any other page.
    """

    def __init__(self, urls: Urls, overrides: Iterable[Path] = ()) -> None:
        self.urls = urls
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(p)) for p in overrides]
        loaders.append(jinja2.PackageLoader("campaign_pages", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # templates do not change during a build: no stat() per include
        )
        self.env.filters.update(
            date=dates.format_date,
            date_short=dates.format_date_short,
            when=dates.format_when,
            time=dates.format_time,
            md=md_text,
            span=lambda span: dates.format_span(*span),
            anchor=md_anchor,
            title=front_matter_title,
            jsonld=to_script,
            inline=inline,
        )
        self.env.globals.update(urls=urls, roles=Role)
        self._shared: dict[object, str] = {}

    def render(self, template: str, page_src: str, **context: Any) -> str:
        """Render ``template`` for the page whose source path is ``page_src``."""
        page_url = self.urls.url(page_src)

        def link(src: str, anchor: str = "") -> str:
            target = relative(page_url, self.urls.url(src))
            return f"{target}#{anchor}" if anchor else target

        return self._render(template, page_src, link=link, page_url=page_url, **context)

    def render_shared(self, key: object, template: str, page_url: str, **context: Any) -> Markup:
        """A fragment that differs between pages only in its links, rendered once per ``key``.

        Its links are written from the site root behind a marker; each page turns them into
        links relative to itself.
        """
        html = self._shared.get(key)
        if html is None:

            def link(src: str, anchor: str = "") -> Markup:
                url = self.urls.url(src)
                return Markup(_ROOT) + escape(f"{url}#{anchor}" if anchor else url)

            html = self._render(template, template, link=link, page_url="", **context)
            self._shared[key] = html
        return Markup(_ROOTED.sub(lambda m: _relative_link(page_url, m[1]), html))

    def _render(self, template: str, page_src: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name or template}:{exc.lineno}"
            raise TemplateProblem(f"模板 {where}: 语法错误：{exc.message}") from None
        except jinja2.TemplateError as exc:
            where = _template_frame(exc) or template
            raise TemplateProblem(f"模板 {where}: {exc}（生成 {page_src} 时）") from None


def _template_frame(exc: BaseException) -> str | None:
    """``file:line`` of the innermost template frame of a rendering error."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".md")):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
