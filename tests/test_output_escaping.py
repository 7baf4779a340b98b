"""Editors' text in what machines read: feeds, calendars and JSON-LD, read back with the
libraries their clients use. Text stays text, and no payload becomes markup or script."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

from .conftest import CAMPAIGN, mkdocs_build, news_tree, write_tree

PAYLOADS = (
    "<script>alert(1)</script>",
    "[a](javascript&#58;alert(1))",
    "javascript:alert(1)",
    "</script><!--",
)
EVIL = " ".join(PAYLOADS)
ATOM = "{http://www.w3.org/2005/Atom}"


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


class _Elements(HTMLParser):
    """What a browser would make of an HTML fragment: its elements, URLs and JSON-LD."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src")]
        self._in_jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def _assert_inert(html: str) -> None:
    parsed = _Elements(html)
    assert "script" not in parsed.tags, html
    assert not [u for u in parsed.urls if u.strip().lower().startswith("javascript")], html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    campaign = CAMPAIGN.replace("title: 政策宣传咨询", f"title: {_yaml(EVIL)}").replace(
        "location: 新区阳光广场", f"location: {_yaml(EVIL)}\n    body: {_yaml(EVIL)}"
    )
    tree = news_tree(1, **{"data/campaigns/test-2017.yml": campaign})
    tree["docs/news/evil.md"] = (
        f"---\ntitle: {_yaml(EVIL)}\ndate: 2017-10-11 10:00\ncampaign: test-2017\n"
        f"summary: {_yaml(EVIL)}\ntags: {json.dumps(list(PAYLOADS), ensure_ascii=False)}\n"
        f"---\n\n正文。\n"
    )
    root = write_tree(tmp_path_factory.mktemp("evil"), tree)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_rss_and_atom_are_well_formed_and_inert(site: Path) -> None:
    for name in ("feed.xml", "atom.xml"):
        raw = (site / name).read_bytes()
        tree = ET.fromstring(raw)  # well-formed XML, whatever the text
        if name == "feed.xml":
            [item] = [i for i in tree.iter("item") if i.findtext("title") == EVIL]
            assert [c.text for c in item.iter("category")] == list(PAYLOADS)
            summary = item.findtext("description") or ""
        else:
            [item] = [e for e in tree.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == EVIL]
            assert [c.get("term") for c in item.iter(f"{ATOM}category")] == list(PAYLOADS)
            summary = item.findtext(f"{ATOM}summary") or ""
        _assert_inert(summary)
        assert _Elements(summary).tags == ["p"]  # the summary is text in one paragraph
        feed = feedparser.parse(raw)
        assert not feed.bozo, feed.get("bozo_exception")
        for entry in feed.entries:
            _assert_inert(entry.summary)


def test_json_feed_keeps_text_as_text(site: Path) -> None:
    data = json.loads((site / "feed.json").read_bytes())
    [item] = [i for i in data["items"] if i["title"] == EVIL]
    assert item["summary"] == EVIL and item["tags"] == list(PAYLOADS)
    _assert_inert(item["content_html"])
    assert _Elements(item["content_html"]).tags == ["p"]


def test_calendar_text_round_trips_as_plain_text(site: Path) -> None:
    cal = icalendar.Calendar.from_ical((site / "campaigns/test-2017.ics").read_bytes())
    [event] = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("test-2017.consult@")]
    assert str(event["SUMMARY"]) == EVIL
    assert str(event["LOCATION"]) == EVIL
    description = str(event["DESCRIPTION"])
    # the body is Markdown: its text is kept, its link shown by its words; no HTML left
    assert "<script>alert(1)</script> a javascript:alert(1) </script><!--" in description
    assert "<p>" not in description and "<a" not in description
    assert not [p for p in event.property_items() if p[0].startswith("X-ALT-DESC")]


@pytest.mark.parametrize("rel", ["campaigns/test-2017/index.html", "news/evil/index.html"])
def test_json_ld_parses_and_cannot_end_its_script(site: Path, rel: str) -> None:
    page = _Elements((site / rel).read_text("utf-8"))
    assert page.jsonld, rel
    for script in page.jsonld:
        assert "<" not in script  # no "</script>" or "<!--" the HTML parser would act on
        data = json.loads(script)
        texts = json.dumps(data, ensure_ascii=False)
        assert "<script>alert(1)</script>" in texts  # the text, read back
    names = [
        e.get("name") or e.get("headline")
        for d in map(json.loads, page.jsonld)
        for e in d.get("@graph", [d])
    ]
    assert EVIL in names
