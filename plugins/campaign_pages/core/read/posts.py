"""Read news posts (``docs/news/**.md``): front matter validated like data, text measured.

MkDocs renders each post once, as a page. Listings, feeds and statistics need only what is
read here (metadata, a plain-text summary, character counts), so nothing converts a post's
Markdown a second time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from campaign_pages.core.dates import Precision, WhenError, parse_when
from campaign_pages.core.load.schema import PostSchema, validate
from campaign_pages.core.load.textfile import linked_folders, read_source
from campaign_pages.core.load.yamlsrc import LList, LMap, line_of, load_yaml
from campaign_pages.core.model import Activity, Campaign, NewsPost, Site, Source, SourceLevel
from campaign_pages.core.problems import Problem, did_you_mean, has_errors
from campaign_pages.core.read.site import Directory
from campaign_pages.core.render.cjk import join_cjk_lines
from campaign_pages.core.render.markup import lines_outside_fences, shorten
from campaign_pages.core.settings import SHANGHAI

# text as read_source gives it: no byte order mark, lines ending in "\n" only
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
SUMMARY_LENGTH = 120  # characters of the first paragraph used as a summary
T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    """Does ``work`` over ``items`` cut into consecutive slices, wherever it likes (another
    process, say): one result a slice, in the order of the slices."""

    def __call__(self, items: Sequence[T], work: Callable[[Sequence[T]], R], /) -> list[R]: ...


def read_posts(
    docs_dir: Path, news_dir: str, site: Site, *, runner: Runner | None = None
) -> tuple[tuple[NewsPost, ...], list[Problem]]:
    """Every post under ``docs_dir/news_dir``, newest first, and the problems found.

    The posts are read by ``runner`` (the adapters pass one that reads half of them in
    another process), else all in one go here; the result is the same.
    """
    folder = docs_dir / news_dir
    if not folder.is_dir():
        return (), []
    paths, link_problems = _post_files(folder, docs_dir)
    files = [
        (path, src)
        for path in sorted(paths, key=str)  # str: far cheaper to compare
        if (src := path.relative_to(docs_dir).as_posix()) != f"{news_dir}/index.md"
    ]  # news/index.md is the editor's own news index, not a post

    def read(chunk: Sequence[tuple[Path, str]]) -> tuple[list[NewsPost], list[Problem]]:
        reader = _PostReader(site, [])
        found = (reader.read(path, src, f"{docs_dir.name}/{src}", docs_dir) for path, src in chunk)
        return [post for post in found if post is not None], reader.problems

    halves = [read(files)] if runner is None else runner(files, read)
    posts = [post for found, _ in halves for post in found]
    problems = [*link_problems, *(problem for _, found in halves for problem in found)]
    posts.sort(key=lambda p: (p.date, p.src), reverse=True)
    return tuple(posts), sorted(problems, key=lambda p: (p.path, p.line, p.message))


def _post_files(folder: Path, docs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The ``*.md`` files under ``folder``, through linked folders as MkDocs goes.

    A linked folder is followed when it leads to a folder inside ``docs_dir`` not already
    walked (a link loop is walked once); one that leads out of ``docs_dir`` is a problem.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    inside = Path(os.path.realpath(docs_dir))
    seen: set[str] = set()
    pending = [folder]
    while pending:
        top = pending.pop()
        real = os.path.realpath(top)
        if real in seen:
            continue
        seen.add(real)
        for root, dirs, names in os.walk(top):
            # a folder named like a post is listed too: read_source says what it is
            found += [Path(root, name) for name in (*names, *dirs) if name.endswith(".md")]
            for link, target, _ in linked_folders(root, dirs):
                if target.is_relative_to(inside):
                    pending.append(link)
                else:
                    problems.append(
                        Problem(
                            f"{docs_dir.name}/{link.relative_to(docs_dir).as_posix()}",
                            1,
                            f"这是指向 {docs_dir.name}/ 以外“{target}”的文件夹链接，"
                            "里面的新闻没有读取",
                            f"把新闻文件本身放到 {docs_dir.name}/ 里，不要用链接指向外面的文件夹。",
                        )
                    )
    return found, problems


class _PostReader:
    def __init__(self, site: Site, problems: list[Problem]) -> None:
        self.campaigns = {c.id: c for c in site.campaigns}
        self.broken = site.broken
        self.directory = Directory.of(site)
        self.problems = problems
        self._activities: dict[tuple[str, ...], dict[str, Activity]] = {}

    def activities(self, campaigns: tuple[Campaign, ...]) -> dict[str, Activity]:
        """The activities of ``campaigns`` by id, worked out once for each set of campaigns."""
        key = tuple(c.id for c in campaigns)  # a Campaign's own hash walks all its fields
        if key not in self._activities:
            self._activities[key] = {a.id: a for c in campaigns for a in c.all_activities()}
        return self._activities[key]

    def problem(self, path: str, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(path, line, message, hint))

    def read(self, file: Path, src: str, path: str, docs_dir: Path) -> NewsPost | None:
        text, problems = read_source(file, path, docs_dir)
        self.problems.extend(problems)
        if text is None:
            return None
        match = _FRONT_MATTER.match(text)
        if match is None:
            self.problem(
                path,
                1,
                "新闻开头缺少 --- 包围的信息块（标题、日期、来源等）",
                "在第一行写 ---，接着写 title: 和 date: 等，再写一行 ---，正文写在后面。",
            )
            return None
        body = text[match.end() :]
        # a blank first line keeps YAML's line numbers equal to the file's
        data, yaml_problems = load_yaml("\n" + (match[1] or ""), path)
        self.problems.extend(yaml_problems)
        if data is None:
            if not has_errors(yaml_problems):
                self.problem(path, 1, "信息块是空的", "至少写上 title: 和 date:。")
            return None
        if not isinstance(data, LMap):
            self.problem(
                path,
                getattr(data, "line", None) or _first_content_line(match[1]),
                "信息块应写成“键: 值”的形式，这里是"
                + ("列表" if isinstance(data, list) else "一段文字"),
                "每行写一项，如“title: 标题”“date: 2017-10-13”，行首不要写“- ”。",
            )
            return None
        schema, data, problems = validate(PostSchema, data, path)
        self.problems.extend(problems)
        if schema is None:
            return None
        cover = self.cover(schema.cover, file, docs_dir, data, path) if schema.cover else None
        return self.post(schema, data, src, path, body, cover)

    def cover(self, cover: str, file: Path, docs_dir: Path, raw: LMap, path: str) -> str | None:
        """The cover's path under docs/, written relative to the post as Markdown images are."""
        target = (file.parent / cover).resolve()
        inside = target.is_relative_to(docs_dir.resolve())
        if not inside or not target.is_file():
            self.problem(
                path,
                line_of(raw, ("cover",)),
                f"封面图片“{cover}”不存在",
                "路径相对于这篇新闻所在的文件夹，图片要放在 docs/ 里面。",
            )
            return None
        return target.relative_to(docs_dir.resolve()).as_posix()

    def post(
        self, schema: PostSchema, raw: LMap, src: str, path: str, body: str, cover: str | None
    ) -> NewsPost | None:
        title = schema.title or _first_heading(body)
        if not title:
            self.problem(path, 1, "新闻没有标题", "在信息块里写 title:，或在正文第一行写“# 标题”。")
        date = self.date(schema.date, path, line_of(raw, ("date",)))
        campaigns = self.campaign_list(schema.campaign, raw, path)
        # a campaign with errors in its file, or not found (reported above), may be the one
        # the activity belongs to: the activity is not reported missing too
        partial = any(
            ident.strip() in self.broken or ident.strip() not in self.campaigns
            for ident in schema.campaign
        )
        activity = None
        if schema.activity:
            activity = self.activity(schema.activity, campaigns, raw, path, partial=partial)
        departments = self.directory.resolve(
            self.problems, path, schema.departments, raw, "departments"
        )
        if not title or date is None:
            return None
        han, words = measure(body)
        return NewsPost(
            src=src,
            title=title,
            date=date[0],
            has_time=date[1],
            campaigns=campaigns,
            activity=activity,
            departments=departments,
            source=schema.source,
            source_level=SourceLevel(schema.source_level) if schema.source_level else None,
            tags=tuple(dict.fromkeys(t.strip() for t in schema.tags if t.strip())),
            summary=shorten(schema.summary.strip(), SUMMARY_LENGTH)
            if schema.summary
            else first_paragraph(body),
            cover=cover,
            draft=schema.draft,
            han=han,
            words=words,
            source_ref=Source(path, 1),
        )

    def date(self, text: str, path: str, line: int) -> tuple[dt.datetime, bool] | None:
        """ISO (``2017-10-13 10:00``, an offset allowed) or Chinese (2017年10月13日上午10:00)."""
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            has_time = len(text.strip()) > len("2017-10-13")
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=SHANGHAI)
            return moment, has_time
        try:
            when = parse_when(text)
        except WhenError as exc:
            self.problem(
                path,
                line,
                f"新闻日期“{text}”无法识别：{exc}",
                "写作 2017-10-13 或 2017-10-13 10:00。",
            )
            return None
        if when.precision is not Precision.DAY or when.start is None:
            self.problem(
                path,
                line,
                f"新闻日期“{text}”不是确定的某一天",
                "写作 2017-10-13 或 2017-10-13 10:00。",
            )
            return None
        clock = when.start_time or dt.time(0)
        return dt.datetime.combine(when.start, clock, tzinfo=SHANGHAI), when.start_time is not None

    def campaign_list(self, ids: list[str], raw: LMap, path: str) -> tuple[Campaign, ...]:
        found: list[Campaign] = []
        listed = isinstance(raw.get("campaign"), LList)
        for index, ident in enumerate(ids):
            campaign = self.campaigns.get(ident.strip())
            if campaign is None and ident.strip() in self.broken:
                continue  # its file has errors, reported there
            if campaign is None:
                line = line_of(raw, ("campaign", index) if listed else ("campaign",))
                hint = did_you_mean(ident, [*self.campaigns, *self.broken]) or (
                    "方案 id 是 data/campaigns/ 下的文件名（不含 .yml）。"
                )
                self.problem(path, line, f"未知的方案“{ident}”", hint)
            elif campaign not in found:
                found.append(campaign)
        return tuple(found)

    def activity(
        self, ident: str, campaigns: tuple[Campaign, ...], raw: LMap, path: str, *, partial: bool
    ) -> Activity | None:
        """The activity ``ident`` of ``campaigns``; not reported missing if ``partial`` (one of
        the campaigns named has errors in its file, and may have lost it)."""
        line = line_of(raw, ("activity",))
        if not campaigns:
            if not partial:
                self.problem(
                    path,
                    line,
                    "写了 activity 却没写 campaign",
                    "在 campaign: 里写上这项活动所属方案的 id。",
                )
            return None
        activities = self.activities(campaigns)
        found = activities.get(ident.strip())
        if found is None and not partial:
            hint = did_you_mean(ident, activities) or "活动 id 见方案文件里各项活动的 id:。"
            self.problem(path, line, f"方案中没有活动“{ident}”", hint)
        return found


def _first_content_line(front_matter: str) -> int:
    """The file's line of the first line of ``front_matter`` that is not blank or a comment."""
    lines = front_matter.split("\n")
    return 2 + next((n for n, line in enumerate(lines) if line.strip()[:1] not in ("", "#")), 0)


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match[1].strip() if match else None


_SKIP = re.compile(r"^ {0,3}(#|<|!!!|\?\?\?|\||>|\[\^|\*{3}|-{3}|_{3}|!\[[^\]]*\]\([^)]*\)\s*$)")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
    (re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
    (re.compile(r"\{[:#.][^}]*\}"), ""),  # attribute lists
]


def first_paragraph(body: str) -> str:
    """The first paragraph of a post as plain text, shortened: its default summary."""
    lines: list[str] = []
    for _, line in lines_outside_fences(body):
        if not line.strip():
            if lines:
                break
            continue
        if not lines and _SKIP.match(line):
            continue
        lines.append(line.strip())
    # a summary needs its first characters only; the inline patterns below are not linear
    # on pathological text (thousands of "[" without a "]"), so they see a bounded part
    text = join_cjk_lines("\n".join(lines)).replace("\n", " ")[: SUMMARY_LENGTH * 20]
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return shorten(" ".join(text.split()), SUMMARY_LENGTH)


def measure(body: str) -> tuple[int, int]:
    """Chinese characters and Latin words of a post, for its reading time."""
    han = sum(map(len, _HAN.findall(body)))  # runs, not characters: far fewer matches
    return han, len(_WORD.findall(body))
