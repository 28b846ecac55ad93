"""Compare FTS designs for Chinese on the seed page: recall and precision against substring truth.

Run: .venv/bin/python bench/search_designs.py sichuan_edu.db
Designs: unicode61 on raw text; jieba-segmented text with Datasette's escaping; the same with the query
segmented too; the trigram tokenizer; our bigram index (search.py).
"""
from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import jieba

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_search import QUERIES, squash  # noqa: E402

from sichuan_edu.search import index_text, match_expression  # noqa: E402

jieba.setLogLevel(60)


def datasette_escape(q: str) -> str:
    # Datasette's escape_fts: each whitespace-separated term quoted
    terms = [t for t in re.split(r"\s+", q) if t]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms) or '""'


def segmented_query(q: str) -> str:
    terms = []
    for t in q.split():
        words = [w for w in jieba.lcut(t) if w.strip()]
        terms.append('"' + " ".join(w.replace('"', '""') for w in words) + '"')
    return " AND ".join(terms) or '""'


def main(db_path: str) -> None:
    src = sqlite3.connect(db_path)
    rows = src.execute("select rowid, coalesce(title, ''), body from articles").fetchall()
    mem = sqlite3.connect(":memory:")
    designs = {
        "unicode61 raw": ("unicode61", lambda t: t, datasette_escape),
        "jieba text, Datasette escaping": ("unicode61", lambda t: " ".join(jieba.lcut(t)), datasette_escape),
        "jieba text, jieba query": ("unicode61", lambda t: " ".join(jieba.lcut(t)), segmented_query),
        "trigram": ("trigram", lambda t: re.sub(r"\s+", "", t), lambda q: " AND ".join('"' + t + '"' for t in q.split())),
        "bigram (ours)": ("unicode61", index_text, match_expression),
    }
    print("| design | recall | precision | queries fully recalled |\n|---|---|---|---|")
    for name, (tokenizer, prepare, to_query) in designs.items():
        mem.execute("drop table if exists t")
        mem.execute(f"create virtual table t using fts5(title, body, tokenize='{tokenizer}')")
        mem.executemany("insert into t(rowid, title, body) values (?, ?, ?)", [(r, prepare(a), prepare(b)) for r, a, b in rows])
        hits = expected_n = found_n = full = 0
        for q in QUERIES:
            terms = [squash(t) for t in q.split()]
            truth = {r for r, a, b in rows if all(t in squash(a) or t in squash(b) for t in terms)}
            try:
                found = {r for (r,) in mem.execute("select rowid from t where t match ?", [to_query(q)])}
            except sqlite3.OperationalError:
                found = set()
            hits += len(found & truth)
            expected_n += len(truth)
            found_n += len(found)
            full += truth <= found
        print(f"| {name} | {hits / expected_n:.2f} | {hits / found_n if found_n else 1:.2f} | {full}/{len(QUERIES)} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sichuan_edu.db")
