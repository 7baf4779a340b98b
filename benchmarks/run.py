#!/usr/bin/env python3
"""Time and weigh MkDocs builds of one corpus: a plain floor, the campaign plugin, Material's blog.

Meant to be run with the project's virtualenv, after ``python3 tasks.py test`` created it:

    .venv/bin/python benchmarks/run.py [--posts 5000] [--campaigns 50] [--activities 20]
                                       [--departments 300] [--seed 1] [--runs 3] [--search]
                                       [--sizes 500,5000] [--only floor,full,blog]
                                       [--workdir build/bench] [--json WORKDIR/results.json]

(``python3 benchmarks/run.py`` works too: the builds always use ``.venv/bin/mkdocs``.)
WORKDIR defaults to build/bench in the repository (git-ignored); the JSON to WORKDIR/results.json.

For each size N (``--sizes``, default just ``--posts``) the corpus of ``corpus.py`` is written
once to WORKDIR/nN/corpus, then copied into one folder per variant, each with its own mkdocs.yml:

floor
    The posts as plain pages: Material theme, ``plugins: []`` (no default search plugin either),
    ``nav: [index.md]``. MkDocs ignores the front matter keys only the plugin reads.
full
    The corpus's own mkdocs.yml: the campaign plugin with every generated page, archive, feed
    and calendar.
serial
    The same with ``parallel: false``: everything rendered in the build process itself, as on
    a machine with one core (only with ``--only``).
blog
    Material's blog plugin over the same posts (``blog_dir: news``, archive, categories,
    10 posts a page, ``{date}/{slug}`` URLs). Only this copy of the docs is changed, because the
    blog plugin requires it: posts move from ``docs/news/YYYY/`` to ``docs/news/posts/YYYY/``;
    ``docs/news/index.md`` (the blog index) is added and put in the nav; ``date: 2021-03-04 10:00``
    becomes ``date: 2021-03-04 10:00:00`` (YAML reads a time without seconds as a string,
    which the blog plugin rejects; with seconds it is a datetime, same moment); a
    ``categories:`` line repeating the post's ``tags`` is added, so that category pages exist
    (the tags stay; without the tags plugin nothing reads them).
``--search`` adds floor+search, full+search (``search`` listed before ``campaign``) and
blog+search: the same with Material's search plugin, which segments Chinese with jieba.

Each variant is built ``--runs`` times, round-robin (floor, full, blog, floor, full, blog …),
each build a separate ``mkdocs build -q -d SITE`` process with ``NO_MKDOCS_2_WARNING=1`` and
without ``SOURCE_DATE_EPOCH``. Wall time is measured around the process. Memory is measured
twice: the max RSS from ``os.wait4`` (the build process, or the largest of the processes it
forked and waited for), and, on Linux, the peak of the summed proportional set size (PSS) of
the build process and every process it forked, sampled every 50 ms from
``/proc/PID/smaps_rollup``. PSS splits shared pages between the processes sharing them, so the
sum is what the whole build holds at once; it is the figure to compare when a build renders in
a second process. A failed build stops the script with its stderr.
``campaign check`` is timed once per size over the full variant's folder.
Medians over several runs absorb one-off costs such as jieba writing its dictionary cache
(/tmp/jieba.cache) on the first search build of a machine.

The script prints a table per size (median, min–max, peak memory, ratios to the floor and
blog/full, size of the built site, search index sizes), the growth of each variant's median
from the smallest to the largest size, and writes every figure, with the machine's
description, as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASE_VARIANTS = ("floor", "full", "serial", "blog")
SEARCH = "+search"
MIB = 1024 * 1024


def _load(name: str) -> Any:
    """Imports benchmarks/NAME.py, a script beside this one (benchmarks is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {HERE / name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
chromium = _load("chromium")


# --- tools and environment -------------------------------------------------------------------


def venv_bin() -> Path:
    """The running interpreter's folder if it has mkdocs (the venv's python), else <repo>/.venv."""
    for folder in (Path(sys.executable).parent, ROOT / ".venv" / "bin"):
        if (folder / "mkdocs").is_file():
            return folder
    raise SystemExit(f"no mkdocs in {ROOT / '.venv/bin'}: run `python3 tasks.py test` first")


def tool(name: str) -> Path:
    """The console script or interpreter NAME of the venv that runs the builds."""
    path = venv_bin() / name
    if not path.is_file():
        raise SystemExit(f"no {path}: run `python3 tasks.py test` first")
    return path


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material prints a banner about MkDocs 2.0 otherwise
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def machine_info() -> dict[str, Any]:
    """This machine, and the versions installed in the venv that runs the builds."""
    code = (
        "import importlib.metadata as m, json, sys\n"
        "names = ['mkdocs', 'mkdocs-material', 'mkdocs-campaign-pages', 'jieba']\n"
        "def v(n):\n"
        "    try:\n"
        "        return m.version(n)\n"
        "    except m.PackageNotFoundError:\n"
        "        return None\n"
        "print(json.dumps({'python': sys.version.split()[0], **{n: v(n) for n in names}}))\n"
    )
    python = tool("python")
    venv = json.loads(
        subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout
    )
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "python_running_script": platform.python_version(),
        "venv": venv,
    }


# --- one measured process --------------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    max_rss_mib: float
    returncode: int
    output_tail: str
    tree_pss_mib: float | None = None


def tree_pss(pid: int) -> int:
    """Summed PSS in bytes of PID and its descendants (0 where /proc cannot tell)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # it ended meanwhile
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(match[1]) * 1024 if match else 0
        pending += [int(child) for child in children]
    return total


class PssSampler(threading.Thread):
    """Samples :func:`tree_pss` of a running process every 50 ms; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, tree_pss(self.pid))


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> Measured:
    """Runs COMMAND; wall time, max RSS (wait4, not RUSAGE_CHILDREN) and the tree's peak PSS."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        sampler = PssSampler(process.pid)
        sampling = Path("/proc/self/smaps_rollup").exists()
        if sampling:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        if sampling:
            sampler.join()
        pss = sampler.peak / MIB if sampler.peak else None
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        output.seek(0)
        tail = output.read().decode("utf-8", "replace")[-4000:]
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    rss = usage.ru_maxrss * scale / MIB
    return Measured(seconds, rss, process.returncode, tail, pss)


# --- the variant folders ---------------------------------------------------------------------


def header_value(key: str) -> str:
    """site_name or site_url from the corpus's mkdocs.yml (plain one-line values)."""
    match = re.search(rf"^{key}: (.+)$", corpus.MKDOCS_YML, re.MULTILINE)
    if match is None:
        raise SystemExit(f"corpus.MKDOCS_YML has no {key}")
    return match.group(1).strip()


THEME = "theme:\n  name: material\n  language: zh\n  font: false\n"


def floor_yml(search: bool) -> str:
    plugins = "plugins:\n  - search\n" if search else "plugins: []\n"
    return (
        f"site_name: {header_value('site_name')}\nsite_url: {header_value('site_url')}\n"
        f"{THEME}{plugins}nav:\n  - index.md\n"
    )


def serial_yml(search: bool) -> str:
    """The full site rendered in one process (``parallel: false``)."""
    text = full_yml(search)
    marker = "  - campaign:\n"
    if marker not in text:
        raise SystemExit("corpus.MKDOCS_YML changed: cannot set parallel: false")
    return text.replace(marker, marker + "      parallel: false\n")


def full_yml(search: bool) -> str:
    text: str = corpus.MKDOCS_YML
    if not search:
        return text
    marker = "plugins:\n  - campaign:"
    if marker not in text:
        raise SystemExit("corpus.MKDOCS_YML changed: cannot put search before campaign")
    return text.replace(marker, "plugins:\n  - search\n  - campaign:")


def blog_yml(search: bool) -> str:
    plugins = "plugins:\n" + ("  - search\n" if search else "")
    plugins += (
        "  - material/blog:\n"
        "      blog_dir: news\n"
        "      post_date_format: long\n"
        "      archive: true\n"
        "      categories: true\n"
        "      pagination_per_page: 10\n"
        '      post_url_format: "{date}/{slug}"\n'
    )
    return (
        f"site_name: {header_value('site_name')}\nsite_url: {header_value('site_url')}\n"
        f"{THEME}{plugins}nav:\n  - index.md\n  - news/index.md\n"
    )


DATE_LINE = re.compile(r"^date: (\d{4}-\d{2}-\d{2} \d{1,2}:\d{2})$", re.MULTILINE)
TAGS_LINE = re.compile(r"^tags: (\[.*\])$", re.MULTILINE)


def blog_front_matter(text: str) -> str:
    """A post as the blog plugin accepts it: seconds in the date, tags also as categories."""
    head_end = text.find("\n---", 3)
    head, rest = text[:head_end], text[head_end:]
    head = DATE_LINE.sub(r"date: \1:00", head, count=1)
    head = TAGS_LINE.sub(r"tags: \1\ncategories: \1", head, count=1)
    return head + rest


def to_blog_layout(docs: Path) -> int:
    """docs/news/YYYY/*.md -> docs/news/posts/YYYY/*.md, front matter adapted; the blog index."""
    news = docs / "news"
    posts = news / "posts"
    moved = 0
    for year in sorted(p for p in news.iterdir() if p.is_dir()):
        target = posts / year.name
        target.mkdir(parents=True)
        for post in sorted(year.glob("*.md")):
            text = post.read_text("utf-8")
            (target / post.name).write_text(blog_front_matter(text), "utf-8")
            moved += 1
        shutil.rmtree(year)
    (news / "index.md").write_text("# 新闻\n", "utf-8")
    return moved


def variant_names(only: list[str], search: bool) -> list[str]:
    names = list(only)
    if search:
        names += [name + SEARCH for name in only]
    return names


def prepare_variant(name: str, source: Path, folder: Path) -> None:
    """A copy of the generated site (mkdocs.yml, data/, docs/) with the variant's mkdocs.yml."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    base = name.removesuffix(SEARCH)
    search = name.endswith(SEARCH)
    config = {"floor": floor_yml, "full": full_yml, "serial": serial_yml, "blog": blog_yml}[base](
        search
    )
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    if base == "blog":
        to_blog_layout(folder / "docs")


# --- results ---------------------------------------------------------------------------------


@dataclass
class SiteSize:
    mib: float
    files: int
    html_files: int
    search_index_mib: float | None = None
    search_folder_mib: float | None = None


@dataclass
class VariantResult:
    seconds: list[float] = field(default_factory=list)
    max_rss_mib: list[float] = field(default_factory=list)
    tree_pss_mib: list[float] = field(default_factory=list)
    median_seconds: float = 0.0
    min_seconds: float = 0.0
    max_seconds: float = 0.0
    median_rss_mib: float = 0.0
    median_pss_mib: float | None = None
    time_vs_floor: float | None = None
    memory_vs_floor: float | None = None
    pss_vs_floor: float | None = None
    site: SiteSize | None = None


def folder_size(folder: Path) -> tuple[int, int, int]:
    """Bytes, files and HTML files under FOLDER."""
    total = files = html = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
            html += path.suffix == ".html"
    return total, files, html


def site_size(site: Path) -> SiteSize:
    total, files, html = folder_size(site)
    size = SiteSize(round(total / MIB, 3), files, html)
    index = site / "search" / "search_index.json"
    if index.is_file():
        size.search_index_mib = round(index.stat().st_size / MIB, 3)
        size.search_folder_mib = round(folder_size(site / "search")[0] / MIB, 3)
    return size


def summarise(results: dict[str, VariantResult]) -> None:
    for result in results.values():
        result.median_seconds = round(statistics.median(result.seconds), 3)
        result.min_seconds = round(min(result.seconds), 3)
        result.max_seconds = round(max(result.seconds), 3)
        result.median_rss_mib = round(statistics.median(result.max_rss_mib), 1)
        if result.tree_pss_mib:
            result.median_pss_mib = round(statistics.median(result.tree_pss_mib), 1)
    floor = results.get("floor")
    if floor is None:
        return
    for result in results.values():
        result.time_vs_floor = round(result.median_seconds / floor.median_seconds, 2)
        result.memory_vs_floor = round(result.median_rss_mib / floor.median_rss_mib, 2)
        if result.median_pss_mib and floor.median_pss_mib:
            result.pss_vs_floor = round(result.median_pss_mib / floor.median_pss_mib, 2)


def pair_ratios(results: dict[str, VariantResult]) -> dict[str, dict[str, float]]:
    """blog/full, and blog+search/full+search when both were built."""
    ratios = {}
    for suffix in ("", SEARCH):
        blog, full = results.get("blog" + suffix), results.get("full" + suffix)
        if blog and full:
            ratios[f"blog{suffix}/full{suffix}"] = {
                "time": round(blog.median_seconds / full.median_seconds, 2),
                "memory": round(blog.median_rss_mib / full.median_rss_mib, 2),
            }
    return ratios


# --- running ---------------------------------------------------------------------------------


def build_all(
    folders: dict[str, Path], runs: int, env: dict[str, str], mkdocs: Path
) -> dict[str, VariantResult]:
    """Round-robin builds; stops the script on the first failed build."""
    results = {name: VariantResult() for name in folders}
    for run in range(1, runs + 1):
        for name, folder in folders.items():
            site = folder / "site"
            command = [str(mkdocs), "build", "-q", "-d", str(site)]
            measured = measure(command, folder, env)
            if measured.returncode != 0:
                print(
                    f"\n{name}: mkdocs build failed (exit {measured.returncode}) in {folder}:",
                    file=sys.stderr,
                )
                print(measured.output_tail, file=sys.stderr)
                raise SystemExit(1)
            results[name].seconds.append(round(measured.seconds, 3))
            results[name].max_rss_mib.append(round(measured.max_rss_mib, 1))
            if measured.tree_pss_mib is not None:
                results[name].tree_pss_mib.append(round(measured.tree_pss_mib, 1))
            pss = "" if measured.tree_pss_mib is None else f", PSS {measured.tree_pss_mib:.1f}"
            print(
                f"  run {run}/{runs} {name:<13} {measured.seconds:8.2f} s "
                f"{measured.max_rss_mib:8.1f} MiB{pss}",
                file=sys.stderr,
                flush=True,
            )
    for name, folder in folders.items():
        results[name].site = site_size(folder / "site")
    return results


def time_check(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """``campaign check`` reads ./mkdocs.yml, then data/ and docs/ beside it."""
    measured = measure([str(tool("campaign")), "check"], folder, env)
    if measured.returncode != 0:
        print(
            f"campaign check exited {measured.returncode}:\n{measured.output_tail}", file=sys.stderr
        )
    last = measured.output_tail.strip().splitlines()[-1:] or [""]
    return {
        "seconds": round(measured.seconds, 3),
        "max_rss_mib": round(measured.max_rss_mib, 1),
        "returncode": measured.returncode,
        "summary": last[0],
    }


def bench_size(args: argparse.Namespace, posts: int, env: dict[str, str]) -> dict[str, Any]:
    base = args.workdir / f"n{posts}"
    source = base / "corpus"
    print(f"N={posts}: writing the corpus to {source}", file=sys.stderr, flush=True)
    corpus.generate(source, posts, args.campaigns, args.activities, args.departments, args.seed)
    folders = {}
    for name in variant_names(args.only, args.search):
        folders[name] = base / name
        prepare_variant(name, source, folders[name])
    results = build_all(folders, args.runs, env, tool("mkdocs"))
    summarise(results)
    check = time_check(folders.get("full", source), env)
    queries = first_queries(folders["full" + SEARCH], posts) if "full" + SEARCH in folders else []
    return {
        "posts": posts,
        "folder": str(base),
        "variants": {name: asdict(result) for name, result in results.items()},
        "ratios": pair_ratios(results),
        "search_build_vs_floor": search_cost(results),
        "first_queries": queries,
        "campaign_check": check,
    }


def search_cost(results: dict[str, VariantResult]) -> float | None:
    """What the search index adds to the full site's build, as a share of the floor's time."""
    floor, full, searched = (results.get(n) for n in ("floor", "full", "full" + SEARCH))
    if not (floor and full and searched):
        return None
    return round((searched.median_seconds - full.median_seconds) / floor.median_seconds, 2)


CHROMIUM, CHROMIUM_ARGS = chromium.CHROMIUM, chromium.CHROMIUM_ARGS


def first_queries(folder: Path, posts: int) -> list[dict[str, Any]]:
    """A reader's first query in Chromium, for the titles of three posts: bytes downloaded
    from search/ (the manifest included) and whether the post is the first result."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: first-query sizes not measured", file=sys.stderr)
        return []
    base_path = urlsplit(header_value("site_url")).path
    handler = functools.partial(_SiteHandler, base_path, directory=str(folder / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    found = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for number in sorted({1, posts // 2, posts - 1}):
                found.append(_first_query(browser, url, folder, number))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def _first_query(browser: Any, url: str, folder: Path, number: int) -> dict[str, Any]:
    [source] = (folder / "docs").glob(f"news/*/post-{number:05d}.md")
    match = re.search(r"^title: (.+)$", source.read_text("utf-8"), re.MULTILINE)
    title = match.group(1) if match else ""
    location = source.relative_to(folder / "docs").with_suffix("").as_posix() + "/"
    page = browser.new_page()
    sizes: dict[str, int] = {}
    page.on(
        "response",
        lambda r: sizes.__setitem__(r.url, len(r.body())) if "/search/" in r.url else None,
    )
    page.goto(f"{url}?q={quote(title)}")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('结果')",
        timeout=60_000,
    )
    first = page.locator(".md-search-result__item > a").first.get_attribute("href")
    page.close()
    return {
        "query": title,
        "bytes": sum(sizes.values()),
        "requests": len(sizes),
        "found_first": first == url + location,
    }


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its site_url's path, as the real server would."""

    def __init__(self, base_path: str, *args: Any, **kwargs: Any) -> None:
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        inside = path.startswith(self.base_path)
        return super().translate_path("/" + path[len(self.base_path) :] if inside else "/-")

    def log_message(self, format: str, *args: Any) -> None:
        pass


# --- printing --------------------------------------------------------------------------------


def ratio(value: float | None) -> str:
    return "–" if value is None else f"×{value:.2f}"


def print_size(report: dict[str, Any], runs: int) -> None:
    print(f"\nN = {report['posts']} posts, {runs} run(s) per variant")
    print(
        f"{'variant':<13} {'median s':>9} {'min–max s':>13} {'time/floor':>10} {'RSS MiB':>8} "
        f"{'rss/floor':>9} {'PSS MiB':>8} {'pss/floor':>9} {'site MiB':>9} {'files':>6} {'html':>6}"
    )
    for name, v in report["variants"].items():
        span = f"{v['min_seconds']:.2f}–{v['max_seconds']:.2f}"
        site = v["site"]
        pss = "–" if v["median_pss_mib"] is None else f"{v['median_pss_mib']:.1f}"
        print(
            f"{name:<13} {v['median_seconds']:>9.2f} {span:>13} {ratio(v['time_vs_floor']):>10} "
            f"{v['median_rss_mib']:>8.1f} {ratio(v['memory_vs_floor']):>9} {pss:>8} "
            f"{ratio(v['pss_vs_floor']):>9} {site['mib']:>9.2f} {site['files']:>6} "
            f"{site['html_files']:>6}"
        )
    print("RSS: the largest single process (wait4); PSS: all the build's processes together")
    for pair, values in report["ratios"].items():
        print(f"{pair}: time ×{values['time']:.2f}, memory ×{values['memory']:.2f}")
    for name, v in report["variants"].items():
        site = v["site"]
        if site["search_index_mib"] is not None:
            print(
                f"{name}: search/search_index.json {site['search_index_mib']:.2f} MiB, "
                f"search/ {site['search_folder_mib']:.2f} MiB"
            )
    if report["search_build_vs_floor"] is not None:
        print(f"search index: adds ×{report['search_build_vs_floor']:.2f} of the floor's time")
    for query in report["first_queries"]:
        print(
            f"first query {query['query']}: {query['bytes'] / 1000:.0f} kB in "
            f"{query['requests']} requests, right post first: {query['found_first']}"
        )
    check = report["campaign_check"]
    print(
        f"campaign check (full): {check['seconds']:.2f} s, {check['max_rss_mib']:.1f} MiB, "
        f"exit {check['returncode']}"
    )


def growth(reports: list[dict[str, Any]]) -> dict[str, float]:
    """Each variant's median time at the largest size over that at the smallest."""
    small, large = reports[0], reports[-1]
    return {
        name: round(large["variants"][name]["median_seconds"] / v["median_seconds"], 2)
        for name, v in small["variants"].items()
    }


def print_growth(reports: list[dict[str, Any]], factors: dict[str, float]) -> None:
    small, large = reports[0]["posts"], reports[-1]["posts"]
    print(f"\ngrowth of the median time, {small}→{large} posts (×{large / small:.1f} posts):")
    for name, factor in factors.items():
        print(f"  {name:<13} {small}→{large}: ×{factor:.1f}")


# --- command line ----------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--campaigns", type=int, default=50)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--departments", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true", help="add the +search variants")
    parser.add_argument("--sizes", help="comma-separated numbers of posts, e.g. 500,5000")
    parser.add_argument("--only", default="floor,full,blog", help="some of floor,full,serial,blog")
    parser.add_argument("--json", type=Path, help="default: WORKDIR/results.json")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build/bench")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(n) for n in args.sizes.split(",")}) if args.sizes else [args.posts]
    chosen = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = sorted(chosen - set(BASE_VARIANTS))
    args.only = [name for name in BASE_VARIANTS if name in chosen]  # always in this order
    if unknown or not args.only:
        parser.error(f"--only takes some of {','.join(BASE_VARIANTS)}, not {unknown}")
    if args.runs < 1 or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    args.workdir = args.workdir.resolve()
    args.json = (args.json or args.workdir / "results.json").resolve()
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    env = build_env()
    info = machine_info()
    reports = [bench_size(args, posts, env) for posts in args.sizes]
    for report in reports:
        print_size(report, args.runs)
    factors = growth(reports) if len(reports) > 1 else {}
    if factors:
        print_growth(reports, factors)
    arguments = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    result = {"machine": info, "arguments": arguments, "sizes": reports, "growth": factors}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
