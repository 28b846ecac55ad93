"""The page view (版面): browse paper -> issue -> page, and read a page's text line by line with its
articles, captions and tables, one of them highlighted.

`segments` maps every stretch of a page's text (line and column to line and column) to the row it went
to; the view cuts each line into those stretches, so a line holding the end of one article's headline and
the start of the next one's source line (the seed page's line 169) is highlighted only where it should be.
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .labels import label
from .pages import split_lines

PAGES_PATH = "/-/pages"
PAGE_PATH = "/-/page/"
UNKNOWN = "none"  # the query-string value for an unknown paper or date (as on the search page)
FIRST_WORDS = 24
# What the page prints wins where the manifest says nothing (as on the search page).
PAPER_SQL = "coalesce(pages.paper, pages.printed_paper)"
DATE_SQL = "coalesce(pages.published, pages.printed_date)"
PAGE_NO_SQL = "coalesce(pages.page_no, pages.printed_page_no)"
# The rows a segment can belong to, in the order segments' columns name them.
OWNERS = ("article", "case", "caption", "table", "residue")


# --- addresses ---------------------------------------------------------------------------------

def image_url(page_id: str, image: Mapping, base: str = "") -> str:
    """The page image's address; `v` names its bytes, so a new build's image is a new address and the old
    one may be cached for good."""
    return f"{base}{PAGE_PATH}{quote(page_id, safe='')}/image.{image['format']}?v={image['sha256'][:16]}"


def page_url(page_id: str, base: str = "", **highlight) -> str:
    """The page view's address, with an article (or case, table, caption) highlighted and scrolled to."""
    url = base + PAGE_PATH + quote(page_id, safe="")
    chosen = {k: v for k, v in highlight.items() if k in OWNERS and v is not None}
    if chosen:
        url += "?" + urlencode(chosen)
    if highlight.get("line"):
        url += f"#L{highlight['line']}"
    return url


def browse_url(base: str = "", paper: str | None = None, year: str | None = None, date: str | None = None) -> str:
    """The address of a level of the browse pages: all papers, a paper's year, an issue."""
    params = [(k, v) for k, v in (("paper", paper), ("year", year), ("date", date)) if v is not None]
    return base + PAGES_PATH + ("?" + urlencode(params) if params else "")


def value_param(value) -> str:
    """An unknown paper or date is `none` in the address."""
    return UNKNOWN if value is None else str(value)


# --- browse: paper -> year -> issue -> page -------------------------------------------------------

ISSUES_SQL = f"""
select {PAPER_SQL} as paper, {DATE_SQL} as date, count(*) as pages, sum(pages.article_count) as articles,
  max(pages.content_year) as content_year
from pages group by 1, 2
order by paper is null, paper, date is null, date desc"""


def _matches(expr: str, param: str) -> str:
    return f"(({expr}) = :{param} or (:{param} = '{UNKNOWN}' and ({expr}) is null))"


ISSUE_PAGES_SQL = f"""
select pages.id, pages.file, {PAGE_NO_SQL} as page_no, pages.section, pages.article_count, pages.content_year,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'seq', seq, 'title', title, 'first_words', substr(body, 1, 40)) as item
     from articles where articles.page_id = pages.id order by seq)) as articles
from pages
where {_matches(PAPER_SQL, 'paper')} and {_matches(DATE_SQL, 'date')}
order by page_no is null, page_no, pages.id"""


def year_of(date: str | None) -> str:
    """An issue's year from its ISO date; `none` when the date is unknown."""
    return date[:4] if date else UNKNOWN


def paper_label(paper: str | None) -> str:
    return paper or "报纸未知 paper unknown"


def date_label(date: str | None, content_year=None) -> str:
    if date:
        return date
    if content_year:
        return f"日期未知 date unknown（{content_year} 年，推断 inferred）"
    return "日期未知 date unknown"


def group_issues(rows: list[Mapping], base: str = "", chosen_paper: str | None = None,
                 chosen_year: str | None = None) -> list[dict]:
    """Issues (rows of ISSUES_SQL) grouped by paper then year; each paper's chosen year (else its newest)
    open, with an issue link each, the other years as links that open them."""
    papers: dict[str, dict] = {}
    for r in rows:
        key = value_param(r["paper"])
        paper = papers.setdefault(key, {"param": key, "label": paper_label(r["paper"]), "pages": 0, "issues": 0,
                                        "url": browse_url(base, paper=key), "years": {}})
        paper["pages"] += r["pages"]
        paper["issues"] += 1
        year = year_of(r["date"])
        bucket = paper["years"].setdefault(year, {"param": year, "issues": [], "pages": 0,
                                                  "label": year if year != UNKNOWN else "日期未知 date unknown",
                                                  "url": browse_url(base, paper=key, year=year)})
        bucket["pages"] += r["pages"]
        bucket["issues"].append({"date": r["date"], "label": date_label(r["date"], r["content_year"]),
                                 "pages": r["pages"], "articles": r["articles"] or 0,
                                 "url": browse_url(base, paper=key, date=value_param(r["date"]))})
    out = []
    for paper in papers.values():
        years = list(paper["years"].values())
        open_year = chosen_year if chosen_paper == paper["param"] and chosen_year in paper["years"] else years[0]["param"]
        for y in years:
            y["open"] = y["param"] == open_year
        out.append({**paper, "years": years})
    return out


def issue_pages(rows: list[Mapping], base: str = "") -> list[dict]:
    """The pages of one issue (rows of ISSUE_PAGES_SQL), each with its articles' headlines."""
    out = []
    for r in rows:
        articles = [{**a, "label": a["title"] or untitled(a["first_words"]),
                     "untitled": not a["title"]} for a in json.loads(r["articles"] or "[]")]
        out.append({"id": r["id"], "file": r["file"], "page_no": r["page_no"], "section": r["section"],
                    "label": f"第{r['page_no']}版" if r["page_no"] is not None else f"版次未知 · {r['file']}",
                    "url": page_url(r["id"], base), "articles": articles})
    return out


def untitled(first_words: str | None, n: int = FIRST_WORDS) -> str:
    """An article printed without a headline, named by its first words."""
    flat = "".join((first_words or "").split())
    return "无标题：" + flat[:n] + ("…" if len(flat) > n else "")


# --- one page --------------------------------------------------------------------------------

PAGE_SQL = f"""
select pages.id, pages.file, pages.paper, pages.published, pages.page_no, pages.printed_paper, pages.printed_date,
  pages.printed_page_no, {PAPER_SQL} as paper_shown, {DATE_SQL} as date_shown, {PAGE_NO_SQL} as page_no_shown,
  pages.section, pages.editors, pages.headline_order, pages.content_year, pages.source, pages.line_count, pages.text,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'seq', seq, 'title', title, 'kicker', kicker, 'subtitle', subtitle, 'byline', byline,
       'first_words', substr(body, 1, 40), 'first_line', first_line, 'last_line', last_line) as item
     from articles where articles.page_id = pages.id order by seq)) as articles,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'text', text, 'article_id', article_id, 'article_inferred', article_inferred,
       'line_no', line_no) as item
     from captions where captions.page_id = pages.id order by line_no)) as captions,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'title', title, 'article_id', article_id, 'row_count', row_count,
       'column_count', column_count, 'first_line', first_line, 'last_line', last_line) as item
     from page_tables where page_tables.page_id = pages.id order by seq)) as tables,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'title', title, 'table_id', table_id, 'article_id', article_id, 'seq', seq,
       'first_line', first_line, 'last_line', last_line) as item
     from cases where cases.page_id = pages.id order by table_id, seq)) as cases,
  (select json_group_array(json(item)) from (
     select json_object('id', id, 'text', text, 'line_no', line_no, 'reason', reason) as item
     from residue where residue.page_id = pages.id order by line_no)) as residue,
  (select json_object('format', format, 'width', width, 'height', height, 'sha256', sha256)
     from page_images where page_images.page_id = pages.id) as image,
  (select json_group_array(json(item)) from (
     select json_array(line_no, x0, top, x1, bottom, page_width, page_height) as item
     from line_boxes where line_boxes.page_id = pages.id order by line_no)) as boxes
from pages where pages.id = :id"""

SEGMENTS_SQL = """
select line_no, col_start, last_line, col_end, kind, article_id, case_id, caption_id, table_id, residue_id
from segments where page_id = :id order by line_no, col_start"""


@dataclass(frozen=True)
class Selection:
    """What the reader chose to see on the page: ('article', id), ('case', id), … or nothing."""
    kind: str | None = None
    id: str | None = None


def parse_selection(args: Mapping[str, str]) -> Selection:
    """?article=<id> (or case, caption, table) -> a Selection; the first one given wins."""
    for kind in OWNERS:
        value = (args.get(kind) or "").strip()
        if value:
            return Selection(kind, value)
    return Selection()


def segment_marks(segments: list[Mapping], selection: Selection, parents: Mapping[tuple[str, str], str | None]) -> list[str]:
    """For each segment: 'on' (it is the chosen row's, or a case row of the chosen table), 'rel' (a case,
    table or caption of the chosen article) or ''. `parents` maps (kind, id) of a case, table or caption
    to the article it belongs to, and ('case_table', id) a case to its table."""
    if selection.kind is None:
        return [""] * len(segments)
    marks = []
    for s in segments:
        own = [(kind, s.get(f"{kind}_id")) for kind in OWNERS if s.get(f"{kind}_id")]
        if (selection.kind, selection.id) in own:
            marks.append("on")
        elif selection.kind == "table" and any(parents.get(("case_table", i)) == selection.id for k, i in own if k == "case"):
            marks.append("on")  # a case list's rows are the table's own lines
        elif selection.kind == "article" and any(parents.get(o) == selection.id for o in own):
            marks.append("rel")
        else:
            marks.append("")
    return marks


def page_lines(text: str, segments: list[Mapping], marks: list[str] | None = None) -> list[dict]:
    """Every line of the page, numbered as in the file, cut into pieces at segment boundaries.

    A line is {"no", "blank", "mark", "pieces": [{"text", "kind", "mark"}]}; text no segment covers
    (leading spaces, a blank line) is a piece of kind None. A line's mark is its strongest piece's."""
    lines = [line.text for line in split_lines(text or "")]
    marks = marks or [""] * len(segments)
    spans: list[list[tuple[int, int, int]]] = [[] for _ in lines]
    for i, s in enumerate(segments):
        first, last = s["line_no"], s["last_line"] if s["last_line"] is not None else s["line_no"]
        for no in range(max(first, 1), min(last, len(lines)) + 1):
            start = s["col_start"] if no == first else 0
            end = s["col_end"] if no == last and s["col_end"] is not None else len(lines[no - 1])
            if end > start:
                spans[no - 1].append((start, end, i))
    out = []
    for no, (line, cuts) in enumerate(zip(lines, spans), start=1):
        pieces, at = [], 0
        for start, end, i in sorted(cuts):
            start = max(start, at)  # overlapping stretches: each character shown once
            if start >= end:
                continue
            if start > at:
                pieces.append({"text": line[at:start], "kind": None, "mark": ""})
            pieces.append({"text": line[start:end], "kind": segments[i]["kind"], "mark": marks[i]})
            at = end
        if at < len(line):
            pieces.append({"text": line[at:], "kind": None, "mark": ""})
        line_mark = "on" if any(p["mark"] == "on" for p in pieces) else ("rel" if any(p["mark"] == "rel" for p in pieces) else "")
        out.append({"no": no, "blank": not line.strip(), "mark": line_mark, "pieces": pieces})
    # A blank line inside a highlighted stretch is highlighted too, so the stretch reads as one block.
    following, after = [""] * len(out), ""
    for i in range(len(out) - 1, -1, -1):
        following[i] = after
        if not out[i]["blank"]:
            after = out[i]["mark"]
    previous = ""
    for i, line in enumerate(out):
        if line["blank"]:
            line["mark"] = previous if previous == following[i] else ""
        else:
            previous = line["mark"]
    return out


def _char_width(ch: str) -> float:
    """A character's advance in ems, as type sets it: a full-width character one, others about a half."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def _span(line: str, start: int, end: int) -> tuple[float, float] | None:
    """Columns start..end of a line as a share of its printed width, spaces at the ends left out
    (a segment may cover part of a line: where the page stores no position per character)."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    widths = [_char_width(ch) for ch in line]
    total = sum(widths) or 1.0
    return sum(widths[:start]) / total, sum(widths[:end]) / total


def image_boxes(text: str, segments: list[Mapping], marks: list[str], boxes: list[list]) -> list[dict]:
    """The boxes to draw over a PDF page's image: for each marked segment, each of its lines' box on the
    page (line_boxes), cut to the segment's part of the line; in per cent of the page, so they scale with
    the image. Pieces of one line with one mark that meet are one box."""
    lines = [line.text for line in split_lines(text or "")]
    by_line = {b[0]: b for b in boxes}
    pieces: list[tuple[int, str, float, float]] = []
    for s, mark in zip(segments, marks):
        if not mark:
            continue
        first, last = s["line_no"], s["last_line"] if s["last_line"] is not None else s["line_no"]
        for no in range(max(first, 1), min(last, len(lines)) + 1):
            if no not in by_line:
                continue
            line = lines[no - 1]
            start = s["col_start"] if no == first else 0
            end = s["col_end"] if no == last and s["col_end"] is not None else len(line)
            span = _span(line, start, end)
            if span:
                pieces.append((no, mark, *span))
    out: list[dict] = []
    for no, mark, a, b in sorted(pieces):
        prev = out[-1] if out else None
        if prev and prev["line"] == no and prev["mark"] == mark and a - prev["_b"] < 0.02:
            prev["_b"] = max(prev["_b"], b)
        else:
            out.append({"line": no, "mark": mark, "_a": a, "_b": b})
    for box in out:
        _, x0, top, x1, bottom, width, height = by_line[box["line"]]
        a, b = box.pop("_a"), box.pop("_b")
        left, right = x0 + (x1 - x0) * a, x0 + (x1 - x0) * b
        box.update(left=round(100 * left / width, 3), top=round(100 * top / height, 3),
                   width=round(100 * (right - left) / width, 3), height=round(100 * (bottom - top) / height, 3))
    return out


def parents_of(captions: list[Mapping], tables: list[Mapping], cases: list[Mapping]) -> dict:
    """(kind, id) -> the article a caption, table or case belongs to; ('case_table', id) -> a case's table."""
    out: dict = {}
    for kind, rows in (("caption", captions), ("table", tables), ("case", cases)):
        for r in rows:
            out[(kind, r["id"])] = r.get("article_id")
    for r in cases:
        out[("case_table", r["id"])] = r.get("table_id")
    return out


def page_title(page: Mapping) -> str:
    """How the page is named: paper · date · page number, whatever is known, else its file."""
    parts = [page.get("paper_shown") or "报纸未知"]
    parts.append(page.get("date_shown") or "日期未知")
    parts.append(f"第{page['page_no_shown']}版" if page.get("page_no_shown") is not None else "版次未知")
    return " · ".join(parts)


def contents(page: Mapping, base: str, db_url: str, selection: Selection) -> list[dict]:
    """What the page holds, in the order it prints it (by first line): articles, captions, tables."""
    from datasette.utils import tilde_encode

    def row_url(table, pk):
        return f"{db_url}/{table}/{tilde_encode(str(pk))}"

    items = []
    for a in page["articles"]:
        items.append({"kind": "article", "id": a["id"], "line": a["first_line"], "last_line": a["last_line"],
                      "label": a["title"] or untitled(a["first_words"]), "untitled": not a["title"],
                      "kicker": a["kicker"], "byline": a["byline"], "seq": a["seq"],
                      "url": page_url(page["id"], base, article=a["id"], line=a["first_line"]),
                      "row_url": row_url("articles", a["id"]),
                      "chosen": selection == Selection("article", a["id"])})
    for c in page["captions"]:
        items.append({"kind": "caption", "id": c["id"], "line": c["line_no"], "last_line": c["line_no"],
                      "label": c["text"], "article_id": c["article_id"], "inferred": bool(c["article_inferred"]),
                      "url": page_url(page["id"], base, caption=c["id"], line=c["line_no"]),
                      "row_url": row_url("captions", c["id"]),
                      "chosen": selection == Selection("caption", c["id"])})
    for t in page["tables"]:
        n_cases = sum(1 for c in page["cases"] if c["table_id"] == t["id"])
        items.append({"kind": "table", "id": t["id"], "line": t["first_line"], "last_line": t["last_line"],
                      "label": t["title"] or "（无表题 untitled table）", "rows": t["row_count"], "columns": t["column_count"],
                      "cases": n_cases, "article_id": t["article_id"],
                      "url": page_url(page["id"], base, table=t["id"], line=t["first_line"]),
                      "row_url": row_url("page_tables", t["id"]),
                      "chosen": selection == Selection("table", t["id"])})
    for r in page["residue"]:
        items.append({"kind": "residue", "id": r["id"], "line": r["line_no"], "last_line": r["line_no"],
                      "label": r["text"], "reason": r["reason"],
                      "url": page_url(page["id"], base, residue=r["id"], line=r["line_no"]),
                      "row_url": row_url("residue", r["id"]), "chosen": selection == Selection("residue", r["id"])})
    items.sort(key=lambda i: (i["line"] if i["line"] is not None else 10 ** 9, OWNERS.index(i["kind"])))
    return items


def chosen_summary(page: Mapping, selection: Selection, lines: list[dict]) -> dict | None:
    """What the banner over a highlighted page says: which row, its lines, where to read it."""
    if selection.kind is None:
        return None
    marked = [line["no"] for line in lines if line["mark"] == "on"]
    rows = {"article": page["articles"], "caption": page["captions"], "table": page["tables"],
            "case": page["cases"], "residue": page["residue"]}[selection.kind]
    row = next((r for r in rows if r["id"] == selection.id), None)
    if row is None:
        return {"kind": selection.kind, "id": selection.id, "missing": True}
    name = row.get("title") or row.get("text") or (untitled(row.get("first_words")) if selection.kind == "article" else selection.id)
    return {"kind": selection.kind, "id": selection.id, "label": name, "missing": False,
            "first": marked[0] if marked else None, "last": marked[-1] if marked else None, "lines": len(marked),
            "kind_label": {"article": "文章 article", "caption": "图片说明 caption", "table": "表格 table",
                           "case": "典型案例 case", "residue": "未归位文字 unplaced text"}[selection.kind]}


async def page_context(db, page_id: str, args: Mapping[str, str], base: str, db_url: str) -> dict | None:
    """Everything the page view shows (None when there is no such page): two queries."""
    rows = (await db.execute(PAGE_SQL, {"id": page_id})).rows
    if not rows:
        return None
    page = dict(rows[0])
    for key in ("articles", "captions", "tables", "cases", "residue", "boxes"):
        page[key] = json.loads(page[key] or "[]")
    image = json.loads(page.pop("image")) if page["image"] else None
    segments = [dict(r) for r in (await db.execute(SEGMENTS_SQL, {"id": page_id})).rows]
    selection = parse_selection(args)
    marks = segment_marks(segments, selection, parents_of(page["captions"], page["tables"], page["cases"]))
    text = page.pop("text")
    lines = page_lines(text, segments, marks)
    if image:
        image["url"] = image_url(page_id, image, base)
        image["boxes"] = image_boxes(text, segments, marks, page.pop("boxes"))
    paper, date = value_param(page["paper_shown"]), value_param(page["date_shown"])
    return {
        "page": page,
        "title": page_title(page),
        "lines": lines,
        "items": contents(page, base, db_url, selection),
        "chosen": chosen_summary(page, selection, lines),
        "selection": selection,
        "headline_order": label("headline_order", page["headline_order"]),
        "trail": [
            {"label": "版面 Pages", "url": browse_url(base)},
            {"label": paper_label(page["paper_shown"]), "url": browse_url(base, paper=paper, year=year_of(page["date_shown"]))},
            {"label": date_label(page["date_shown"], page["content_year"]), "url": browse_url(base, paper=paper, date=date)},
        ],
        "plain_url": page_url(page_id, base),
        "image": image,
    }


@dataclass(frozen=True)
class BrowseRequest:
    paper: str | None = None
    year: str | None = None
    date: str | None = None


def parse_browse(args: Mapping[str, str]) -> BrowseRequest:
    return BrowseRequest(*((args.get(k) or "").strip() or None for k in ("paper", "year", "date")))


async def browse_context(db, req: BrowseRequest, base: str) -> dict:
    """The browse pages: every paper with its issues by year, or (paper and date chosen) an issue's pages."""
    if req.paper is not None and req.date is not None:
        rows = [dict(r) for r in (await db.execute(ISSUE_PAGES_SQL, {"paper": req.paper, "date": req.date})).rows]
        paper = None if req.paper == UNKNOWN else req.paper
        date = None if req.date == UNKNOWN else req.date
        content_year = next((r["content_year"] for r in rows if r["content_year"]), None)
        return {"level": "issue", "pages": issue_pages(rows, base),
                "heading": f"{paper_label(paper)} · {date_label(date, content_year)}",
                "trail": [{"label": "版面 Pages", "url": browse_url(base)},
                           {"label": paper_label(paper), "url": browse_url(base, paper=req.paper, year=year_of(date))}]}
    rows = [dict(r) for r in (await db.execute(ISSUES_SQL)).rows]
    papers = group_issues(rows, base, req.paper, req.year)
    if req.paper is not None:
        papers = [p for p in papers if p["param"] == req.paper]
    trail = [{"label": "版面 Pages", "url": browse_url(base)}] if req.paper is not None else []
    return {"level": "papers", "papers": papers, "heading": "版面 Pages", "trail": trail}


# --- the page image ------------------------------------------------------------------------------

IMAGE_SQL = "select format, sha256, image from page_images where page_id = :id"
IMAGE_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
FOREVER = 365 * 24 * 3600  # an address that names the image's bytes (?v=) never changes what it serves


async def image_response(db, page_id: str, fmt: str, version: str | None, if_none_match: str | None):
    """(status, headers, body) for a page image, or None when there is none: an ETag of its digest (304
    when the browser has it), cached for a year when the address names this version, else for an hour."""
    rows = (await db.execute(IMAGE_SQL, {"id": page_id})).rows
    if not rows or rows[0]["format"] != fmt or fmt not in IMAGE_TYPES:
        return None
    sha = rows[0]["sha256"]
    tag = f'"{sha[:32]}"'
    age = f"public, max-age={FOREVER}, immutable" if version == sha[:16] else "public, max-age=3600"
    headers = {"etag": tag, "cache-control": age}
    if if_none_match and tag in [t.strip() for t in if_none_match.split(",")]:
        return 304, headers, b""
    return 200, {**headers, "content-type": IMAGE_TYPES[fmt]}, rows[0]["image"]
