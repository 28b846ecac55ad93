#!/usr/bin/env python3
"""Table-page corpus: real published tables -> newspaper pages with tables -> PDFs -> extracted text + gold.

    .venv/bin/python tests/corpus/tables/make_tables.py --seed 1

Reads   tests/corpus/tables/texts/tables.jsonl (real tables, see SOURCES.md) and the ordinary article texts
        tests/corpus/texts/*.jsonl (through make_corpus.load_texts).
Writes  tests/corpus/tables/pdf/tNNN.pdf               (reportlab invariant mode; not committed)
        tests/corpus/tables/pages/pdftotext/tNNN.txt   (make_corpus.extract_pdftotext)
        tests/corpus/tables/pages/pdfium/tNNN.txt      (make_corpus.extract_pdfium)
        tests/corpus/tables/gold/tNNN.json             (FORMAT.md gold + "tables")
        manifest.csv in both pages folders.

Everything typographic (fonts, 避头尾 line breaking, article modules, furniture, drawing, extraction) is
make_corpus.py's, imported as a module. This file adds the table typesetting and the page plans.

A table of tables.jsonl is printed whole (all its rows); a page may print a selection of its columns
(the cells are never changed). The gold "tables" entry records what was printed.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import random
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)

_spec = importlib.util.spec_from_file_location("make_corpus", os.path.join(CORPUS, "make_corpus.py"))
mc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mc)

MOE_HEADERS = ["序号", "学校名称", "学校标识码", "主管部门", "所在地", "办学层次", "备注"]
# column selections printed for the 7-column MoE list (names of MOE_HEADERS), by printed column count
MOE_SELECTIONS = {
    1: [["学校名称"]],
    2: [["序号", "学校名称"], ["学校名称", "所在地"], ["学校名称", "主管部门"]],
    3: [["序号", "学校名称", "所在地"], ["学校名称", "主管部门", "办学层次"], ["学校名称", "所在地", "备注"]],
    4: [["序号", "学校名称", "主管部门", "所在地"], ["序号", "学校名称", "所在地", "办学层次"]],
    5: [["序号", "学校名称", "主管部门", "所在地", "办学层次"], ["学校名称", "学校标识码", "主管部门", "所在地", "办学层次"]],
    6: [["序号", "学校名称", "主管部门", "所在地", "办学层次", "备注"], ["序号", "学校名称", "学校标识码", "所在地", "办学层次", "备注"]],
}
LAST_WRAPPED = 0
CENTERED = {"序号", "排名", "办学层次", "备注", "总参赛人数", "学校标识码"}


def load_tables() -> list[dict]:
    out = []
    with open(os.path.join(HERE, "texts", "tables.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


# ---------------------------------------------------------------------------------------------------------
# Table typesetting
# ---------------------------------------------------------------------------------------------------------
class TableStyle:
    def __init__(self, rng: random.Random):
        size = rng.choice([8.0, 8.5, 9.0])
        self.cell = mc.Style(rng.choice(["serif", "sans"]), size, round(size * rng.choice([1.25, 1.3, 1.35]), 2))
        self.head = mc.Style("sansb", size, self.cell.leading)
        tsize = rng.choice([11.0, 12.0, 13.0])
        self.title = mc.Style(rng.choice(["sansb", "serifb"]), tsize, round(tsize * 1.3, 2))
        self.pad = round(size * 0.35, 2)      # horizontal padding inside a cell
        self.vpad = round(size * 0.25, 2)     # vertical padding inside a row
        self.gap = round(size * 1.2, 2)       # column gap of an unruled table


def col_widths(headers, rows, ts: TableStyle, width: float, ruled: bool) -> list[float] | None:
    """Widths of the printed columns (sum == width). Short columns keep their natural width; the widest
    columns share what is left (their cells wrap). None if the table cannot be set in that width."""
    n = len(rows[0])
    extra = 2 * ts.pad if ruled else ts.gap
    nat = []
    for j in range(n):
        w = max(ts.cell.width(r[j]) for r in rows)
        if headers:
            w = max(w, ts.head.width(headers[j]))
        nat.append(w + extra)
    if sum(nat) <= width:
        spare = width - sum(nat)
        tot = sum(nat)
        return [w + spare * w / tot for w in nat]
    # shrink the widest columns until they fit, but not below 3.2 characters
    minw = ts.cell.size * 3.2 + extra
    ws = list(nat)
    for _ in range(200):
        over = sum(ws) - width
        if over <= 0.01:
            break
        big = max(ws)
        if big <= minw:
            return None
        cands = [j for j, w in enumerate(ws) if w >= big - 0.5]
        second = max([w for w in ws if w < big - 0.5] + [minw])
        cut = min(over / len(cands), big - second + 0.01)
        for j in cands:
            ws[j] = max(minw, ws[j] - cut)
    if sum(ws) > width + 0.5:
        return None
    spare = width - sum(ws)
    ws[-1] += spare
    return ws


def cell_lines(text: str, st, w: float) -> list[str]:
    if not text:
        return []
    return [ln for ln, _ in mc.break_lines(text, st, lambda i: w)]


def set_rows(headers, rows, ts, widths, ruled):
    """Per row: (lines per cell, row height). Row 0 is the header if headers."""
    inner = [w - (2 * ts.pad if ruled else ts.gap) for w in widths]
    out = []
    allrows = ([headers] if headers else []) + rows
    global LAST_WRAPPED
    LAST_WRAPPED = 0
    for i, r in enumerate(allrows):
        st = ts.head if (headers and i == 0) else ts.cell
        ls = [cell_lines(c, st, inner[j]) for j, c in enumerate(r)]
        h = max(1, max(len(x) for x in ls)) * ts.cell.leading + 2 * ts.vpad
        if not (headers and i == 0):
            LAST_WRAPPED += sum(1 for x in ls if len(x) > 1)
        out.append((ls, round(h, 3), st))
    return out


def table_block_ops(headers, rows, names, ts, x, y, widths, ruled, order):
    """Draw ops for one block of a table (header + rows) at (x, y); returns (ops, height).
    order: 'rows' writes the content stream row by row, 'columns' column by column."""
    set_ = set_rows(headers, rows, ts, widths, ruled)
    W = sum(widths)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y]
    for _, h, _ in set_:
        ys.append(ys[-1] + h)
    ops_lines, cells = [], {}  # (row, col) -> ops
    for i, (ls, h, st) in enumerate(set_):
        for j, lines in enumerate(ls):
            col = names[j] if names else ""
            cops = []
            for k, ln in enumerate(lines):
                base = ys[i] + ts.vpad + (k + 1) * ts.cell.leading - ts.cell.leading * 0.28
                lw = st.width(ln)
                cx0 = xs[j] + (ts.pad if ruled else 0)
                cw = widths[j] - (2 * ts.pad if ruled else ts.gap)
                if (headers and i == 0) or col in CENTERED:
                    xx = cx0 + (cw - lw) / 2
                else:
                    xx = cx0
                cops.append(("text", st, ln, xx, base, None))
            cells[(i, j)] = cops
    if ruled:
        lw = 0.5
        for yy in ys:
            ops_lines.append(("line", x, yy, x + W, yy, lw))
        for xx in xs:
            ops_lines.append(("line", xx, ys[0], xx, ys[-1], lw))
    else:
        # an unruled table: no cell borders; a rule above and below (and under the header) only
        ops_lines.append(("line", x, ys[0], x + W, ys[0], 0.8))
        if headers:
            ops_lines.append(("line", x, ys[1], x + W, ys[1], 0.4))
        ops_lines.append(("line", x, ys[-1], x + W, ys[-1], 0.8))
    nr, nc = len(set_), len(widths)
    seq = list(ops_lines)
    if order == "rows":
        for i in range(nr):
            for j in range(nc):
                seq += cells[(i, j)]
    else:
        for j in range(nc):
            for i in range(nr):
                seq += cells[(i, j)]
    return seq, ys[-1] - y


def title_ops(title, ts, x, y, width):
    ops, yy = [], y
    for ln, _ in mc.break_lines(title, ts.title, lambda i: width):
        yy += ts.title.leading
        ops.append(("text", ts.title, ln, x + (width - ts.title.width(ln)) / 2, yy - ts.title.leading * 0.25, None))
    return ops, yy - y + 3


class PrintedTable:
    """One table as printed: column selection, header on/off, ruling, title position, split."""

    def __init__(self, tbl, cfg, ts):
        self.tbl, self.cfg, self.ts = tbl, cfg, ts
        src_h = tbl["headers"]
        if cfg.get("cols") and src_h:
            idx = [src_h.index(c) for c in cfg["cols"]]
        else:
            idx = list(range(len(tbl["rows"][0])))
        self.names = [src_h[i] for i in idx] if src_h else []
        self.headers = self.names if (src_h and cfg["header"]) else []
        self.rows = [[r[i] for i in idx] for r in tbl["rows"]]
        self.title = tbl["title"] if cfg["title_pos"] else None
        self.title_pos = cfg["title_pos"] if self.title else None

    def gold(self, article):
        return {"article": article, "id": self.tbl["id"], "title": self.title, "title_position": self.title_pos,
                "headers": list(self.headers), "rows": [list(r) for r in self.rows],
                "numbered": "序号" in self.names,
                "layout": {"columns": len(self.rows[0]), "ruled": self.cfg["ruled"], "split": self.cfg["split"],
                           "stream_order": self.cfg["order"], "wrapped_cells": getattr(self, "wrapped", 0)}}

    def layout_in(self, x, y, width, max_h):
        """ops, height for split none/halves within one box; None if it does not fit."""
        ts, cfg = self.ts, self.cfg
        ops, h = [], 0.0
        if self.title_pos == "before":
            o, th = title_ops(self.title, ts, x, y, width)
            ops += o
            h += th
        if cfg["split"] == "halves":
            half = (len(self.rows) + 1) // 2
            gw = ts.cell.size * 1.5
            bw = (width - gw) / 2
            parts = [self.rows[:half], self.rows[half:]]
            ws = col_widths(self.headers, self.rows, ts, bw, cfg["ruled"])
            if ws is None:
                return None
            hs = []
            for k, part in enumerate(parts):
                o, bh = table_block_ops(self.headers, part, self.names, ts, x + k * (bw + gw), y + h, ws,
                                        cfg["ruled"], cfg["order"])
                ops += o
                hs.append(bh)
            h += max(hs)
        else:
            ws = col_widths(self.headers, self.rows, ts, width, cfg["ruled"])
            if ws is None:
                return None
            o, bh = table_block_ops(self.headers, self.rows, self.names, ts, x, y + h, ws, cfg["ruled"], cfg["order"])
            ops += o
            h += bh
        if self.title_pos == "after":
            o, th = title_ops(self.title, ts, x, y + h + 2, width)
            ops += o
            h += th + 2
        if h > max_h:
            return None
        self.wrapped = self._count_wrapped(width)
        return ops, h

    def layout_continued(self, x1, y1, max_h1, x2, y2, max_h2, width):
        """The table starts in box 1 and continues (header repeated) at the top of box 2."""
        ts, cfg = self.ts, self.cfg
        ws = col_widths(self.headers, self.rows, ts, width, cfg["ruled"])
        if ws is None:
            return None
        ops, h1 = [], 0.0
        if self.title_pos == "before":
            o, th = title_ops(self.title, ts, x1, y1, width)
            ops += o
            h1 += th
        set_ = set_rows(self.headers, self.rows, ts, ws, cfg["ruled"])
        hh = set_[0][1] if self.headers else 0.0
        body = set_[1:] if self.headers else set_
        acc, k = hh, 0
        cap = max(3, (len(self.rows) * 3) // 5)   # the first part holds at most 60% of the rows
        while k < len(body) and k < cap and h1 + acc + body[k][1] <= max_h1:
            acc += body[k][1]
            k += 1
        if k < 3 or k >= len(self.rows):
            return None
        o, bh = table_block_ops(self.headers, self.rows[:k], self.names, ts, x1, y1 + h1, ws, cfg["ruled"], cfg["order"])
        ops += o
        h1 += bh
        o, h2 = table_block_ops(self.headers, self.rows[k:], self.names, ts, x2, y2, ws, cfg["ruled"], cfg["order"])
        ops += o
        if self.title_pos == "after":
            o, th = title_ops(self.title, ts, x2, y2 + h2 + 2, width)
            ops += o
            h2 += th + 2
        if h2 > max_h2:
            return None
        self.wrapped = self._count_wrapped(width)
        return ops, h1, h2

    def _count_wrapped(self, width):
        w = width if self.cfg["split"] != "halves" else (width - self.ts.cell.size * 1.5) / 2
        ws = col_widths(self.headers, self.rows, self.ts, w, self.cfg["ruled"])
        set_rows(self.headers, self.rows, self.ts, ws, self.cfg["ruled"])
        return LAST_WRAPPED


# ---------------------------------------------------------------------------------------------------------
# Page plans
# ---------------------------------------------------------------------------------------------------------
def table_configs(tables, rng):
    """A print configuration per table, cycling the shapes so that each occurs on several pages."""
    cfgs = {}
    ncols_cycle = [2, 3, 1, 4, 6, 2, 5, 3]
    pos_cycle = ["before", "after", "before", None, "after", "before"]
    titled = 0
    for i, t in enumerate(tables):
        if t["title"] is not None:
            titled += 1
        cfg = {"ruled": i % 2 == 0, "header": i % 3 != 2, "title_pos": ["before", "after", "before", "after", None][titled % 5],
               "order": "columns" if i % 4 in (1, 2) else "rows", "split": "none", "cols": None}
        if t["headers"] == MOE_HEADERS:
            n = ncols_cycle[i % len(ncols_cycle)]
            cfg["cols"] = rng.choice(MOE_SELECTIONS[n])
        if not t["headers"]:
            cfg["header"] = False
        if t["title"] is None:
            cfg["title_pos"] = None
        nrows = len(t["rows"])
        if nrows >= 60:
            cfg["split"] = "halves"
            cfg["cols"] = ["序号", "学校名称"] if t["headers"] == MOE_HEADERS else cfg["cols"]
        elif nrows >= 18 and i % 3 in (0, 1) and t["headers"] == MOE_HEADERS:
            cfg["split"] = "continued"
            if len(cfg["cols"]) > 3:
                cfg["cols"] = rng.choice(MOE_SELECTIONS[rng.choice([1, 2, 3])])
        elif nrows >= 12 and i % 5 == 1:
            cfg["split"] = "halves"
        cfgs[t["id"]] = cfg
    # the wide source tables (6 printed columns of the 湖北 table) always with their article
    return cfgs


def span_for(pt: PrintedTable, ncols: int, rng) -> int:
    n = len(pt.rows[0])
    if pt.cfg["split"] == "halves":
        return min(ncols, 3 if n >= 3 else 2)
    if n <= 2:
        return 1
    if n <= 3:
        return rng.choice([1, 2])
    if n <= 4:
        return 2
    return min(ncols, 3)


def plan_pages(tables, rng):
    """Groups of table ids per page: 1-3 tables a page, several pages with two or three."""
    ids = [t["id"] for t in tables]
    big = [t["id"] for t in tables if len(t["rows"]) >= 60]
    rest = [i for i in ids if i not in big]
    rng.shuffle(rest)
    pages = [[b] for b in big]
    sizes = [2, 1, 2, 3, 1, 2, 1, 2, 2, 1, 3, 2, 1, 2, 2, 1, 2, 1, 2, 2]
    k = 0
    while rest:
        n = sizes[k % len(sizes)]
        pages.append(rest[:n])
        rest = rest[n:]
        k += 1
    rng.shuffle(pages)
    return pages


def build_page(pno, table_ids, tables_by_id, cfgs, comp, rng, pdfdir):
    paper, date, page_no, section, _ = mc.page_meta(rng)
    ncols = rng.choice([4, 5, 5, 6])
    lo, hi = {4: (15, 20), 5: (12, 16), 6: (10, 13)}[ncols]
    chars = rng.randint(lo, hi)
    size = rng.choice([9.0, 9.5, 10.0])
    lay = mc.Layouter(rng, ncols, chars, size, None, 0)
    page_w = 2 * mc.MARGIN_X + lay.span_w(ncols)
    lay.page_w = page_w
    y0, y1 = mc.TOP, mc.PAGE_H - mc.BOTTOM
    cursor = [y0] * ncols
    groups = []       # draw groups (make_corpus draw_page): head/body/photo ops
    placed = []       # (col, y, kind, payload) for reading order
    notes = [f"{ncols}x{chars}"]
    ts = TableStyle(rng)

    def place_article(a, col, span, max_h, tsize):
        m = lay.fit_module(a, lay.col_x(col), cursor[col], span, max_h, tsize, None, None, True, None)
        return m

    def find_cols(span, need):
        best = None
        for c in range(0, ncols - span + 1):
            top = max(cursor[c:c + span])
            if y1 - top >= need and (best is None or top < best[1]):
                best = (c, top)
        return best

    # 1. tables (with their article or alone)
    for tid in table_ids:
        t = tables_by_id[tid]
        pt = PrintedTable(t, cfgs[tid], ts)
        span = span_for(pt, ncols, rng)
        with_article = bool(t["intro"])
        art = None
        tries = 0
        while True:
            tries += 1
            spot = find_cols(span, 120)
            if spot is None:
                break
            c, top = spot
            for j in range(c, c + span):
                cursor[j] = top
            yy = top
            m = None
            if with_article:
                tt = {"id": t["id"], "kind": "notice", "title": t["doc_title"], "paragraphs": list(t["intro"]),
                      "subheads": [], "authors": []}
                art = mc.article_spec(tt, rng, date, "notice")
                m = lay.fit_module(art, lay.col_x(c), yy, span, (y1 - yy) * 0.6,
                                   float(rng.choice([16, 18, 20])), None, None, False, None)
                if m is None:
                    break
                yy += m["height"] + 6
            x = lay.col_x(c)
            w = lay.span_w(span)
            res = None
            if pt.cfg["split"] == "continued" and c + 2 * span <= ncols:
                c2 = c + span
                top2 = max(cursor[c2:c2 + span])
                r = pt.layout_continued(x, yy, y1 - yy, lay.col_x(c2), top2, y1 - top2, w)
                if r is not None:
                    ops, h1, h2 = r
                    res = ("cont", ops, h1, h2, c2, top2)
            if res is None:
                if pt.cfg["split"] == "continued":
                    pt.cfg = dict(pt.cfg, split="none")
                r = pt.layout_in(x, yy, w, y1 - yy)
                if r is not None:
                    res = ("one", r[0], r[1])
            if res is None:
                if span < min(ncols, 3) and tries < 4:
                    span += 1
                    continue
                if pt.cfg["split"] == "none" and len(pt.rows) >= 12 and span >= 2 and tries < 6:
                    pt.cfg = dict(pt.cfg, split="halves")
                    continue
                break
            gi = len(groups)
            if m is not None:
                groups.append(m)
                m["photo"] = m["photo"] + res[1]   # the table is drawn after its article's body and head
                placed.append((c, top, "article", (m, pt)))
            else:
                groups.append({"head": [], "body": res[1], "photo": []})
                placed.append((c, top, "table", pt))
            if res[0] == "cont":
                _, _, h1, h2, c2, top2 = res
                for j in range(c, c + span):
                    cursor[j] = yy + h1 + 16
                for j in range(c2, c2 + span):
                    cursor[j] = top2 + h2 + 16
            else:
                for j in range(c, c + span):
                    cursor[j] = yy + res[2] + 16
            break
    printed = set()
    for _, _, kind, payload in placed:
        printed.add((payload[1] if kind == "article" else payload).tbl["id"])
    missing = [tid for tid in table_ids if tid not in printed]

    # 2. ordinary articles (1-3) in the free columns
    n_ord = 0
    want = rng.choice([1, 2, 3])
    used = set()
    for _ in range(12):
        if n_ord >= want:
            break
        span = rng.choice([1, 1, 2])
        spot = find_cols(span, lay.body.leading * 9)
        if spot is None:
            spot = find_cols(1, lay.body.leading * 7)
            span = 1
            if spot is None:
                break
        c, top = spot
        ts_ = comp.pick(["news", "notice", "brief"], 1, exclude=used, minlen=120)
        if not ts_:
            break
        used.add(ts_[0]["id"])
        a = mc.article_spec(ts_[0], rng, date, "news")
        m = lay.fit_module(a, lay.col_x(c), top, span, y1 - top, float(rng.choice([16, 18, 20])), None, None, True,
                           None)
        if m is None:
            continue
        groups.append(m)
        placed.append((c, top, "article", (m, None)))
        for j in range(c, c + span):
            cursor[j] = top + m["height"] + 14
        n_ord += 1

    # reading order: column by column, top to bottom
    placed.sort(key=lambda p: (p[0], p[1]))
    arts, tabs = [], []
    for c, y, kind, payload in placed:
        if kind == "article":
            m, pt = payload
            arts.append(m["gold"])
            if pt is not None:
                tabs.append(pt.gold(len(arts) - 1))
        else:
            tabs.append(payload.gold(None))
    order = rng.choice(["before", "after", "end"])
    fops, flines, frules = mc.furniture(rng, paper, date, page_no, section, page_w)
    pid = f"t{pno:03d}"
    mc.draw_page(os.path.join(pdfdir, pid + ".pdf"), page_w, groups, fops, order, rng, frules)
    gold = {"page": pid, "kind": "tables", "furniture": flines,
            "headline_order": {"pdftotext": None, "pdfium": order},
            "articles": arts, "photo_captions": [], "tables": tabs}
    notes.append("draw:" + order)
    print(f"{pid} {len(arts)} articles {len(tabs)} tables " + " ".join(notes)
          + (f" NOT PLACED: {missing}" if missing else ""), file=sys.stderr)
    return gold, (paper, date, page_no), missing


# ---------------------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------------------
def self_check(out: str) -> int:
    sq = mc.squash
    fails = []
    soft = Counter()
    shapes = Counter()
    n_pages, n_tables, n_rows = 0, 0, 0
    for gpath in sorted(glob.glob(os.path.join(out, "gold", "t*.json"))):
        with open(gpath, encoding="utf-8") as fh:
            g = json.load(fh)
        n_pages += 1
        for tb in g["tables"]:
            n_tables += 1
            n_rows += len(tb["rows"])
            L = tb["layout"]
            shapes[f"columns={L['columns']}"] += 1
            shapes["ruled" if L["ruled"] else "unruled"] += 1
            shapes["split=" + L["split"]] += 1
            shapes["header" if tb["headers"] else "no header"] += 1
            shapes["numbered" if tb["numbered"] else "not numbered"] += 1
            shapes["title " + str(tb["title_position"])] += 1
            shapes["with article" if tb["article"] is not None else "alone"] += 1
            shapes["stream " + L.get("stream_order", "?")] += 1
            shapes["tables with wrapped cells"] += bool(L.get("wrapped_cells"))
            shapes["wrapped cells"] += L.get("wrapped_cells", 0)
        if len(g["tables"]) >= 2:
            shapes["pages with >=2 tables"] += 1
        for ex in ("pdftotext", "pdfium"):
            p = os.path.join(out, "pages", ex, g["page"] + ".txt")
            if not os.path.exists(p):
                fails.append(f"{g['page']} {ex}: missing text")
                continue
            t = sq(open(p, encoding="utf-8").read())
            for tb in g["tables"]:
                cells = [c for r in tb["rows"] for c in r] + list(tb["headers"]) + ([tb["title"]] if tb["title"] else [])
                for c in cells:
                    s = sq(c)
                    if not s:
                        continue
                    if s in t:
                        soft[(ex, "cell contiguous")] += 1
                    elif mc.is_subsequence(s, t):
                        soft[(ex, "cell split (characters in order, interleaved)")] += 1
                    elif not Counter(s) - Counter(t):
                        soft[(ex, "cell split (characters present, out of order)")] += 1
                    else:
                        fails.append(f"{g['page']} {ex}: cell {c!r} missing")
            for a in g["articles"]:
                for para in a["paragraphs"]:
                    if sq(para) not in t:
                        soft[(ex, "paragraph not contiguous")] += 1
                        if Counter(sq(para)) - Counter(t):
                            fails.append(f"{g['page']} {ex}: paragraph characters missing")
    print(f"pages: {n_pages}  tables: {n_tables}  rows: {n_rows}")
    print("shapes:", dict(sorted(shapes.items())))
    print("cells (incl. headers and titles) per extractor:", {f"{k[0]}: {k[1]}": v for k, v in sorted(soft.items())})
    for f in fails[:50]:
        print("FAIL", f)
    print(f"{len(fails)} failures")
    return len(fails)


def corpus_chars(texts, tables) -> str:
    s = set(mc.corpus_chars(texts))
    for t in tables:
        for v in [t["doc_title"], t["title"] or ""] + t["intro"] + t["headers"] + [c for r in t["rows"] for c in r]:
            s.update(v)
    s.discard("\n")
    return "".join(sorted(s))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    out = HERE
    if args.check:
        return 1 if self_check(out) else 0
    tables = load_tables()
    texts = mc.load_texts(CORPUS)
    pdfdir = os.path.join(out, "pdf")
    os.makedirs(pdfdir, exist_ok=True)
    mc.setup_fonts(pdfdir, corpus_chars(texts, tables))
    rng = random.Random(args.seed)
    comp = mc.Composer(texts, rng)
    cfgs = table_configs(tables, random.Random(f"{args.seed}-cfg"))
    pages = plan_pages(tables, random.Random(f"{args.seed}-plan"))
    by_id = {t["id"]: t for t in tables}
    d_pt, d_pf, d_gold = mc.output_dirs(out, "t")
    rows_pt, rows_pf = [], []
    queue = list(pages)
    pno = 0
    while queue:
        ids = queue.pop(0)
        pno += 1
        prng = random.Random(f"{args.seed}-page-{pno}")
        comp.rng = prng
        gold, (paper, date, page_no), missing = build_page(pno, ids, by_id, cfgs, comp, prng, pdfdir)
        if missing:
            queue.append(missing)  # a table that did not fit goes to a page of its own
        pid = gold["page"]
        pdf = os.path.join(pdfdir, pid + ".pdf")
        mc.extract_pdftotext(pdf, os.path.join(d_pt, pid + ".txt"))
        mc.extract_pdfium(pdf, os.path.join(d_pf, pid + ".txt"))
        with open(os.path.join(d_pt, pid + ".txt"), encoding="utf-8") as fh:
            gold["headline_order"]["pdftotext"] = mc.observed_order(fh.read(), gold["articles"])
        with open(os.path.join(d_gold, pid + ".json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        note = " ".join([a["id"] for a in gold["articles"]] + [t["id"] for t in gold["tables"]])
        for rows, ex in ((rows_pt, "pdftotext"), (rows_pf, "pdfium")):
            rows.append({"file": pid + ".txt", "paper": paper, "published": date.isoformat(), "page_no": page_no,
                         "source": f"corpus: {ex} of make_tables.py page", "content_year": date.year, "note": note})
        if pno > 80:
            print("too many pages; giving up", file=sys.stderr)
            break
    mc.write_manifest(d_pt, rows_pt)
    mc.write_manifest(d_pf, rows_pf)
    return 1 if self_check(out) else 0


if __name__ == "__main__":
    sys.exit(main())
