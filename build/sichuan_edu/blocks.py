"""Pieces with roles -> blocks: the page's articles (headline, source, paragraphs, subheads, captions,
endings, tables), its furniture and its residue.

Extractors disagree on where a headline goes: tools that follow reading order print it before its body,
tools that follow the PDF's content stream print it after the body (as on the seed page) or print all
headlines of the page together at its end. So the order is decided once per page, from evidence (what
the page starts and ends with, which body each headline shares words with), and then applied to every
headline of the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .knowledge import Knowledge
from .roles import Piece, is_terminal, width
from .text import char_pairs

__all__ = ["Piece", "width", "ArticleLayout", "TableLayout", "TableColumn", "PageLayout", "page_blocks"]

# Numbered section heads inside a body: 一、 （一） 第一章 1. — never a headline of their own.
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十\d]+[章节条部分]|\d{1,2}[、．.](?!\d))")
DASH = ("——", "—", "--")


@dataclass
class TableColumn:
    header: Piece
    role: str  # unit | item
    cells: list[Piece] = field(default_factory=list)


@dataclass
class TableLayout:
    columns: list[TableColumn] = field(default_factory=list)
    count: Piece | None = None  # the large number printed with the table
    title: Piece | None = None
    extra: list[Piece] = field(default_factory=list)  # lines of the block that fit no column


@dataclass
class ArticleLayout:
    byline: list[Piece] = field(default_factory=list)  # the source line or author line(s), as printed
    source_match: dict = field(default_factory=dict)  # named groups of the source-line pattern, plus 'text'
    paragraphs: list[list[Piece]] = field(default_factory=list)
    headline: list[Piece] = field(default_factory=list)  # the main title's lines
    kicker: list[Piece] = field(default_factory=list)
    subtitle: list[Piece] = field(default_factory=list)
    subheads: list[Piece] = field(default_factory=list)  # also paragraphs of their own
    captions: list[Piece] = field(default_factory=list)
    ending: list[Piece] = field(default_factory=list)
    continued_to: list[Piece] = field(default_factory=list)
    continued_from: list[Piece] = field(default_factory=list)
    tables: list[TableLayout] = field(default_factory=list)
    truncated: bool = False  # the page ends inside this article

    @property
    def body_pieces(self) -> list[Piece]:
        return [p for para in self.paragraphs for p in para]

    @property
    def has_body(self) -> bool:
        return bool(self.paragraphs) or bool(self.tables)

    def pieces(self) -> list[Piece]:
        return (self.byline + self.body_pieces + self.kicker + self.headline + self.subtitle + self.captions
                + self.ending + self.continued_to + self.continued_from)


@dataclass
class PageLayout:
    articles: list[ArticleLayout]
    furniture: list[Piece]
    captions: list[Piece]  # captions that belong to no article (图片新闻)
    residue: list[tuple[Piece, str]]  # (piece, reason)
    warnings: list[tuple[int, str]]  # (line_no, message)
    headline_order: str = "after"


# ---------------------------------------------------------------------------------------------------
# Items: the page as a sequence of runs of one role


@dataclass
class Item:
    kind: str  # display body source author caption ending continued_to continued_from source_end table
    pieces: list[Piece]


def items_of(pieces: list[Piece], know: Knowledge) -> tuple[list[Item], list[Piece]]:
    """Group consecutive pieces of one role into items; furniture apart. A display run breaks where a
    blank line separates it (when blank lines mean anything on the page)."""
    blanks_mean = _blank_lines_mean(pieces)
    items: list[Item] = []
    furniture = []
    for p in pieces:
        if p.role == "furniture":
            furniture.append(p)
            continue
        kind = "caption" if p.role == "photo_credit" else p.role
        prev = items[-1] if items else None
        same = prev is not None and prev.kind == kind and (kind != "source" or p.match is prev.pieces[-1].match)
        if same and kind == "body" and p.starts:
            same = True  # paragraphs stay in one body item; p.starts marks the break
        if same and kind == "display" and blanks_mean and p.gap_before:
            same = False
        if same:
            prev.pieces.append(p)
        else:
            items.append(Item(kind, [p]))
    return items, furniture


def _blank_lines_mean(pieces: list[Piece]) -> bool:
    """Some extractors write a blank line after every line; then blank lines say nothing."""
    if len(pieces) < 4:
        return False
    gaps = sum(1 for p in pieces[1:] if p.gap_before)
    return gaps < 0.5 * (len(pieces) - 1)


# ---------------------------------------------------------------------------------------------------
# Headlines: kicker, title, subtitle; headline or subhead; which article


def split_headline(lines: list[Piece]) -> tuple[list[Piece], list[Piece], list[Piece]]:
    """(kicker, title, subtitle) of a headline's lines. A subtitle starts with a dash; of two lines
    without one, a shorter first line is a kicker (a wrapped title fills its first line)."""
    sub_at = next((i for i, p in enumerate(lines) if i > 0 and p.text.startswith(DASH)), None)
    head, subtitle = (lines[:sub_at], lines[sub_at:]) if sub_at is not None else (lines, [])
    kicker: list[Piece] = []
    if len(head) >= 2 and head[0].width + 1 < head[1].width:
        kicker, head = head[:1], head[1:]
    return kicker, head, subtitle


def _subhead_like(group: Item, know: Knowledge) -> bool:
    """A line set apart inside a body: numbered, or one short line that ends no sentence."""
    text = "".join(p.compact for p in group.pieces)
    if NUMBERED.match(text):
        return True
    return False


def _pairs(pieces: list[Piece]) -> set[str]:
    return char_pairs("".join(p.compact for p in pieces))


def _affinity(head: list[Piece], body: list[Piece]) -> float:
    """How many character pairs a headline shares with a body (its first part counts most)."""
    h = _pairs(head)
    if not h or not body:
        return 0.0
    text = "".join(p.compact for p in body)
    lead = char_pairs(text[:300])
    rest = char_pairs(text)
    return (2 * len(h & lead) + len(h & rest)) / len(h)


# ---------------------------------------------------------------------------------------------------
# The page's headline order


HARD_START = ("source", "author", "continued_from")
HARD_END = ("ending", "continued_to", "source_end")
CONTENT = ("body", "source", "author", "table", "ending", "continued_to", "continued_from", "source_end")


def headline_order(items: list[Item], know: Knowledge) -> str:
    """before | after | end: where this page prints headlines relative to their bodies."""
    content = [i for i, it in enumerate(items) if it.kind in CONTENT]
    if not content:
        return "after"
    first, last = content[0], content[-1]
    leading = [it for it in items[:first] if it.kind == "display"]
    trailing = [it for it in items[last + 1 :] if it.kind == "display"]
    middle = [i for i in range(first, last) if items[i].kind == "display"]
    starts = sum(1 for i in range(first + 1, last + 1) if items[i].kind in HARD_START
                 and items[i - 1].kind != "display" and not (i >= 2 and items[i - 1].kind in HARD_START))
    trailing_lines = sum(len(it.pieces) for it in trailing)
    # All headlines at the end: a long run of display lines after the last body and hardly any between
    # articles, while articles start one after another.
    if trailing_lines >= 3 and starts >= 2 and len(middle) <= starts // 2 and trailing_lines >= starts:
        return "end"
    score = 0.0
    if leading:
        score += 2
    if trailing:
        score -= 2
    # Display groups between two bodies: which of the two does each share words with?
    for i in middle:
        prev = _body_before(items, i)
        nxt = _body_after(items, i)
        a, b = _affinity(items[i].pieces, prev), _affinity(items[i].pieces, nxt)
        if a != b:
            score += 1 if b > a else -1
    return "before" if score > 0 else "after"


def _body_before(items: list[Item], i: int) -> list[Piece]:
    """The body text of the article run before item i (back to the previous display group)."""
    out = []
    for it in reversed(items[:i]):
        if it.kind == "display":
            break
        if it.kind == "body":
            out = it.pieces + out
    return out


def _body_after(items: list[Item], i: int) -> list[Piece]:
    out = []
    for it in items[i + 1 :]:
        if it.kind == "display":
            break
        if it.kind == "body":
            out += it.pieces
    return out


# ---------------------------------------------------------------------------------------------------
# Articles


def _paragraphs(pieces: list[Piece]) -> list[list[Piece]]:
    out: list[list[Piece]] = []
    for p in pieces:
        if p.starts or not out:
            out.append([p])
        else:
            out[-1].append(p)
    return out


def parse_table(block: list[Piece], know: Knowledge) -> TableLayout:
    """Split a flattened table block into its columns (header, cells...), count and title."""
    table = TableLayout()
    # The title is printed after the table: the block's last line if it reads like a title.
    if block and block[-1].compact not in know.table_headers and block[-1].compact.endswith(know.table_title_endings):
        table.title = block[-1]
        block = block[:-1]
    for p in block:
        c = p.compact
        if c in know.table_headers and p.alone:
            table.columns.append(TableColumn(p, know.table_headers[c]))
        elif c.isdigit() and table.count is None:
            table.count = p
        elif table.columns:
            table.columns[-1].cells.append(p)
        else:
            table.extra.append(p)
    return table


class _Builder:
    """Collects articles while walking the items in order."""

    def __init__(self, know: Knowledge):
        self.know = know
        self.articles: list[ArticleLayout] = []
        self.closed = True

    @property
    def current(self) -> ArticleLayout:
        if self.closed or not self.articles:
            self.articles.append(ArticleLayout())
            self.closed = False
        return self.articles[-1]

    def new(self) -> ArticleLayout:
        self.closed = True
        return self.current

    def set_headline(self, article: ArticleLayout, lines: list[Piece]) -> None:
        article.kicker, article.headline, article.subtitle = split_headline(lines)

    def add_body(self, item: Item) -> None:
        a = self.current
        a.paragraphs += _paragraphs(item.pieces)

    def add_source(self, item: Item) -> None:
        a = self.current
        if a.has_body or a.byline and item.kind == "source":
            a = self.new()
        a.byline += item.pieces
        if item.kind == "source" and item.pieces[0].match and not a.source_match:
            a.source_match = dict(item.pieces[0].match)
            a.source_match["text"] = "".join(p.text for p in item.pieces)
        elif item.kind == "author" and not a.source_match:
            a.source_match = {"text": " ".join(p.text for p in item.pieces), "credit": " ".join(p.text for p in item.pieces)}

    def add_subhead(self, item: Item) -> None:
        a = self.current
        for p in item.pieces:
            p.starts = True
        a.subheads += item.pieces
        a.paragraphs.append(list(item.pieces))


def page_blocks(pieces: list[Piece], know: Knowledge) -> PageLayout:
    """The page's articles, furniture, free captions and residue, from its pieces with roles."""
    items, furniture = items_of(pieces, know)
    order = headline_order(items, know)
    b = _Builder(know)
    residue: list[tuple[Piece, str]] = []
    warnings: list[tuple[int, str]] = []
    free_captions: list[Piece] = []
    content = [i for i, it in enumerate(items) if it.kind in CONTENT]
    first = content[0] if content else len(items)
    last = content[-1] if content else -1
    pool: list[Piece] = []  # end mode: the headlines printed together at the page's end

    for i, it in enumerate(items):
        k = it.kind
        if k == "display":
            nxt = items[i + 1] if i + 1 < len(items) else None
            prev = items[i - 1] if i > 0 else None
            inside = (prev is not None and prev.kind == "body" and nxt is not None and nxt.kind == "body"
                      and not b.closed)
            if order == "end":
                if i > last:
                    pool += it.pieces
                elif inside or (prev is not None and prev.kind == "body" and not b.closed):
                    b.add_subhead(it)
                else:
                    pool += it.pieces  # a headline printed before the first body: still the page's headlines
                continue
            if inside and _subhead_like(it, know):
                b.add_subhead(it)
                continue
            if order == "before":
                a = b.new()
                b.set_headline(a, it.pieces)
            else:  # after: the headline closes the article printed before it
                if b.articles and not b.closed and b.articles[-1].has_body and not b.articles[-1].headline:
                    b.set_headline(b.articles[-1], it.pieces)
                    b.closed = True
                elif i < first:
                    # Before any body on a page whose headlines follow their bodies: text of the margins.
                    for p in it.pieces:
                        residue.append((p, "text before the first article"))
                        warnings.append((p.line_no, "text before the first article could not be placed"))
                else:
                    a = b.new()
                    b.set_headline(a, it.pieces)
                    b.closed = True
            continue
        if k in ("source", "author"):
            a = b.articles[-1] if b.articles and not b.closed else None
            if order == "after" and a is None and b.articles and b.articles[-1].headline and not b.articles[-1].byline \
                    and k == "author" and not _starts_body(items, i):
                b.articles[-1].byline += it.pieces  # an author line printed with the headline, after the body
                continue
            b.add_source(it)
            continue
        if k == "continued_from":
            a = b.current
            if a.has_body:
                a = b.new()
            a.continued_from += it.pieces
            continue
        if k == "body":
            b.add_body(it)
            continue
        if k == "table":
            # A table is printed with the article it follows, headline or not.
            (b.articles[-1] if b.articles else b.current).tables.append(parse_table(it.pieces, know))
            continue
        if k == "caption":
            target = b.articles[-1] if b.articles else None
            if target is None:
                free_captions += it.pieces
            else:
                target.captions += it.pieces
            continue
        if k in HARD_END:
            a = b.articles[-1] if b.articles else b.current
            if k == "ending":
                a.ending += it.pieces
            elif k == "continued_to":
                a.continued_to += it.pieces
            else:
                a.byline += it.pieces
                if not a.source_match:
                    a.source_match = dict(it.pieces[0].match)
            if order != "after":
                b.closed = True
            continue
        for p in it.pieces:
            residue.append((p, f"unplaced {k}"))
            warnings.append((p.line_no, f"unplaced {k} text"))

    articles = b.articles
    if order == "end" and pool:
        _distribute(pool, articles, b)
    # Articles with neither body nor headline are not articles: their lines go to residue.
    kept = []
    for a in articles:
        if not a.has_body:
            for p in a.pieces():
                residue.append((p, "text outside any article"))
                warnings.append((p.line_no, "text outside any article could not be placed"))
            continue
        kept.append(a)
    # Captions attached to an article that shares no words with them belong to no article (图片新闻).
    for a in kept:
        keep = []
        for p in a.captions:
            keep.append(p)
        a.captions = keep
    return PageLayout(kept, furniture, free_captions, residue, warnings, order)


def _starts_body(items: list[Item], i: int) -> bool:
    j = i + 1
    while j < len(items) and items[j].kind in ("source", "author"):
        j += 1
    return j < len(items) and items[j].kind == "body"


def _distribute(pool: list[Piece], articles: list[ArticleLayout], b: _Builder) -> None:
    """Headlines printed together at the page's end, in article order: cut the run of lines into one
    contiguous headline per article, choosing the cuts that share most words with each body
    (a dynamic programme over lines x articles: O(lines^2 x articles), with headlines of at most 4 lines)."""
    bodies = [a.body_pieces for a in articles]
    n, m = len(pool), len(articles)
    if m == 0:
        return
    NEG = float("-inf")
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        for i in range(0, n + 1):
            for size in range(0, min(4, i) + 1):
                prev = best[i - size][j - 1]
                if prev == NEG:
                    continue
                gain = _affinity(pool[i - size : i], bodies[j - 1]) if size else -0.5
                if prev + gain > best[i][j]:
                    best[i][j], back[i][j] = prev + gain, size
    i = n
    cuts = []
    for j in range(m, 0, -1):
        size = back[i][j]
        cuts.append(pool[i - size : i])
        i -= size
    cuts.reverse()
    for a, lines in zip(articles, cuts):
        if lines:
            b.set_headline(a, lines)
