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
from functools import lru_cache

from .knowledge import Knowledge
from .lines import (OPENING_MARKS, Piece, blank_lines_mean, breaks_word, column_width, is_terminal, runs_on,
                    sub_piece)
from .roles import ADDRESSEE, INSERTED, RECORD, header_cells, list_heading, row_number, table_title, title_like
from .text import char_pairs


# Numbered section heads inside a body: 一、 （一） 第一章 1. — never a headline of their own.
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十\d]+[章节编部分]|\d{1,2}[、．.](?!\d))")
DASH = ("——", "—", "--")


@dataclass
class TableColumn:
    header: Piece
    role: str  # unit | item
    cells: list[Piece] = field(default_factory=list)


@dataclass
class TableLayout:
    columns: list[TableColumn] = field(default_factory=list)  # written column by column: head, cells
    heads: list[Piece] = field(default_factory=list)  # written row by row: the column heads, in order
    body: list[Piece] = field(default_factory=list)  # written row by row: the lines under the heads
    count: Piece | None = None  # the large number printed with the table
    title: Piece | None = None
    title_before: bool = False
    repeated_heads: list[Piece] = field(default_factory=list)  # heads printed again (a table continued)
    aside_heads: list[Piece] = field(default_factory=list)  # heads of a table set beside this one, rows mixed in
    extra: list[Piece] = field(default_factory=list)  # lines of the block that fit no column

    @property
    def total(self) -> int | None:
        """The table's printed total (its row count), if it prints one."""
        return int(self.count.compact) if self.count else None

    @property
    def by_columns(self) -> bool:
        return bool(self.columns)

    def pieces(self) -> list[Piece]:
        out = [p for c in self.columns for p in [c.header, *c.cells]] + self.heads + self.aside_heads + self.repeated_heads + self.body
        return out + [p for p in (self.count, self.title) if p is not None] + self.extra


@dataclass
class ArticleLayout:
    byline: list[Piece] = field(default_factory=list)  # the source line or author line(s), as printed
    byline_texts: list[str] = field(default_factory=list)  # each source or author line's text, in order
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
    marks: list[Piece] = field(default_factory=list)  # typography: the bullet before a brief's headline
    truncated: bool = False  # the page ends inside this article

    @property
    def body_pieces(self) -> list[Piece]:
        return [p for para in self.paragraphs for p in para]

    @property
    def has_body(self) -> bool:
        return bool(self.paragraphs) or bool(self.tables)

    def table_pieces(self) -> list[Piece]:
        return [p for t in self.tables for p in t.pieces()]

    def pieces(self) -> list[Piece]:
        return (self.byline + self.body_pieces + self.marks + self.kicker + self.headline + self.subtitle + self.captions
                + self.ending + self.continued_to + self.continued_from + self.table_pieces())


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
    """Group consecutive pieces of one role into items; furniture apart. A display run stays one item
    across blank lines (its blocks are told apart later, when headlines are placed)."""
    items: list[Item] = []
    furniture = []
    for p in pieces:
        if p.role == "furniture":
            furniture.append(p)
            continue
        kind = "caption" if p.role == "photo_credit" else p.role
        prev = items[-1] if items else None
        # Paragraphs stay in one body item (p.starts marks the breaks); a wrapped source line is one item.
        same = prev is not None and prev.kind == kind and (kind != "source" or p.match is prev.pieces[-1].match) \
            and p.grid == prev.pieces[-1].grid  # (tables a PDF's geometry told apart stay apart)
        if same:
            prev.pieces.append(p)
        else:
            items.append(Item(kind, [p]))
    return items, furniture


# ---------------------------------------------------------------------------------------------------
# Headlines: kicker, title, subtitle; headline or subhead; which article


def split_headline(lines: list[Piece], know: Knowledge, blanks_mean: bool = False) -> tuple[list[Piece], list[Piece], list[Piece]]:
    """(kicker, title, subtitle) of a headline's lines.

    A subtitle starts with a dash. Where blank lines separate blocks (reading-order extractors set the
    kicker, title and subtitle, each in its own font, as blocks of their own), a first block followed by
    another is the kicker. Otherwise the widths tell: a title wrapped over lines fills all but its last
    line to one measure, so a first line of another width (shorter than the next, or different from
    a full line that follows) is a kicker in its own font."""
    sub_at = next((i for i, p in enumerate(lines) if p.text.startswith(DASH)), None)
    head, subtitle = (lines[:sub_at], lines[sub_at:]) if sub_at is not None else (lines, [])
    kicker: list[Piece] = []
    if len(head) >= 2:
        blocks = [i for i, p in enumerate(head) if i > 0 and p.gap_before]
        if blanks_mean and blocks:
            kicker, head = head[: blocks[0]], head[blocks[0] :]
        elif breaks_word(head[0].compact, head[1].compact, know):
            pass  # the first line breaks inside a word: one title wrapped
        elif head[0].width + 1 < head[1].width:
            kicker, head = head[:1], head[1:]
        elif len(head) >= 3 and abs(head[0].width - head[1].width) > 1 and head[2].width < head[1].width:
            kicker, head = head[:1], head[1:]
        elif len(head) >= 3 and not one_measure(head, know):
            cut = next((k for k in range(1, len(head) - 1)
                        if one_measure(head[:k], know) and one_measure(head[k:], know)), None)
            if cut is not None:
                kicker, head = head[:cut], head[cut:]
    return kicker, head, subtitle


LATIN_RUN = re.compile(r"[0-9A-Za-z.%]+")


def one_measure(lines: list[Piece], know: Knowledge) -> bool:
    """Could the lines be one text wrapped at one measure (the widest line's)? A line that stops while the
    next line's first character would still have fitted was not wrapped there, unless 避头尾 moved that
    character (a closing mark may not start a line, an opening one may not end it)."""
    measure = max(p.width for p in lines)
    for a, b in zip(lines, lines[1:]):
        text = b.text.lstrip()
        latin = LATIN_RUN.match(text)
        first = latin.group() if latin else text[:1]  # a number or Latin word wraps whole
        if first in OPENING_MARKS:
            first = text[:2]  # an opening mark may not end a line: it goes down with the next character
        if not first or first in know.no_line_start or a.text.rstrip()[-1:] in OPENING_MARKS:
            continue
        if a.width + column_width(first) <= measure - 0.25:
            return False
    return True


def _subhead_like(group: Item) -> bool:
    """A line set apart inside a body that is numbered (一、 （一） 第一章 1.)."""
    return bool(NUMBERED.match("".join(p.compact for p in group.pieces)))


def _pairs(pieces: list[Piece]) -> set[str]:
    return char_pairs("".join(p.compact for p in pieces))


def _affinity(head: list[Piece], body: list[Piece]) -> float:
    """How many character pairs a headline shares with a body (its first part counts most)."""
    return _pair_affinity(_pairs(head), body)


def _pair_affinity(h: set[str] | frozenset, body: list[Piece] | str) -> float:
    """Affinity of a headline's pairs with a body (its pieces, or their text joined once by the caller)."""
    text = body if isinstance(body, str) else "".join(p.compact for p in body)
    if not h or not text:
        return 0.0
    lead, rest = _body_pairs(text)
    return (2 * len(h & lead) + len(h & rest)) / len(h)


@lru_cache(maxsize=512)  # one page's bodies (every headline is compared with each); 4096 held ~200 MB
def _body_pairs(text: str) -> tuple[frozenset, frozenset]:
    """The character pairs of a body's lead (first 300 characters) and of all of it (cached: a page
    compares every headline with every body)."""
    return frozenset(char_pairs(text[:300])), frozenset(char_pairs(text))


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
    tail = headline_tail(items, know)
    last = min(last, tail - 1)
    leading = [it for it in items[:first] if it.kind == "display"]
    trailing = [it for it in items[last + 1 :] if it.kind in ("display", "body")]
    middle = [i for i in range(first, last) if items[i].kind == "display"]
    starts = sum(1 for i in range(first + 1, last + 1) if items[i].kind in HARD_START
                 and items[i - 1].kind != "display" and not (i >= 2 and items[i - 1].kind in HARD_START))
    trailing_lines = sum(len(it.pieces) for it in trailing)
    # Display lines where one article meets the next (before a source line, after an ending).
    at_boundary = sum(1 for i in middle if items[i + 1].kind in HARD_START or items[i - 1].kind in HARD_END)
    # All headlines at the end: a long run of display lines after the last body and hardly any where
    # articles meet, while articles start one after another.
    if trailing_lines >= 3 and starts >= 2 and at_boundary <= starts // 3 and trailing_lines >= 0.6 * starts:
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


def headline_tail(items: list[Item], know: Knowledge) -> int:
    """Where the run of headline-like lines at the page's end starts: display lines, and lines read as
    body that never make a sentence (a wrapped headline can fill a line like running text)."""
    t = len(items)
    while t > 0:
        it = items[t - 1]
        if it.kind == "caption":
            t -= 1
            continue
        if it.kind == "display" or (it.kind == "body" and not any(
                is_terminal(p.text, know, know.strong_final) or any(m in p.text for m in "。；") for p in it.pieces)):
            t -= 1
            continue
        break
    return t


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


def parse_tables(block: list[Piece], know: Knowledge) -> list[TableLayout]:
    """A table block as one or more tables: numbered rows printed without heads end where heads begin;
    in a table written row by row, heads printed again where the 序号 run starts afresh (not where it
    carries on: a table continued in the next column) begin another table."""
    # A heading such as 青海省（13所） under a table, with another table right after it, ends the first.
    ends = [i + 1 for i in range(1, len(block) - 1) if list_heading(block[i], know)
            and (row_number(block[i + 1]) is not None or header_cells(block[i + 1], know))]
    if ends:
        return [t for a, b in zip([0] + ends, ends + [len(block)]) for t in parse_tables(block[a:b], know)]
    heads = [i for i, p in enumerate(block) if header_cells(p, know)]
    if not heads:
        return [parse_table(block, know)]
    cuts = [0]
    # Rows printed before the first heads (numbered, or a list without heads) are a table of their own.
    if any(row_number(p) is not None or not title_like(p, know) for p in block[: heads[0]]):
        cuts.append(heads[0])
    first = heads[0]
    row_major = len(header_cells(block[first], know) or []) > 1 or (first + 1 < len(block) and header_cells(block[first + 1], know))
    if row_major:
        last_number = None
        for i, p in enumerate(block):
            if i > first and header_cells(p, know) and last_number is not None and not header_cells(block[i - 1], know):
                following = next((row_number(q) for q in block[i + 1 :] if row_number(q) is not None), None)
                # (Not at the next lone head of a table written column by column: its 序号 column, then
                # its 学校名称 column … are one table.)
                by_columns = len(header_cells(block[cuts[-1]], know) or []) == 1 and len(header_cells(p, know)) == 1 \
                    and not any(j < len(block) and header_cells(block[j], know) for j in (cuts[-1] + 1, i + 1))
                if (following is None or following != last_number + 1) and not by_columns:
                    cuts.append(i)
                last_number = None
            if row_number(p) is not None:
                last_number = row_number(p)
    else:
        # Written column by column: a line of several heads further down opens a table written row by row.
        # (The same heads printed again carry that table on, continued in the next column.)
        rows_heads = [i for i in heads if i > first and len(header_cells(block[i], know) or []) > 1]
        cuts += [i for n, i in enumerate(rows_heads)
                 if not n or header_cells(block[i], know) != header_cells(block[rows_heads[n - 1]], know)]
    if row_major:
        # Heads of another shape (a table continued keeps its heads) open another table.
        first_heads = header_cells(block[first], know)
        # (Compared with the heads printed last: a table after another keeps its own heads when continued.)
        lines_of_heads = [i for i in heads if len(header_cells(block[i], know) or []) > 1]
        cuts += [i for n, i in enumerate(lines_of_heads) if n and i > first and not header_cells(block[i - 1], know)
                 and header_cells(block[i], know) != header_cells(block[lines_of_heads[n - 1]], know)
                 and len(first_heads or []) > 1]
        # A lone head under rows of a line of several heads (学校名称 主管部门 …, then 学校名称): only some
        # of the heads printed again, so another table, not this one continued.
        cuts += [i for i in heads if i > first + 1 and len(first_heads or []) > 1
                 and not header_cells(block[i - 1], know) and len(header_cells(block[i], know)) == 1
                 and not (i + 1 < len(block) and header_cells(block[i + 1], know))][:1]
    cuts = sorted(set(cuts))
    return [parse_table(block[a:b], know) for a, b in zip(cuts, cuts[1:] + [len(block)]) if block[a:b]]


def _head_groups(heads: list[Piece], know: Knowledge) -> list[list[Piece]]:
    """Heads of one or more tables: a new table's heads start at a 序号 head or where a head repeats."""
    groups: list[list[Piece]] = []
    for h in heads:
        if not groups or know.table_headers.get(h.compact) == "number" or h.compact in {g.compact for g in groups[-1]}:
            groups.append([])
        groups[-1].append(h)
    return groups


TOTAL = re.compile(r"^[0-9]{1,4}$")  # ASCII digits only: ① and ² pass str.isdigit() but are no number


def parse_table(block: list[Piece], know: Knowledge) -> TableLayout:
    """Split a table block into its title (before or after), column heads and cells. Heads each followed
    by their cells mean the table was written column by column; heads all at the top, row by row."""
    table = TableLayout()
    # (A first line that only with the next makes an organisation's name is a wrapped cell, not a title.)
    if block and list_heading(block[0], know) or block and title_like(block[0], know) and not (
            len(block) > 1 and know.institution_type(block[0].compact + (block[1].text.split() or [""])[0])):
        table.title, table.title_before, block = block[0], True, block[1:]
    elif block and (table_title(block[-1], know) or list_heading(block[-1], know)):
        table.title, block = block[-1], block[:-1]
    heads = [i for i, p in enumerate(block) if header_cells(p, know)]
    if not heads:
        table.body = block  # rows without heads (a numbered list): read row by row
        return table
    first = heads[0]
    table.extra = block[:first]
    top = first
    while top + 1 < len(block) and header_cells(block[top + 1], know):
        top += 1
    one_line = len(header_cells(block[first], know) or []) > 1
    if one_line or top > first:
        # Row by row: the heads, then the rows; a head repeated further down (the table continued in
        # the next column) is a head again, not a row.
        heads = [h for p in block[first : top + 1] for h in _head_pieces(p, know)]
        # Heads printed twice over (序号 学校名称 序号 学校名称): halves of one table side by side.
        period = next(k for k in range(1, len(heads) + 1)
                      if len(heads) % k == 0 and all(h.compact == heads[i % k].compact for i, h in enumerate(heads)))
        table.heads, table.repeated_heads = heads[:period], heads[period:]
        groups = _head_groups(heads, know)
        if period == len(heads) and len(groups) > 1:
            # Heads of tables set side by side (学校名称 所在地 | 序号 学校名称 …): the numbered one is read
            # from its 序号 run, the other from the cells left over.
            numbered = [g for g in groups if know.table_headers.get(g[0].compact) == "number"]
            if len(numbered) == 1:
                table.heads = numbered[0]
                others = [g for g in groups if g is not numbered[0]]
                table.aside_heads = others[0]
                table.repeated_heads = [h for h in heads if h not in table.heads and h not in table.aside_heads]
        for p in block[top + 1 :]:
            if header_cells(p, know):
                table.repeated_heads.append(p)
            else:
                table.body.append(p)
        return table
    rest = block[first:]
    for n, p in enumerate(rest):
        c = p.compact
        if header_cells(p, know):
            for head in _head_pieces(p, know):
                table.columns.append(TableColumn(head, know.table_headers.get(head.compact, "other")))
        elif TOTAL.match(c) and table.count is None and not _numbering(table.columns) \
                and (n + 1 == len(rest) or header_cells(rest[n + 1], know)) \
                and not (table.columns and table.columns[-1].cells
                         and all(TOTAL.match(x.compact) for x in table.columns[-1].cells)):
            # The table's printed total stands after a column's last cell, before the next heads or at
            # the end (a digit among a column's cells is a cell: 批次 1, 2, 2).
            table.count = p
        else:
            table.columns[-1].cells.append(p)
    return table


def _numbering(columns: list[TableColumn]) -> bool:
    """Is the column being read the 序号 column (its digits are row numbers, not a total)?"""
    return bool(columns) and columns[-1].role == "number"


def _head_pieces(p: Piece, know: Knowledge) -> list[Piece]:
    """A line of column heads as one piece per head."""
    if p.compact in know.table_headers:
        return [p]
    out, at = [], 0
    for token in p.text.split():
        a = p.text.index(token, at)
        at = a + len(token)
        part = sub_piece(p, a, at)
        if part is not None:
            out.append(part)
    return out


class _Builder:
    """Collects articles while walking the items in order."""

    def __init__(self, know: Knowledge, blanks_mean: bool = False):
        self.know = know
        self.blanks_mean = blanks_mean
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
        article.kicker, article.headline, article.subtitle = split_headline(lines, self.know, self.blanks_mean)
        first = article.headline[0] if article.headline else None
        if first is not None and first.text[:1] in self.know.bullets + self.know.author_marks and len(first.text) > 1:
            # The bullet before a brief's headline (■ 标题) is typography: a piece of its own, not title text.
            mark, rest = sub_piece(first, 0, 1), sub_piece(first, 1, len(first.text), whole=True)
            if rest is not None:
                article.marks, article.headline = [mark], [rest, *article.headline[1:]]

    def add_body(self, item: Item) -> None:
        a = self.current
        a.paragraphs += _paragraphs(item.pieces)

    def add_source(self, item: Item) -> None:
        a = self.current
        if a.has_body or a.byline and item.kind == "source":
            a = self.new()
        add_byline(a, item)

    def add_subhead(self, item: Item) -> None:
        a = self.current
        for p in item.pieces:
            p.starts = True
        a.subheads += item.pieces
        a.paragraphs.append(list(item.pieces))


@dataclass
class _Group:
    """A run of display lines between articles: one or more headlines' blocks."""

    pieces: list[Piece]
    prev: ArticleLayout | None  # the article printed before it
    next_at: int  # index the next article will have


def add_byline(a: ArticleLayout, item: Item) -> None:
    """A source line, author line or end-of-brief source joins an article's byline; the first one that
    says who wrote it gives the credit."""
    a.byline += item.pieces
    if item.kind == "source" and item.pieces[0].match:
        text = item.pieces[0].match.get("text") or "".join(p.text for p in item.pieces)
        if not a.source_match:
            a.source_match = dict(item.pieces[0].match)
    else:
        text = " ".join(p.text for p in item.pieces)
        if not a.source_match:
            a.source_match = dict(item.pieces[0].match) if item.pieces[0].match else {"credit": text}
    a.byline_texts.append(text)


def page_blocks(pieces: list[Piece], know: Knowledge, beside: bool = True) -> PageLayout:
    """The page's articles, furniture, free captions and residue, from its pieces with roles. `beside`: a
    line may hold headlines set side by side (not where the PDF's geometry has already parted them).

    Two passes: first the articles are cut apart (at source and author lines, endings, and display lines
    between bodies); then each headline block goes to an article, by the words it shares with the
    article's body and, second, by the page's headline order (before, after, end)."""
    items, furniture = items_of(pieces, know)
    order = headline_order(items, know)
    if order == "end":
        # The headlines at the page's end, including lines that looked like running text.
        for it in items[headline_tail(items, know):]:
            if it.kind == "body":
                it.kind = "display"
                for p in it.pieces:
                    p.role, p.starts, p.why = "display", False, "among the headlines at the page's end"
    blanks = blank_lines_mean(pieces)
    b = _Builder(know, blanks)
    residue: list[tuple[Piece, str]] = []
    warnings: list[tuple[int, str]] = []
    free_captions: list[Piece] = []
    content = [i for i, it in enumerate(items) if it.kind in CONTENT]
    last = content[-1] if content else -1
    pool: list[Piece] = []  # end mode: the headlines printed together at the page's end
    groups: list[_Group] = []
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
                    pool += it.pieces  # printed before the first body: still among the page's headlines
                continue
            if inside and _subhead_like(it):
                b.add_subhead(it)
                continue
            if inside and len(it.pieces) == 1 and is_terminal(it.pieces[0].text, know):
                # A lone sentence set apart between two lines of a body (…？) is a paragraph of it: measured on
                # every corpus, a headline ending a sentence never stands there.
                it.pieces[0].starts = True
                it.pieces[0].role, it.pieces[0].why = "body", "a lone sentence inside a body"
                b.add_body(Item("body", it.pieces))
                continue
            open_article = b.articles[-1] if b.articles and not b.closed else None
            before = open_article if open_article and open_article.has_body else (b.articles[-1] if b.articles else None)
            groups.append(_Group(_split_beside(it.pieces, know) if beside else it.pieces, before,
                                 len(b.articles) if (open_article is None or open_article.has_body) else len(b.articles) - 1))
            if open_article is not None and open_article.has_body and not all(p.why == INSERTED for p in it.pieces):
                b.closed = True  # whatever this headline belongs to, the body after it is another article
            continue
        if k in ("source", "author"):
            if order == "after" and b.closed and b.articles and not b.articles[-1].byline \
                    and k == "author" and not _starts_body(items, i) and groups and groups[-1].prev is b.articles[-1]:
                add_byline(b.articles[-1], it)  # an author line printed with the headline, after the body
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
        if k == "subhead":  # told by the PDF's geometry: running on in the body's flow, never a headline
            b.add_subhead(it)
            continue
        if k == "table":
            # A table is printed with the article it follows, headline or not.
            (b.articles[-1] if b.articles else b.current).tables.extend(parse_tables(it.pieces, know))
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
                if a.byline and len(a.paragraphs) >= 2 and not a.tables:
                    # （据新华社电） closes a brief of its own: an article that already has a source line
                    # ran on into the next brief, whose one paragraph ends here.
                    brief = ArticleLayout(paragraphs=[a.paragraphs.pop()])
                    b.articles.append(brief)
                    a = brief
                add_byline(a, it)
            b.closed = True
            continue
        for p in it.pieces:
            residue.append((p, f"unplaced {k}"))
            warnings.append((p.line_no, f"unplaced {k} text"))

    articles = [a for a in b.articles if a.has_body]
    for a in b.articles:
        if not a.has_body:
            for p in a.pieces():
                residue.append((p, "text outside any article"))
                warnings.append((p.line_no, "text outside any article could not be placed"))
    if order == "end" and pool:
        pool, beside = _split_side_by_side(pool, know)
        if beside:
            pool = max(_beside_orders(pool, beside, know), key=lambda o: _align(o, articles, b)[0])
        pool_left = _distribute(pool, articles, b)
        _rescue_headlines(articles, b)
        for p in pool_left:
            residue.append((p, "headline line matched to no article"))
            warnings.append((p.line_no, "headline line matched to no article"))
    else:
        for p in _assign_headlines(groups, b.articles, articles, order, b):
            residue.append((p, "display text matched to no article"))
            warnings.append((p.line_no, "display text matched to no article"))
    articles = _rejoin(articles, know, residue, warnings)
    # A page cut off inside an article: its last body line ends no sentence and says nothing of a
    # continuation elsewhere.
    if articles and articles[-1].paragraphs and not articles[-1].continued_to and items and items[-1].kind == "body":
        last = articles[-1].paragraphs[-1][-1]
        if not is_terminal(last.text, know) and last.text[-1:] not in "：；":
            articles[-1].truncated = True
            warnings.append((last.line_no, "page ends inside an article"))
    return PageLayout(articles, furniture, free_captions, residue, warnings, order)


def _blocks(group: _Group, blanks: bool, bullets: str) -> list[list[Piece]]:
    """A display run's blocks: cut at blank lines where they mean something, and before a bullet (■ 标题)."""
    out: list[list[Piece]] = []
    for p in group.pieces:
        if not out or (blanks and p.gap_before) or p.text[:1] in bullets or p.why == BESIDE:
            out.append([p])
        else:
            out[-1].append(p)
    return out


def _assign_headlines(groups: list[_Group], all_articles: list[ArticleLayout], articles: list[ArticleLayout],
                      order: str, b: _Builder) -> list[Piece]:
    """Give each display block to an article: most shared words first, the page's order breaking ties
    (after: the article before it; before: the one after). Blocks of one run that go to one article
    stay together, in order (kicker, title, subtitle). A block that shares many words with a paragraph
    inside an article, and none with any article's start, opens an article there (two texts without
    source lines read as one). `articles` is updated in place; returns the blocks no article took."""
    index = {id(a): n for n, a in enumerate(articles)}
    # Blank lines part a headline's blocks where they mean something, and also where a page has a blank after
    # nearly every line but sets a headline's lines in one box (two display lines with none between them): the
    # headlines of a row, which a reading-order extractor prints line by line in turn, then come apart (measured:
    # titles +23 over the corpora and three fresh page sets, kickers +13).
    boxes = b.blanks_mean or any(not q.gap_before for g in groups for q in g.pieces[1:])
    units = [(a_no, p_no) for a_no, a in enumerate(articles) for p_no in range(len(a.paragraphs))]
    # Texts joined once: every block is compared with every article's body and nearby paragraphs.
    bodies = ["".join(p.compact for p in a.body_pieces) for a in articles]
    paragraph_text = {u: "".join(p.compact for p in articles[a].paragraphs[n]) for u, (a, n) in enumerate(units) if n}
    candidates = []  # (score, block number, unit number)
    blocks: list[tuple[int, list[Piece]]] = []  # (group number, lines)
    for g_no, g in enumerate(groups):
        prev = index.get(id(g.prev)) if g.prev is not None else None
        nxt_article = all_articles[g.next_at] if g.next_at < len(all_articles) else None
        nxt = index.get(id(nxt_article)) if nxt_article is not None else None
        preferred = nxt if order == "before" else prev
        other = prev if order == "before" else nxt
        for lines in _blocks(g, boxes, b.know.bullets):
            n = len(blocks)
            blocks.append((g_no, lines))
            if n * len(units) > MAX_CELLS:
                continue  # bounded: a page far beyond any newspaper's leaves the rest to residue
            h = _pairs(lines)
            subtitle = _subtitle_only(lines)
            for u, (a_no, p_no) in enumerate(units):
                if p_no and subtitle:
                    continue  # a subtitle stands under a title: it never opens a text inside another
                if p_no == 0:
                    score = _pair_affinity(h, bodies[a_no])
                    if a_no == preferred:
                        score += 0.6
                    elif a_no == other:
                        score += 0.25
                    elif score < 1.0:
                        continue  # a distant article only on strong evidence
                else:
                    # A paragraph inside an article, only on strong evidence, next to the block.
                    if a_no not in (preferred, other):
                        continue
                    score = _pair_affinity(h, paragraph_text[u]) - SPLIT_COST
                    if score < 1.2:
                        continue
                candidates.append((score, -n, u))
    candidates.sort(reverse=True)
    taken: dict[int, list[int]] = {}  # unit -> block numbers
    placed: set[int] = set()
    article_taken: set[int] = set()
    for score, neg_n, u in candidates:
        n = -neg_n
        if n in placed or score <= 0.25:
            continue
        mine = taken.get(u, [])
        # A unit takes blocks of one run only, next to each other; an article one headline. A title the
        # extractor printed away from its subtitle (other headlines between them) joins it over the run.
        if mine and (blocks[mine[0]][0] != blocks[n][0] or not any(abs(n - m) == 1 for m in mine)) \
                and not _title_over_subtitle(blocks, mine, n) and not _interleaved(blocks, mine, n, placed):
            continue
        # Two headlines that shared a line are two headlines; a headline has one subtitle.
        if any(abs(n - m) == 1 and blocks[max(n, m)][1][0].why == BESIDE for m in mine):
            continue
        if mine and sum(1 for m in mine + [n] if _subtitle_only(blocks[m][1])) > 1:
            continue
        # A bullet opens a headline (■ 标题): nothing of the same headline comes before it.
        if mine and any(blocks[m][1][0].text[:1] in b.know.bullets for m in mine + [n] if m != min(mine + [n])):
            continue
        # ... and is the whole title: a block after it is its subtitle or another headline.
        if mine and blocks[min(mine + [n])][1][0].text[:1] in b.know.bullets \
                and not all(_subtitle_only(blocks[m][1]) for m in mine + [n] if m != min(mine + [n])):
            continue
        if not mine and units[u][1] == 0 and units[u][0] in article_taken:
            continue
        taken.setdefault(u, []).append(n)
        placed.add(n)
        if units[u][1] == 0:
            article_taken.add(units[u][0])
    first_unit = {a_no: u for u, (a_no, p_no) in enumerate(units) if p_no == 0}
    _keep_with_neighbour(blocks, units, first_unit, taken)
    _by_order(groups, blocks, all_articles, index, first_unit, order, taken, placed, article_taken)
    head_of = {id(articles[units[u][0]].paragraphs[units[u][1]]): [p for n in sorted(ns) for p in blocks[n][1]]
               for u, ns in taken.items()}
    articles[:] = _split_at_heads(articles, head_of, b)
    return [p for n, (_, lines) in enumerate(blocks) if n not in placed for p in lines]


def _interleaved(blocks, mine: list[int], n: int, placed: set[int]) -> bool:
    """Headlines set side by side come out line by line, alternating (kicker A, title B, title A, subtitle B):
    block n joins a unit's blocks of its own run when every block between them went to another headline."""
    if blocks[mine[0]][0] != blocks[n][0]:
        return False
    lo, hi = min(mine + [n]), max(mine + [n])
    between = [m for m in range(lo + 1, hi) if m not in mine]
    return bool(between) and all(m in placed for m in between)


def _subtitle_only(lines: list[Piece]) -> bool:
    return bool(lines) and lines[0].text.startswith(DASH)


def _title_over_subtitle(blocks, mine: list[int], n: int) -> bool:
    """Block n and the blocks a unit took are a title and its subtitle, the title printed first."""
    if _subtitle_only(blocks[n][1]):
        return all(not _subtitle_only(blocks[m][1]) and m < n for m in mine)
    return all(_subtitle_only(blocks[m][1]) and m > n for m in mine)


def _keep_with_neighbour(blocks, units, first_unit, taken) -> None:
    """A kicker often quotes its text (…营造出万马奔腾的舞台效果): a block that would open an article inside one
    whose own headline is the block beside it is that headline's kicker or subtitle, not a new article."""
    for u, ns in list(taken.items()):
        a_no, p_no = units[u]
        home = first_unit.get(a_no)
        if p_no == 0 or home not in taken:
            continue
        if any(abs(n - m) == 1 and blocks[n][0] == blocks[m][0] for n in ns for m in taken[home]):
            taken[home] = sorted(taken[home] + ns)
            del taken[u]


def _by_order(groups, blocks, all_articles, index, first_unit, order, taken, placed, article_taken) -> None:
    """A headline that shares too few words with any text still has its place: printed before (after) a
    run of articles, the blocks no text took go, in order, to the articles of that run left without one."""
    if order not in ("before", "after"):
        return
    left_in: dict[int, list[int]] = {}  # group number -> its blocks no text took, in order
    for n, (g_no, _) in enumerate(blocks):
        if n not in placed:
            left_in.setdefault(g_no, []).append(n)
    for g_no, left in left_in.items():
        g = groups[g_no]
        if order == "before":
            end = groups[g_no + 1].next_at if g_no + 1 < len(groups) else len(all_articles)
            run = all_articles[g.next_at : end]
        else:
            start = groups[g_no - 1].next_at if g_no > 0 else 0
            run = all_articles[start : g.next_at][::-1]
            left = left[::-1]
        # Articles with a paragraph to take a headline (one that is only a table has none).
        free = [index[id(a)] for a in run if id(a) in index and index[id(a)] not in article_taken
                and index[id(a)] in first_unit]
        for n, a_no in zip(left, free):
            taken[first_unit[a_no]] = [n]
            placed.add(n)
            article_taken.add(a_no)


SPLIT_COST = 0.9
ENDED = 0.5
NEG_INF = float("-inf")
# Headline placement compares lines with paragraphs: at most this many pairs per page, so that no input
# can stall a build (a newspaper page has a few hundred of each at most).
MAX_CELLS = 250_000


def _record_start(article: ArticleLayout, n: int) -> int:
    """A document opens with its record (adopted …, amended …, or its number) and addressees, each entry a
    paragraph: a headline matched to a later entry (the words of an amending law) or to the text right after
    the addressees stands over the first of them."""
    while n > 0 and _opens_document(article.paragraphs[n - 1]) \
            and (_opens_document(article.paragraphs[n]) or article.paragraphs[n - 1][0].why == ADDRESSEE):
        n -= 1
    return n


def _split_at_heads(articles: list[ArticleLayout], head_of: dict[int, list[Piece]], b: _Builder) -> list[ArticleLayout]:
    """Cut articles at the paragraphs that took a headline (keyed by the paragraph's id) and give every
    article its headline. What was printed after a body belongs to the last part."""
    result: list[ArticleLayout] = []
    for a in articles:
        cuts = [n for n in range(1, len(a.paragraphs)) if id(a.paragraphs[n]) in head_of]
        bounds = [0] + cuts + [len(a.paragraphs)]
        parts = [a] + [ArticleLayout() for _ in cuts]
        paragraphs = a.paragraphs
        for i, part in enumerate(parts):
            part.paragraphs = paragraphs[bounds[i] : bounds[i + 1]]
        if cuts:
            last = parts[-1]
            last.ending, a.ending = a.ending, []
            last.continued_to, a.continued_to = a.continued_to, []
            last.tables, a.tables = a.tables, []
            last.captions, a.captions = a.captions, []
            if a.byline and all(p.role == "source_end" for p in a.byline):
                last.byline, last.byline_texts, last.source_match = a.byline, a.byline_texts, a.source_match
                a.byline, a.byline_texts, a.source_match = [], [], {}
        if cuts:  # a subhead goes with the part its paragraph went to
            subheads = a.subheads
            for part in parts:
                inside = {id(p) for para in part.paragraphs for p in para}
                part.subheads = [p for p in subheads if id(p) in inside]
        for part in parts:
            lines = head_of.get(id(part.paragraphs[0])) if part.paragraphs else None
            if lines:
                b.set_headline(part, lines)
        result += parts
    return result


def _rejoin(articles: list[ArticleLayout], know: Knowledge, residue: list, warnings: list) -> list[ArticleLayout]:
    """Text that a reading-order extractor carried away from its article comes back: an article whose last
    sentence breaks off takes a later text without a source line whose first line carries that sentence on
    (a word broken across the two, or a mark no line may start with). The later text's headline, if any
    was given to it, was a neighbour's: it is kept with a warning."""
    out: list[ArticleLayout] = []
    for a in articles:
        if out and not a.byline and a.paragraphs and not a.continued_from:
            first = a.paragraphs[0][0]
            for target in reversed(out[-4:]):
                if not target.paragraphs or target.continued_to or target.ending:
                    continue
                last = target.paragraphs[-1][-1]
                if is_terminal(last.text, know) or last.text.rstrip()[-1:] in "：；":
                    continue
                if runs_on(last.compact, first.compact, know):
                    first.starts = False
                    target.paragraphs[-1] += a.paragraphs[0]
                    target.paragraphs += a.paragraphs[1:]
                    target.captions += a.captions
                    target.tables += a.tables
                    target.subheads += a.subheads
                    target.ending += a.ending
                    target.continued_to += a.continued_to
                    for p in a.kicker + a.headline + a.subtitle + a.marks:
                        residue.append((p, "headline of a text that continues another article"))
                        warnings.append((p.line_no, "headline of a text that continues another article"))
                    break
            else:
                out.append(a)
            continue
        out.append(a)
    return out


def _starts_body(items: list[Item], i: int) -> bool:
    """Does the source or author line at i open the body after it? Not an author line followed by a source
    line of its own (本报记者 X / 本报眉山…讯（Y）…): that source line opens the next article."""
    j = i + 1
    while j < len(items) and items[j].kind in ("source", "author"):
        if items[i].kind == "author" and items[j].kind == "source" and items[j].pieces[0].match.get("agency"):
            return False
        j += 1
    return j < len(items) and items[j].kind == "body"


def _lead(article: ArticleLayout, start: int = 0) -> list[Piece]:
    """The paragraphs a headline over paragraph `start` speaks of: that one, and the next ones where it is
    only a record, a number or an address (2012年3月28日 国务院…通过 / 沪水务〔2021〕610号 / 各有关单位：)."""
    out: list[Piece] = []
    for para in article.paragraphs[start : start + 3]:
        out += para
        text = "".join(p.compact for p in para)
        if len(text) >= 40 and para[0].why != RECORD and not text.endswith("："):
            break
    return out


def _opens_document(para: list[Piece]) -> bool:
    """A paragraph that opens a document's text (its record, number or addressees): where a document
    printed after another article's text begins."""
    return para[0].why in (RECORD, ADDRESSEE)


def _rescue_headlines(articles: list[ArticleLayout], b: _Builder) -> None:
    """Headlines set side by side come out in the order of their line, not of their articles, so the
    in-order alignment may hang one onto its neighbour's headline. An article left without a headline takes
    back the lines of another headline that share words with its body and hardly any with their own."""
    bodies = ["".join(p.compact for p in a.body_pieces) for a in articles]
    for n, a in enumerate(articles):
        if a.headline or a.kicker or not bodies[n]:
            continue
        for m, other in enumerate(articles):
            lines = other.kicker + other.headline + other.subtitle
            if m == n or len(lines) < 2:
                continue
            mine = [p for p in lines if _pair_affinity(_pairs([p]), bodies[n]) >= 1.0
                    and _pair_affinity(_pairs([p]), bodies[m]) < 0.5 and len(p.compact) >= 2]
            if mine and len(mine) < len(lines):
                rest = [p for p in lines if all(p is not q for q in mine)]
                b.set_headline(other, rest)
                b.set_headline(a, mine + a.subtitle)  # a subtitle it already has stays under the title
                break


BESIDE = "a headline set beside another on one line"


def _side_by_side_parts(p: Piece, know: Knowledge) -> list[tuple[int, int]]:
    """Where a line holds headlines set side by side (A B: two or more parts of four characters or more), the
    (start, end) of each part; [] otherwise. Joint issuers over one document's title (最高人民法院 最高人民检察院关于…)
    are one headline."""
    parts = [(m.start(), m.end()) for m in re.finditer(r"\S+", p.text)]
    if len(parts) < 2 or not all(b - a >= 4 for a, b in parts):
        return []
    if all(know.institution_type(p.text[a:b]) for a, b in parts[:-1]) and "关于" in p.text[parts[-1][0] :]:
        return []
    return parts


def _split_beside(lines: list[Piece], know: Knowledge) -> list[Piece]:
    """Two headlines set side by side can share a line (上海市实施《中华人民共和国 哈萨克斯坦出土中国唐宋时期古钱 / 币 /
    国家通用语言文字法》办法): where the next line carries on one part inside a word and not the other, that part
    and the next line are one headline, and the other part opens a block of its own with the lines after them.
    The first such line of a run only."""
    for k, p in enumerate(lines[:-1]):
        parts = _side_by_side_parts(p, know)
        if len(parts) != 2:
            continue
        nxt = lines[k + 1]
        left, right = sub_piece(p, 0, parts[0][1]), sub_piece(p, parts[1][0], len(p.text))
        left_on, right_on = breaks_word(left.compact, nxt.compact, know), breaks_word(right.compact, nxt.compact, know)
        if left_on == right_on:
            continue
        left.role = right.role = p.role
        if right_on:  # the left headline goes on after the right one's wrapped line
            left.why, right.why = BESIDE, p.why
            return lines[:k] + [right, nxt, left] + lines[k + 2 :]
        left.why, right.why = p.why, BESIDE
        return lines[:k] + [left] + lines[k + 1 :] + [right]
    return lines


def _split_side_by_side(pool: list[Piece], know: Knowledge) -> tuple[list[Piece], list[int]]:
    """Headlines set side by side on one baseline come out as one line with a space between them (A B):
    each part becomes a line of its own, and the alignment puts them back together if they are one title.
    Also returns where a part stands beside a wrapped headline: the next line carries on the part before it
    inside a word (…全国政协十四 中华人民共和国教师法 / 届四次会议…), so it belongs to a neighbour."""
    out: list[Piece] = []
    beside: list[int] = []
    for k, p in enumerate(pool):
        nxt = pool[k + 1] if k + 1 < len(pool) else None
        parts = _side_by_side_parts(p, know)
        if parts:
            pieces = [x for a, b in parts if (x := sub_piece(p, a, b))]
            if nxt is not None and len(pieces) >= 2 and breaks_word(pieces[-2].compact, nxt.compact, know) \
                    and not breaks_word(pieces[-1].compact, nxt.compact, know):
                beside.append(len(out) + len(pieces) - 1)
            out += pieces
        else:
            out.append(p)
    return out, beside


def _beside_orders(pool: list[Piece], beside: list[int], know: Knowledge) -> list[list[Piece]]:
    """The orders worth aligning for headlines set beside a wrapped one: each such part before the headline it
    stands beside, or after that headline's wrapped lines (the page does not say which article comes first).
    Bounded: the first three such parts only."""
    orders = [pool]
    for i in beside[:3]:
        grown = []
        for order in orders:
            part = pool[i]
            rest = [p for p in order if p is not part]
            at = next(n for n, p in enumerate(rest) if p is pool[i - 1])
            start = at  # the headline beside it: back over the lines before it that it carries on
            while start > 0 and breaks_word(rest[start - 1].compact, rest[start].compact, know):
                start -= 1
            end = at + 1
            while end < len(rest) and breaks_word(rest[end - 1].compact, rest[end].compact, know):
                end += 1
            grown += [rest[:start] + [part] + rest[start:], rest[:end] + [part] + rest[end:]]
        orders = grown
    return orders


def _distribute(pool: list[Piece], articles: list[ArticleLayout], b: _Builder) -> list[Piece]:
    """Place the page-end headlines (see _align); returns the lines placed nowhere."""
    _, placed, units = _align(pool, articles, b)
    if not placed:
        return pool
    used = {id(p) for lines in placed.values() for p in lines}
    # Split articles at the paragraphs that took a headline, then give each article its headline.
    taken = {units[u] for u in placed}
    head_of = {}
    for u, lines in placed.items():
        a, n = units[u]
        start = _record_start(articles[a], n)
        if any((a, k) in taken for k in range(start, n)):
            start = n  # another headline stands over an earlier entry: leave this one where it matched
        head_of[id(articles[a].paragraphs[start])] = lines
    articles[:] = _split_at_heads(articles, head_of, b)
    return [p for p in pool if id(p) not in used]


def _align(pool: list[Piece], articles: list[ArticleLayout], b: _Builder):
    """Headlines printed together at the page's end, in article order, placed by a monotone alignment of
    their lines to the page's paragraphs.

    A line goes to the paragraph whose text (with the next) shares most words with it, consecutive lines
    of one headline to one paragraph; a paragraph that is not yet an article's first becomes one (briefs
    without a source line run together in the text until their headlines tell them apart). Skipping a
    line, splitting an article, or leaving an article without a headline each cost a little, so weak
    evidence changes nothing. Dynamic programming over lines x paragraphs with running maxima:
    O(lines x paragraphs). Returns (score, {unit: lines}, units); nothing placed: (-inf, {}, units)."""
    units = [(a_no, p_no) for a_no, a in enumerate(articles) for p_no in range(len(a.paragraphs))]
    if not units or not pool:
        return NEG_INF, {}, units
    first = [p_no == 0 for _, p_no in units]
    # An article's start is matched with its lead (its first paragraphs: a law's record or a notice's
    # addressees may come before the words its headline shares); a paragraph inside, with itself alone.
    # (a record runs over paragraphs, adopted …, published …, in force …: only its first opens a document)
    texts = ["".join(p.compact for p in (_lead(articles[a], n) if n == 0 or _opens_document(articles[a].paragraphs[n])
                                         and not _opens_document(articles[a].paragraphs[n - 1])
                                         else articles[a].paragraphs[n])) for a, n in units]
    H, P = len(pool), len(units)
    # A short line (the end of a wrapped headline: 公司, 送到村里) shares few words by chance with any
    # paragraph: its evidence counts in proportion to its length.
    if H * P > MAX_CELLS:
        return NEG_INF, {}, units  # a page far beyond any newspaper's: its headlines go to residue, with warnings
    weight = [min(1.0, (len(line.compact) - 1) / 6) for line in pool]
    # (a headline may end on 为 or 在 — 成为… / 在… — but no kicker, title or subtitle ends on 的)
    # A headline set vertically comes out one character per line: its lines go together, the first opens a
    # headline of its own, and it counts as the text of the whole run.
    single = [len(line.compact) == 1 for line in pool]
    vertical = [h > 0 and single[h - 1] and single[h] for h in range(H)]
    upright = [single[h] and not vertical[h] and h + 2 < H and single[h + 1] and single[h + 2] for h in range(H)]
    joined = [h > 0 and (breaks_word(pool[h - 1].compact, pool[h].compact, b.know) or pool[h - 1].compact.endswith("的")
                         or vertical[h]) for h in range(H)]
    # A short line over a subtitle, after a longer line, is that line's title wrapped (人民币现金收付新规 / 下月起施行 /
    # ——…): the subtitle stands under the whole title.
    for h in range(1, H - 1):
        if pool[h + 1].text.startswith(DASH) and not pool[h - 1].text.startswith(DASH) \
                and len(pool[h].compact) < len(pool[h - 1].compact) and pool[h].text[:1] not in b.know.bullets:
            joined[h] = True
    # After a title's short last line (shorter than the line before it), a line as long as that one again opens
    # the next headline unless a word runs across (…替代 / 母婴室 / 更多美食沿丝路走上): going on costs a little.
    ended = [h >= 2 and len(pool[h - 1].compact) < len(pool[h - 2].compact) <= len(pool[h].compact) and not joined[h]
             for h in range(H)]
    line_pairs = [_pairs([line]) for line in pool]
    for h in range(H):
        if upright[h]:
            run = next((k for k in range(h + 1, H) if not vertical[k]), H)
            line_pairs[h] = _pairs(pool[h:run])
            weight[h] = min(1.0, (run - h - 1) / 6)
    aff = [[_pair_affinity(line_pairs[h], texts[u]) * weight[h] if len(line.compact) >= 2 or upright[h] else 0.0
            for u in range(P)] for h, line in enumerate(pool)]
    before = [0] * (P + 1)  # article starts among the first u units
    for u in range(P):
        before[u + 1] = before[u] + first[u]
    MISS, SKIP, SPLIT, MAX_LINES = 0.5, 0.6, 0.9, 8
    f = [[NEG_INF] * P for _ in range(H)]  # f[h][u]: lines up to h placed or skipped, line h on unit u
    back = [[None] * P for _ in range(H)]  # (kind, unit): "same", "new" (after unit) or "start"
    lines_on = [[0] * P for _ in range(H)]
    for h in range(H):
        lead = -SKIP * h  # every earlier line skipped
        # running: best f[h-1][v] + MISS * starts up to v, over v < u (a new unit u after unit v)
        running, running_at = NEG_INF, -1
        for u in range(P):
            cost_before = MISS * before[u]
            cand, frm = lead - cost_before, ("start", -1)
            if running != NEG_INF and running - cost_before > cand:
                cand, frm = running - cost_before, ("new", running_at)
            # A headline never begins with its subtitle (——…), nor inside a word broken across two lines.
            opens = not pool[h].text.startswith(DASH) and not joined[h]
            score = cand + aff[h][u] - (0 if first[u] else SPLIT)
            if opens and score > f[h][u]:
                f[h][u], back[h][u], lines_on[h][u] = score, frm, 1
            # A bullet opens a headline of its own, and so does a vertical headline's first character.
            bullet = pool[h].text[:1] in b.know.bullets or upright[h]
            same = f[h - 1][u] + aff[h][u] - (ENDED if ended[h] else 0) if h and f[h - 1][u] != NEG_INF else NEG_INF
            if h and not bullet and same != NEG_INF and (lines_on[h - 1][u] < MAX_LINES or vertical[h]) \
                    and same > f[h][u]:
                f[h][u], back[h][u], lines_on[h][u] = same, ("same", u), lines_on[h - 1][u] + 1
            if h and f[h - 1][u] != NEG_INF and f[h - 1][u] + MISS * before[u + 1] > running:
                running, running_at = f[h - 1][u] + MISS * before[u + 1], u
    # Lines after the last placed one are skipped; articles after it go without a headline.
    best, end = NEG_INF, (-1, -1)
    for h in range(H):
        for u in range(P):
            if f[h][u] != NEG_INF:
                value = f[h][u] - SKIP * (H - 1 - h) - MISS * (before[P] - before[u + 1])
                if value > best:
                    best, end = value, (h, u)
    if best <= -MISS * before[P] - SKIP * H:
        return NEG_INF, {}, units  # nothing placed beats placing nothing
    placed: dict[int, list[Piece]] = {}
    h, u = end
    while h >= 0:
        placed.setdefault(u, []).insert(0, pool[h])
        kind, v = back[h][u]
        if kind == "start":
            break
        h, u = h - 1, (u if kind == "same" else v)
    return best, placed, units
