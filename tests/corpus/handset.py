"""Hand-set pages: render a gold page dict as text in the seed's conventions, without any PDF.

The seed page (seeds/000_*.txt) is what a PDF extractor wrote for one real newspaper page. This module
imitates its conventions directly from a gold page dict (tests/corpus/FORMAT.md, "gold/<page>.json"):

- per article, body paragraphs hard-wrapped at a column width drawn per article between 10 and 30 cells
  (a CJK character is 1 cell, an ASCII character 0.5); the first line of every paragraph is 2 cells
  shorter (the indent is lost, no leading spaces are written);
- 避头尾: a closing mark (，。、；：？！）》”’ …) that would start a line stays at the end of the previous line
  (that line overflows); an opening mark (“（《‘ …) never ends a line (it moves to the next one); ASCII
  words and numbers are not split unless longer than the column;
- an inline source line ("本报讯（记者 X）") opens the first paragraph and is wrapped with it; a standalone
  source line ("本报记者 X", "□ X") gets a line of its own before the body (or, on some articles, under the
  headline); an end-position source line goes on its own line after the body;
- subheads on lines of their own; "（上接第1版）" before the body; the ending "（作者单位：…）" and
  "（下转第2版）" after the body;
- the headline block -- kicker line, the title (on up to 3 lines when long), subtitle line -- is printed
  AFTER its article's body (headline_order "after"), or all headline blocks at the very end of the page
  (headline_order "end"); chosen per page by `handset_gold`, read from gold["headline_order"]["handset"];
- captions after their article (after its headline block); page-level photo captions between two articles;
- furniture lines at the top or at the bottom of the page (or split between both);
- on most pages a blank line after every line (headline lines are sometimes packed without one), on some
  pages no blank lines at all;
- now and then the previous article's last headline line and the next article's first (source) line are
  glued on one line, separated by a space; after a headline the next article's first line may start with a
  space;
- on some articles stray spaces around ASCII digit runs ("11 月 17 日", "2023 届").

The rendering is deterministic for a given `random.Random` state and uses no other source of randomness.
"""

from __future__ import annotations

import copy
import math
import random
import re

# Marks that must not start a line (they stay at the end of the previous one).
CLOSING = set("，。、；：？！）》〉」』】〕］｝”’…—·％‰,.;:?!)]}%")
# Marks that must not end a line (they move to the start of the next one).
OPENING = set("“‘（《〈「『【〔［｛([{")

HEADLINE_ORDERS = ("after", "end")

_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:[.\-/:+_'][A-Za-z0-9]+)*%?")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def cells(text: str) -> float:
    """Display width: ASCII = 0.5 cell, everything else (CJK, full-width marks) = 1 cell."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def _tokens(text: str, cap: float) -> list[str]:
    """Split text into unbreakable tokens: ASCII words/numbers (if they fit a line), single other chars."""
    out: list[str] = []
    pos = 0
    for m in _ASCII_WORD.finditer(text):
        out.extend(text[pos:m.start()])
        word = m.group()
        if cells(word) <= cap:
            out.append(word)
        else:
            out.extend(word)
        pos = m.end()
    out.extend(text[pos:])
    return out


def wrap(text: str, width: float, first_short: float = 0.0) -> list[str]:
    """Hard-wrap text at `width` cells (first line `width - first_short`), respecting 避头尾.

    Lines may overflow by trailing closing marks. Spaces at line breaks are dropped; no line starts or ends
    with a space.
    """
    text = text.strip()
    if not text:
        return []
    lines: list[str] = []
    cap = max(width - first_short, 2.0)
    cur: list[str] = []
    curw = 0.0
    for tok in _tokens(text, max(width - first_short, 2.0)):
        w = cells(tok)
        if tok.isspace() and not cur:
            continue
        if cur and curw + w > cap:
            if tok[0] in CLOSING:  # 避头尾: stays at the end of this line, which overflows
                cur.append(tok)
                curw += w
                continue
            # Break before tok (a space at the break is dropped); an opening mark moves to the next line.
            carry: list[str] = []
            while len(cur) > 1 and cur[-1][-1] in OPENING:
                carry.insert(0, cur.pop())
            line = "".join(cur).rstrip()
            if line:
                lines.append(line)
            cap = float(width)
            cur = carry
            curw = sum(cells(t) for t in cur)
            if tok.isspace():
                continue
        cur.append(tok)
        curw += w
    line = "".join(cur).strip()
    if line:
        lines.append(line)
    return lines


def _is_cjk_letter(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and ch not in CLOSING and ch not in OPENING and not ch.isspace()


def space_digits(text: str, rng: random.Random, p: float) -> str:
    """Insert stray spaces between ASCII digit runs and neighbouring CJK letters, each run with chance p."""
    if p <= 0:
        return text
    out: list[str] = []
    pos = 0
    for m in _DIGITS.finditer(text):
        out.append(text[pos:m.start()])
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        run = m.group()
        if rng.random() < p:
            if before and _is_cjk_letter(before):
                run = " " + run
            if after and _is_cjk_letter(after):
                run = run + " "
        out.append(run)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def title_lines(title: str, rng: random.Random) -> list[str]:
    """A headline on one line, or on 2-3 balanced lines when it is longer than the head width."""
    title = title.strip()
    if not title:
        return []
    head_width = rng.randint(14, 28)
    total = cells(title)
    if total <= head_width:
        return [title]
    n = min(3, math.ceil(total / head_width))
    parts = [p for p in title.split(" ") if p]
    if 2 <= len(parts) <= 3 and max(cells(p) for p in parts) <= head_width * 1.3:
        return parts
    lines = wrap(title, math.ceil(total / n) + 0.5)
    if len(lines) > 3:
        lines = lines[:2] + ["".join(lines[2:])]
    return lines


def _subhead_flags(paragraphs: list[str], subheads: list[str]) -> list[bool]:
    """Which paragraphs are subheads: the gold subheads, matched in order."""
    flags = [False] * len(paragraphs)
    k = 0
    for i, para in enumerate(paragraphs):
        if k < len(subheads) and para == subheads[k]:
            flags[i] = True
            k += 1
    return flags


class _Page:
    """Lines with the separator written after each ("\\n\\n" = a blank line follows, "\\n" = none)."""

    def __init__(self, blank: bool):
        self.blank = blank
        self.lines: list[list] = []  # [text, sep, kind]

    @property
    def body_sep(self) -> str:
        return "\n\n" if self.blank else "\n"

    def add(self, text: str, kind: str = "body", sep: str | None = None) -> None:
        self.lines.append([text, self.body_sep if sep is None else sep, kind])

    def text(self) -> str:
        out = "".join(t + s for t, s, _ in self.lines)
        return out if out.endswith("\n") else out + "\n"


def _headline_block(page: _Page, art: dict, rng: random.Random, extra: list[str]) -> None:
    """Kicker, title line(s), subtitle (+ extra lines such as a standalone byline) as headline lines."""
    lines: list[str] = []
    if art.get("kicker"):
        lines.append(art["kicker"].strip())
    if art.get("title"):
        lines.extend(title_lines(art["title"], rng))
    if art.get("subtitle"):
        lines.append(art["subtitle"].strip())
    lines.extend(extra)
    if not lines:
        return
    tight = page.blank and rng.random() < 0.5
    for i, line in enumerate(lines):
        sep = "\n" if (tight or not page.blank) else "\n\n"
        if i == len(lines) - 1 and page.blank:
            sep = "\n" if rng.random() < 0.5 else "\n\n"
        page.add(line, "head", sep)


def _article_lines(art: dict, rng: random.Random, digit_p: float) -> tuple[list[str], list[str]]:
    """(body-block lines, extra headline lines) for one article, the body wrapped at its own width."""
    width = int(round(rng.triangular(10, 30, 16)))
    block: list[str] = []
    head_extra: list[str] = []
    source = (art.get("source_line") or "").strip()
    position = art.get("source_position") or "inline"
    if art.get("continued_from"):
        block.extend(wrap(art["continued_from"], width))
    if source and position == "standalone":
        if rng.random() < 0.75:
            block.append(source)
        else:
            head_extra.append(source)
    paragraphs = [p for p in (art.get("paragraphs") or [])]
    flags = _subhead_flags(paragraphs, list(art.get("subheads") or []))
    inline_done = not (source and position == "inline")
    for para, is_sub in zip(paragraphs, flags):
        if is_sub:
            block.extend(wrap(para, max(width, cells(para.strip()) if cells(para.strip()) <= 30 else width)))
            continue
        text = space_digits(para.strip(), rng, digit_p)
        if not inline_done:
            text = space_digits(source, rng, digit_p) + text
            inline_done = True
        block.extend(wrap(text, width, 2))
    if not inline_done:  # an inline source line but no paragraphs
        block.extend(wrap(source, width, 2))
    if source and position == "end":
        block.extend(wrap(source, width))
    if art.get("ending"):
        block.extend(wrap(art["ending"], width))
    if art.get("continued_to"):
        block.extend(wrap(art["continued_to"], width))
    return block, head_extra


def render_handset(gold: dict, rng: random.Random) -> str:
    """Render a gold page dict as an extractor-like text page in the seed's conventions (see module doc)."""
    order = (gold.get("headline_order") or {}).get("handset", "after")
    if order not in HEADLINE_ORDERS:
        raise ValueError(f"headline_order['handset'] must be one of {HEADLINE_ORDERS}, not {order!r}")
    page = _Page(blank=rng.random() < 0.8)
    glue_p = rng.choice([0.0, 0.25, 0.5])
    furniture = [f.strip() for f in (gold.get("furniture") or []) if f and f.strip()]
    where = rng.choice(["top", "top", "bottom", "bottom", "split"])
    if where == "split" and len(furniture) >= 2:
        cut = rng.randint(1, len(furniture) - 1)
        top, bottom = furniture[:cut], furniture[cut:]
    elif where == "top":
        top, bottom = furniture, []
    else:
        top, bottom = [], furniture
    for line in top:
        page.add(line, "furniture")

    articles = list(gold.get("articles") or [])
    photo_captions = [c.strip() for c in (gold.get("photo_captions") or []) if c and c.strip()]
    photo_after = rng.randint(0, len(articles))  # after this many articles

    def add_photo_captions() -> None:
        for cap in photo_captions:
            page.add(cap, "caption")

    if photo_after == 0:
        add_photo_captions()
    for idx, art in enumerate(articles):
        digit_p = rng.choice([0.0, 0.0, 0.0, 0.3, 0.6])
        block, head_extra = _article_lines(art, rng, digit_p)
        prev = page.lines[-1] if page.lines else None
        starts_with_source = bool(art.get("source_line")) and (art.get("source_position") in ("inline", "standalone"))
        if block:
            first = block[0]
            if prev is not None and prev[2] == "head" and starts_with_source and rng.random() < glue_p:
                prev[0] = prev[0] + " " + first
                prev[1] = page.body_sep
                prev[2] = "body"
                block = block[1:]
            elif prev is not None and prev[2] == "head" and prev[1] == "\n" and rng.random() < 0.7:
                block = [" " + first] + block[1:]
            elif prev is None and rng.random() < 0.3:
                block = [" " + first] + block[1:]
        for line in block:
            page.add(line, "body")
        if order == "after":
            _headline_block(page, art, rng, head_extra)
        else:
            for line in head_extra:  # no headline here: the byline stays with the body
                page.add(line, "body")
        for cap in art.get("captions") or []:
            if cap and cap.strip():
                page.add(cap.strip(), "caption")
        if photo_after == idx + 1:
            add_photo_captions()
    if order == "end":
        for art in articles:
            _headline_block(page, art, rng, [])
    for line in bottom:
        page.add(line, "furniture")
    return page.text()


def handset_gold(gold: dict, rng: random.Random) -> dict:
    """A copy of `gold` for a hand-set page: kind "handset", headline_order["handset"] drawn from rng."""
    out = copy.deepcopy(gold)
    out["kind"] = "handset"
    order = dict(out.get("headline_order") or {})
    order["handset"] = "after" if rng.random() < 0.8 else "end"
    out["headline_order"] = order
    return out


if __name__ == "__main__":
    # A made-up page (invented text) to show the output.
    demo = {
        "page": "h000",
        "kind": "news",
        "furniture": ["示例教育报", "2023年3月1日 星期三", "第2版 综合新闻"],
        "headline_order": {},
        "articles": [
            {"id": "demo-1", "kicker": "春季学期开学", "title": "示例市中小学迎来新学期第一课",
             "subtitle": "——三所学校开展安全教育活动", "source_line": "本报讯（记者 王示例 通讯员 李演示）",
             "source_position": "inline", "authors": [],
             "paragraphs": ["2月27日上午，示例市各中小学陆续开学，学生们在“开学第一课”上学习了交通、消防和食品安全知识。",
                            "示例市教育局相关负责人介绍，今年全市共有312所学校、约15.6万名学生返校，各校提前做好了《开学工作方案》。"],
             "subheads": [], "ending": None, "continued_to": None, "continued_from": None,
             "captions": ["学生们在操场上参加升旗仪式。王示例 摄"]},
            {"id": "demo-2", "kicker": None, "title": "让阅读成为习惯", "subtitle": None,
             "source_line": "□ 张演示", "source_position": "standalone", "authors": [],
             "paragraphs": ["阅读能让孩子看到更广阔的世界。", "一、从兴趣出发", "学校每周安排2节阅读课，鼓励学生自主选书。"],
             "subheads": ["一、从兴趣出发"], "ending": "（作者单位：示例市实验小学）",
             "continued_to": None, "continued_from": None, "captions": []},
        ],
        "photo_captions": [],
        "tables": [],
    }
    r = random.Random(3)
    g = handset_gold(demo, r)
    print(f"# headline_order: {g['headline_order']['handset']}")
    print(render_handset(g, r))
