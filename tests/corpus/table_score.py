"""Scoring tables: gold tables (FORMAT.md, `tables`) against the tables a parser recovered.

Whitespace is removed before every comparison. Predicted tables are matched one-to-one to gold tables,
greedily by the number of cell values they share. Counts per page:
- tables found: gold tables whose matched prediction holds at least half of their cell values;
- rows exact: gold rows equal, cell for cell, to a row of the matched prediction (each predicted row
  used once); also the number of predicted rows (rows split or merged show up there);
- cells exact: gold cells equal to the cell at the same row and column of the same exact-or-aligned row
  (rows compared in order, as far as both go);
- titles exact: the table's title (both null counts as equal).
Trailing empty cells are dropped from every row before comparing: an empty last cell (备注) prints nothing.
"""
from __future__ import annotations

from collections import Counter

KEYS = ("gold_tables", "predicted_tables", "tables_found", "gold_rows", "predicted_rows", "rows_exact",
        "gold_cells", "cells_exact", "titles_exact")


def _n(text) -> str:
    return "".join(str(text).split()) if text is not None else ""


def _row(row) -> list[str]:
    """A row's cells without whitespace, trailing empty cells dropped (an empty 备注 prints nothing)."""
    cells = [_n(c) for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _cells(rows) -> Counter:
    return Counter(_n(c) for row in rows for c in row)


def score_tables(gold: list[dict], predicted: list[dict]) -> dict:
    """Counts for one page. predicted: [{"title": str|None, "rows": [[str]]}]."""
    out = {k: 0 for k in KEYS}
    out["gold_tables"], out["predicted_tables"] = len(gold), len(predicted)
    out["mismatches"] = []
    pairs = sorted(((sum((_cells(g["rows"]) & _cells(p["rows"])).values()), gi, pi)
                    for gi, g in enumerate(gold) for pi, p in enumerate(predicted)), reverse=True)
    used_g, used_p, match = set(), set(), {}
    for shared, gi, pi in pairs:
        if shared and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            match[gi] = pi
    for gi, g in enumerate(gold):
        rows = [_row(row) for row in g["rows"]]
        out["gold_rows"] += len(rows)
        out["gold_cells"] += sum(len(r) for r in rows)
        p = predicted[match[gi]] if gi in match else None
        prows = [_row(row) for row in p["rows"]] if p else []
        out["predicted_rows"] += len(prows)
        if p and sum((_cells(rows) & _cells(prows)).values()) * 2 >= sum(len(r) for r in rows):
            out["tables_found"] += 1
        out["titles_exact"] += _n(g.get("title")) == _n(p.get("title") if p else None)
        available = Counter(tuple(r) for r in prows)
        for r, row in enumerate(rows):
            if available[tuple(row)] > 0:
                available[tuple(row)] -= 1
                out["rows_exact"] += 1
            else:
                out["mismatches"].append({"table": gi, "row": r, "gold": row,
                                          "predicted": prows[r] if r < len(prows) else None})
            if r < len(prows):
                out["cells_exact"] += sum(1 for a, b in zip(row, prows[r]) if a == b)
    return out


def aggregate_tables(scores: list[dict]) -> dict:
    tot = {k: sum(s[k] for s in scores) for k in KEYS}
    rate = lambda a, b: (tot[a] / tot[b]) if tot[b] else None  # noqa: E731
    tot.update(tables_found_rate=rate("tables_found", "gold_tables"), rows_exact_rate=rate("rows_exact", "gold_rows"),
               cells_exact_rate=rate("cells_exact", "gold_cells"), titles_exact_rate=rate("titles_exact", "gold_tables"),
               pages=len(scores))
    return tot


def format_tables(rows: dict[str, dict]) -> str:
    head = "| group | pages | tables | found | gold rows | pred rows | rows exact | cells exact | titles |\n"
    head += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    return head + "\n".join(
        f"| {name} | {a['pages']} | {a['gold_tables']} | {fmt(a['tables_found_rate'])} | {a['gold_rows']} | "
        f"{a['predicted_rows']} | {fmt(a['rows_exact_rate'])} | {fmt(a['cells_exact_rate'])} | {fmt(a['titles_exact_rate'])} |"
        for name, a in rows.items())
