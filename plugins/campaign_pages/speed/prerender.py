"""What the plugin adds to a site, rendered ahead of MkDocs: on a spare core when there is one.

MkDocs converts the news posts one at a time, on one core. The pages, feeds and calendars
this plugin generates, and the header and footer of every post, depend only on the model, so
a forked process renders them meanwhile, appending each to one store file:

    md:<path>      a generated page as Markdown whose HTML is set aside, leaving the
                   headings for the table of contents (see markup.set_aside_html)
    html:<path>    that set-aside HTML, put back while MkDocs writes the page
    page:<path>    that Markdown converted the way MkDocs converts it (see Converted), if a
                   converter was given: MkDocs then does not convert generated pages itself
    post:<src>     a post's head tags, header and footer (see PostParts), as a JSON list

MkDocs gets each page's Markdown just before it reads it and the HTML as it writes it, so the
generated content is never all in memory at once. One store file rather than thousands of
small ones, as creating and removing files is slow on some disks; only the outputs MkDocs
copies as they are (feeds, calendars, scripts) are files of their own. The forked process
(:class:`~campaign_pages.speed.fork.Forked`) gives back where each key is in the store, or
the exception that stopped it. Where no fork is used (see :func:`fork.can_fork`), the same
work runs in this process first, with the same result byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Container
from pathlib import Path
from typing import Any, NamedTuple

from campaign_pages.core.outputs.build import Output
from campaign_pages.core.outputs.generator import Generator
from campaign_pages.core.render.markup import set_aside_html
from campaign_pages.speed.fork import Forked

Where = dict[str, list[int]]  # key -> [offset, size] in the store


class PostParts(NamedTuple):
    """What a post gets added to what its author wrote."""

    head: str  # tags in <head>
    header: str  # under its title: date, source, campaign, departments
    footer: str  # after it: older and newer posts, related posts


class Converted(NamedTuple):
    """A generated page's Markdown converted with the site's Markdown extensions."""

    markdown: str  # what was converted: the Markdown below the front matter
    html: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens


# a generated page's Markdown, front matter and all, converted; None: MkDocs must convert it
Converter = Callable[[str], Converted | None]


def is_page(path: str) -> bool:
    """A generated page (Markdown for MkDocs), not a file copied as it is."""
    return path.endswith(".md")


class Prerender:
    """Renders a generator's outputs (except those in ``skip``) and post parts into a store."""

    def __init__(
        self, generator: Generator, skip: Container[str] = (), convert: Converter | None = None
    ) -> None:
        self.generator = generator
        self.convert = convert
        self.outputs: list[Output] = []
        self.skipped: list[str] = []  # paths of outputs that a page in docs/ replaces
        for output in generator.outputs():
            if output.path in skip:
                self.skipped.append(output.path)
            else:
                self.outputs.append(output)
        self.folder = Path(tempfile.mkdtemp(prefix="campaign-pages-"))
        self._forked: Forked[Where] | None = None
        self._store: int | None = None  # the store's file descriptor, once it is complete
        self._where: Where = {}

    def start(self, parallel: bool) -> None:
        """Render in a forked process, or here and now."""
        if parallel:
            self._forked = Forked(self._render)
        else:
            self._open(self._render())

    def wait(self) -> None:
        """Return once everything is rendered; raise what went wrong in the forked process
        (a mistake in a template as the same located TemplateProblem)."""
        if self._store is None and self._forked is not None:
            self._open(self._forked.result())

    def _open(self, where: Where) -> None:
        self._where = where
        self._store = os.open(self.folder / "store", os.O_RDONLY)

    def source(self, path: str) -> Path:
        """Where the output at ``path``, not a page, is written (a feed, a calendar …)."""
        return self.folder / "files" / path

    def markdown(self, path: str) -> bytes:
        """The Markdown of the generated page at ``path``, its HTML set aside."""
        return self._get(f"md:{path}") or b""

    def html(self, path: str) -> list[str]:
        """The HTML set aside from the generated page at ``path``."""
        chunks: list[str] = json.loads(self._get(f"html:{path}") or b"[]")
        return chunks

    def converted(self, path: str) -> Converted | None:
        """The generated page at ``path`` converted, if it was (see ``convert``)."""
        data = self._get(f"page:{path}")
        return None if data is None else Converted(*json.loads(data))

    def post_parts(self, src: str) -> PostParts | None:
        """What the post at ``src`` gets added, if it is shown."""
        data = self._get(f"post:{src}")
        return None if data is None else PostParts(*json.loads(data))

    def close(self) -> None:
        """Stop the forked process if it still runs, and remove the folder."""
        if self._forked is not None:
            self._forked.stop()
        if self._store is not None:
            os.close(self._store)
            self._store = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def _get(self, key: str) -> bytes | None:
        self.wait()
        assert self._store is not None
        if key not in self._where:
            return None
        offset, size = self._where[key]
        return os.pread(self._store, size, offset)

    def _render(self) -> Where:
        where: Where = {}
        with (self.folder / "store").open("wb") as store:

            def put(key: str, content: str | bytes) -> None:
                data = content if isinstance(content, bytes) else content.encode("utf-8")
                where[key] = [store.tell(), len(data)]
                store.write(data)

            folders: set[Path] = set()
            for output in self.outputs:
                content = output.render()
                if not is_page(output.path):
                    target = self.source(output.path)
                    if target.parent not in folders:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        folders.add(target.parent)
                    target.write_bytes(content if isinstance(content, bytes) else content.encode())
                    continue
                assert isinstance(content, str), output.path
                markdown, chunks = set_aside_html(content)
                put(f"md:{output.path}", markdown)
                put(f"html:{output.path}", json.dumps(chunks, ensure_ascii=False))
                if self.convert is not None:
                    try:
                        converted = self.convert(markdown)
                    except Exception:  # MkDocs converts the page itself then, and reports
                        continue  # what is wrong the way it always does
                    if converted is not None:  # else MkDocs converts it (links)
                        put(f"page:{output.path}", json.dumps(converted, ensure_ascii=False))
            generator = self.generator
            for post in generator.posts:
                head = generator.post_head(post)
                parts = PostParts(head, generator.post_header(post), generator.post_footer(post))
                put(f"post:{post.src}", json.dumps(parts, ensure_ascii=False))
        return where
