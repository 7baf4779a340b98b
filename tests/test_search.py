"""The sharded Chinese search index: splitting pages, tokens, shards, and a real build."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from campaign_pages.core.outputs.search import (
    SearchIndex,
    Section,
    fnv1a,
    sections,
    shard_of,
    tokens,
)

from .conftest import MKDOCS_YML, mkdocs_build, post
from .searchindex import numbers

PAGE = """\
<h1 id="title">标题<a class="headerlink" href="#title">¶</a></h1>
<p>第一段：新区阳光广场。</p><script>var x = "脚本";</script>
<h2 id="zuofa">主要做法<a class="headerlink" href="#zuofa">¶</a></h2>
<p>设立&amp;宣传台</p>
<h3>没有锚点的小标题</h3><p>尾段</p>
"""


def test_pages_split_at_headings_with_anchors() -> None:
    assert sections(PAGE, "news/x/", "新闻标题", ("扶贫日",)) == [
        Section("news/x/", "新闻标题", "第一段：新区阳光广场。", ("扶贫日",)),
        Section("news/x/#zuofa", "主要做法", "设立&宣传台 没有锚点的小标题 尾段"),
    ]


def test_tokens_are_pairs_words_and_titles_keep_single_characters() -> None:
    assert tokens("阳光广场，ＡＢＣ１２ 2017年", single=False) == {
        "阳光",
        "光广",
        "广场",
        "abc12",
        "2017",
        "年",  # a run of one character is kept as it is
    }
    assert {"阳", "光"} <= tokens("阳光")
    assert tokens("⽇期", single=False) == {"日期"}  # a Kangxi radical is read as 日


def test_tokens_hash_with_fnv_1a_and_spread_evenly() -> None:
    assert fnv1a("a") == 0xE40C292C and fnv1a("foobar") == 0xBF9CF968  # published values
    # neighbouring characters (the bigrams of one text) fall into every shard about equally
    counts = [0] * 16
    for code in range(0x4E00, 0x4E00 + 8000):
        counts[shard_of(chr(code) + chr(code + 1), 16)] += 1
    assert min(counts) > 400 and max(counts) < 600


def _outputs(index: SearchIndex) -> dict[str, Any]:
    return {path: json.loads(data) for path, data in index.outputs({"lang": ["zh"]})}


def test_every_token_leads_to_its_sections() -> None:
    index = SearchIndex()
    index.add_page(sections(PAGE, "news/x/", "新闻标题"))
    index.add_page([Section("news/y/", "阳光招聘会", "就业扶贫招聘会在阳光广场举行")])
    files = _outputs(index)
    manifest = files.pop("search/search_index.json")
    assert manifest["docs"] == [] and manifest["config"]["lang"] == ["zh"]
    ours = manifest["config"]["campaign"]
    assert ours["sections"] == 3 and numbers(ours["pages"]) == [0, 2]
    shards = ours["shards"]

    def lookup(token: str) -> tuple[list[int], list[int]]:
        body, title = files[f"search/t/{shard_of(token, shards)}.json"][token]
        return numbers(body), numbers(title)

    assert lookup("广场") == ([0, 2], [])
    assert lookup("招聘") == ([2], [2])
    assert lookup("做法") == ([], [1])
    assert lookup("阳") == ([], [2])  # single characters: titles only
    assert files["search/d/0.json"][2] == [
        "news/y/",
        "阳光招聘会",
        "就业扶贫招聘会在阳光广场举行",
        [],
    ]
    # the same input writes the same bytes, under a version that names the content
    again = SearchIndex()
    again.add_page(sections(PAGE, "news/x/", "新闻标题"))
    again.add_page([Section("news/y/", "阳光招聘会", "就业扶贫招聘会在阳光广场举行")])
    assert list(again.outputs({"lang": ["zh"]})) == list(index.outputs({"lang": ["zh"]}))


def test_shards_grow_with_the_index_and_stay_small() -> None:
    index = SearchIndex()
    for n in range(3000):
        words = "".join(chr(0x4E00 + (n * 7 + k) % 5000) for k in range(60))
        index.add_page([Section(f"p{n}/", f"第{n}篇", words)])
    files = dict(index.outputs({}))
    manifest = json.loads(files["search/search_index.json"])["config"]["campaign"]
    assert manifest["shards"] > 4
    shard_sizes = [len(data) for path, data in files.items() if path.startswith("search/t/")]
    assert len(shard_sizes) == manifest["shards"]
    assert max(shard_sizes) < 2 * sum(shard_sizes) / len(shard_sizes)


SEARCH_YML = MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")


def test_build_serves_the_sharded_index_through_materials_search_box(
    make_tree: Callable[..., Path],
) -> None:
    root = make_tree(
        **{
            "mkdocs.yml": SEARCH_YML,
            "docs/news/press.md": post("召开新闻发布会", "2017-10-11 10:00", body="在阳光广场。\n"),
            "docs/hidden.md": "---\nsearch:\n  exclude: true\n---\n\n# 不要搜到\n\n秘密内容。\n",
        }
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert index["docs"] == []  # Material's own index is left empty …
    ours = index["config"]["campaign"]  # … and carries our manifest
    blocks = [json.loads(p.read_text("utf-8")) for p in sorted((site / "search/d").glob("*.json"))]
    locations = [doc[0] for block in blocks for doc in block]
    assert len(locations) == ours["sections"]
    assert "news/press/" in locations and "campaigns/test-2017/" in locations
    assert not any(loc.startswith("hidden/") for loc in locations)
    assert not any(loc.startswith("news/page/") for loc in locations)  # listings are left out
    # every page starts Material's search box with our worker
    page = (site / "campaigns/test-2017/schedule/index.html").read_text("utf-8")
    assert '"search": "../../../assets/campaign-search.js"' in page
    assert (site / "assets/campaign-search.js").is_file()
    shard = shard_of("广场", ours["shards"])
    body, _ = json.loads((site / f"search/t/{shard}.json").read_text("utf-8"))["广场"]
    assert locations.index("news/press/") in numbers(body)


def test_search_option_off_leaves_materials_index(make_tree: Callable[..., Path]) -> None:
    off = SEARCH_YML.replace("today: 2017-10-12", "today: 2017-10-12\n      search: false")
    root = make_tree(**{"mkdocs.yml": off})
    assert mkdocs_build(root).returncode == 0
    index = json.loads((root / "site/search/search_index.json").read_text("utf-8"))
    assert "campaign" not in index["config"]
    titles = [doc["title"].replace("\u200b", "") for doc in index["docs"]]  # jieba's marks
    assert "测试扶贫日活动方案" in titles
    # Material reads page.content: a generated page's HTML is in it by then
    schedule = " ".join(
        doc["text"].replace("\u200b", "")
        for doc in index["docs"]
        if doc["location"].startswith("campaigns/test-2017/schedule/")
    )
    assert "召开一场新闻发布会" in schedule and "<!--cp:" not in schedule
    assert not (root / "site/search/t").exists()
