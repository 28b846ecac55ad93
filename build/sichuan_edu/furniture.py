"""Page furniture -> what the margins print: paper, date, page number, section (版名), editors.

Editors are page staff, not people in articles: they are kept as printed on the page row only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .knowledge import Knowledge

DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PAGE = re.compile(r"第\s*([\d一二三四五六七八九十]+)\s*版(?:\s+([\u4e00-\u9fff]{2,8})(?![\u4e00-\u9fff]*报))?")
STAFF = re.compile(r"(?:责任编辑|责编|版式|美编|校对|版面设计|组版|照排)\s*[：:]\s*[\u4e00-\u9fff·]{2,4}")
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@dataclass
class Furniture:
    printed: list[str]  # the lines as printed
    paper: str | None = None
    date: str | None = None  # ISO, from the printed date
    page_no: int | None = None
    section: str | None = None
    editors: str | None = None  # 责任编辑：X 版式：Y, as printed


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CHINESE_DIGITS.get(text[1:], 0)
    if text.endswith("十"):
        return CHINESE_DIGITS.get(text[0], 0) * 10
    if "十" in text:
        tens, ones = text.split("十")
        return CHINESE_DIGITS.get(tens, 0) * 10 + CHINESE_DIGITS.get(ones, 0)
    return CHINESE_DIGITS.get(text)


def read_furniture(lines: list[str], know: Knowledge) -> Furniture:
    """The facts the margins print, each taken from the first line that prints it."""
    out = Furniture(printed=list(lines))
    staff = []
    for line in lines:
        if out.date is None and (m := DATE.search(line)):
            try:
                out.date = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                pass
        if out.page_no is None and (m := PAGE.search(line)):
            out.page_no = _number(m.group(1))
            out.section = m.group(2)
        staff += [m.group(0) for m in STAFF.finditer(line)]
        if out.paper is None:
            # A paper's name is a token of its own ending like one (…报); a section (职教周刊) follows 第N版.
            # Tokens at spaces and where a date begins (教育导报2026年1月15日: the space went with the digits).
            tokens = [t for part in re.split(r"\s+", line) for t in re.split(r"(?=\d)", part) if t]
            names = [t for t in tokens if know.paper_name.match(t) and t != out.section]
            out.paper = next((t for t in names if t.endswith("报")), names[0] if names else None)
    out.editors = " ".join(staff) or None
    return out
