"""A sharded full-text index for Chinese search, loaded by the browser a piece at a time.

Material's own index is one JSON file with the full text of every page, segmented by jieba:
57 MB and a minute of build time at 5,000 posts, all downloaded before the first result.
This index keeps Material's search box and result list (the package's worker,
``assets/campaign-search.js``, speaks the same messages as Material's) and changes what
is downloaded:

- ``search/search_index.json``: Material's search settings plus a small manifest (how many
  shards and sections there are, where each page's sections start).
- ``search/t/<n>.json``: postings, sharded by a hash of the token. Chinese text is indexed
  as character pairs (bigrams), titles and tags also as single characters, so any word a
  reader types is found without a dictionary; Latin letters and digits as lower-case words.
  A query fetches only the shards of its own tokens.
- ``search/d/<n>.json``: titles, locations and the first words of each section, in blocks,
  fetched for the results shown.

Everything here is pure: sections go in, ``(path, bytes)`` pairs come out.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import sub

from campaign_pages.core.render.markup import shorten

TEASER_LENGTH = 120  # characters of a section shown under its title in the results
BLOCK_SIZE = 16  # sections a document block holds
SHARD_TARGET = 48_000  # bytes a postings shard should hold, about

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_DROPPED = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.S | re.I)
_HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PAIR = re.compile(f"(?=([{_HAN}][{_HAN}]))")  # every overlapping pair, found in C
_CHAR = re.compile(f"[{_HAN}]")
_LONE_CHAR = re.compile(f"(?<![{_HAN}])[{_HAN}](?![{_HAN}])")  # a run of one character
_WORD = re.compile(r"[0-9a-z]+")
# what NFKC changes in a token: full-width letters and digits, Kangxi radicals, compatibility
# ideographs (full-width punctuation does not matter: it is never part of a token)
_COMPATIBLE = re.compile(r"[\u2f00-\u2fdf\uf900-\ufaff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


@dataclass(frozen=True)
class Section:
    location: str  # page URL, with ``#anchor`` for a section under a heading
    title: str
    text: str
    tags: tuple[str, ...] = ()


def _plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def sections(page_html: str, url: str, title: str, tags: tuple[str, ...] = ()) -> list[Section]:
    """A page split at its headings that have ids, as Material's search does.

    The text before the first sub-heading belongs to the page itself (its ``<h1>`` is the
    page's title); each later heading with an id starts a section at ``url#id``.
    """
    cleaned = _HEADERLINK.sub("", _DROPPED.sub(" ", page_html))
    found: list[Section] = []
    location, heading, pieces, position = url, title, [], 0
    for match in _HEADING.finditer(cleaned):
        pieces.append(cleaned[position : match.start()])
        position = match.end()
        anchor = _ID.search(match[2])
        if match[1] == "1":
            continue  # the page's own title
        if anchor is None:
            pieces.append(match[3])  # a heading without an anchor stays in the text
            continue
        found.append(Section(location, heading, _plain(" ".join(pieces)), () if found else tags))
        location, heading, pieces = f"{url}#{anchor[1]}", _plain(match[3]), []
    pieces.append(cleaned[position:])
    found.append(Section(location, heading, _plain(" ".join(pieces)), () if found else tags))
    return found


def normalise(text: str) -> str:
    """Full-width letters and digits to ASCII, lower case: the same for pages and queries."""
    if _COMPATIBLE.search(text):  # NFKC itself is slow on long Chinese text
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def tokens(text: str, single: bool = True) -> set[str]:
    """Han character pairs (and single characters, if ``single``) and Latin/digit words.

    Body text leaves single characters out: they would make a third of the postings, and
    a one-character query is answered from titles.
    """
    text = normalise(text)
    found: set[str] = set(_WORD.findall(text))
    found.update(_PAIR.findall(text))
    found.update((_CHAR if single else _LONE_CHAR).findall(text))
    return found


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over the token's code points."""
    value = 0x811C9DC5
    for char in token:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(token: str, shards: int) -> int:
    """The shard of a token: FNV-1a, mixed (murmur3's finaliser) so that the low bits spread
    neighbouring characters evenly. The worker computes the same."""
    value = fnv1a(token)
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & 0xFFFFFFFF
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & 0xFFFFFFFF
    value ^= value >> 16
    return value % shards


def _deltas(ids: Sequence[int]) -> list[int]:
    """Sorted numbers as the first and then the differences: shorter JSON."""
    return [ids[0], *map(sub, ids[1:], ids)] if ids else []


class SearchIndex:
    """Collects sections page by page; :meth:`outputs` writes the sharded index."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.page_starts: list[int] = []
        # token -> section numbers, in order; arrays of C ints, not lists of Python ints
        self._body: dict[str, array[int]] = defaultdict(lambda: array("i"))
        self._title: dict[str, array[int]] = defaultdict(lambda: array("i"))

    def add_page(self, page_sections: list[Section]) -> None:
        self.page_starts.append(len(self.sections))
        for section in page_sections:
            number = len(self.sections)
            # only the teaser is written out: the full text is not kept past its tokens
            self.sections.append(
                Section(
                    section.location,
                    section.title,
                    shorten(section.text, TEASER_LENGTH),
                    section.tags,
                )
            )
            for token in tokens(section.text, single=False):
                self._body[token].append(number)
            for token in tokens(" ".join((section.title, *section.tags))):
                self._title[token].append(number)

    def outputs(self, config: dict[str, object]) -> Iterator[tuple[str, bytes]]:
        """The manifest (Material's ``config`` plus ours), postings shards, document blocks."""
        names = sorted(self._body.keys() | self._title.keys())
        postings = sum(map(len, self._body.values())) + sum(map(len, self._title.values()))
        estimate = 3 * postings + 12 * len(names)
        shards = 1 << max(0, math.ceil(math.log2(max(1, estimate / SHARD_TARGET))))
        grouped: list[dict[str, list[list[int]]]] = [{} for _ in range(shards)]
        for name in names:
            grouped[shard_of(name, shards)][name] = [
                _deltas(self._body.get(name, ())),
                _deltas(self._title.get(name, ())),
            ]
        digest = hashlib.sha256()
        files: list[tuple[str, bytes]] = []
        for number, shard in enumerate(grouped):
            files.append((f"search/t/{number}.json", _json(shard)))
        for number in range(0, len(self.sections), BLOCK_SIZE):
            block = [
                [s.location, s.title, s.text, list(s.tags)]
                for s in self.sections[number : number + BLOCK_SIZE]
            ]
            files.append((f"search/d/{number // BLOCK_SIZE}.json", _json(block)))
        for path, content in files:
            digest.update(path.encode() + b"\0" + content)
        manifest = {
            **config,
            "campaign": {
                "version": digest.hexdigest()[:12],
                "shards": shards,
                "block": BLOCK_SIZE,
                "sections": len(self.sections),
                "pages": _deltas(self.page_starts),
            },
        }
        yield "search/search_index.json", _json({"config": manifest, "docs": []})
        yield from files


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
