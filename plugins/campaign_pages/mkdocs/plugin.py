"""The MkDocs adapter: the only module that imports mkdocs. It stays thin on purpose.

It reads ``data/`` and the news front matter once per build, adds the generated pages as
virtual files that stay out of the navigation, marks unpublished posts as MkDocs drafts (left
out of ``mkdocs build``, shown by ``mkdocs serve``), adds a header and footer to each post,
expands editors' blocks, and reports content problems as warnings (which
``mkdocs build --strict`` turns into a failed build). What it generates is rendered by
:mod:`prerender`, on a second core while MkDocs converts the posts, and put into each page
as MkDocs writes it. Only public ``mkdocs.*`` APIs are used,
so the plugin also runs on ProperDocs, the maintained fork of MkDocs 1.x.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from urllib.parse import urlsplit

import markdown
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from campaign_pages.core.cms import decap_files
from campaign_pages.core.load.textfile import folder_links, read_source
from campaign_pages.core.model import NewsPost
from campaign_pages.core.outputs.generator import Generator
from campaign_pages.core.outputs.search import SearchIndex, sections
from campaign_pages.core.problems import Problem
from campaign_pages.core.read.blocks import expand_blocks
from campaign_pages.core.read.lastgood import LastGood
from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.core.render.markup import put_back_html, safe_title
from campaign_pages.core.render.panel import problems_panel, put_panel
from campaign_pages.core.render.renderer import Renderer, TemplateProblem
from campaign_pages.core.settings import Options, OptionsError, TodayError, resolve_today
from campaign_pages.core.urls import relative
from campaign_pages.mkdocs.material import Material
from campaign_pages.speed import collector
from campaign_pages.speed.fork import can_fork
from campaign_pages.speed.prerender import Converted, Converter, Prerender, is_page
from campaign_pages.speed.shared import two_processes

log = logging.getLogger("mkdocs.plugins.campaign")

# `mkdocs serve` loads the config, and so makes a new plugin, for every rebuild: what the
# preview remembers between rebuilds (each data folder's last good campaigns) lives here
_LAST_GOOD: dict[Path, LastGood] = {}


class _Option(base.BaseConfigOption[object]):
    """One plugin option for MkDocs, with its default, checked as the CLI checks it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.option = name
        self.default = Options.model_fields[name].default

    def run_validation(self, value: object, /) -> object:
        try:
            return Options.check(self.option, value)
        except OptionsError as exc:
            raise base.ValidationError(str(exc)) from None


_C = TypeVar("_C", bound=base.Config)


def _with_options(config: type[_C]) -> type[_C]:
    """``config`` with one option for each field of :class:`Options` (MkDocs takes a class's
    options when it is made, so they go into a subclass of the same name)."""
    options = {name: _Option(name) for name in Options.model_fields}
    return cast(type[_C], type(config.__name__, (config,), options))


@_with_options
class CampaignConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    """The plugin's options, as MkDocs reads and checks them."""


class CampaignPlugin(BasePlugin[CampaignConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.generator: Generator | None = None
        self.prerender: Prerender | None = None
        self.generated: set[str] = set()  # the generated pages' source paths
        self.index_late: set[str] = set()  # generated pages indexed once their HTML is in
        self.posts: dict[str, NewsPost] = {}
        self.serve = False
        self.docs_name = "docs"
        self.material = Material(chinese=False, worker=None)  # set in on_config
        self.search = False  # Material's search is on and our index replaces its own
        self.index: SearchIndex | None = None  # the sharded search index, when it is on
        # Generated HTML goes into the written page, unless Material indexes page.content
        self.late_html = True
        nonce = secrets.token_hex(8)  # where a post's header and footer go: no post can forge it
        self.marks = (f"<!--campaign-header-{nonce}-->", f"<!--campaign-footer-{nonce}-->")
        # `mkdocs serve`: the problems the panel shows
        self.problems: list[Problem] = []
        self.page_problems: dict[str, list[Problem]] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serve = command == "serve"

    def _options(self) -> Options:
        """The options MkDocs has checked one by one, read as a whole: unknown ones fail too."""
        try:
            return Options.read(self.config)
        except OptionsError as exc:
            raise PluginError(f"campaign: {exc}") from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        options = self._options()
        self.urls = options.urls(config.use_directory_urls)
        self.docs_name = Path(config.docs_dir).name  # problems say docs/news/…
        if self.urls.stylesheet not in config.extra_css:
            config.extra_css.append(self.urls.stylesheet)
        if self.urls.script not in config.extra_javascript:
            config.extra_javascript.append(self.urls.script)
        # our partials (the government footer) come after the site's custom_dir, before the theme
        theme_dir = str(files("campaign_pages").joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        material_search = config.plugins.get("material/search")
        material_indexes = bool(material_search and material_search.config.get("enabled"))
        self.search = bool(options.search and material_indexes)
        self.late_html = self.search or not material_indexes
        worker = self.urls.search_worker
        root = urlsplit(config.site_url or "/").path.rstrip("/")  # where MkDocs' 404 page links

        def worker_url(url: str | None) -> str:
            return relative(url, worker) if url is not None else f"{root}/{worker}"

        self.material = Material(
            str(config.theme.get("language", "")).startswith("zh"),
            worker_url if self.search else None,
        )
        # generated headings carry stable anchors as ``{#id}``; Chinese lines join without spaces
        for extension in ("campaign_pages.core.render.headings", "campaign_pages.core.render.cjk"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Python-Markdown's default slug drops Chinese, leaving "_1", "_2": keep the words
        toc = config.mdx_configs.setdefault("toc", {})
        if "slugify" not in toc:
            from pymdownx.slugs import slugify

            toc["slugify"] = slugify(case="lower")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        options = self._options()
        root = Path(config.config_file_path or ".").resolve().parent
        data_dir = root / options.data_dir
        if not data_dir.is_dir():
            log.warning(f"campaign: 找不到数据目录 {data_dir}（插件选项 data_dir）")
        parallel = options.parallel and not self.serve and can_fork()
        with collector.paused():  # the model: many objects that live on, and no cycles
            site, problems = read_site(data_dir)
            posts, post_problems = read_posts(
                Path(config.docs_dir),
                options.news_dir,
                site,
                runner=two_processes(site) if parallel else None,
            )
        page_problems = _readable_pages(
            files, Path(config.docs_dir), self.docs_name, options.news_dir
        )
        self.problems = sorted({*problems, *post_problems, *page_problems})
        self.page_problems = {}
        _report(self.problems)
        if self.serve:  # a file with errors keeps its last good pages in the preview
            site = _LAST_GOOD.setdefault(data_dir, LastGood()).apply(site)
        try:
            today, source = resolve_today(
                options.today, site.info.today, os.environ, clock=dt.date.today()
            )
        except TodayError as exc:
            raise PluginError(f"campaign: {exc}") from None
        if source == "clock":
            log.info(
                f"campaign: “今天”取自系统时钟（{today}）；要让每次构建结果一致，"
                "请设置 SOURCE_DATE_EPOCH 或插件选项 today"
            )
        settings = options.settings(today, config.site_name, config.site_url, self.serve)
        if posts and not config.site_url:
            log.warning("campaign: 没有设置 site_url，无法生成新闻订阅源（RSS、Atom、JSON Feed）")
        overrides = [Path(d) / options.template_dir for d in config.theme.dirs]
        self.generator = Generator(site, settings, Renderer(self.urls, overrides), posts)
        self.posts = {post.src: post for post in posts}
        self.index = SearchIndex() if self.search else None
        config.extra["campaign_footer"] = self.generator.footer()
        self._prerender(files, config, parallel)
        for post in posts:  # posts are pages of their own: keep them out of the nav tree
            file = files.get_file_from_path(post.src)
            if file is not None:
                published = post.is_published(today)
                file.inclusion = InclusionLevel.NOT_IN_NAV if published else InclusionLevel.DRAFT
        _add_form_editor(files, config, root)
        if not self.serve:  # the model lives as long as the build: the collector can skip it
            collector.freeze()
        return files

    def _prerender(self, files: Files, config: MkDocsConfig, parallel: bool) -> None:
        """Add every generated file, and start rendering them (see :mod:`prerender`)."""
        assert self.generator is not None
        self._close()  # `mkdocs serve`: what the last build left
        self.prerender = prerender = Prerender(
            self.generator, skip=files.src_uris, convert=_converter(config)
        )
        for path in prerender.skipped:
            log.info(f"campaign: 使用 docs 中已有的 {path}，不再生成")
        self.generated = {o.path for o in prerender.outputs if is_page(o.path)}
        for output in prerender.outputs:
            path, hidden = output.path, InclusionLevel.NOT_IN_NAV
            if path in self.generated:  # its Markdown is filled in when MkDocs reads it
                file = File.generated(config, path, content=b"", inclusion=hidden)
            else:
                source = str(prerender.source(path))
                file = File.generated(config, path, abs_src_path=source, inclusion=hidden)
            files.append(file)
        self.index_late = set()
        log.debug(
            f"campaign: {len(prerender.outputs)} 个生成文件和 {len(self.posts)} 篇新闻的页眉页脚"
            + ("在第二个进程中渲染" if parallel else "在本进程中渲染")
        )
        with _template_problems():
            prerender.start(parallel)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Generated pages outside the nav tree take their Markdown converted already.

        MkDocs has made a Page for every page by now. Those in the nav tree (a generated
        page the site's ``nav`` names) stay as they are, with the nav's title.
        """
        in_nav = {page.file.src_uri for page in nav.pages}
        for path in self.generated - in_nav:
            file = files.get_file_from_path(path)
            if file is not None:
                _GeneratedPage(file, config, self._converted)
        return nav

    def _converted(self, path: str) -> Converted | None:
        if self.prerender is None:
            return None
        with _template_problems():
            return self.prerender.converted(path)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        self._set_date(page)
        if page.file.src_uri in self.generated and self.prerender is not None:
            with _template_problems():  # MkDocs is about to read the page
                page.file.content_bytes = self.prerender.markdown(page.file.src_uri)
        return page

    def _set_date(self, page: Page) -> None:
        """The sitemap's ``lastmod`` (written before any page is built): a post's date, else
        the build's "today", never the day of the build that MkDocs puts on every page."""
        if self.generator is not None:
            post = self.posts.get(page.file.src_uri)
            page.update_date = (post.day if post else self.generator.today).isoformat()

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.prerender is not None:
            with _template_problems():  # MkDocs copies the feeds and calendars next
                self.prerender.wait()
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generator = self.generator
        if generator is None or page.file.src_uri in self.generated:
            return markdown
        if page.file.src_uri in self.posts:  # themes print page.title unescaped
            page.meta["title"] = safe_title(self.posts[page.file.src_uri].title)
        path = f"{self.docs_name}/{page.file.src_uri}"
        with _template_problems():
            text, problems = expand_blocks(
                markdown,
                path,
                lambda block: generator.render_block(block, page.file.src_uri),
                generator.campaign_ids,
                generator.site.broken,
            )
        _report(problems)
        self.page_problems[page.file.src_uri] = problems
        return text

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Index the page; mark where a post's header and footer go.

        A generated page's HTML and a post's parts are HTML made by our templates, added
        after Markdown is done, so that Python-Markdown never parses them (see
        :func:`markup.set_aside_html`). They go in as the page is written (``on_post_page``),
        or here if Material's own search plugin reads ``page.content``.
        """
        src = page.file.src_uri
        indexed = self._indexed(page)
        self._hide_from_material(page)
        if src in self.generated and self.prerender is not None:
            if self.late_html:  # and indexed then: see on_post_page
                if indexed:
                    self.index_late.add(src)
                return html
            html = put_back_html(html, self.prerender.html(src))
        if indexed:
            self._index(page, html)
        if src not in self.posts:
            return html
        header, footer = self.marks  # filled in on_post_page
        if html.lstrip().startswith("<h1"):  # the post's own "# title": the header goes under it
            end = html.index("</h1>") + len("</h1>")
            return html[:end] + header + html[end:] + footer
        return header + html + footer

    def _indexed(self, page: Page) -> bool:
        """Our index is on, and the page's front matter does not say ``search: exclude``."""
        return self.index is not None and not (page.meta.get("search") or {}).get("exclude")

    def _index(self, page: Page, html: str) -> None:
        assert self.index is not None
        tags = tuple(str(t) for t in page.meta.get("tags") or () if isinstance(t, str | int))
        self.index.add_page(sections(html, page.url, page.title or "", tags))

    def _hide_from_material(self, page: Page) -> None:
        """Material's search plugin skips a page marked ``exclude``: ours has indexed it."""
        if self.index is not None:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put in the generated HTML; ``lang="zh-CN"`` (Material writes "zh"); head tags."""
        if self.generator is None or self.prerender is None:
            return output
        src = page.file.src_uri
        head = None
        if src in self.generated and self.late_html:
            chunks = self.prerender.html(src)
            output = put_back_html(output, chunks)
            if src in self.index_late:
                self._index(page, put_back_html(page.content or "", chunks))
        elif src in self.posts:
            parts = self.prerender.post_parts(src)
            head = parts.head if parts else None
            for mark, part in zip(self.marks, parts[1:] if parts else ("", ""), strict=True):
                output = output.replace(mark, part, 1)
        output = self.material.page(output, page.url)
        if self.serve:
            output = self._panel(output, src)
        if head is None:
            description = page.meta.get("description") or config.site_description
            title = page.title or config.site_name
            head = self.generator.head(src, title, page.canonical_url, description)
        return output.replace("</head>", head + "</head>", 1)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Material's 404 page, a template and no page, gets the same changes."""
        if not template_name.endswith(".html"):
            return output_content
        output = self.material.page(output_content, None)
        return self._panel(output, None) if self.serve and template_name == "404.html" else output

    def _panel(self, output: str, src: str | None) -> str:
        """`mkdocs serve`: the problems panel, and whether the page shows a last good file."""
        problems = [*self.problems, *self.page_problems.get(src or "", [])]
        stale = None
        if self.generator is not None and src is not None:
            for cid in self.generator.site.stale:
                campaign = self.generator.site.campaign(cid)
                if campaign and src.startswith(f"{self.urls.campaigns}/{cid}/"):
                    stale = campaign.source.path
        return put_panel(output, problems_panel(problems, stale))

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close()
        for warning in self.material.missed():
            log.warning(warning)
        if self.index is None:
            return
        site_dir = Path(config.site_dir)
        material = site_dir / "search" / "search_index.json"
        settings = json.loads(material.read_text("utf-8"))["config"] if material.exists() else {}
        for path, content in self.index.outputs(settings):
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        collector.unfreeze()
        if self.prerender is not None:
            self.prerender.close()
            self.prerender = None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        root = Path(config.config_file_path or ".").resolve().parent
        server.watch(str(root / self._options().data_dir))
        return server


def _add_form_editor(files: Files, config: MkDocsConfig, root: Path) -> None:
    """docs/admin/ (written by ``campaign cms``) gets Decap CMS's program, as npm installed
    it in the site's folder: served from the site itself, never from a CDN."""
    if files.get_file_from_path("admin/index.html") is None:
        return
    found = decap_files(root / "node_modules/decap-cms/dist")
    if not found:
        log.info("campaign: 表单编辑器的程序没有安装：在站点目录里运行 npm install")
    for path in found:
        if files.get_file_from_path(f"admin/{path.name}") is None:
            files.append(File.generated(config, f"admin/{path.name}", abs_src_path=str(path)))


def _converter(config: MkDocsConfig) -> Converter:
    """Converts a generated page's Markdown as MkDocs would, for the prerender process.

    MkDocs reads the front matter off (``meta.get_data``) and converts the rest with a new
    ``Markdown`` of the site's extensions and their settings. It also adds processors of its
    own, which rewrite links, find the title and collect anchors; the title is in the front
    matter and the anchors are collected by :class:`_GeneratedPage`, but links to other
    pages need MkDocs' files: a page whose Markdown holds a link or an image (a template
    override may put one in a heading) is left to MkDocs to convert (None).
    """

    def convert(text: str) -> Converted | None:
        body, _ = meta.get_data(text)
        if _LINK.search(body):
            return None
        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
        html = md.convert(body)
        return Converted(body, html, getattr(md, "toc_tokens", []))

    return convert


# a Markdown link or image, inline (``](``) or by reference (``][``, ``]:``); the package's
# templates escape brackets in the text they put in headings (``\]``)
_LINK = re.compile(r"(?<!\\)\]\s*[(\[:]")


_ID = re.compile(r'\sid="([^"]+)"')


class _GeneratedPage(Page):
    """A generated page, whose Markdown the prerender process has converted already.

    MkDocs calls ``render`` when it would convert the page: the converted HTML and table of
    contents are taken as they are, unless a plugin has changed the page's Markdown since (in
    ``on_page_markdown``); MkDocs then converts it itself. MkDocs provides for a plugin
    setting ``File.page`` to a subclass of Page (Material's blog does so).
    """

    def __init__(
        self, file: File, config: MkDocsConfig, converted: Callable[[str], Converted | None]
    ) -> None:
        super().__init__(None, file, config)
        self.converted = converted

    def render(self, config: MkDocsConfig, files: Files) -> None:
        done = self.converted(self.file.src_uri)
        if done is None or done.markdown != self.markdown:
            super().render(config, files)
            return
        self.content = done.html
        self.toc = get_toc(done.toc)  # type: ignore[arg-type]  # the tokens MkDocs gets
        self.present_anchor_ids = set(_ID.findall(done.html))


def _readable_pages(files: Files, docs_dir: Path, docs_name: str, news_dir: str) -> list[Problem]:
    """Every Markdown page as text MkDocs can read, and what was wrong with those it could not.

    MkDocs reads pages as UTF-8 and stops with a traceback at anything else, or at a folder
    linked into itself (which it walks until the path is too long). A page saved in
    GBK by Windows Notepad is reported (:mod:`textfile` says how to save it as UTF-8) and given
    to MkDocs decoded as GB18030, so the rest of the build goes on; a page in UTF-16 with a
    byte order mark is read as it is; a page that cannot be read at all (a broken link) is
    reported and left out, as are the files under a looping folder link and under a link
    from the news folder out of ``docs/`` (which :func:`posts.read_posts` reports). Reading a
    page here costs a few microseconds; MkDocs reads it again.
    """
    problems: list[Problem] = []
    inside = Path(os.path.realpath(docs_dir))
    for link, target, loops in folder_links(docs_dir):
        rel = link.relative_to(docs_dir).as_posix()
        if loops:
            problems.append(
                Problem(
                    f"{docs_name}/{rel}",
                    1,
                    "这个文件夹链接指向它自己所在的文件夹，绕成了圈，里面的文件没有读取",
                    "删除这个链接。",
                )
            )
        elif not (rel.startswith(f"{news_dir}/") and not target.is_relative_to(inside)):
            continue  # a folder linked in as MkDocs allows; news from outside are refused
        for file in [f for f in files if f.src_uri.startswith(f"{rel}/")]:
            files.remove(file)
    for file in files.documentation_pages():
        if file.abs_src_path is None:  # generated by a plugin
            continue
        path = Path(file.abs_src_path)
        try:
            path.read_bytes().decode("utf-8")
            continue
        except (OSError, UnicodeDecodeError):
            pass
        text, found = read_source(path, f"{docs_name}/{file.src_uri}", docs_dir.parent)
        problems += found
        if text is not None:
            file.content_string = text
        elif path.is_file():
            file.content_string = path.read_bytes().decode("gb18030", errors="replace")
        else:
            files.remove(file)
    return problems


@contextmanager
def _template_problems() -> Iterator[None]:
    """A mistake in a template, located, as a build error without a traceback."""
    try:
        yield
    except TemplateProblem as exc:
        raise PluginError(f"campaign: {exc}") from None


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        log.warning(f"campaign: {problem}")
