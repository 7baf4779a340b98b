"""What a document's text carries that is not the document: the boilerplate of
document-sharing sites, the page numbers a scrape glues into sentences, mixed full-width and
half-width punctuation. Everything here works on text and keeps where each block came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from campaign_pages.core.imports.document import Block

# whole lines a document-sharing site adds around a document
_BOILERPLATE = re.compile(
    r"^\s*("
    r"您好[，,]?\s*欢迎访问|当前位置[:：]|温馨提示|下载文档|收藏\s*分享|分享\s*$|网站客服|"
    r"本文标题[:：]|链接地址[:：]|原文地址[:：]|版权声明|"
    r"(ID|大小|页数|格式|上传时间|发布时间|更新时间|发布日期|浏览|下载|来源)[:：]|"
    r"时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}|"  # a page's timestamp, not an activity's time
    r"第\d+页\s*共\d+页\s*$|"
    r"\d+\.\s*(部分包含数学公式|本文档由用户上传|下载前请仔细阅读|下载文档时可能)|"
    r"《[^》]*》由会员分享|.*请在\S*上搜索|.*珍藏版\)|"
    r"(上一篇|下一篇|相关推荐|猜你喜欢|热门文档|精品文档|立即下载|举报|扫码|点击下载)|"
    r"[-·•]?\s*\d{0,2}[、.]?\s*\S*(下载文档|文档内容|在线预览|人工客服|申请退款|侵犯您的权益|"
    r"VIP|会员专享|积分下载)"
    r")"
)
# "…坚决扛起巡察整改" / "2、主体责任，…": a page number glued to the start of the next page
_PAGE_JOIN = re.compile(r"^\s*(\d{1,3})[、，,]\s*(?=\S)")
_SENTENCE_END = "。！？；：…”’）)】」"
# …文\n36、明素养… within one block (a scrape that kept the pages on one line)
_INLINE_JOIN = re.compile(r"(?<=[\u4e00-\u9fff，、“”])\s*\n\s*(\d{1,3})、(?=[\u4e00-\u9fff])")

_TO_FULL = str.maketrans({"(": "（", ")": "）", ";": "；", "!": "！", "?": "？"})
_COLON = re.compile(r"(?<!\d):|:(?!\d)")  # 9:30 keeps its colon
_COMMA = re.compile(r"(?<=[\u4e00-\u9fff）」”]),|,(?=[\u4e00-\u9fff（“])")
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\t]+(?=[\u4e00-\u9fff])")


def normalise(text: str) -> str:
    """One way of writing what documents write several ways: full-width digits and letters
    as ASCII, ASCII brackets and punctuation among Chinese as full-width, ideographic
    spaces and tabs as spaces, the odd quote marks of OCR (〞〝) as “”."""
    text = "".join(
        unicodedata.normalize("NFKC", ch) if "\uff10" <= ch <= "\uff5a" else ch for ch in text
    )
    text = text.replace("\u3000", " ").replace("\t", " ").replace("〝", "“").replace("〞", "”")
    text = _COMMA.sub("，", _COLON.sub("：", text.translate(_TO_FULL)))
    text = re.sub(r"(?<![\d.])(\d{1,2})\s+(?=[.．、](?!\d))", r"\1", text)  # "1 .一副标语"
    text = _PINYIN.sub("", text)  # 環(huán)保局: a converter's pinyin after a character
    text = _SPACE_IN_CJK.sub(_space, text)
    return re.sub(r"[ ]{2,}", " ", text).strip()


def _space(match: re.Match[str]) -> str:
    """A space between Chinese characters is where a scrape lost a line break, unless it is
    inside quotes (“新时代 新国安”) or between short words (a title's keywords)."""
    before = match.string[: match.start()]
    line = before[before.rfind("\n") + 1 :]
    if line.count("“") > line.count("”"):
        return " "
    end = match.string.find("\n", match.end())
    whole = line + match.string[match.end() : end if end >= 0 else None]
    if len(whole) <= 40 and not re.search(r"[。；！？，]", whole):
        return ""  # a heading's words spaced apart (开展网路 安全教育 专题活动): one heading
    words = re.split(r"[\s，。；：]", line)
    return "\n" if len(words[-1]) >= 6 else ""


def simplified(blocks: list[Block]) -> tuple[list[Block], bool]:
    """A document in traditional characters, in simplified ones (the site's), and whether it
    was: 舉辦縣科技活動周 is read as 举办县科技活动周."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    out = [
        replace(
            b,
            text=convert(b.text),
            cells=tuple(convert(c) for c in b.cells),
            header=tuple(convert(h) for h in b.header),
        )
        for b in blocks
    ]
    changed = sum(a.text != b.text for a, b in zip(blocks, out, strict=True))
    return (out, True) if changed * 5 >= len(blocks) else (list(blocks), False)


def clean(blocks: list[Block]) -> list[Block]:
    """The document's own blocks, normalised, boilerplate dropped, page joins mended."""
    kept: list[Block] = []
    page = 0  # the last page number seen glued to a page's first line
    for block in blocks:
        text = normalise(_INLINE_JOIN.sub("", block.text))
        if not text or (not block.cells and _BOILERPLATE.match(text)):
            continue
        match = _PAGE_JOIN.match(text) if not block.cells else None
        number = int(match[1]) if match else 0
        # page 1 is seen before any other: an item "2、" after a heading is not a page
        expected = number in (page + 1, page + 2) and (page > 0 or number == 1)
        if match and expected and _continues(kept, match, text):
            page = int(match[1])
            rest = text[match.end() :]
            if kept and page > 1 and not kept[-1].text.endswith(tuple(_SENTENCE_END)):
                last = kept.pop()
                kept.append(replace(last, text=last.text + rest))
                continue
            text = rest
        kept.append(replace(block, text=text))
    return kept


def _continues(kept: list[Block], match: re.Match[str], text: str) -> bool:
    """A glued page number, not an item "1、": the page before ended inside a sentence, or
    this is the first page (whose first line is the document's title)."""
    if int(match[1]) == 1:
        # "1、区委宣传部…报告根据…": the first page's number before the title, or after the
        # file's name when the page repeats it ("创建文明城市整改报告 篇4.docx", then
        # "1、创建文明城市整改报告篇4县创城指挥部…")
        if len(kept) == 1:
            name = re.sub(r"\s|\.(?:docx?|wps|pdf|txt)$", "", kept[0].text)
            return len(name) >= 4 and re.sub(r"\s", "", text[match.end() :]).startswith(name)
        return not kept
    return bool(kept) and not kept[-1].text.endswith(tuple(_SENTENCE_END))


# "宪法宣传周工作方案 篇1": one document of a template site's collection page
_ENTRY = re.compile(r"^(?P<title>.{4,60}?)\s*(?:[（(]?\s*篇\s*\d{1,3}\s*[）)]?|第\s*\d{1,3}\s*篇)$")


def collection_entry(blocks: list[Block]) -> list[Block]:
    """A collection page (its title, a date, 目录, then "……方案 篇1"): the first document of
    it, from its own title on; the page's lines before it (whose year is the site's, not the
    plan's) dropped. Other documents as they are."""
    for index, block in enumerate(blocks[1:8], 1):
        entry = _ENTRY.match(block.text)
        if entry and not block.cells:
            return [replace(block, text=entry["title"]), *blocks[index + 1 :]]
    return blocks
