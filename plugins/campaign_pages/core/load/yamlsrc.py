"""Safe YAML loading that keeps source lines, so every problem can say ``path:line``."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from campaign_pages.core.load.slips import Slip, fix_for, misindented, slips
from campaign_pages.core.problems import Problem, Severity


class LMap(dict[str, Any]):
    """A mapping that knows the line of itself, of each key, and the raw text of plain scalars."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class LList(list[Any]):
    """A sequence that knows its line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


# libyaml's parser when PyYAML was built with it (the wheels are): several times faster
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]  # chosen at import time
    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# Plain scalars that YAML 1.1 turns into numbers or booleans lose the editor's spelling
# (``phone: 09190000000``, ``when: 9:30`` which YAML reads as the base-60 number 570).
# We give them back as the text that was written; pydantic converts the text again where
# a number or a boolean is really wanted. (``=``, YAML's "value" key, is text as well.)
_RETEXT_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "value"))
MAX_DEPTH = 50  # nesting levels; the deepest real file (steps of steps of activities) has ~10


class _Refused(Exception):
    """The document uses what we do not read; ``problem`` says where and what instead."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _AliasFound(Exception):
    """A node was reached a second time: an ``*alias`` (located afterwards, see _alias)."""


class _Builder:
    """Python values from a composed YAML document, with lines; PyYAML constructs only what
    is not text, a mapping or a list (dates, null), which keeps reading thousands of posts cheap.

    Aliases (``&name`` … ``*name``) and merge keys (``<<``) are refused: editors never need
    them, and a few hundred bytes of nested aliases ("billion laughs") expand to gigabytes
    in whatever walks the values. The composed document shares an aliased node, so an alias
    is a node reached twice, noticed before anything is expanded.
    """

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.seen: set[int] = set()
        self.depth = 0

    def value(self, node: yaml.Node) -> Any:
        self.visit(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        self.depth += 1
        self.check_depth(node, self.depth)
        if isinstance(node, MappingNode) and node.tag == "tag:yaml.org,2002:map":
            value: Any = self.mapping(node)
        elif isinstance(node, SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            value = self.sequence(node)
        else:  # a tag of its own (!!set, !!omap, !!python/…): PyYAML decides, or refuses
            self.visit_all(node)
            value = self.loader.construct_object(node, deep=True)
        self.depth -= 1
        return value

    def visit(self, node: yaml.Node) -> None:
        if id(node) in self.seen:  # the document holds the nodes: ids are not reused
            raise _AliasFound
        self.seen.add(id(node))

    def visit_all(self, node: yaml.Node) -> None:
        """Every node under ``node``, for aliases and depth, before PyYAML builds it."""
        stack = [(node, self.depth)]
        while stack:
            parent, depth = stack.pop()
            self.check_depth(parent, depth)
            if isinstance(parent.value, list):
                for child in parent.value:
                    for item in child if isinstance(child, tuple) else (child,):
                        self.visit(item)
                        stack.append((item, depth + 1))

    def check_depth(self, node: yaml.Node, depth: int) -> None:
        """Refuse deep nesting before building it: Python's recursion ends at ~1,000 frames."""
        if depth > MAX_DEPTH:
            raise _Refused(
                Problem(
                    self.loader.path,
                    node.start_mark.line + 1,
                    f"YAML 格式错误：嵌套超过 {MAX_DEPTH} 层",
                    "检查缩进和括号：这么多层的嵌套多半是缩进或括号写错了。",
                )
            )

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR or (not node.style and node.tag in _RETEXT_TAGS):
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # e.g. 2017-13-01 looks like a date to YAML but is none: keep the text, and let
            # validation say what is wrong with it
            return node.value

    def mapping(self, node: MappingNode) -> LMap:
        loader = self.loader
        result = LMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE:
                raise _Refused(
                    Problem(
                        loader.path,
                        line,
                        "不支持 YAML 的合并键“<<”",
                        "把要合并进来的键直接写在这一层里。",
                    )
                )
            key = self.value(key_node)
            if not isinstance(key, str):
                loader.problems.append(
                    Problem(loader.path, line, f"键“{key}”应为文本", "键名用文字，例如 title。")
                )
                continue
            if key in result:
                loader.problems.append(
                    Problem(
                        loader.path,
                        line,
                        f"重复的键“{key}”（第 {result.key_lines[key]} 行已有）",
                        "同一层里每个键只能写一次，后写的会覆盖先写的。",
                    )
                )
            result[key] = self.value(value_node)
            result.key_lines[key] = line
        return result

    def sequence(self, node: SequenceNode) -> LList:
        result = LList(node.start_mark.line + 1)
        for item in node.value:
            result.append(self.value(item))
            result.item_lines.append(item.start_mark.line + 1)
        return result


_SYNTAX_HINT = (
    "检查缩进是否对齐（用空格，不用 Tab），冒号后是否有空格；"
    "含冒号、井号或以符号开头的文字请用引号括起来。"
)

# libyaml's messages an editor is likely to meet, in Chinese: (context, problem) -> message,
# hint, and whether the context's mark is the line to report (where something began that
# never ended) rather than the problem's (where libyaml gave up, maybe 100 lines later)
_SYNTAX: dict[tuple[str | None, str], tuple[str, str, bool]] = {
    ("while scanning a quoted scalar", "found unexpected end of stream"): (
        "这一行开始的引号没有结束",
        "在文字末尾补上同样的引号；文字里本身有引号时，改用中文引号“”。",
        True,
    ),
    ("while scanning a simple key", "could not find expected ':'"): (
        "这一行缺少冒号",
        "写作“键: 值”，冒号后要有空格；如果这是上一行文字的延续，把它接到上一行。",
        True,
    ),
    ("while parsing a flow sequence", "did not find expected ',' or ']'"): (
        "这一行开始的方括号 [ 没有配对的 ]",
        "在列表末尾补上 ]，各项之间用英文逗号隔开；文字里有逗号或括号时用引号括起来。",
        True,
    ),
    ("while parsing a flow mapping", "did not find expected ',' or '}'"): (
        "这一行开始的花括号 { 没有配对的 }",
        "在末尾补上 }，各项之间用英文逗号隔开；文字里有逗号或括号时用引号括起来。",
        True,
    ),
    ("while scanning a plain scalar", "found a tab character that violates indentation"): (
        "这一行用 Tab 缩进",
        "缩进只能用空格：把行首的 Tab 换成空格。",
        False,
    ),
    ("expected a single document in the stream", "but found another document"): (
        "这一行的 --- 开始了第二份内容，一个文件里只能有一份",
        "删去这一行 ---；要写另一个方案，请另建一个文件。",
        False,
    ),
    ("while parsing a flow node", "did not find expected node content"): (
        "方括号 [ 或花括号 { 没有配对，文件就结束了",
        "在列表末尾补上 ]（或 }），各项之间用英文逗号隔开。",
        False,
    ),
    ("while parsing a block collection", "did not find expected '-' indicator"): (
        "这一行的缩进和上面的列表项对不齐",
        "检查缩进：同一个列表的各项，短横“-”要上下对齐；属于某一项的键，要和这一项的第一个键对齐。",
        False,
    ),
    ("while parsing a block mapping", "did not find expected key"): (
        "这一行的缩进和同一层的键对不齐，或者文字里有没配对的引号",
        "检查缩进：同一层的键要上下对齐；文字里本身有引号时，改用中文引号“”，或把整段文字用单引号括起来。",
        False,
    ),
    (None, "mapping values are not allowed in this context"): (
        "这里多了一个冒号",
        "文字里有冒号时，把整段文字用引号括起来，或者改用中文冒号“：”。",
        False,
    ),
}

# characters YAML refuses (PyYAML's and libyaml's printable set; a byte order mark is only
# allowed at the very start, which read_source has already removed)
_FORBIDDEN = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# line breaks to YAML, but not to editors, which would show every later line one off
_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_CHARACTER_NAMES = {
    0x00: "空字符",
    0x08: "退格符",
    0x0B: "垂直制表符",
    0x0C: "换页符",
    0x1B: "转义符",
    0x7F: "删除符",
    0x85: "下一行符",
    0x2028: "行分隔符",
    0x2029: "段分隔符",
    0xFEFF: "字节顺序标记",
}


def load_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; syntax errors come back as problems, never as exceptions.

    Lines are counted as editors count them: by ``\\n`` only (as :mod:`textfile` gives text).
    """
    clean, problems = _characters(text, path)
    if clean is None:
        return None, problems
    found = slips(clean)
    loader = _Loader(clean, path)
    try:
        node = loader.get_single_node()
        data = None if node is None else _Builder(loader).value(node)
    except _Refused as exc:
        return None, [*problems, exc.problem]
    except _AliasFound:
        return None, [*problems, _alias(clean, path)]
    except yaml.MarkedYAMLError as exc:
        # the slips that broke it, each on its own line; else what libyaml says, in Chinese
        return None, [
            *problems,
            *(_slip_problems(found, path) or [_syntax_error(exc, path, clean)]),
        ]
    except yaml.YAMLError as exc:
        return None, [*problems, Problem(path, 1, f"YAML 格式错误：{exc}", _SYNTAX_HINT)]
    finally:
        loader.dispose()
    wrong = [s for s in found if s.always]
    if any(not s.warning for s in wrong):  # parsed, but not as written: nothing more to check
        return None, [*problems, *_slip_problems(wrong, path)]
    return data, problems + loader.problems + _slip_problems(wrong, path)


def _slip_problems(found: list[Slip], path: str) -> list[Problem]:
    return [
        Problem(
            path,
            slip.line,
            f"第 {slip.column} 列：{slip.message}",
            slip.hint,
            Severity.WARNING if slip.warning else Severity.ERROR,
        )
        for slip in found
    ]


def _characters(text: str, path: str) -> tuple[str | None, list[Problem]]:
    """``text`` without what YAML would misread: a control character is an error (None);
    U+2028, U+2029 and U+0085 become spaces, each with a warning at its own line."""
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        line, column, what = _character_at(text, bad.start())
        count = len(_FORBIDDEN.findall(text))
        more = f"（文件里共有 {count} 个）" if count > 1 else ""
        return None, [
            Problem(
                path,
                line,
                f"第 {column} 列有看不见的字符 {what}，YAML 里不允许{more}",
                "删除这个字符（多半是复制粘贴时带进来的）；也可以删掉这一行重新输入。",
            )
        ]
    if _SEPARATORS.search(text) is None:  # nearly always
        return text, []
    problems = []
    for match in _SEPARATORS.finditer(text):
        line, column, what = _character_at(text, match.start())
        problems.append(
            Problem(
                path,
                line,
                f"第 {column} 列有 {what}，YAML 会把它当作换行，这里当作空格",
                "删除它，要换行就直接按回车（它多半是从网页或 Word 复制进来的）。",
                Severity.WARNING,
            )
        )
    return _SEPARATORS.sub(" ", text), problems


def _character_at(text: str, at: int) -> tuple[int, int, str]:
    """The line and column of ``text[at]``, and what it is: U+0000（空字符）."""
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    code = ord(text[at])
    name = _CHARACTER_NAMES.get(code)
    return line, column, f"U+{code:04X}" + (f"（{name}）" if name else "")


def _syntax_error(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    problem = exc.problem or ""
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.rsplit(" ", 1)[-1].strip("'")  # !!python/… and the like
        return Problem(
            path,
            _line(exc.problem_mark, text),
            f"YAML 格式错误：不支持的标签“{tag}”",
            "YAML 里不能用 ! 或 !! 开头的标签；如果这是文字，请用引号括起来。",
        )
    known = _SYNTAX.get((exc.context, problem))
    if known is None:
        line = _line(exc.problem_mark or exc.context_mark, text)
        return Problem(path, line, f"YAML 格式错误：{problem or exc.context}", _SYNTAX_HINT)
    message, hint, began = known
    line = _line((exc.context_mark if began else None) or exc.problem_mark, text)
    shifted = misindented(text, line) if _FIX_KINDS.get(problem) == "colon" else None
    if shifted is not None:
        return _slip_problems([shifted], path)[0]
    source = text.split("\n")[line - 1] if line - 1 < text.count("\n") + 1 else ""
    kind = _FIX_KINDS.get(exc.context or problem, "")
    fixed = fix_for(kind, source)
    mark = exc.context_mark
    if fixed and began and mark is not None and kind in ("bracket", "brace", "quote"):
        opened = source[mark.column : mark.column + 1] or "["
        fixed = f"第 {mark.column + 1} 列的“{opened}”没有配对，{fixed}"
    return Problem(path, line, f"YAML 格式错误：{message}", f"{fixed}。{hint}" if fixed else hint)


# which line fix a libyaml message calls for (see slips.fix_for)
_FIX_KINDS = {
    "while parsing a flow sequence": "bracket",
    "while parsing a flow mapping": "brace",
    "while scanning a quoted scalar": "quote",
    "mapping values are not allowed in this context": "colon",
    "mapping values are not allowed here": "colon",
}


def _line(mark: yaml.Mark | None, text: str) -> int:
    """The line of ``mark``; at the end of the text, the last line (as an editor shows it)."""
    if mark is None:
        return 1
    return max(1, min(mark.line + 1, text.rstrip("\n").count("\n") + 1))


def _alias(text: str, path: str) -> Problem:
    """The first ``*alias`` of ``text`` (which parsed) as a problem, naming its ``&anchor``."""
    anchors: dict[str, int] = {}
    aliases: list[tuple[str, int]] = []
    for token in yaml.scan(text, Loader=_Base):
        if isinstance(token, yaml.AnchorToken):
            anchors.setdefault(token.value, token.start_mark.line + 1)
        elif isinstance(token, yaml.AliasToken):
            aliases.append((token.value, token.start_mark.line + 1))
    name, line = aliases[0]
    more = f"（文件里共有 {len(aliases)} 处）" if len(aliases) > 1 else ""
    return Problem(
        path,
        line,
        f"不支持 YAML 别名“*{name}”{more}",
        f"把第 {anchors.get(name, line)} 行“&{name}”处的内容直接写到用到它的地方，"
        f"再删去 &{name} 和 *{name}。",
    )


def line_of(data: Any, loc: tuple[int | str, ...], default: int = 1) -> int:
    """The line of the deepest node along ``loc`` (a pydantic error location)."""
    line = getattr(data, "line", default)
    node = data
    for part in loc:
        if isinstance(node, LMap) and isinstance(part, str) and part in node:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, LList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


Path = tuple[int | str, ...]


def without(data: Any, paths: set[Path]) -> Any:
    """A copy of ``data`` without the nodes at ``paths`` (keys of mappings, items of lists).

    Lines are kept, so problems found in the copy still point into the editor's file.
    """

    def walk(node: Any, here: Path) -> Any:
        if isinstance(node, LMap):
            out = LMap(node.line)
            for key, value in node.items():
                if (*here, key) not in paths:
                    out[key] = walk(value, (*here, key))
                    out.key_lines[key] = node.key_lines[key]
            return out
        if isinstance(node, LList):
            seq = LList(node.line)
            for index, (value, line) in enumerate(zip(node, node.item_lines, strict=True)):
                if (*here, index) not in paths:
                    seq.append(walk(value, (*here, index)))
                    seq.item_lines.append(line)
            return seq
        return node

    return walk(data, ())
