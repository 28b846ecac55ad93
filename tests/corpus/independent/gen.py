#!/usr/bin/env python3
"""Held-out newspaper-page corpus for sichuan-edu (independent of tests/corpus/make_corpus.py).

    .venv/bin/python tests/corpus/independent/gen.py --seed 20260501 [--out DIR]

Texts come from tests/corpus/texts/*.jsonl (real texts).  Layout, kickers, subtitles,
captions, extra names (通讯员, commentary authors, editors) and endings are made here, deterministically
from the seed.  Output: pdf/, pages/{pdftotext,pdftotext-raw,pdfminer}/ (+ manifest.csv), gold/.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import json
import os
import random
import re
import subprocess
import sys

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

TEXTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "texts")
PAGE_W, PAGE_H = 842.0, 1191.0          # A3 portrait, points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 40.0, 34.0, 40.0
HEADER_H = 62.0                         # furniture band on top
FOOTER_H = 22.0

FONTS = {
    "song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),     # AR PL UMing CN (body)
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),    # WenQuanYi Zen Hei (headlines)
    "mhei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # WenQuanYi Micro Hei (kicker, captions)
}
for _name, (_path, _idx) in FONTS.items():
    pdfmetrics.registerFont(TTFont(_name, _path, subfontIndex=_idx))

START_FORBID = set("，。、；：？！”’）》」』】〕〉…—%·,.;:?!)]}")
END_FORBID = set("（“‘《「『【〔〈([{")
ASCII_RUN = re.compile(r"[A-Za-z0-9.%:/_+\-]+")


def sw(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


# ----------------------------------------------------------------------------------------------- text
def units(text):
    out, i = [], 0
    while i < len(text):
        m = ASCII_RUN.match(text, i)
        if m:
            out.append(m.group()); i = m.end(); continue
        ch = text[i]
        if ch in "—…" and i + 1 < len(text) and text[i + 1] == ch:
            out.append(ch * 2); i += 2; continue
        out.append(ch); i += 1
    return out


def next_break(us, i, width, font, size):
    """Index j: units us[i:j] form the next line (避头尾 by pushing units to the next line)."""
    j, w = i, 0.0
    while j < len(us):
        uw = sw(us[j], font, size)
        if w + uw > width + 0.01:
            break
        w += uw; j += 1
    if j == i:                                   # a single unit wider than the line: split it
        u = us[i]
        k = 1
        while k < len(u) and sw(u[:k + 1], font, size) <= width:
            k += 1
        us[i:i + 1] = [u[:k], u[k:]]
        return i + 1
    if j < len(us):
        k = j
        while k > i + 1 and (us[k][0] in START_FORBID or us[k - 1][-1] in END_FORBID):
            k -= 1
        if k > i + 1:
            j = k
    return j


class Item:
    """A flowable: paragraph, subhead, source line, ending, brief title, caption."""

    def __init__(self, text, role, art, font="song", size=9.5, lead=None, indent=0.0, justify=True,
                 align="left", space_before=0.0, keep_next=False):
        self.text, self.role, self.art = text, role, art
        self.font, self.size = font, size
        self.lead = lead or size * 1.55
        self.indent, self.justify, self.align = indent, justify, align
        self.space_before, self.keep_next = space_before, keep_next


class Run:
    def __init__(self, x, y, text, font, size, cs, role, art, group):
        self.x, self.y, self.text, self.font, self.size, self.cs = x, y, text, font, size, cs
        self.role, self.art, self.group = role, art, group


def baseline(ytop, lead, size):
    return ytop + (lead - size) / 2 + size * 0.86


def flow(items, cols, H):
    """Flow items into columns [(x, w, off)] of height H (top-down coordinates relative to block top).
    Returns (runs, used_height) or None if it does not fit."""
    runs, used = [], 0.0
    ci = 0
    x, w, y = cols[0]
    for it in items:
        us = units(it.text)
        i, first = 0, True
        while i < len(us):
            sb = it.space_before if (first and y > cols[ci][2] + 0.01) else 0.0
            need = sb + it.lead + (it.lead if (it.keep_next and first) else 0.0)
            if y + need > H + 0.01:
                ci += 1
                if ci >= len(cols):
                    return None
                x, w, y = cols[ci]
                continue
            y += sb
            if not first:
                while i < len(us) and us[i].isspace():
                    i += 1
                if i >= len(us):
                    break
            ind = it.indent if first else 0.0
            j = next_break(us, i, w - ind, it.font, it.size)
            text = "".join(us[i:j])
            last = j >= len(us)
            nat = sw(text, it.font, it.size)
            cs = 0.0
            if it.align == "center":
                lx = x + (w - nat) / 2
            elif it.align == "right":
                lx = x + w - nat
            else:
                lx = x + ind
                if it.justify and not last and len(text) > 1:
                    cs = (w - ind - nat) / (len(text) - 1)
            runs.append(Run(lx, baseline(y, it.lead, it.size), text, it.font, it.size, cs, it.role, it.art,
                            None))
            y += it.lead
            used = max(used, y)
            i, first = j, False
    return runs, used


def balanced_flow(items, cols, Hmax, Hmin=0.0):
    lead = max(it.lead for it in items) if items else 10
    step = lead / 3
    one = flow(items, [(0, min(c[1] for c in cols), 0.0)], 1e9)
    est = (one[1] + sum(c[2] for c in cols)) / len(cols) - 2 * lead
    H = max(Hmin, max(c[2] for c in cols) + lead, est)
    while H <= Hmax + 0.01:
        r = flow(items, cols, H)
        if r is not None:
            return r
        H += step
    return None


def wrap_head(title, font, size, width, max_lines=4):
    """Break a headline into balanced lines (prefer the printed double spaces, then punctuation)."""
    t = title.strip()
    if sw(t, font, size) <= width:
        return [t]
    parts = [p for p in re.split(r"\s{2,}|\u3000", t) if p]
    if 1 < len(parts) <= max_lines and all(sw(p, font, size) <= width for p in parts):
        return parts
    us = [u for u in units(t)]
    lines, i = [], 0
    total = sw(t, font, size)
    n = int(total // width) + 1
    target = total / n
    while i < len(us):
        j = next_break(us, i, min(width, target + size * 1.5), font, size)
        lines.append("".join(us[i:j]).strip()); i = j
    return [l for l in lines if l]


# ----------------------------------------------------------------------------------------------- names
SURNAMES = list("张王李刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曾曹袁蒋蔡余杜叶程苏魏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万严武莫孔向汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红鹏辉斌宇浩凯健俊帆帅旭宁琳晨欣怡佳雪梅琴云莉婷倩颖彬波川蓉岚峰")
PLACES = ["成都市青羊区", "成都市武侯区", "绵阳市涪城区", "乐山市市中区", "宜宾市翠屏区", "南充市顺庆区", "泸州市江阳区",
          "德阳市旌阳区", "达州市通川区", "眉山市东坡区", "自贡市自流井区", "雅安市雨城区", "广元市利州区", "遂宁市船山区"]
UNITS = ["教育局", "教师发展中心", "实验小学", "第一中学", "教育科学研究所", "外国语学校", "职业技术学校", "第二幼儿园"]
SECTIONS = ["要闻", "综合新闻", "基础教育", "区域教育", "职业教育", "教育评论", "图片新闻", "校园动态", "资讯", "教育时评"]
WEEK = "一二三四五六日"


def person(rng, used=set()):
    for _ in range(100):
        n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if n not in used:
            used.add(n)
            return n
    return n


# ----------------------------------------------------------------------------------------------- texts
def load_texts():
    texts = []
    for f in sorted(glob.glob(os.path.join(TEXTS, "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    texts.append(json.loads(line))
    return texts


def body_paragraphs(t):
    """(paragraphs, subheads) with subheads inserted as their own paragraphs."""
    subs = {}
    for idx, s in t.get("subheads") or []:
        subs.setdefault(idx, []).append(s)
    paras, heads = [], []
    for i, p in enumerate(t["paragraphs"]):
        for s in subs.get(i, []):
            paras.append(("sub", s)); heads.append(s)
        paras.append(("p", p))
    return paras, heads


def clauses(text):
    return [c for c in re.split(r"[，。；：！？]", text) if c]


def derived_clause(rng, text, lo=8, hi=22):
    cs = [c.strip() for c in clauses(text) if lo <= len(c.strip()) <= hi and not re.search(r"[“”《》（）\"()]", c)]
    return rng.choice(cs) if cs else None


def caption_from(rng, text, who):
    """'图为…（X 摄）' from a body text: its first sentence without a leading date clause."""
    sent = re.split(r"[。！？]", text)[0]
    cl = [c for c in re.split(r"，", sent) if c]
    if len(cl) > 1 and re.match(r"^(\d+|[一二三四五六七八九十]+)(月|日)", cl[0]):
        cl = cl[1:]
    out = ""
    for c in cl:
        if len(out) >= 16:
            break
        out = out + ("，" if out else "") + c
    out = out[:48]
    return "图为" + out + "。（" + who + " 摄）"


# ----------------------------------------------------------------------------------------------- articles
def make_source(rng, t, form):
    """Return (source_line, position, authors, prefix) for a text and a wanted form."""
    auth_raw = [a for a in t.get("authors") or [] if not a.startswith("摄影")]
    authors = []
    for a in auth_raw:
        parts = a.split(None, 1)
        role, names = (parts[0], parts[1]) if len(parts) == 2 else ("作者", parts[0])
        for nm in re.split(r"[、，\s]+", names):
            if nm:
                authors.append({"name": nm, "role": role})
    agency, dateline = t.get("agency"), t.get("dateline")
    cred = " ".join(auth_raw)
    if form == "none":
        return None, None, [], ""
    if form == "xinhua":
        line = "新华社" + (dateline or "") + ("（" + cred + "）" if cred else "")
        if not dateline:
            line = "新华社电" + ("（" + cred + "）" if cred else "")
        return line, "inline", authors, line
    if form == "ju_xinhua":
        return "据新华社电", "inline", [], "据新华社电\u3000"
    if form == "ju_xinhua_end":
        return "（据新华社）", "end", [], ""
    if form == "other_paper":
        line = agency + (dateline or "讯") + ("（" + cred + "）" if cred else "")
        return line, "inline", authors, line
    # 本报 forms; add a 通讯员 sometimes
    if not authors:
        authors = [{"name": person(rng), "role": "记者"}]
    if form in ("benbao_dateline",) and rng.random() < 0.5 and len(authors) == 1:
        authors.append({"name": person(rng), "role": "通讯员"})
    roles = []
    for a in authors:
        if roles and roles[-1][0] == a["role"]:
            roles[-1][1].append(a["name"])
        else:
            roles.append((a["role"], [a["name"]]))
    cred = " ".join(r + " " + "、".join(ns) for r, ns in roles)
    if form == "benbao":
        line = "本报讯（" + cred + "）"
        return line, "inline", authors, line
    if form == "benbao_dateline":
        dl = dateline or "成都%d月%d日讯" % (rng.randint(1, 4), rng.randint(1, 28))
        dl = re.sub(r"电$", "讯", dl)
        line = "本报" + dl + "（" + cred + "）"
        return line, "inline", authors, line
    if form == "standalone":
        line = "本报" + cred
        return line, "standalone", authors, ""
    raise ValueError(form)


def choose_form(rng, t, kind):
    ag = t.get("agency")
    if kind == "brief":
        if ag == "新华社":
            return rng.choice(["xinhua", "ju_xinhua", "ju_xinhua_end"])
        if ag == "据新华社":
            return rng.choice(["ju_xinhua", "ju_xinhua_end"])
        if ag == "本报" or t.get("authors"):
            return "benbao"
        return rng.choice(["none", "benbao"])
    if ag == "新华社":
        return "xinhua"
    if ag == "据新华社":
        return "ju_xinhua"
    if ag and ag != "本报":
        return "other_paper"
    if ag == "本报":
        return rng.choice(["benbao", "benbao_dateline", "benbao_dateline", "standalone"])
    if t.get("authors"):
        return rng.choice(["benbao", "standalone"])
    return rng.choice(["none", "benbao", "standalone", "benbao_dateline"])


class Art:
    def __init__(self, t, kind):
        self.t, self.kind, self.id = t, kind, t["id"]
        self.title = t["title"]
        self.kicker = self.subtitle = None
        self.source_line = self.source_position = None
        self.authors = []
        self.prefix = ""
        self.paras, self.subheads = body_paragraphs(t)
        self.ending = None
        self.captions = []
        self.photo = False
        self.head_mode = "top"
        self.standalone_photo = False

    def gold(self):
        return {"id": self.id, "kicker": self.kicker, "title": self.title, "subtitle": self.subtitle,
                "source_line": self.source_line, "source_position": self.source_position,
                "authors": self.authors, "paragraphs": [p for _, p in self.paras], "subheads": self.subheads,
                "ending": self.ending, "continued_to": None, "continued_from": None,
                "captions": self.captions}

    def chars(self):
        return sum(len(p) for _, p in self.paras)


def dress(rng, art, kind):
    """Decide kicker/subtitle/source/ending for an article."""
    t = art.t
    if kind == "commentary":
        name = person(rng)
        art.source_line, art.source_position = "□ " + name, "standalone"
        art.authors = [{"name": name, "role": "作者"}]
        r = rng.random()
        place, unit = rng.choice(PLACES), rng.choice(UNITS)
        art.ending = ("（作者单位：%s%s）" % (place, unit) if r < 0.7 else "（作者系%s%s教师）" % (place, unit.replace("教育局", "实验小学")))
    elif kind in ("news", "brief"):
        form = choose_form(rng, t, kind)
        art.source_line, art.source_position, art.authors, art.prefix = make_source(rng, t, form)
    if kind in ("news", "commentary") and rng.random() < 0.55:
        text = "".join(p for _, p in art.paras)
        if rng.random() < 0.6:
            k = derived_clause(rng, text, 6, 16)
            if k:
                art.kicker = k
        if rng.random() < 0.7 or art.kicker is None:
            s = derived_clause(rng, text[len(text) // 3:], 8, 20)
            if s:
                art.subtitle = "——" + s
    return art


# ----------------------------------------------------------------------------------------------- page
class Page:
    def __init__(self, n, kind, ncols, fs, order, paper, date, page_no, section, editor, designer, rng):
        self.n, self.kind, self.ncols, self.fs, self.order = n, kind, ncols, fs, order
        self.paper, self.date, self.page_no, self.section = paper, date, page_no, section
        self.editor, self.designer = editor, designer
        self.rng = rng
        self.lead = fs * rng.choice([1.38, 1.42, 1.45, 1.5, 1.6, 1.7])
        self.gutter = fs * rng.choice([1.2, 1.5, 2.0, 2.5, 3.0])
        self.x0 = MARGIN_X
        self.y0 = MARGIN_TOP + HEADER_H
        self.area_w = PAGE_W - 2 * MARGIN_X
        self.area_h = PAGE_H - self.y0 - MARGIN_BOTTOM - FOOTER_H
        self.colw = (self.area_w - (ncols - 1) * self.gutter) / ncols
        self.tops = [0.0] * ncols
        self.runs, self.graphics = [], []
        self.arts, self.photo_captions, self.furniture = [], [], []
        self.labels = []

    def colx(self, c):
        return self.x0 + c * (self.colw + self.gutter)

    # ---- blocks
    def block_layout(self, art, k, Hmax):
        """Lay out one article in k grid columns. Returns (runs, graphics, height) relative to (0,0)."""
        fs, lead, colw, g = self.fs, self.lead, self.colw, self.gutter
        bw = k * colw + (k - 1) * g
        rng = self.rng
        runs, gfx = [], []
        ai = len(self.arts)
        items = []
        if art.source_position == "standalone":
            items.append(Item(art.source_line, "source", ai, "mhei", fs, lead, indent=0 if art.kind == "commentary" else 2 * fs,
                              justify=False))
        for n, (typ, p) in enumerate(art.paras):
            if typ == "sub":
                items.append(Item(p, "body", ai, "hei", fs + 0.5, lead * 1.15, justify=False, align="center",
                                  space_before=lead * 0.4, keep_next=True))
            else:
                text = p
                if n == next(i for i, (tt, _) in enumerate(art.paras) if tt == "p") and art.prefix:
                    text = art.prefix + p
                if art.source_position == "end" and n == len(art.paras) - 1:
                    text = p + art.source_line
                items.append(Item(text, "body", ai, "song", fs, lead, indent=2 * fs))
        if art.ending:
            al = "right" if sw(art.ending, "song", fs) < colw else "left"
            items.append(Item(art.ending, "body", ai, "song", fs, lead, indent=0 if al == "right" else 2 * fs,
                              align=al, justify=True))
        # headline
        hs = art.hs
        head = []                                   # (text, font, size, lineheight)
        mode = art.head_mode if k >= 2 else "top"
        if art.kind == "brief_item":
            mode = "brief"
        y = 0.0
        cols = [(c * (colw + g), colw, 0.0) for c in range(k)]
        Hmin = 0.0
        if mode == "top":
            width = bw - 4
            if art.kicker:
                for l in wrap_head(art.kicker, "mhei", fs + 3, width):
                    head.append((l, "mhei", fs + 3, (fs + 3) * 1.45, "kicker"))
            size = hs
            tl = wrap_head(art.title, "hei", size, width)
            while len(tl) > 2 and size > 16:
                size -= 1; tl = wrap_head(art.title, "hei", size, width)
            for l in tl:
                head.append((l, "hei", size, size * 1.3, "title"))
            if art.subtitle:
                for l in wrap_head(art.subtitle, "mhei", fs + 2, width):
                    head.append((l, "mhei", fs + 2, (fs + 2) * 1.5, "subtitle"))
            for text, font, size, lh, role in head:
                tw = sw(text, font, size)
                runs.append(Run((bw - tw) / 2, baseline(y, lh, size), text, font, size, 0, role, ai, None))
                y += lh
            y += lead * 0.5
            if art.photo:
                ph, cap = self.photo_box(art, bw, y, runs, gfx, ai)
                y = cap
            cols = [(c * (colw + g), colw, y) for c in range(k)]
        elif mode == "left_box":
            pad = 6
            inner = colw - 2 * pad
            yy = pad
            if art.kicker:
                for l in wrap_head(art.kicker, "mhei", fs + 1, inner, 6):
                    head.append((l, "mhei", fs + 1, (fs + 1) * 1.5, "kicker"))
            size = min(hs, 22)
            tl = wrap_head(art.title, "hei", size, inner, 8)
            for l in tl:
                head.append((l, "hei", size, size * 1.35, "title"))
            if art.subtitle:
                for l in wrap_head(art.subtitle, "mhei", fs + 1, inner, 6):
                    head.append((l, "mhei", fs + 1, (fs + 1) * 1.5, "subtitle"))
            for text, font, size, lh, role in head:
                tw = sw(text, font, size)
                runs.append(Run(pad + (inner - tw) / 2, baseline(yy, lh, size), text, font, size, 0, role, ai, None))
                yy += lh
            boxh = yy + pad
            gfx.append(("box", 0, 0, colw, boxh))
            cols = [(0, colw, boxh + lead * 0.8)] + [(c * (colw + g), colw, 0.0) for c in range(1, k)]
        elif mode == "vertical":
            size = hs
            step = size * 1.12
            sw_ = size + 14
            for i, ch in enumerate(art.title.replace(" ", "").replace("\u3000", "")):
                runs.append(Run(7 + (size - sw(ch, "hei", size)) / 2, baseline(6 + i * step, step, size), ch, "hei",
                                size, 0, "title", ai, None))
            strip_h = 12 + len(art.title.replace(" ", "")) * step
            gfx.append(("vbar", 0, 0, sw_, strip_h))
            Hmin = strip_h
            cols = [(sw_ + fs * 1.2, colw - sw_ - fs * 1.2, 0.0)] + [(c * (colw + g), colw, 0.0) for c in range(1, k)]
            if art.subtitle or art.kicker:       # vertical heads carry neither
                art.subtitle = art.kicker = None
        elif mode == "brief":
            tl = wrap_head(art.title, "hei", hs, bw - 2, 4)
            for l in tl:
                runs.append(Run(0, baseline(y, hs * 1.4, hs), l, "hei", hs, 0, "title", ai, None))
                y += hs * 1.4
            y += 2
            cols = [(c * (colw + g), colw, y) for c in range(k)]
        r = balanced_flow(items, cols, Hmax, Hmin)
        if r is None:
            return None
        brun, used = r
        runs.extend(brun)
        if mode == "left_box":
            used = max(used, boxh)
        if mode == "vertical":
            used = max(used, Hmin)
        if mode != "top" and art.photo:
            return None
        return runs, gfx, used

    def photo_box(self, art, bw, y, runs, gfx, ai):
        rng = self.rng
        ph = min(bw * rng.choice([0.5, 0.56, 0.62]), 300)
        gfx.append(("photo", 0, y, bw, ph, rng.random()))
        y += ph + 4
        cs = 8.5
        us = units(art.captions[0])
        i = 0
        while i < len(us):
            j = next_break(us, i, bw, "mhei", cs)
            text = "".join(us[i:j])
            c = (bw - sw(text, "mhei", cs)) / (len(text) - 1) if j < len(us) and len(text) > 1 else 0
            runs.append(Run(0, baseline(y, cs * 1.5, cs), text, "mhei", cs, c, "caption", ai, None))
            y += cs * 1.5; i = j
        return ph, y + self.lead * 0.6

    def place(self, runs, gfx, h, c0, k, ytop):
        x0 = self.colx(c0)
        for r in runs:
            r.x += x0; r.y += self.y0 + ytop
            self.runs.append(r)
        for g in gfx:
            self.graphics.append((g[0], g[1] + x0, g[2] + self.y0 + ytop) + tuple(g[3:]))
        if ytop > 0.5:
            bw = k * self.colw + (k - 1) * self.gutter
            self.graphics.append(("hrule", x0, self.y0 + ytop - self.lead * 0.7, bw))
        for c in range(c0, c0 + k):
            self.tops[c] = ytop + h + self.lead * 1.4

    def try_article(self, art, spans, at=None):
        """Place the article at the best skyline position; True if placed."""
        best = None
        for k in spans:
            if k > self.ncols:
                continue
            cands = [at] if at is not None else range(self.ncols - k + 1)
            for c0 in cands:
                ytop = max(self.tops[c0:c0 + k])
                room = self.area_h - ytop
                if room < self.lead * 4:
                    continue
                waste = sum(ytop - self.tops[c] for c in range(c0, c0 + k))
                key = (ytop + waste * 0.6, c0)
                if best is not None and key >= best[0]:
                    continue
                saved = len(self.arts)
                r = self.block_layout(art, k, room)
                if r is None:
                    continue
                best = (key, k, c0, ytop, r)
        if best is None:
            return False
        _, k, c0, ytop, (runs, gfx, h) = best
        self.place(runs, gfx, h, c0, k, ytop)
        art.pos = (ytop, c0)
        self.arts.append(art)
        return True

    def briefs_block(self, briefs, label, c0=None, k=1):
        """A 简讯 column: label + as many briefs as fit. Returns list of briefs placed."""
        if c0 is None:
            c0 = min(range(self.ncols - k + 1), key=lambda c: max(self.tops[c:c + k]))
        ytop = max(self.tops[c0:c0 + k])
        room = self.area_h - ytop
        fs, lead = self.fs, self.lead
        bw = k * self.colw + (k - 1) * self.gutter
        placed = []
        best = None
        for n in range(1, len(briefs) + 1):
            chosen = briefs[:n]
            items, ai0 = [], len(self.arts)
            for m, a in enumerate(chosen):
                ai = ai0 + m
                items.append(Item(a.title, "title", ai, "hei", fs + 1.5, (fs + 1.5) * 1.45, justify=False,
                                  space_before=lead * 0.6))
                for m2, (_, p) in enumerate(a.paras):
                    text = (a.prefix if m2 == 0 else "") + p
                    if a.source_position == "end" and m2 == len(a.paras) - 1:
                        text += a.source_line
                    items.append(Item(text, "body", ai, "song", fs, lead, indent=2 * fs))
            lab_h = 24
            cols = [(c * (self.colw + self.gutter), self.colw, lab_h + 4) for c in range(k)]
            r = balanced_flow(items, cols, room)
            if r is None:
                break
            best = (chosen, r)
        if best is None:
            return []
        chosen, (runs, used) = best
        lw = sw(label, "hei", 13)
        runs.append(Run((bw - lw) / 2, baseline(2, 20, 13), label, "hei", 13, 0, "label", None, None))
        gfx = [("label", 0, 0, bw, 22)]
        self.furniture_extra(label)
        self.place(runs, gfx, used, c0, k, ytop)
        for a in chosen:
            a.pos = (ytop, c0)
        self.arts.extend(chosen)
        return chosen

    def furniture_extra(self, s):
        self.labels.append(s)

    def standalone_photo(self, caption, k, at=None):
        best = None
        for c0 in ([at] if at is not None else range(self.ncols - k + 1)):
            ytop = max(self.tops[c0:c0 + k])
            if best is None or ytop < best[1]:
                best = (c0, ytop)
        c0, ytop = best
        bw = k * self.colw + (k - 1) * self.gutter
        class _A: pass
        a = _A(); a.captions = [caption]
        runs, gfx = [], []
        ph, y = self.photo_box(a, bw, 0, runs, gfx, None)
        if ytop + y > self.area_h:
            return False
        for r in runs:
            r.role = "pcaption"; r.art = ("ph", len(self.photo_captions))
        self.place(runs, gfx, y - self.lead * 0.6, c0, k, ytop)
        self.photo_captions.append(caption)
        return True

    # ---- furniture
    def draw_furniture(self):
        d = self.date
        date_s = "%d年%d月%d日 星期%s" % (d.year, d.month, d.day, WEEK[d.weekday()])
        ban = "第%d版 %s" % (self.page_no, self.section)
        ed = "责任编辑：%s 版式：%s" % (self.editor, self.designer)
        runs = []
        top = MARGIN_TOP
        style = self.n % 3
        if style == 0:   # paper name left, date + page right
            runs.append(Run(MARGIN_X, top + 30, self.paper, "hei", 26, 0, "furniture", None, None))
            for i, s in enumerate([ban, date_s]):
                runs.append(Run(PAGE_W - MARGIN_X - sw(s, "mhei", 10.5), top + 16 + i * 17, s, "mhei", 10.5, 0,
                                "furniture", None, None))
        elif style == 1:  # page left, paper centre, date right
            runs.append(Run(MARGIN_X, top + 28, ban, "hei", 14, 0, "furniture", None, None))
            runs.append(Run((PAGE_W - sw(self.paper, "hei", 22)) / 2, top + 30, self.paper, "hei", 22, 0,
                            "furniture", None, None))
            runs.append(Run(PAGE_W - MARGIN_X - sw(date_s, "mhei", 10), top + 28, date_s, "mhei", 10, 0,
                            "furniture", None, None))
        else:             # date left, page right, small paper name centred
            runs.append(Run(MARGIN_X, top + 26, date_s, "mhei", 10, 0, "furniture", None, None))
            runs.append(Run((PAGE_W - sw(self.paper, "hei", 16)) / 2, top + 26, self.paper, "hei", 16, 0,
                            "furniture", None, None))
            runs.append(Run(PAGE_W - MARGIN_X - sw(ban, "hei", 16), top + 26, ban, "hei", 16, 0, "furniture",
                            None, None))
        self.graphics.append(("hrule2", MARGIN_X, top + HEADER_H - 14, PAGE_W - 2 * MARGIN_X))
        ys = PAGE_H - MARGIN_BOTTOM
        if self.n % 2:
            runs.append(Run(PAGE_W - MARGIN_X - sw(ed, "mhei", 8.5), ys, ed, "mhei", 8.5, 0, "furniture", None, None))
        else:
            runs.append(Run(MARGIN_X, ys, ed, "mhei", 8.5, 0, "furniture", None, None))
        self.graphics.append(("hrule", MARGIN_X, ys - 14, PAGE_W - 2 * MARGIN_X))
        self.furniture = [r.text for r in runs]
        return runs

    # ---- output
    def render(self, path):
        c = canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), invariant=1)
        c.setTitle("%s %s" % (self.paper, self.date.isoformat()))
        c.setAuthor("independent gen.py")
        c.setCreator("independent gen.py")
        rng = random.Random(self.n * 7919)
        for g in self.graphics:
            kind = g[0]
            if kind == "photo":
                _, x, y, w, h, shade = g
                c.setFillGray(0.55 + 0.3 * shade)
                c.rect(x, PAGE_H - y - h, w, h, stroke=0, fill=1)
                for _ in range(6):
                    c.setFillGray(rng.uniform(0.2, 0.9))
                    r = rng.uniform(0.08, 0.25) * min(w, h)
                    c.circle(x + rng.uniform(r, w - r), PAGE_H - y - rng.uniform(r, h - r), r, stroke=0, fill=1)
            elif kind == "box":
                _, x, y, w, h = g
                c.setStrokeGray(0.2); c.setLineWidth(0.8)
                c.rect(x, PAGE_H - y - h, w, h, stroke=1, fill=0)
            elif kind == "vbar":
                _, x, y, w, h = g
                c.setFillGray(0.92)
                c.rect(x, PAGE_H - y - h, w, h, stroke=0, fill=1)
            elif kind == "label":
                _, x, y, w, h = g
                c.setFillGray(0.85)
                c.rect(x, PAGE_H - y - h, w, h, stroke=0, fill=1)
            elif kind == "ad":
                _, x, y, w, h = g
                c.setFillGray(0.95); c.setStrokeGray(0.5); c.setLineWidth(0.6)
                c.rect(x, PAGE_H - y - h, w, h, stroke=1, fill=1)
                c.setStrokeGray(0.8)
                for i in range(1, 7):
                    c.line(x + w * i / 7, PAGE_H - y - 4, x + w * i / 7, PAGE_H - y - h + 4)
            elif kind in ("hrule", "hrule2"):
                _, x, y, w = g
                c.setStrokeGray(0.3); c.setLineWidth(0.5 if kind == "hrule" else 1.5)
                c.line(x, PAGE_H - y, x + w, PAGE_H - y)
                if kind == "hrule2":
                    c.setLineWidth(0.4); c.line(x, PAGE_H - y - 3, x + w, PAGE_H - y - 3)
        c.setFillGray(0)
        for r in self.ordered_runs():
            t = c.beginText()
            t.setFont(r.font, r.size)
            t.setCharSpace(r.cs)
            t.setTextOrigin(r.x, PAGE_H - r.y)
            t.textOut(r.text)
            c.drawText(t)
        c.showPage()
        c.save()

    def ordered_runs(self):
        """Content-stream order: furniture first or last; headlines before / after their bodies, or all at
        the end (self.order)."""
        furn = [r for r in self.runs if r.role in ("furniture", "label")]
        rest = [r for r in self.runs if r.role not in ("furniture", "label")]
        heads = lambda rs: [r for r in rs if r.role in ("kicker", "title", "subtitle")]
        bodies = lambda rs: [r for r in rs if r.role not in ("kicker", "title", "subtitle")]
        groups = {}
        keyorder = []
        for r in rest:
            key = r.art if r.art is not None else ("x", id(r))
            if key not in groups:
                groups[key] = []; keyorder.append(key)
            groups[key].append(r)
        out = []
        if self.order == "end":
            for k in keyorder:
                out += bodies(groups[k])
            for k in keyorder:
                out += heads(groups[k])
        else:
            for k in keyorder:
                if self.order == "before":
                    out += heads(groups[k]) + bodies(groups[k])
                else:
                    out += bodies(groups[k]) + heads(groups[k])
        return (furn + out) if self.n % 2 == 0 else (out + furn)


# ----------------------------------------------------------------------------------------------- planning
PAGE_KINDS = ["news", "mixed", "briefs", "commentary", "photo", "news", "mixed", "news", "photo", "mixed",
              "commentary", "briefs", "news", "mixed"]
ORDERS = ["before", "after", "end"]


def build(seed, out):
    rng = random.Random(seed)
    texts = load_texts()
    pools = {}
    for t in texts:
        pools.setdefault(t["kind"], []).append(t)
    for k in pools:
        rng.shuffle(pools[k])
    used_ids = set()

    def take(kind, pred=lambda t: True, strict=False):
        for t in pools[kind]:
            if t["id"] not in used_ids and pred(t):
                used_ids.add(t["id"])
                return t
        if strict:
            return None
        cands = [t for t in pools[kind] if pred(t)] or pools[kind]
        return rng.choice(cands)

    news_dates = sorted({t["published"] for t in texts if t["kind"] in ("news", "brief", "photo") and t["published"]})
    orders = ORDERS * 5
    rng.shuffle(orders)
    pages = []
    for n, kind in enumerate(PAGE_KINDS, start=1):
        prng = random.Random(seed * 1000 + n)
        ncols = [5, 6, 4, 5, 6, 5, 4][(n + seed) % 7]
        fs = prng.choice([9.0, 9.5, 10.0])
        date = dt.date.fromisoformat(prng.choice(news_dates))
        paper = "四川教育导报" if prng.random() < 0.75 else "教育导报"
        section = {"briefs": "校园动态", "commentary": "教育评论", "photo": "图片新闻"}.get(kind, prng.choice(SECTIONS[:5]))
        page = Page(n, kind, ncols, fs, orders[n - 1], paper, date, prng.randint(1, 8), section, person(prng),
                    person(prng), prng)
        fill_page(page, kind, take, prng)
        pages.append(page)
    return pages


def photo_caption(rng, t):
    who = [a.split(None, 1)[1] for a in t["authors"] if a.startswith("摄影")] or [person(rng)]
    para = t["paragraphs"][0]
    return ("" if para.startswith("图为") else "图为") + para + "（" + who[0] + " 摄）"


def set_head(art, rng, lead=False, small=False):
    art.hs = rng.choice([26, 28, 30]) if lead else (rng.choice([14, 15, 16]) if small else rng.choice([16, 18, 20, 22]))


def fill_gaps(page, kind, take, rng):
    """Fill the columns' empty bottoms with texts of a fitting length, briefs, photos, else a blank ad box."""
    nc = page.ncols
    tries = 0
    while tries < 12:
        tries += 1
        order = sorted(range(nc), key=lambda c: page.tops[c])
        c = order[0]
        room = page.area_h - page.tops[c]
        if room < page.lead * 5:
            break
        k = 1
        if c + 1 < nc and abs(page.tops[c + 1] - page.tops[c]) < page.lead * 3:
            k = 2
        elif c - 1 >= 0 and abs(page.tops[c - 1] - page.tops[c]) < page.lead * 3:
            c, k = c - 1, 2
        ytop = max(page.tops[c:c + k])
        room = page.area_h - ytop
        cpl = page.colw / page.fs
        cap = (room / page.lead - 5) * cpl * k
        placed = False
        if room >= page.lead * 14:
            if kind == "briefs" and len(page.arts) < 10:
                bs = []
                for _ in range(4):
                    b = Art(take("brief", lambda t: sum(map(len, t["paragraphs"])) < 330), "brief")
                    dress(rng, b, "brief"); b.kicker = b.subtitle = None
                    bs.append(b)
                placed = bool(page.briefs_block(bs, rng.choice(["简讯", "短讯"]), c0=c, k=k))
            elif kind == "photo" and k == 2 and rng.random() < 0.5:
                t = take("photo", lambda t: t["title"].startswith("图片"), strict=True)
                if t is not None:
                    placed = page.standalone_photo(photo_caption(rng, t), 2, at=c)
            elif kind != "briefs":
                src = {"commentary": ["commentary"], "photo": ["news"]}.get(kind, ["news", "news", "notice"])
                src = rng.choice(src)
                lo, hi = cap * 0.45, cap * 0.85
                t = take(src, lambda t: lo <= sum(map(len, t["paragraphs"])) <= hi, strict=True)
                if t is None and src != "commentary":
                    t = take("news", lambda t: lo * 0.5 <= sum(map(len, t["paragraphs"])) <= hi, strict=True)
                if t is not None:
                    a = Art(t, "news")
                    dress(rng, a, "commentary" if src == "commentary" else "news")
                    set_head(a, rng, small=(k == 1))
                    a.head_mode = "top"
                    placed = page.try_article(a, [k], at=c)
        if not placed:
            bw = k * page.colw + (k - 1) * page.gutter
            h = page.area_h - ytop
            page.place([], [("ad", 0, 0, bw, h)], h, c, k, ytop)


def fill_page(page, kind, take, rng):
    _fill_page(page, kind, take, rng)
    fill_gaps(page, kind, take, rng)


def _fill_page(page, kind, take, rng):
    nc = page.ncols
    big = min(3, nc - 2)

    def news_art(pred=lambda t: True, src="news"):
        a = Art(take(src, pred), "news")
        return dress(rng, a, "news")

    def with_photo(a):
        a.photo = True
        who = rng.choice(["记者 " + person(rng), person(rng), "通讯员 " + person(rng)])
        a.captions = [caption_from(rng, a.paras[-1][1] if a.paras[0][0] == "sub" else a.paras[0][1], who)]
        return a

    def head_mode(a, k):
        r = rng.random()
        title_len = len(a.title.replace(" ", ""))
        if k >= 2 and r < 0.22 and not a.photo and title_len <= 26:
            return "left_box"
        if k >= 2 and r < 0.45 and title_len <= 14 and not a.photo and a.chars() > 300:
            return "vertical"
        return "top"

    def place(a, spans, lead=False, at=None):
        set_head(a, rng, lead)
        a.head_mode = head_mode(a, max(spans)) if not lead else "top"
        ok = page.try_article(a, spans, at)
        if not ok and a.head_mode != "top":
            a.head_mode = "top"
            ok = page.try_article(a, spans, at)
        return ok

    def briefs(n, label, k=1):
        bs = []
        for _ in range(n):
            b = Art(take("brief", lambda t: sum(map(len, t["paragraphs"])) < 330), "brief")
            dress(rng, b, "brief")
            b.kicker = b.subtitle = None
            bs.append(b)
        return page.briefs_block(bs, label, k=k)

    if kind == "news":
        lead = news_art(lambda t: sum(map(len, t["paragraphs"])) > 450)
        if rng.random() < 0.6:
            with_photo(lead)
        place(lead, [big], lead=True, at=rng.choice([0, nc - big]))
        for _ in range(3):
            place(news_art(lambda t: sum(map(len, t["paragraphs"])) > 250), [2, 1])
        a = Art(take("notice", lambda t: bool(t["subheads"]) and sum(map(len, t["paragraphs"])) < 1100), "news")
        place(dress(rng, a, "news"), [2, 3])
        for _ in range(3):
            place(news_art(), [1, 2])
    elif kind == "mixed":
        lead = news_art(lambda t: sum(map(len, t["paragraphs"])) > 350)
        place(lead, [big], lead=True, at=0)
        c = dress(rng, Art(take("commentary", lambda t: sum(map(len, t["paragraphs"])) < 800), "commentary"), "commentary")
        place(c, [1, 2])
        p = Art(take("photo", lambda t: not t["title"].startswith("图片")), "news")
        p.source_line = None
        with_photo(p)
        place(p, [2])
        for _ in range(2):
            place(news_art(), [2, 1])
        briefs(3, "简讯")
        a = Art(take("notice", lambda t: bool(t["subheads"]) and sum(map(len, t["paragraphs"])) < 900), "news")
        place(dress(rng, a, "news"), [2, 1])
    elif kind == "briefs":
        for _ in range(8):
            b = Art(take("brief"), "brief")
            dress(rng, b, "brief")
            set_head(b, rng, small=True)
            b.head_mode = "top"
            page.try_article(b, [1, 2] if rng.random() < 0.5 else [2, 1])
        briefs(5, rng.choice(["简讯", "教育简讯"]))
    elif kind == "commentary":
        for i in range(4):
            a = Art(take("commentary", lambda t: sum(map(len, t["paragraphs"])) < 1300), "commentary")
            dress(rng, a, "commentary")
            place(a, [big] if i == 0 else [2, 1], lead=(i == 0))
        a = Art(take("notice", lambda t: bool(t["subheads"]) and sum(map(len, t["paragraphs"])) < 1200), "commentary")
        dress(rng, a, "commentary")
        place(a, [2, 3])
    elif kind == "photo":
        for i in range(3):
            p = Art(take("photo", lambda t: not t["title"].startswith("图片")), "news")
            with_photo(p)
            place(p, [big] if i == 0 else [2], lead=(i == 0))
        for i in range(3):
            t = take("photo", lambda t: t["title"].startswith("图片"))
            page.standalone_photo(photo_caption(rng, t), 2)
        place(news_art(), [2, 1])
        place(news_art(), [1, 2])


# ----------------------------------------------------------------------------------------------- extraction
def norm(s):
    return "".join((s or "").split())


def observe_order(text, arts):
    """before | after | end: where the extractor put headlines relative to their bodies (an occurrence of
    the title inside the article's own body span is skipped)."""
    t = norm(text)
    pos = []
    for a in arts:
        title = norm(a["title"])
        body = norm("".join(a["paragraphs"]))
        bp = be = -1
        for n in (12, 8, 5):
            if bp < 0:
                bp = t.find(body[:n])
        for n in (12, 8, 5):
            if be < 0:
                be = t.find(body[-n:], max(bp, 0))
        if be < 0:
            be = bp
        occ, i = [], t.find(title)
        while i >= 0:
            occ.append(i); i = t.find(title, i + 1)
        if not occ:
            i = t.find(title[:4])
            occ = [i] if i >= 0 else []
        outside = [o for o in occ if not (bp <= o <= be)]
        tp = (outside or occ or [-1])[0]
        pos.append((tp, bp, be))
    pos = [p for p in pos if p[0] >= 0 and p[1] >= 0]
    if not pos:
        return "before"
    last_body = max(p[2] for p in pos)
    if len(pos) > 2 and all(p[0] > last_body for p in pos):
        return "end"
    before = sum(1 for p in pos if p[0] < p[1])
    return "before" if before * 2 >= len(pos) else "after"


def extract_all(out, names):
    from pdfminer.high_level import extract_text
    res = {"pdftotext": {}, "pdftotext-raw": {}, "pdfminer": {}}
    for name in names:
        pdf = os.path.join(out, "pdf", name + ".pdf")
        for ex, args in (("pdftotext", []), ("pdftotext-raw", ["-raw"])):
            dst = os.path.join(out, "pages", ex, name + ".txt")
            subprocess.run(["pdftotext"] + args + ["-enc", "UTF-8", pdf, dst], check=True)
            with open(dst, encoding="utf-8") as fh:
                res[ex][name] = fh.read()
        txt = extract_text(pdf)
        with open(os.path.join(out, "pages", "pdfminer", name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(txt)
        res["pdfminer"][name] = txt
    return res


def run_width(r):
    return sw(r.text, r.font, r.size) + r.cs * max(len(r.text) - 1, 0)


def verify(pages, golds, ext, names):
    """Checks; returns report lines. Raises on a hard failure."""
    from collections import Counter
    rep, bad = [], 0
    for p, name in zip(pages, names):
        g = golds[name]
        # 1. every drawn character is in the gold
        drawn = Counter(norm("".join(r.text for r in p.runs)))
        gs = list(g["furniture"]) + list(g["photo_captions"])
        for a in g["articles"]:
            gs += [a["kicker"], a["title"], a["subtitle"], a["source_line"], a["ending"]] + a["paragraphs"] + a["captions"]
        gold_c = Counter(norm("".join(x for x in gs if x)))
        if drawn != gold_c:
            bad += 1
            rep.append("%s drawn!=gold: extra %r missing %r" % (name, dict(drawn - gold_c), dict(gold_c - drawn)))
        # 2. 避头尾 in body/caption runs
        for r in p.runs:
            if r.role in ("body", "caption", "pcaption") and r.text and r.text[0] in START_FORBID:
                bad += 1; rep.append("%s line starts with %r: %s" % (name, r.text[0], r.text))
        # 3. no overlapping text boxes
        boxes = [(r.x, r.y - r.size * 0.88, r.x + run_width(r), r.y + r.size * 0.12, r.text) for r in p.runs]
        boxes.sort()
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if boxes[j][0] >= boxes[i][2] - 0.5:
                    break
                if boxes[j][1] < boxes[i][3] - 0.5 and boxes[i][1] < boxes[j][3] - 0.5:
                    bad += 1; rep.append("%s overlap: %s | %s" % (name, boxes[i][4], boxes[j][4]))
        for x0, y0, x1, y1, t in boxes:
            if x0 < MARGIN_X - 0.5 or x1 > PAGE_W - MARGIN_X + 0.5:
                bad += 1; rep.append("%s outside margins: %s" % (name, t))
        # 4. every gold title and body character appears in every extraction
        for ex in ext:
            have = Counter(norm(ext[ex][name]))
            need = Counter()
            for a in g["articles"]:
                need += Counter(norm((a["title"] or "") + "".join(a["paragraphs"])))
            if need - have:
                bad += 1; rep.append("%s %s missing chars %r" % (name, ex, dict(need - have)))
    if bad:
        raise SystemExit("\n".join(rep))
    return rep


def contiguity(golds, ext, names):
    """Per extractor: titles / paragraphs found as contiguous strings (whitespace removed)."""
    out = {}
    for ex in ext:
        t_ok = t_n = p_ok = p_n = 0
        for name in names:
            txt = norm(ext[ex][name])
            for a in golds[name]["articles"]:
                t_n += 1; t_ok += norm(a["title"]) in txt
                for para in a["paragraphs"]:
                    p_n += 1; p_ok += norm(para) in txt
        out[ex] = (t_ok, t_n, p_ok, p_n)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20260501)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    out = args.out
    for d in ("pdf", "gold", "pages/pdftotext", "pages/pdftotext-raw", "pages/pdfminer"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
        for f in glob.glob(os.path.join(out, d, "*")):
            if os.path.isfile(f):
                os.remove(f)
    pages = build(args.seed, out)
    golds, names = {}, []
    for p in pages:
        name = "q%03d" % p.n
        names.append(name)
        p.runs = p.draw_furniture() + p.runs
        furniture = p.furniture + p.labels
        p.render(os.path.join(out, "pdf", name + ".pdf"))
        kind = p.kind
        golds[name] = {"page": name, "kind": kind, "furniture": furniture, "headline_order": {},
                       "articles": [a.gold() for a in sorted(p.arts, key=lambda a: a.pos)], "photo_captions": p.photo_captions, "tables": []}
    ext = extract_all(out, names)
    for name in names:
        g = golds[name]
        for ex in ext:
            g["headline_order"][ex] = observe_order(ext[ex][name], g["articles"])
        with open(os.path.join(out, "gold", name + ".json"), "w", encoding="utf-8") as fh:
            json.dump(g, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    for ex in ext:
        with open(os.path.join(out, "pages", ex, "manifest.csv"), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["file", "paper", "published", "page_no", "source", "content_year", "note"])
            for p, name in zip(pages, names):
                w.writerow([name + ".txt", p.paper, p.date.isoformat(), p.page_no,
                            "independent corpus: %s of tests/corpus/independent/gen.py page (seed %d)" % (ex, args.seed), p.date.year,
                            p.kind + ": " + " ".join(a.id for a in p.arts)])
    verify(pages, golds, ext, names)
    print("pages", len(pages), "articles", sum(len(golds[n]["articles"]) for n in names),
          "photo_captions", sum(len(golds[n]["photo_captions"]) for n in names))
    for ex, (a, b, c, d) in contiguity(golds, ext, names).items():
        print("%-14s titles contiguous %d/%d  paragraphs contiguous %d/%d" % (ex, a, b, c, d))
    from collections import Counter
    print("head modes", dict(Counter(a.head_mode for p in pages for a in p.arts if a.kind != "brief" or a.head_mode)))
    print("headline_order", {ex: dict(Counter(golds[n]["headline_order"][ex] for n in names)) for ex in ext})
    print("draw orders", dict(Counter(p.order for p in pages)))
    for p, name in zip(pages, names):
        print(name, p.kind, "cols", p.ncols, "fs", p.fs, "gutter/fs %.1f lead/fs %.2f" % (p.gutter / p.fs, p.lead / p.fs), "order", p.order,
              "furniture", "first" if p.n % 2 == 0 else "last", "arts", len(golds[name]["articles"]),
              {ex: golds[name]["headline_order"][ex] for ex in ext},
              {ex: "%d/%d" % (sum(norm(x) in norm(ext[ex][name]) for a in golds[name]["articles"] for x in a["paragraphs"]),
                              sum(len(a["paragraphs"]) for a in golds[name]["articles"])) for ex in ext})


if __name__ == "__main__":
    main()
