"""Flattened tables -> rows: a monotone alignment of unit lines to case names.

The extractor writes a two-column table column by column: first every `报送单位` line, then every
`案例名称` line. A unit name may wrap over two lines and a case may be submitted jointly by two or
more units, so the i-th unit line is not the i-th row. We recover the rows with a dynamic programme
over both lists: each row takes one case name (one line, or two if the name wrapped) and a contiguous
run of unit lines, split into whole institution names. Rows are scored by how well-formed the names
are (a name ends with an institution suffix), by how well the units fit the case (shared distinctive
character pairs), and by a prior against joint submissions unless the case says it is joint (校企…).
The best alignment wins; each row's confidence is its margin over the best alignment without it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .blocks import TableLayout
from .cells import COUNT_HEADING, ReadTable, column_of_values, _place_endings, is_name, name_lines, number_runs, read_columns, read_rows
from .lines import Piece, breaks_word, width
from .knowledge import Knowledge
from .text import char_pairs, clean_phrase

JOINT_PENALTY = 2.0
FIT_SCALE = 6.0  # the weight of a pair that one unit and one case name alone share
MAX_LINES_PER_ROW = 4  # a row's units fill at most four lines (two wrapped names, or up to three names)
JOINT_BONUS = 1.5
MAX_UNITS_PER_ROW = 3


@dataclass
class Row:
    title: str
    title_pieces: list[Piece]
    units: list[tuple[str, list[Piece]]]  # (name, the lines it was printed on)
    score: float
    confidence: float
    margin: float | None = None  # score over the best rival alignment; None where none exists


def _partitions(n: int, max_parts: int):
    """Ways to cut n consecutive lines into names of 1 or 2 lines."""
    if n == 0:
        yield ()
        return
    for size in (1, 2):
        if size <= n:
            for rest in _partitions(n - size, max_parts):
                if len(rest) + 1 <= max_parts:
                    yield (size,) + rest


_CUTS = {n: list(_partitions(n, MAX_UNITS_PER_ROW)) for n in range(1, MAX_LINES_PER_ROW + 1)}
# Each cut with its names' slots in a row's table of name terms: (offset from the row's first line) * 2 +
# (lines of the name) - 1.
_CUT_PARTS = {n: [(cut, tuple(2 * sum(cut[:k]) + size - 1 for k, size in enumerate(cut))) for cut in cuts]
              for n, cuts in _CUTS.items()}


class _Scorer:
    def __init__(self, units: list[Piece], items: list[Piece], know: Knowledge):
        self.units, self.items, self.know = units, items, know
        self.item_shapes: dict[tuple[int, int], float] = {}
        self.joint_items: dict[tuple[int, int], bool] = {}
        self.row_scores: dict[tuple[int, int, int, int], tuple[float, tuple[int, ...]]] = {}
        self.tried = None  # the rows tried and the best alignment of them (_rows_tried)
        self.unit_text = [clean_phrase(p.text) for p in units]
        self.item_text = [clean_phrase(p.text) for p in items]
        df_u = Counter(b for t in self.unit_text for b in char_pairs(self.distinctive(t)))
        df_i = Counter(b for t in self.item_text for b in char_pairs(t))
        nu, ni = max(len(units), 1), max(len(items), 1)
        # Distinctive pairs are rare among both units and case names (`光电`, `化工`), not `职业`/`产业`.
        # Each factor is scaled to (0, 1] by the table's size, so that a pair's weight does not grow with
        # the number of rows (in a 500-row list, chance shared pairs would otherwise outweigh everything).
        self.weight = {
            b: FIT_SCALE * math.log(1 + nu / df_u[b]) / math.log(1 + nu) * math.log(1 + ni / df_i[b]) / math.log(1 + ni)
            for b in df_u if b in df_i
        }
        self.max_item_width = max((width(t) for t in self.item_text), default=0)

        # What each name candidate (one line, or two lines joined) is, computed once.
        self.names: dict[tuple[int, int], tuple[str, float, str | None, frozenset]] = {}
        for a in range(len(self.unit_text)):
            for b in (a + 1, a + 2):
                if b <= len(self.unit_text):
                    name = "".join(self.unit_text[a:b])
                    kind = self.know.institution_type(name)
                    self.names[a, b] = (name, self.unit_shape(a, b, kind), kind, frozenset(char_pairs(self.distinctive(name))))
        self.item_bigrams = {(a, b): frozenset(char_pairs("".join(self.item_text[a:b])))
                             for a in range(len(self.item_text)) for b in (a + 1, a + 2) if b <= len(self.item_text)}

    def unit_name(self, a: int, b: int) -> str:
        return self.names[a, b][0]

    def unit_shape(self, a: int, b: int, kind: str | None) -> float:
        score = 1.0 if kind else -3.0
        if b - a == 2:
            score -= 0.5
            if self.know.institution_type(self.unit_text[a]):
                score -= 3.0  # the first line was already a whole name
        return score

    def joint_item(self, a: int, b: int) -> bool:
        """Does the case name say it was done jointly (校企…)?"""
        if (a, b) not in self.joint_items:
            self.joint_items[a, b] = any(m in "".join(self.item_text[a:b]) for m in self.know.joint_markers)
        return self.joint_items[a, b]

    def item_shape(self, a: int, b: int) -> float:
        if (a, b) not in self.item_shapes:
            self.item_shapes[a, b] = self._item_shape(a, b)
        return self.item_shapes[a, b]

    def _item_shape(self, a: int, b: int) -> float:
        """How likely case lines [a, b) are one name: a name wraps only where its first line is full
        (as wide as the column's widest line), and more surely where a word or a quotation runs on."""
        if b - a == 1:
            # A name alone on its line is whole unless it visibly goes on: a full line whose word runs on
            # into the next, an open quotation, or a line opening with a mark that never starts one.
            line, score = self.item_text[a], 0.0
            after = self.item_text[a + 1] if a + 1 < len(self.item_text) else ""
            if line[:1] and line[0] in self.know.no_line_start:
                score -= 3.0
            if after and self.max_item_width - width(line) <= 0.75 and breaks_word(line, after, self.know):
                score -= 2.0
            if line.count("“") > line.count("”") or line.count("《") > line.count("》"):
                score -= 2.0
            return score
        first, second = self.item_text[a], self.item_text[a + 1]
        score = -2.0
        unbalanced = first.count("“") > first.count("”") or first.count("（") > first.count("）") \
            or first.count("《") > first.count("》")
        if unbalanced or first.endswith(tuple(self.know.dangling_endings)):
            score += 2.5
        short_by = self.max_item_width - width(first)
        runs_on = breaks_word(first, second, self.know)
        if short_by <= 0.75:  # full: the name went on past the measure
            score += 1.5 * (width(second) <= 0.6 * self.max_item_width) + 1.5 * runs_on
        elif short_by > 1.5 or not runs_on:
            # A line short of the measure ended its name, unless a character was pushed down to keep a
            # closing mark off the next line's start (避头尾) and the text runs on.
            score -= 3.0
        return score

    def distinctive(self, name: str) -> str:
        """The part of a unit's name that can echo its case: the name without its type suffix
        (四川化工职业技术学院 -> 四川化工), since `学院` in a case title says nothing of who wrote it."""
        for suffix, _ in self.know.type_rules:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        stripped = True
        while stripped:  # 成都京东方光电科技 -> 成都京东方光电
            stripped = False
            for part in self.know.generic_name_parts:
                if name.endswith(part) and len(name) > len(part) + 1:
                    name, stripped = name[: -len(part)], True
                    break
        return name

    def rows_at(self, lo: int, hi: int, ia: int, ib: int) -> list[list[tuple[int, float, tuple[int, ...]]]]:
        """For each unit line u in [lo, hi): the best score and cut of every row taking case lines [ia, ib)
        and 1 to MAX_LINES_PER_ROW unit lines from u, as [(unit lines, score, cut)]. Each name's terms
        against the case are computed once and shared by the rows and cuts that hold it."""
        item_pairs, base, joint = self.item_bigrams[ia, ib], self.item_shape(ia, ib), self.joint_item(ia, ib)
        nu, weight = len(self.unit_text), self.weight
        end = min(nu, hi + MAX_LINES_PER_ROW - 1)
        terms: list[tuple] = [None] * (end - lo + 1) * 2  # (a - lo) * 2 + size - 1 -> (alone, shape, shared, kind)
        for a in range(lo, end):
            for size in (1, 2):
                if a + size <= nu:
                    _, shape, kind, unit_pairs = self.names[a, a + size]
                    shared = unit_pairs & item_pairs
                    alone = shape + sum(weight.get(p, 0.0) for p in shared) if shared else shape
                    terms[(a - lo) * 2 + size - 1] = (alone, shape, shared, kind)
        out = []
        for u in range(lo, hi):
            rows, at = [], (u - lo) * 2
            for du in range(1, min(MAX_LINES_PER_ROW, nu - u) + 1):
                best, best_cut = -math.inf, ()
                for cut, parts in _CUT_PARTS[du]:
                    if len(parts) == 1:
                        score = base + terms[at + parts[0]][0]
                    else:
                        score, shared, kinds = base, frozenset(), []
                        for part in parts:
                            _, shape, part_shared, kind = terms[at + part]
                            score += shape
                            if part_shared:
                                shared = shared | part_shared
                            kinds.append(kind)
                        # The distinctive pairs the case shares with any of its units, each counted once.
                        fit = sum(weight.get(p, 0.0) for p in shared) if shared else 0.0
                        score += fit - JOINT_PENALTY * (len(parts) - 1)
                        if joint and any(t in self.know.school_types for t in kinds) and any(
                                t in self.know.partner_types for t in kinds):
                            score += JOINT_BONUS
                    if score > best:
                        best, best_cut = score, cut
                self.row_scores[u, u + du, ia, ib] = (best, best_cut)
                rows.append((du, best, best_cut))
            out.append(rows)
        return out

    def row(self, ua: int, ub: int, ia: int, ib: int) -> tuple[float, tuple[int, ...]]:
        """Best score of one row taking unit lines [ua, ub) and case lines [ia, ib), and its cut."""
        if (ua, ub, ia, ib) not in self.row_scores:
            self.rows_at(ua, ua + 1, ia, ib)
        return self.row_scores[ua, ub, ia, ib]


# A row's unit lines lie within BAND lines of where a first reading of each column puts them (in the
# corpora's case lists, at most 2 lines off), NARROW_BAND in a column of more than WIDE_BAND_LINES case
# lines; where no alignment fits in the band (many joint or wrapped rows in one stretch), it widens, up to
# MAX_BAND.
BAND, NARROW_BAND, WIDE_BAND_LINES, MAX_BAND = 6, 3, 200, 48
MAX_SPREAD = 8
# The band stops widening before MAX_TRIED rows have been tried in all; the bisection to a printed count
# stops before it has rescored MAX_RESCORED rows (then the count is not met, with a warning); past
# MAX_TABLE_LINES lines in a column pair, the table is not aligned at all: its cells go to residue with a
# warning. Each bounds the time of one table to about half a second: no table can stall a build.
MAX_TRIED, MAX_RESCORED, MAX_TABLE_LINES = 150_000, 600_000, 3000


def _centres(scorer: _Scorer) -> list[tuple[int, int]]:
    """For each case line, the unit lines its row most likely starts at, from a first reading of each
    column on its own: a case line opens a row unless the line before it filled the column and the two
    read better as one name than as two (a wrapped name), and a unit line opens one unless the line
    before it was no whole name."""
    items, units = scorer.item_text, scorer.unit_text
    item_row, rows = [], 0
    for i in range(len(items)):
        if i and (scorer.max_item_width - width(items[i - 1]) > 0.75
                  or scorer.item_shape(i - 1, i + 1) <= scorer.item_shape(i - 1, i) + scorer.item_shape(i, i + 1)):
            rows += 1
        item_row.append(rows)
    starts = [u for u in range(len(units)) if u == 0 or scorer.know.institution_type(units[u - 1])]
    scale = len(starts) / (rows + 1)
    read = [starts[min(len(starts) - 1, round(r * scale))] for r in item_row]
    # Where the first reading is wrong (a name that exactly fills its line), the columns' proportion
    # is the fallback: rows near either are tried, but never more than MAX_SPREAD unit lines apart (around
    # their middle), so that the rows tried stay in proportion to the lines.
    even = [round(i * len(units) / len(items)) for i in range(len(items))]
    out = []
    for a, b in zip(read, even):
        a, b = min(a, b), max(a, b)
        if b - a > MAX_SPREAD:
            a = (a + b - MAX_SPREAD) // 2
            b = a + MAX_SPREAD
        out.append((a, b))
    return out


def _transitions(scorer: _Scorer, band: int, centres: list[tuple[int, int]]):
    """Every possible row near the first reading: (ua, ub, ia, ib, score, cut), in order of case line
    then unit line. The columns run in step, so only unit lines within `band` of where the first reading
    puts a case line's row are tried: O(lines x band) rows, not O(lines^2)."""
    nu, ni = len(scorer.units), len(scorer.items)
    out = []
    for i in range(ni):
        lo, hi = max(0, centres[i][0] - band), min(nu, centres[i][1] + band + 1)
        if lo >= hi:
            continue
        both = [scorer.rows_at(lo, hi, i, i + di) for di in (1, 2) if i + di <= ni]
        for k, u in enumerate(range(lo, hi)):
            for di, rows in enumerate(both, start=1):
                for du, score, cut in rows[k]:
                    if score > -math.inf:
                        out.append((u, u + du, i, i + di, score, cut))
    return out


def _best(trans, edges, by_start, nu: int, ni: int, bonus: float):
    """Forward and backward best scores over states (unit lines used, case lines used; a state u, i is
    the number u * (ni + 1) + i), each row scored with `bonus` added, and the best path. O(rows tried):
    `trans` is in order of case line, so a state's score is final before any row leaves it (forward),
    or before any row reaches it (backward, reversed). `edges` are the rows' (from, to, score)."""
    neg = -math.inf
    forward: dict[int, float] = {0: 0.0}
    get = forward.get
    for src, dst, score in edges:
        f = get(src)
        if f is not None and f + score + bonus > get(dst, neg):
            forward[dst] = f + score + bonus
    end = nu * (ni + 1) + ni
    backward: dict[int, float] = {end: 0.0}
    get = backward.get
    for src, dst, score in reversed(edges):
        b = get(dst)
        if b is not None and b + score + bonus > get(src, neg):
            backward[src] = b + score + bonus
    path, state = [], 0
    while state in backward and state != end:
        for ua, ub, ia, ib, score, cut in by_start.get(state, ()):
            if math.isclose(score + bonus + backward.get(ub * (ni + 1) + ib, neg), backward[state], abs_tol=1e-9):
                path.append((ua, ub, ia, ib, cut))
                state = ub * (ni + 1) + ib
                break
        else:
            break
    return forward, backward, path


def _rows_tried(scorer: _Scorer):
    """The rows tried (in a band around the first reading, widened until some alignment fits), as
    (trans, edges, rows by their first state) with the best alignment of them; computed once a scorer."""
    if scorer.tried is None:
        nu, ni = len(scorer.units), len(scorer.items)
        band, centres, tried = BAND if ni <= WIDE_BAND_LINES else NARROW_BAND, _centres(scorer), 0
        while True:
            trans = _transitions(scorer, band, centres)
            tried += len(trans)
            by_start: dict[int, list] = {}
            for t in trans:
                by_start.setdefault(t[0] * (ni + 1) + t[2], []).append(t)
            edges = [(ua * (ni + 1) + ia, ub * (ni + 1) + ib, score) for ua, ub, ia, ib, score, _ in trans]
            best = _best(trans, edges, by_start, nu, ni, 0.0)
            # A band twice as wide tries about twice the rows.
            if best[2] or band >= MAX_BAND or tried + 2 * len(trans) > MAX_TRIED:
                break
            band *= 2
        scorer.tried = (trans, edges, by_start, best)
    return scorer.tried


def _align(scorer: _Scorer, rows_wanted: int | None):
    """Best alignment and, for each row in it, the best score of an alignment without that row.

    A dynamic programme over states (unit lines used, case lines used), near the diagonal. Where the
    number of rows is known, a bonus per row (a Lagrange multiplier, found by bisection) steers the
    best alignment to that many rows. An alignment that lacks one of the best rows must contain a row
    that covers some of the same lines differently, so the best alignment without a row is the best
    through any row overlapping it: forward + row + backward, over the rows that overlap it.
    Returns (total, [(ua, ub, ia, ib, cut, best_without), ...]) or (-inf, []).
    """
    nu, ni = len(scorer.units), len(scorer.items)
    neg = -math.inf
    if not nu or not ni:
        return neg, []
    trans, edges, by_start, (forward, backward, path) = _rows_tried(scorer)
    bonus = 0.0
    if rows_wanted is not None and path and len(path) != rows_wanted:
        low, high = (bonus, 50.0) if len(path) < rows_wanted else (-50.0, bonus)
        for _ in range(min(40, MAX_RESCORED // max(len(edges), 1))):  # more rows as the bonus grows: bisect
            bonus = (low + high) / 2
            forward, backward, path = _best(trans, edges, by_start, nu, ni, bonus)
            if not path or len(path) == rows_wanted:
                break
            low, high = (bonus, high) if len(path) < rows_wanted else (low, bonus)
        if len(path) != rows_wanted:
            return neg, []
    if not path or 0 not in backward:
        return neg, []
    total = sum(scorer.row(ua, ub, ia, ib)[0] for ua, ub, ia, ib, _ in path)
    # The path covers every line once: which of its rows holds each case line and each unit line.
    row_of_item, row_of_unit = [0] * ni, [0] * nu
    for n, (ua, ub, ia, ib, _) in enumerate(path):
        row_of_item[ia:ib] = [n] * (ib - ia)
        row_of_unit[ua:ub] = [n] * (ub - ua)
    # Each row tried overlaps the path's rows that hold its lines (a run of them, since both go down the
    # columns): it is a rival to each of them, except to itself.
    rival = [neg] * len(path)
    for (a, b, c, d, score, _), (src, dst, _) in zip(trans, edges):
        f, g = forward.get(src), backward.get(dst)
        if f is None or g is None:
            continue
        through = f + score + bonus + g
        first = min(row_of_item[c], row_of_unit[a])
        last = max(row_of_item[d - 1], row_of_unit[b - 1])
        for n in range(first, last + 1):
            ua, ub, ia, ib, _ = path[n]
            if through > rival[n] and (c < ib and ia < d or a < ub and ua < b) and (a, b, c, d) != (ua, ub, ia, ib):
                rival[n] = through
    # Scores above include the per-row bonus: take it out of both sides of the margin alike.
    return total, [(ua, ub, ia, ib, cut, rival[n] - bonus * len(path) if rival[n] != neg else neg)
                   for n, (ua, ub, ia, ib, cut) in enumerate(path)]


def align_columns(units: list[Piece], items: list[Piece], know: Knowledge, rows_wanted: int | None = None,
                  scorer: _Scorer | None = None) -> list[Row]:
    """Rows of one unit column and its case column, with a confidence in [0.5, 1] per row. A scorer of
    the same columns may be passed in, to align them again to another count at little cost."""
    if len(units) + len(items) > MAX_TABLE_LINES:
        return []
    scorer = scorer or _Scorer(units, items, know)
    total, path = _align(scorer, rows_wanted)
    rows = []
    for ua, ub, ia, ib, cut, alt in path:
        margin = total - alt if alt > -math.inf else 10.0
        names, start = [], ua
        for size in cut:
            names.append((scorer.unit_name(start, start + size), units[start : start + size]))
            start += size
        row_score, _ = scorer.row(ua, ub, ia, ib)
        rows.append(
            Row(
                title="".join(scorer.item_text[ia:ib]),  # a case name wrapped over two lines, joined
                title_pieces=items[ia:ib],
                units=names,
                score=round(row_score, 3),
                # 0.5: a coin toss between this row and another; 1: no other alignment comes close.
                confidence=round(1 - 0.5 * math.exp(-margin), 3),
                margin=round(total - alt, 3) if alt > -math.inf else None,
            )
        )
    return rows


def table_rows(table: TableLayout, know: Knowledge) -> tuple[list[Row], list[str]]:
    """All rows of a flattened table (its halves in order) and any warnings about them."""
    halves = []
    pending_units = None
    for column in table.columns:
        if column.role == "unit":
            pending_units = column
        elif pending_units is not None:
            halves.append((pending_units, column))
            pending_units = None
    warnings = []
    declared = table.total
    options = [None]
    if declared is not None and len(halves) >= 1:
        # The big number is the table's total: use it to settle how many rows each half holds.
        options = _split_counts(declared, [len(items.cells) for _, items in halves])
    best_rows: list[Row] | None = None
    scorers = [_Scorer(u.cells, i.cells, know) if len(u.cells) + len(i.cells) <= MAX_TABLE_LINES else None
               for u, i in halves]
    for counts in options:
        rows = []
        for (units, items), count, scorer in zip(halves, counts or [None] * len(halves), scorers):
            part = align_columns(units.cells, items.cells, know, count, scorer)
            if not part:
                rows = None
                break
            rows.extend(part)
        if rows is not None:
            if best_rows is None or sum(r.score for r in rows) > sum(r.score for r in best_rows):
                best_rows = rows
    if best_rows is None:
        best_rows = []
        for (units, items), scorer in zip(halves, scorers):
            best_rows.extend(align_columns(units.cells, items.cells, know, scorer=scorer))
        if declared is not None:
            warnings.append(f"table declares {declared} rows but no alignment gives that many")
    big = [len(u.cells) + len(i.cells) for u, i in halves if len(u.cells) + len(i.cells) > MAX_TABLE_LINES]
    if big:
        warnings.append(f"table of {max(big)} lines is past the alignment limit ({MAX_TABLE_LINES}): its cells stay unaligned")
    if declared is not None and len(best_rows) != declared and not warnings:
        warnings.append(f"table declares {declared} rows, found {len(best_rows)}")
    return best_rows, warnings


MAX_SPLITS = 200


def _split_counts(total: int, item_lines: list[int]) -> list[list[int] | None]:
    """Ways to give each half between ceil(lines/2) and lines rows so that they add up to total."""
    # Fewest wrapped case names first (the common case is one line per case): a search from no wraps
    # up, over the halves in order, that keeps at most 4 splits and at most MAX_SPLITS partial ones.
    ranges = [range(n, (n + 1) // 2 - 1, -1) for n in item_lines]
    partial: list[list[int]] = [[]]
    for r in ranges:
        partial = sorted((o + [c] for o in partial for c in r if sum(o) + c <= total),
                         key=lambda o: sum(n - c for n, c in zip(item_lines, o)))[:MAX_SPLITS]
    fits = [o for o in partial if sum(o) == total]
    return fits[:4] or [None]


def is_case_list(table: TableLayout) -> bool:
    """A list of cases (案例) with the units that submitted them: the columns are unit-then-item pairs and
    the item column, or the table's title, says 案例. Only these become `cases`."""
    roles = [c.role for c in table.columns]
    pairs = len(roles) >= 2 and len(roles) % 2 == 0 and all(
        roles[i] == "unit" and roles[i + 1] == "item" for i in range(0, len(roles), 2))
    named = any("案例" in c.header.compact for c in table.columns) or bool(table.title and "案例" in table.title.compact)
    return pairs and named


def _numbered_among(cells: list[Piece], know: Knowledge) -> bool:
    """Do rows numbered n, n+1, n+2 … stand among a column's cells that are not all numbers, at least
    three of them each followed by an organisation's name (2663 西藏农牧大学)?"""
    runs = number_runs(cells)
    texts = [p.compact for p in cells]
    named = sum(1 for r in runs if len(r) >= 3 for i in r if i + 1 < len(cells) and name_lines(texts, i + 1, know))
    return named >= 3 and sum(len(r) for r in runs) < len(cells) / 2


def read_table(table: TableLayout, know: Knowledge) -> ReadTable:
    """Rows of cells of any table: column by column (halves printed one after the other each repeat the
    heads) or row by row. A case list's rows are its aligned cases (table_rows): none are read here."""
    if is_case_list(table):
        return ReadTable([c.header.compact for c in table.columns[:2]], [], "columns", [])
    if table.by_columns and _numbered_among([p for c in table.columns for p in c.cells], know):
        # Heads over cells among which rows are numbered (2663 西藏农牧大学 … 2664 …; the cells of all the
        # heads' columns together, three runs or more followed by names): no columns but rows, of this table
        # and of tables beside it, that the extractor wrote a cell per line (heads of several tables mixed
        # before them, 学校名称 学校名称, or 备注 序号 所在地).
        return read_rows([], [p for c in table.columns for p in c.cells], know)
    if table.by_columns:
        return _read_by_columns(table.columns, table.total, know)
    return read_rows([p.compact for p in table.heads], table.body, know,
                     aside=[p.compact for p in table.aside_heads] or None)


MAX_BESIDE = 8  # tables written column by column one after another in one block, read as tables beside


def _read_by_columns(columns: list, count, know: Knowledge, depth: int = 0) -> ReadTable:
    """A table written column by column: halves printed one after the other each repeat the heads; heads
    that stop repeating them (学校名称, 学校名称, then 序号, 学校名称) begin another table, read the same way
    and set beside this one."""
    heads = [c.header.compact for c in columns]
    width_ = next((i for i in range(1, len(heads)) if heads[i] == heads[0]), len(heads))
    cut = next((i for i in range(width_, len(heads)) if heads[i] != heads[i % width_]), len(heads))
    # (A half begun with the repeated heads and cut short goes with the next table; the tables beside
    # one another are bounded in number.)
    cut = cut - cut % width_ if depth < MAX_BESIDE else len(heads)
    halves = [columns[i : i + width_] for i in range(0, cut, width_)]
    out = ReadTable(heads[:width_], [], "columns", [])
    cells = [[c.cells for c in half] for half in halves]
    under = _list_under(cells[-1][-1], know) if cells and cut == len(heads) else 0
    if cells and cut == len(heads) and not under and not any(" " in p.text.strip() for half in cells
                                                             for col in half[:-1] for p in col):
        # A line of several cells opening with a name (a row of a table written a row per line) under a
        # table whose other cells hold a cell a line: the last column ended before it.
        last = cells[-1][-1]
        under = next((i for i in range(1, len(last)) if " " in last[i].text.strip()
                      and is_name(last[i].text.split()[0], know)), 0)
    if under:
        # The last column runs on into a list without heads (its names, then its places): a table of
        # its own, read from those lines.
        cells[-1][-1], under_lines = cells[-1][-1][:under], cells[-1][-1][under:]
    for half in cells:
        # A printed total covers every half: each half's rows come from its own columns.
        part = read_columns(heads[:width_], half, know, count if len(halves) == 1 and cut == len(heads) else None)
        out.rows += part.rows
        out.margins += part.margins
        out.leftover += part.leftover
        out.warnings += part.warnings
    if under:
        rest = read_rows([], under_lines, know)
        if rest.rows:
            out.aside = rest
        else:
            out.leftover += under_lines
    if cut < len(heads):
        out.aside = _read_by_columns(columns[cut:], None, know, depth + 1)
    elif not under and out.leftover:
        # The last column ran on into a list without heads set under the table (its names, then its
        # places …): read as a table of its own, from the lines after the table's last cell.
        # (From the first line after the table's last cell that opens with an organisation's name: an
        # empty column's values, 民办, left over before it, stay where they are.)
        last = max((p.line_no for row in out.rows for cell in row for p in cell.pieces), default=0)
        after = sorted((p for p in out.leftover if p.line_no > last), key=lambda p: (p.line_no, p.start))
        named = [is_name(p.compact, know) or is_name((p.text.split() or [""])[0], know) for p in after]
        first = named.index(True) if True in named else len(after)
        # (Or from a 序号 run, numbers one under the other counting up, that comes before.)
        first = next((i for i in range(min(first, len(after) - 2)) if all(p.compact.isascii() and p.compact.isdigit()
                      for p in after[i : i + 3]) and int(after[i + 2].compact) == int(after[i].compact) + 2
                      and int(after[i + 1].compact) == int(after[i].compact) + 1), first)
        after = after[first:]
        if len(after) >= 6 and sum(named[first:]) >= 3:
            rest = read_rows([], after, know)
            if rest.rows:
                out.aside = rest
                taken = {id(p) for p in after}
                out.leftover = [p for p in out.leftover if id(p) not in taken]
    return out


def _list_under(cells: list[Piece], know: Knowledge) -> int:
    """Where, in a table's last column of names, a list without heads written column by column begins:
    the column ends in N lines or more (at least three) that are no names (北京市 …) after N names or more;
    the last N names and those lines are that list. 0 where there is none."""
    texts = [p.compact for p in cells]
    end = len(texts)
    # (A list's heading, 青海省（13所）, and what follows it are no cells of such a list.)
    while end and not know.institution_type(texts[end - 1]) and not name_lines(texts, end - 1, know) \
            and not COUNT_HEADING.search(texts[end - 1]):
        end -= 1
    places = len(texts) - end
    # (Running text after the table, a headline, a notice's salutation, is punctuated; cells are not; a
    # column of places or levels repeats itself, 北京市 …, where a headline's lines do not.)
    if places < 3 or not column_of_values(texts[end:]):
        return 0
    starts, at = [], 0
    while at < end:
        n = name_lines(texts[:end], at, know)
        if not n:
            return 0  # lines that are no names among the names: not a plain list
        starts.append(at)
        at += n
    return starts[-places] if len(starts) > places else 0


def _width(rows: list[list[str]]) -> int:
    """How many cells most rows hold (trailing empty cells not counted: an empty 备注 prints nothing)."""
    widths = Counter(len(row) - next((i for i, c in enumerate(reversed(row)) if c), len(row)) for row in rows)
    return widths.most_common(1)[0][0] if widths else 0


MIN_CONTINUED_ROWS = 2


def _numbering_goes_on(first, then) -> bool:
    """Does the first row of `then` carry on the numbering of a row of `first` (30, then 31)?"""
    b = then.rows[0][0] if then.rows and then.rows[0] else ""
    if not (b.isascii() and b.isdigit()):
        return False
    return any(row and row[0] == str(int(b) - 1) for row in first.rows)


def _cell_title(title: str) -> bool:
    """A "title" that is a division's whole name alone (毕节市): a cell of the table before, which the
    extractor wrote over this part, not a title (a list's heading counts its entries: 青海省（13所）)."""
    return len(title) <= 12 and bool(_place_endings()[1].search(title))


def continued_tables(tables, case_tables: set[int] = frozenset(), grids: dict[int, int] | None = None) -> dict[int, int]:
    """Tables that carry on another one: {its seq: the seq of the table it carries on}. A table without
    heads or title of its own, of at least MIN_CONTINUED_ROWS rows, carries on the table as wide as it
    that ends last before it begins (the extractor put a headline or another table between a
    table's parts; a table continued in the next column prints its heads again and is another table
    here), or else, where a table as wide with heads follows it and none as wide comes between, that
    table (the extractor wrote a column of its rows before its heads); a case list never. grids: the PDF
    grid each table was read from (a page read from its PDF): tables of two grids are two tables, as the
    geometry told (it already joined the parts of a table continued in another column)."""
    out: dict[int, int] = {}
    widths = {t.seq: _width(t.rows) for t in tables}
    grids = grids or {}
    for n, t in enumerate(tables):
        if t.headers or t.column_heads or (t.title and not _cell_title(t.title)) or t.seq in case_tables \
                or len(t.rows) < MIN_CONTINUED_ROWS:
            continue
        # (A table whose lines run among the other's is one set beside it, not its continuation.)
        # (Where its rows are numbered, the table whose numbering it carries on: 31 after 30.)
        # (A table whose title was printed under it ends at that title: what follows is no part of it.)
        # (A part opens as the table does: with a number or without.)
        before = max((b for b in tables[:n] if widths[b.seq] == widths[t.seq] and _same_grid(grids, b, t)
                      and b.seq not in case_tables and b.last_line < t.first_line and _numbered(b) == _numbered(t)
                      and not (b.title and not b.title_before and not _cell_title(b.title))),
                     key=lambda b: (_numbering_goes_on(b, t), b.last_line), default=None)
        if before is not None:
            out[t.seq] = out.get(before.seq, before.seq)
            continue
        # With none before it: the part of a table the extractor wrote before that table's heads (a
        # column of its rows read first), carried on by the nearest table after it as wide, with heads.
        after = next((a for a in tables[n + 1 :] if widths[a.seq] == widths[t.seq] and _same_grid(grids, a, t)), None)
        if after is not None and (after.headers or after.column_heads) and after.seq not in case_tables \
                and t.last_line < after.first_line and _numbered(after) == _numbered(t):
            out[t.seq] = after.seq
    return out


def _numbered(table) -> bool:
    """Does the table's first row open with a number (序号)? A part of a table opens as the table does."""
    first = table.rows[0][0] if table.rows and table.rows[0] else ""
    return first.isascii() and first.isdigit()


def _same_grid(grids: dict[int, int], a, b) -> bool:
    """Could a and b be parts of one table as far as a PDF's geometry says (either read from no grid, or
    both from the same)?"""
    ga, gb = grids.get(a.seq, 0), grids.get(b.seq, 0)
    return not (ga and gb) or ga == gb


def join_tables(tables: list, joined: dict[int, int], segments: list, cases: list) -> list:
    """The page's tables with each continuation's rows put after those of the table it carries on, the
    tables numbered again in order, and the segments and cases that point at them pointed anew."""
    if not joined:
        return tables
    by_seq = {t.seq: t for t in tables}
    for seq, into in joined.items():
        part, whole = by_seq[seq], by_seq[into]
        whole.rows += part.rows
        whole.cell_lines += part.cell_lines
        whole.margins += part.margins
        whole.names += part.names
        whole.first_line, whole.last_line = min(whole.first_line, part.first_line), max(whole.last_line, part.last_line)
    kept = [t for t in tables if t.seq not in joined]
    renumber = {t.seq: n for n, t in enumerate(kept, start=1)}
    renumber.update({seq: renumber[into] for seq, into in joined.items()})
    for t in kept:
        t.seq = renumber[t.seq]
    for s in segments:
        if s.ref == "table":
            s.ref_seq = renumber[s.ref_seq]
    for c in cases:
        c.table_seq = renumber[c.table_seq]
    return kept
