"""A PDF page's layout: the lines of pdf_pages.py -> pieces with roles -> blocks -> a parsed page.

The type decides what text cannot: a line set larger or bolder than the body is display (headline,
kicker, subtitle, subhead), a smaller one a caption, one in the margins furniture, an indented body
line opens a paragraph, and within a headline the largest type is the title, smaller type above it the
kicker (引题) and below it the subtitle (副题). What the words decide (source lines, credits, endings,
continuation marks, tables) is read by the same functions as on text pages (roles.py), and the articles,
tables and entities are assembled by the same stages (blocks.py, parse.py).
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from .blocks import PageLayout, page_blocks
from .knowledge import Knowledge
from .lines import Piece, line_pieces, sub_piece
from .pages import split_lines
from .parse import ParsedPage, parse_layout, page_id
from .pdf_pages import IMAGE, SETTINGS, PageImage, PdfPage, TextLine, read_pdf_page
from .roles import (AFTER_SOURCE, is_credit_line, shape_roles, split_author_tail, split_marks, split_paper_name,
                    split_sources, squeeze, table_roles)

TYPE_WHY = {
    "furniture": "in the page's margin",
    "label": "a column's label: alone in a shaded box",
    "display": "type larger or bolder than the body",
    "subhead": "bold body type running on in a body's flow",
    "caption": "type smaller than the body",
    "table": "a row of a grid of cells",
}


def paragraph_starts(page: PdfPage, s: dict | None = None) -> set[int]:
    """Line numbers of body lines indented from their column's left edge: each opens a paragraph."""
    s = {**SETTINGS, **(s or {})}
    by_block: dict[int, list[TextLine]] = {}
    for ln in page.lines:
        if ln.role == "body":
            by_block.setdefault(ln.block, []).append(ln)
    out = set()
    for lines in by_block.values():
        for ln in lines:
            # The column's edge: the leftmost body line of this leaf within a few ems to the left.
            left = min(o.x0 for o in lines if ln.x0 - 4 * ln.size <= o.x0 <= ln.x0 + 0.5)
            if ln.x0 - left >= s["indent"] * ln.size:
                out.add(ln.line_no)
    return out


def pdf_pieces(page: PdfPage, know: Knowledge, paper: str | None = None) -> list[Piece]:
    """Every line of the page's text as a piece with its role: by type first, then by the words."""
    by_no = {ln.line_no: ln for ln in page.lines}
    starts = paragraph_starts(page)
    pieces = line_pieces(split_lines(page.text))
    for p in pieces:
        line = by_no[p.line_no]
        if line.role != "body":
            p.role, p.why = line.role, line.why or TYPE_WHY["label" if line.label else line.role]
        p.grid = line.table  # which table the geometry put it in: the text stage keeps tables apart by it
    pieces = split_paper_name(pieces, paper)
    pieces = split_sources(pieces, know)
    pieces = wrapped_sources(pieces, page, starts, know)
    pieces = split_marks(pieces, know)
    table_roles(pieces, know)
    pieces = split_author_tail(pieces, know)
    shape_roles(pieces, know)
    wrapped_credits(pieces, page, starts, know)
    for p in pieces:
        if not p.role:
            p.role = "body"
            p.starts = p.start == 0 and p.line_no in starts or p.starts
            p.why = p.why or ("indented: opens a paragraph" if p.starts else "body type")
    return pieces


def wrapped_sources(pieces: list[Piece], page: PdfPage, starts: set[int], know: Knowledge) -> list[Piece]:
    """A source line opening a paragraph and wrapped in a narrow column where the words cannot tell a
    break from a gap (新华社 and a place broken at the line's end / …1月8日电（记者 X / Y）…): the
    paragraph's first lines (which the indent opens), read as one, start with a source line running past
    the first line; that much of them is the source line, the rest of its last line the body's first words. (On a text page
    a line break inside the place name may as well end a headline; the indent says it does not.)"""
    block = {ln.line_no: ln.block for ln in page.lines}
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        p = pieces[k]
        if p.role or p.start or p.line_no not in starts:
            out.append(p)
            k += 1
            continue
        # The paragraph's lines, whole and without a role, as far as a source line may wrap (three lines).
        para = [p]
        for q in pieces[k + 1 : k + 3]:
            if q.role or q.start or q.line_no in starts or block.get(q.line_no) != block.get(p.line_no) \
                    or q.line_no != para[-1].line_no + 1:
                break
            para.append(q)
        tight, at = squeeze("".join(q.text for q in para))
        m = next((m for pattern in know.source_patterns if (m := pattern.match(tight))), None)
        end = at[m.end()] if m and m.group(0)[:1] != "据" else 0
        if len(para) < 2 or end <= len(p.text):
            out.append(p)  # no source line, or one within the first line (split_sources read it)
            k += 1
            continue
        groups = {name: v for name, v in m.groupdict().items() if v}
        groups["text"] = m.group(0)
        off = 0
        for q in para:
            cut = min(max(end - off, 0), len(q.text))
            source, rest = sub_piece(q, 0, cut), sub_piece(q, cut, len(q.text), whole=True)
            if source:
                source.role, source.match = "source", groups
                source.why = "source-line pattern, wrapped in its paragraph"
                out.append(source)
            if rest:
                if cut:
                    rest.role, rest.starts, rest.why = "body", True, AFTER_SOURCE
                else:
                    rest = q  # past the source line: the line as it was
                out.append(rest)
            off += len(q.text)
        k += len(para)
    return out


def wrapped_credits(pieces: list[Piece], page: PdfPage, starts: set[int], know: Knowledge) -> None:
    """A credit set as a paragraph of body type and wrapped in a narrow column (本报记者 刘 / 硕阳、陈晨曦,
    本报记者 李心萍、丁怡 / 婷): the lines of one paragraph, which the type's indent opens and the next
    indent (or the block's end) closes, that together make a credit line are that credit, all of them.
    (The words alone cannot tell a wrapped name from the body's first line; the indent can.)"""
    block = {ln.line_no: ln.block for ln in page.lines}
    for k, p in enumerate(pieces):
        if p.start != 0 or p.line_no not in starts or p.role not in ("", "author"):
            continue
        j = k + 1  # the paragraph's next lines: whole lines of the block, no role yet, not indented
        while (j < len(pieces) and j - k <= 2 and pieces[j].start == 0 and not pieces[j].role
               and pieces[j].line_no not in starts and block[pieces[j].line_no] == block[p.line_no]):
            j += 1
        closed = j == len(pieces) or pieces[j].line_no in starts or block[pieces[j].line_no] != block[p.line_no] \
            or bool(pieces[j].role)
        if j > k + 1 and closed and is_credit_line(p.text.strip() + "".join(q.text.strip() for q in pieces[k + 1 : j]), know):
            for q in pieces[k:j]:
                q.role, q.why = "author", "credit line (wrapped)"


def headlines_by_size(layout: PageLayout, page: PdfPage) -> None:
    """Within each article's headline lines, the largest type is the title; smaller type above it is the
    kicker and below it the subtitle (the text alone can only guess from widths and dashes)."""
    size = {ln.line_no: ln.size for ln in page.lines}
    body_type = {ln.line_no for ln in page.lines if ln.role == "body"}
    _kickers_to_their_headlines(layout, page)
    for a in layout.articles:
        lines = sorted(a.kicker + a.headline + a.subtitle, key=lambda p: (p.line_no, p.start))
        if not lines:
            continue
        biggest = max(size[p.line_no] for p in lines)
        at = [i for i, p in enumerate(lines) if size[p.line_no] >= biggest * 0.95]
        first, last = at[0], at[-1]
        a.kicker, a.headline, a.subtitle = lines[:first], lines[first : last + 1], lines[last + 1 :]
        # A line of body type after the subtitle (第一章 总则 over the text's first line) is no part of the
        # headline: it heads the text, as its first paragraph.
        text = []
        while a.subtitle and a.subtitle[-1].line_no in body_type:
            text.insert(0, a.subtitle.pop())
        if text:
            a.subheads[:0] = text
            a.paragraphs[:0] = [text]


def _kickers_to_their_headlines(layout: PageLayout, page: PdfPage) -> None:
    """A kicker or subtitle the stages gave to one article (by the words it shares with a body) but set
    right over or under another article's headline, across it, and nowhere near its own, is the other's:
    the page says which headline it stands with."""
    line = {ln.line_no: ln for ln in page.lines}

    def gap(p, heads) -> float:  # how far the piece's line stands over or under the nearest of these lines
        a = line[p.line_no]
        near = [max(h.top - a.bottom, a.top - h.bottom) for h in (line[q.line_no] for q in heads)
                if h.x0 < a.x1 and a.x0 < h.x1]
        return min(near, default=float("inf"))

    for a in layout.articles:
        if not a.headline:
            continue
        for field in ("kicker", "subtitle"):
            for p in list(getattr(a, field)):
                own = gap(p, a.headline)
                if own <= 2 * line[p.line_no].size:
                    continue
                other = [b for b in layout.articles if b is not a and b.headline
                         and gap(p, b.headline) <= line[p.line_no].size]
                if len(other) == 1:
                    getattr(a, field).remove(p)
                    b = other[0]
                    above = line[p.line_no].bottom <= min(line[q.line_no].top for q in b.headline)
                    (b.kicker if above else b.subtitle).append(p)


def parse_pdf_page(path: Path, number: int, know: Knowledge, published: date | None = None,
                   content_year: int | None = None, gazetteer=None, listed: frozenset = frozenset(),
                   paper: str | None = None) -> tuple[ParsedPage, PdfPage]:
    """One page of a PDF -> the parsed page (as for a text page) and its lines with their boxes."""
    page = read_pdf_page(path, number)
    pieces = pdf_pieces(page, know, paper)
    # Headlines side by side stand apart on the page: a line of display type is one headline's.
    layout = page_blocks(pieces, know, beside=False)
    headlines_by_size(layout, page)
    lines = split_lines(page.text)
    parsed = parse_layout(page.file, page.sha256, page.text, "pdf", lines, layout, know, published, content_year,
                          gazetteer, listed)
    return parsed, page


def line_box_rows(page: PdfPage) -> list[dict]:
    """Each line's box on the PDF page, so a page view can draw an article's lines over the page image."""
    pid = page_id(page.file)
    return [{"page_id": pid, "line_no": ln.line_no, "pdf_page": page.number, "x0": round(ln.x0, 2),
             "top": round(ln.top, 2), "x1": round(ln.x1, 2), "bottom": round(ln.bottom, 2),
             "size": round(ln.size, 2), "bold": int(ln.bold), "type_role": ln.role,
             "page_width": round(page.width, 2), "page_height": round(page.height, 2)} for ln in page.lines]


def page_image_row(pid: str, image: PageImage) -> dict:
    """The page's rendered image as a row: the site stays one file, and the digest names its version."""
    return {"page_id": pid, "format": image.format, "width": image.width, "height": image.height,
            "byte_count": len(image.data), "sha256": hashlib.sha256(image.data).hexdigest(), "image": image.data}


def image_warnings(image: PageImage) -> list[tuple[None, str]]:
    if len(image.data) <= IMAGE["budget"]:
        return []
    return [(None, f"the page image takes {len(image.data):,} bytes at {image.width} px, over the budget of "
                   f"{IMAGE['budget']:,} even at the lowest quality and width tried")]


# --- a PDF page and the text extracted from it, both given ------------------------------------------------

COMPARED = ("kicker", "title", "subtitle", "byline", "body")
SAME_ARTICLE = 0.3  # share of two-character pieces two articles' words must share to be one article
SHOWN = 16  # characters of a differing value quoted in a warning


def _flat(value: str | None) -> str:
    """A value without the spaces and line breaks extractors add or drop."""
    return "".join((value or "").split())


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _label(article) -> str:
    return article.title or "无标题 " + _flat(article.body)[:SHOWN]


def match_articles(pdf_articles: list, text_articles: list) -> list[tuple[int, int]]:
    """(index in pdf_articles, index in text_articles) of the articles that are one article: those of one
    headline first (an extractor may scramble a body, rarely a headline), then the pairs sharing most
    two-character pieces of headline and body, each article in one pair at most."""
    pdf_sets = [_pairs(_flat((a.title or "") + a.body)) for a in pdf_articles]
    text_sets = [_pairs(_flat((a.title or "") + a.body)) for a in text_articles]
    scored = []
    for i, a in enumerate(pdf_sets):
        for j, b in enumerate(text_sets):
            union = len(a | b)
            share = len(a & b) / union if union else 0.0
            headline = bool(pdf_articles[i].title) and _flat(pdf_articles[i].title) == _flat(text_articles[j].title)
            if headline or share >= SAME_ARTICLE:
                scored.append((not headline, -share, i, j))
    used_pdf, used_text, out = set(), set(), []
    for *_, i, j in sorted(scored):
        if i not in used_pdf and j not in used_text:
            used_pdf.add(i)
            used_text.add(j)
            out.append((i, j))
    return sorted(out)


def _first_difference(a: str, b: str) -> str:
    """Where two values part: the characters from there, quoted from each."""
    at = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"from character {at + 1}: PDF「{a[at : at + SHOWN]}」, text「{b[at : at + SHOWN]}」"


def text_differences(pdf_page: ParsedPage, text_page: ParsedPage, text_name: str) -> list[tuple[int | None, str]]:
    """How the articles of a PDF page's extracted text (given beside it, not built) differ from those read
    from the PDF: a summary, then a warning for each article that differs, at its first line on the PDF page."""
    pairs = match_articles(pdf_page.articles, text_page.articles)
    out: list[tuple[int | None, str]] = []
    differing: dict[str, int] = {}
    same = 0
    for i, j in pairs:
        a, b = pdf_page.articles[i], text_page.articles[j]
        fields = [f for f in COMPARED if _flat(getattr(a, f)) != _flat(getattr(b, f))]
        for f in fields:
            differing[f] = differing.get(f, 0) + 1
        same += not fields
        if fields:
            parts = []
            for f in fields:
                x, y = _flat(getattr(a, f)), _flat(getattr(b, f))
                parts.append(f"{f} {_first_difference(x, y)}" if x and y else
                             f"{f} {'only in the PDF' if x else 'only in the text'}「{(x or y)[:SHOWN]}」")
            out.append((a.first_line, f"{text_name} (line {b.first_line}) reads article 《{_label(a)}》 otherwise: "
                                      + "; ".join(parts)))
    matched_pdf, matched_text = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, a in enumerate(pdf_page.articles):
        if i not in matched_pdf:
            out.append((a.first_line, f"{text_name} has no article 《{_label(a)}》"))
    for j, b in sorted(enumerate(text_page.articles), key=lambda jb: jb[1].first_line):
        if j not in matched_text:
            out.append((None, f"{text_name} (line {b.first_line}) has an article the PDF has not: 《{_label(b)}》"))
    counts = ", ".join(f"{n} {f}" for f, n in sorted(differing.items(), key=lambda kv: COMPARED.index(kv[0])))
    summary = (f"{text_name}, the text extracted from this page, is not built (the PDF is): of the PDF's "
               f"{len(pdf_page.articles)} articles it reads {same} the same"
               + (f", {len(pairs) - same} otherwise ({counts})" if counts else "")
               + f", misses {len(pdf_page.articles) - len(pairs)}"
               + f", and has {len(text_page.articles) - len(pairs)} the PDF has not")
    return [(None, summary)] + out
