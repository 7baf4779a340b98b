"""Safe YAML loading that keeps source lines, so every problem can say ``path:line``."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem


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
# Plain scalars that YAML 1.1 turns into numbers or booleans lose the editor's spelling
# (``phone: 09190000000``, ``when: 9:30`` which YAML reads as the base-60 number 570).
# We give them back as the text that was written; pydantic converts the text again where
# a number or a boolean is really wanted.
_RETEXT_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float"))


class _Builder:
    """Python values from a composed YAML document, with lines; PyYAML constructs only what
    is not text, a mapping or a list (dates, null), which keeps reading thousands of posts cheap.
    """

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.built: dict[int, Any] = {}  # an anchored node is built once, like PyYAML does
        self.building: set[int] = set()

    def value(self, node: yaml.Node) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.built:
            return self.built[key]
        if key in self.building:
            raise yaml.constructor.ConstructorError(
                None, None, "递归的引用（*别名指向了包含它自己的内容）", node.start_mark
            )
        self.building.add(key)
        if isinstance(node, MappingNode) and node.tag == "tag:yaml.org,2002:map":
            value: Any = self.mapping(node)
        elif isinstance(node, SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            value = self.sequence(node)
        else:  # a tag of its own (!!set, !!omap, !!python/…): PyYAML decides, or refuses
            value = self.loader.construct_object(node, deep=True)
        self.building.discard(key)
        self.built[key] = value
        return value

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
        loader.flatten_mapping(node)
        result = LMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
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


def load_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; syntax errors come back as problems, never as exceptions."""
    loader = _Loader(text, path)
    try:
        node = loader.get_single_node()
        data = None if node is None else _Builder(loader).value(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "无法解析"
        if what.startswith("could not determine a constructor for the tag"):
            tag = what.rsplit(" ", 1)[-1].strip("'")  # !!python/… and the like
            return None, [
                Problem(
                    path,
                    line,
                    f"YAML 格式错误：不支持的标签“{tag}”",
                    "YAML 里不能用 ! 或 !! 开头的标签；如果这是文字，请用引号括起来。",
                )
            ]
        return None, [Problem(path, line, f"YAML 格式错误：{what}", _SYNTAX_HINT)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, f"YAML 格式错误：{exc}", _SYNTAX_HINT)]
    finally:
        loader.dispose()
    return data, loader.problems


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
