"""Source files as text: encodings, byte order marks, line ends, and files that are not files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from campaign_pages.core.load.textfile import decode_source, read_source

TEXT = "title: 扶贫日\n# 注释\nlead: 市委宣传部\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),  # Notepad's "UTF-8 with BOM"
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        TEXT.encode("utf-16"),  # Notepad's "Unicode": a byte order mark, then UTF-16-LE
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "crlf", "cr", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_text_comes_back_as_text_mode_gives_it(data: bytes) -> None:
    assert decode_source(data, "f.yml") == (TEXT, [])


HINT = (
    "用 UTF-8 编码另存这个文件：记事本点“文件 → 另存为”，“编码”选 UTF-8；"
    "WPS 点“另存为”，编码选 UTF-8；VS Code 点右下角的编码名称，"
)


def test_gbk_is_reported_at_the_line_of_its_first_chinese_character() -> None:
    data = "title: x\n# only ASCII so far\nlead: 市委宣传部\n".encode("gbk")
    text, problems = decode_source(data, "data/campaigns/x.yml")
    assert text is None
    assert [str(p) for p in problems] == [
        "data/campaigns/x.yml:3: 文件不是 UTF-8 编码（看起来是 GBK） 提示："
        + HINT
        + "先选“通过编码重新打开”和 GBK，再选“通过编码保存”和 UTF-8。"
    ]


def test_gb18030_and_unknown_encodings() -> None:
    # U+20000 is in GB18030 (four bytes) but not in GBK
    _, problems = decode_source("a: b\nc: 𠀀\n".encode("gb18030"), "f.yml")
    assert (problems[0].line, problems[0].message) == (2, "文件不是 UTF-8 编码（看起来是 GB18030）")
    _, problems = decode_source(b"a: b\r\nc: d\r\ne: \x80\xff\n", "f.yml")
    assert [str(p) for p in problems] == [
        f"f.yml:3: 文件不是 UTF-8 编码（未知编码） 提示：{HINT}选“通过编码保存”和 UTF-8。"
    ]


def test_a_byte_order_mark_that_lies_is_reported() -> None:
    data = "a: b\nc: d\n".encode("utf-16") + b"\x00\xd8"  # a lone surrogate on line 3
    _, problems = decode_source(data, "f.yml")
    assert [(p.line, p.message) for p in problems] == [
        (3, "文件开头标明是 UTF-16 编码，但内容不是")
    ]


def test_files_that_are_not_regular_files_inside_the_folder_are_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "news/folder.md").mkdir(parents=True)
    (docs / "news/real.md").write_text("# 新闻\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("# 外面\n", encoding="utf-8")
    links = {
        "dangling.md": "missing.md",
        "loop.md": "loop.md",
        "outside.md": "../../outside.md",
        "inside.md": "real.md",
    }
    for name, target in links.items():
        (docs / "news" / name).symlink_to(target)
    os.mkfifo(docs / "news/fifo.md")  # reading it would block forever

    def read(name: str) -> tuple[str | None, list[str]]:
        text, problems = read_source(docs / "news" / name, f"docs/news/{name}", docs)
        return text, [str(p) for p in problems]

    assert read("real.md") == ("# 新闻\n", [])
    assert read("inside.md") == ("# 新闻\n", [])
    assert read("folder.md") == (
        None,
        [
            "docs/news/folder.md:1: 这是一个文件夹，不是文件 "
            "提示：给文件夹改个名字，不要以 .md 结尾，否则会被当作文件来读。"
        ],
    )
    assert read("dangling.md") == (
        None,
        [
            "docs/news/dangling.md:1: 链接指向的“missing.md”不存在 "
            "提示：删除这个链接，或者把它指向的文件放回原处。"
        ],
    )
    assert read("loop.md") == (
        None,
        ["docs/news/loop.md:1: 这个链接绕成了圈，读不到文件 提示：删除这个链接，换成文件本身。"],
    )
    assert read("outside.md") == (
        None,
        [
            f"docs/news/outside.md:1: 这是指向 docs/ 以外“{tmp_path.resolve()}/outside.md”的链接，"
            "没有读取 提示：把文件本身放到 docs/ 里，不要用链接指向外面的文件。"
        ],
    )
    assert read("fifo.md") == (
        None,
        ["docs/news/fifo.md:1: 这不是普通文件，没有读取 提示：换成普通的文本文件，或者删除它。"],
    )
