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
from .lines import Piece, width
from .knowledge import Knowledge
from .text import char_pairs, clean_phrase

JOINT_PENALTY = 2.0
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


class _Scorer:
    def __init__(self, units: list[Piece], items: list[Piece], know: Knowledge):
        self.units, self.items, self.know = units, items, know
        self.unit_text = [clean_phrase(p.text) for p in units]
        self.item_text = [clean_phrase(p.text) for p in items]
        df_u = Counter(b for t in self.unit_text for b in char_pairs(self.distinctive(t)))
        df_i = Counter(b for t in self.item_text for b in char_pairs(t))
        nu, ni = max(len(units), 1), max(len(items), 1)
        # Distinctive pairs are rare among both units and case names (`光电`, `化工`), not `职业`/`产业`.
        self.weight = {
            b: math.log(1 + nu / df_u[b]) * math.log(1 + ni / df_i[b]) for b in df_u if b in df_i
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

    def item_shape(self, a: int, b: int) -> float:
        if b - a == 1:
            return 0.0
        first, second = self.item_text[a], self.item_text[a + 1]
        score = -2.0
        unbalanced = first.count("“") > first.count("”") or first.count("（") > first.count("）")
        if unbalanced or first.endswith(tuple(self.know.dangling_endings)):
            score += 2.5
        if width(first) >= self.max_item_width - 1 and width(second) <= 0.6 * self.max_item_width:
            score += 1.5
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

    def fit(self, item_pairs: frozenset, unit_pairs: list[frozenset]) -> float:
        """Weight of the distinctive pairs the case shares with any of its units, each counted once."""
        shared = frozenset().union(*unit_pairs) & item_pairs
        return sum(self.weight.get(b, 0.0) for b in shared)

    def row(self, ua: int, ub: int, ia: int, ib: int) -> tuple[float, tuple[int, ...]]:
        """Best score of one row taking unit lines [ua, ub) and case lines [ia, ib), and its cut."""
        item = "".join(self.item_text[ia:ib])
        item_pairs = self.item_bigrams[ia, ib]
        base = self.item_shape(ia, ib)
        best = (-math.inf, ())
        for cut in _CUTS[ub - ua]:
            score, start, pairs, types = base, ua, [], []
            for size in cut:
                _, shape, kind, unit_pairs = self.names[start, start + size]
                score += shape
                pairs.append(unit_pairs)
                types.append(kind)
                start += size
            score += self.fit(item_pairs, pairs)
            if len(cut) > 1:
                score -= JOINT_PENALTY * (len(cut) - 1)
                mixed = any(t in self.know.school_types for t in types) and any(
                    t in self.know.partner_types for t in types
                )
                if mixed and any(m in item for m in self.know.joint_markers):
                    score += JOINT_BONUS
            if score > best[0]:
                best = (score, cut)
        return best


def _transitions(scorer: _Scorer):
    """Every possible row: (ua, ub, ia, ib, score, cut)."""
    nu, ni = len(scorer.units), len(scorer.items)
    out = []
    for u in range(nu):
        for i in range(ni):
            for di in (1, 2):
                for du in range(1, MAX_LINES_PER_ROW + 1):
                    if i + di > ni or u + du > nu:
                        continue
                    score, cut = scorer.row(u, u + du, i, i + di)
                    if score > -math.inf:
                        out.append((u, u + du, i, i + di, score, cut))
    return out


def _align(scorer: _Scorer, rows_wanted: int | None):
    """Best alignment and, for each row in it, the best score of an alignment without that row.

    Forward and backward dynamic programmes over states (unit lines used, case lines used, rows so
    far) give, for every possible row, the best alignment through it. An alignment that lacks one of
    the best rows must contain a row that covers some of the same lines differently, so the best
    alignment without a row is the best through any row overlapping it.
    Returns (total, [(ua, ub, ia, ib, cut, best_without), ...]) or (-inf, []).
    """
    nu, ni = len(scorer.units), len(scorer.items)
    kmax = ni + 1
    trans = _transitions(scorer)
    by_start: dict[tuple[int, int], list] = {}
    for t in trans:
        by_start.setdefault((t[0], t[2]), []).append(t)
    neg = -math.inf
    # backward: B[(u, i, k)] best score from state to the end
    B: dict[tuple[int, int, int], float] = {}
    for u in range(nu, -1, -1):
        for i in range(ni, -1, -1):
            for k in range(kmax + 1):
                if u == nu and i == ni:
                    B[u, i, k] = 0.0 if rows_wanted is None or k == rows_wanted else neg
                    continue
                best = neg
                for ua, ub, ia, ib, score, _ in by_start.get((u, i), ()):
                    if k + 1 <= kmax:
                        best = max(best, score + B[ub, ib, k + 1])
                B[u, i, k] = best
    total = B[0, 0, 0]
    if total == neg:
        return neg, []
    # forward: F[(u, i, k)] best score from the start to the state
    F: dict[tuple[int, int, int], float] = {(0, 0, 0): 0.0}
    for u in range(nu + 1):
        for i in range(ni + 1):
            for k in range(kmax):
                f = F.get((u, i, k), neg)
                if f == neg:
                    continue
                for ua, ub, ia, ib, score, _ in by_start.get((u, i), ()):
                    key = (ub, ib, k + 1)
                    if f + score > F.get(key, neg):
                        F[key] = f + score
    through = {}
    for ua, ub, ia, ib, score, cut in trans:
        best = max((F.get((ua, ia, k), neg) + score + B.get((ub, ib, k + 1), neg) for k in range(kmax)), default=neg)
        through[ua, ub, ia, ib] = best
    # the best path itself
    path, u, i, k = [], 0, 0, 0
    while (u, i) != (nu, ni):
        for ua, ub, ia, ib, score, cut in by_start.get((u, i), ()):
            if math.isclose(score + B[ub, ib, k + 1], B[u, i, k], abs_tol=1e-9):
                path.append((ua, ub, ia, ib, cut))
                u, i, k = ub, ib, k + 1
                break
    out = []
    for ua, ub, ia, ib, cut in path:
        rivals = [v for (a, b, c, d), v in through.items()
                  if (a, b, c, d) != (ua, ub, ia, ib) and (a < ub and ua < b or c < ib and ia < d)]
        out.append((ua, ub, ia, ib, cut, max(rivals, default=neg)))
    return total, out


def align_columns(units: list[Piece], items: list[Piece], know: Knowledge, rows_wanted: int | None = None) -> list[Row]:
    """Rows of one unit column and its case column, with a confidence in [0.5, 1] per row."""
    scorer = _Scorer(units, items, know)
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
    declared = int(table.count.compact) if table.count else None
    options = [None]
    if declared is not None and len(halves) >= 1:
        # The big number is the table's total: use it to settle how many rows each half holds.
        options = _split_counts(declared, [len(items.cells) for _, items in halves])
    best_rows: list[Row] | None = None
    for counts in options:
        rows = []
        for (units, items), count in zip(halves, counts or [None] * len(halves)):
            part = align_columns(units.cells, items.cells, know, count)
            if not part:
                rows = None
                break
            rows.extend(part)
        if rows is not None:
            if best_rows is None or sum(r.score for r in rows) > sum(r.score for r in best_rows):
                best_rows = rows
    if best_rows is None:
        best_rows = []
        for units, items in halves:
            best_rows.extend(align_columns(units.cells, items.cells, know))
        if declared is not None:
            warnings.append(f"table declares {declared} rows but no alignment gives that many")
    if declared is not None and len(best_rows) != declared and not warnings:
        warnings.append(f"table declares {declared} rows, found {len(best_rows)}")
    return best_rows, warnings


def _split_counts(total: int, item_lines: list[int]) -> list[list[int] | None]:
    """Ways to give each half between ceil(lines/2) and lines rows so that they add up to total."""
    ranges = [range((n + 1) // 2, n + 1) for n in item_lines]
    out: list[list[int]] = [[]]
    for r in ranges:
        out = [o + [c] for o in out for c in r]
    fits = [o for o in out if sum(o) == total]
    # Fewest wrapped case names first: the common case is one line per case.
    fits.sort(key=lambda o: sum(n - c for n, c in zip(item_lines, o)))
    return fits[:4] or [None]
