"""Table lines -> rows of cells, for tables of any shape an extractor may write.

Extractors write a table in one of three ways (measured on the table corpus):
  column by column   a header line, then every cell of that column, then the next header (the seed);
  cell per line      the header cells, then each row's cells one per line, a wrapped cell's second line
                     after the row's other cells (poppler's pdftotext on ruled and unruled tables);
  row per line       each row's cells on one line separated by spaces, a wrapped cell's second line on a
                     line of its own (PDFium, in the order the cells were drawn).
Rows are found from the 序号 run (1, 2, 3 … printed in the first column) where there is one, else from
the number of cells a row must hold; a cell's lines are joined where the first fills its column's
measure or a word runs on across the break. Every decision between readings is scored, and each row
keeps its margin over the best rival reading (None where nothing rivalled it). Cost: linear in cells,
apart from a sort of the candidate joins.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .knowledge import Knowledge
from .lines import Piece, breaks_word, sub_piece, width

SPACES = re.compile(r"\s+")
NUMBER = re.compile(r"^\d{1,5}$")
DIGITS = re.compile(r"^[\d.\-/]+$")


@dataclass
class Cell:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.compact for p in self.pieces)


@dataclass
class ReadTable:
    headers: list[str]
    rows: list[list[Cell]]
    shape: str  # columns | cells | rows
    margins: list[float | None]  # per row: score margin over the best rival reading, None if none rivalled
    leftover: list[Piece] = field(default_factory=list)  # fragments placed in no cell
    warnings: list[str] = field(default_factory=list)
    aside: "ReadTable | None" = None  # a table set beside this one whose rows the extractor mixed in


def fragments(piece: Piece) -> list[Piece]:
    """A line's cells: the stretches between runs of spaces (extractors put a space between cells)."""
    out, at = [], 0
    for m in SPACES.finditer(piece.text + " "):
        if m.start() > at:
            part = sub_piece(piece, at, m.start())
            if part is not None:
                out.append(part)
        at = m.end()
    return out or [piece]


def join_score(first: Piece, second: Piece, measure: float | None, know: Knowledge) -> float:
    """Evidence that `second` carries on the cell `first` began: a word broken across the lines, a
    bracket left open, or a first line that fills the column (a cell wraps only where it is full)."""
    a, b = first.compact, second.compact
    score = -1.0
    if b[:1] and b[0] in know.no_line_start:
        score += 3.0
    if breaks_word(a, b, know):
        score += 2.0
    if a.count("（") > a.count("）") or a.count("“") > a.count("”") or a.count("《") > a.count("》"):
        score += 2.0
    if measure is not None:
        score += 1.5 if width(a) >= measure - 0.75 else -2.0
    # A whole name (…学院, …教育厅) on the first line ends its cell unless the next line is nothing but
    # a name's ending (四川长江职业 | 学院 reads as one name either way).
    if DIGITS.match(a) or DIGITS.match(b):
        return score - 3.0  # a number or code is a cell of its own (and never two cells' lines)
    if _suffix_only(b, know):
        score += 1.0
    ethnic, whole_place = _place_endings()
    if ethnic.search(a):
        score += 2.0  # 红河哈尼族 | 彝族自治州: an autonomous area's name goes on after its people's name
    elif len(a) >= 3 and whole_place.search(a) and not know.institution_type(a + b):
        score -= 1.5  # 彝族自治州 | 昆明市: a division's whole name ends its cell
    if QUALIFIER.match(b):
        score += 3.0  # 中国矿业大学 | （北京）: a qualifier never stands as a cell of its own
    elif len(b) <= 4 and know.institution_type(a) in know.school_types and know.institution_type(b) in know.school_types:
        score += 1.0  # 首都师范大学 | 科德学院: a short college name after a university is its college
    if know.institution_type(a):
        score -= 2.0
    elif re.match(r"[\u4e00-\u9fff]", a) and know.institution_type(a + b) and \
            (_suffix_only(b, know) or not know.institution_type(b)):
        score += 1.5  # 四川航天职业 | 技术学院: only together a name
    return score


@lru_cache(maxsize=1)
def _place_endings() -> tuple[re.Pattern, re.Pattern]:
    """A line ending in a people's name (哈尼族), and one ending a division's name (…市, …自治州, …地区),
    from the gazetteer's endings (places.endings, knowledge/places.yml)."""
    from .places import endings, facts
    ethnic = "|".join(sorted((e for e in facts()["ethnic_names"] if e.endswith("族")), key=len, reverse=True))
    whole = "|".join(f"(?:{p.pattern})" for p in endings().values())
    return re.compile(f"(?:{ethnic})$"), re.compile(whole)


def _proper_name(text: str, know: Knowledge) -> bool:
    """A name that stands on its own: a type ending after a proper part (宁夏大学新华学院), not only generic
    words before it (技术大学 is the end of …职业技术大学)."""
    suffix = next((s for s, _ in know.type_rules if text.endswith(s)), None)
    if suffix is None:
        return False
    head = text[: -len(suffix)]
    while head:
        part = next((g for g in know.generic_name_heads if head.endswith(g)), None)
        if part is None:
            return True
        head = head[: -len(part)]
    return False


# A qualifier set on the line after a name (中国矿业大学 / （北京）): the seat or campus, part of the name.
QUALIFIER = re.compile(r"^[（(][^（）()]{1,8}[）)]$")
QUALIFIED = re.compile(r"[（(][^（）()]{1,8}[）)]$")
MAX_NAME_LINES = 3  # a name wrapped in the narrowest column fills at most three lines
COUNT_HEADING = re.compile(r"[（(]\d+[所个项家人名条][）)]$")  # a list's heading counts its entries: 青海省（13所）


def column_of_values(texts: list[str]) -> bool:
    """Do these lines read as a list's column of values written one under the other (places, levels, a
    remark): none punctuated like running text, and half of them or more repeating another (北京市, 本科),
    or each a division's whole name or at most four characters?"""
    if any(m in t for t in texts for m in "，。；：、《》〈〉“”"):
        return False
    seen = Counter(texts)
    if sum(n for n in seen.values() if n >= 2) >= len(texts) / 2:
        return True
    whole_place = _place_endings()[1]
    return all(whole_place.search(t) or len(t) <= 4 for t in texts)


def is_name(text: str, know: Knowledge) -> bool:
    """An organisation's whole name: a type ending after something more than the ending (not 学院 alone),
    with or without its seat after it (中国矿业大学（北京）, a block's two lines joined)."""
    text = QUALIFIED.sub("", text) or text
    return bool(know.institution_type(text)) and not _suffix_only(text, know)


def name_type(text: str, know: Knowledge) -> str | None:
    """The type of organisation a name is, its seat after it or not (中国矿业大学（北京）)."""
    return know.institution_type(QUALIFIED.sub("", text) or text)


def name_lines(texts: list[str], i: int, know: Knowledge, cells_apart: bool = False) -> int:
    """How many lines from i print one organisation's name: 1 for a whole name, 2 or 3 for a name wrapped
    in a narrow column (昆明理工大 / 学), one more for a qualifier on the next line; 0 where none begins.
    cells_apart: each line may be a cell of its own (a cell per line), so a short line ends a name."""
    n = 0
    if is_name(texts[i], know):
        n = 1
    elif not QUALIFIER.match(texts[i]) and not _place_endings()[1].search(texts[i]):
        # (A division's whole name, 大理白族自治州, is a place's cell: no name begins with it.)
        joined = texts[i]
        for j in range(i + 1, min(len(texts), i + MAX_NAME_LINES)):
            if width(texts[j]) > width(texts[i]) or cells_apart and width(texts[j - 1]) < width(texts[i]) - 1:
                # A wrapped name's lines but its last fill the column: no later line is wider, and (where
                # each line may be a cell) a short line ends it (新疆生产建设兵团 / 专科 / 新星职业技术学院).
                break
            joined += texts[j]
            if is_name(joined, know):
                n = j - i + 1
                break
    if n and i + n < len(texts) and QUALIFIER.match(texts[i + n]):
        n += 1
    return n


def _suffix_only(text: str, know: Knowledge) -> bool:
    """Is the line nothing but a name's type ending (职业学院, 有限公司)? It cannot stand as a cell."""
    return any(text == suffix for suffix, _ in know.type_rules if len(suffix) >= 2)


def _measures(columns: list[list[Piece]]) -> list[float | None]:
    """Each column's measure: the width of its widest line, where its lines differ in width (in a column
    of equal entries, 本科 / 专科, a line as wide as the widest says nothing about wrapping)."""
    return [_measure([width(p.compact) for p in col]) for col in columns]


def _measure(widths: list[float]) -> float | None:
    """The column's measure: its widest line, or the widest width two lines reach where only one line
    is a little wider (set tight: 中国科学院大 学 in a column of six)."""
    if not widths or max(widths) - min(widths) < 2:
        return None
    counts = Counter(widths)
    shared = max((w for w, n in counts.items() if n >= 2), default=max(widths))
    return shared if counts[max(widths)] == 1 and max(widths) - shared <= 1 else max(widths)


def segment_column(lines: list[Piece], rows: int, measure: float | None, know: Knowledge
                   ) -> tuple[list[Cell], list[float | None]] | None:
    """Cut one column's lines into `rows` cells: the len(lines) - rows most likely joins are made.
    Returns the cells and, per cell, the margin of its decisions (None where no join was in doubt)."""
    extra = len(lines) - rows
    if extra < 0 or rows < 1:
        return None
    scores = [join_score(lines[i], lines[i + 1], measure, know) for i in range(len(lines) - 1)]
    cells, joined, made, refused = _join([[line] for line in lines], scores, extra)
    # A cell is in doubt where one of its cuts or joins scored near the line between made and refused.
    doubtful = [False] * len(cells)
    cell = 0
    for i, score in enumerate(scores):
        close = made is not None and refused is not None and abs(score - (made + refused) / 2) <= abs(made - refused) / 2 + 0.5
        if i not in joined:
            cell += 1
        doubtful[cell] = doubtful[cell] or close
    margin = (made - refused) if made is not None and refused is not None else None
    return cells, [margin if d else None for d in doubtful]


def _join(units: list[list[Piece]], scores: list[float], extra: int
          ) -> tuple[list[Cell], set[int], float | None, float | None]:
    """Units (a cell's lines each) joined with their next neighbour at the `extra` best-scoring places:
    the cells, the places joined, and the weakest join made and the strongest refused (how sure the cut
    is; None where there is none)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    joined = set(order[:extra])
    made = min((scores[i] for i in joined), default=None)
    refused = max((scores[i] for i in order[extra:]), default=None)
    cells = [Cell(list(units[0]))] if units else []
    for i in range(len(units) - 1):
        if i in joined:
            cells[-1].pieces += units[i + 1]
        else:
            cells.append(Cell(list(units[i + 1])))
    return cells, joined, made, refused


MAX_NAME_CUT = 20_000  # line x row states the cut of a column into whole names may try (bounds its cost)
NAME_CUT_LINES = 6  # a name wrapped in the narrowest column fills at most this many lines


def _cut_names(lines: list[Piece], rows: int, measure: float | None, know: Knowledge
               ) -> tuple[list[Cell], list[float | None]] | None:
    """A column of organisations' names wrapped in a narrow measure (天津国 / 土资源 / 和房屋 / 职业学院), cut
    into exactly `rows` cells each a whole name, the joins within them the likeliest; None where no cut
    makes every cell a name, or where the column holds no wrapped name (then the usual joins decide).
    Dynamic programme over (lines used, cells made), at most MAX_NAME_CUT states."""
    n = len(lines)
    if rows < 1 or n <= rows or n * rows > MAX_NAME_CUT:
        return None
    texts = [p.compact for p in lines]
    if sum(is_name(t, know) for t in texts) >= rows:
        return None  # names mostly on a line each: not a narrow column of wrapped names
    joins = [join_score(a, b, measure, know) for a, b in zip(lines, lines[1:])]
    # Each stretch that prints a whole name, with the evidence of its joins: computed once (O(lines)).
    spans = [[(size, sum(joins[i : i + size - 1])) for size in range(1, min(NAME_CUT_LINES, n - i) + 1)
              if is_name("".join(texts[i : i + size]), know)] for i in range(n)]
    neg = float("-inf")
    best = [[neg] * (rows + 1) for _ in range(n + 1)]
    back = [[0] * (rows + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        for r in range(rows):
            if best[i][r] == neg:
                continue
            for size, evidence in spans[i]:
                score = best[i][r] + evidence
                if score > best[i + size][r + 1]:
                    best[i + size][r + 1], back[i + size][r + 1] = score, size
    if best[n][rows] == neg:
        return None
    cells, at = [], n
    for r in range(rows, 0, -1):
        size = back[at][r]
        cells.append(Cell(list(lines[at - size : at])))
        at -= size
    return cells[::-1], [None] * rows


def _counting_up(col: list[Piece], start: int) -> int | None:
    """Where, from `start` on, numbers one under the other count up (n, n + 1, n + 2): the 序号 of a list
    written column by column after a table."""
    return next((i for i in range(start, len(col) - 2) if all(NUMBER.match(col[i + d].compact) for d in range(3))
                 and int(col[i + 1].compact) == int(col[i].compact) + 1
                 and int(col[i + 2].compact) == int(col[i].compact) + 2), None)


def read_columns(headers: list[str], columns: list[list[Piece]], know: Knowledge, count: int | None) -> ReadTable:
    """A table written column by column: each column's lines cut into the same number of cells."""
    run_on: list[Piece] = []
    if len(columns) > 1 and columns[-1] and not all(NUMBER.match(p.compact) for p in columns[-1]):
        # The last column ends before a 序号 run past the other columns' lines (a list after the table).
        at = _counting_up(columns[-1], min(len(c) for c in columns[:-1]))
        if at is not None:
            columns, run_on = columns[:-1] + [columns[-1][:at]], columns[-1][at:]
    table = _read_columns(headers, columns, know, count)
    table.leftover += run_on
    return table


def _read_columns(headers: list[str], columns: list[list[Piece]], know: Knowledge, count: int | None) -> ReadTable:
    numbered = [i for i, col in enumerate(columns) if col and all(NUMBER.match(p.compact) for p in col)]
    if numbered:
        rows = len(columns[numbered[0]])
    elif count is not None and all(len(col) >= count for col in columns):
        rows = count
    elif len(columns) == 1:
        # One column and nothing printed to count its rows by: its lines join where the evidence says.
        col = columns[0]
        measure = _measures(columns)[0]
        rows = len(col) - sum(join_score(a, b, measure, know) > 0.5 for a, b in zip(col, col[1:]))
    else:
        # Each column's lines joined where the evidence says: where every column gives the same count of
        # cells, that is the count of rows (names and places both wrapped).
        natural = [len(col) - sum(join_score(a, b, m, know) > 0.5 for a, b in zip(col, col[1:]))
                   for col, m in zip(columns, _measures(columns))]
        # Otherwise a column whose entries never wrap has a line per row: the shortest column, unless it
        # is the only one that short (a sparse column, 备注, prints nothing in its empty cells): the line
        # count most columns share.
        counts = Counter(len(col) for col in columns)
        shortest = min(counts)
        rows = shortest if counts[shortest] > 1 or len(columns) < 3 else min(c for c in counts if c > shortest)
        # A column whose cells, joined where the evidence says, are each a division's whole name (the last
        # column may run on into other lines, but then not into places alone) (贵阳市, 黔南布依 / 族苗族自 / 治州) gives the count of rows, fewer than its lines.
        whole_place = _place_endings()[1]
        places = [n for c, (col, m) in enumerate(zip(columns, _measures(columns)))
                  if 3 <= natural[c] < min(rows, len(col)) and all(len(other) >= natural[c] for other in columns)
                  and all(whole_place.search(cell.text) for cell in segment_column(col, natural[c], m, know)[0])
                  for n in [natural[c]]]
        if places:
            rows = min(places)
        # (The last column may run on into lines after the table: it gives no fewer.)
        if 0 < natural[0] < rows and all(n >= natural[0] for n in natural) and (
                len(set(natural[:-1])) == 1 or len(set(natural)) == 1):
            rows = natural[0]
    table = ReadTable(headers, [[] for _ in range(rows)], "columns", [None] * rows)
    for n, (col, measure) in enumerate(zip(columns, _measures(columns))):
        if n == len(columns) - 1:
            # The last column may run on into whatever follows the table: running text (a line far wider
            # than the column's middling line, sentences after it) is left at its end, and so are lines
            # that no join takes in plausibly.
            head = col[: max(1, rows)]
            middle = sorted(width(p.compact) for p in head)[len(head) // 2] if col else 0
            wide = next((i for i in range(1, len(col)) if len(col) - i >= 2 and width(col[i].compact) > 2 * middle
                         and any(m in q.text for q in col[i:] for m in "，。；")), None)
            if wide is not None and wide >= rows:
                table.leftover += col[wide:]
                col = col[:wide]
            # Numbers one under the other counting up (n, n + 1, n + 2) past the rows' cells: the 序号 of a
            # list written column by column after the table; the last column ended before them.
            counted = _counting_up(col, rows) if rows else None
            if counted is not None:
                table.leftover += col[counted:]
                col = col[:counted]
            # A line of several cells (a row of another table written a row per line) under a table whose
            # other columns hold a cell a line: the last column ended before it.
            if not any(" " in p.text.strip() for c in columns[:-1] for p in c):
                spaced = next((i for i in range(1, len(col)) if " " in col[i].text.strip()
                               and is_name(col[i].text.split()[0], know)), None)
                if spaced is not None:
                    table.leftover += col[spaced:]
                    col = col[:spaced]
            scores = [join_score(a, b, measure, know) for a, b in zip(col, col[1:])]
            # Running maximum of the join scores from the start: trimming from the end in one pass.
            best = []
            for sc in scores:
                best.append(max(sc, best[-1]) if best else sc)
            while len(col) > rows and rows and len(col) > 1 and best[len(col) - 2] < -1.5:
                table.leftover.append(col[-1])
                col = col[:-1]
        cut = _cut_names(col, rows, measure, know) or segment_column(col, rows, measure, know)
        if cut is None:
            table.warnings.append(f"a column has {len(col)} lines for {rows} rows")
            table.leftover += col
            for row in table.rows:
                row.append(Cell())
            continue
        cells, margins = cut
        for r, (cell, margin) in enumerate(zip(cells, margins)):
            table.rows[r].append(cell)
            if margin is not None:
                table.margins[r] = margin if table.margins[r] is None else min(table.margins[r], margin)
    return table


GLUED_TEXT = 12  # a stretch of running text glued before a row is at least this wide (a narrow column's line)


def read_rows(headers: list[str], lines: list[Piece], know: Knowledge, aside: list[str] | None = None) -> ReadTable:
    """A table written row by row (cells one per line, or a row per line): rows from the 序号 run,
    else from the number of cells a row holds; each row's extra lines joined to the cells they carry on."""
    per_line = [fragments(line) for line in lines]
    # PDFium glues a line of running text drawn at a row's height onto the row (…蜿蜒的乡 2620 云南机电…):
    # a number after a stretch of text wider than a cell, no name, opens the row; that text is no cell.
    glued = [n for n, parts in enumerate(per_line) if len(parts) >= 3 and not NUMBER.match(parts[0].compact)
             and NUMBER.match(parts[1].compact) and width(parts[0].compact) >= GLUED_TEXT
             and not know.institution_type(parts[0].compact)]
    if glued:
        rest = [sub_piece(line, per_line[n][1].start - line.start, len(line.text)) if n in glued else line
                for n, line in enumerate(lines)]
        table = read_rows(headers, rest, know, aside)
        table.leftover += [per_line[n][0] for n in glued]
        return table
    tail = _names_after_rows(per_line, know)
    if tail:
        # A list of names set under a table written a row per line: a table of its own.
        table = read_rows(headers, lines[:-tail], know, aside)
        last = table
        while last.aside is not None:
            last = last.aside
        names = all(is_name(p.compact, know) for p in lines[-tail:])
        rest = ReadTable([], [[Cell([p])] for p in lines[-tail:]], "cells", [None] * tail) if names \
            else read_rows([], lines[-tail:], know)
        last.aside = rest
        return table
    width_of_row = len(headers)
    frags = [f for parts in per_line for f in parts]
    # Where the extractor sets cells apart with blank lines, lines with no blank between them are one
    # cell's lines (poppler writes a wrapped cell as one block).
    blank_separated = sum(1 for p in lines[1:] if p.gap_before) >= 0.6 * max(1, len(lines) - 1)
    # (Not where both lines are whole names and the second is no narrower: a wrapped cell's first line
    # fills the column, so these are two cells poppler set in one block.)
    # (Only lines one right under the other: a head taken out from between them parts them.)
    forced = {id(per_line[i][0]) for i, p in enumerate(lines) if blank_separated and i and not p.gap_before
              and p.line_no == lines[i - 1].line_no + 1
              and len(per_line[i]) == 1 and len(per_line[i - 1]) == 1 and not NUMBER.match(p.compact)
              and not (width(p.compact) >= width(lines[i - 1].compact) and is_name(p.compact, know)
                       and is_name(lines[i - 1].compact, know))}
    # Row numbers open a line (a row per line) or stand alone on it (a cell per line): a number further
    # along a line is a cell (批次 1, 2, 2).
    openers = {id(parts[0]) for parts in per_line if parts}
    per_line_of = {id(f): parts for parts in per_line for f in parts}
    runs = number_runs(frags, openers)
    starts = sorted(i for run in runs for i in run)
    # Runs that interleave are halves set side by side (read back in the list's order); runs one after
    # another are lists one after another (kept in page order).
    interleaved = any(a[0] < b[-1] and b[0] < a[-1] for n, a in enumerate(runs) for b in runs[n + 1 :])
    column_run = next((r for r in runs[1:] if not interleaved and len(r) >= 3 and r == list(range(r[0], r[0] + len(r)))
                       and r[0] > 0), None)
    if column_run is None and runs and not interleaved and len(runs[0]) >= 3 \
            and runs[0] == list(range(runs[0][0], runs[0][0] + len(runs[0]))):
        # The only numbers, one under the other, after rows of several cells a line that hold none: a
        # list written column by column after a table written a row per line.
        at = next(n for n, parts in enumerate(per_line) if parts and parts[0] is frags[runs[0][0]])
        if sum(len(parts) >= 2 for parts in per_line[:at]) >= 3:
            column_run = runs[0]
    if column_run is not None:
        # A list after this one written column by column (its numbers one under the other, then its
        # names …): a table of its own, read on its own, beside this one.
        at = next(n for n, parts in enumerate(per_line) if parts and parts[0] is frags[column_run[0]])
        table = read_rows(headers, lines[:at], know, aside)
        last = table
        while last.aside is not None:
            last = last.aside
        last.aside = read_rows([], lines[at:], know)
        return table
    numbered = len(starts) >= 2 and (not headers or width_of_row >= 2)
    half = next((k for k in range(2, len(headers) // 2 + 1) if headers[k : 2 * k] == headers[:k]), None)
    if numbered and interleaved and len(runs) == 2 and half:
        # Heads printed twice (序号 学校名称 序号 学校名称) over two runs of numbers mixed: halves set side by
        # side, a row as wide as one half; heads after the second half's are a table beside's.
        if aside is None and len(headers) > 2 * half:
            aside = headers[2 * half :]
        headers, width_of_row = headers[:half], half
    shape = "rows" if any(len(parts) > 1 for parts in per_line) else "cells"
    if not headers and not numbered and sum(len(parts) == 1 for parts in per_line) >= 0.8 * len(per_line):
        table = _name_columns(lines, know) or _name_rows(frags, forced, know)
        if table is not None:
            return table
    if len(set(headers)) < len(headers) and not numbered and all(len(parts) == 1 for parts in per_line):
        # Heads printed twice or more among each other, cells a line each: tables set side by side whose
        # heads and rows the extractor mixed. Each school's name opens a row; rows of another width are
        # the table beside.
        table = _name_rows(frags, forced, know, by_width=True)
        if table is not None:
            return table
    if not headers and not numbered and all(len(parts) == 1 for parts in per_line):
        columns = _columns_of(frags, know)
        if columns:
            return read_columns([], columns, know, len(columns[-1]) if len(columns[0]) != len(columns[-1]) else None)
    if numbered and starts == list(range(starts[0], starts[0] + len(starts))) and all(len(p) == 1 for p in per_line):
        # The numbers one after another: the table is written column by column (序号, then every name,
        # then every place …), each column as long as the numbering where no cell wraps.
        rows, rest = len(starts), frags[starts[-1] + 1 :]
        if len(headers) <= 2 and rows < len(rest) < 2 * rows:
            # One column after the numbers, fewer than two lines a row, half its extra lines or more clearly
            # carrying on the line before (中国矿业大学（北 / 京）): its cells wrapped; cut into as many cells
            # as there are numbers, whatever follows the table left at its end.
            measure = _measure([width(p.compact) for p in rest])
            strong = sum(join_score(a, b, measure, know) >= 2.5 for a, b in zip(rest, rest[1:]))
            if strong >= max(1, (len(rest) - rows) / 2):
                table = read_columns(headers or [], [frags[starts[0] : starts[-1] + 1], rest], know, rows)
                if not table.warnings:
                    table.leftover = frags[: starts[0]] + table.leftover
                    return table
        # (Fewer lines than a column's after the last whole column: what follows the table, a headline.)
        after = len(rest) % rows if len(rest) >= rows and not headers else 0
        if after:
            rest, after_lines = rest[: len(rest) - after], rest[len(rest) - after :]
        if rest and len(rest) % rows == 0:
            columns = [frags[starts[0] : starts[-1] + 1]] + [rest[i : i + rows] for i in range(0, len(rest), rows)]
            table = read_columns(headers or [], columns, know, rows)
            table.leftover = frags[: starts[0]] + table.leftover + (after_lines if after else [])
            return table
    table_aside = None
    beside: set[int] = set()  # ids of the numbers that open rows of another table mixed in
    if interleaved and len(runs) == 2:
        # Two runs mixed that are not halves of one list (the second half carries on the first, 1-9
        # then 10-18, or a few rows on where some were printed elsewhere): the shorter is another
        # table's rows, which the extractor wrote among these.
        major, minor = sorted(runs, key=len, reverse=True)
        first, second = sorted(runs, key=lambda r: int(frags[r[0]].compact))
        if not 0 < int(frags[second[0]].compact) - int(frags[first[-1]].compact) <= len(major):
            beside = {id(frags[i]) for i in minor}
    if numbered:
        # A number on a line of its own that continues no run, as long as the rows' numbers and followed
        # by an organisation's name, opens a row too (poppler wrote a row of the other half, 2620, between
        # two rows of this one, 2612 and 2613).
        digits = {len(frags[i].compact) for i in starts}
        taken = set(starts)
        lone = [i for i in range(starts[0] + 1, len(frags) - 1) if i not in taken and len(digits) == 1
                and id(frags[i]) in openers and NUMBER.match(frags[i].compact) and len(frags[i].compact) in digits
                and len(per_line_of[id(frags[i])]) == 1 and is_name(frags[i + 1].compact, know)]
        starts = sorted(starts + lone)
        groups = [frags[a:b] for a, b in zip(starts, starts[1:] + [len(frags)])]
        groups[-1], tail = _last_row(groups[-1], groups[:-1], forced, know, lists_after=bool(headers))
        if interleaved:
            _lend_names(groups, forced, know)
            groups.sort(key=lambda g: int(g[0].compact))
        leftover = frags[: starts[0]]
        groups, leftover, table_aside = _split_aside(groups, leftover, headers, aside, forced, know)
        if tail and table_aside is None and sum(is_name(p.compact, know) for p in tail) >= 3:
            # Names after the last row: a list set under the table, read as one.
            rest = read_rows([], tail, know)
            if rest.rows:
                table_aside, tail = rest, []
        leftover = leftover + tail
    else:
        if not width_of_row:
            # No heads and no numbers: a row holds as many cells as most lines do, or, a cell per line,
            # as many as the lines from one organisation's name to the next.
            width_of_row = Counter(len(parts) for parts in per_line).most_common(1)[0][0] if per_line else 0
            several = Counter(len(parts) for parts in per_line if len(parts) > 1)
            if width_of_row == 1 and any(n >= 3 for n in several.values()):
                # A row per line whose wrapped cells take lines of their own: rows as wide as the widest
                # lines that recur (the rows no cell of which wrapped).
                width_of_row = max(c for c, n in several.items() if n >= 3)
            elif width_of_row == 1:
                width_of_row = _name_period(frags, know)
            elif shape == "rows" and sum(len(parts) == width_of_row + 1 for parts in per_line) >= 2 and all(
                    know.institution_type(parts[0].compact) for parts in per_line if len(parts) == width_of_row + 1):
                # A row per line, a few lines one cell longer that open with a name like the others: the
                # last column is sparse (备注: 民办 in some rows) and prints nothing in the other rows.
                width_of_row += 1
        # Most lines one cell short of the heads: the last column (备注) is empty in them and prints nothing.
        common = Counter(len(parts) for parts in per_line).most_common(1)[0][0] if per_line else 0
        # (A school's name: a body's, 教育厅, may be a later cell of a row whose school's name wrapped.)
        several = [len(parts) for parts in per_line
                   if len(parts) > 1 and name_type(parts[0].compact, know) in know.school_types]
        if common == 1 and len(several) >= 2:
            # (Most lines a wrapped cell's line: the lines of several cells opening with a name, the rows
            # none of whose cells wrapped, say how many cells a row prints.)
            common = Counter(several).most_common(1)[0][0]
        # (Not where two lines or more print that cell: then it is a sparse column, empty in most rows.)
        if headers and width_of_row > 2 and common == width_of_row - 1 and shape == "rows" \
                and sum(len(parts) == width_of_row for parts in per_line) < 2:
            width_of_row = common
        # Lines that hold a whole row give each column's measure (a cell wraps only where it fills it).
        whole = [parts for parts in per_line if len(parts) == width_of_row]
        # (Widths alike here are no warning sign: the longer names are the ones that wrapped.)
        line_measures = [max((width(parts[c].compact) for parts in whole), default=None) for c in range(width_of_row)]
        line_measures = [m if m is not None and m >= 4 else None for m in line_measures]
        groups, leftover = _rows_by_count(per_line, width_of_row, know, forced, line_measures)
    if not width_of_row:
        # No heads: a row holds as many cells as most rows show (wrapped cells only add lines).
        # (Cells a block each: a wrapped cell's lines are one block, one cell.)
        counts = Counter(len(_units(g, forced)) if blank_separated else len(g) for g in groups)
        # (Among ten rows or more, a count that few rows show, not one in twenty, is a stray: rows whose
        # cell the extractor wrote elsewhere, not the table's width.)
        shared = [c for c, n in counts.items() if n >= max(2, 0.05 * len(groups)) or len(groups) < 10]
        width_of_row = min(counts.most_common(1)[0][0], min(shared or counts)) if counts else 0
        if blank_separated and counts and counts.most_common(1)[0][1] >= max(3, 0.5 * len(groups)):
            # Blocks counted, not lines: wrapped cells add none, so the count half the rows show or more is
            # the width (fewer: a cell the extractor wrote among another row's).
            width_of_row = counts.most_common(1)[0][0]
    other_width = width_of_row
    if numbered and blank_separated and headers:
        # Cells a block each: where most numbered rows hold more blocks than there are heads, and as
        # many as each other, the heads printed are not all of this table's (the rest went with a
        # table beside): a row holds that many cells. (The rows of another table mixed in, numbered
        # apart, are counted apart: the two tables need not be as wide.)
        def blocks(rows: list[list[Piece]], at_least: int) -> int:
            counts = Counter(len(_units(g, forced)) for g in rows)
            common, n = counts.most_common(1)[0] if counts else (0, 0)
            # (Not where half the rows print as many cells as heads on their number's line: the extra
            # blocks are wrapped cells' lines.)
            whole_lines = sum(1 for g in rows if sum(p.line_no == g[0].line_no for p in g) == at_least)
            if common > at_least and n >= max(3, 0.6 * len(rows)) and whole_lines < 0.5 * len(rows):
                return common
            return at_least
        mine = [g for g in groups if id(g[0]) not in beside]
        theirs = [g for g in groups if id(g[0]) in beside]
        width_of_row, other_width = blocks(mine, width_of_row), blocks(theirs, width_of_row)
    # Each column's measure from the rows that hold exactly one line per cell.
    plain = [g for g in groups if len(g) == width_of_row]
    measures = [_measure([width(g[c].compact) for g in plain]) for c in range(width_of_row)]
    plain = [g for g in groups if len(g) == other_width]
    other_measures = [_measure([width(g[c].compact) for g in plain]) for c in range(other_width)]
    table = ReadTable(headers, [], shape, [], leftover=list(leftover), aside=table_aside)
    other = ReadTable([], [], shape, [])
    for g in groups:
        theirs_row = id(g[0]) in beside
        cells, margin = _fit_row(g, other_width if theirs_row else width_of_row,
                                 other_measures if theirs_row else measures, shape, know, forced,
                                 table.leftover if blank_separated else None)
        if cells is None:
            table.warnings.append(f"row at line {g[0].line_no} has {len(g)} parts for {width_of_row} columns")
            table.leftover += g
            continue
        into = other if id(g[0]) in beside else table
        into.rows.append(cells)
        into.margins.append(margin)
    if shape == "cells":
        _names_first(table.rows, know)
    if other.rows:
        last = table
        while last.aside is not None:
            last = last.aside
        last.aside = other
    return table


def _lend_names(groups: list[list[Piece]], forced: set[int], know: Knowledge) -> None:
    """Halves side by side written row by row: a row that holds only its number, followed in the text by a
    row holding its own name and another name after it, whole or wrapped (2460 / 2418 四川工商职业技术学院
    西昌民族幼儿师范高等专科 / 学校): the extractor wrote the first row's name after the next one's; it goes
    back to the first row."""
    for n in range(len(groups) - 1):
        if len(_units(groups[n], forced)) != 1:
            continue
        units = _units(groups[n + 1], forced)
        texts = ["".join(p.compact for p in u) for u in units]
        if len(units) < 3 or not is_name(texts[1], know) and name_lines(texts, 1, know) != 1:
            continue
        at = next((i for i in range(2, len(units)) if is_name("".join(texts[i:]), know)
                   and name_lines(texts, i, know) == len(units) - i), None)
        if at is not None:
            groups[n] += [p for u in units[at:] for p in u]
            groups[n + 1] = [p for u in units[:at] for p in u]


def _names_first(rows: list[list[Cell]], know: Knowledge) -> None:
    """Rows of a table whose first column holds organisations' names (seven rows in ten or more): a row that
    opens with no name and holds one name further on had its cells written out of order by the extractor (a
    place set a line above a wrapped name: 乌鲁木齐市 / 新疆天山职业技 / 术大学); the name goes first."""
    if len(rows) < 5:
        return
    if sum(1 for r in rows if r and is_name(r[0].text, know)) < 0.7 * len(rows):
        return
    for r in rows:
        if not r or is_name(r[0].text, know):
            continue
        named = [c for c in range(1, len(r)) if is_name(r[c].text, know)]
        if len(named) == 1:
            r.insert(0, r.pop(named[0]))


def _last_row(last: list[Piece], others: list[list[Piece]], forced: set[int], know: Knowledge,
              lists_after: bool = False) -> tuple[list[Piece], list[Piece]]:
    """The last numbered row runs to the end of the table's lines: past as many cells as any other row
    holds, a line wider than any cell of the other rows, no name, that carries on none of its cells
    (running text after the table, set in one piece or PDFium's spaced pieces) ends it; so does, under a
    table with heads (lists_after), a line that begins an organisation's name with two lines or more
    after it (a list set under the table). Returns the row's fragments and those after it."""
    units = _units(last, forced)
    most = max((len(_units(g, forced)) for g in others), default=None)
    if most is None or len(units) <= most:
        return last, []
    widest = max(width(p.compact) for g in others for p in g)

    def line_text(i: int) -> str:
        """The text of the line unit i opens, as far as the row holds it."""
        return "".join(p.compact for p in last if p.line_no == units[i][0].line_no)

    texts = ["".join(p.compact for p in u) for u in units]
    # (A line past as many cells as any row holds that begins an organisation's name, whole or wrapped,
    # and carries on no cell of the row, begins a list set under the table.)
    cut = next((i for i in range(most, len(units)) if units[i][0].line_no != units[i - 1][-1].line_no
                and (width(line_text(i)) > widest and not is_name(line_text(i), know)
                     or lists_after and len(units) - i >= 3 and name_lines(texts, i, know) and _opens_name(units, i, know))
                and join_score(units[i - 1][-1], units[i][0], None, know) <= 0.5), None)
    if cut is None:
        return last, []
    return [p for u in units[:cut] for p in u], [p for u in units[cut:] for p in u]


def _names_after_rows(per_line: list[list[Piece]], know: Knowledge) -> int:
    """How many lines at the end are a list of names set under a table written a row per line: at least
    three lines of one whole name each after at least three lines of several cells (a wrapped cell's
    second line is no whole name). 0 where there is none."""
    n = 0
    while n < len(per_line) and len(per_line[-1 - n]) == 1 and is_name(per_line[-1 - n][0].compact, know):
        n += 1
    rows = per_line[: len(per_line) - n]
    if n < 3 or not rows or len(rows[-1]) < 2 or sum(len(parts) >= 2 for parts in rows) < 3:
        # Or a list written column by column (at least three names a line, then its other columns, a cell
        # a line) after the rows: from the line after the last line of several cells, where that list opens.
        last = max((i for i, parts in enumerate(per_line) if len(parts) >= 2), default=None)
        if last is None or sum(len(parts) >= 2 for parts in per_line[: last + 1]) < 3 \
                or sum(len(parts) >= 2 for parts in per_line[: last + 1]) < 0.8 * (last + 1):
            return 0
        tail = per_line[last + 1 :]
        # (Not where rows are numbered among those lines: a numbered list after the rows, read as such.)
        if len(tail) >= 6 and all(len(parts) == 1 and not NUMBER.match(parts[0].compact) for parts in tail) \
                and all(is_name(parts[0].compact, know) for parts in tail[:3]):
            return len(tail)
        return 0
    return n


def _split_aside(groups: list[list[Piece]], leftover: list[Piece], headers: list[str], aside: list[str] | None,
                 forced: set[int], know: Knowledge) -> tuple[list[list[Piece]], list[Piece], ReadTable | None]:
    """Numbered rows with a table set beside them, its rows mixed in by the extractor: the cells before
    the first number and, in each row, those after the row's own (from the first that is an
    organisation's name) are that table's, in order. `aside`: its heads, [] for none printed, None where
    none is known (then rows that run on past their cells into a name again and again tell it is there)."""
    if aside is None and headers:
        extra = sum(1 for g in groups if len(_units(g, forced)) > len(headers)
                    and _opens_name(_units(g, forced), len(headers), know))
        # Rows before the first number (at least three organisations' names, each with cells after it)
        # are another table's, set beside this one and read first by the extractor.
        names_before = sum(1 for u in _units(leftover, forced)
                           if is_name("".join(p.compact for p in u), know))
        # (Or most rows run on past their school's name into another school's name: a list set beside,
        # its entries written between the rows, whatever heads went with it.)
        schools = sum(1 for g in groups if _next_school(_units(g, forced), know) is not None)
        if extra >= max(3, 0.3 * len(groups)) or names_before >= 3 and len(leftover) >= 2 * names_before \
                or schools >= max(3, 0.6 * len(groups)):
            aside = []
    # Rows a line each (the number and the row's cells on one line, as in half the rows or more): what
    # follows a row's line, past the lines that carry on its last cell (兰州博文科技学 / 院), from the first
    # organisation's name of its own, is another table's, set beside this one (poppler wrote its cells
    # between these rows).
    by_line = headers and len(headers) >= 2 and \
        sum(1 for g in groups if len(_units(g, forced)) >= 2 and _units(g, forced)[1][0].line_no == g[0].line_no) \
        >= max(3, 0.5 * len(groups))
    line_cuts = [_cut_after_line(_units(g, forced), know) for g in groups] if by_line else []
    if aside is None and by_line and sum(c is not None for c in line_cuts) >= max(3, 0.3 * len(groups)):
        aside = []
    if aside is None and not headers:
        # No heads: a row's own cells are its number, its school's name and what follows up to the next
        # school's name; where three rows or more (and a third) run on into a school's name, those are the
        # rows of a table beside.
        cuts = [_next_school(_units(g, forced), know) for g in groups]
        if sum(c is not None for c in cuts) >= max(3, len(groups) / 3):
            aside = []
    if aside is None:
        return groups, leftover, None
    spare = list(leftover)
    for n, g in enumerate(groups):
        units = _units(g, forced)
        # The table beside starts after this row's cells: after all of them, or after all but an empty
        # last one (备注); without heads, at the next school's name.
        # (Further on where the row prints more cells than its heads: heads of its other columns were
        # printed elsewhere, 所在地 and 办学层次 after the rows.)
        if by_line:
            cut = line_cuts[n]
        else:
            opening = [i for i in (len(headers), len(headers) - 1, *range(len(headers) + 1, len(units)))
                       if 2 <= i < len(units) and _opens_name(units, i, know)] if headers else []
            # (A school's name before a body's, 贵州省教育厅 its 主管部门, opens the row beside: the row's own
            # last cell, 备注, is empty.)
            schools = [i for i in opening[:2] if name_type("".join(p.compact for p in units[i]), know) in know.school_types]
            cut = (schools or opening or [None])[0] if headers else _next_school(units, know)
        if cut is not None:
            groups[n] = [p for u in units[:cut] for p in u]
            spare += [p for u in units[cut:] for p in u]
    beside = read_rows(aside, spare, know) if spare else None
    if beside is None or not beside.rows:
        return groups, spare, None  # nothing read beside: its cells stay leftovers (residue, warned)
    return groups, [], beside


def _cut_after_line(units: list[list[Piece]], know: Knowledge) -> int | None:
    """A numbered row written on one line: the first unit after that line that opens an organisation's
    name of its own (None if none does); the units before it are the row's line and its last cell's
    wrapped lines."""
    own = sum(1 for u in units if u[0].line_no == units[0][0].line_no)
    return next((i for i in range(max(own, 2), len(units)) if _opens_name(units, i, know)), None)


def _next_school(units: list[list[Piece]], know: Knowledge) -> int | None:
    """Where, after a numbered row's number and name, the next school's name begins (None if nowhere)."""
    return next((i for i in range(2, len(units))
                 if name_type("".join(p.compact for p in units[i]), know) in know.school_types
                 and _opens_name(units, i, know)), None)


def _opens_name(units: list[list[Piece]], i: int, know: Knowledge) -> bool:
    """Does unit i print an organisation's name of its own, not the end of the name the unit before it
    began (兰州资源环境职 / 业技术大学: a wrapped cell's lines, the second no wider than the first, neither
    a whole name alone but together one)?"""
    text = "".join(p.compact for p in units[i])
    if not know.institution_type(text):
        return False
    if i == 0:
        return True
    before = "".join(p.compact for p in units[i - 1])
    wrapped = len(before) >= 4 and width(text) <= width(before) and not know.institution_type(before) \
        and not DIGITS.match(before) and not _place_endings()[1].search(before) and is_name(before + text, know)
    return not wrapped


def number_runs(frags: list[Piece], openers: set[int] | None = None) -> list[list[int]]:
    """Indices of the fragments that number rows: runs n, n+1, n+2 … in order, possibly several at once
    (the halves of a long list set side by side are written row by row, 2350 then 2367 then 2351 …),
    and starting anywhere (a list continued from an earlier page). Each number continues the run that
    ended at the number before it; runs of one are not numbering. Linear."""
    runs: list[list[int]] = []
    open_at: dict[int, int] = {}  # value a run is waiting for -> run index
    for i, f in enumerate(frags):
        if not NUMBER.match(f.compact) or (openers is not None and id(f) not in openers):
            continue
        v = int(f.compact)
        r = open_at.pop(v, None)
        if r is None:
            runs.append([i])
            r = len(runs) - 1
        else:
            runs[r].append(i)
        open_at[v + 1] = r
    return [run for run in runs if len(run) >= 2]


MAX_SPLITS = 200  # ways tried to cut the columns after the names apart, where their cells wrap


def _name_columns(lines: list[Piece], know: Knowledge) -> ReadTable | None:
    """A list without heads written column by column whose names may wrap (昆明理工大 / 学): the names
    one after another, then each other column's cells (places, levels), each column cut into as many
    cells as there are rows. Names again after those columns begin another list (read as `aside`)."""
    texts = [p.compact for p in lines]
    at, names = 0, 0
    while at < len(texts):
        n = name_lines(texts, at, know)
        if not n:
            break
        at, names = at + n, names + 1
    end = at
    while end < len(texts) and not name_lines(texts, end, know):
        end += 1
    tail = lines[at:end]
    if names < 3 or at <= names and not tail:
        return None  # no list of names, or one of names that never wrap (read row by row)
    if tail:
        k = max(1, round(len(tail) / names))
        # Names that read as two (首都师范大学 / 科德学院) make the names column no guide to the count of
        # rows when the next column is shorter: a column has at least a line per row.
        rows = min(names, len(tail) // k)
        if rows < 3:
            return None
        columns = [lines[:at]] + _cut_columns(tail, k, rows, know)
    else:
        rows, columns = names, [lines[:at]]
    table = read_columns([], columns, know, rows)
    if end < len(lines):
        rest = read_rows([], lines[end:], know)
        if rest.rows:
            table.aside = rest
        else:
            table.leftover += lines[end:]
    return table


def _name_rows(frags: list[Piece], forced: set[int], know: Knowledge, by_width: bool = False) -> ReadTable | None:
    """A list without heads or numbers written a cell per line whose names may wrap: each name (on one
    line or wrapped) opens a row, the cells after it are the row's; a row holds as many cells as most
    do. Rows of names alone after rows of several cells are another list (read as `aside`)."""
    units = _units(frags, forced)
    texts = ["".join(p.compact for p in u) for u in units]
    groups: list[list[list[Piece]]] = []
    leftover: list[Piece] = []
    i, school = 0, None
    while i < len(units):
        n = name_lines(texts, i, know, cells_apart=True)
        # Rows open with one kind of organisation (schools): a body's name after a school's (甘肃省教育厅,
        # its 主管部门) is a cell of the row.
        kind = name_type("".join(texts[i : i + n]), know) in know.school_types if n else None
        if n and school is not None and kind != school:
            n = 0
        if n:
            school = kind
            groups.append([[p for u in units[i : i + n] for p in u]])
            i += n
        else:
            # (A list's heading, 西藏自治区（8所）, that the extractor set among the cells is no cell.)
            if groups and not COUNT_HEADING.search(texts[i]):
                groups[-1].append(units[i])
            else:
                leftover += units[i]
            i += 1
    if len(groups) < 3:
        return None
    widths = Counter(len(g) for g in groups)
    width_of_row = max(widths, key=lambda w: (widths[w], w))  # (as many rows of two widths: the wider)
    if width_of_row < 2:
        return None
    beside: list[list[list[Piece]]] = []
    if by_width:
        # Rows of another width, at least three and a quarter of them, at least two cells apart from
        # this table's (one short is an empty last cell): the table set beside this one.
        other = next((w for w, n in widths.most_common() if w != width_of_row and abs(w - width_of_row) >= 2
                      and w >= 2 and n >= max(3, 0.25 * len(groups))), None)
        if other is not None:
            beside = [g for g in groups if len(g) == other]
            groups = [g for g in groups if len(g) != other]
    # Names alone from some row to the end, at least three: a list of names set after this one.
    cut = len(groups)
    while cut and len(groups[cut - 1]) == 1:
        cut -= 1
    rest = groups[cut:] if len(groups) - cut >= 3 else []
    groups = groups[: len(groups) - len(rest)]
    alone = [g for g in groups if len(g) == 1]
    if not beside and width_of_row >= 2 and len(alone) >= max(3, 0.25 * len(groups)):
        # Names alone among rows of several cells, at least three and a quarter of the rows: a list of
        # names set beside this one, its entries mixed in by the extractor (and its last entries after
        # the rows, if any).
        rest = alone + rest
        groups = [g for g in groups if len(g) != 1]
    plain = [g for g in groups if len(g) == width_of_row]
    measures = [_measure([width(g[c][0].compact) for g in plain]) for c in range(width_of_row)]
    table = ReadTable([], [], "cells", [], leftover=leftover)
    for g in groups:
        if len(g) < width_of_row - (width_of_row > 2):
            table.warnings.append(f"row at line {g[0][0].line_no} has {len(g)} cells for {width_of_row} columns")
            table.leftover += [p for u in g for p in u]
            continue
        cells = [Cell(list(u)) for u in g[:width_of_row]] + [Cell() for _ in range(width_of_row - len(g))]
        margin = None
        for u in g[width_of_row:]:
            # A line past the row's cells carries on the cell it likely continues, or is no cell (a
            # headline the extractor set among the rows).
            options = sorted(((join_score(cells[c].pieces[-1], u[0], measures[c], know), c)
                              for c in range(width_of_row) if cells[c].pieces), reverse=True)
            if options and options[0][0] > 0.5:
                cells[options[0][1]].pieces += u
                if len(options) > 1:
                    gap = options[0][0] - options[1][0]
                    margin = gap if margin is None else min(margin, gap)
            else:
                table.leftover += u
        table.rows.append(cells)
        table.margins.append(margin)
    if rest:
        table.aside = ReadTable([], [[Cell(g[0])] for g in rest], "cells", [None] * len(rest))
    elif beside:
        table.aside = ReadTable([], [[Cell(list(u)) for u in g] for g in beside], "cells", [None] * len(beside))
    return table


def _cut_columns(lines: list[Piece], k: int, rows: int, know: Knowledge) -> list[list[Piece]]:
    """Lines of k columns written one after another, each of at least `rows` lines: cut where the joins
    each column then needs are the likeliest (a few ways tried: the lines over k x rows are few)."""
    if k == 1:
        return [lines]
    extra = len(lines) - k * rows
    scores = [join_score(a, b, None, know) for a, b in zip(lines, lines[1:])]

    def ways(left: int, parts: int):
        if parts == 1:
            yield (left,)
            return
        for e in range(left + 1):
            for rest in ways(left - e, parts - 1):
                yield (e,) + rest

    best, best_score = None, None
    for n, split in enumerate(ways(extra, k)):
        if n >= MAX_SPLITS:
            break
        at, total = 0, 0.0
        for e in split:
            size = rows + e
            total += sum(sorted(scores[at : at + size - 1], reverse=True)[:e])
            at += size
        if best_score is None or total > best_score:
            best, best_score = split, total
    out, at = [], 0
    for e in best:
        out.append(lines[at : at + rows + e])
        at += rows + e
    return out


def _columns_of(frags: list[Piece], know: Knowledge) -> list[list[Piece]] | None:
    """A table without heads written column by column: C equal stretches, the first of organisations'
    names and the next of none (names, then places, then levels)."""
    names = [bool(know.institution_type(f.compact)) for f in frags]
    for c in range(2, 7):
        if len(frags) % c:
            continue
        rows = len(frags) // c
        first, second = names[:rows], names[rows : 2 * rows]
        if rows >= 3 and sum(first) >= 0.8 * rows and sum(second) <= 0.2 * rows:
            return [frags[i * rows : (i + 1) * rows] for i in range(c)]
    # Names wrapped in a narrow column (昆明理工大 / 学) take more lines than the columns after them have cells.
    at, count = 0, 0
    while at < len(frags):
        if names[at]:
            at, count = at + 1, count + 1
        elif at + 1 < len(frags) and not names[at + 1] and len(frags[at + 1].compact) <= 4 \
                and know.institution_type(frags[at].compact + frags[at + 1].compact):
            at, count = at + 2, count + 1
        else:
            break
    rest = frags[at:]
    if count >= 3 and at > count and rest and len(rest) % count == 0:
        others = [rest[i : i + count] for i in range(0, len(rest), count)]
        if all(sum(names[at + i * count : at + (i + 1) * count]) <= 0.2 * count for i in range(len(others))):
            return [frags[:at]] + others
    return None


def _name_period(frags: list[Piece], know: Knowledge) -> int:
    """How many fragments a row takes where each row opens with an organisation's name: the smallest P
    such that names stand at every P-th fragment and seldom elsewhere."""
    names = [bool(know.institution_type(f.compact)) for f in frags]
    for period in range(1, 7):
        at = names[::period]
        if at and sum(at) >= 0.8 * len(at):
            return period
    return 1


def _rows_by_count(per_line: list[list[Piece]], columns: int, know: Knowledge, forced: set[int],
                   measures: list[float | None] | None = None) -> tuple[list[list[Piece]], list[Piece]]:
    """Without a 序号 run: a row is complete once it holds `columns` cells; the next line opens another,
    unless it carries on the cell before it (a block's next line, a word running on, a closing mark)."""
    if columns < 1:
        return [], [f for parts in per_line for f in parts]
    groups: list[list[Piece]] = []
    count = 0
    for parts in per_line:
        for n, f in enumerate(parts):
            measure = measures[count - 1] if measures and 0 < count <= len(measures) else None
            score = join_score(groups[-1][-1], f, measure, know) if groups else 0.0
            # A line opening with a whole name carries on the cell before it only on clear evidence.
            carries = bool(groups) and n == 0 and (id(f) in forced or score > 0.5 or (
                score == 0.5 and not _proper_name(f.compact, know)))
            # A line opening with an organisation's name opens a row even one cell short of the heads
            # (the row's last cell, 备注, is empty and printed nothing).
            short_row = n == 0 and columns > 2 and count == columns - 1 and bool(know.institution_type(f.compact))
            if not groups or ((count >= columns or short_row) and not carries):
                groups.append([f])
                count = 1
            else:
                groups[-1].append(f)
                if not carries:
                    count += 1
    return groups, []


def _units(frags: list[Piece], forced: set[int]) -> list[list[Piece]]:
    """Fragments as cells' lines: a fragment in `forced` (by id) goes with the one before it."""
    units: list[list[Piece]] = []
    for f in frags:
        if units and id(f) in forced:
            units[-1].append(f)
        else:
            units.append([f])
    return units


def _fit_row(frags: list[Piece], columns: int, measures: list[float | None], shape: str, know: Knowledge,
             forced: set[int] = frozenset(), spare: list[Piece] | None = None) -> tuple[list[Cell] | None, float | None]:
    """A row's fragments as `columns` cells. Fragments in `forced` (by id) go on the cell before them.
    Row per line: the cells are runs of consecutive fragments, joined where most likely. Cell per line:
    the first `columns` free fragments open the cells and each later one carries on the likeliest; where
    `spare` is given (cells set apart as blocks), a block that carries on no cell goes there instead."""
    units = _units(frags, forced)
    if len(units) == columns - 1 and columns > 2:
        units.append([])  # an empty last cell (备注) prints nothing
    if len(units) < columns:
        return None, None
    if len(units) == columns:
        return [Cell(u) for u in units], None
    if shape == "rows":
        scores = [join_score(units[i][-1], units[i + 1][0], None, know) for i in range(len(units) - 1)]
        cells, _, made, refused = _join(units, scores, len(units) - columns)
        return cells, (made - refused) if refused is not None else None
    cells = [Cell(list(u)) for u in units[:columns]]
    margins = []
    for u in units[columns:]:
        options = sorted(((join_score(cells[c].pieces[-1], u[0], measures[c], know), c) for c in range(columns)
                          if cells[c].pieces), reverse=True)
        if spare is not None and (not options or options[0][0] <= 0.5):
            # A block of its own after the row's cells that goes on none of them: no cell (a headline
            # the extractor set after the table's last row).
            spare += u
            continue
        cells[options[0][1]].pieces += u
        if len(options) > 1:
            margins.append(options[0][0] - options[1][0])
    return cells, min(margins) if margins else None
