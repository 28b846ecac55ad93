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
from functools import lru_cache

from .blocks import Piece, TableLayout, width
from .knowledge import Knowledge
from .text import clean_phrase

JOINT_PENALTY = 2.0
JOINT_BONUS = 1.5
MAX_UNITS_PER_ROW = 3


@dataclass
class Row:
    title: str
    title_pieces: list[Piece]
    units: list[tuple[str, list[Piece]]]  # (name, the lines it was printed on)
    score: float
    confidence: float


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


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


class _Scorer:
    def __init__(self, units: list[Piece], items: list[Piece], know: Knowledge):
        self.units, self.items, self.know = units, items, know
        self.unit_text = [clean_phrase(p.text) for p in units]
        self.item_text = [clean_phrase(p.text) for p in items]
        df_u = Counter(b for t in self.unit_text for b in _bigrams(self.distinctive(t)))
        df_i = Counter(b for t in self.item_text for b in _bigrams(t))
        nu, ni = max(len(units), 1), max(len(items), 1)
        # Distinctive pairs are rare among both units and case names (`光电`, `化工`), not `职业`/`产业`.
        self.weight = {
            b: math.log(1 + nu / df_u[b]) * math.log(1 + ni / df_i[b]) for b in df_u if b in df_i
        }
        self.max_item_width = max((width(t) for t in self.item_text), default=0)

    def unit_name(self, a: int, b: int) -> str:
        return "".join(self.unit_text[a:b])

    def unit_shape(self, a: int, b: int) -> float:
        name = self.unit_name(a, b)
        score = 1.0 if self.know.institution_type(name) else -3.0
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

    def fit(self, item: str, units: list[str]) -> float:
        """Weight of the distinctive pairs the case shares with any of its units, each counted once."""
        shared = set().union(*(_bigrams(self.distinctive(u)) for u in units)) & _bigrams(item)
        return sum(self.weight.get(b, 0.0) for b in shared)

    def row(self, ua: int, ub: int, ia: int, ib: int) -> tuple[float, tuple[int, ...]]:
        """Best score of one row taking unit lines [ua, ub) and case lines [ia, ib), and its cut."""
        item = "".join(self.item_text[ia:ib])
        base = self.item_shape(ia, ib)
        best = (-math.inf, ())
        for cut in _partitions(ub - ua, MAX_UNITS_PER_ROW):
            score, start, names = base, ua, []
            for size in cut:
                score += self.unit_shape(start, start + size)
                names.append(self.unit_name(start, start + size))
                start += size
            score += self.fit(item, names)
            types = [self.know.institution_type(n) for n in names]
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


def _align(scorer: _Scorer, rows_wanted: int | None, forbid=None):
    """Best alignment: (score, [(ua, ub, ia, ib, cut), ...]) or (-inf, []) if none fits."""
    nu, ni = len(scorer.units), len(scorer.items)

    @lru_cache(maxsize=None)
    def best(u: int, i: int, k: int):
        if u == nu and i == ni:
            return (0.0, ()) if rows_wanted is None or k == rows_wanted else (-math.inf, ())
        if u == nu or i == ni:
            return (-math.inf, ())
        out = (-math.inf, ())
        for di in (1, 2):
            for du in range(1, 2 * MAX_UNITS_PER_ROW + 1):
                if i + di > ni or u + du > nu or (u, u + du, i, i + di) == forbid:
                    continue
                score, cut = _row_cache(scorer, u, u + du, i, i + di)
                if score == -math.inf:
                    continue
                rest = best(u + du, i + di, k + 1)
                if score + rest[0] > out[0]:
                    out = (score + rest[0], ((u, u + du, i, i + di, cut),) + rest[1])
        return out

    return best(0, 0, 0)


def _row_cache(scorer: _Scorer, ua, ub, ia, ib):
    cache = scorer.__dict__.setdefault("_rows", {})
    key = (ua, ub, ia, ib)
    if key not in cache:
        cache[key] = scorer.row(ua, ub, ia, ib)
    return cache[key]


def align_columns(units: list[Piece], items: list[Piece], know: Knowledge, rows_wanted: int | None = None) -> list[Row]:
    """Rows of one unit column and its case column, with a confidence in [0.5, 1] per row."""
    scorer = _Scorer(units, items, know)
    total, path = _align(scorer, rows_wanted)
    if not path:
        return []
    rows = []
    for ua, ub, ia, ib, cut in path:
        alt, _ = _align(scorer, rows_wanted, forbid=(ua, ub, ia, ib))
        margin = total - alt if alt > -math.inf else 10.0
        names, start = [], ua
        for size in cut:
            names.append((scorer.unit_name(start, start + size), units[start : start + size]))
            start += size
        row_score, _ = _row_cache(scorer, ua, ub, ia, ib)
        rows.append(
            Row(
                title="".join(scorer.item_text[ia:ib]) if ib - ia == 1 else _join_wrapped(scorer.item_text[ia:ib]),
                title_pieces=items[ia:ib],
                units=names,
                score=round(row_score, 3),
                # 0.5: a coin toss between this row and another; 1: no other alignment comes close.
                confidence=round(1 - 0.5 * math.exp(-margin), 3),
            )
        )
    return rows


def _join_wrapped(parts: list[str]) -> str:
    return "".join(parts)


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
