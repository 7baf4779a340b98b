"""Typing slips that break a YAML file, each told with the line as it should be.

Editors type YAML in Word-era habits: a Chinese colon after a key (``title：…``), full-width
spaces to indent, no space after a colon, ``-title`` for ``- title``, a value that begins
with a character YAML reserves (``@市委``, ``*重要*``, ``#1``). libyaml then reports something
else, often lines later ("mapping values are not allowed here"). :func:`slips` finds the
slip itself, on its own line, with the fix written out: 改成「title: 宪法宣传周」.

Keys in this project's files are ASCII words, so a line that starts with one is a key line
whatever follows it; lines inside a block of text (``body: |``) are never read as keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# a key line: indentation, an optional list dash, an ASCII key, what separates it, the rest
_KEY_LINE = re.compile(
    r"^(?P<indent>[ \u3000]*)(?P<dash>-[ \u3000]*)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*)"
    r"(?P<sep>[ \u3000]*[:：])(?P<rest>.*)$"
)
_BLOCK_START = re.compile(r"[:：]\s*[|>][+-]?\d?\s*(?:#.*)?$")
# what a plain value may not begin with (YAML indicators), when it is not what was meant
_RESERVED = "@`*%"  # ! (tags) and & (anchors) have messages of their own


@dataclass(frozen=True)
class Slip:
    line: int
    column: int
    message: str
    hint: str
    # whether it is wrong even in a file that parses: a Chinese colon or full-width spaces
    # (the data would not be what the editor wrote); the others explain a failed parse
    always: bool = False
    warning: bool = False  # the file means something else than it says, but it is read


def slips(text: str) -> list[Slip]:
    """Every slip of ``text``, in line order."""
    lines = text.split("\n")
    return [
        slip
        for number, line in _key_lines(text)
        for slip in _line_slips(number, line)
        if not (slip.warning and _opens_a_block(lines, number))
    ]


def _opens_a_block(lines: list[str], number: int) -> bool:
    """Whether the key on line ``number`` holds what follows it (``tasks:  # 说明`` then its
    items): then its ``#`` is a comment, as meant."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    for line in lines[number:]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        below = len(line) - len(line.lstrip(" "))
        return below > indent or (below == indent and stripped.startswith("- "))
    return False


def _key_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines outside blocks of text (``body: |`` and what is indented under it)."""
    block: int | None = None  # the indentation a block of text must exceed
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block is not None:
            if not stripped or indent > block:
                continue
            block = None
        yield number, line
        if _BLOCK_START.search(line) and not line.lstrip().startswith("#"):
            block = indent


def _line_slips(number: int, line: str) -> list[Slip]:
    found: list[Slip] = []
    if re.match(r"^ *\u3000", line):
        width = len(line) - len(line.lstrip(" \u3000"))
        fixed = line[:width].replace("\u3000", "  ") + line[width:]
        message = "这一行用全角空格（中文输入法的空格）缩进"
        found.append(Slip(number, 1, message, _fix(fixed, "缩进只能用半角空格"), always=True))
        line = fixed
    match = _KEY_LINE.match(line)
    if match is None:
        return found
    indent, dash, key, sep, rest = (
        match[g] or "" for g in ("indent", "dash", "key", "sep", "rest")
    )
    column = len(indent) + len(dash) + len(key) + 1
    if dash and dash.rstrip("\u3000") == "-" and not dash.endswith(" "):
        fixed = f"{indent}- {line[len(indent) + len(dash) :]}"
        found.append(Slip(number, len(indent) + 1, "列表的短横“-”后面少了空格", _fix(fixed)))
        return found
    if "：" in sep:
        fixed = f"{indent}{dash}{key}: {rest.lstrip(' ')}".rstrip()
        message = f"键“{key}”后面用了中文冒号“：”"
        found.append(Slip(number, column, message, _fix(fixed, "键后面要用英文冒号加空格"), True))
        return found
    if rest and not rest.startswith((" ", "\t", "//")):  # http://… is a link, not a key
        fixed = f"{indent}{dash}{key}: {rest}"
        found.append(Slip(number, column + 1, f"键“{key}”的冒号后面少了空格", _fix(fixed)))
        return found
    value = rest.strip()
    at = len(line) - len(rest.lstrip()) + 1  # where the value starts
    if value and value[0] in _RESERVED:
        quoted = value.replace('"', "“")
        message = f"“{key}”的内容以“{value[0]}”开头，YAML 会把它当作特殊符号"
        fix = _fix(f'{indent}{dash}{key}: "{quoted}"', "以符号开头的文字要用引号括起来")
        found.append(Slip(number, at, message, fix))
    elif value.startswith("#") and len(value) > 1:
        message = f"“{key}”的内容以“#”开头，YAML 把这一行后面的字都当作注释，“{key}”成了空的"
        fix = _fix(f'{indent}{dash}{key}: "{value}"', "以 # 开头的文字要用引号括起来")
        found.append(Slip(number, at, message, fix, always=True, warning=True))
    return found


def _fix(line: str, why: str = "") -> str:
    return (f"{why}：" if why else "") + f"改成「{line.rstrip()}」"


def fix_for(kind: str, line: str) -> str:
    """The line as it should be after a failed parse that libyaml explains (the bracket or
    the quote it opened and never closed, a colon inside a value), or "" when none is sure."""
    match = _KEY_LINE.match(line)
    rest = (match["rest"] if match else "").strip()
    head = line[: len(line) - len(match["rest"])] if match else ""
    if kind == "bracket" and line.count("[") > line.count("]"):
        return _fix(line.rstrip() + "]")
    if kind == "brace" and line.count("{") > line.count("}"):
        return _fix(line.rstrip() + "}")
    if kind == "quote" and rest[:1] in ("'", '"') and rest.count(rest[0]) == 1:
        return _fix(line.rstrip() + rest[0])
    if kind == "colon" and match and ": " in rest and rest[:1] not in "\"'":
        return _fix(f'{head} "{rest}"'.replace(':  "', ': "'))
    return ""


def misindented(text: str, number: int) -> Slip | None:
    """A key line indented deeper than the key line above it, which has a value and so
    cannot hold it (``when: 12月2日`` then ``      lead: …``): libyaml calls it a colon
    that is not allowed here."""
    lines = text.split("\n")
    here = _KEY_LINE.match(lines[number - 1]) if 0 < number <= len(lines) else None
    above = next(
        (
            _KEY_LINE.match(line)
            for line in reversed(lines[: number - 1])
            if line.strip() and not line.lstrip().startswith("#")
        ),
        None,
    )
    if not here or not above or not above["rest"].strip() or here["dash"]:
        return None
    width = len(above["indent"]) + len(above["dash"] or "")
    extra = len(here["indent"]) - width
    if extra <= 0:
        return None
    fixed = " " * width + lines[number - 1].lstrip(" ")
    message = f"这一行比上一行的“{above['key']}”多缩进了 {extra} 个空格"
    return Slip(number, 1, message, _fix(fixed, "同一层的键要上下对齐"))
