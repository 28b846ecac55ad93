#!/usr/bin/env python3
"""Page-corpus generator: real texts -> newspaper page specs -> PDFs -> extracted text + gold.

    .venv/bin/python tests/corpus/make_corpus.py --out tests/corpus --seed 1

Reads   <out>/texts/*.jsonl (FORMAT.md), sorted by id, chosen with random.Random(seed).
Writes  <out>/pdf/pNNN.pdf                 (reportlab, Debian's Noto CJK; not committed)
        <out>/pages/pdftotext/pNNN.txt     (`pdftotext -enc UTF-8 pdf out`, reading order)
        <out>/pages/pdfium/pNNN.txt        (pypdfium2 get_text_range(), content-stream order, \\r\\n -> \\n)
        <out>/pages/handset/hNNN.txt       (tests/corpus/handset.py render_handset, if that module exists)
        <out>/gold/pNNN.json, gold/hNNN.json, and manifest.csv in every pages folder.

Pages: --pages regular PDF pages (p001...), --handset hand-set pages (h001...), then --loose PDF pages
(p041... with the defaults) whose body line spacing is 1.6-1.75 em, which pdftotext outputs row-wise (the
columns interleaved line by line). The loose pages use their own random streams, after all other pages.

Needs: reportlab, pypdfium2, fonttools (python); poppler-utils, fonts-noto-cjk (Debian).

Fonts: reportlab embeds only TrueType outlines, and Debian's Noto CJK .ttc files are CFF (PostScript)
outlines, so the generator subsets each Noto CJK face to the characters the corpus uses and converts the
outlines to TrueType quadratics with fontTools (cu2qu). The converted fonts are cached in <out>/pdf/fonts/.

Deterministic: the same texts and seed give byte-identical text, gold and manifest files (the PDFs are
written with reportlab's invariant mode too).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import hashlib
import importlib.util
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------------------
# Generator data (names, papers, sections): only for furniture and composed bylines.
# ---------------------------------------------------------------------------------------------------------
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟汪范陆廖")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建文辉力斌宇浩凯鹏飞云帆瑶琳雪梅欣怡婷晨阳思佳俊峰亮林")
PAPERS = ["四川教育导报", "教育导报", "四川教育报"]
SECTIONS = ["要闻", "综合新闻", "教育时评", "基层动态", "校园", "职教周刊", "高教", "区域教育", "简讯", "图片新闻", "理论", "视点"]
CITIES = ["成都", "绵阳", "德阳", "泸州", "宜宾", "南充", "乐山", "达州", "眉山", "广安", "雅安", "自贡", "内江", "遂宁", "巴中", "攀枝花"]
UNITS = ["四川省教育科学研究院", "成都市教育局", "四川师范大学教育科学学院", "西南大学教师教育学院", "绵阳市游仙区教育局",
         "成都市石室中学", "乐山师范学院", "宜宾市叙州区第一中学", "德阳市教育科学研究所", "四川省成都市龙泉驿区教育研究院"]
TITLES_OF = ["四川省特级教师", "中学高级教师", "成都市某区教研员", "高校教师", "小学校长", "教育学博士"]
WEEKDAYS = "一二三四五六日"

CLOSING = set("，。、；：？！）》〉」』】〕］｝”’…—·％‰,.;:?!)]}%")
OPENING = set("“‘（《〈「『【〔［｛([{")

FONT_FILES = {
    "serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "serifb": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    "sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "sansb": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
}
LATIN_FONT = ("/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf", "latin")

# Body line spacing (x font size). Up to ~1.5 pdftotext reads each column as one block; from ~1.6 it
# stops grouping the lines into blocks and outputs the page row-wise (the columns interleaved line by
# line). The regular pages stay tight; the "loose" pages (--loose) are set with the wide spacing.
TIGHT_LEADINGS = [1.36, 1.4, 1.44, 1.48]
LOOSE_LEADINGS = [1.6, 1.65, 1.7, 1.75]
LOOSE_KINDS = ["news", "mixed", "briefs"]

PAGE_H = 1190.0  # A3 height in pt; the width follows the column grid
MARGIN_X = 42.0
TOP = 78.0       # furniture band
BOTTOM = 52.0


# ---------------------------------------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------------------------------------
def load_texts(out: str) -> list[dict]:
    texts = []
    for path in sorted(glob.glob(os.path.join(out, "texts", "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if not d.get("id") or not d.get("title") or not d.get("paragraphs"):
                    continue
                d["paragraphs"] = [clean(p) for p in d["paragraphs"] if clean(p)]
                if not d["paragraphs"]:
                    continue
                texts.append(d)
    seen, uniq = set(), []
    for d in sorted(texts, key=lambda d: d["id"]):
        if d["id"] not in seen:
            seen.add(d["id"])
            uniq.append(d)
    return uniq


def clean(s) -> str:
    if not isinstance(s, str):
        return ""
    s = s.replace("\u3000", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", s).strip()


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def parse_authors(authors: list) -> list[tuple[str | None, list[str]]]:
    """["记者 董雪、曹嘉玥", "摄影 王文生", "黄馨怡"] -> [("记者", ["董雪", "曹嘉玥"]), ...]"""
    out = []
    for a in authors or []:
        a = clean(a)
        if not a:
            continue
        m = re.match(r"^(记者|通讯员|实习生|特约记者|本报记者|摄影|作者|文/图|文|图)\s*(.+)$", a)
        role, names = (m.group(1), m.group(2)) if m else (None, a)
        out.append((role, [n for n in re.split(r"[、，,\s]+", names) if n]))
    return out


def authors_gold(groups) -> list[dict]:
    out = []
    for role, names in groups:
        for n in names:
            out.append({"name": n, "role": role})
    return out


# ---------------------------------------------------------------------------------------------------------
# Fonts: Noto CJK (CFF) -> subset -> TrueType outlines, for reportlab
# ---------------------------------------------------------------------------------------------------------
def convert_font(src: str, index: int, chars: str, dest: str) -> None:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    f = TTFont(src, fontNumber=index, recalcTimestamp=False)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(f)
    gs = f.getGlyphSet()
    order = f.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for g in order:
        pen = TTGlyphPen(gs)
        gs[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[g] = pen.glyph()
    f["glyf"] = glyf
    f["loca"] = newTable("loca")
    del f["CFF "]
    for t in ("VORG",):
        if t in f:
            del f[t]
    maxp = f["maxp"]
    maxp.tableVersion = 0x00010000
    for a in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
              "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
              "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, a, 0)
    maxp.maxZones = 1
    f["head"].glyphDataFormat = 0
    post = f["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    f.sfntVersion = "\x00\x01\x00\x00"
    tmp = dest + ".tmp"
    f.save(tmp)
    os.replace(tmp, dest)


def setup_fonts(pdfdir: str, chars: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fontdir = os.path.join(pdfdir, "fonts")
    os.makedirs(fontdir, exist_ok=True)
    key = hashlib.sha1(chars.encode("utf-8")).hexdigest()[:12]
    for old in glob.glob(os.path.join(fontdir, "*.ttf")):
        if not old.endswith(f"-{key}.ttf"):
            os.remove(old)  # converted for another set of texts
    for name, (src, idx) in FONT_FILES.items():
        dest = os.path.join(fontdir, f"{name}-{key}.ttf")
        if not os.path.exists(dest):
            convert_font(src, idx, chars, dest)
        pdfmetrics.registerFont(TTFont(name, dest))
    pdfmetrics.registerFont(TTFont(LATIN_FONT[1], LATIN_FONT[0]))


_WIDTH_CACHE: dict = {}


def char_w(ch: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    k = (ch, font)
    w = _WIDTH_CACHE.get(k)
    if w is None:
        w = stringWidth(ch, font, 1000.0) / 1000.0
        _WIDTH_CACHE[k] = w
    return w * size


def is_latin(ch: str) -> bool:
    return ord(ch) < 128 and ch != " "


# ---------------------------------------------------------------------------------------------------------
# Line breaking (避头尾)
# ---------------------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.\-/:+_'][A-Za-z0-9]+)*%?|.", re.S)


class Style:
    def __init__(self, font, size, leading=None, latin=None, gap=0.0):
        self.font, self.size = font, size
        self.leading = leading or size * 1.45
        self.latin = latin  # font name for ASCII runs, or None (same font)
        self.gap = gap      # extra space between a CJK and an ASCII run (中西文间距), in pt

    def runs(self, s: str) -> list[list]:
        """[[font, is_ascii, text]] runs of one font / script."""
        out = []
        for ch in s:
            lat = is_latin(ch)
            f = self.latin if (self.latin and lat) else self.font
            if out and out[-1][0] == f and (not self.gap or out[-1][1] == lat):
                out[-1][2] += ch
            else:
                out.append([f, lat, ch])
        return out

    def width(self, s: str) -> float:
        w = 0.0
        for ch in s:
            f = self.latin if (self.latin and is_latin(ch)) else self.font
            w += char_w(ch, f, self.size)
        if self.gap:
            rs = self.runs(s)
            if len(rs) == 1 and rs[0][1]:
                w += 2 * self.gap  # an ASCII token: its share of the gaps around it
            else:
                w += self.gap * sum(1 for a, b in zip(rs, rs[1:]) if a[1] != b[1])
        return w


def break_lines(text: str, st: Style, widths) -> list[tuple[str, bool]]:
    """Break text into lines (避头尾: no line starts with a closing mark, none ends with an opening mark;
    the offending character moves down with its neighbour). widths(i) gives the width of line i.
    Returns [(line, is_last)]."""
    toks = _TOKEN.findall(text)
    tw = [st.width(t) for t in toks]
    lines = []
    s = 0
    n = len(toks)
    while s < n:
        while s < n and toks[s] == " ":
            s += 1
        if s >= n:
            break
        W = widths(len(lines))
        e, w = s, 0.0
        while e < n and (w + tw[e] <= W + 0.01 or e == s):
            if e == s and tw[e] > W and len(toks[e]) > 1:  # an over-long ASCII token: split it
                m = max(1, int(len(toks[e]) * W / tw[e]))
                toks[e:e + 1] = [toks[e][:m], toks[e][m:]]
                tw[e:e + 1] = [st.width(toks[e]), st.width(toks[e + 1])]
                n = len(toks)
            w += tw[e]
            e += 1
        if e < n:
            e0 = e
            while e - 1 > s and toks[e][0] in CLOSING:
                e -= 1
            while e - 1 > s and toks[e - 1][0] in OPENING:
                e -= 1
            if e - 1 <= s and e0 - s > 1:
                e = e0
        line = "".join(toks[s:e]).rstrip(" ")
        lines.append(line)
        s = e
    return [(ln, j == len(lines) - 1) for j, ln in enumerate(lines)]


# ---------------------------------------------------------------------------------------------------------
# Page specs
# ---------------------------------------------------------------------------------------------------------
def fmt_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"


def md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def split_title(title: str):
    parts = [p for p in re.split(r"\s{1,}", title.strip()) if p]
    return parts


def clauses(t: dict, lo=6, hi=16) -> list[str]:
    """Clauses of the body (between ，。；！？) usable as a kicker or subtitle: no digits, no quotes."""
    out = []
    for p in t["paragraphs"]:
        for c in re.split(r"[，。；：！？]", p):
            c = c.strip()
            if lo <= len(c) <= hi and not re.search(r"[0-9A-Za-z“”‘’（）《》〈〉、 ]", c) \
                    and not c.startswith(("据", "记者", "他", "她", "但", "而", "并", "这", "其")):
                out.append(c)
    return out


def exclamations(t: dict) -> list[str]:
    """Whole short sentences of the body that end in ？ or ！ (usable as a headline)."""
    out = []
    for p in t["paragraphs"]:
        for m in re.finditer(r"(?:^|(?<=[。！？”]))([^。！？“”‘’]{5,18}[！？])", p):
            out.append(m.group(1).strip())
    return out


def headline_parts(t: dict, rng: random.Random, allow_split=True):
    """kicker, title, subtitle as printed: the text's own, or built from its own strings (a two-part title
    split into kicker + title or title + subtitle; a question/exclamation of the body as the title with the
    text's title as subtitle; a clause of the body as kicker or subtitle)."""
    kicker = clean(t.get("kicker")) or None
    subtitle = clean(t.get("subtitle")) or None
    title = clean(t["title"])
    parts = split_title(title)
    if allow_split and len(parts) == 2 and not kicker and not subtitle:
        r = rng.random()
        if r < 0.35:
            kicker, title = parts[0], parts[1]
        elif r < 0.6:
            title, subtitle = parts[0], "——" + parts[1]
    elif allow_split and not kicker and not subtitle:
        ex = exclamations(t)
        cl = clauses(t)
        r = rng.random()
        if ex and r < 0.5:
            title, subtitle = rng.choice(ex), "——" + title
        elif cl:
            r = rng.random()
            if r < 0.2:
                kicker = rng.choice(cl)
            elif r < 0.35:
                subtitle = "——" + rng.choice(cl)
    if subtitle and not subtitle.startswith("—") and rng.random() < 0.7:
        subtitle = "——" + subtitle
    return kicker, title, subtitle


def compose_source(t: dict, rng: random.Random, page_date: dt.date, mode: str | None = None):
    """Returns (source_line, position, authors_gold, standalone_line_or_None, end_text) ."""
    agency = clean(t.get("agency")) or None
    dateline = clean(t.get("dateline")) or None
    groups = parse_authors(t.get("authors") or [])
    groups = [(r, n) for r, n in groups if r not in ("摄影", "图")]

    def paren(gs):
        return "（" + " ".join(((r + " ") if r else "") + "、".join(n) for r, n in gs) + "）" if gs else ""

    if not groups:
        r = rng.random()
        if r < 0.5:
            groups = [("记者", [person(rng)])]
        elif r < 0.8:
            groups = [("记者", [person(rng)]), ("通讯员", [person(rng)])]
        else:
            groups = [(None, [person(rng)])]
    if agency in ("新华社", "据新华社"):
        r = rng.random()
        if agency == "据新华社" or r < 0.3:
            if rng.random() < 0.5:
                return "据新华社电", "inline", [], None
            return "（据新华社电）", "end", [], None
        gs = [g for g in parse_authors(t.get("authors") or []) if g[0] not in ("摄影", "图")]
        line = "新华社" + (dateline or (rng.choice(["北京", "成都"]) + md(page_date - dt.timedelta(days=1)) + "电")) + paren(gs)
        return line, "inline", authors_gold(gs), None
    if agency and agency not in ("本报",):
        line = agency + (dateline or "") + paren(groups) if dateline else "据《" + agency + "》"
        return line, "inline", authors_gold(groups) if dateline else [], None
    # 本报 or nothing
    mode = mode or rng.choice(["dated", "dated", "plain", "plain", "standalone", "wentu"])
    if mode == "dated":
        dl = dateline or (rng.choice(CITIES) + md(page_date - dt.timedelta(days=rng.choice([1, 2]))) + "讯")
        if not re.search(r"[电讯]$", dl):
            dl += "讯"
        return "本报" + dl + paren(groups), "inline", authors_gold(groups), None
    if mode == "plain":
        gs = groups if groups[0][0] else [(None, groups[0][1])]
        return "本报讯" + paren(gs), "inline", authors_gold(gs), None
    if mode == "standalone":
        gs = [(r or "记者", n) for r, n in groups]
        line = " ".join(("本报" + r if r == "记者" else r) + " " + " ".join(n) for r, n in gs)
        return line, "standalone", [{"name": n, "role": r} for r, ns in gs for n in ns], None
    name = groups[0][1][0]
    return "文/图 " + name, "standalone", [{"name": name, "role": "文/图"}], None


def photo_credit(t: dict, rng: random.Random) -> str:
    for r, names in parse_authors(t.get("authors") or []):
        if r in ("摄影", "图"):
            return "、".join(names)
    return person(rng)


def make_caption(text: str, credit: str, rng: random.Random) -> tuple[str, str | None]:
    """(caption as printed on one run, credit line printed on its own line or None)"""
    text = text.strip()
    r = rng.random()
    if r < 0.5:
        if not text.startswith("图为") and rng.random() < 0.6:
            text = "图为" + text
        if not text.endswith(("。", "！", "？")):
            text += "。"
        return text + "（" + credit + " 摄）", None
    if r < 0.8:
        return text, credit + " 摄"
    return text + " " + credit + " 摄", None


def first_sentence(p: str, maxlen=60) -> str | None:
    m = re.match(r"^(.{12,%d}?[。！])" % maxlen, p)
    return m.group(1) if m else None


class Composer:
    def __init__(self, texts: list[dict], rng: random.Random):
        self.rng = rng
        self.texts = texts
        by = {}
        for t in texts:
            by.setdefault(t.get("kind", "news"), []).append(t)
        self.by = by
        self.use = {t["id"]: 0 for t in texts}

    def pick(self, kinds, n, exclude=(), minlen=0):
        pool = [t for k in kinds for t in self.by.get(k, []) if t["id"] not in exclude
                and sum(map(len, t["paragraphs"])) >= minlen]
        pool.sort(key=lambda t: (self.use[t["id"]], t["id"]))
        # least-used first, random among equals
        out = []
        while pool and len(out) < n:
            low = self.use[pool[0]["id"]]
            cands = [t for t in pool if self.use[t["id"]] == low]
            t = self.rng.choice(cands)
            pool.remove(t)
            out.append(t)
            self.use[t["id"]] += 1
        return out


def article_spec(t: dict, rng: random.Random, page_date: dt.date, role: str = "news", **kw) -> dict:
    """A printable article: headline parts, byline, blocks (paragraphs and subheads), endings."""
    if role == "news" and t.get("kind") == "notice" and rng.random() < 0.8:
        role = "notice"  # official notices: no source line
    kicker, title, subtitle = headline_parts(t, rng, allow_split=(role != "brief" and t.get("kind") in
                                                                  ("news", "photo", None)))
    if role == "brief":
        kicker = subtitle = None
    paras = list(t["paragraphs"])
    subs = {}
    for item in t.get("subheads") or []:
        try:
            i, s = int(item[0]), clean(item[1])
        except Exception:
            continue
        if s:
            subs.setdefault(i, []).append(s)
    items = []  # ("sub"|"para", text)
    for i, p in enumerate(paras):
        for s in subs.get(i, []):
            items.append(("sub", s))
        items.append(("para", p))
    a = {"id": t["id"], "kicker": kicker, "title": title, "subtitle": subtitle, "items": items,
         "source_line": None, "source_position": None, "authors": [], "ending": None, "ending_own_line": False,
         "continued_to": None, "continued_from": None, "captions": [], "photo": None, "bullet": False,
         "role": role, "text": t}
    if role == "commentary":
        who = None
        for r, names in parse_authors(t.get("authors") or []):
            if r not in ("摄影", "图"):
                who = names[0]
                break
        who = who or person(rng)
        a["source_line"] = rng.choice(["□ ", "■ ", "□", "□ "]) + who
        a["source_position"] = "standalone"
        a["authors"] = [{"name": who, "role": "作者"}]
        form = rng.random()
        if form < 0.4:
            a["ending"] = "（作者单位：" + rng.choice(UNITS) + "）"
        elif form < 0.7:
            a["ending"] = "（作者系" + rng.choice(UNITS) + rng.choice(["教师", "教研员", "副教授", "校长"]) + "）"
        else:
            a["ending"] = "（作者为" + rng.choice(TITLES_OF) + "）"
        a["ending_own_line"] = rng.random() < 0.6
    elif role == "notice":
        pass
    else:
        mode = kw.get("source_mode")
        if role == "brief" and rng.random() < 0.3:
            pass  # a brief without a source line
        else:
            sl, pos, au, _ = compose_source(t, rng, page_date, mode)
            if role == "brief" and pos == "standalone":
                sl, pos, au, _ = compose_source(t, rng, page_date, "plain")
            a["source_line"], a["source_position"], a["authors"] = sl, pos, au
    return a


# ---------------------------------------------------------------------------------------------------------
# Layout + drawing
# ---------------------------------------------------------------------------------------------------------
def body_blocks(a: dict, rng: random.Random):
    """Printed body blocks: list of (style_name, text, indent, align). Returns blocks and gold paragraphs."""
    blocks, gold_paras, gold_subs = [], [], []
    items = a["items"]
    if a["source_position"] == "standalone":
        blocks.append(("byline", a["source_line"], 0, "left"))
    first_para_done = False
    for idx, (kind, text) in enumerate(items):
        if kind == "sub":
            blocks.append(("subhead", text, 0, rng.choice(["left", "left", "center"]) if False else "left"))
            gold_paras.append(text)
            gold_subs.append(text)
            continue
        prefix = ""
        if not first_para_done:
            first_para_done = True
            if a["continued_from"]:
                prefix += a["continued_from"]
            if a["source_position"] == "inline":
                sl = a["source_line"]
                prefix += sl + (" " if not sl.endswith("）") else "")
        suffix = ""
        last_para = all(k != "para" for k, _ in items[idx + 1:])
        if last_para:
            if a["source_position"] == "end":
                suffix += a["source_line"]
            if a["ending"] and not a["ending_own_line"]:
                suffix += a["ending"]
        blocks.append(("body", prefix + text + suffix, 2, "left"))
        gold_paras.append(text)
    if a["ending"] and a["ending_own_line"]:
        blocks.append(("body", a["ending"], 0, "right"))
    if a["continued_to"]:
        blocks.append(("body", a["continued_to"], 0, "right"))
    return blocks, gold_paras, gold_subs


class Layouter:
    """Places articles as rectangular modules on a column grid and records draw operations."""

    def __init__(self, rng, ncols, chars, body_size, latin, page_w, leadings=None):
        self.rng = rng
        self.ncols, self.chars = ncols, chars
        gap = body_size * rng.choice([0.0, 0.0, 0.0, 0.25, 0.3])
        # leadings: body line spacing in em; loose pages pass LOOSE_LEADINGS (pdftotext interleaves them)
        self.body = Style("serif", body_size, body_size * rng.choice(leadings or TIGHT_LEADINGS), latin, gap)
        self.cw = chars * body_size
        self.gutter = body_size * rng.choice([1.6, 1.8, 2.0, 2.2])
        self.x0 = MARGIN_X
        self.page_w = page_w
        self.styles = {
            "body": self.body,
            "byline": Style(rng.choice(["sans", "serif"]), body_size, self.body.leading, latin, gap),
            "subhead": Style("sansb", body_size, self.body.leading, None),
            "caption": Style("sans", round(body_size * 0.85, 1), round(body_size * 1.25, 1), None),
            "credit": Style("sans", round(body_size * 0.85, 1), round(body_size * 1.25, 1), None),
        }

    def col_x(self, c):
        return self.x0 + c * (self.cw + self.gutter)

    def span_w(self, s):
        return s * self.cw + (s - 1) * self.gutter

    # -- headline ------------------------------------------------------------------------------------
    def headline_lines(self, a, width, tsize, bullet=False):
        out = []  # (style, text, align)
        font = self.rng.choice(["sansb", "serifb", "sansb"])
        ks = Style("sans", max(11.0, round(tsize * 0.5)), None)
        ts = Style(font, tsize, tsize * 1.22)
        ss = Style("sans", max(11.0, round(tsize * 0.5)), None)
        align = "center" if width > self.cw * 1.5 else self.rng.choice(["left", "center"])
        if a["kicker"]:
            for ln, _ in break_lines(a["kicker"], ks, lambda i: width):
                out.append((ks, ln, align, "kicker"))
        title = a["title"]
        parts = split_title(title)
        tlines = []
        if len(parts) == 2 and ts.width(title) > width and all(ts.width(p) <= width for p in parts):
            tlines = parts
        else:
            for ln, _ in break_lines(("■" if bullet else "") + title, ts, lambda i: width):
                tlines.append(ln)
        for ln in tlines:
            out.append((ts, ln, align, "title"))
        if a["subtitle"]:
            for ln, _ in break_lines(a["subtitle"], ss, lambda i: width):
                out.append((ss, ln, align if not a["subtitle"].startswith("—") else "right" if align == "right" else align, "subtitle"))
        return out

    def head_height(self, hl):
        return sum(st.leading for st, *_ in hl) + (6 if hl else 0)

    # -- body flow -------------------------------------------------------------------------------------
    def flow(self, blocks, slots):
        """slots: [(x, y_top, width, nlines)]; returns placed lines [(slot, line_i, style, text, x, justify)] or None"""
        placed = []
        si, li = 0, 0
        for sname, text, indent, align in blocks:
            st = self.styles[sname]
            if si >= len(slots):
                return None
            start_si, start_li = si, li

            def widths(i, _st=st):
                # width depends on which slot the i-th line of this block lands in
                s2, l2 = start_si, start_li + i
                while s2 < len(slots) and l2 >= slots[s2][3]:
                    l2 -= slots[s2][3]
                    s2 += 1
                w = slots[min(s2, len(slots) - 1)][2]
                return w - (indent * _st.size if i == 0 else 0)
            lines = break_lines(text, st, widths)
            for j, (ln, last) in enumerate(lines):
                if si >= len(slots):
                    return None
                x, yt, w, n = slots[si]
                ind = indent * st.size if j == 0 else 0
                lw = st.width(ln)
                if align == "right":
                    xx = x + w - lw
                elif align == "center":
                    xx = x + (w - lw) / 2
                else:
                    xx = x + ind
                just = (sname == "body" and align == "left" and not last)
                placed.append((si, li, st, ln, xx, (w - ind) if just else None))
                li += 1
                if li >= n:
                    si, li = si + 1, 0
        return placed

    def fit_module(self, a, x, y_top, span, max_h, tsize, photo=None, regions=None, allow_cut=True,
                   cont_page=None):
        """Lay out an article module; returns dict with height and draw ops, or None if nothing fits."""
        rng = self.rng
        width = self.span_w(span)
        hl = self.headline_lines(a, width, tsize, a.get("bullet")) if a["title"] else []
        hh = self.head_height(hl)
        lead = self.body.leading
        photo_h, cap_lines = 0.0, []
        if photo is not None:
            pw = width
            ph = round(pw * rng.choice([0.5, 0.6, 0.66]), 1)
            cst = self.styles["caption"]
            for ln, _ in break_lines(photo["caption"], cst, lambda i: pw):
                cap_lines.append((cst, ln))
            if photo.get("credit_line"):
                cap_lines.append((cst, photo["credit_line"]))
            photo_h = ph + 4 + len(cap_lines) * cst.leading + 6
        avail = max_h - hh - photo_h
        if avail < lead * 3:
            return None
        items_all = list(a["items"])
        n_items = len(items_all)
        best = None
        while n_items >= 1:
            if all(k != "para" for k, _ in items_all[:n_items]):
                n_items -= 1
                continue
            a2 = dict(a)
            a2["items"] = items_all[:n_items]
            cut = n_items < len(items_all)
            if cut and cont_page:
                a2["continued_to"] = f"（下转第{cont_page}版）"
            blocks, gparas, gsubs = body_blocks(a2, rng)
            res = self.place_body(blocks, x, y_top + hh + photo_h, span, avail, regions)
            if res is not None:
                best = (a2, res, gparas, gsubs, cut)
                break
            if not allow_cut:
                return None
            n_items -= 1
        if best is None:
            return None
        a2, (placed, slots, body_h), gparas, gsubs, cut = best
        ops_head, ops_body, ops_photo = [], [], []
        y = y_top
        for st, ln, align, part in hl:
            lw = st.width(ln)
            xx = x if align == "left" else (x + (width - lw) / 2 if align == "center" else x + width - lw)
            y += st.leading
            ops_head.append(("text", st, ln, xx, y - st.leading * 0.22, None))
        y = y_top + hh
        if photo is not None:
            ph = photo_h - 4 - len(cap_lines) * cap_lines[0][0].leading - 6 if cap_lines else photo_h - 10
            ops_photo.append(("rect", x, y, width, ph))
            yy = y + ph + 4
            for cst, ln in cap_lines:
                yy += cst.leading
                ops_photo.append(("text", cst, ln, x, yy - cst.leading * 0.25, None))
        for si, li, st, ln, xx, just in placed:
            sx, syt, sw, sn = slots[si]
            base = syt + (li + 1) * lead - lead * 0.28
            ops_body.append(("text", st, ln, xx, base, just))
        total_h = hh + photo_h + body_h
        gold = {"id": a["id"], "kicker": a["kicker"], "title": a["title"], "subtitle": a["subtitle"],
                "source_line": a["source_line"], "source_position": a["source_position"],
                "authors": a["authors"], "paragraphs": gparas, "subheads": gsubs, "ending": a["ending"],
                "continued_to": a2.get("continued_to"), "continued_from": a.get("continued_from"),
                "captions": [photo["gold"]] if photo is not None else []}
        return {"height": total_h, "head": ops_head, "body": ops_body, "photo": ops_photo, "gold": gold,
                "cut": cut}

    def place_body(self, blocks, x, y_top, span, avail, regions):
        lead = self.body.leading
        maxn = int(avail // lead)
        if maxn < 2:
            return None
        if not regions:
            regions = [(span, None)]
        # fixed regions first, then the last one balanced
        for n_last in range(1, maxn + 1):
            slots, yy, used = [], y_top, 0
            ok = True
            for ri, (rc, rn) in enumerate(regions):
                n = rn if rn is not None else n_last
                if ri < len(regions) - 1:
                    n = rn
                if used + n > maxn:
                    ok = False
                    break
                w = (self.span_w(span) - (rc - 1) * self.gutter) / rc
                for c in range(rc):
                    slots.append((x + c * (w + self.gutter), yy, w, n))
                yy += n * lead + (lead * 0.6 if ri < len(regions) - 1 else 0)
                used += n
            if not ok:
                return None
            placed = self.flow(blocks, slots)
            if placed is not None:
                # drop empty trailing slots
                return placed, slots, yy - y_top + lead * 0.4
        return None


def draw_page(path, page_w, ops_groups, furniture_ops, order, rng, rules):
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(path, pagesize=(page_w, PAGE_H), invariant=1, pageCompression=0)
    c.setTitle("")
    c.setAuthor("")

    def Y(y):
        return PAGE_H - y

    def do(op):
        if op[0] == "rect":
            _, x, y, w, h = op
            c.setFillGray(0.78)
            c.rect(x, Y(y + h), w, h, stroke=0, fill=1)
            c.setFillGray(0.0)
            return
        if op[0] == "line":
            _, x1, y1, x2, y2, lw = op
            c.setLineWidth(lw)
            c.line(x1, Y(y1), x2, Y(y2))
            return
        _, st, text, x, y, just = op
        runs = st.runs(text)
        cs = 0.0
        if just:
            lw = st.width(text)
            n = len(text) - 1
            if n > 0 and just > lw:
                cs = min((just - lw) / n, st.size * 0.25)
        t = c.beginText()
        t.setTextOrigin(x, Y(y))
        t.setCharSpace(cs)
        xx = x
        for i, (f, lat, s) in enumerate(runs):
            if st.gap and i > 0 and lat != runs[i - 1][1]:
                xx += st.gap
                t.setTextOrigin(xx, Y(y))
            t.setFont(f, st.size)
            t.textOut(s)
            xx += sum(char_w(ch, f, st.size) for ch in s) + cs * len(s)
        c.drawText(t)

    for op in furniture_ops[0]:
        do(op)
    for op in rules:
        do(op)
    seq = []
    if order == "before":
        for g in ops_groups:
            seq += g["head"] + g["body"] + g["photo"]
    elif order == "after":
        for g in ops_groups:
            seq += g["body"] + g["head"] + g["photo"]
    else:
        for g in ops_groups:
            seq += g["body"] + g["photo"]
        for g in ops_groups:
            seq += g["head"]
    for op in seq:
        do(op)
    for op in furniture_ops[1]:
        do(op)
    c.showPage()
    c.save()


# ---------------------------------------------------------------------------------------------------------
# Page composition
# ---------------------------------------------------------------------------------------------------------
def page_grid(rng, ncols=None):
    ncols = ncols or rng.choice([3, 4, 4, 5, 5, 6])
    lo, hi = {3: (20, 30), 4: (15, 22), 5: (12, 18), 6: (10, 14)}[ncols]
    chars = rng.randint(lo, hi)
    size = rng.choice([9.0, 9.5, 9.5, 10.0])
    return ncols, chars, size


def furniture(rng, paper, date, page_no, section, page_w):
    top, bottom, lines = [], [], []
    f_date = fmt_date(date)
    f_page = f"第{page_no}版 {section}"
    f_ed = f"责任编辑：{person(rng)} 版式：{person(rng)}"
    if rng.random() < 0.3:
        f_ed += f" 校对：{person(rng)}"
    form = rng.choice(["a", "b", "c"])
    ps = Style("serifb", 18.0)
    ss = Style("sans", 10.0)
    y = 44.0
    if form == "a":   # 第N版 left, paper centre, date right; editors at the bottom
        top.append(("text", ss, f_page, MARGIN_X, y, None))
        top.append(("text", ps, paper, (page_w - ps.width(paper)) / 2, y + 2, None))
        top.append(("text", ss, f_date, page_w - MARGIN_X - ss.width(f_date), y, None))
        bottom.append(("text", ss, f_ed, MARGIN_X, PAGE_H - 24, None))
        lines = [f_page, paper, f_date, f_ed]
    elif form == "b":  # paper + date left, 第N版 right, editors on a second line right
        top.append(("text", ps, paper, MARGIN_X, y + 2, None))
        top.append(("text", ss, f_date, MARGIN_X + ps.width(paper) + 24, y, None))
        top.append(("text", ss, f_page, page_w - MARGIN_X - ss.width(f_page), y, None))
        top.append(("text", ss, f_ed, page_w - MARGIN_X - ss.width(f_ed), y + 16, None))
        lines = [paper, f_date, f_page, f_ed]
    else:              # date left, 第N版 right on top; paper + editors in the bottom margin
        top.append(("text", ss, f_date, MARGIN_X, y, None))
        top.append(("text", ss, f_page, page_w - MARGIN_X - ss.width(f_page), y, None))
        bottom.append(("text", ss, paper, MARGIN_X, PAGE_H - 24, None))
        bottom.append(("text", ss, f_ed, page_w - MARGIN_X - ss.width(f_ed), PAGE_H - 24, None))
        lines = [f_date, f_page, paper, f_ed]
    rules = [("line", MARGIN_X, 62.0, page_w - MARGIN_X, 62.0, 1.2)]
    return (top, bottom), lines, rules


def build_page(pno: int, kind: str, comp: Composer, rng: random.Random, pdfdir: str, issue, pid=None,
               leadings=None):
    """Compose + lay out + draw one PDF page; returns the gold dict."""
    paper, date, page_no, section, cont_targets, want_cols = issue
    ncols, chars, size = page_grid(rng, want_cols)
    if kind == "commentary":
        ncols = min(ncols, 5)
    latin = "latin" if rng.random() < 0.3 else None
    lay = Layouter(rng, ncols, chars, size, latin, 0, leadings)
    page_w = 2 * MARGIN_X + lay.span_w(ncols)
    lay.page_w = page_w
    rules = []
    layout_notes = [f"{ncols}x{chars}"] + (["ascii-font"] if latin else []) + (["cjk-ascii-gap"] if lay.body.gap else [])
    if leadings:
        layout_notes.append(f"leading:{lay.body.leading / size:.2f}")
    date_box = [None]

    def page_date(t):
        """The page's date: the publication date of its first text (if it has one), else the fallback."""
        if date_box[0] is None:
            d = None
            try:
                d = dt.date.fromisoformat(str(t.get("published"))[:10])
            except ValueError:
                d = None
            date_box[0] = d if d and d.year >= 2000 else date
        return date_box[0]
    order = rng.choice(["before", "after", "end"])
    layout_notes.append("draw:" + order)
    y0, y1 = TOP, PAGE_H - BOTTOM
    groups = []  # placed modules in reading order (gold order)
    photo_caps = []
    used = set()
    n_arts = 0

    def tsize_for(span, lead=False):
        if lead:
            return float(rng.choice([24, 26, 28]))
        return float({1: rng.choice([16, 17, 18]), 2: rng.choice([18, 20, 22])}.get(span, rng.choice([20, 22, 24])))

    def maybe_photo(a, prob, span):
        wentu = (a.get("source_line") or "").startswith("文/图")
        if rng.random() >= prob and not wentu:
            return None
        credit = None
        if wentu:
            for k, p in a["items"]:
                s = first_sentence(p) if k == "para" else None
                if s:
                    cap = s if s.startswith("图为") else "图为" + s
                    return {"caption": cap, "credit_line": None, "gold": cap}
        ph_texts = comp.by.get("photo", [])
        r = rng.random()
        if r < 0.5:
            s = None
            for k, p in a["items"]:
                if k == "para":
                    s = first_sentence(p)
                    if s:
                        break
            cap_src = s
        else:
            cap_src = None
        if not cap_src and ph_texts:
            t = comp.pick(["photo"], 1)[0]
            cap_src = t["paragraphs"][0]
            credit = photo_credit(t, rng)
        if not cap_src:
            return None
        credit = credit or person(rng)
        cap, cline = make_caption(cap_src, credit, rng)
        return {"caption": cap, "credit_line": cline, "gold": cap + (" " + cline if cline else "")}

    def new_article(kinds, role="news", minlen=0, **kw):
        ts = comp.pick(kinds, 1, exclude=used, minlen=minlen)
        if not ts:
            ts = comp.pick(["news", "notice", "brief", "commentary"], 1, exclude=used)
        if not ts:
            return None
        used.add(ts[0]["id"])
        return article_spec(ts[0], rng, page_date(ts[0]), role, **kw)

    def place(a, col, y, span, max_h, tsize, photo_p=0.0, regions=None, cont=True):
        nonlocal n_arts
        if a is None:
            return None
        photo = maybe_photo(a, photo_p, span)
        cp = None
        if cont and cont_targets and rng.random() < 0.5:
            cp = cont_targets[0]
        m = lay.fit_module(a, lay.col_x(col), y, span, max_h, tsize, photo, regions, True, cp)
        if m is None and photo is not None:
            m = lay.fit_module(a, lay.col_x(col), y, span, max_h, tsize, None, regions, True, cp)
        if m is None:
            return None
        if m["gold"]["continued_to"] and cont_targets:
            cont_targets.pop(0)
        m["col"], m["span"], m["y"] = col, span, y
        groups.append(m)
        n_arts += 1
        return m

    state = {"from": page_no > 1 and rng.random() < 0.35, "news": 0}
    cap = {"news": rng.randint(5, 7), "mixed": rng.randint(4, 6), "photo": rng.randint(3, 5)}.get(kind, 99)

    def continuation_article():
        ts = [t for t in comp.pick(["news", "notice"], 3, exclude=used) if len(t["paragraphs"]) >= 3]
        if not ts:
            return None
        t = ts[0]
        used.add(t["id"])
        a = article_spec(t, rng, page_date(t), "news")
        paras_idx = [i for i, (k, _) in enumerate(a["items"]) if k == "para"]
        j = paras_idx[rng.randint(1, len(paras_idx) - 2) if len(paras_idx) > 2 else 1]
        a["items"] = a["items"][j:]
        a["source_line"] = a["source_position"] = None
        a["authors"] = []
        a["continued_from"] = f"（上接第{rng.randint(1, page_no - 1)}版）"
        return a

    def fill_column_stack(col, span, y, max_h, kinds=("news",), photo_p=0.25, min_h=None):
        """Stack modules in columns col..col+span-1 from y while space remains."""
        min_h = min_h or lay.body.leading * 8
        while max_h > min_h:
            if state["news"] >= cap:
                if rng.random() < 0.7 and comp.by.get("photo"):
                    h = photo_news(col, y, span, max_h, fill=True)
                    if h:
                        y += h + 14
                break
            if state["from"]:
                state["from"] = False
                a = continuation_article()
            elif kinds == ("news",) and rng.random() < 0.15:
                a = new_article(["notice"])
            else:
                a = new_article(list(kinds))
            m = place(a, col, y, span, max_h, tsize_for(span), photo_p)
            if m is None:
                break
            state["news"] += 1
            y += m["height"] + 14
            max_h -= m["height"] + 14
            groups[-1]["sep_after"] = y - 7
        return y

    def photo_news(col, y, span, max_h, fill=False):
        ph_texts = comp.by.get("photo", [])
        if not ph_texts:
            return None
        t = comp.pick(["photo"], 1)[0]
        credit = photo_credit(t, rng)
        cap, cline = make_caption(t["paragraphs"][0], credit, rng)
        w = lay.span_w(span)
        ph = round(w * rng.choice([0.45, 0.55, 0.62]), 1)
        cst = lay.styles["caption"]
        lines = [ln for ln, _ in break_lines(cap, cst, lambda i: w)] + ([cline] if cline else [])
        if fill:
            ph = round(max(ph, min(w * 1.1, max_h - 4 - len(lines) * cst.leading - 6)), 1)
        h = ph + 4 + len(lines) * cst.leading + 6
        if h > max_h:
            return None
        ops = [("rect", lay.col_x(col), y, w, ph)]
        yy = y + ph + 4
        for ln in lines:
            yy += cst.leading
            ops.append(("text", cst, ln, lay.col_x(col), yy - cst.leading * 0.25, None))
        groups.append({"height": h, "head": [], "body": [], "photo": ops, "gold": None, "col": col, "span": span,
                       "y": y})
        photo_caps.append(cap + (" " + cline if cline else ""))
        return h

    def briefs_column(col, y, max_h, span=1):
        nb = rng.randint(5, 10)
        bullet = rng.random() < 0.5
        yy, placed_n = y, 0
        for _ in range(nb):
            kinds = ["brief"] if comp.by.get("brief") and rng.random() < 0.7 else ["news", "brief"]
            a = new_article(kinds, role="brief")
            if a is None:
                break
            a["items"] = [it for it in a["items"] if it[0] == "para"][:1]
            a["bullet"] = bullet
            m = place(a, col, yy, span, y + max_h - yy, float(rng.choice([11, 12, 13])), 0.0, cont=False)
            if m is None or m["gold"]["paragraphs"] == []:
                if m is not None:
                    groups.pop()
                break
            yy += m["height"] + 8
            placed_n += 1
        return yy

    H = y1 - y0
    if kind in ("news", "mixed"):
        k = rng.choice([2, 3]) if ncols >= 4 else 2
        lead_h = H * rng.uniform(0.38, 0.55)
        a = new_article(["news", "notice"], minlen=250)
        wide = rng.random() < 0.3 and k >= 2
        regions = None
        if wide:
            regions = [(k - 1 if k == 3 else 1, rng.randint(8, 14)), (k, None)]
        lead_col = 0 if rng.random() < 0.75 else ncols - k
        m = place(a, lead_col, y0, k, lead_h, tsize_for(k, True), 0.35, regions)
        if m is not None and regions:
            layout_notes.append("wide-then-narrow")
        lh = m["height"] if m else 0
        state["news"] += 1
        rest_cols = [c for c in range(ncols) if not (lead_col <= c < lead_col + k)]
        band1_bottom = y0 + max(lh, lay.body.leading * 10)
        # right (or left) part of band 1
        if rest_cols:
            c0 = rest_cols[0]
            span = len(rest_cols)
            if span >= 3:
                span_first = rng.choice([1, 2])
                fill_column_stack(c0, span_first, y0, band1_bottom - y0)
                fill_column_stack(c0 + span_first, span - span_first, y0, band1_bottom - y0)
            else:
                fill_column_stack(c0, span, y0, band1_bottom - y0)
        # band 2
        yb = band1_bottom + 18
        groups_rule = yb - 9
        rules.append(("line", MARGIN_X, groups_rule, page_w - MARGIN_X, groups_rule, 0.6))
        c = 0
        specials = []
        if kind == "mixed":
            specials = rng.sample(["briefs", "photo"], rng.choice([1, 2]))
        while c < ncols:
            left = ncols - c
            if specials and (rng.random() < 0.5 or left <= len(specials)):
                sp = specials.pop(0)
                if sp == "briefs":
                    briefs_column(c, yb, y1 - yb)
                    c += 1
                    continue
                span = min(left, rng.choice([1, 2]))
                h = photo_news(c, yb, span, (y1 - yb) * 0.45)
                if h:
                    fill_column_stack(c, span, yb + h + 14, y1 - yb - h - 14)
                else:
                    fill_column_stack(c, span, yb, y1 - yb)
                c += span
                continue
            span = min(left, rng.choice([1, 1, 2, 2, 3]) if left > 1 else 1)
            fill_column_stack(c, span, yb, y1 - yb)
            c += span
    elif kind == "briefs":
        for c in range(ncols):
            if rng.random() < 0.25 and c == ncols - 1:
                fill_column_stack(c, 1, y0, H)
            else:
                briefs_column(c, y0, H)
    elif kind == "commentary":
        n = rng.choice([3, 4])
        kinds = ["commentary"] if len(comp.by.get("commentary", [])) >= 3 else ["commentary", "news", "notice"]
        spans = {3: {3: [3, 1, 2], 4: [2, 2, 2, 2], 5: [3, 2, 2, 3]}, 4: {3: [1, 1, 1, 3], 4: [2, 2, 2, 2], 5: [3, 2, 2, 3]}}
        nc = ncols
        if nc == 6:
            nc = 5
        # band 1: first commentary across most columns; the rest in columns below / beside
        k = 2 if nc <= 4 else 3
        a = new_article(kinds, role="commentary", minlen=300)
        m = place(a, 0, y0, k, H * 0.5, tsize_for(k, True), 0.0)
        bh = m["height"] if m else H * 0.3
        cols_rest = list(range(k, ncols))
        if cols_rest:
            a = new_article(kinds, role="commentary")
            place(a, k, y0, len(cols_rest), max(bh, H * 0.3), tsize_for(len(cols_rest)), 0.0)
            bh = max(bh, groups[-1]["height"] if groups else 0)
        yb = y0 + bh + 18
        rules.append(("line", MARGIN_X, yb - 9, page_w - MARGIN_X, yb - 9, 0.6))
        left = n - n_arts
        c = 0
        while c < ncols and left > 0:
            span = max(1, (ncols - c) // left)
            a = new_article(kinds, role="commentary")
            place(a, c, yb, span, y1 - yb, tsize_for(span), 0.0)
            c += span
            left -= 1
    elif kind == "photo":
        # 图片新闻 page: photos with captions + a few articles
        c = 0
        while c < ncols:
            span = min(ncols - c, rng.choice([1, 2, 2]))
            yy = y0
            for _ in range(2):
                h = photo_news(c, yy, span, (y1 - yy) * 0.6)
                if not h:
                    break
                yy += h + 14
            fill_column_stack(c, span, yy, y1 - yy)
            c += span

    # continuation from another page: the last article of the page (if any) becomes "上接"
    gold_articles = [g["gold"] for g in groups if g["gold"] is not None]
    date = date_box[0] or date
    fops, flines, frules = furniture(rng, paper, date, page_no, section, page_w)
    rules = frules + rules
    pid = pid or f"p{pno:03d}"
    # draw
    os.makedirs(pdfdir, exist_ok=True)
    # rules between stacked modules
    for g in groups:
        if g.get("sep_after") and g["sep_after"] < y1 - 20:
            x = lay.col_x(g["col"])
            rules.append(("line", x, g["sep_after"], x + lay.span_w(g["span"]), g["sep_after"], 0.4))
    draw_page(os.path.join(pdfdir, pid + ".pdf"), page_w, groups, fops, order, rng, rules)
    gold = {"page": pid, "kind": kind, "furniture": flines,
            "headline_order": {"pdftotext": None, "pdfium": order},
            "articles": gold_articles, "photo_captions": photo_caps, "tables": []}
    print(f"{pid} {kind:10s} {len(gold_articles):2d} articles  " + " ".join(layout_notes), file=sys.stderr)
    return gold, date


# ---------------------------------------------------------------------------------------------------------
# Extraction + checks
# ---------------------------------------------------------------------------------------------------------
def extract_pdftotext(pdf: str, out: str) -> None:
    subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, out], check=True)


def extract_pdfium(pdf: str, out: str) -> None:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    parts = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        parts.append(tp.get_text_range())
        tp.close()
    doc.close()
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("".join(parts).replace("\r\n", "\n"))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def observed_order(text: str, arts: list[dict]) -> str:
    """before / after / end, as seen in an extracted text (whitespace removed)."""
    t = squash(text)
    pos = []
    for a in arts:
        if not a["title"] or not a["paragraphs"]:
            continue
        ti = t.find(squash(a["title"]))
        b = squash(a["paragraphs"][0])[:12]
        bi = t.find(b)
        be = t.find(squash(a["paragraphs"][-1])[-12:])
        if ti < 0 or bi < 0:
            continue
        pos.append((ti, bi, be))
    if not pos:
        return "before"
    ends = [p for p in pos if p[2] >= 0]  # a body end not found (split by the extractor) proves nothing
    if len(ends) >= 2 and all(ti > max(p[2] for p in ends) for ti, _, _ in ends):
        return "end"
    before = sum(1 for ti, bi, _ in pos if ti < bi)
    return "before" if before * 2 >= len(pos) else "after"


def rowwise_breaks(text: str, arts: list[dict]) -> tuple[int, int]:
    """How row-wise an extracted text is: (breaks, pairs) over consecutive body lines (>= 4 characters) found in
    the gold bodies; a break is a line that does not continue the previous one in the same article. Column by
    column output has few breaks (a column or article change; <= 0.25 of the pairs on the regular pages); row-wise
    output (the columns interleaved line by line) has a break at almost every line."""
    bodies = [squash("".join(a["paragraphs"])) for a in arts]
    prev, pairs, breaks = None, 0, 0
    for ln in text.split("\n"):
        s = squash(ln)
        if len(s) < 4:
            continue
        if prev is not None and bodies[prev[0]].startswith(s, prev[1]):
            pairs += 1
            prev = (prev[0], prev[1] + len(s))
            continue
        hit = next(((k, b.find(s) + len(s)) for k, b in enumerate(bodies) if s in b), None)
        if hit is None:
            continue
        if prev is not None:
            pairs += 1
            breaks += 1
        prev = hit
    return breaks, pairs


ROWWISE = 0.4  # share of breaks from which a text counts as row-wise (see rowwise_breaks)


def is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def self_check(out: str) -> int:
    """Verify every gold page against its extracted texts; print counts. Returns the number of failures."""
    from collections import Counter
    gold_dir = os.path.join(out, "gold")
    fails, soft = [], Counter()
    kinds, orders, arts_by_kind, feats = Counter(), Counter(), Counter(), Counter()
    n_pages = Counter()
    rowwise_pages = []
    for gpath in sorted(glob.glob(os.path.join(gold_dir, "*.json"))):
        with open(gpath, encoding="utf-8") as fh:
            g = json.load(fh)
        pid = g["page"]
        exs = ["handset"] if pid.startswith("h") else ["pdftotext", "pdfium"]
        for ex in exs:
            tpath = os.path.join(out, "pages", ex, pid + ".txt")
            if not os.path.exists(tpath):
                fails.append(f"{pid}: {tpath} missing")
                continue
            with open(tpath, encoding="utf-8") as fh:
                raw = fh.read()
            t = squash(raw)
            n_pages[ex] += 1
            orders[(ex, g["headline_order"].get(ex))] += 1
            tc = Counter(t)
            # a row-wise text (loose pages in pdftotext) may put the lines of one field out of order: there
            # only its characters must be present
            br, pairs = rowwise_breaks(raw, g["articles"])
            rowwise = pairs > 0 and br / pairs >= ROWWISE
            if rowwise:
                soft[(ex, "row-wise page")] += 1
                rowwise_pages.append(f"{pid}:{ex}:{br}/{pairs}")

            def present(v, what, who=""):
                if is_subsequence(v, t):
                    return
                if rowwise and not Counter(v) - tc:
                    soft[(ex, what + " out of order (row-wise)")] += 1
                else:
                    fails.append(f"{pid} {ex}: {who}{what} {v[:20]!r} missing")
            need = Counter()
            for a in g["articles"]:
                for fld in ("kicker", "title", "subtitle", "source_line", "ending", "continued_to", "continued_from"):
                    v = squash(a.get(fld) or "")
                    if not v:
                        continue
                    if v not in t:
                        soft[(ex, fld + " split")] += 1
                        present(v, fld, a["id"] + " ")
                for cpt in a["captions"]:
                    if squash(cpt) not in t:
                        soft[(ex, "caption split")] += 1
                        present(squash(cpt), "caption")
                for para in a["paragraphs"]:
                    need.update(squash(para))
                    if squash(para) not in t:
                        soft[(ex, "paragraph not contiguous")] += 1
                        if not is_subsequence(squash(para), t):
                            soft[(ex, "paragraph out of order")] += 1
            for cpt in g["photo_captions"]:
                present(squash(cpt), "photo caption")
            for f in g["furniture"]:
                if squash(f) not in t:
                    soft[(ex, "furniture split")] += 1
            missing = need - tc
            if missing:
                fails.append(f"{pid} {ex}: body characters missing: {''.join(missing.elements())[:40]!r}")
        kinds[g["kind"]] += 1
        for a in g["articles"]:
            arts_by_kind[g["kind"]] += 1
            feats["articles"] += 1
            feats["kicker"] += bool(a["kicker"])
            feats["subtitle"] += bool(a["subtitle"])
            feats["subtitle ——"] += bool(a["subtitle"] and a["subtitle"].startswith("——"))
            feats["title ？/！"] += bool(a["title"] and a["title"][-1:] in "？！?!")
            feats["subheads"] += bool(a["subheads"])
            feats["captions"] += len(a["captions"])
            feats["ending"] += bool(a["ending"])
            feats["continued_to"] += bool(a["continued_to"])
            feats["continued_from"] += bool(a["continued_from"])
            feats["source " + str(a["source_position"])] += 1
            sl = a["source_line"] or ""
            for form, rx in (("本报讯", r"^本报讯"), ("本报X月X日讯/电", r"^本报.+\d+月\d+日[讯电]"),
                             ("新华社…电", r"^新华社.+电"), ("据新华社电", r"据新华社电"), ("本报记者", r"^本报记者"),
                             ("文/图", r"^文/图"), ("□/■ 作者", r"^[□■]"), ("other paper", r"日报")):
                if re.search(rx, sl):
                    feats["form " + form] += 1
        feats["photo_captions"] += len(g["photo_captions"])
    print("pages per kind:", dict(sorted(kinds.items())))
    print("articles per page kind:", dict(sorted(arts_by_kind.items())))
    print("pages per extractor:", dict(sorted(n_pages.items())))
    print("headline order per extractor:", {f"{k[0]}:{k[1]}": v for k, v in sorted(orders.items())})
    print("features:", dict(sorted(feats.items())))
    print("soft (extractor split/reordered; characters all present, in order unless row-wise):",
          {f"{k[0]}:{k[1]}": v for k, v in sorted(soft.items())})
    print(f"row-wise texts (columns interleaved line by line; breaks/line pairs >= {ROWWISE}):",
          " ".join(rowwise_pages) or "none")
    for f in fails:
        print("FAIL", f)
    print(f"{len(fails)} failures")
    return len(fails)


# ---------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------
def corpus_chars(texts) -> str:
    s = set(chr(c) for c in range(0x20, 0x7F))
    for t in texts:
        for v in (t.get("title"), t.get("kicker"), t.get("subtitle"), t.get("dateline"), t.get("agency")):
            if isinstance(v, str):
                s.update(v)
        for p in t["paragraphs"]:
            s.update(p)
        for a in t.get("authors") or []:
            s.update(str(a))
        for it in t.get("subheads") or []:
            s.update(str(it))
    for lst in (SURNAMES, GIVEN, PAPERS, SECTIONS, CITIES, UNITS, TITLES_OF):
        for x in lst:
            s.update(x)
    s.update("本报讯记者通讯员实习生特约电据新华社摄影图为文/图作者单位系为上下接转第版年月日星期一二三四五六日"
             "责任编辑版式校对□■——…“”‘’（）《》、，。；：？！·教师教研员副教授校长")
    s.discard("\n")
    return "".join(sorted(s))


def output_dirs(out: str, prefix: str) -> tuple[str, str, str]:
    """The pdftotext, PDFium and gold folders under `out`, made, and cleared of pages named prefix + NNN."""
    dirs = (os.path.join(out, "pages", "pdftotext"), os.path.join(out, "pages", "pdfium"), os.path.join(out, "gold"))
    for d in dirs:
        os.makedirs(d, exist_ok=True)
        for f in glob.glob(os.path.join(d, f"{prefix}[0-9][0-9][0-9].*")):
            os.remove(f)
    return dirs


def write_manifest(folder: str, rows: list[dict]) -> None:
    with open(os.path.join(folder, "manifest.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "paper", "published", "page_no", "source", "content_year", "note"])
        for r in rows:
            w.writerow([r[k] for k in ("file", "paper", "published", "page_no", "source", "content_year", "note")])


def plan_pages(n_pages: int, rng: random.Random, comp: Composer) -> list[str]:
    kinds = []
    has_photo = bool(comp.by.get("photo"))
    for i in range(n_pages):
        r = i % 8
        if r in (0, 2, 4, 6):
            kinds.append("news")
        elif r == 1:
            kinds.append("mixed")
        elif r == 3:
            kinds.append("briefs")
        elif r == 5:
            kinds.append("commentary")
        else:
            kinds.append("photo" if has_photo else "mixed")
    rng.shuffle(kinds)
    return kinds


def page_meta(prng):
    """What a page's margins print, drawn for one page: paper, date, page number, section, pages continued to."""
    paper = prng.choice(PAPERS)
    date = dt.date(2026, 1, 5) + dt.timedelta(days=prng.randrange(0, 150))
    page_no = prng.randint(1, 8)
    section = prng.choice(SECTIONS)
    cont_targets = [page_no + prng.randint(1, 3)] if prng.random() < 0.4 else []
    return paper, date, page_no, section, cont_targets


def pdf_page(pno, kind, comp, prng, dirs, grid, rows_pt, rows_pf, leadings=None) -> dict:
    """Compose, render and extract PDF page pNNN with both extractors; write its gold; add its manifest rows."""
    pdfdir, d_pt, d_pf, d_gold = dirs
    comp.rng = prng
    paper, date, page_no, section, cont_targets = page_meta(prng)
    gold, date = build_page(pno, kind, comp, prng, pdfdir, (paper, date, page_no, section, cont_targets, grid),
                            leadings=leadings)
    pid = gold["page"]
    pdf = os.path.join(pdfdir, pid + ".pdf")
    extract_pdftotext(pdf, os.path.join(d_pt, pid + ".txt"))
    extract_pdfium(pdf, os.path.join(d_pf, pid + ".txt"))
    with open(os.path.join(d_pt, pid + ".txt"), encoding="utf-8") as fh:
        t_pt = fh.read()
    gold["headline_order"] = {"pdftotext": observed_order(t_pt, gold["articles"]),
                              "pdfium": gold["headline_order"]["pdfium"]}
    with open(os.path.join(d_gold, pid + ".json"), "w", encoding="utf-8") as fh:
        json.dump(gold, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    ids = " ".join(a["id"] for a in gold["articles"])
    for rows, ex in ((rows_pt, "pdftotext"), (rows_pf, "pdfium")):
        rows.append({"file": pid + ".txt", "paper": paper, "published": date.isoformat(), "page_no": page_no,
                     "source": f"corpus: {ex} of make_corpus.py page", "content_year": date.year,
                     "note": ids})
    return gold


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--handset", type=int, default=12)
    ap.add_argument("--loose", type=int, default=6,
                    help="loose PDF pages after the others (body line spacing 1.6-1.75; pdftotext interleaves them)")
    ap.add_argument("--check", action="store_true", help="only verify the gold against the extracted texts")
    args = ap.parse_args(argv)
    out = os.path.abspath(args.out)
    if args.check:
        return 1 if self_check(out) else 0
    texts = load_texts(out)
    if not texts:
        print("no texts in", os.path.join(out, "texts"), file=sys.stderr)
        return 1
    pdfdir = os.path.join(out, "pdf")
    os.makedirs(pdfdir, exist_ok=True)
    chars = corpus_chars(texts)
    setup_fonts(pdfdir, chars)
    rng = random.Random(args.seed)
    comp = Composer(texts, rng)
    kinds = plan_pages(args.pages, rng, comp)
    grids = ([3, 4, 5, 6] * (args.pages // 4 + 1))[:args.pages]
    rng.shuffle(grids)
    d_pt, d_pf, d_gold = output_dirs(out, "p")
    rows_pt, rows_pf = [], []
    golds = []
    dirs = (pdfdir, d_pt, d_pf, d_gold)
    for i, kind in enumerate(kinds):
        prng = random.Random(rng.randrange(1 << 30))
        golds.append(pdf_page(i + 1, kind, comp, prng, dirs, grids[i], rows_pt, rows_pf))
    # hand-set pages: the same page composition, rendered as text by handset.py (no PDF extractor)
    hs_path = os.path.join(HERE, "handset.py")
    d_hs = os.path.join(out, "pages", "handset")
    if args.handset and os.path.exists(hs_path):
        spec = importlib.util.spec_from_file_location("corpus_handset", hs_path)
        hs = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hs)
        os.makedirs(d_hs, exist_ok=True)
        for f in glob.glob(os.path.join(d_hs, "h[0-9][0-9][0-9].txt")) + glob.glob(os.path.join(d_gold, "h[0-9][0-9][0-9].json")):
            os.remove(f)
        hkinds = plan_pages(args.handset, rng, comp)
        hgrids = ([3, 4, 5, 6] * (args.handset // 4 + 1))[:args.handset]
        rng.shuffle(hgrids)
        rows_hs = []
        for i, kind in enumerate(hkinds):
            pno = i + 1
            prng = random.Random(rng.randrange(1 << 30))
            comp.rng = prng
            paper, date, page_no, section, cont_targets = page_meta(prng)
            gold, date = build_page(pno, kind, comp, prng, pdfdir, (paper, date, page_no, section, cont_targets, hgrids[i]),
                              pid=f"h{pno:03d}")
            gold["headline_order"] = {}
            if hasattr(hs, "handset_gold"):
                gold = hs.handset_gold(gold, prng)
            else:
                gold["kind"] = "handset"
                gold["headline_order"] = {"handset": "after"}
            text = hs.render_handset(gold, prng)
            pid = gold["page"]
            with open(os.path.join(d_hs, pid + ".txt"), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            with open(os.path.join(d_gold, pid + ".json"), "w", encoding="utf-8") as fh:
                json.dump(gold, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
            golds.append(gold)
            rows_hs.append({"file": pid + ".txt", "paper": paper, "published": date.isoformat(), "page_no": page_no,
                            "source": "corpus: handset of make_corpus.py page", "content_year": date.year,
                            "note": " ".join(a["id"] for a in gold["articles"])})
        write_manifest(d_hs, rows_hs)
    elif args.handset:
        print("tests/corpus/handset.py not found: no hand-set pages", file=sys.stderr)
    # loose pages (p041...): body line spacing 1.6-1.75, which pdftotext outputs row-wise. They come after all
    # the other pages and draw from their own random streams, so the pages above do not change with --loose.
    if args.loose:
        lrng = random.Random(f"{args.seed}-loose")
        lkinds = (LOOSE_KINDS * (args.loose // len(LOOSE_KINDS) + 1))[:args.loose]
        lrng.shuffle(lkinds)
        lgrids = ([3, 4, 5, 6] * (args.loose // 4 + 1))[:args.loose]
        lrng.shuffle(lgrids)
        for i, kind in enumerate(lkinds):
            prng = random.Random(f"{args.seed}-loose-{i}")
            golds.append(pdf_page(args.pages + i + 1, kind, comp, prng, dirs, lgrids[i], rows_pt, rows_pf,
                                  LOOSE_LEADINGS))
    write_manifest(d_pt, rows_pt)
    write_manifest(d_pf, rows_pf)
    return 1 if self_check(out) else 0


if __name__ == "__main__":
    sys.exit(main())
