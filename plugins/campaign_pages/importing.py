"""``campaign import FILE``: read a plan document, write its campaign file, add new units
to the directory, check the result, and report what was found and what to review.

Exit status: 0 when a file was written, 1 when nothing structured was found (or the year
is unknown), 2 when the document cannot be read.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from campaign_pages.core.imports.document import Block
from campaign_pages.core.imports.importer import Imported, NothingFound, NoYear, import_blocks
from campaign_pages.core.load.docx import (
    CONVERT_TIMEOUT,
    LEGACY_SUFFIXES,
    MAX_BYTES,
    legacy_command,
    legacy_result,
    read_docx,
)
from campaign_pages.core.load.schema import SLUG
from campaign_pages.core.load.textfile import decode_document
from campaign_pages.core.problems import Problem
from campaign_pages.core.read.site import read_site


def import_file(root: Path, data: Path, args: argparse.Namespace) -> int:
    source: Path = args.file
    blocks, problems = read_document(source)
    if blocks is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    site, _ = read_site(data)
    try:
        result = import_blocks(
            blocks,
            source.name,
            site.departments,
            kind=args.kind,
            year=args.year,
            new_departments=not args.no_new_departments,
        )
    except NoYear as exc:
        print(
            f"{source}: 原文没有写明方案的年份（标题和正文里都没有，或写成了“XX年”），"
            "没有写入文件。\n"
            f"提示：用 --year 给出年份，如 campaign import {source.name} --year 2017；"
            "导入程序不会猜测年份。" + (f"{exc}。" if str(exc) else ""),
            file=sys.stderr,
        )
        return 1
    except NothingFound:
        print(
            f"{source}: 没有找到带编号的条目（一、（一）1. 等），"
            "也没有写明牵头、配合或责任单位的句子和列出的活动，没有写入文件。\n"
            "提示：检查文件是否就是方案正文；扫描件（图片）需要先转成文字。",
            file=sys.stderr,
        )
        return 1
    ident = args.id or _default_id(source, result.year.year)
    if not re.match(SLUG, ident):
        print(
            f"方案 id“{ident}”只能由小写英文字母、数字和连字符组成；用 --id 指定。", file=sys.stderr
        )
        return 2
    out: Path = args.output or data / "campaigns" / f"{ident}.yml"
    if out.exists():
        print(f"{out} 已经存在，不会覆盖；用 -o 写到别处，或先删除它。", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.text, encoding="utf-8")
    if result.new_units:
        _add_units(data / "departments.yml", result, source.name)
    _report(result, out, root, data)
    return 0


def read_document(path: Path) -> tuple[list[Block] | None, list[Problem]]:
    """The document's blocks, or None with the problem (unreadable, too big, old format)."""
    rel = str(path)
    if not path.is_file():
        return None, [Problem(rel, 1, "找不到这个文件", "检查文件名和路径。")]
    if path.stat().st_size > MAX_BYTES:
        return None, [Problem(rel, 1, "文件超过 50 MB，不像是一份方案", "只导入方案正文。")]
    suffix = path.suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        converted = convert_legacy(path)
        if converted is None:
            return None, [
                Problem(
                    rel,
                    1,
                    f"不能直接读取 {suffix} 格式（旧版 Word/WPS 文件）",
                    "在 Word 或 WPS 里打开它，“另存为”Word 文档（*.docx），再导入 .docx 文件；"
                    "或安装 LibreOffice，导入时会自动转换。",
                )
            ]
        try:
            return _docx(converted, rel)
        finally:
            shutil.rmtree(converted.parent, ignore_errors=True)
    if suffix == ".docx":
        return _docx(path, rel)
    text, problems = decode_document(path.read_bytes(), rel)
    if text is None:
        return None, problems
    lines = text.splitlines()
    return [Block(line, f"第{n}行") for n, line in enumerate(lines, 1) if line.strip()], []


def _docx(path: Path, rel: str) -> tuple[list[Block] | None, list[Problem]]:
    blocks, problems = read_docx(path, rel)
    return (blocks if blocks or not problems else None), problems


def convert_legacy(path: Path) -> Path | None:
    """.doc/.wps → .docx by LibreOffice in a temporary folder of its own (the caller removes
    it), or None without LibreOffice or when it fails or takes too long."""
    outdir = Path(tempfile.mkdtemp(prefix="campaign-import-"))
    command = legacy_command(path, outdir)
    result = None
    if command is not None:
        try:
            process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            process = None
        if process is not None:
            try:
                process.wait(timeout=CONVERT_TIMEOUT)
            except subprocess.TimeoutExpired:
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin
                else:
                    process.kill()
                process.wait()
            result = legacy_result(path, outdir)
    if result is None:
        shutil.rmtree(outdir, ignore_errors=True)
    return result


def _default_id(source: Path, year: int | None) -> str:
    """The file's name when it can be an id, else one made from it (imported-<hash>-<year>)."""
    stem = source.stem.lower()
    if re.match(SLUG, stem):
        return stem
    digest = hashlib.sha1(source.stem.encode("utf-8")).hexdigest()[:6]
    return f"imported-{digest}" + (f"-{year}" if year else "")


def _add_units(path: Path, result: Imported, source: str) -> None:
    """New units at the end of the directory, with a comment to check them."""
    text = path.read_text("utf-8") if path.exists() else "departments:\n"
    if not text.endswith("\n"):
        text += "\n"
    lines = [
        f"\n  # campaign import 从 {source} 新增的单位：请核对名称，"
        "补上简称（aliases）和分组（group）"
    ]
    for ident, name in result.new_units:
        lines += [f"  - id: {ident}", f"    name: {name}", "    group: 导入新增"]
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def _report(result: Imported, out: Path, root: Path, data: Path) -> None:
    """What was found, and every place to review, as OUT:line with the source excerpt."""
    rel = _rel(out, root)
    draft = result.draft
    nodes = draft.all_nodes()
    top = draft.nodes
    label = {
        "activities": "项活动",
        "tasks": "项任务",
        "areas": "个方面",
        "figures": "项数据",
    }[draft.key]
    print(f"已写入 {rel}：{len(top)} {label}（类型 {result.kind}，年份 {result.year.year}）")
    with_units = [
        n for n in nodes if any(k in n.fields for k in ("lead", "support", "responsible"))
    ]
    for node in top:
        roles = "；".join(
            f"{name}：{'、'.join(node.fields[key])}"
            for key, name in (("lead", "牵头"), ("support", "配合"), ("responsible", "责任"))
            if key in node.fields
        )
        print(
            f"  · {node.fields.get('title', node.fields.get('label', ''))}"
            + (f"（{roles}）" if roles else "")
        )
    if draft.key in ("activities", "tasks"):
        print(f"写明单位的 {len(with_units)} 项，没有单位的 {len(nodes) - len(with_units)} 项")
    if result.new_units:
        print(
            f"新增单位 {len(result.new_units)} 个"
            f"（已加到 {_rel(data / 'departments.yml', root)}）："
        )
        for ident, name in result.new_units:
            print(f"  · {name}（id: {ident}）")
    if result.unknown_units:
        print(
            "名录里没有的单位（未添加，请在名录里补上或改成已有的名称）："
            + "、".join(result.unknown_units)
        )
    lines = {id(node): line for line, node in result.item_lines.items()}
    unsure = [(lines.get(id(n), 1), note, n.excerpt) for n in nodes for note in n.notes]
    unsure += [(1, note, "") for note in draft.notes]
    if unsure:
        print("待核对：")
        for line, note, excerpt in sorted(unsure, key=lambda u: u[0]):
            print(f"{rel}:{line}: {note}" + (f"（原文：{excerpt}）" if excerpt else ""))
    _, problems = read_site(data)
    own = [p for p in problems if p.path.endswith(out.name)]
    for problem in own:
        print(problem)
    if not own:
        print("campaign check 没有发现这个文件的问题。")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
