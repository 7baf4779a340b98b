"""What the readers hand the importer: a document as blocks, each with where it was."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A paragraph (Word numbering rebuilt in front of its text), a line, or a table row."""

    text: str  # for a table row: its cells joined by " | "
    where: str  # for the comment on the item it becomes: 第12段, 第12行, 表1第3行
    cells: tuple[str, ...] = ()  # a table row's cells (a merged cell repeated), else ()
    header: tuple[str, ...] = ()  # for a table row: its table's header row
    style: str = ""  # the Word paragraph style (Title, Heading 1 …), when there is one
