"""Reading Word plans: paragraphs and table rows in body order, list numbers rebuilt as Word
shows them, and every file that is not a readable .docx as one problem, never a traceback.

The documents are made here with python-docx; the numbering part is written by hand, as
Word writes it, since python-docx cannot make lists."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from campaign_pages.core.imports.document import Block
from campaign_pages.core.load import docx as reader
from campaign_pages.core.load.docx import (
    format_number,
    legacy_command,
    legacy_result,
    paragraph_text,
    read_docx,
)
from campaign_pages.core.problems import Problem

# ---- making documents ---------------------------------------------------------------


def _lvl(ilvl: int, fmt: str, text: str, suff: str | None = "nothing", extra: str = "") -> str:
    """A ``w:lvl`` as Word writes it (``extra``: lvlRestart, pStyle or isLgl, in that order)."""
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""  # none: a tab, Word's default
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'{suffix}<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _abstract(aid: int, *levels: str, link: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{link}{"".join(levels)}</w:abstractNum>'


def _num(nid: int, aid: int, override: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'


def _numbering(*parts: str) -> bytes:
    return f"<w:numbering {nsdecls('w')}>{''.join(parts)}</w:numbering>".encode()


OUTLINE = _abstract(  # the plan outline: 一、 （一） 1. ①
    1,
    _lvl(0, "chineseCounting", "%1、"),
    _lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
    _lvl(2, "decimal", "%3."),
    _lvl(3, "decimalEnclosedCircle", "%4"),
)
RESTART = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'


def _number(paragraph: Paragraph, num: int, ilvl: int | None = None) -> Paragraph:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num
    return paragraph


def _numbered(doc: DocumentObject, text: str, num: int, ilvl: int) -> Paragraph:
    return _number(doc.add_paragraph(text), num, ilvl)


def _save(doc: DocumentObject, path: Path, numbering: bytes | None = None) -> Path:
    doc.save(str(path))
    if numbering is not None:
        _rewrite(path, {"word/numbering.xml": numbering})
    return path


def _rewrite(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    """The package at ``path`` with ``parts`` replaced (each must already be in it)."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    assert set(parts) <= set(members)
    with zipfile.ZipFile(path, "w", method) as new:
        for name, data in members.items():
            new.writestr(name, parts.get(name, data))


def _read(path: Path) -> list[Block]:
    blocks, problems = read_docx(path, "方案.docx")
    assert problems == []
    return blocks


def _texts(path: Path) -> list[str]:
    return [block.text for block in _read(path)]


# ---- numbering ----------------------------------------------------------------------


def _plan(tmp_path: Path) -> Path:
    doc = Document()
    numbering_style = doc.styles.add_style("方案编号", WD_STYLE_TYPE.LIST)
    _number_style(numbering_style.element, 3)
    clause = doc.styles.add_style("条款", WD_STYLE_TYPE.PARAGRAPH)
    _number_style(clause.element, 4)  # numId only: the level is the list's first
    _number_style(doc.styles["Heading 2"].element, 1)  # the level is the one naming the style
    doc.add_paragraph("测试扶贫日活动方案", "Title")
    _numbered(doc, "指导思想", 1, 0)
    doc.add_paragraph("　　以脱贫攻坚统揽经济社会发展全局。")
    _numbered(doc, "基本原则", 1, 0)
    _numbered(doc, "坚持政府引导", 1, 1)
    _numbered(doc, "坚持社会参与", 1, 1)
    doc.add_paragraph("")
    _numbered(doc, "活动安排", 1, 0)
    doc.add_paragraph("宣传活动", "Heading 2")
    _numbered(doc, "召开新闻发布会", 1, 2)
    _numbered(doc, "发布会筹备", 1, 3)
    _numbered(doc, "邀请媒体", 1, 3)
    _numbered(doc, "开展摄影展", 1, 2)
    _numbered(doc, "征集作品", 1, 3)
    _numbered(doc, "附则", 2, 0)
    doc.add_paragraph("总则", "条款")
    doc.add_paragraph("附则", "条款")
    style_id = numbering_style.style_id
    numbering = _numbering(
        OUTLINE,
        _abstract(2, link=f'<w:numStyleLink w:val="{style_id}"/>'),
        _abstract(
            3,
            _lvl(0, "chineseCounting", "第%1条", "space"),
            link=f'<w:styleLink w:val="{style_id}"/>',
        ),
        _num(1, 1),
        _num(2, 1, RESTART),
        _num(3, 3),
        _num(4, 2),
    )
    return _save(doc, tmp_path / "方案.docx", numbering)


def _number_style(style: object, num: int) -> None:
    num_pr = style.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_numId().val = num


def test_list_numbers_are_rebuilt_as_word_shows_them(tmp_path: Path) -> None:
    assert [(b.text, b.where, b.style) for b in _read(_plan(tmp_path))] == [
        ("测试扶贫日活动方案", "第1段", "Title"),
        ("一、指导思想", "第2段", "Normal"),
        ("以脱贫攻坚统揽经济社会发展全局。", "第3段", "Normal"),
        ("二、基本原则", "第4段", "Normal"),
        ("（一）坚持政府引导", "第5段", "Normal"),
        ("（二）坚持社会参与", "第6段", "Normal"),
        # the empty paragraph is left out and not counted
        ("三、活动安排", "第7段", "Normal"),
        # numbered by its style, at the level that names the style; restarted by 三、
        ("（一）宣传活动", "第8段", "Heading 2"),
        ("1.召开新闻发布会", "第9段", "Normal"),
        ("①发布会筹备", "第10段", "Normal"),
        ("②邀请媒体", "第11段", "Normal"),
        ("2.开展摄影展", "第12段", "Normal"),
        ("①征集作品", "第13段", "Normal"),
        # a list restarted with w:startOverride (Word's "重新开始于 1")
        ("一、附则", "第14段", "Normal"),
        # the paragraph style's numbering, a w:numStyleLink to the numbering style
        ("第一条 总则", "第15段", "条款"),
        ("第二条 附则", "第16段", "条款"),
    ]
    assert all(b.cells == () and b.header == () for b in _read(_plan(tmp_path)))


def test_levels_suffixes_restarts_and_formats(tmp_path: Path) -> None:
    doc = Document()
    _numbered(doc, "总体要求", 5, 0)
    _numbered(doc, "工作目标", 5, 1)
    _numbered(doc, "第一项", 5, 2)
    _numbered(doc, "主要措施", 5, 1)
    _numbered(doc, "第二项", 5, 2)  # lvlRestart 1: only a first-level item restarts it
    _numbered(doc, "保障措施", 5, 0)
    _numbered(doc, "第三项", 5, 2)
    _numbered(doc, "组织领导", 6, 0)
    _numbered(doc, "领导小组", 6, 1)
    _numbered(doc, "要点", 7, 0)
    _numbered(doc, "", 8, 0)  # empty: left out, but Word shows 01. there and counts it
    _numbered(doc, "第二条目", 8, 0)
    _numbered(doc, "甲方", 9, 0)
    _numbered(doc, "乙方", 9, 0)
    _numbered(doc, "未定义的列表", 99, 0)
    _numbered(doc, "未定义的级别", 5, 7)
    _number(doc.add_paragraph("取消编号"), 0, 0)
    custom = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    numbering = _numbering(
        _abstract(
            4,
            _lvl(0, "decimal", "%1.", None),
            _lvl(1, "decimal", "%1.%2.", "space"),
            _lvl(2, "lowerLetter", "(%3)", None, '<w:lvlRestart w:val="1"/>'),
        ),
        _abstract(
            5,
            _lvl(0, "chineseCounting", "%1、"),
            _lvl(1, "decimal", "%1.%2", "space", "<w:isLgl/>"),
        ),
        _abstract(6, _lvl(0, "bullet", "\uf0b7", None)),
        _abstract(7, custom),
        _abstract(8, _lvl(0, "ideographTraditional", "%1、")),
        _num(5, 4),
        _num(6, 5),
        _num(7, 6),
        _num(8, 7),
        _num(9, 8),
    )
    assert _texts(_save(doc, tmp_path / "levels.docx", numbering)) == [
        "1. 总体要求",  # w:suff missing: a tab, which is a space in the text
        "1.1. 工作目标",
        "(a) 第一项",
        "1.2. 主要措施",
        "(b) 第二项",
        "2. 保障措施",
        "(a) 第三项",
        "一、组织领导",
        "1.1 领导小组",  # w:isLgl: the first level's 一 in decimal
        "要点",  # a bullet: the text, no number
        "02. 第二条目",  # Word 2010's custom format, read as its decimalZero fallback
        "甲、甲方",
        "乙、乙方",
        "未定义的列表",
        "未定义的级别",
        "取消编号",
    ]


def test_lists_sharing_a_definition_share_its_counters(tmp_path: Path) -> None:
    doc = Document()
    _numbered(doc, "指导思想", 1, 0)
    _numbered(doc, "基本原则", 2, 0)  # another w:num of the same w:abstractNum
    _numbered(doc, "重新开始", 3, 0)  # … that restarts: its own counters
    _numbered(doc, "接着第一个列表", 1, 0)
    numbering = _numbering(OUTLINE, _num(1, 1), _num(2, 1), _num(3, 1, RESTART))
    assert _texts(_save(doc, tmp_path / "shared.docx", numbering)) == [
        "一、指导思想",
        "二、基本原则",
        "一、重新开始",
        "三、接着第一个列表",
    ]


def test_numbering_style_links_either_way(tmp_path: Path) -> None:
    doc = Document()
    by_link = doc.styles.add_style("章编号", WD_STYLE_TYPE.LIST)  # no numPr of its own
    chapter = doc.styles.add_style("章标题", WD_STYLE_TYPE.PARAGRAPH)
    _number_style(chapter.element, 11)
    by_style = doc.styles.add_style("项编号", WD_STYLE_TYPE.LIST)
    _number_style(by_style.element, 13)  # and no abstractNum names it in w:styleLink
    doc.add_paragraph("总则", "章标题")
    _numbered(doc, "适用范围", 16, 0)
    doc.add_paragraph("附则", "章标题")
    _numbered(doc, "解释权", 16, 0)
    numbering = _numbering(
        _abstract(10, link=f'<w:numStyleLink w:val="{by_link.style_id}"/>'),
        _abstract(
            12,
            _lvl(0, "chineseCounting", "第%1章", "space"),
            link=f'<w:styleLink w:val="{by_link.style_id}"/>',
        ),
        _abstract(14, _lvl(0, "decimal", "%1)", "nothing")),
        _abstract(15, link=f'<w:numStyleLink w:val="{by_style.style_id}"/>'),
        _num(11, 10),
        _num(13, 14),
        _num(16, 15),
    )
    assert _texts(_save(doc, tmp_path / "links.docx", numbering)) == [
        "第一章 总则",
        "1)适用范围",
        "第二章 附则",
        "2)解释权",
    ]


@pytest.mark.parametrize(
    ("fmt", "values", "shown"),
    [
        ("chineseCounting", [1, 10, 11, 20, 21, 100], "一 十 十一 二十 二十一 一百"),
        (
            "chineseCounting",
            [101, 110, 1000, 10001, 100000],
            "一百零一 一百一十 一千 一万零一 十万",
        ),
        ("chineseCountingThousand", [9, 19, 99, 2024], "九 十九 九十九 二千零二十四"),
        ("chineseLegalSimplified", [3, 10, 12], "叁 壹拾 壹拾贰"),
        ("taiwaneseCounting", [12, 20000], "十二 二萬"),
        ("japaneseCounting", [10, 111, 2000, 305], "十 百十一 二千 三百五"),
        ("ideographDigital", [10, 205], "一〇 二〇五"),
        ("ideographTraditional", [1, 3, 10, 11], "甲 丙 癸 11"),
        ("ideographZodiac", [1, 12], "子 亥"),
        ("ideographEnclosedCircle", [1, 10], "㊀ ㊉"),
        ("decimalEnclosedCircle", [1, 2, 20, 21, 50, 51], "① ② ⑳ ㉑ ㊿ 51"),
        ("decimalEnclosedCircleChinese", [3], "③"),
        ("decimalEnclosedFullstop", [1, 20], "⒈ ⒛"),
        ("decimalEnclosedParen", [3], "⑶"),
        ("decimalFullWidth", [7, 12], "７ １２"),
        ("decimal", [7, 12], "7 12"),
        ("decimalZero", [3, 12], "03 12"),
        ("lowerLetter", [1, 26, 27, 53, 10**12], "a z aa aaa 1000000000000"),
        ("upperLetter", [2, 28], "B BB"),
        ("lowerRoman", [4, 9, 14, 1994], "iv ix xiv mcmxciv"),
        ("upperRoman", [3, 40, 4000], "III XL 4000"),
        ("ordinal", [1, 2, 3, 11, 12, 13, 21, 102], "1st 2nd 3rd 11th 12th 13th 21st 102nd"),
        ("cardinalText", [3], "3"),  # a format not known: decimal
    ],
)
def test_number_formats(fmt: str, values: list[int], shown: str) -> None:
    assert " ".join(format_number(n, fmt) for n in values) == shown


@pytest.mark.parametrize("fmt", ["bullet", "none"])
def test_formats_without_a_number(fmt: str) -> None:
    assert format_number(3, fmt) == ""


# ---- text ---------------------------------------------------------------------------


def _runs(xml: str) -> Paragraph:
    doc = Document()
    paragraph = doc.add_paragraph()
    for child in parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>"):
        paragraph._p.append(child)
    return paragraph


@pytest.mark.parametrize(
    ("xml", "text"),
    [
        (
            "<w:r><w:t>时间：</w:t><w:tab/><w:t>10月</w:t><w:br/><w:t>17日</w:t></w:r>",
            "时间： 10月 17日",
        ),
        ("<w:r><w:t>脱贫</w:t><w:softHyphen/><w:t>攻坚\u00ad战</w:t></w:r>", "脱贫攻坚战"),
        ("<w:r><w:t>第</w:t><w:noBreakHyphen/><w:t>1</w:t><w:cr/><w:t>期</w:t></w:r>", "第-1 期"),
        (  # a field: the code left out, the result kept
            '<w:r><w:t>共</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>',
            "共3页",
        ),
        (  # a field within a field's code: neither its code nor its result is shown
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText> MERGEFIELD 性别 </w:instrText></w:r>"
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>男</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><w:instrText> = "男" "先生" "女士" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>先生</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            "先生",
        ),
        (
            '<w:fldSimple w:instr=" DATE "><w:r><w:t>2017年10月</w:t></w:r></w:fldSimple>'
            '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            "<w:r><w:t>（见附件）</w:t></w:r></w:hyperlink>",
            "2017年10月（见附件）",
        ),
        (  # tracked changes as accepted; hidden text as Word hides it
            '<w:ins w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
            '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>',
            "新增显示",
        ),
        (
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字</w:t>"
            "</w:r></w:sdtContent></w:sdt><w:sdt><w:sdtContent><w:r><w:t>市委宣传部</w:t></w:r>"
            "</w:sdtContent></w:sdt>",
            "市委宣传部",
        ),
    ],
    ids=[
        "tab-break",
        "soft-hyphens",
        "hyphen-cr",
        "field",
        "nested-field",
        "simple-field-link",
        "revisions",
        "controls",
    ],
)
def test_text_as_word_shows_it(xml: str, text: str) -> None:
    assert paragraph_text(_runs(xml)._p) == text


# ---- tables -------------------------------------------------------------------------

HEADER = ("活动名称", "时间", "地点", "牵头单位", "配合单位")


def _schedule(tmp_path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("活动安排如下：")
    table = doc.add_table(rows=5, cols=5)
    rows = [
        HEADER,
        ("新闻发布会", "10月中旬", "市新闻中心", "市委宣传部", "市扶贫局"),
        ("摄影展", "10月17日", "", "市委宣传部", "市文联"),
        ("文艺演出", "10月17日", "市广场", "", "市文化局"),
        ("", "", "", "", ""),
    ]
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    table.cell(2, 1).merge(table.cell(2, 2)).text = "10月17日"  # 时间 and 地点 as one
    table.cell(2, 3).merge(table.cell(3, 3)).text = "市委宣传部"  # two rows' 牵头单位
    table.cell(3, 4).add_paragraph("市广电局")
    doc.add_paragraph("请各单位认真落实。")
    second = doc.add_table(rows=2, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "序号", "内容"
    _number(second.cell(1, 0).paragraphs[0], 1, 2)
    second.cell(1, 1).text = "宣传"
    nested = second.cell(1, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "展板", "横幅"
    return _save(doc, tmp_path / "日程.docx", _numbering(OUTLINE, _num(1, 1)))


def test_tables_row_by_row_in_their_place(tmp_path: Path) -> None:
    blocks = _read(_schedule(tmp_path))
    assert [(b.where, b.cells) for b in blocks if b.cells] == [
        ("表1第1行", HEADER),
        ("表1第2行", ("新闻发布会", "10月中旬", "市新闻中心", "市委宣传部", "市扶贫局")),
        ("表1第3行", ("摄影展", "10月17日", "10月17日", "市委宣传部", "市文联")),
        ("表1第4行", ("文艺演出", "10月17日", "市广场", "市委宣传部", "市文化局 市广电局")),
        # the empty fifth row is left out
        ("表2第1行", ("序号", "内容")),
        ("表2第2行", ("1.", "宣传 展板 横幅")),  # a numbered cell; a nested table flattened
    ]
    assert blocks[0] == Block("活动安排如下：", "第1段", style="Normal")
    assert blocks[5] == Block("请各单位认真落实。", "第2段", style="Normal")
    assert blocks[3].text == "摄影展 | 10月17日 | 10月17日 | 市委宣传部 | 市文联"
    assert {b.header for b in blocks[1:5]} == {HEADER}
    assert blocks[7].header == ("序号", "内容")


# ---- files that are not readable .docx ----------------------------------------------

SAVE_AS = "在 Word 或 WPS 中打开它，点“文件 → 另存为”，“保存类型”选“Word 文档（*.docx）”，再导入另存的文件。"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _problem(path: Path) -> Problem:
    blocks, problems = read_docx(path, "方案.docx")
    assert blocks == []
    assert len(problems) == 1
    assert problems[0].path == "方案.docx"
    return problems[0]


def _compound(*names: str, at: int = 1024) -> bytes:
    """A compound file (.doc, or an encrypted .docx) with directory entries ``names``."""
    data = bytearray(OLE + bytes(at + 128 * len(names)))
    for i, name in enumerate(names):
        entry = name.encode("utf-16-le") + b"\0\0"
        data[at + 128 * i : at + 128 * i + len(entry)] = entry
        data[at + 128 * i + 64 : at + 128 * i + 66] = len(entry).to_bytes(2, "little")
    return bytes(data)


def _zip(**members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "looks"),
    [
        ("一、指导思想\n二、基本原则\n".encode(), "这个文件看起来是纯文本文件。"),
        (b"", "这个文件看起来是空文件（0 字节）。"),
        (
            _compound("Root Entry", "WordDocument"),
            "这个文件看起来是 Word 97-2003 的 .doc 或 WPS 的 .wps 文件。",
        ),
        (b"{\\rtf1\\ansi ...}", "这个文件看起来是 RTF 文件。"),
        (
            b"\xef\xbb\xbf<html xmlns:o='urn:schemas-microsoft-com:office:office'>",
            "这个文件看起来是网页（HTML）文件。",
        ),
        (b"%PDF-1.7\n\x00\xff", "这个文件看起来是 PDF 文件。"),
        (bytes(range(256)), ""),
        (_zip(**{"a.txt": "x"}), "这个文件看起来是 ZIP 压缩包。"),
        (
            _zip(mimetype="application/vnd.oasis.opendocument.text", **{"content.xml": "<x/>"}),
            "这个文件看起来是 OpenDocument 文档（.odt）。",
        ),
    ],
    ids=["txt", "empty-file", "doc", "rtf", "html", "pdf", "binary", "zip", "odt"],
)
def test_files_that_are_not_docx(tmp_path: Path, data: bytes, looks: str) -> None:
    path = tmp_path / "方案.docx"
    path.write_bytes(data)
    problem = _problem(path)
    assert (problem.line, problem.message, problem.hint) == (
        1,
        "不是 Word 2007 以后的 .docx 文件",
        looks + SAVE_AS,
    )


def test_another_office_file_renamed(tmp_path: Path) -> None:
    path = _save(Document(), tmp_path / "方案.docx")
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    wordml = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert wordml in types
    _rewrite(path, {"[Content_Types].xml": types.replace(wordml, sheet).encode()})
    problem = _problem(path)
    assert problem.message == "不是 Word 2007 以后的 .docx 文件"
    assert problem.hint == "这个文件看起来是 Excel 表格。" + SAVE_AS


def test_an_encrypted_document(tmp_path: Path) -> None:
    path = tmp_path / "方案.docx"
    path.write_bytes(_compound("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    problem = _problem(path)
    assert problem.message == "文件设置了打开密码（已加密），无法读取"
    assert "删掉密码" in problem.hint
    # the name only as text, not as a directory entry: an old .doc that mentions it
    path.write_bytes(
        _compound("Root Entry", "WordDocument") + "EncryptedPackage".encode("utf-16-le")
    )
    assert _problem(path).message == "不是 Word 2007 以后的 .docx 文件"


REPAIR = "在 Word 或 WPS 中打开它（Word 会提示修复），再点“文件 → 另存为”保存成新的 .docx 文件，导入新文件；打不开就找发文单位重新要一份。"


def test_a_damaged_part(tmp_path: Path) -> None:
    path = _save(Document(), tmp_path / "方案.docx")
    _rewrite(path, {"word/document.xml": b"<w:document xmlns:w='x'><w:body>"})
    problem = _problem(path)
    assert problem.message.startswith("文件已损坏，读不出其中的内容（")
    assert problem.hint == REPAIR


def test_a_part_that_fails_its_checksum(tmp_path: Path) -> None:
    path = _save(Document(), tmp_path / "方案.docx")
    _rewrite(path, {}, zipfile.ZIP_STORED)
    data = path.read_bytes()
    at = data.index(b"<w:body>")
    path.write_bytes(data[:at] + b"<w:BODY>" + data[at + 8 :])
    problem = _problem(path)
    assert (problem.message, problem.hint) == (
        "文件已损坏：其中的“word/document.xml”读不出来",
        REPAIR,
    )


def test_a_file_cut_short(tmp_path: Path) -> None:
    path = _save(Document(), tmp_path / "方案.docx")
    path.write_bytes(path.read_bytes()[:5000])
    assert _problem(path).message == "文件不完整或已损坏（可能没有下载或复制完）"


def test_an_empty_document_has_no_blocks(tmp_path: Path) -> None:
    assert read_docx(_save(Document(), tmp_path / "空.docx"), "空.docx") == ([], [])


def test_what_is_not_a_file(tmp_path: Path) -> None:
    assert _problem(tmp_path / "没有.docx").message == "无法读取文件：文件不存在"
    (tmp_path / "文件夹.docx").mkdir()
    assert _problem(tmp_path / "文件夹.docx").message == "这是一个文件夹，不是文件"


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document()
    for text in ("一", "二", "三"):
        doc.add_paragraph(text)
    path = _save(doc, tmp_path / "方案.docx")
    assert _texts(path) == ["一", "二", "三"]
    monkeypatch.setattr(reader, "MAX_PARAGRAPHS", 2)
    assert _problem(path).message == "文档有 3 段，超过了 2 段的上限，没有读取"
    monkeypatch.setattr(reader, "MAX_UNPACKED", 10_000)
    assert _problem(path).message == "文件解压后超过 0 MB，没有读取"
    monkeypatch.setattr(reader, "MAX_BYTES", 1024 * 1024 // 2)
    path.write_bytes(bytes(1024 * 1024))
    problem = _problem(path)
    assert problem.message == "文件有 1.0 MB，超过了 0.5 MB 的上限，没有读取"
    assert "压缩图片" in problem.hint


# ---- .doc and .wps ------------------------------------------------------------------


def _soffice_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text("#!/bin/sh\nexit 0\n")
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    return soffice


def test_the_libreoffice_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = _soffice_on_path(tmp_path, monkeypatch)
    out = tmp_path / "out"
    assert legacy_command(tmp_path / "方案.DOC", out) == [
        str(soffice),
        f"-env:UserInstallation={(out / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(out),
        str(tmp_path / "方案.DOC"),
    ]
    assert legacy_command(tmp_path / "方案.wps", out) is not None
    assert legacy_command(tmp_path / "方案.docx", out) is None
    monkeypatch.setenv("PATH", os.fspath(tmp_path / "empty"))
    assert legacy_command(tmp_path / "方案.doc", out) is None


def test_the_converted_file(tmp_path: Path) -> None:
    assert legacy_result(tmp_path / "方案.doc", tmp_path) is None
    (tmp_path / "方案.docx").write_bytes(b"")
    assert legacy_result(tmp_path / "方案.doc", tmp_path) == tmp_path / "方案.docx"
