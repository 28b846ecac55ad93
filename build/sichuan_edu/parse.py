"""One page file -> plain records (articles, tables and cases, captions, residue, line segments).

Pure: no SQLite here. The loader turns a ParsedPage into rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .articles import Article, assemble
from .blocks import page_blocks
from .cells import ReadTable
from .furniture import Furniture, read_furniture
from .lines import Piece
from .roles import assign_roles
from .knowledge import Knowledge
from .mentions import (attendance_roles, find_institutions, find_people, known_pattern,
                       split_title)
from .people import Credit
from .pages import decode, split_lines
from .tables import continued_tables, is_case_list, join_tables, read_table, table_rows
from .text import char_pairs, clean_body, clean_phrase


@dataclass
class Case:
    seq: int
    title: str
    units: list[tuple[str, list[int]]]  # (printed name, line numbers)
    article_seq: int
    table_seq: int
    category: str | None  # only where the table prints it (a category column); never inferred
    confidence: float
    score: float
    lines: list[int]


@dataclass
class Table:
    seq: int
    article_seq: int
    title: str | None
    declared_rows: int | None
    first_line: int
    last_line: int
    headers: list[str]
    column_heads: list[str] = field(default_factory=list)  # one head per column of `rows`
    shape: str = ""  # columns | cells | rows: how the extractor wrote it
    rows: list[list[str]] = field(default_factory=list)
    cell_lines: list[list[list[int]]] = field(default_factory=list)  # per row, per cell: its line numbers
    margins: list[float | None] = field(default_factory=list)
    title_before: bool = False
    names: list[list[bool]] = field(default_factory=list)  # per row, per cell: an organisation's name


@dataclass
class Caption:
    seq: int
    text: str
    line_no: int
    article_seq: int | None


@dataclass
class Segment:
    """Where a stretch of the page went: from (line_no, col_start) to (last_line, col_end), columns
    counted in characters of the file's lines. Every non-blank character of a page is in one segment."""

    line_no: int
    col_start: int
    col_end: int  # on last_line, exclusive
    kind: str  # byline body headline caption table_header table_unit table_item table_count table_title residue
    ref: str  # article | case | caption | table | residue
    ref_seq: int
    last_line: int = 0
    order: int = 0  # the order the parser read it in (reading order, not line order)

    def __post_init__(self):
        self.last_line = self.last_line or self.line_no


@dataclass
class PersonTie:
    """A person tied to an institution by the text (该校学生, …公司的相关负责人)."""

    article_seq: int
    name: str
    institution: str
    relation: str


SCHOOL = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:大学|学院|学校|中学)")
LEADING_WORDS = "在于的和与了是由从对向"


def _last_school_before(text: str, end: int) -> str | None:
    """The school named last before `end` (what 该校 refers to), without a leading function word."""
    names = [m.group(0) for m in SCHOOL.finditer(text[:end])]
    if not names:
        return None
    return names[-1].lstrip(LEADING_WORDS)


def text_people(articles: list[Article], know: Knowledge) -> list[PersonTie]:
    """Add the people named in each article's headline and body to its credits; return their ties."""
    pk = know.people
    # (the kicker and subtitle name people as the title does: ——梅娉艳回到家乡创业)
    texts = {a.seq: _headline_text(a).split("\n") + a.paragraphs for a in articles}
    known = {m.name for parts in texts.values() for t in parts for m in find_people(t, pk)}
    known_re = known_pattern(known)
    ties = []
    for a in articles:
        found: dict[str, tuple[list[str], list[str]]] = {}
        full = "".join(texts[a.seq])
        for part in texts[a.seq]:
            for m in find_people(part, pk, known, known_re):
                titles, roles = found.setdefault(m.name, ([], []))
                for printed in m.titles:
                    title, org = split_title(printed)
                    if title not in titles:
                        titles.append(title)
                    if org:
                        inst = _last_school_before(full, full.find(part) + m.offset) if org.startswith("该") else org
                        if inst and know.institution_type(inst):
                            ties.append(PersonTie(a.seq, m.name, inst, title))
                roles += [r for r in m.roles if r not in roles]
                if not m.roles and attendance_roles(part, pk) and "attended" not in roles:
                    roles.append("attended")
        for name, (titles, roles) in found.items():
            for role in roles or ["mentioned"]:
                a.credits.append(Credit(name, role, tuple(titles)))
    return ties


@dataclass
class Mentioned:
    """An institution or place an article names: as printed, how often, first line."""

    article_seq: int
    printed: str
    count: int
    line_no: int | None
    place: object = None  # places.Place for place mentions (None: a name several divisions share, unresolved)
    name: str | None = None  # institutions: the full name a short form stands for in the article (江苏省财政厅)


def _headline_text(article: Article) -> str:
    """The headline's lines as one text: kicker, title and subtitle, each of which may name an entity; the
    space that joins a headline's wrapped lines is no part of a name (部长 纳克维, 黎怀 忠)."""
    return "\n".join(WRAP_SPACE.sub("", x) for x in (article.kicker, article.title, article.subtitle) if x)


WRAP_SPACE = re.compile("(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def _tally(article: Article, found) -> list[Mentioned]:
    """Group (printed, offset in headline+body, place) mentions by printed form, keeping the first line."""
    head = len(_headline_text(article)) + 1
    out: dict[str, Mentioned] = {}
    for printed, offset, place in found:
        line = article.headline_line_range[0] if offset < head and article.headline_line_range else article.line_of(offset - head)
        if printed in out:
            out[printed].count += 1
            if line is not None and (out[printed].line_no is None or line < out[printed].line_no):
                out[printed].line_no = line
        else:
            out[printed] = Mentioned(article.seq, printed, 1, line, place)
    return list(out.values())


def merge_segments(segments: list[Segment], lines) -> list[Segment]:
    """Join segments of the same thing that run on from one line to the next (a body's lines, a
    wrapped name), so a page has a few dozen spans rather than one row per line."""
    out: list[Segment] = []
    for s in segments:
        prev = out[-1] if out else None
        if (
            prev
            and (prev.kind, prev.ref, prev.ref_seq) == (s.kind, s.ref, s.ref_seq)
            and s.order == prev.order + 1  # read one after the other (an extractor may interleave columns)
            and prev.col_end == len(lines[prev.last_line - 1].text.rstrip())
            and s.col_start == len(lines[s.line_no - 1].text) - len(lines[s.line_no - 1].text.lstrip())
        ):
            prev.last_line, prev.col_end, prev.order = s.line_no, s.col_end, s.order
        else:
            out.append(s)
    return out


@dataclass
class ParsedPage:
    text: str
    file: str
    sha256: str
    encoding: str
    line_count: int
    articles: list[Article]
    tables: list[Table]
    cases: list[Case]
    captions: list[Caption]
    residue: list[tuple[int, str, str]]  # (line_no, text, reason)
    furniture: Furniture  # what the margins print (paper, date, page and section, editors)
    headline_order: str  # before | after | end: where this page prints headlines
    segments: list[Segment]
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    ties: list[PersonTie] = field(default_factory=list)
    institution_mentions: list[Mentioned] = field(default_factory=list)
    place_mentions: list[Mentioned] = field(default_factory=list)


def _caption_article(caption: str, articles: list[Article], pairs: list[tuple[set, set, bool]]) -> int | None:
    """The article a photo caption belongs to: most shared character pairs, titles counting double,
    and a printed photographer (摄影) tipping the balance. `pairs`: each article's (title pairs, body
    pairs, has a photographer), computed once per page."""
    words = char_pairs(caption)
    best, best_score = None, 0.0
    for a, (title, body, photographer) in zip(articles, pairs):
        score = 2 * len(words & title) + len(words & body)
        if photographer:
            score *= 1.2
        if score > best_score:
            best, best_score = a.seq, score
    return best


def caption_groups(pieces: list[Piece]) -> list[list[Piece]]:
    """A caption's lines together: a new caption starts after a line that closes one (…摄）, X 摄, 。)."""
    groups: list[list[Piece]] = []
    for p in pieces:
        if groups and not _closes_caption(groups[-1][-1]) and groups[-1][-1].line_no >= p.line_no - 2:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _closes_caption(p: Piece) -> bool:
    t = p.text.rstrip()
    return p.role == "photo_credit" or t.endswith(("摄）", "摄)", "摄")) or t.endswith("。")


def _table(seq: int, article_seq: int, read: ReadTable, pieces: list[Piece], headers: list[str], know: Knowledge,
           title: str | None = None, declared_rows: int | None = None, title_before: bool = False) -> Table:
    """A table's record from its reading: rows of cell texts, each cell's lines, each row's margin, and
    which cells name an organisation (cells under a unit head, 学校名称 or 推荐单位, that read as a name)."""
    roles = [know.table_headers.get(h, "") for h in read.headers]
    rows = [[cell.text for cell in row] for row in read.rows]
    return Table(
        seq=seq, article_seq=article_seq, title=title, declared_rows=declared_rows,
        first_line=min(p.line_no for p in pieces), last_line=max(p.line_no for p in pieces),
        headers=headers, column_heads=read.headers, shape=read.shape, rows=rows,
        cell_lines=[[[p.line_no for p in cell.pieces] for cell in row] for row in read.rows],
        margins=read.margins, title_before=title_before,
        names=[[c < len(roles) and roles[c] == "unit" and bool(know.institution_type(v)) for c, v in enumerate(row)]
               for row in rows])


def parse_page(file: str, data: bytes, know: Knowledge, published: date | None = None, content_year: int | None = None,
               gazetteer=None, listed: frozenset = frozenset(), paper: str | None = None) -> ParsedPage:
    """One page: bytes -> lines -> pieces with roles -> blocks -> articles, tables, entities, segments."""
    page_text, encoding = decode(data, file)
    lines = split_lines(page_text)
    layout = page_blocks(assign_roles(lines, know, paper), know)
    return parse_layout(file, hashlib.sha256(data).hexdigest(), page_text, encoding, lines, layout, know, published,
                        content_year, gazetteer, listed)


def parse_layout(file: str, sha256: str, page_text: str, encoding: str, lines, layout, know: Knowledge,
                 published: date | None = None, content_year: int | None = None, gazetteer=None,
                 listed: frozenset = frozenset()) -> ParsedPage:
    """A page's blocks (from its text, or from a PDF's geometry) -> articles, tables, entities, segments."""
    warnings: list[tuple[int | None, str]] = list(layout.warnings)
    segments: list[Segment] = []

    def mark(pieces: list[Piece], kind: str, ref: str, seq: int):
        base = len(segments)
        segments.extend(Segment(p.line_no, p.start, p.end, kind, ref, seq, order=base + i) for i, p in enumerate(pieces))

    articles, tables, cases, captions = [], [], [], []
    grids: dict[int, int] = {}  # table seq -> the PDF grid it was read from (pieces' grid; 0 on a text page)
    unplaced: list[tuple[Piece, str]] = []  # (piece, why) for residue
    for seq, al in enumerate(layout.articles, start=1):
        article = assemble(seq, al, know, published, content_year)
        articles.append(article)
        warnings.extend(article.warnings)
        mark(al.byline, "byline", "article", seq)
        subheads = {id(p) for p in al.subheads}
        mark([p for p in al.body_pieces if id(p) not in subheads], "body", "article", seq)
        mark(al.subheads, "subhead", "article", seq)
        mark(al.marks, "mark", "article", seq)
        mark(al.headline, "headline", "article", seq)
        mark(al.kicker, "kicker", "article", seq)
        mark(al.subtitle, "subtitle", "article", seq)
        mark(al.ending, "ending", "article", seq)
        mark(al.continued_to, "continued_to", "article", seq)
        mark(al.continued_from, "continued_from", "article", seq)
        for tl in al.tables:
            tseq = len(tables) + 1
            block = tl.pieces()
            read = read_table(tl, know)
            table = _table(tseq, seq, read, block, [c.header.compact for c in tl.columns] + [p.compact for p in tl.heads],
                           know, title=clean_phrase(tl.title.text) if tl.title else None, declared_rows=tl.total,
                           title_before=tl.title_before)
            tables.append(table)
            grids[tseq] = next((p.grid for p in block if p.grid), 0)
            mark([c.header for c in tl.columns] + tl.heads + tl.aside_heads + tl.repeated_heads, "table_header", "table", tseq)
            mark([p for p in (tl.count,) if p], "table_count", "table", tseq)
            mark([p for p in (tl.title,) if p], "table_title", "table", tseq)
            if not is_case_list(tl):
                warnings.extend((table.first_line, w) for w in read.warnings)
                mark([p for row in read.rows for cell in row for p in cell.pieces], "table_cell", "table", tseq)
                unplaced += [(p, "table line outside every row") for p in read.leftover + tl.extra]
                aside, aside_heads = read.aside, [p.compact for p in tl.aside_heads]
                while aside is not None:
                    # A table set beside this one, its rows mixed in by the extractor: a table of its own
                    # (and a third beside that one, and so on).
                    pieces_ = [p for row in aside.rows for cell in row for p in cell.pieces]
                    if pieces_:
                        aseq = len(tables) + 1
                        tables.append(_table(aseq, seq, aside, pieces_, aside_heads, know))
                        mark(pieces_, "table_cell", "table", aseq)
                    warnings.extend((table.first_line, w) for w in aside.warnings)
                    unplaced += [(p, "table line outside every row") for p in aside.leftover]
                    aside, aside_heads = aside.aside, []
                continue
            rows, table_warnings = table_rows(tl, know)
            first_line = tl.columns[0].header.line_no if tl.columns else None
            warnings.extend((first_line, w) for w in table_warnings)
            # A case list's rows are the aligned cases: units (joint ones together) and the case name.
            heads = [c.header.compact for c in tl.columns[:2]]
            table.column_heads, table.shape = heads, "columns"
            table.rows = [["、".join(name for name, _ in row.units), row.title] for row in rows]
            table.cell_lines = [[sorted(p.line_no for _, ps in row.units for p in ps),
                                 [p.line_no for p in row.title_pieces]] for row in rows]
            table.margins = [row.margin for row in rows]
            table.names = []  # the cases link their units to institutions, each joint unit on its own
            for row in rows:
                cseq = len(cases) + 1
                unit_pieces = [p for _, ps in row.units for p in ps]
                cases.append(
                    Case(
                        seq=cseq,
                        title=row.title,
                        units=[(name, [p.line_no for p in ps]) for name, ps in row.units],
                        article_seq=seq,
                        table_seq=tseq,
                        # A case list of unit and case columns prints no category: none is invented (counts
                        # the article gives per category say nothing of which row is which).
                        category=None,
                        confidence=row.confidence,
                        score=row.score,
                        lines=sorted(p.line_no for p in row.title_pieces + unit_pieces),
                    )
                )
                mark(row.title_pieces, "table_item", "case", cseq)
                mark(unit_pieces, "table_unit", "case", cseq)
            placed = {(s.line_no, s.col_start) for s in segments}
            for column in tl.columns:
                for p in column.cells:
                    if (p.line_no, p.start) not in placed:
                        unplaced.append((p, "table cell outside every recovered row"))
            unplaced += [(p, "table line outside every column") for p in tl.extra]
        for group in caption_groups(al.captions):
            captions.append(Caption(len(captions) + 1, clean_body("".join(p.text for p in group)), group[0].line_no, seq))
            mark(group, "caption", "caption", len(captions))
    # A table the extractor cut in parts (a headline set between them) is one table.
    tables = join_tables(tables, continued_tables(tables, {c.table_seq for c in cases}, grids), segments, cases)
    for group in caption_groups(layout.captions):
        # 图片新闻: a photo and its caption with no article.
        captions.append(Caption(len(captions) + 1, clean_body("".join(p.text for p in group)), group[0].line_no, None))
        mark(group, "caption", "caption", len(captions))
    mark(layout.furniture, "furniture", "page", 0)
    ties = text_people(articles, know)
    institution_mentions, place_mentions = [], []
    prefixes = gazetteer.name_prefixes if gazetteer else ()
    for a in articles:
        text = _headline_text(a) + "\n" + a.body
        home = not (gazetteer and gazetteer.about_elsewhere(text))
        named = find_institutions(text, know, prefixes, listed, home)
        found = [(n.printed, n.offset, None) for n in named]
        tallied = _tally(a, found)
        full = {n.printed: n.name for n in named if n.name}
        for m in tallied:
            m.name = full.get(m.printed)
        institution_mentions += tallied
        if gazetteer:
            # A place inside an institution's name (成都市教育局) is no mention of the place.
            inside = tuple((o, o + len(printed)) for printed, o, _ in found)
            place_mentions += _tally(a, [(printed, o, p) for p, o, printed in gazetteer.places_in_text(text, inside)])
    article_pairs = [(char_pairs(a.title or ""), char_pairs(a.body), any(c.role == "photographer" for c in a.credits))
                     for a in articles]
    for caption in captions:
        if caption.article_seq is not None:
            # Printed beside an article; the words it shares with a body say which one it shows.
            caption.article_seq = _caption_article(caption.text, articles, article_pairs) or caption.article_seq
    unplaced += layout.residue
    residue = [(p.line_no, p.text, reason) for p, reason in unplaced]
    # Nothing goes to residue silently: each residue line gets a warning naming it (once).
    warned = {line for line, _ in warnings}
    for p, reason in unplaced:
        if p.line_no not in warned:
            warnings.append((p.line_no, f"{reason}: {p.text.strip()[:30]}"))
            warned.add(p.line_no)
    for i, (p, _) in enumerate(unplaced, start=1):
        mark([p], "residue", "residue", i)
    segments = merge_segments(sorted(segments, key=lambda s: (s.line_no, s.col_start)), lines)
    return ParsedPage(
        text=page_text,
        file=file,
        sha256=sha256,
        encoding=encoding,
        line_count=len(lines),
        articles=articles,
        tables=tables,
        cases=cases,
        captions=captions,
        residue=residue,
        furniture=read_furniture([clean_phrase(p.text) for p in layout.furniture], know),
        headline_order=layout.headline_order,
        segments=segments,
        warnings=warnings,
        ties=ties,
        institution_mentions=institution_mentions,
        place_mentions=place_mentions,
    )


def page_id(file: str) -> str:
    """A page's id is its file name without extension: stable and readable (x.pdf#page=3: x-3)."""
    path, _, number = file.partition("#page=")
    return Path(path).stem + (f"-{number}" if number else "")
