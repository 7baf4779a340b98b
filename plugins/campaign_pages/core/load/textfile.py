"""Reading editors' source files (YAML data, Markdown pages): bytes to text, or a problem.

Every source file goes through :func:`read_source` (or, where MkDocs has already read the
bytes, :func:`decode_source`), so a file saved in the wrong encoding, a folder named like a
file, a broken or outward-pointing link is one located problem, never a traceback.

Text comes back as Python's text mode would give it (``\\r\\n`` and ``\\r`` as ``\\n``) and
without a byte order mark. A UTF-16 or UTF-32 file that starts with a byte order mark is
accepted: the mark says unambiguously how to decode it (Windows Notepad's "Unicode" is
UTF-16 with one), so refusing it would only make the editor do work the reader can do.
Without a mark, only UTF-8 is read: GBK and UTF-8 cannot be told apart reliably, and a
wrong guess would put garbled text on a government site.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from campaign_pages.core.problems import Problem

# the UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SAVE_AS_UTF8 = (
    "用 UTF-8 编码另存这个文件：记事本点“文件 → 另存为”，“编码”选 UTF-8；"
    "WPS 点“另存为”，编码选 UTF-8；VS Code 点右下角的编码名称，"
)


def read_source(path: Path, rel: str, within: Path) -> tuple[str | None, list[Problem]]:
    """The text of the editor's file at ``path`` (``rel`` is how problems name it).

    ``within`` is the folder the file must really be in (``data/`` or ``docs/``): a link
    that points elsewhere is refused, as are folders, broken links, link loops and anything
    that is not a regular file (a FIFO would block the read forever).
    """
    refusal = _refusal(path, rel, within)
    if refusal is not None:
        return None, [refusal]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_unreadable(rel, exc)]
    return decode_source(data, rel)


def decode_source(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """``data`` as text: UTF-8 (a byte order mark dropped), or UTF-16/32 with a mark."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        return _text_mode(data.decode(encoding)), []
    except UnicodeDecodeError as exc:
        return None, [_undecodable(data, exc, encoding, rel)]


def decode_document(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """A document to import, as editors have them: UTF-8 (with or without a mark), UTF-16
    or UTF-32 (with a mark, or UTF-16 without one when its line ends say so), or, when
    it is not UTF-8, GB18030 (which GBK and GB2312 files are part of)."""
    text, problems = decode_source(data, rel)
    if text is not None:
        return text, problems
    if len(data) % 2 == 0:  # UTF-16 without a mark: its line ends are "\n" and a zero byte
        for encoding, newline in (("utf-16-le", b"\n\x00"), ("utf-16-be", b"\x00\n")):
            lines = [data[i : i + 2] for i in range(0, len(data), 2)].count(newline)
            if lines:
                try:
                    return _text_mode(data.decode(encoding)), []
                except UnicodeDecodeError:
                    pass
    try:
        return _text_mode(data.decode("gb18030")), []
    except UnicodeDecodeError:
        return None, problems


def _text_mode(text: str) -> str:
    """Line ends as Python's text mode (and so MkDocs) gives them: only ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _refusal(path: Path, rel: str, within: Path) -> Problem | None:
    """Why ``path`` is not read, if it is not: it must be a regular file inside ``within``.

    Only a link at ``path`` itself is followed to see where it ends (one ``lstat`` for the
    rest, which are nearly all): a linked folder is the site's own setup, not an editor's.
    """
    try:
        mode = path.lstat().st_mode
        linked = stat.S_ISLNK(mode)
        if linked:
            mode = path.stat().st_mode
    except OSError as exc:
        return _unreadable(rel, exc, path)
    if linked:
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(os.path.realpath(within)):
            return Problem(
                rel,
                1,
                f"这是指向 {within.name}/ 以外“{target}”的链接，没有读取",
                f"把文件本身放到 {within.name}/ 里，不要用链接指向外面的文件。",
            )
    if stat.S_ISDIR(mode):
        return Problem(
            rel,
            1,
            "这是一个文件夹，不是文件",
            f"给文件夹改个名字，不要以 {path.suffix} 结尾，否则会被当作文件来读。",
        )
    if not stat.S_ISREG(mode):
        return Problem(rel, 1, "这不是普通文件，没有读取", "换成普通的文本文件，或者删除它。")
    return None


def _unreadable(rel: str, exc: OSError, path: Path | None = None) -> Problem:
    """What went wrong opening ``path``: a broken link, a loop of links, or what the OS says."""
    if path is not None and path.is_symlink():
        if exc.errno == errno.ELOOP:
            return Problem(rel, 1, "这个链接绕成了圈，读不到文件", "删除这个链接，换成文件本身。")
        if exc.errno == errno.ENOENT:
            return Problem(
                rel,
                1,
                f"链接指向的“{os.readlink(path)}”不存在",
                "删除这个链接，或者把它指向的文件放回原处。",
            )
    return Problem(
        rel,
        1,
        f"无法读取文件：{os_error_text(exc)}",
        "检查文件是否还在、有没有读取权限，或者关闭正在占用它的程序。",
    )


_OS_ERRORS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限"}


def os_error_text(exc: OSError) -> str:
    """What went wrong, in Chinese where it is common, else as the system says it."""
    return _OS_ERRORS.get(exc.errno or 0) or exc.strerror or str(exc)


def _undecodable(data: bytes, exc: UnicodeDecodeError, encoding: str, rel: str) -> Problem:
    """The line of the first byte that is not ``encoding``, and what the file looks like."""
    line = _text_mode(data[: exc.start].decode(encoding, errors="replace")).count("\n") + 1
    if encoding != "utf-8-sig":  # a UTF-16/32 mark, then bytes that are not
        message = f"文件开头标明是 {encoding.upper()} 编码，但内容不是"
        return Problem(rel, line, message, _hint(None))
    guess = _guess(data)
    if guess is None:
        return Problem(rel, line, "文件不是 UTF-8 编码（未知编码）", _hint(None))
    return Problem(rel, line, f"文件不是 UTF-8 编码（看起来是 {guess}）", _hint(guess))


def _hint(encoding: str | None) -> str:
    """How to save the file as UTF-8; in VS Code, reopened as ``encoding`` first."""
    reopen = f"先选“通过编码重新打开”和 {encoding}，再" if encoding else ""
    return f"{_SAVE_AS_UTF8}{reopen}选“通过编码保存”和 UTF-8。"


def _guess(data: bytes) -> str | None:
    """The Chinese encoding that decodes all of ``data``, if any (GBK, else GB18030)."""
    for name in ("GBK", "GB18030"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None


def folder_links(root: Path) -> list[tuple[Path, Path, bool]]:
    """Every link to a folder under ``root``: (link, where it leads, whether it loops)."""
    return [link for folder, dirs, _ in os.walk(root) for link in linked_folders(folder, dirs)]


def linked_folders(folder: str, dirs: list[str]) -> Iterator[tuple[Path, Path, bool]]:
    """The links among ``dirs`` (the sub-folders :func:`os.walk` found in ``folder``):
    (link, where it leads, whether it loops).

    A link loops when it leads to a folder that holds it: walked with links followed (as
    MkDocs walks ``docs/``), it would repeat its folder inside itself until the system
    refuses the path (``Too many levels of symbolic links``).
    """
    for name in dirs:
        path = Path(folder, name)
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            yield path, target, Path(os.path.realpath(folder)).is_relative_to(target)
