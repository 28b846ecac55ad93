"""Policy documents cited in articles: 《title》, issuing body where printed, document number (国办发〔2022〕13号)."""
from __future__ import annotations

import re
from dataclasses import dataclass

TITLE = re.compile(r"《([^《》]{4,80})》")
NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[（(]\d{4}[〕\]）)]\d+号")
# Short forms an article defines for a document ("以下简称《通知》") are references, not documents.
ABBREVIATION = re.compile(r"以下简称《[^》]+》")
ISSUED_BY = re.compile(r"([\u4e00-\u9fff]{2,15}?)(?:近日|日前)?(?:联合)?印发$")
DOCUMENT_ENDINGS = ("通知", "意见", "方案", "办法", "规定", "规划", "计划", "决定", "纲要", "条例", "细则", "指南")


@dataclass(frozen=True)
class Document:
    title: str
    issuer: str | None  # as printed at the start of the title (国务院办公厅关于… -> 国务院办公厅)
    number: str | None
    offset: int


def find_documents(text: str) -> list[Document]:
    """Documents cited in a text, in order, each once."""
    skip = {m.start() + 4 for m in ABBREVIATION.finditer(text)}
    out, seen = [], set()
    for m in TITLE.finditer(text):
        title = m.group(1)
        if m.start() in skip or title in seen or not title.endswith(DOCUMENT_ENDINGS):
            continue
        seen.add(title)
        issuer = title.split("关于", 1)[0] if "关于" in title and not title.startswith("关于") else None
        if not issuer:  # 教育部印发《…》, 四川省教育厅等九部门近日联合印发《…》
            clause = re.split(r"[，。；：、]", text[: m.start()])[-1]
            by = ISSUED_BY.search(clause)
            issuer = by.group(1) if by else None
        after = text[m.end() : m.end() + 20]
        number = NUMBER.search(after)
        out.append(Document(title, issuer or None, number.group(0).lstrip("（(") if number else None, m.start()))
    return out
