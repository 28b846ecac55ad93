"""A PDF page's layout: the lines of pdf_pages.py -> pieces with roles -> blocks -> a parsed page.

The type decides what text cannot: a line set larger or bolder than the body is display (headline,
kicker, subtitle, subhead), a smaller one a caption, one in the margins furniture, an indented body
line opens a paragraph, and within a headline the largest type is the title, smaller type above it the
kicker (引题) and below it the subtitle (副题). What the words decide (source lines, credits, endings,
continuation marks, tables) is read by the same functions as on text pages (roles.py), and the articles,
tables and entities are assembled by the same stages (blocks.py, parse.py).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .blocks import PageLayout, page_blocks
from .knowledge import Knowledge
from .lines import Piece, line_pieces
from .pages import split_lines
from .parse import ParsedPage, parse_layout, page_id
from .pdf_pages import SETTINGS, PdfPage, TextLine, read_pdf_page
from .roles import shape_roles, split_author_tail, split_marks, split_paper_name, split_sources, table_roles

TYPE_WHY = {
    "furniture": "in the page's margin",
    "display": "type larger or bolder than the body",
    "caption": "type smaller than the body",
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
        role = by_no[p.line_no].role
        if role != "body":
            p.role, p.why = role, TYPE_WHY[role]
    pieces = split_paper_name(pieces, paper)
    pieces = split_sources(pieces, know)
    pieces = split_marks(pieces, know)
    table_roles(pieces, know)
    pieces = split_author_tail(pieces, know)
    shape_roles(pieces, know)
    for p in pieces:
        if not p.role:
            p.role = "body"
            p.starts = p.start == 0 and p.line_no in starts or p.starts
            p.why = p.why or ("indented: opens a paragraph" if p.starts else "body type")
    return pieces


def headlines_by_size(layout: PageLayout, page: PdfPage) -> None:
    """Within each article's headline lines, the largest type is the title; smaller type above it is the
    kicker and below it the subtitle (the text alone can only guess from widths and dashes)."""
    size = {ln.line_no: ln.size for ln in page.lines}
    for a in layout.articles:
        lines = sorted(a.kicker + a.headline + a.subtitle, key=lambda p: (p.line_no, p.start))
        if not lines:
            continue
        biggest = max(size[p.line_no] for p in lines)
        at = [i for i, p in enumerate(lines) if size[p.line_no] >= biggest * 0.95]
        first, last = at[0], at[-1]
        a.kicker, a.headline, a.subtitle = lines[:first], lines[first : last + 1], lines[last + 1 :]


def parse_pdf_page(path: Path, number: int, know: Knowledge, published: date | None = None,
                   content_year: int | None = None, gazetteer=None, listed: frozenset = frozenset(),
                   paper: str | None = None) -> tuple[ParsedPage, PdfPage]:
    """One page of a PDF -> the parsed page (as for a text page) and its lines with their boxes."""
    page = read_pdf_page(path, number)
    pieces = pdf_pieces(page, know, paper)
    layout = page_blocks(pieces, know)
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
