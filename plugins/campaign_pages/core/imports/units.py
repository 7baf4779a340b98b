"""Department phrases in a plan's text: who leads an item, who supports it, who answers for it.

:func:`find_units` reads the phrase a Chinese plan writes after (or under) an activity —
``（牵头单位：市委宣传部；配合单位：市扶贫局）``, ``（市卫计局牵头，市扶贫局配合）``,
``此项工作由县文化馆承办`` — and returns the units as written plus the text without the phrase.
:class:`UnitMatcher` then ties those names to the site's departments.

Pure: no files (beyond the dictionaries OpenCC loads once), no network. The text is *folded*
before it is read — full-width forms to half-width, traditional characters to simplified one
by one (OpenCC ``t2s``) — so that ``（牽頭單位：縣委宣傳部）`` reads like ``(牵头单位:县委宣传部)``;
the fold keeps every character in its place, so the names and the rest are cut from the text
as it was written.

The phrasings, strongest first:

1. **Labels**: ``牵头单位/牵头部门`` (lead), ``配合单位/配合部门/协助单位/协作单位/协办单位``
   (support), ``主办单位`` (lead), ``承办单位`` (support when the text also names a 主办, else
   lead), ``责任单位/责任部门/实施单位/落实单位/任务单位/(问题)整改责任单位`` (responsible),
   ``负责单位/负责部门`` (lead), ``参加单位/参与单位/参加部门``
   (participants), ``牵头领导/责任领导/分管领导`` (leaders: persons or posts, never units). A label
   is ``【label】value``, ``【label：value】``, or ``label：value``; it is not preceded by another
   Chinese character (``各牵头单位要…`` is prose). Its value runs to the next label, a line end,
   ``。``, ``【``, or a closing bracket it did not open. A label alone on its line takes the
   following lines while each is a list of units (``主办单位：`` then one unit a line). A row of
   labels in brackets — ``（牵头单位：A；配合单位：B）`` — is removed with its brackets.
2. **Bracketed clauses**: a ``（…）`` whose whole content is clauses ``[由]UNITS VERB`` joined by
   ``，；、``, e.g. ``（A牵头，B、C配合落实）``, ``（A、B具体落实）``,
   ``（A牵头，市级各有关部门按职责分工负责）``; one whose units only carry it out
   (``（A、B具体落实）``) gives responsible units. A bracket closing its paragraph (or
   sentence) and holding only unit names, ``（各级帮扶部门单位）``, gives responsible units.
3. **Sentences** (only when 1 and 2 found nothing, so that a plan's narrative never mixes with
   its explicit assignment): a sentence, or the tail of one after a comma, made of the same
   clauses — ``A牵头、B配合。``, ``由A牵头，B、C等单位配合``, ``具体由A负责``, ``此项工作由A承办，B
   协办``, ``由A会同B共同承办``, ``演出由A主办，B承办，C协办``. A run of clauses that stops
   before the sentence ends counts only when it opens with 由 or has two clauses or more. And
   ``A、B：负责…`` at the start of a line gives A and B the lead (the rest keeps what follows
   负责). A subject such as 此项工作/本次汇演/具体 in front of 由 goes with the phrase; any
   other subject stays (``演出由A主办。`` leaves ``演出。``).

Verbs: 牵头, 牵头负责, 牵头抓总, 组织, 部署 → lead; 主办, 举办, 联合主办 → lead;
承办 → as ``承办单位``; 配合(落实), 落实, 协助, 协办, 协同, 参与 → support; 负责, (负责)(组织)
协调, 具体负责, 具体落实, 负责落实, 组织实施 → lead when no unit is named before it, else support
(``由A部署，B落实，C负责协调``, ``A牵头，B负责``); 按职责分工负责 → support beside a
lead, else responsible; ``会同B`` → B supports. Inside a label, a name marked ``（牵头）`` or
followed by 牵头 leads and the label's other names support (``责任单位：A（牵头）、B、C``).
A verb counts only when a clause boundary follows it (``，；、。）``, a line end, the end):
``负责同志``, ``主要负责人``, ``牵头抓总职责``, ``配合默契`` do not — except that 牵头, and
after 由 also 负责/主办/承办, may run into the action they lead or the event
(``由A牵头制作一本画册``, ``A和B牵头对教室进行排查``, ``由A、B联合主办的…活动``), and
after 由, 组织 may run into whom or what it organises (``由A统一组织各单位布置展板``).

Without a label every name must *look like a unit*: 2–40 characters, no ASCII digit, none of
了的是将把要被须请也还已并且但而着过在由, ending (after any trailing ``（…）``) in a unit word
such as 部 局 委 办 厅 院 会 中心 政府 单位 部门 站 所 队 馆 镇 乡 村 街道 社区 县 市 区 级.
So ``由于…``, ``指定专人负责``, ``参与单位要积极配合``, ``经费由县财政承担`` find nothing.

Splitting a list of names: at ``，,；;/`` and ``以及``; at ``、`` unless the name on either
side of it is a single character (``各县、市、区政府``, ``县、乡、村三级`` stay one name); at 和 及
与 and spaces only when the name before looks like a unit (``市委宣传部和市文明办`` splits,
``市人力资源和社会保障局`` does not); never inside brackets (``各县（市、区）人民政府``). Each name
loses its quotes and spaces, a leading 由, a trailing 等/等单位/等部门/等有关单位, and a trailing
role verb (``市委宣传部牵头``); ``各有关单位`` and ``市有关部门`` are names like any other.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import opencc

from campaign_pages.core.model import Department
from campaign_pages.core.problems import did_you_mean

__all__ = ["UnitMatcher", "Units", "find_units", "normalise_unit"]


@dataclass(frozen=True)
class Units:
    """The department phrase of one piece of text: the names as written, and the text without it."""

    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()  # persons or posts (牵头领导/责任领导/分管领导), never units
    participants: tuple[str, ...] = ()  # 参加单位: neither lead nor support
    rest: str = ""
    found: bool = field(init=False)

    def __post_init__(self) -> None:
        found = bool(
            self.lead or self.support or self.responsible or self.leaders or self.participants
        )
        object.__setattr__(self, "found", found)


# --- folding ---------------------------------------------------------------------------------


@cache
def _t2s() -> Callable[[str], str]:
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


@cache
def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch in "\u3000\t\r\u00a0":
        return " "
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        simple = _t2s()(ch)
        return simple if len(simple) == 1 else ch
    return ch


def _fold(text: str) -> str:
    """Half-width, simplified, and exactly as long as ``text``: index i is the same character."""
    return "".join(_fold_char(ch) for ch in text)


# --- vocabulary (folded forms) ---------------------------------------------------------------

_LEAD, _SUPPORT, _RESPONSIBLE = "lead", "support", "responsible"
_LEADERS, _PARTICIPANTS = "leaders", "participants"
_HOST, _UNDERTAKE = "host", "undertake"  # 主办 → lead; 承办 → support beside a 主办, else lead
# lead when first named, else support: 由A负责，B负责协调; A牵头，B负责落实
_COORDINATE, _CARRY = "coordinate", "carry"
_SHARE = "share"  # 按职责分工负责: support beside a lead, else responsible
# what a 由-clause's lead verb may run into: 由A牵头制作… (the verb then needs no comma)
_ACTION_AFTER = re.compile(
    r"的|于|在|对|向|通过|利用|制作|举办|开展|召开|举行|制定|编印|印制|拍摄|录制|策划|设立|发放|推出|做好|抓好|安排|"
    r"邀请|编写|播放|宣传|起草|建立|完成|实施|落实"
)
_ORGANISE = ("统一组织", "联合组织", "牵头组织", "组织")  # longest first
_RUN_ON_VERBS = frozenset({"牵头", "负责", "主办", "承办", "举办", "联合主办", "共同主办"})

_LABELS: dict[str, str] = {
    "牵头单位": _LEAD,
    "牵头部门": _LEAD,
    "主办单位": _HOST,
    "主办": _HOST,
    "承办单位": _UNDERTAKE,
    "承办": _UNDERTAKE,
    "协办单位": _SUPPORT,
    "协办": _SUPPORT,
    "配合单位": _SUPPORT,
    "配合部门": _SUPPORT,
    "协助单位": _SUPPORT,
    "协作单位": _SUPPORT,
    "责任单位": _RESPONSIBLE,
    "责任部门": _RESPONSIBLE,
    "实施单位": _RESPONSIBLE,
    "任务单位": _RESPONSIBLE,
    "任务部门": _RESPONSIBLE,
    "整改责任单位": _RESPONSIBLE,
    "问题整改责任单位": _RESPONSIBLE,
    "负责单位": _LEAD,
    "负责部门": _LEAD,
    "落实单位": _RESPONSIBLE,
    "落实部门": _RESPONSIBLE,
    "参加单位": _PARTICIPANTS,
    "参与单位": _PARTICIPANTS,
    "参加部门": _PARTICIPANTS,
    "牵头领导": _LEADERS,
    "责任领导": _LEADERS,
    "分管领导": _LEADERS,
}
_LABEL_ALT = "|".join(re.escape(w) for w in sorted(_LABELS, key=len, reverse=True))
_LABEL_RE = re.compile(
    rf"(?P<ob>[【\[])\s*(?P<l1>{_LABEL_ALT})\s*(?:(?P<cb>[】\]])\s*:?|:)"
    rf"|(?<![\u3400-\u9fff])(?P<l2>{_LABEL_ALT})\s*:"
)

_VERBS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            *((v, _LEAD) for v in ("牵头抓总", "牵头负责", "牵头落实", "牵头实施", "牵头组织")),
            *((v, _LEAD) for v in ("牵头", "负总责", "总负责", "负责组织", "组织")),
            *((v, _LEAD) for v in ("统一组织", "联合组织")),
            *((v, _CARRY) for v in ("负责", "具体负责", "负责组织实施", "负责落实", "负责实施")),
            *((v, _CARRY) for v in ("具体落实", "具体实施", "组织实施", "组织落实")),
            *((v, _HOST) for v in ("主办", "联合主办", "共同主办", "举办", "联合举办")),
            ("具体承办", _UNDERTAKE),
            ("承办", _UNDERTAKE),
            *((v, _SHARE) for v in ("按职责分工负责", "按职责分工落实", "按职责负责", "分工负责")),
            *((v, _SUPPORT) for v in ("配合落实", "配合实施", "配合完成", "配合")),
            *((v, _SUPPORT) for v in ("协助", "协办", "协同", "参与", "共同承办", "共同负责")),
            *((v, _SUPPORT) for v in ("共同落实", "共同实施", "落实")),
            ("部署", _LEAD),
            *((v, _COORDINATE) for v in ("负责组织协调", "负责协调", "组织协调", "协调")),
        ],
        key=lambda pair: -len(pair[0]),
    )
)

_SUFFIXES = (
    *("部", "局", "委", "办", "厅", "院", "会", "站", "所", "署", "处", "科", "室", "股", "组"),
    *("中心", "政府", "单位", "部门", "机关", "机构", "团", "队", "社", "馆", "台", "司", "联"),
    *("协", "校", "学", "园", "场", "宫", "厂", "行", "网", "班", "庭", "军", "警", "企业"),
    *("公司", "集团", "街道", "社区", "镇", "乡", "村", "区", "县", "市", "省", "州", "旗", "级"),
)
_NOT_IN_UNITS = frozenset("了的是将把要被须请也还已并且但而着过在由")
_QUOTES = frozenset("“”‘’\"'「」『』")
_OPENERS, _CLOSERS = "(〔", ")〕"
_STOP = ",;。!?\n:"  # a clause's units never cross these
_BOUNDARY = ",;、。!?\n)〕"  # what may follow a verb
_ENDS = "。;!?\n"  # sentence ends
_TRIM = frozenset(" ,;、:.。!?/") | _QUOTES

_PREFIX_RE = re.compile(
    r"(?:(?:此项|该项|本项|这项|本次|此次|这次)[^\s,;。!?、:()由]{0,6}?)?(?:具体)?"
    r"(?:由(?![于此衷来浅])|以(?![及上下来便后前往为此]))"
)
_ENUM_RE = re.compile(r" *(?:\d+[.、]|\(?[一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、)? *")
_ETC_RE = re.compile(r"等(?:有关|相关)?(?:成员单位|单位|部门)?$")
_VERB_TAIL_RE = re.compile(r"(?:具体负责|配合落实|牵头|配合|负责|承办|协办|主办)$")
_TAIL_PAREN_RE = re.compile(r"\([^()]*\)$")


# --- names -----------------------------------------------------------------------------------


def _unit_like(word: str) -> bool:
    """Whether a (folded, cleaned) name looks like a unit — needed wherever no label says so."""
    if not 2 <= len(word) <= 40 or any(c in _NOT_IN_UNITS or "0" <= c <= "9" for c in word):
        return False
    core = word
    while (stripped := _TAIL_PAREN_RE.sub("", core)) != core:
        core = stripped
    return core.endswith(_SUFFIXES)


def _squeeze(folded: str, start: int, end: int) -> str:
    return "".join(c for c in folded[start:end] if c != " " and c not in _QUOTES)


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a name to itself: no edge punctuation, leading 由, trailing 等… or role verb."""
    while True:
        before = (start, end)
        while start < end and folded[start] in _TRIM:
            start += 1
        while end > start and folded[end - 1] in _TRIM:
            end -= 1
        if end - start > 2 and folded[start] == "由":
            start += 1
        word = folded[start:end]
        for pattern in (_ETC_RE, _VERB_TAIL_RE):
            m = pattern.search(word)
            if m and len(_squeeze(word, 0, m.start())) >= 2:
                end = start + m.start()
                word = folded[start:end]
        if (start, end) == before:
            return start, end


def _split(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a list, as spans of the text (see the module's rules)."""
    cuts: list[tuple[int, int, str]] = []  # (start, end, kind): hard, dun (、) or soft
    depth, k = 0, start
    while k < end:
        c = folded[k]
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            if c in ",;/":
                cuts.append((k, k + 1, "hard"))
            elif c == "、":
                cuts.append((k, k + 1, "dun"))
            elif folded.startswith("以及", k):
                cuts.append((k, k + 2, "hard"))
                k += 2
                continue
            elif c in "和及与":
                cuts.append((k, k + 1, "soft"))
            elif c == " ":
                run = k
                while run < end and folded[run] == " ":
                    run += 1
                cuts.append((k, run, "soft"))
                k = run
                continue
        k += 1
    firm = [cut for cut in cuts if cut[2] != "soft"]
    active: list[tuple[int, int]] = []
    for i, (a, b, kind) in enumerate(firm):
        if kind == "dun":
            left = _squeeze(folded, firm[i - 1][1] if i else start, a)
            right = _squeeze(folded, b, firm[i + 1][0] if i + 1 < len(firm) else end)
            if len(left) == 1 or len(right) == 1:
                continue
        active.append((a, b))
    pieces: list[tuple[int, int]] = []
    bounds = [(start, start), *active, (end, end)]
    soft = [c for c in cuts if c[2] == "soft"]  # in order: each piece takes its own run
    first = 0
    for (_, a), (b, _) in itertools.pairwise(bounds):
        while first < len(soft) and soft[first][0] < a:
            first += 1
        last = first
        while last < len(soft) and soft[last][1] <= b:
            last += 1
        pieces.extend(_split_soft(folded, a, b, soft[first:last]))
        first = last
    names = [_trim(folded, a, b) for a, b in pieces]
    return [(a, b) for a, b in names if _squeeze(folded, a, b)]


def _split_soft(
    folded: str, start: int, end: int, soft: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Split at 和 及 与 and spaces where the name before looks like a unit."""
    out: list[tuple[int, int]] = []
    here = start
    for a, b, _ in soft:
        if not start <= a or b > end:
            continue
        left = folded[slice(*_trim(folded, here, a))]
        right = _squeeze(folded, b, end)
        if right and _unit_like(left.replace(" ", "")):
            out.append((here, a))
            here = b
    out.append((here, end))
    return out


def _valid_units(folded: str, start: int, end: int) -> list[tuple[int, int]] | None:
    names = _split(folded, start, end)
    if names and all(_unit_like(_squeeze(folded, a, b)) for a, b in names):
        return names
    return None


# --- clauses ---------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int
    end: int
    role: str
    names: list[tuple[int, int]]


@dataclass
class _Clause:
    hits: list[_Hit]
    end: int
    you: bool  # opened with 由


def _verb_at(folded: str, pos: int, limit: int, opened: bool) -> tuple[str, int] | None:
    """The role and end of a verb at ``pos`` that a clause boundary follows, or (after 由,
    ``opened``) an action such as 由A牵头制作."""
    for verb, role in _VERBS:
        if folded.startswith(verb, pos):
            after = pos + len(verb)
            while after < limit and folded[after] == " ":
                after += 1
            if after >= limit or folded[after] in _BOUNDARY:
                return role, pos + len(verb)
            run_on = (opened and verb in _RUN_ON_VERBS) or verb == "牵头"  # A和B牵头对…进行排查
            if run_on and _ACTION_AFTER.match(folded, after, limit):
                return role, pos + len(verb)
            if opened and verb in _ORGANISE:  # 由县委宣传部组织力量制作光荣榜
                return role, pos + len(verb)
    return None


def _units_then_verb(
    folded: str, start: int, limit: int, opened: bool = False
) -> tuple[list[tuple[int, int]], str, int, int] | None:
    """Units from ``start`` up to the first verb that closes them: (names, role, verb at, end)."""
    depth = 0
    for q in range(start, limit):
        c = folded[q]
        if c in _OPENERS:
            depth += 1
            continue
        if c in _CLOSERS:
            if depth == 0:
                return None
            depth -= 1
            continue
        if depth:
            continue
        if c in _STOP:
            return None
        if q == start:
            continue
        verb = _verb_at(folded, q, limit, opened)
        if verb and (names := _valid_units(folded, start, q)):
            return names, verb[0], q, verb[1]
        if folded.startswith("会同", q) and _valid_units(folded, start, q):
            return None  # handled by the caller's 会同 branch
    return None


def _parse_clause(folded: str, pos: int, limit: int) -> _Clause | None:
    while pos < limit and folded[pos] == " ":
        pos += 1
    you = False
    if m := _PREFIX_RE.match(folded, pos, limit):
        you, pos = True, m.end()
    if folded.startswith("会同", pos):
        found = _units_then_verb(folded, pos + 2, limit)
        if found is None:
            return None
        names, _, _, end = found
        return _Clause([_Hit(pos, end, _SUPPORT, names)], end, you)
    found = _units_then_verb(folded, pos, limit, you)
    if found is not None:
        names, role, _, end = found
        return _Clause([_Hit(pos, end, role, names)], end, you)
    # 由A会同B共同承办: A leads, B supports
    depth = 0
    for q in range(pos + 1, limit):
        c = folded[q]
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and c in _STOP:
            return None
        elif depth == 0 and folded.startswith("会同", q):
            lead = _valid_units(folded, pos, q)
            partners = _units_then_verb(folded, q + 2, limit)
            if lead is None or partners is None:
                return None
            names, _, _, end = partners
            return _Clause([_Hit(pos, q, _LEAD, lead), _Hit(q, end, _SUPPORT, names)], end, you)
    return None


def _parse_seq(folded: str, pos: int, limit: int) -> tuple[list[_Clause], int]:
    """Clauses joined by ，；、 from ``pos``; the end of the last one (before its separator)."""
    clauses: list[_Clause] = []
    end = pos
    while True:
        clause = _parse_clause(folded, pos, limit)
        if clause is None:
            return clauses, end
        clauses.append(clause)
        end = clause.end
        p = end
        while p < limit and folded[p] == " ":
            p += 1
        if p >= limit or folded[p] not in ",;、":
            return clauses, end
        pos = p + 1


# --- the passes ------------------------------------------------------------------------------


@dataclass
class _Span:
    start: int
    end: int
    hits: list[_Hit]


def _labelled(folded: str) -> list[_Span]:
    matches = list(_LABEL_RE.finditer(folded))
    found: list[tuple[int, int, int, list[_Hit]]] = []  # (label start, value end, span end, hits)
    for i, m in enumerate(matches):
        label = m["l1"] or m["l2"]
        role = _LABELS[label]
        in_bracket = bool(m["ob"]) and not m["cb"]
        vstart = m.end()
        limit = matches[i + 1].start() if i + 1 < len(matches) else len(folded)
        other = _OTHER_FIELD.search(folded, vstart, limit)  # 责任单位：A 整改时限：3天
        limit = other.start() if other else limit
        depth, k = 0, vstart
        while k < limit:
            c = folded[k]
            if c in _OPENERS:
                depth += 1
            elif c in _CLOSERS:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and c in "\n。【】":
                break
            k += 1
        vend = span_end = k
        closer = folded[k : k + 1]
        if closer == "。" or (in_bracket and closer in ("】", "]")):
            span_end = k + 1
        names = [n for n in _split(folded, vstart, vend) if not _DATE_LIKE.search(folded, *n)]
        if not names and k < len(folded) and folded[k] == "\n":
            names, span_end = _following_lines(folded, k, span_end)
        if names:
            found.append(
                (m.start(), vend, span_end, _marked(folded, m.start(), span_end, role, names))
            )
    spans: list[_Span] = []
    group: list[tuple[int, int, int, list[_Hit]]] = []
    for item in [*found, None]:
        if item is not None and group and not folded[group[-1][2] : item[0]].strip(" ,;、"):
            group.append(item)
            continue
        if group:
            start, vend, end = group[0][0], group[-1][1], group[-1][2]
            before = start
            while before > 0 and folded[before - 1] == " ":
                before -= 1
            opened = before > 0 and folded[before - 1] in _OPENERS
            if opened and folded[vend : vend + 1] in tuple(_CLOSERS):
                start, end = before - 1, vend + 1
            spans.append(_Span(start, end, [hit for *_, hits in group for hit in hits]))
        group = [item] if item is not None else []
    return spans


# a field after a label's value on the same line: the value ends there
_OTHER_FIELD = re.compile(r"(?:整改|完成|落实|活动)?(?:时限|时间|地点) *:")
# a deadline written into a label's list (责任单位：A、B，6月底完成): not a unit
_DATE_LIKE = re.compile(r"\d{1,2}月|\d{1,2}日|年底|年内|上半年|下半年|完成$")
_MARK_RE = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)$")


def _marked(
    folded: str, start: int, end: int, role: str, names: list[tuple[int, int]]
) -> list[_Hit]:
    """A label's names, some marked with their own role: ``责任单位：A（牵头）、B、C`` or
    ``责任单位：A牵头，B、C配合`` — A leads, B and C support (unmarked names beside a marked
    lead support it)."""
    if role not in (_RESPONSIBLE, _LEAD, _SUPPORT):
        return [_Hit(start, end, role, names)]
    marks: list[tuple[str | None, tuple[int, int]]] = []
    for a, b in names:
        bracket = _MARK_RE.search(folded, a, b)
        if bracket:
            a, b = _trim(folded, a, bracket.start())
            marks.append((_LEAD, (a, b)))
            continue
        after = b
        while after < end and folded[after] == " ":
            after += 1
        verb = next((r for v, r in _VERBS if folded.startswith(v, after)), None)
        marks.append((verb if verb in (_LEAD, _SUPPORT) else None, (a, b)))
    if not any(mark == _LEAD for mark, _ in marks):
        return [_Hit(start, end, role, names)]
    rest = _SUPPORT if role == _RESPONSIBLE else role
    by_role: dict[str, list[tuple[int, int]]] = {}
    for mark, span in marks:
        by_role.setdefault(mark or rest, []).append(span)
    return [_Hit(start, end, r, spans) for r, spans in by_role.items()]


def _following_lines(folded: str, newline: int, span_end: int) -> tuple[list[tuple[int, int]], int]:
    """A label alone on its line: the next lines while each is a list of units."""
    names: list[tuple[int, int]] = []
    pos = newline + 1
    while pos < len(folded):
        line_end = folded.find("\n", pos)
        line_end = len(folded) if line_end < 0 else line_end
        if not folded[pos:line_end].strip() or _LABEL_RE.search(folded, pos, line_end):
            break
        units = _valid_units(folded, pos, line_end)
        if units is None:
            break
        names.extend(units)
        span_end = line_end
        pos = line_end + 1
    return names, span_end


def _groups(folded: str) -> list[tuple[int, int]]:
    """Top-level bracket pairs (opening index, closing index)."""
    pairs: list[tuple[int, int]] = []
    depth, open_at = 0, -1
    for i, c in enumerate(folded):
        if c in _OPENERS:
            if depth == 0:
                open_at = i
            depth += 1
        elif c in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                pairs.append((open_at, i))
    return pairs


def _bracketed(folded: str, taken: list[_Span]) -> list[_Span]:
    spans: list[_Span] = []
    for a, b in _groups(folded):
        if any(s.start <= b and a < s.end for s in taken):
            continue
        content_end = b
        while content_end > a + 1 and folded[content_end - 1] in " 。":
            content_end -= 1
        clauses, end = _parse_seq(folded, a + 1, content_end)
        if clauses and end >= content_end:
            hits = [hit for c in clauses for hit in c.hits]
            if all(hit.role == _CARRY for hit in hits) and not any(c.you for c in clauses):
                # "（市委办、市委宣传部具体落实）": who carries it out, not who leads others
                hits = [_Hit(h.start, h.end, _RESPONSIBLE, h.names) for h in hits]
            spans.append(_Span(a, b + 1, hits))
            continue
        after = folded[b + 1 :].lstrip(" ")
        if after and after[0] not in _ENDS:
            continue
        names = _split(folded, a + 1, b)
        if names and all(_bare_unit(_squeeze(folded, s, e)) for s, e in names):
            spans.append(_Span(a, b + 1, [_Hit(a, b + 1, _RESPONSIBLE, names)]))
    return spans


def _bare_unit(word: str) -> bool:
    """A name in brackets with no verb: stricter, so that （市、县） or （试行） stay text."""
    return len(word) >= 3 and _unit_like(word) and "、" not in _TAIL_PAREN_RE.sub("", word)


def _colon_lead(folded: str) -> list[_Span]:
    """``A、B：负责…`` at the start of a line: A and B lead."""
    spans: list[_Span] = []
    line_start = 0
    while line_start <= len(folded):
        line_end = folded.find("\n", line_start)
        line_end = len(folded) if line_end < 0 else line_end
        m = _ENUM_RE.match(folded, line_start, line_end)
        pos = m.end() if m else line_start
        colon = folded.find(":", pos, line_end)
        if colon > pos and not any(c in folded[pos:colon] for c in ",;。!?"):
            after = colon + 1
            while after < line_end and folded[after] == " ":
                after += 1
            word = next((w for w in ("具体负责", "负责") if folded.startswith(w, after)), "")
            names = _valid_units(folded, pos, colon) if word else None
            if names:
                end = after + len(word)
                spans.append(_Span(pos, end, [_Hit(pos, end, _LEAD, names)]))
        line_start = line_end + 1
    return spans


def _sentences(folded: str, taken: list[_Span]) -> list[_Span]:
    masked = list(folded)
    for span in taken:
        masked[span.start : span.end] = "\n" * (span.end - span.start)
    text = "".join(masked)
    spans: list[_Span] = []
    depth, start = 0, 0
    for i, c in enumerate([*text, "\n"]):
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(0, depth - 1)
        elif c in _ENDS and depth == 0:
            if found := _sentence(text, start, i):
                spans.append(found)
            start = i + 1
    return spans


def _sentence(text: str, start: int, end: int) -> _Span | None:
    m = _ENUM_RE.match(text, start, end)
    first = m.end() if m else start
    if first >= end:
        return None
    starts: list[tuple[int, str]] = [(first, "start")]
    depth = 0
    for i in range(first, end):
        c = text[i]
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",;" and i + 1 < end:
            starts.append((i + 1, "comma"))
        elif depth == 0 and c == "由" and i > first and text[i - 1] not in ",;":
            starts.append((i, "inner"))
    starts.sort()
    for pos, kind in starts:
        clauses, stop = _parse_seq(text, pos, end)
        if not clauses:
            continue
        hits = [hit for c in clauses for hit in c.hits]
        reaches = not text[stop:end].strip(" ")
        if reaches:
            if kind == "start":
                close = end + 1 if end < len(text) and text[end] in "。;!?" else end
                return _Span(first, close, hits)
            return _Span(pos - 1 if kind == "comma" else pos, stop, hits)
        after = stop
        while after < end and text[after] == " ":
            after += 1
        if text[after] == "," and (clauses[0].you or len(clauses) >= 2):
            return _Span(pos, after + 1, hits)
        led = clauses[0].you or text.endswith("牵头", pos, stop)
        if led and _ACTION_AFTER.match(text, after, end):
            return _Span(pos, after, hits)  # 由A牵头制作…: the action stays in the text
        verb = next((v for v in _ORGANISE if text.endswith(v, pos, stop)), None)
        if clauses[0].you and verb:  # 由A统一组织各单位…: so does 组织
            return _Span(pos, stop - len(verb.removeprefix("牵头")), hits)
    return None


# --- find_units ------------------------------------------------------------------------------


def find_units(text: str) -> Units:
    """The department phrase of ``text`` (one activity, task or row), and the text without it."""
    folded = _fold(text)
    spans = _labelled(folded)
    spans += _bracketed(folded, spans)
    if not spans:
        spans = _colon_lead(folded)
        spans += _sentences(folded, spans)
    spans.sort(key=lambda s: s.start)
    hits = sorted((hit for s in spans for hit in s.hits), key=lambda h: h.start)
    hosted = any(h.role == _HOST for h in hits)
    leads = [h for h in hits if h.role in (_LEAD, _HOST, _UNDERTAKE, _COORDINATE, _CARRY)]
    roles: dict[str, list[str]] = {
        r: [] for r in (_LEAD, _SUPPORT, _RESPONSIBLE, _LEADERS, _PARTICIPANTS)
    }
    for hit in hits:
        role = hit.role
        if role == _HOST or (role == _UNDERTAKE and not hosted):
            role = _LEAD
        elif role == _UNDERTAKE:
            role = _SUPPORT
        elif role in (_COORDINATE, _CARRY):
            role = _LEAD if hit is leads[0] else _SUPPORT
        elif role == _SHARE:
            role = _SUPPORT if leads else _RESPONSIBLE
        for a, b in hit.names:
            name = "".join(
                ch
                for ch, f in zip(text[a:b], folded[a:b], strict=True)
                if f != " " and f not in _QUOTES
            )
            if name not in roles[role]:
                roles[role].append(name)
    return Units(
        lead=tuple(roles[_LEAD]),
        support=tuple(roles[_SUPPORT]),
        responsible=tuple(roles[_RESPONSIBLE]),
        leaders=tuple(roles[_LEADERS]),
        participants=tuple(roles[_PARTICIPANTS]),
        rest=_rest(text, folded, [(s.start, s.end) for s in spans]),
    )


_SEPS = ",;、:"
_PERIODS = "。;!?."


def _rest(text: str, folded: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the spans; a line left empty goes, and so does doubled punctuation."""
    if not spans:
        return text.strip()
    widened: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        line_a = folded.rfind("\n", 0, a) + 1
        line_b = folded.find("\n", b)
        line_b = len(folded) if line_b < 0 else line_b
        if not folded[line_a:a].strip() and not folded[b:line_b].strip(" " + _PERIODS):
            a, b = line_a, min(line_b + 1, len(folded))
        if widened and a <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(b, widened[-1][1]))
        else:
            widened.append((a, b))
    out, fout, here = "", "", 0
    for a, b in [*widened, (len(text), len(text))]:
        piece, fpiece = text[here:a], folded[here:a]
        last, first = fout.rstrip()[-1:], fpiece.lstrip()[:1]
        if last and first:
            if last in _SEPS and first in _PERIODS + _SEPS:
                cut = len(out.rstrip()) - 1
                out, fout = out[:cut], fout[:cut]
            elif last in _PERIODS and first in _PERIODS:
                skip = len(fpiece) - len(fpiece.lstrip()) + 1
                piece, fpiece = piece[skip:], fpiece[skip:]
        out += piece
        fout += fpiece
        here = b
    if _ENUM_RE.fullmatch(fout.strip()):
        return ""  # a bare 一、 or 1. is no text
    while fout.rstrip() and fout.rstrip()[-1] in _SEPS:
        cut = len(fout.rstrip()) - 1
        out, fout = out[:cut], fout[:cut]
    while fout.lstrip() and fout.lstrip()[0] in _SEPS:
        cut = len(fout) - len(fout.lstrip()) + 1
        out, fout = out[cut:], fout[cut:]
    return "\n".join(line.rstrip() for line in out.strip().split("\n"))


# --- matching --------------------------------------------------------------------------------


def normalise_unit(name: str) -> str:
    """A unit name as the matcher compares it: half-width, simplified, no spaces or quotes,
    no leading 由 and no trailing 等/等单位/等部门."""
    text = _t2s()(unicodedata.normalize("NFKC", name))
    text = "".join(c for c in text if not c.isspace() and c not in _QUOTES)
    if len(text) > 2 and text.startswith("由"):
        text = text[1:]
    stripped = _ETC_RE.sub("", text)
    return stripped if len(stripped) >= 2 else text


class UnitMatcher:
    """The site's departments looked up by the names a plan writes for them."""

    def __init__(self, departments: Sequence[Department]) -> None:
        self.departments = tuple(departments)
        self._ids: dict[str, Department] = {}
        self._names: dict[str, Department] = {}
        for dept in self.departments:
            self._ids.setdefault(dept.id.strip().lower(), dept)
            for name in (dept.name, *dept.aliases):
                self._names.setdefault(normalise_unit(name), dept)

    def match(self, name: str) -> Department | None:
        """The department called ``name`` (by id, name or alias), or None."""
        key = normalise_unit(name)
        return self._names.get(key) or self._ids.get(key.lower())

    def suggest(self, name: str) -> str | None:
        """A "did you mean" hint for a name that matches no department, or None."""
        if self.match(name) is not None:
            return None
        return did_you_mean(normalise_unit(name), self._candidates())

    def _candidates(self) -> Iterable[str]:
        for dept in self.departments:
            yield dept.name
            yield from dept.aliases

    def new_id(self, name: str, taken: set[str]) -> str:
        """An ASCII id for a unit not yet among the departments: ``dept-`` and the sha1 of its
        normalised name, lengthened (then numbered) until no department or ``taken`` has it."""
        digest = hashlib.sha1(normalise_unit(name).encode("utf-8")).hexdigest()
        used = {t.lower() for t in taken} | set(self._ids)
        for size in (6, 8, 10, 12, 40):
            candidate = f"dept-{digest[:size]}"
            if candidate not in used:
                return candidate
        number = 2
        while f"dept-{digest[:6]}-{number}" in used:
            number += 1
        return f"dept-{digest[:6]}-{number}"
