"""The demo site in this repository, built for real and read back.

The expected assignments below are transcribed from seed 001 (铜川市2017年扶贫日活动方案):
the parenthesis after each activity names who leads (牵头), supports (配合) or is
responsible (具体落实 / 责任单位).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from campaign_pages.core.dates import Precision
from campaign_pages.core.model import Campaign, Kind, Role, Site, Task
from campaign_pages.core.read.posts import read_posts
from campaign_pages.core.read.site import read_site
from campaign_pages.core.views import campaigns as views

from .conftest import BIN, ROOT, campaign_cli, run
from .htmltables import tables
from .searchindex import holders

FUPINRI = "tongchuan-fupinri-2017"
FUPINRI_TITLE = "铜川市2017年扶贫日活动方案"

# activity: (lead, support, responsible), exactly as the plan assigns them
SEED_001 = {
    "1. 开展一次走访座谈活动": ([], [], ["各级帮扶部门单位"]),
    "2. 召开一场新闻发布会": (
        ["市委宣传部", "市扶贫局"],
        ["市农业局", "市国土局", "市人社局", "市卫计局", "市发改委", "市商务局", "市金融办"],
        [],
    ),
    "3. 发表一篇重要署名文章": ([], [], ["市委办公室", "市委宣传部", "市扶贫局"]),
    "4. 组织一次集中宣传": (["市委宣传部", "市扶贫局"], ["市级相关部门"], []),
    "5. 开展一次政策宣传咨询活动": (["市脱贫攻坚领导小组办公室"], ["市级相关部门"], []),
    "6. 开展一次健康服务活动": (["市卫计局"], ["市扶贫局"], []),
    "7. 组织一次贫困户住房集中交钥匙活动": (["市国土局"], ["市住建局", "市扶贫局"], []),
    "8. 开展一次就业扶贫招聘会": (["市人社局"], ["市扶贫局"], []),
}
# the plan's times, as written
SEED_001_WHEN = {
    "visits": "扶贫日前后",
    "press-conference": "10月中旬",
    "signed-article": "扶贫日前夕",
    "publicity-week": "10月10日—16日",
    "publicity-day": "10月17日",
    "consultation-towns": "扶贫日之前",
    "consultation-square": "10月17日",
    "health": "扶贫日当天或扶贫日之前",
    "housing-keys": "扶贫日前后",
    "job-fair": "扶贫日前",
}
# 报送: (due, from, to)
SEED_001_DEADLINES = [
    ("2017-10-09", ["市级相关部门"], ["市脱贫攻坚领导小组办公室"]),
    ("2017-10-09", ["各区县", "市新区管委会"], ["市脱贫攻坚领导小组办公室"]),
    ("2017-10-17", ["各区县", "市新区管委会", "市级相关部门"], ["市脱贫攻坚领导小组办公室"]),
]


@pytest.fixture(scope="module")
def site() -> Site:
    result, problems = read_site(ROOT / "data")
    assert problems == []
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("demo") / "site"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)], ROOT)
    assert result.returncode == 0, result.stderr
    yield out


def _page(built: Path, rel: str) -> str:
    return (built / rel / "index.html").read_text("utf-8")


def test_demo_data_is_clean() -> None:
    result = campaign_cli(ROOT, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "7 个方案" in result.stderr and "0 个错误，0 个警告" in result.stderr


def test_seed_001_activities_and_times(site: Site) -> None:
    campaign = site.campaign(FUPINRI)
    assert campaign is not None
    assert campaign.day == dt.date(2017, 10, 17) and campaign.day_name == "扶贫日"
    numbered = [f"{a.number}. {a.title}" for a in campaign.activities]
    assert numbered == list(SEED_001)
    written = {a.id: a.when.text for a in campaign.all_activities() if a.dated_here}
    assert written == SEED_001_WHEN
    assert [s.title for s in campaign.sections] == ["指导思想", "基本原则", "组织领导"]
    assert [i.title for i in campaign.sections[1].items] == [
        "坚持政府引导",
        "坚持协同联动",
        "坚持广泛动员",
        "坚持创新推动",
        "坚持节俭务实",
    ]
    assert len(campaign.sections[2].items) == 4
    deadlines = [
        (d.due.isoformat(), [x.name for x in d.from_], [x.name for x in d.to])
        for d in campaign.deadlines
    ]
    assert deadlines == SEED_001_DEADLINES


def test_responsibility_page_shows_exactly_the_plans_assignments(built: Path) -> None:
    page = _page(built, f"campaigns/{FUPINRI}/responsibilities")
    [matrix] = tables(page, "cp-matrix")
    header, rows = matrix[0], matrix[1:]
    assert len(rows) == 8  # sub-steps have no assignments of their own
    got = {}
    for row in rows:
        roles: dict[str, list[str]] = {"牵头": [], "配合": [], "负责": []}
        for dept, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                roles[cell].append(dept)
        got[row[0]] = (roles["牵头"], roles["配合"], roles["负责"])
    expected = {
        activity: tuple(sorted(names, key=header.index) for names in roles)
        for activity, roles in SEED_001.items()
    }
    assert got == expected


def test_department_pages_show_what_each_department_does(built: Path, site: Site) -> None:
    """Each department's page lists exactly the seed's activities it leads, supports, owns."""
    by_name = {d.name: d for d in site.departments}
    expected: dict[str, dict[str, set[str]]] = {}
    for activity, roles in SEED_001.items():
        for label, names in zip(("lead", "support", "responsible"), roles, strict=True):
            for name in names:
                expected.setdefault(name, {}).setdefault(label, set()).add(activity)
    for name, by_role in expected.items():
        shown = _assignments_by_role(_page(built, f"departments/{by_name[name].id}"))
        fupinri = {
            role: {activity for activity, campaign in pairs if campaign == FUPINRI_TITLE}
            for role, pairs in shown.items()
        }
        assert {k: v for k, v in fupinri.items() if v} == by_role, name


def _assignments_by_role(page: str) -> dict[str, set[tuple[str, str]]]:
    """(activity, campaign) pairs from a department page's three tables, by role."""
    result: dict[str, set[tuple[str, str]]] = {}
    for table in tables(page, "cp-assignments"):
        caption_role = next(r for r in ("lead", "support", "responsible") if _caption(table, r))
        result[caption_role] = {(row[0].replace(" 已完成", ""), row[2]) for row in table[1:]}
    return result


def _caption(table: list[list[str]], role: str) -> bool:
    # the fourth column names the other side: 配合单位 for leads, 牵头单位 for supporters
    other = {"lead": "配合单位", "support": "牵头单位", "responsible": "共同负责单位"}[role]
    return table[0][3] == other


def test_every_activity_role_and_deadline_appears_on_the_pages(built: Path, site: Site) -> None:
    for campaign in site.campaigns:
        if campaign.kind != Kind.ACTIVITY_PLAN:
            continue  # test_kinds.py: work plans, ledgers, reports
        overview = _page(built, f"campaigns/{campaign.id}")
        schedule = _page(built, f"campaigns/{campaign.id}/schedule")
        responsibilities = _page(built, f"campaigns/{campaign.id}/responsibilities")
        for activity in campaign.all_activities():
            assert f'id="{activity.id}"' in overview, activity.id
            assert activity.title in overview
            if activity.dated_here or not activity.items:
                assert activity.title in schedule, activity.id
            for dept, role in activity.roles():
                dept_page = _page(built, f"departments/{dept.id}")
                assert f"{activity.number}. {activity.title}" in dept_page, (dept.id, activity.id)
                assert role.label in responsibilities
        for deadline in campaign.deadlines:
            assert f'id="{deadline.id}"' in overview
            assert deadline.title in responsibilities
            for dept in (*deadline.from_, *deadline.to):
                assert deadline.title in _page(built, f"departments/{dept.id}"), dept.id


def test_campaign_states_at_the_demos_today(built: Path) -> None:
    # today is 2023-12-20: the three 2017 campaigns are over (a site with a campaign in each
    # state: test_build.test_campaign_states_all_show)
    index = _page(built, "campaigns")
    for campaign in (FUPINRI, "tongchuan-policy-month-2017", "tongchuan-xianfa-2017"):
        assert f'cp-card--past" aria-labelledby="cp-card-{campaign}"' in index, campaign
    assert "状态按 2023年12月20日（星期三） 计算" in index
    overview = _page(built, f"campaigns/{FUPINRI}")
    # the 10-09 deadlines were met; the 10-17 one, never marked done, is long overdue
    assert overview.count("已报送") == 2 and overview.count("已逾期 2255 天") == 1
    xianfa = _page(built, "campaigns/tongchuan-xianfa-2017")
    # 11月20日前 and 12月8日, neither marked done
    assert "已逾期 2221 天" in xianfa and "已逾期 2203 天" in xianfa
    assert "已取消" in xianfa
    assert "日期待定" in _page(built, "campaigns/tongchuan-xianfa-2017/schedule")


def test_demo_calendars_parse_and_cover_the_schedule(built: Path, site: Site) -> None:
    for campaign in site.campaigns:
        cal = icalendar.Calendar.from_ical((built / f"campaigns/{campaign.id}.ics").read_bytes())
        uids = {str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")}
        dated = {
            f"{campaign.id}.{e.activity.id}"
            for e in views.schedule_entries(campaign)
            if e.activity.when.start
        }
        deadlines = {f"{campaign.id}.deadline.{d.id}" for d in campaign.deadlines}
        dues = {f"{campaign.id}.due.{t.id}" for t in _dated_dues(campaign)}
        assert uids == dated | deadlines | dues
    everything = icalendar.Calendar.from_ical((built / "calendar.ics").read_bytes())
    assert len(everything.walk("VEVENT")) == sum(
        1
        for c in site.campaigns
        for e in [*views.schedule_entries(c), *c.deadlines, *_dated_dues(c)]
        if not isinstance(e, views.Entry) or e.activity.when.start
    )
    # the work plan's and the ledger's dues are in: 长期坚持 has no day and is not
    assert any(_dated_dues(c) for c in site.campaigns if c.kind == Kind.WORK_PLAN)
    assert any(_dated_dues(c) for c in site.campaigns if c.kind == Kind.RECTIFICATION)


def _dated_dues(campaign: Campaign) -> list[Task]:
    return [
        t
        for t in campaign.all_tasks()
        if t.due is not None and t.due.end is not None and t.due.precision != Precision.ONGOING
    ]


def test_demo_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(again)], ROOT)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_injected_mistakes_are_all_listed(tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    path = copy / "data/campaigns" / f"{FUPINRI}.yml"
    text = path.read_text("utf-8")
    mistakes = [
        ("    lead: [市卫计局]\n", "    lead: [市卫记局]\n"),  # a misspelt department
        ("    when: 10月中旬\n", "    when: 10月某日\n"),  # a time that cannot be read
        ("    location: 新区阳光广场\n", "    locaton: 新区阳光广场\n"),  # a misspelt key
        ("  - id: publicity-day\n", "  - id: publicity-week\n"),  # a duplicate id
        ("    due: 10月17日\n", "    due: 10月32日\n"),  # a day that does not exist
    ]
    lines = {}
    for old, new in mistakes:
        assert text.count(old) == 1, old
        lines[new] = text[: text.index(old)].count("\n") + 1 + (old.count("\n") - 1)
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    result = campaign_cli(copy, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rel = f"data/campaigns/{FUPINRI}.yml"
    printed = result.stdout.splitlines()
    assert [line.split(":")[0] for line in printed] == [rel] * 5, printed
    got_lines = sorted(int(line.split(":")[1]) for line in printed)
    assert got_lines == sorted(lines.values())
    assert any("未知部门“市卫记局” 提示：是否想写“市卫计局”？" in line for line in printed)
    assert any("“10月某日”" in line for line in printed)
    assert any("未知的键“locaton” 提示：是否想写“location”？" in line for line in printed)
    assert any("id“publicity-week”与第" in line for line in printed)
    assert any("没有10月32日" in line for line in printed)


# (file, pattern of the line to change, replacement, what check must say at that line)
KIND_MISTAKES = [
    (
        "qu-xuncha-zhenggai-2023",
        r"responsible: \[理论科\]",
        "responsible: [理论课]",
        "未知部门“理论课”",
    ),
    ("qu-xuncha-zhenggai-2023", r"due: 立行立改，长期坚持", "due: 明年某月", "“明年某月”"),
    ("qu-xuncha-zhenggai-2023", r"^(\s+)measures:", r"\1measure:", "未知的键“measure”"),
    ("qu-wenming-2023", r"leader: 部长", "leader: 区委网信办", "leader（责任领导）写的是单位"),
    ("qu-wenming-2023", r"status: ongoing", "status: going", "“status”的值“going”无效"),
    ("zhen-xuanchuan-2023", r"source_level: 省级", "source_level: 省", "“source_level”的值“省”"),
    ("zhen-xuanchuan-2023", r"value: 12$", "value: 十二", "“value”应为数字，这里是“十二”"),
]


def test_injected_mistakes_in_each_kind_are_reported_at_their_lines(tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    expected = []
    for name, pattern, replacement, message in KIND_MISTAKES:
        path = copy / "data/campaigns" / f"{name}.yml"
        lines = path.read_text("utf-8").split("\n")
        number = next(n for n, line in enumerate(lines) if re.search(pattern, line))
        lines[number] = re.sub(pattern, replacement, lines[number], count=1)
        path.write_text("\n".join(lines), "utf-8")
        expected.append((f"data/campaigns/{name}.yml", number + 1, message))
    result = campaign_cli(copy, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    printed = result.stdout.splitlines()
    assert len(printed) == len(expected), printed  # no follow-on errors
    for rel, line, message in expected:
        assert any(p.startswith(f"{rel}:{line}: ") and message in p for p in printed), (
            rel,
            line,
            message,
            printed,
        )


def test_roles_in_demo_use_every_kind(site: Site) -> None:
    roles = {role for c in site.campaigns for a in c.all_activities() for _, role in a.roles()}
    assert roles == set(Role)


# -- news in the demo --------------------------------------------------------------------------

DEMO_TODAY = dt.date(2023, 12, 20)  # today: in data/site.yml


def _front_matter() -> dict[str, dict[str, object]]:
    """Every demo post's front matter, read with plain PyYAML: an independent count."""
    result = {}
    for path in sorted((ROOT / "docs/news").rglob("*.md")):
        head = path.read_text("utf-8").split("---\n")[1]
        result[path.stem] = yaml.safe_load(head)
    return result


def _url_paths() -> dict[str, str]:
    """Every demo post's path in the site, by name: news/2017/consultation."""
    docs = ROOT / "docs"
    return {
        p.stem: p.relative_to(docs).with_suffix("").as_posix() for p in docs.rglob("news/**/*.md")
    }


def _published(meta: dict[str, object]) -> bool:
    day = str(meta["date"])
    parsed = dt.date.fromisoformat(day[:10]) if day[:4].isdigit() and "-" in day[:8] else None
    if parsed is None:  # 2017年10月17日上午10:30
        y, rest = day.split("年")
        m, rest = rest.split("月")
        parsed = dt.date(int(y), int(m), int(rest.split("日")[0]))
    return not meta.get("draft") and parsed <= DEMO_TODAY


def test_demo_news_statistics_match_a_count_by_hand(built: Path) -> None:
    posts = _front_matter()
    published = {k: v for k, v in posts.items() if _published(v)}
    assert len(posts) >= 12 and len(published) == len(posts) - 2  # one draft, one scheduled
    by_level: dict[str, int] = {}
    for meta in published.values():
        level = str(meta.get("source_level", "未注明"))
        by_level[level] = by_level.get(level, 0) + 1
    page = _page(built, "news/stats")
    [level_table] = [t for t in tables(page, "cp-stats-table") if t[0][0] == "媒体级别"]
    assert {row[0]: int(row[1]) for row in level_table[1:]} == by_level
    assert f"共发表稿件 {len(published)} 篇" in page
    assert len({str(m.get("source")) for m in published.values()}) >= 5  # several outlets
    assert {"中央", "省级", "市级", "县级"} <= set(by_level)  # posts without a level: 未注明


def test_demo_draft_and_scheduled_posts_appear_nowhere(built: Path) -> None:
    hidden = {k: v for k, v in _front_matter().items() if not _published(v)}
    assert sorted(hidden) == ["summary-draft", "year-end-meeting"]  # a draft, a post after today
    urls = _url_paths()
    assert urls["year-end-meeting"] == "news/2023/year-end-meeting"
    titles = [str(meta["title"]) for meta in hidden.values()]
    for path in built.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".ics"):
            text = path.read_text("utf-8")
            for name, title in zip(hidden, titles, strict=True):
                assert title not in text and urls[name] not in text, (path, name)


def test_demo_feeds_list_the_published_posts(built: Path, site: Site) -> None:
    published = {k for k, v in _front_matter().items() if _published(v)}
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert feed.bozo == 0
    links = [e.link.rsplit("/", 2)[-2] for e in feed.entries]
    # the newest 20 (feed_size), newest first
    assert len(published) > 20 and len(links) == 20 and set(links) <= published
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    posts, _ = read_posts(ROOT / "docs", "news", site)  # newest first
    newest = [p.src.rsplit("/", 1)[-1][:-3] for p in posts if p.is_published(DEMO_TODAY)][:20]
    assert links == newest
    assert all(
        re.match(r"https://example\.gov\.cn/zt/fupinri/news/20(17|23)/", e.link)
        for e in feed.entries
    )
    atom = feedparser.parse((built / "atom.xml").read_bytes())
    assert atom.bozo == 0 and len(atom.entries) == 20


def test_demo_search_finds_a_chinese_word_in_its_post(built: Path) -> None:
    # 新区阳光广场: every character pair of the place leads to the post that names it
    for pair in ("阳光", "光广", "广场"):
        assert "news/2017/consultation/" in holders(built, pair, "body"), pair


def _text(html: str) -> str:
    """A page's text, entities decoded and tags removed, for finding editors' words in it."""
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_every_task_problem_measure_unit_and_due_appears_on_the_pages(
    built: Path, site: Site
) -> None:
    kinds = {c.kind for c in site.campaigns}
    assert {Kind.WORK_PLAN, Kind.RECTIFICATION, Kind.REPORT} <= kinds
    for campaign in site.campaigns:
        if campaign.kind not in (Kind.WORK_PLAN, Kind.RECTIFICATION):
            continue
        page = _page(built, f"campaigns/{campaign.id}")
        text = _text(page)
        for task in campaign.all_tasks():
            assert f'id="{task.id}"' in page, task.id  # linked from department pages
            assert _text(task.title) in text, task.title
            for measure in task.measures:
                assert _text(measure).strip() in text, measure
            if task.due is not None:
                assert task.due.text in text, (task.id, task.due.text)
            if task.leader:
                assert task.leader in text
            for dept, _ in task.roles():
                assert dept.name in text, (task.id, dept.name)
                dept_page = _text(_page(built, f"departments/{dept.id}"))
                assert _text(task.title) in dept_page, (dept.id, task.title)


def test_the_demo_ledger_shows_its_areas_items_problems_and_the_stated_counts(
    built: Path, site: Site
) -> None:
    ledger = site.campaign("qu-xuncha-zhenggai-2023")
    assert ledger is not None
    items = [item for area in ledger.tasks for item in area.items]
    problems = [leaf for item in items for leaf in item.leaves()]
    assert (len(ledger.tasks), len(items), len(problems)) == (3, 11, 35)
    text = _text(_page(built, "campaigns/qu-xuncha-zhenggai-2023"))
    assert "三方面17项43个问题" in text  # what the report states, beside what the data holds
    assert ledger.stated_note and ledger.stated_note in text
    [table] = [
        t for t in tables(_page(built, "campaigns/qu-xuncha-zhenggai-2023"), "cp-ledger__table")
    ]
    assert table[0] == [
        "方面",
        "问题",
        "整改措施",
        "责任单位",
        "责任领导",
        "整改时限",
        "状态",
        "完成时间",
    ]
    rows = [r for r in table[1:] if len(r) == 8]
    assert len(rows) == len(problems)
    for rule in (*ledger.rules.new, *ledger.rules.revised):  # type: ignore[union-attr]
        assert rule in text


def test_the_demo_reports_show_counted_figures_beside_the_stated(built: Path) -> None:
    town = _page(built, "campaigns/zhen-xuanchuan-2023")
    [table] = tables(town, "cp-report-figures")
    rows = {r[0]: r for r in table[1:]}
    assert rows["省级党报上稿"][1].startswith("8") and rows["省级党报上稿"][2].startswith("8")
    assert rows["省级党报上稿"][3] == "相同"
    assert rows["州级党报上稿"][1].startswith("12") and rows["州级党报上稿"][2].startswith("3")
    assert rows["州级党报上稿"][3] == "少 9"
    xinjiang = _text(_page(built, "campaigns/xinjiang-fupin-xuanchuan-2023"))
    assert "5720" in xinjiang and "151" in xinjiang
