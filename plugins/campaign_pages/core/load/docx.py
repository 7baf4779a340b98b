"""Reading Word plans (``.docx``): paragraphs and table rows as blocks, numbering rebuilt.

:func:`read_docx` walks the document body in order: each non-empty paragraph is one
:class:`~campaign_pages.core.imports.document.Block` (``第n段``), each table row one
(``表n第r行``). A file that is not a ``.docx``, is encrypted, damaged or too large is one
:class:`~campaign_pages.core.problems.Problem`, never a traceback.

Word keeps list numbers ("一、", "（二）", "3.") out of the text, in the numbering part:
python-docx's ``paragraph.text`` drops them, and a plan's outline is in them. They are
rebuilt as Word shows them: the paragraph's ``numPr`` (or its style's), ``w:num`` →
``w:abstractNum`` (through ``w:numStyleLink``), overrides, a counter per list and level
with deeper levels restarting, each level's ``w:lvlText`` and ``w:numFmt``.

Counters are kept per abstract numbering, as Word does for the lists that share one; a
``w:num`` with ``w:lvlOverride`` (Word's "restart numbering") counts on its own.

Converting ``.doc`` and ``.wps`` needs LibreOffice, which only the command line may run
(the core starts no processes): :func:`legacy_command` gives it the command line and
:func:`legacy_result` the file it should have made.
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.part import Part, XmlPart
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.styles import BabelFish

from campaign_pages.core.imports.document import Block
from campaign_pages.core.load.textfile import os_error_text
from campaign_pages.core.problems import Problem

MAX_BYTES = 50 * 1024 * 1024  # the file as saved
MAX_UNPACKED = 500 * 1024 * 1024  # its parts unpacked, as the zip declares them
MAX_PARAGRAPHS = 200_000  # in the body, table cells included

LEGACY_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")  # Word 97-2003 and WPS, and templates
CONVERT_TIMEOUT = 120  # seconds LibreOffice may take for one file

_SAVE_AS = (
    "在 Word 或 WPS 中打开它，点“文件 → 另存为”，“保存类型”选“Word 文档（*.docx）”，"
    "再导入另存的文件。"
)
_REPAIR = (
    "在 Word 或 WPS 中打开它（Word 会提示修复），再点“文件 → 另存为”保存成新的 .docx 文件，"
    "导入新文件；打不开就找发文单位重新要一份。"
)
_SLIM = (
    "删掉或压缩文档里的图片（Word：选中图片，点“图片格式 → 压缩图片”），"
    "或者只把方案正文复制到一个新文档里再导入。"
)


# ---- reading the file ---------------------------------------------------------------


def read_docx(path: Path, rel: str) -> tuple[list[Block], list[Problem]]:
    """The blocks of the Word document at ``path`` (``rel`` is how problems name it)."""
    data = _read_bytes(path, rel)
    if isinstance(data, Problem):
        return [], [data]
    part = _open(data, rel)
    if isinstance(part, Problem):
        return [], [part]
    body = _child(part.element, "w:body")
    if body is None:
        return [], []
    paragraphs = sum(1 for _ in body.iter(_P))
    if paragraphs > MAX_PARAGRAPHS:
        message = f"文档有 {paragraphs} 段，超过了 {MAX_PARAGRAPHS} 段的上限，没有读取"
        return [], [Problem(rel, 1, message, "把方案拆成几个文档分别导入，或者只保留方案正文。")]
    styles = _Styles(_part_root(part, RT.STYLES))
    numbering = _Numbering(_part_root(part, RT.NUMBERING), styles)
    return _Reader(styles, numbering).blocks(body), []


def _read_bytes(path: Path, rel: str) -> bytes | Problem:
    """The file's bytes, unless it is not a regular file, cannot be read or is too large."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            hint = f"给文件夹改个名字，不要以 {path.suffix} 结尾，否则会被当作文件来读。"
            return Problem(rel, 1, "这是一个文件夹，不是文件", hint)
        if not stat.S_ISREG(info.st_mode):
            return Problem(rel, 1, "这不是普通文件，没有读取", "换成普通的 .docx 文件。")
        if info.st_size > MAX_BYTES:
            return _too_large(rel, info.st_size)
        data = path.read_bytes()
    except OSError as exc:
        hint = "检查文件是否还在、有没有读取权限，或者关闭正在占用它的程序。"
        return Problem(rel, 1, f"无法读取文件：{os_error_text(exc)}", hint)
    if len(data) > MAX_BYTES:  # it grew since stat()
        return _too_large(rel, len(data))
    return data


def _too_large(rel: str, size: int) -> Problem:
    limit = MAX_BYTES / 1024 / 1024
    message = f"文件有 {size / 1024 / 1024:.1f} MB，超过了 {limit:g} MB 的上限，没有读取"
    return Problem(rel, 1, message, _SLIM)


# what python-docx raises on a damaged package (lxml's XMLSyntaxError is a SyntaxError;
# a part of the wrong shape fails where it is used, as an AttributeError or TypeError)
_DAMAGED = (
    AttributeError,
    TypeError,
    IndexError,
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    OpcError,
    XmlchemyError,
)


def _open(data: bytes, rel: str) -> DocumentPart | Problem:
    """The main part of the document in ``data``, or why it cannot be read as a ``.docx``."""
    problem = _package_problem(data, rel)
    if problem is not None:
        return problem
    try:
        part: Part = Package.open(io.BytesIO(data)).main_document_part
        if not isinstance(part, DocumentPart) or part.content_type != CT.WML_DOCUMENT_MAIN:
            return _not_docx(rel, _office_kind(part.content_type))
    except _DAMAGED as exc:
        return _damaged(rel, exc)
    if _tag(part.element) != qn("w:document"):
        return _damaged(rel, ValueError(str(part.partname).lstrip("/")))
    return part


def _package_problem(data: bytes, rel: str) -> Problem | None:
    """Why ``data`` is not a readable Word package, checked before python-docx sees it."""
    if data.startswith(_OLE):
        if _encrypted(data):
            message = "文件设置了打开密码（已加密），无法读取"
            hint = (
                "在 Word 中打开它，点“文件 → 信息 → 保护文档 → 用密码进行加密”，删掉密码后保存；"
                "WPS 点“文件 → 文档加密 → 密码加密”删掉密码。再导入这个文件。"
            )
            return Problem(rel, 1, message, hint)
        return _not_docx(rel, "Word 97-2003 的 .doc 或 WPS 的 .wps 文件")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        if data.startswith(b"PK\x03\x04"):
            message = "文件不完整或已损坏（可能没有下载或复制完）"
            return Problem(rel, 1, message, f"重新下载或复制这个文件；Word 能打开的话，{_REPAIR}")
        return _not_docx(rel, _kind(data))
    with archive:
        return _archive_problem(archive, rel)


def _archive_problem(archive: zipfile.ZipFile, rel: str) -> Problem | None:
    """Why this zip is not a readable Word package: not one, too large, or a damaged part."""
    names = set(archive.namelist())
    if not {"[Content_Types].xml", "_rels/.rels"} <= names:
        odf = "mimetype" in names and "content.xml" in names
        return _not_docx(rel, "OpenDocument 文档（.odt）" if odf else "ZIP 压缩包")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        message = f"文件解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，没有读取"
        return Problem(rel, 1, message, _SLIM)
    for info in archive.infolist():
        try:
            with archive.open(info) as member:
                while member.read(1 << 20):  # to the end, where the checksum is compared
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
            return Problem(rel, 1, f"文件已损坏：其中的“{info.filename}”读不出来", _REPAIR)
        except NotImplementedError:  # a compression method Word never uses
            return _not_docx(rel, None)
    return None


def _damaged(rel: str, exc: BaseException) -> Problem:
    detail = str(exc.args[0]) if exc.args else type(exc).__name__
    return Problem(rel, 1, f"文件已损坏，读不出其中的内容（{detail[:200]}）", _REPAIR)


def _not_docx(rel: str, kind: str | None) -> Problem:
    space = " " if kind and kind[0].isascii() else ""  # 是 ZIP 压缩包, 是纯文本文件
    looks = f"这个文件看起来是{space}{kind}。" if kind else ""
    return Problem(rel, 1, "不是 Word 2007 以后的 .docx 文件", looks + _SAVE_AS)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, .wps, .xls, encrypted
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _encrypted(data: bytes) -> bool:
    """Whether the compound file has an ``EncryptedPackage`` stream: an encrypted .docx.

    Directory entries are 128 bytes, aligned, with the name (UTF-16) first and its length
    in bytes (with the closing NUL) at offset 64.
    """
    at = data.find(_ENCRYPTED)
    while at != -1:
        if at % 128 == 0 and data[at + 64 : at + 66] == b"\x22\x00":
            return True
        at = data.find(_ENCRYPTED, at + 1)
    return False


def _kind(data: bytes) -> str | None:
    """What a file that is not a zip looks like, if that is clear from its start."""
    if not data:
        return "空文件（0 字节）"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for start, kind in _KINDS:
        if head.startswith(start):
            return kind
    sample = data[:4096]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 3:  # not just a character cut at the end
            return None
    return None if b"\x00" in sample else "纯文本文件"


_KINDS = (
    (b"{\\rtf", "RTF 文件"),
    (b"%pdf", "PDF 文件"),
    (b"<html", "网页（HTML）文件"),
    (b"<!doctype html", "网页（HTML）文件"),
    (b"mime-version:", "网页存档（.mht）文件"),
    (b"<?xml", "XML 文件"),
)


def _office_kind(content_type: str) -> str | None:
    """What an Office package that is not a Word document is, from its main part's type."""
    for marks, kind in (
        (("spreadsheetml", "ms-excel"), "Excel 表格"),
        (("presentationml", "ms-powerpoint"), "PowerPoint 演示文稿"),
        (("macroenabled",), "启用宏的 Word 文档（.docm）"),
        (("template",), "Word 模板（.dotx）"),
    ):
        if any(mark in content_type.lower() for mark in marks):
            return kind
    return None


def _part_root(part: DocumentPart, reltype: str) -> BaseOxmlElement | None:
    """The XML of the document's part related by ``reltype`` (styles, numbering), if any."""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    return related.element if isinstance(related, XmlPart) else None


# ---- XML helpers --------------------------------------------------------------------

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R, _T = (qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _FLD_CHAR = qn("w:sdt"), qn("w:sdtContent"), qn("w:fldChar")
_SPACES = frozenset(qn(f"w:{t}") for t in ("tab", "br", "cr", "ptab"))
_HYPHEN = qn("w:noBreakHyphen")
# what may hold runs in a paragraph, or paragraphs and tables in the body and cells
_INLINE = frozenset(
    qn(f"w:{t}")
    for t in ("hyperlink", "fldSimple", "smartTag", "ins", "moveTo", "customXml", "dir", "bdo")
)
_BLOCK = frozenset(qn(f"w:{t}") for t in ("customXml", "ins", "moveTo"))
_OFF = frozenset({"0", "false", "off"})


def _child(el: BaseOxmlElement | None, tag: str) -> BaseOxmlElement | None:
    """The first ``tag`` child of ``el`` (``w:``-prefixed), if there is one."""
    if el is None:
        return None
    found: BaseOxmlElement | None = el.find(qn(tag))
    return found


def _children(el: BaseOxmlElement, tag: str) -> list[BaseOxmlElement]:
    found: list[BaseOxmlElement] = el.findall(qn(tag))
    return found


def _attr(el: BaseOxmlElement | None, name: str = "w:val") -> str | None:
    value = None if el is None else el.get(qn(name))
    return value if isinstance(value, str) else None


def _int(el: BaseOxmlElement | None, name: str = "w:val") -> int | None:
    """``el``'s attribute as a number, if it is one (Word writes numbers; others may not)."""
    value = _attr(el, name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(el: BaseOxmlElement | None) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:isLgl w:val="1"/>``) is set."""
    return el is not None and _attr(el) not in _OFF


def _tag(el: BaseOxmlElement) -> object:
    tag: object = el.tag  # a function for comments and processing instructions
    return tag


def _placeholder(sdt: BaseOxmlElement) -> bool:
    """Whether a content control shows its placeholder ("单击此处输入文字"), not content."""
    return _child(_child(sdt, "w:sdtPr"), "w:showingPlcHdr") is not None


def _content(sdt: BaseOxmlElement) -> BaseOxmlElement:
    """What a content control holds."""
    content = _child(sdt, "w:sdtContent")
    return sdt if content is None else content


def _blocks_in(el: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The paragraphs and tables in the body or a cell, through content controls."""
    for child in el:
        tag = _tag(child)
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT and not _placeholder(child):
            yield from _blocks_in(_content(child))
        elif tag in _BLOCK:
            yield from _blocks_in(child)


def _within(el: BaseOxmlElement, tag: str) -> Iterator[BaseOxmlElement]:
    """The rows of a table (``_TR``) or the cells of a row (``_TC``), through content
    controls."""
    for child in el:
        if _tag(child) == tag:
            yield child
        elif _tag(child) in (_SDT, _SDT_CONTENT, *_BLOCK):
            yield from _within(child, tag)


# ---- text ---------------------------------------------------------------------------


def paragraph_text(p: BaseOxmlElement) -> str:
    """The text of a ``w:p`` as Word shows it, without its list number.

    Tabs and line breaks are spaces, a non-breaking hyphen a hyphen; soft hyphens,
    deleted and hidden text, field codes and drawings are left out; fields' results kept.
    """
    out: list[str] = []
    _collect(p, out, [])
    return "".join(out).replace("\u00ad", "")


def _collect(el: BaseOxmlElement, out: list[str], fields: list[bool]) -> None:
    """The text of the runs in ``el`` into ``out``; ``fields`` has one flag per field
    open here, set once its result (what Word shows) has begun."""
    for child in el:
        tag = _tag(child)
        if tag == _R:
            _run(child, out, fields)
        elif tag == _SDT:
            if not _placeholder(child):
                _collect(_content(child), out, fields)
        elif tag in _INLINE:
            _collect(child, out, fields)


def _run(run: BaseOxmlElement, out: list[str], fields: list[bool]) -> None:
    hidden = _on(_child(_child(run, "w:rPr"), "w:vanish"))
    for child in run:
        tag = _tag(child)
        if tag == _FLD_CHAR:
            kind = _attr(child, "w:fldCharType")
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif hidden or not all(fields):
            continue
        elif tag == _T:
            out.append(str(child.text or ""))
        elif tag in _SPACES:
            out.append(" ")
        elif tag == _HYPHEN:
            out.append("-")


# ---- styles -------------------------------------------------------------------------


class _Styles:
    """The styles part: names, ``basedOn`` and the numbering styles give paragraphs."""

    def __init__(self, root: BaseOxmlElement | None) -> None:
        self.names: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.numbers: dict[str, tuple[int | None, int | None]] = {}  # numId, ilvl
        self.default: str | None = None
        for style in _children(root, "w:style") if root is not None else []:
            sid = _attr(style, "w:styleId")
            if not sid:
                continue
            name = _attr(_child(style, "w:name"))
            self.names[sid] = BabelFish.internal2ui(name) if name else sid
            kind = _attr(style, "w:type") or "paragraph"
            if kind == "paragraph" and _on_attr(style, "w:default") and self.default is None:
                self.default = sid
            parent = _attr(_child(style, "w:basedOn"))
            if parent:
                self.based_on[sid] = parent
            num_pr = _child(_child(style, "w:pPr"), "w:numPr")
            if num_pr is not None:
                num = _int(_child(num_pr, "w:numId"))
                self.numbers[sid] = (num, _int(_child(num_pr, "w:ilvl")))

    def name(self, sid: str | None) -> str:
        """The style's name as Word shows it; the default style's for an unknown one."""
        return self.names.get(sid or "") or self.names.get(self.default or "", "")

    def numbering(self, sid: str | None) -> tuple[int | None, int | None, str | None]:
        """The numId and ilvl the style (or one it is based on) gives, and that style."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            num, ilvl = self.numbers.get(sid, (None, None))
            if num is not None:
                return num, ilvl, sid
            sid = self.based_on.get(sid)
        return None, None, None


def _on_attr(el: BaseOxmlElement, name: str) -> bool:
    value = _attr(el, name)
    return value is not None and value not in _OFF


# ---- numbering ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    """One level of a list: how its number looks and when it starts again."""

    fmt: str = "decimal"  # w:numFmt
    text: str = ""  # w:lvlText, "%1、"
    start: int = 0  # w:start (0 when missing, as the standard says)
    restart: int | None = None  # w:lvlRestart: after which level (1-based; 0 = never)
    suffix: str = "tab"  # w:suff: tab, space or nothing
    legal: bool = False  # w:isLgl: every level's number in decimal
    style: str | None = None  # w:pStyle: the paragraph style that takes this level


def _level(lvl: BaseOxmlElement, base: _Level | None = None) -> _Level:
    """The level ``lvl`` defines; what it leaves out taken from ``base``."""
    base = base or _Level()

    def text(tag: str, default: str) -> str:
        value = _attr(_child(lvl, tag))
        return default if value is None else value

    def number(tag: str, default: int | None) -> int | None:
        value = _int(_child(lvl, tag))
        return default if value is None else value

    fmt = _child(lvl, "w:numFmt")
    if fmt is None:  # Word 2010's custom formats, with a standard one as the fallback
        fmt = lvl.find(f"{_MC}AlternateContent/{_MC}Fallback/{qn('w:numFmt')}")
    legal = _child(lvl, "w:isLgl")
    return _Level(
        fmt=_attr(fmt) or base.fmt,
        text=text("w:lvlText", base.text),
        start=number("w:start", base.start) or 0,
        restart=number("w:lvlRestart", base.restart),
        suffix=text("w:suff", base.suffix),
        legal=base.legal if legal is None else _on(legal),
        style=_attr(_child(lvl, "w:pStyle")) or base.style,
    )


@dataclass(frozen=True)
class _List:
    key: str  # whose counters it uses: its abstract numbering's, or its own
    levels: dict[int, _Level]


_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
_LEVEL_REF = re.compile(r"%([1-9])")


class _Numbering:
    """The numbering part, and the counters of the lists as the document goes on."""

    def __init__(self, root: BaseOxmlElement | None, styles: _Styles) -> None:
        self._styles = styles
        self._abstracts: dict[int, BaseOxmlElement] = {}
        self._linked: dict[str, int] = {}  # numbering style → the abstract it defines
        self._nums: dict[int, BaseOxmlElement] = {}
        self._lists: dict[int, _List | None] = {}
        self._counters: dict[str, dict[int, int]] = {}
        for el in _children(root, "w:abstractNum") if root is not None else []:
            aid = _int(el, "w:abstractNumId")
            if aid is not None:
                self._abstracts.setdefault(aid, el)
                link = _attr(_child(el, "w:styleLink"))
                if link:
                    self._linked.setdefault(link, aid)
        for el in _children(root, "w:num") if root is not None else []:
            nid = _int(el, "w:numId")
            if nid is not None:
                self._nums.setdefault(nid, el)

    def level_of(self, num_id: int, style: str | None) -> int | None:
        """The level of list ``num_id`` that paragraphs of ``style`` take, if one says so."""
        found = self._list(num_id)
        if found is None or style is None:
            return None
        return next((i for i, level in found.levels.items() if level.style == style), None)

    def number(self, num_id: int, ilvl: int) -> str:
        """The number of the next paragraph at ``ilvl`` in list ``num_id``, with what follows
        it ("一、", "1. "), or "" for a bullet or a list that is not defined."""
        found = self._list(num_id)
        levels = found.levels if found else {}
        level = levels.get(ilvl)
        if found is None or level is None:
            return ""
        counters = self._counters.setdefault(found.key, {})
        _advance(counters, levels, ilvl)
        if level.fmt == "bullet":
            return ""

        def shown(match: re.Match[str]) -> str:
            ref = int(match.group(1)) - 1
            other = levels.get(ref)
            if other is None:
                return ""
            fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
            return format_number(counters.get(ref, other.start), fmt)

        number = _LEVEL_REF.sub(shown, level.text)
        return number + _SUFFIXES.get(level.suffix, " ") if number else ""

    def _list(self, num_id: int) -> _List | None:
        if num_id not in self._lists:
            self._lists[num_id] = self._resolve(num_id)
        return self._lists[num_id]

    def _resolve(self, num_id: int) -> _List | None:
        """List ``num_id``'s levels: its abstract numbering's, with its overrides."""
        num = self._nums.get(num_id)
        aid = self._abstract_of(num)
        abstract = self._abstracts.get(aid) if aid is not None else None
        if num is None or abstract is None:
            return None
        levels = {
            ilvl: _level(lvl)
            for lvl in _children(abstract, "w:lvl")
            if (ilvl := _int(lvl, "w:ilvl")) is not None
        }
        overrides = _children(num, "w:lvlOverride")
        for override in overrides:
            ilvl = _int(override, "w:ilvl")
            if ilvl is None:
                continue
            lvl = _child(override, "w:lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl, levels.get(ilvl))
            start = _int(_child(override, "w:startOverride"))
            if start is not None:
                levels[ilvl] = replace(levels.get(ilvl, _Level()), start=start)
        key = f"num {num_id}" if overrides else f"abstract {aid}"
        return _List(key, levels)

    def _abstract_of(self, num: BaseOxmlElement | None) -> int | None:
        """The abstract numbering ``num`` uses, a ``w:numStyleLink`` followed to the
        numbering style's own definition."""
        aid = _int(_child(num, "w:abstractNumId"))
        seen: set[int] = set()
        while aid is not None and aid not in seen:
            seen.add(aid)
            link = _attr(_child(self._abstracts.get(aid), "w:numStyleLink"))
            if not link:
                return aid
            if link in self._linked:
                aid = self._linked[link]
                continue
            styled, _, _ = self._styles.numbering(link)
            aid = _int(_child(self._nums.get(styled or -1), "w:abstractNumId"))
        return aid


def _advance(counters: dict[int, int], levels: dict[int, _Level], ilvl: int) -> None:
    """Count one more paragraph at ``ilvl``: deeper levels start again (unless their
    ``w:lvlRestart`` says after which level they do), this one goes up or starts."""
    for deeper in [k for k in counters if k > ilvl]:
        level = levels.get(deeper)
        after = level.restart if level and level.restart is not None else deeper
        if ilvl < after:
            del counters[deeper]
    level = levels[ilvl]
    counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start


# ---- number formats -----------------------------------------------------------------

_CHINESE = tuple("零一二三四五六七八九")
_LEGAL = tuple("零壹贰叁肆伍陆柒捌玖")
_JAPANESE = ("", *"一二三四五六七八九")  # no mark for skipped places


def _positional(
    n: int,
    digits: tuple[str, ...],
    units: str,
    groups: str,
    bare: str = "十",
    anywhere: bool = False,
) -> str:
    """``n`` in Chinese-style positional numerals: ``units`` for 十百千 (or 拾佰仟),
    ``groups`` for 万亿, ``digits[0]`` for skipped places (一百零一; none when it is "");
    a one before a unit in ``bare`` is left out where it leads the number (十一, not
    一十一), or ``anywhere`` (Japanese 百十一)."""
    if n == 0:
        return digits[0] or "〇"
    text = str(n)
    out: list[str] = []
    skipped = False
    for i, ch in enumerate(text):
        place = len(text) - 1 - i
        digit = int(ch)
        if digit == 0:
            skipped = bool(out)
        else:
            if skipped:
                out.append(digits[0])
            skipped = False
            unit = ("", *units)[place % 4]
            bare_one = digit == 1 and unit != "" and unit in bare and (anywhere or not out)
            out.append(("" if bare_one else digits[digit]) + unit)
        if place and place % 4 == 0 and text[max(0, i - 3) : i + 1].strip("0"):
            out.append(groups[place // 4 - 1])
    return "".join(out)


def _table(chars: str, first: int = 1) -> Callable[[int], str | None]:
    def pick(n: int) -> str | None:
        return chars[n - first] if first <= n < first + len(chars) else None

    return pick


def _circled(n: int) -> str | None:
    """①–⑳, then ㉑–㉟ and ㊱–㊿ (Unicode's circled numbers, as Word uses them)."""
    for low, high, base in ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)):
        if low <= n <= high:
            return chr(base + n - low)
    return "⓪" if n == 0 else None


def _letters(n: int) -> str | None:
    """a … z, then aa … zz, aaa …: Word repeats the letter (up to 30 times here)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 1 <= n <= 780 else None


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str | None:
    if not 0 < n < 4000:
        return None
    out: list[str] = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _upper(pick: Callable[[int], str | None]) -> Callable[[int], str | None]:
    return lambda n: text.upper() if (text := pick(n)) is not None else None


def _counting(
    digits: tuple[str, ...], units: str, groups: str, bare: str = "十", anywhere: bool = False
) -> Callable[[int], str | None]:
    def count(n: int) -> str | None:
        return _positional(n, digits, units, groups, bare, anywhere) if 0 <= n < 10**12 else None

    return count


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_FORMATS: dict[str, Callable[[int], str | None]] = {
    "chineseCounting": _counting(_CHINESE, "十百千", "万亿"),
    "chineseCountingThousand": _counting(_CHINESE, "十百千", "万亿"),
    "taiwaneseCounting": _counting(_CHINESE, "十百千", "萬億"),
    "taiwaneseCountingThousand": _counting(_CHINESE, "十百千", "萬億"),
    "chineseLegalSimplified": _counting(_LEGAL, "拾佰仟", "万亿", bare=""),
    "japaneseCounting": _counting(_JAPANESE, "十百千", "万億", bare="十百千", anywhere=True),
    "ideographDigital": lambda n: (
        "".join("〇一二三四五六七八九"[int(c)] for c in str(n)) if n >= 0 else None
    ),
    "ideographTraditional": _table("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _table("子丑寅卯辰巳午未申酉戌亥"),
    "ideographEnclosedCircle": _table("㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"),
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalEnclosedFullstop": _table("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"),
    "decimalEnclosedParen": _table("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else None,
    "lowerLetter": _letters,
    "upperLetter": _upper(_letters),
    "lowerRoman": _roman,
    "upperRoman": _upper(_roman),
    "ordinal": _ordinal,
    "bullet": lambda n: "",
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` as a list number in Word's ``w:numFmt`` ``fmt``: ``chineseCounting`` 11 is
    十一, ``decimalEnclosedCircle`` 2 is ②; decimal for a format or value it cannot show."""
    shown = _FORMATS.get(fmt, str)(n)
    return str(n) if shown is None else shown


# ---- the body -----------------------------------------------------------------------


class _Reader:
    """The body to blocks, counting paragraphs and tables and numbering as Word does."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self._styles = styles
        self._numbering = numbering

    def blocks(self, body: BaseOxmlElement) -> list[Block]:
        blocks: list[Block] = []
        paragraphs = tables = 0
        for el in _blocks_in(body):
            if _tag(el) == _TBL:
                tables += 1
                blocks.extend(self._table(el, tables))
                continue
            number, text, style = self._paragraph(el)
            if text:  # an empty one, even numbered, is left out
                paragraphs += 1
                blocks.append(Block(number + text, f"第{paragraphs}段", style=style))
        return blocks

    def _paragraph(self, p: BaseOxmlElement) -> tuple[str, str, str]:
        """The paragraph's list number (with what follows it), its text, its style's name.

        The number is counted even for an empty paragraph: Word shows it there too.
        """
        p_pr = _child(p, "w:pPr")
        sid = _attr(_child(p_pr, "w:pStyle")) or self._styles.default
        number = self._number(_child(p_pr, "w:numPr"), sid)
        return number, paragraph_text(p).strip(), self._styles.name(sid)

    def _number(self, num_pr: BaseOxmlElement | None, sid: str | None) -> str:
        """The list number of a paragraph with ``num_pr`` (its own) and style ``sid``."""
        num = _int(_child(num_pr, "w:numId"))
        ilvl = _int(_child(num_pr, "w:ilvl"))
        styled_num, styled_ilvl, styled_by = self._styles.numbering(sid)
        if num is None:
            num = styled_num
            ilvl = styled_ilvl if ilvl is None else ilvl
        if not num:  # none, or 0: numbering taken off
            return ""
        if ilvl is None:
            ilvl = self._numbering.level_of(num, styled_by or sid)
        return self._numbering.number(num, min(max(ilvl or 0, 0), 8))

    def _table(self, tbl: BaseOxmlElement, number: int) -> list[Block]:
        rows = self._rows(tbl)
        header = tuple(rows[0]) if rows else ()
        return [
            Block(" | ".join(cells), f"表{number}第{r}行", cells=tuple(cells), header=header)
            for r, cells in enumerate(rows, 1)
            if any(cells)
        ]

    def _rows(self, tbl: BaseOxmlElement) -> list[list[str]]:
        """Each row's text by grid column: a merged cell's text in every column and row it
        spans."""
        rows: list[list[str]] = []
        above: list[str] = []
        for tr in _within(tbl, _TR):
            above = self._row(tr, above)
            rows.append(above)
        return rows

    def _row(self, tr: BaseOxmlElement, above: list[str]) -> list[str]:
        tr_pr = _child(tr, "w:trPr")
        cells = [""] * _count(_child(tr_pr, "w:gridBefore"), 0)
        for tc in _within(tr, _TC):
            tc_pr = _child(tc, "w:tcPr")
            text = self._cell(tc)  # read even when merged: its numbers count
            v_merge = _child(tc_pr, "w:vMerge")
            h_merge = _child(tc_pr, "w:hMerge")
            if v_merge is not None and _attr(v_merge) != "restart":
                text = above[len(cells)] if len(cells) < len(above) else ""
            elif h_merge is not None and _attr(h_merge) != "restart" and cells:
                text = cells[-1]
            cells.extend([text] * _count(_child(tc_pr, "w:gridSpan"), 1))
        cells.extend([""] * _count(_child(tr_pr, "w:gridAfter"), 0))
        return cells

    def _cell(self, tc: BaseOxmlElement) -> str:
        """A cell's paragraphs (and nested tables, flattened) joined by spaces; a numbered
        paragraph with no text is its number (a 序号 column numbered by Word)."""
        parts: list[str] = []
        for el in _blocks_in(tc):
            if _tag(el) == _TBL:
                rows = _within(el, _TR)
                parts.extend(self._cell(cell) for row in rows for cell in _within(row, _TC))
            else:
                number, text, _ = self._paragraph(el)
                parts.append((number + text).strip())
        return " ".join(part for part in parts if part)


def _count(el: BaseOxmlElement | None, default: int) -> int:
    """A span or skipped-column count, kept within what a table can have (63 columns)."""
    value = _int(el)
    return default if value is None else min(max(value, 0), 63)


# ---- .doc and .wps ------------------------------------------------------------------


def legacy_command(path: Path, outdir: Path) -> list[str] | None:
    """The LibreOffice command that converts ``path`` (a ``.doc`` or ``.wps``) to ``.docx``
    in ``outdir``, or None when ``path`` is neither or ``soffice`` is not on ``PATH``.

    Run it without a shell, within :data:`CONVERT_TIMEOUT` seconds; its own profile in
    ``outdir`` keeps it from handing the work to a LibreOffice the editor has open.
    """
    soffice = shutil.which("soffice")
    if soffice is None or path.suffix.lower() not in LEGACY_SUFFIXES:
        return None
    profile = (outdir / "profile").absolute().as_uri()
    return [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(path),
    ]


def legacy_result(path: Path, outdir: Path) -> Path | None:
    """The ``.docx`` :func:`legacy_command` made of ``path`` in ``outdir``, if it did."""
    made = outdir / f"{path.stem}.docx"
    return made if made.is_file() else None
