"""Rendering ahead of MkDocs, in a forked process or in this one, with the same result.

Each test of the forked renderer proves that it forked: what renders records its pid (a file
rendered first, or for whole builds a hook that every forked process writes its pid from).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from campaign_pages.core.outputs.build import Output
from campaign_pages.core.outputs.generator import Generator
from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.core.render.renderer import Renderer, TemplateProblem
from campaign_pages.core.settings import Options
from campaign_pages.speed.prerender import Prerender, is_page

from .conftest import MKDOCS_YML, ROOT, mkdocs_build, news_tree
from .test_forking import linux_only

TEMPLATES = ROOT / "plugins/campaign_pages/templates"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'
PID = "renderer-pid.txt"
FORK_HOOK = '''\
"""Forks where it is safe even on one core (a fork gives the same result there, it only
pays with two), and writes to the file PIDS names the build's pid and each forked one's."""
import os

from campaign_pages.speed import fork

fork.spare_core = lambda: True


def _write(what):
    with open(os.environ["PIDS"], "a", encoding="utf-8") as out:
        out.write(f"{what} {os.getpid()}\\n")


_write("build")
os.register_at_fork(after_in_child=lambda: _write("forked"))
'''


def _generator(overrides: list[Path] | None = None) -> Generator:
    site, _ = read_site(ROOT / "data")
    posts, _ = read_posts(ROOT / "docs", "news", site)
    options = Options()
    settings = options.settings(dt.date(2023, 12, 20), "站点", "https://example.gov.cn/")
    return Generator(site, settings, Renderer(options.urls(True), overrides or []), posts)


def _recording_pid(prerender: Prerender) -> Prerender:
    """``prerender``, rendering first a file that holds the pid of the process rendering."""
    prerender.outputs.insert(0, Output(PID, lambda: str(os.getpid())))
    return prerender


def _renderer_pid(prerender: Prerender) -> int:
    return int(prerender.source(PID).read_text())


def _everything(prerender: Prerender) -> Iterator[tuple[str, object]]:
    for output in prerender.outputs[1:]:  # not the pid
        if is_page(output.path):
            yield output.path, (prerender.markdown(output.path), prerender.html(output.path))
        else:
            yield output.path, prerender.source(output.path).read_bytes()
    for post in prerender.generator.posts:
        yield post.src, prerender.post_parts(post.src)


@linux_only
def test_the_forked_renderer_gives_what_this_process_gives() -> None:
    here, forked = _recording_pid(Prerender(_generator())), _recording_pid(Prerender(_generator()))
    try:
        here.start(parallel=False)
        forked.start(parallel=True)
        forked.wait()
        assert _renderer_pid(here) == os.getpid() != _renderer_pid(forked)
        ours, theirs = dict(_everything(here)), dict(_everything(forked))
        assert len(ours) > 80 and sum(is_page(path) for path in ours) > 40
        assert ours == theirs
    finally:
        here.close()
        forked.close()
    assert not here.folder.exists() and not forked.folder.exists()


def test_pages_come_back_as_markdown_and_set_aside_html() -> None:
    prerender = Prerender(_generator(), skip={"campaigns/index.md"})
    try:
        prerender.start(parallel=False)
        assert prerender.skipped == ["campaigns/index.md"]
        assert "campaigns/index.md" not in {o.path for o in prerender.outputs}
        page = "campaigns/tongchuan-fupinri-2017/responsibilities.md"  # an activity plan: a table
        assert page in {o.path for o in prerender.outputs}
        markdown = prerender.markdown(page).decode("utf-8")
        assert markdown.startswith("---\ntitle:") and "<!--cp:0-->" in markdown
        assert "<table" not in markdown  # only headings are left for Markdown
        assert any("<table" in chunk for chunk in prerender.html(page))
        post = prerender.generator.posts[0]
        parts = prerender.post_parts(post.src)
        assert parts is not None
        assert 'property="og:title"' in parts.head and "cp-post-header" in parts.header
        assert "cp-post-nav" in parts.footer
        assert prerender.post_parts("news/no-such-post.md") is None
    finally:
        prerender.close()


@pytest.mark.parametrize("parallel", [pytest.param(True, marks=linux_only), False])
def test_a_template_mistake_is_raised_where_it_is_waited_for(
    tmp_path: Path, parallel: bool
) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials/state.html").write_text("第一行\n{{ state.nothing.x }}\n", "utf-8")
    prerender = _recording_pid(Prerender(_generator([tmp_path])))
    try:
        with pytest.raises(TemplateProblem, match=r"partials/state\.html:2: .*'nothing'"):
            prerender.start(parallel)
            prerender.wait()
        assert (_renderer_pid(prerender) != os.getpid()) == parallel
    finally:
        prerender.close()
    assert not prerender.folder.exists()


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _with_hooks(root: Path, yml: str, *others: str) -> str:
    """``yml`` with :data:`FORK_HOOK` (written into ``root``) and ``others`` as its hooks."""
    (root / "fork.py").write_text(FORK_HOOK, "utf-8")
    return yml + "hooks:\n" + "".join(f"  - {hook}\n" for hook in ("fork.py", *others))


def _forks(pids: Path) -> int:
    """How many processes the build whose FORK_HOOK wrote ``pids`` forked."""
    lines = [line.split() for line in pids.read_text("utf-8").splitlines()]
    (build,) = {pid for what, pid in lines if what == "build"}
    forked = [pid for what, pid in lines if what == "forked"]
    assert build not in forked
    return len(forked)


@linux_only
def test_builds_with_and_without_a_second_process_are_byte_identical(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_tree(news_tree(30))
    yml = _with_hooks(root, MKDOCS_YML)
    (root / "mkdocs.yml").write_text(yml, "utf-8")
    serial = yml.replace("today: 2017-10-12\n", "today: 2017-10-12\n      parallel: false\n")
    (root / "serial.yml").write_text(serial, "utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "PIDS": str(tmp_path / "forked.pids")}
    forked = mkdocs_build(root, "-v", "-d", str(tmp_path / "forked"), env=env)
    assert forked.returncode == 0, forked.stderr
    assert "在第二个进程中渲染" in forked.stderr and _forks(tmp_path / "forked.pids") == 1
    env["PIDS"] = str(tmp_path / "alone.pids")
    alone = mkdocs_build(root, "-v", "-f", "serial.yml", "-d", str(tmp_path / "alone"), env=env)
    assert alone.returncode == 0, alone.stderr
    assert "在本进程中渲染" in alone.stderr and _forks(tmp_path / "alone.pids") == 0
    one, two = _files(tmp_path / "forked"), _files(tmp_path / "alone")
    assert len(one) > 60 and one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert list(temp.iterdir()) == []  # the renderer's folders are gone


@pytest.mark.parametrize("parallel", [pytest.param("true", marks=linux_only), "false"])
def test_a_failed_build_leaves_no_folder_behind(
    make_tree: Callable[..., Path], tmp_path: Path, parallel: str
) -> None:
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    yml = yml.replace("today: 2017-10-12\n", f"today: 2017-10-12\n      parallel: {parallel}\n")
    root = make_tree(**{"overrides/campaign/partials/state.html": "{{ state.x.y }}\n"})
    (root / "mkdocs.yml").write_text(_with_hooks(root, yml), "utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    result = mkdocs_build(root, env={"TMPDIR": str(temp), "PIDS": str(tmp_path / "pids")})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "state.html:1" in result.stderr
    assert list(temp.iterdir()) == []
    assert _forks(tmp_path / "pids") == int(parallel == "true")  # the mistake was made there


COUNTING_HOOK = '''\
"""Counts the Markdown conversions MkDocs makes for each page; with CHANGE set, it changes
every generated page's Markdown (a blank line more, which changes nothing in its HTML)."""
import json
import os

import markdown
from mkdocs.plugins import event_priority

calls = [0]
started = {}
made = {}
_convert = markdown.Markdown.convert


def convert(self, source):
    calls[0] += 1
    return _convert(self, source)


markdown.Markdown.convert = convert


@event_priority(-100)
def on_page_markdown(text, page, config, files):
    started[page.file.src_uri] = calls[0]
    return text + "\\n" if os.environ.get("CHANGE") and page.file.generated_by else text


@event_priority(100)
def on_page_content(html, page, config, files):
    made[page.file.src_uri] = calls[0] - started[page.file.src_uri]
    return html


def on_post_build(config):
    with open(os.environ["COUNTS"], "w", encoding="utf-8") as out:
        json.dump(made, out)
'''


@pytest.mark.parametrize("parallel", [pytest.param("true", marks=linux_only), "false"])
def test_generated_pages_converted_ahead_are_what_mkdocs_would_make(
    make_tree: Callable[..., Path], tmp_path: Path, parallel: str
) -> None:
    yml = MKDOCS_YML.replace(
        "today: 2017-10-12\n", f"today: 2017-10-12\n      parallel: {parallel}\n"
    ).replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = make_tree(news_tree(30))
    (root / "mkdocs.yml").write_text(_with_hooks(root, yml, "count.py"), "utf-8")
    (root / "count.py").write_text(COUNTING_HOOK, "utf-8")
    # a site's own department page: a heading with a link, an image and emphasis, which
    # need MkDocs' link rewriting, and a schedule page whose heading has emphasis only
    (root / "docs/logo.svg").write_text(LOGO, "utf-8")
    for name, heading in [
        ("department.md", "## 另见[部门名录](index.md)和*重点* ![标识](../logo.svg)"),
        ("schedule.md", "## 说明：*以通知为准*"),
    ]:
        template = (TEMPLATES / name).read_text("utf-8").replace("\n# ", f"\n{heading}\n\n# ", 1)
        (root / "overrides/campaign").mkdir(parents=True, exist_ok=True)
        (root / "overrides/campaign" / name).write_text(template, "utf-8")
    counts: dict[str, dict[str, int]] = {}
    for change in ("", "1"):
        out, pids = tmp_path / f"counts{change}.json", tmp_path / f"pids{change}"
        result = mkdocs_build(
            root,
            "-d",
            str(tmp_path / f"site{change}"),
            env={"CHANGE": change, "COUNTS": str(out), "PIDS": str(pids)},
        )
        assert result.returncode == 0, result.stderr
        assert _forks(pids) == int(parallel == "true")
        counts[change] = json.loads(out.read_text("utf-8"))
    ahead, own = counts[""], counts["1"]
    generated = {src for src in ahead if not src.startswith(("news/post-", "index.md"))}
    assert len(generated) > 15 and "campaigns/test-2017/schedule.md" in generated
    # converted ahead: MkDocs converts the posts, the generated page the nav names (its
    # Page is MkDocs' own, with the nav's title) and the pages with links, each once, and no
    # other generated page
    linked = {src for src in generated if src.startswith("departments/") and src.count("/") == 1}
    assert len(linked) >= 5
    by_mkdocs = (
        (set(ahead) - generated) | {"campaigns/index.md"} | linked - {"departments/index.md"}
    )
    assert {src: n for src, n in ahead.items() if n} == dict.fromkeys(by_mkdocs, 1)
    # a plugin changed the Markdown: MkDocs converts every generated page itself, to the same HTML
    assert set(own) == set(ahead) and all(n == 1 for n in own.values())
    one, two = _files(tmp_path / "site"), _files(tmp_path / "site1")
    assert len(one) > 60 and one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    page = one[Path("departments/xcb/index.html")].decode("utf-8")
    assert (
        '另见<a href="../">部门名录</a>和<em>重点</em> <img alt="标识" src="../../logo.svg"' in page
    )
    assert "<em>以通知为准</em>" in one[Path("campaigns/test-2017/schedule/index.html")].decode()
