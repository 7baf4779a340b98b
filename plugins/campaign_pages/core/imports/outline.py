"""A document's numbered structure: 一、 → （一） → 1. → （1） → ①, at any depth, as the
document nests them, wherever the numbers stand: at the start of a paragraph, or run into
the text when a scrape lost the line breaks ("…制定本方案。一、指导思想今年…").

The depth of a kind of number is the order in which the document first uses it, as readers
take it; a number is a new item only where an item can start (the start of a block, after a
sentence, after a closing bracket, or as the first of a deeper level right after a heading)
and only when it continues its level's count or restarts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from campaign_pages.core.imports.document import Block

_CN = "一二三四五六七八九十"
_CN_NUM = f"[{_CN}]{{1,3}}"
# kind of number → pattern at the place it stands (the number is group "n")
_MARKERS = {
    "cn": re.compile(rf"(?P<n>{_CN_NUM})[、．.](?!\d)"),
    # "一)举办…": a scrape may lose the opening bracket at the start of a line
    "pcn": re.compile(rf"(?:[（(]|^)(?P<n>{_CN_NUM})[）)][、．.]?", re.M),
    "num": re.compile(r"(?P<n>\d{1,2})(?:[、．]|\.(?!\d)|[,，](?=[“\"”]))(?![日月号%％])"),
    "pnum": re.compile(r"[（(](?P<n>\d{1,2})[）)][、．.]?"),
    "circ": re.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
}
# a line that gives the item above it its units or its time (落实单位：…, 完成时限：…)
ASSIGNMENT_LINE = re.compile(
    r"^\s*[【\[]?(?:问题)?(?:整改)?(?:落实|责任|牵头|配合|主办|承办|协办|实施|任务|负责)(?:单位|部门)"
    r"[】\]]?\s*[:：]|^\s*(?:落实|完成|活动|整改)(?:时间|时限)\s*[:：]"
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# where an item can start inside running text
_BOUNDARY = "。！？；：）)】”」"
# headings that name a section, often run into its first sentence ("一、指导思想今年…")
SECTION_WORDS = (
    "指导思想",
    "活动目的",
    "工作目的",
    "目的意义",
    "总体要求",
    "基本原则",
    "工作原则",
    "活动主题",
    "宣传主题",
    "活动时间",
    "活动地点",
    "活动对象",
    "参加人员",
    "活动内容",
    "活动安排",
    "主要活动",
    "具体活动",
    "重点活动",
    "宣传内容",
    "工作目标",
    "目标任务",
    "主要任务",
    "工作任务",
    "重点任务",
    "工作内容",
    "实施步骤",
    "时间安排",
    "进度安排",
    "步骤安排",
    "组织领导",
    "组织保障",
    "保障措施",
    "工作要求",
    "有关要求",
    "工作措施",
    "主要措施",
    "组织落实情况",
    "整改落实情况",
    "下一步工作打算",
    "下一步打算",
)


def cn_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN.index(text) + 1
    tens, _, ones = text.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


@dataclass(eq=False)  # an item is itself: ``in`` and ``==`` by identity, never a deep compare
class Item:
    """A numbered item: its number as written, its heading, its text, and its items."""

    marker: str  # 一、 / （一） / 1. … as written
    kind: str  # cn, pcn, num, pnum, circ
    number: int
    text: str  # everything after the number, up to the next item
    where: str
    items: list[Item] = field(default_factory=list)
    heading: str = ""  # filled by split_heading
    body: str = ""
    context: str = ""  # text around it that may hold its time and place (a report's lead)

    def walk(self) -> list[Item]:
        return [self, *(i for item in self.items for i in item.walk())]


@dataclass
class Outline:
    preamble: list[tuple[str, str]]  # text before the first item, with where
    items: list[Item]
    tables: list[Block]  # table rows, for the caller to read as a 分工表


def parse(blocks: list[Block]) -> Outline:
    """The document's items, nested as its numbers nest; headings split from their text."""
    state = _State()
    for block in blocks:
        if block.cells:
            state.tables.append(block)
            continue
        text, pos = block.text, 0
        for kind, match in _candidates(text):
            if match.start() < pos or not state.accepts(kind, match, text, pos):
                continue
            state.add_text(text[pos : match.start()], block.where)
            state.open(kind, match, block.where)
            pos = match.end()
        if pos == 0 and ASSIGNMENT_LINE.match(text):
            state.add_assignment(text, block.where)
        else:
            state.add_text(text[pos:], block.where)
    for root in state.roots:
        for item in root.walk():
            item.heading, item.body = split_heading(item.text)
    return Outline(state.preamble, state.roots, state.tables)


@dataclass
class _State:
    order: list[str] = field(default_factory=list)  # kinds of number, outermost first
    counts: dict[str, int] = field(default_factory=dict)
    stack: list[Item] = field(default_factory=list)
    roots: list[Item] = field(default_factory=list)
    preamble: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)
    assigned: set[int] = field(default_factory=set)  # ids of items given an assignment line
    lifted: set[int] = field(default_factory=set)  # depths whose items took their lists' lines

    def accepts(self, kind: str, match: re.Match[str], text: str, pos: int) -> bool:
        n = cn_value(match["n"])
        depth = self.order.index(kind) if kind in self.order else len(self.order)
        last = self.counts.get(kind) if depth <= len(self.stack) else None
        if kind not in self.order or last is None:
            fits = n == 1 or (not self.order and n <= 2)
        elif depth == 0:
            fits = n in (last, last + 1, last + 2)  # documents repeat or skip a top number
        else:
            fits = n in (last + 1, last + 2)  # a scrape loses a number now and then
        if not fits:
            return False
        start = match.start()
        if start == 0 or text[start - 1] in _BOUNDARY or text[start - 1].isspace():
            return True
        if (
            depth == 0
            and last is not None
            and n == last + 1
            and text.startswith(SECTION_WORDS, match.end())
        ):
            return True  # "…6月17日三、活动内容(一)…": the next section of a one-line scrape
        # "二、基本原则（一）坚持…": the first of a deeper level right after a heading
        heading = text[pos:start]
        deeper = bool(self.stack) and depth > self.order.index(self.stack[-1].kind)
        return (
            deeper and n == 1 and 0 < len(heading) <= 60 and not re.search(r"[。；！？]", heading)
        )

    def open(self, kind: str, match: re.Match[str], where: str) -> None:
        if kind not in self.order:
            self.order.append(kind)
        depth = self.order.index(kind)
        del self.stack[depth:]
        for deeper in self.order[depth + 1 :]:
            self.counts.pop(deeper, None)
        self.counts[kind] = cn_value(match["n"])
        item = Item(match[0], kind, self.counts[kind], "", where)
        (self.stack[-1].items if self.stack else self.roots).append(item)
        self.stack.append(item)

    def add_assignment(self, text: str, where: str) -> None:
        """A line of its own such as 落实单位：… or 完成时限：…: the item's it follows, unless
        that item closes a list of siblings none of which had one: then it is the list's
        parent's (落实时间/落实单位 under steps 1. 2. 3. belong to the task they make up)."""
        target = len(self.stack) - 1
        if target >= 1:
            item, parent = self.stack[-1], self.stack[-2]
            earlier = parent.items[:-1]
            # an only item follows what the lists before it at its depth did
            lifted = bool(earlier) or target - 1 in self.lifted
            if (
                lifted
                and not self._assigned(item)
                and not any(self._assigned(sibling) for sibling in earlier)
            ):
                target -= 1
                self.lifted.add(target)
        if target >= 0:
            self.assigned.add(id(self.stack[target]))
            item = self.stack[target]
            item.text = f"{item.text}\n{text.strip()}" if item.text else text.strip()
        else:
            self.add_text(text, where)

    def _assigned(self, item: Item) -> bool:
        """Whether the item has a line of units or time of its own already."""
        return id(item) in self.assigned or any(
            ASSIGNMENT_LINE.match(line) for line in item.text.split("\n")[1:]
        )

    def add_text(self, text: str, where: str) -> None:
        text = text.strip()
        if not text:
            return
        if self.stack:
            item = self.stack[-1]
            item.text = f"{item.text}\n{text}" if item.text else text
        else:
            self.preamble.append((text, where))


def _candidates(text: str) -> list[tuple[str, re.Match[str]]]:
    found = [(kind, m) for kind, pattern in _MARKERS.items() for m in pattern.finditer(text)]
    return sorted(found, key=lambda pair: (pair[1].start(), -len(pair[1][0])))


_QUOTED = re.compile(r"^[“”\"]?(?P<title>[^“”\"\n]{2,80})[“”\"]\s*问题(整改情况)?(?:[：:]|$|\n)")
_SENTENCE = re.compile(r"[。！？；\n]")


def split_heading(text: str) -> tuple[str, str]:
    """An item's heading and the rest: a section word run into its text (指导思想今年…), a
    quoted problem ("“…不主动”问题整改情况：…"), else its first sentence, or its first
    clause when that sentence is long."""
    text = text.strip()
    for word in SECTION_WORDS:
        if text.startswith(word):
            return word, text[len(word) :].lstrip("：: ，,。")
    quoted = _QUOTED.match(text)
    if quoted:
        return quoted["title"].strip(), text[quoted.end() :].strip()
    end = _SENTENCE.search(text)
    first = text[: end.start()] if end else text
    rest = text[end.end() :] if end else ""
    cut = _first_comma(first)
    if len(first) > 60 and 0 <= cut < 60:
        return first[:cut], (first[cut + 1 :] + ("。" + rest if rest else "")).strip()
    return first.strip(), rest.strip()


def _first_comma(text: str) -> int:
    """Where the first ， outside quotes is (“珍惜生命之源，人人节水护水”主题征文…), or -1."""
    depth = 0
    for i, c in enumerate(text):
        if c in "“「《":
            depth += 1
        elif c in "”」》":
            depth = max(0, depth - 1)
        elif c == "，" and depth == 0:
            return i
    return -1
