"""Documents that number nothing: the items their sentences make.

A plan or a news report may give its activities in running paragraphs: "宪法进企业，由省工信厅
牵头，省国资委配合，……。宪法进农村，由省农业农村厅牵头，……。" Each sentence that gives
units their part starts an item, which runs to the next such sentence in its paragraph. An
item that names its event only as 此次活动 (本次活动由县委宣传部主办) takes the event the
text named before it (……同时开展文化科技卫生三下乡活动) as its title, and that sentence's
time and place when it has none of its own.
"""

from __future__ import annotations

import re

from campaign_pages.core.imports import facts
from campaign_pages.core.imports.outline import Item, split_heading
from campaign_pages.core.imports.units import find_units

_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」]?|$)")
_THIS_EVENT = re.compile(
    r"^\s*(?:据悉|据了解|据介绍)?[，,]?\s*(?:此次|本次|这次|该|今年的?)(?:活动|宣传活动)"
)
_EVENT_WORDS = r"(?:活动|仪式|大会|比赛|大赛|展览|展演|汇演|行动)"  # what ends an event's name
_EVENT = rf"[^，。；：,！？]{{2,40}}?{_EVENT_WORDS}"
_EVENT_NAMED = re.compile(
    rf"(?:开展|举行|举办|启动|召开|组织)了?(?P<a>{_EVENT})(?=[，。；,！？]|$)"
    rf"|(?P<b>{_EVENT})(?:在[^，。；]{{2,40}}?)?(?:正式|隆重)?(?:启动|开幕|举行|开展|拉开帷幕)"
)
_HOSTED = re.compile(rf"(?:主办|承办|举办|组织)的(?P<t>{_EVENT})")


def prose_items(paragraphs: list[tuple[str, str]]) -> list[Item]:
    """The items of paragraphs that number nothing: each from a sentence with units, else
    the activities a sentence lists (活动内容包括A、B、C等)."""
    return _assigned(paragraphs) or _listed(paragraphs)


def _assigned(paragraphs: list[tuple[str, str]]) -> list[Item]:
    items: list[Item] = []
    before = ""  # the text so far, for an item that names its event as 此次活动
    for text, where in paragraphs:
        sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
        starts = [i for i, s in enumerate(sentences) if _assigns(s)]
        for k, first in enumerate(starts):
            begin = 0 if k == 0 else first
            end = starts[k + 1] if k + 1 < len(starts) else len(sentences)
            own = "".join(sentences[begin:end])
            context = before + "".join(sentences[:begin])
            items.append(_item(own, sentences[first], context, where, len(items) + 1))
        before += text + "\n"
    return items


def _assigns(sentence: str) -> bool:
    units = find_units(sentence)
    return bool(units.lead or units.support or units.responsible)


def _item(own: str, sentence: str, context: str, where: str, number: int) -> Item:
    hosted = _HOSTED.search(sentence)
    named = None
    if _THIS_EVENT.match(sentence):
        named = list(_EVENT_NAMED.finditer(context))
    if hosted:
        heading = hosted["t"]
    elif named:
        heading = named[-1]["a"] or named[-1]["b"]
    else:
        heading = _first_clause(find_units(own).rest)
    item = Item("", "para", number, own, where, heading=heading, body="")
    if named:  # the sentence that named the event has its time and place
        start = context.rfind("\n", 0, named[-1].start()) + 1
        item.context = context[start:]
    return item


def _first_clause(text: str) -> str:
    """What a sentence is about: its first clause, past a date that opens it."""
    dated = facts.LEADING_DATE.match(text)
    rest = text[dated.end() :] if dated else text
    heading, _ = split_heading(rest)
    first = re.split(r"[，,]", heading, maxsplit=1)[0]
    return first if len(first) >= 4 else heading


# 活动内容包括A、B、C等 / 主要开展以下活动：A、B、C
_LIST = re.compile(
    r"(?:活动内容|主要活动|系列活动|具体活动|活动)(?:主要)?(?:包括|包含|有|分别是|分别为|如下)[:：]?"
    r"(?P<list>[^。；]{4,400}?)(?:等(?:活动|系列活动)?)?[。；]"
)
_MORE = re.compile(
    r"(?:还将|同时将|还要|另将)(?:举办|开展|举行|组织)"
    rf"(?P<t>[^，。；：,！？]{{2,40}}{_EVENT_WORDS})"
)


def _listed(paragraphs: list[tuple[str, str]]) -> list[Item]:
    """The activities one sentence lists, each with the later sentence that mentions it (for
    its time and place): 活动内容包括A、B、C等。……B于10月16日举行。"""
    text = "\n".join(t for t, _ in paragraphs)
    match = _LIST.search(text)
    if not match:
        return []
    where = next(w for t, w in paragraphs if match["list"] in t)
    titles = [t.strip(" ，,") for t in _split_list(match["list"])]
    later = text[match.end() :]
    titles += [m["t"] for m in _MORE.finditer(later)]
    sentences = [s for s in _SENTENCE.findall(later) if s.strip()]
    items = []
    for n, title in enumerate(dict.fromkeys(t for t in titles if len(t) >= 2), 1):
        item = Item("", "para", n, title, where, heading=title, body="")
        bare = re.sub(r"[“”\"]", "", title)
        probes = {bare[:8], bare[-8:]}  # 先进典型选树活动 is 脱贫攻坚先进典型选树活动
        item.context = "".join(
            s for s in sentences if any(p in re.sub(r"[“”\"]", "", s) for p in probes)
        )
        items.append(item)
    return items


def _split_list(text: str) -> list[str]:
    """A list at 、 and ，, not inside quotes (“关爱贫困妇儿，你我并肩同行”公益募捐)."""
    parts, depth, here = [], 0, 0
    for i, c in enumerate(text):
        if c in "“「《":
            depth += 1
        elif c in "”」》":
            depth = max(0, depth - 1)
        elif c in "、，," and depth == 0:
            parts.append(text[here:i])
            here = i + 1
    return [*parts, text[here:]]
