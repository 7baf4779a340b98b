"""argparse's frame in Chinese: usage, the help option, group titles and its error messages.

argparse words its frame in English ("usage:", "options", "invalid choice: …"). Editors
read Chinese, so :class:`ChineseParser` titles its groups 参数 and 选项, adds its own
``-h/--help``, prefixes usage with 用法：, and says argparse's errors in Chinese, with a
did-you-mean for a misspelt command or value — through public argparse only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from campaign_pages.core.problems import did_you_mean


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._arguments = self.add_argument_group("参数")
        self._options = self.add_argument_group("选项")
        self._options.add_argument("-h", "--help", action="help", help="显示这份说明并退出")

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        """Options under 选项, positional arguments under 参数."""
        optional = bool(names) and str(names[0]).startswith("-")
        return (self._options if optional else self._arguments).add_argument(*names, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("parser_class", ChineseParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{chinese(message)}\n")


def _choices(found: re.Match[str]) -> str:
    value = found["value"].strip("'")
    choices = [c.strip(" '") for c in found["choices"].split(",")]
    hint = did_you_mean(value, choices)
    listed = "、".join(choices)
    where = _argument(found["arg"])
    return f"{where}“{value}”不是可用的值，可以写：{listed}" + (f"。{hint}" if hint else "")


def _argument(name: str | None) -> str:
    if not name:
        return ""
    return "命令" if name in ("命令", "类型") else f"{name} 的值"


_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"^(?:argument (?P<arg>[^:]+): )?invalid choice: (?P<value>.+?) "
            r"\(choose from (?P<choices>.+)\)$"
        ),
        _choices,
    ),
    (
        re.compile(r"^the following arguments are required: (?P<names>.+)$"),
        lambda m: f"缺少必须写的参数：{m['names'].replace(', ', '、')}",
    ),
    (
        re.compile(r"^unrecognized arguments: (?P<names>.+)$"),
        lambda m: f"不认识的参数：{m['names']}（用 -h 查看可用的选项）",
    ),
    (
        re.compile(r"^argument (?P<arg>[^:]+): expected one argument$"),
        lambda m: f"{m['arg']} 后面要写一个值",
    ),
    (
        re.compile(r"^argument (?P<arg>[^:]+): invalid (?P<type>\w+) value: (?P<value>.+)$"),
        lambda m: (
            f"{m['arg']} 的值 {m['value']} 不对" + ("：要写整数" if m["type"] == "int" else "")
        ),
    ),
    (
        re.compile(r"^argument (?P<arg>[^:]+): (?P<rest>[^\x00-\x7f].*)$"),  # ours, in Chinese
        lambda m: f"{m['arg']}：{m['rest']}",
    ),
    (
        re.compile(r"^ambiguous option: (?P<opt>\S+) could match (?P<matches>.+)$"),
        lambda m: f"选项 {m['opt']} 不明确，可能是：{m['matches'].replace(', ', '、')}",
    ),
    (
        re.compile(r"^argument (?P<arg>[^:]+): not allowed with argument (?P<other>.+)$"),
        lambda m: f"{m['arg']} 不能和 {m['other']} 一起用",
    ),
]


def chinese(message: str) -> str:
    """argparse's error ``message`` in Chinese (as it is when no pattern knows it)."""
    for pattern, say in _MESSAGES:
        found = pattern.match(message)
        if found:
            return say(found)
    return message
