"""Lines -> layout blocks: source lines, bodies, headlines, captions, flattened tables.

The extractor gives one narrow column line per line. What a line *is* has to be read off the layout:
a body line fills the column (or ends a paragraph with sentence-final punctuation), a headline is
printed after its article's body and does not fill the column, a caption is a lone sentence between
articles, and a table arrives as column headers followed by their cells.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .knowledge import Knowledge
from .pages import Line

WHITESPACE = re.compile(r"\s+")


@dataclass
class Piece:
    """A stretch of one line: [start, end) in the line's text."""

    line_no: int
    start: int
    end: int
    text: str
    line_width: float | None = None  # width of the whole column line, None where the line was merged
    alone: bool = True  # the piece is its whole line (not split off a line holding a source line)

    @property
    def compact(self) -> str:
        return WHITESPACE.sub("", self.text)


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
    byline: list[Piece]
    source_match: dict  # named groups of the source-line pattern, plus 'text'
    paragraphs: list[list[Piece]]
    headline: list[Piece]
    captions: list[Piece]
    tables: list[TableLayout]
    truncated: bool = False  # the page ends inside this article


@dataclass
class PageLayout:
    articles: list[ArticleLayout]
    residue: list[tuple[Piece, str]]  # (piece, reason)
    warnings: list[tuple[int, str]]  # (line_no, message)


# A paragraph's first line is indented two cells (the extractor drops the indent), and
# punctuation compression moves widths by about one cell more.
INDENT_SLACK = 3.5


def width(text: str) -> float:
    """Column width in full-width character cells: CJK and full-width marks 1, ASCII 0.5."""
    chars = len(text) - text.count(" ")
    wide = (len(text.encode("utf-8")) - len(text)) / 2  # a CJK character is 3 bytes in UTF-8, ASCII 1
    return wide + (chars - wide) * 0.5


def is_terminal(text: str, know: Knowledge) -> bool:
    """Does the text end a sentence (so a paragraph may end here)?"""
    t = text.rstrip()
    while t and t[-1] in know.closing_marks:
        if len(t) >= 2 and t[-2] in know.sentence_final:
            return True
        t = t[:-1]
    return bool(t) and t[-1] in know.sentence_final


def line_pieces(lines: list[Line]) -> list[Piece]:
    """One piece per non-blank line, trimmed."""
    out = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        start = len(line.text) - len(line.text.lstrip())
        out.append(Piece(line.no, start, start + len(stripped), stripped, width(stripped)))
    return out


def _sub(piece: Piece, a: int, b: int, whole: bool = False) -> Piece | None:
    """The trimmed sub-piece [a, b) of a piece (offsets relative to the piece), or None if blank."""
    seg = piece.text[a:b]
    if not seg.strip():
        return None
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    start = piece.start + a + lead
    return Piece(piece.line_no, start, start + len(seg), seg, piece.line_width if whole else None, alone=False)


def _opener_at(pieces: list[Piece], idx: int, know: Knowledge):
    """First source-line match in piece idx (at its start or after whitespace): (offset, match, combined)."""
    p = pieces[idx]
    nxt = pieces[idx + 1].text if idx + 1 < len(pieces) else ""
    combined = p.text + "\n" + nxt
    if not know.any_source.search(combined):
        return None
    starts = [0] + [i for i in range(1, len(p.text)) if p.text[i - 1].isspace() and not p.text[i].isspace()]
    for i in starts:
        for pattern in know.source_patterns:
            m = pattern.match(combined, i)
            if m:
                return i, m, combined
    return None


def split_regions(pieces: list[Piece], know: Knowledge):
    """Cut the page at source lines. Returns [(byline pieces, match groups, content pieces)];
    the first region has no byline and holds any text before the first source line."""
    regions: list[tuple[list[Piece], dict | None, list[Piece]]] = [([], None, [])]
    queue = list(pieces)
    i = 0
    while i < len(queue):
        p = queue[i]
        found = _opener_at(queue, i, know)
        if not found:
            regions[-1][2].append(p)
            i += 1
            continue
        off, m, _ = found
        before = _sub(p, 0, off)
        if before:  # e.g. the end of the previous article's headline, glued on by the extractor
            regions[-1][2].append(before)
        groups = {k: v for k, v in m.groupdict().items() if v}
        groups["text"] = m.group(0).replace("\n", "")
        end = m.end()
        if end <= len(p.text):
            byline = [_sub(p, off, end)]
            # A line that begins with its byline is still a whole column line, so its width counts.
            rest = _sub(p, end, len(p.text), whole=before is None)
            consumed = 1
        else:  # the credit's closing bracket is on the next line
            q = queue[i + 1]
            cut = end - len(p.text) - 1
            byline = [_sub(p, off, len(p.text)), _sub(q, 0, cut)]
            rest = _sub(q, cut, len(q.text), whole=True)
            consumed = 2
        regions.append(([b for b in byline if b], groups, []))
        # The rest of the line is body; look at it again in case another source line follows.
        queue[i : i + consumed] = [rest] if rest else []
    return regions


def find_table(content: list[Piece], know: Knowledge) -> int | None:
    """Index of the first column header in a region's content, or None. A header stands on a line of
    its own and is followed by cells (lines that do not end a sentence), so a body line that happens
    to read 学校 is not one."""
    for i, p in enumerate(content):
        if p.alone and p.compact in know.table_headers:
            following = content[i + 1 : i + 3]
            if len(following) == 2 and not any(is_terminal(q.text, know) for q in following):
                return i
    return None


def parse_table(block: list[Piece], know: Knowledge) -> TableLayout:
    """Split a flattened table block into its columns (header, cells...), count and title."""
    table = TableLayout()
    # The title is printed after the table: the block's last line if it reads like a title.
    if block and block[-1].compact not in know.table_headers and block[-1].compact.endswith(know.table_title_endings):
        table.title = block[-1]
        block = block[:-1]
    for p in block:
        c = p.compact
        if c in know.table_headers:
            table.columns.append(TableColumn(p, know.table_headers[c]))
        elif c.isdigit() and table.count is None:
            table.count = p
        elif table.columns:
            table.columns[-1].cells.append(p)
        else:
            table.extra.append(p)
    return table


def body_extent(pieces: list[Piece], know: Knowledge, at_page_end: bool):
    """How many leading pieces are body, where paragraphs break, and whether the text runs off the page.

    Returns (n_body, breaks, truncated) where breaks holds indices after which a paragraph ends.
    A line that continues an unfinished sentence is always body: a headline can only follow a line
    that ends a sentence. A line that starts a paragraph must fit the column (indented two cells);
    one that does not (a short or overlong line) ends the body, unless the column itself changes width.
    The body ends with its last sentence; what follows is headline or caption.
    """
    n = len(pieces)
    widths = [p.line_width for p in pieces]
    terms = [is_terminal(p.text, know) for p in pieces]
    # The column's width: lines inside a sentence, after another such line (a paragraph's first line
    # is indented and its last is short, so neither says how wide the column is).
    full = [widths[k] for k in range(1, min(n, 16)) if widths[k] is not None and not terms[k] and not terms[k - 1]]
    sample = full[:9] or [w for w, t in zip(widths[:9], terms[:9]) if w is not None and not t]
    col = statistics.median(sample) if sample else None
    recent: list[float] = list(sample)
    last_term = -1
    ok_until = 0
    col_at: list[float | None] = []
    for k in range(n):
        w, t = widths[k], terms[k]
        starts_paragraph = k > 0 and terms[k - 1]
        if k > 0 and w is not None and col is not None:
            if starts_paragraph:
                # After a sentence ends, the next line either continues the paragraph (full width) or
                # starts one (indented two cells): never much wider, never much narrower.
                fits = col - INDENT_SLACK <= w <= col + 1.5 or (t and w < col)
            else:
                # Inside a sentence any shorter line is body; a much wider one only if the column widens.
                fits = w <= col + 2.5
            if not fits:
                new = _new_column_width(widths, terms, k)
                if new is not None and new - INDENT_SLACK <= w <= new + 3.5 and abs(new - col) > 2.5:
                    col, recent = new, [new]
                else:
                    break
        if t and k >= 2 and _headline_then_caption(pieces, terms, k, know):
            # 成都推进成果孵化第93批试点 / 12月22日，成都职业教育活动现场。: a headline line (no
            # punctuation, after a sentence's end) followed by a dated caption ends the body.
            ok_until = k - 1
            col_at = col_at[: k - 1]
            last_term = max((j for j in range(k - 1) if terms[j]), default=-1)
            break
        col_at.append(col)
        ok_until = k + 1
        if t:
            last_term = k
        elif w is not None and not starts_paragraph and k > 0:
            # The running median follows the column when its width changes inside a paragraph.
            recent = (recent + [w])[-9:]
            col = statistics.median(recent)
    truncated = False
    n_body = last_term + 1
    if at_page_end and ok_until > n_body:
        # After the last sentence the page ends. A column cut off by the page's end stops at full
        # width, in prose; a shorter last line, or lines without a comma among them, are a headline.
        w, c = widths[ok_until - 1], col_at[ok_until - 1]
        tail = "".join(p.compact for p in pieces[n_body:ok_until])
        prose = any(mark in tail for mark in "，、；：。！？") or ok_until - n_body >= 3
        if n_body == 0 or (w is not None and c is not None and w >= c - 1.0 and prose):
            n_body, truncated = ok_until, True
    breaks = set()
    for k in range(n_body - 1):
        if not terms[k]:
            continue
        c = col_at[k]
        short_here = widths[k] is not None and c is not None and widths[k] < c - 1.5
        indented_next = widths[k + 1] is not None and c is not None and widths[k + 1] <= c - 1.5
        if short_here or indented_next:
            breaks.add(k)
    return n_body, breaks, truncated


def _headline_then_caption(pieces, terms, k, know) -> bool:
    prev = pieces[k - 1].compact
    return (
        bool(know.caption_start.match(pieces[k].compact))
        and not terms[k - 1]
        and terms[k - 2]
        and not any(c in prev for c in "，。、；：！？“”《》（）")
    )


def _new_column_width(widths, terms, k) -> float | None:
    """If the column changes width at piece k, the new width (median of the next full lines)."""
    ahead = [w for w, t in zip(widths[k + 1 : k + 5], terms[k + 1 : k + 5]) if w is not None and not t]
    if len(ahead) < 2:
        return None
    return statistics.median(ahead[:3])


def _table_block_end(content: list[Piece], start: int, know: Knowledge) -> int:
    """Where a table that starts at `start` ends: after its title (printed last), else at the region's end."""
    last_header = max(i for i in range(start, len(content)) if content[i].alone and content[i].compact in know.table_headers)
    for i in range(last_header + 1, len(content)):
        c = content[i].compact
        if c.endswith(know.table_title_endings) and not any(m in c for m in "，。、；：“”"):
            return i + 1
    return len(content)


def _units(content: list[Piece], know: Knowledge, at_page_end: bool):
    """A region's content as (body, breaks, trailing, truncated) units: the first belongs to the region's
    source line; a further one is an article printed without a source line, whose body starts after the
    previous article's headline (at most three lines) and runs for at least three lines."""
    units = []
    while content:
        n_body, breaks, truncated = body_extent(content, know, at_page_end)
        rest = content[n_body:]
        split = None
        for j in range(1, min(3, len(rest)) + 1):
            m, _, _ = body_extent(rest[j:], know, at_page_end)
            if m >= 3 and not is_terminal(rest[j].text, know):
                split = j
                break
        if split is None or n_body == 0:
            units.append((content[:n_body], breaks, rest, truncated))
            break
        units.append((content[:n_body], breaks, rest[:split], False))
        content = rest[split:]
    return units


def parse_layout(lines: list[Line], know: Knowledge) -> PageLayout:
    """Read a page's layout: which pieces are bylines, body, headlines, captions, tables, residue."""
    pieces = line_pieces(lines)
    regions = split_regions(pieces, know)
    articles: list[ArticleLayout] = []
    residue: list[tuple[Piece, str]] = []
    warnings: list[tuple[int, str]] = []
    last = len(regions) - 1
    for r, (byline, groups, content) in enumerate(regions):
        if not byline and not content:
            continue
        tables, after_table = [], []
        t = find_table(content, know)
        if t is not None:
            end = _table_block_end(content, t, know)
            tables.append(parse_table(content[t:end], know))
            content, after_table = content[:t], content[end:]
        units = _units(content, know, at_page_end=(r == last and not tables))
        if after_table:
            units += _units(after_table, know, at_page_end=(r == last))
        for u, (body, breaks, trailing, truncated) in enumerate(units):
            source = byline if u == 0 else []
            paragraphs, current = [], []
            for k, p in enumerate(body):
                current.append(p)
                if k in breaks:
                    paragraphs.append(current)
                    current = []
            if current:
                paragraphs.append(current)
            headline, captions = [], []
            for p in trailing:
                (captions if is_terminal(p.text, know) else headline).append(p)
            if not source and not body:
                # Text outside any article that does not read as an article body.
                for p in headline + captions:
                    residue.append((p, "text outside any article"))
                    warnings.append((p.line_no, "text outside any article could not be placed"))
                continue
            if not source:
                warnings.append((body[0].line_no, "article without a source line"))
            if truncated:
                warnings.append((body[-1].line_no, "page ends inside an article"))
            if len(headline) > 3:
                # More than a kicker, title and subtitle is not a headline: keep the text, flag it.
                for p in headline[:-3]:
                    residue.append((p, "unplaced text between articles"))
                    warnings.append((p.line_no, "unplaced text between articles"))
                headline = headline[-3:]
            articles.append(ArticleLayout(source, (groups or {}) if u == 0 else {}, paragraphs, headline, captions,
                                          tables if u == 0 else [], truncated))
    return PageLayout(articles, residue, warnings)
