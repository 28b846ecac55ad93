"""Do two databases hold the same rows? `python bench/same_rows.py a.db b.db`

Every table in sqlite_master (the FTS shadow tables included, so the index itself is compared), row by
row in rowid order (or primary-key order for a table without rowid). build_info's build_version is left
out: it is a hash of the code, which a change meant to give the same rows changes. Prints the first
differences per table and exits 1 if there are any.
"""
from __future__ import annotations

import sqlite3
import sys


def tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")]


def rows(conn: sqlite3.Connection, table: str):
    try:
        cursor = conn.execute(f"select * from [{table}] order by rowid")
    except sqlite3.OperationalError:  # WITHOUT ROWID or a virtual table: its key order
        cursor = conn.execute(f"select * from [{table}] order by 1")
    for row in cursor:
        if table == "build_info" and row[0] == "build_version":
            continue
        yield row


def compare(a: str, b: str, show: int = 3) -> int:
    ca, cb = sqlite3.connect(a), sqlite3.connect(b)
    differences = 0
    ta, tb = tables(ca), tables(cb)
    if ta != tb:
        print(f"tables differ: only in {a}: {sorted(set(ta) - set(tb))}; only in {b}: {sorted(set(tb) - set(ta))}")
        differences += 1
    sqls = [r for r in ca.execute("select type, name, sql from sqlite_master order by type, name")]
    if sqls != [r for r in cb.execute("select type, name, sql from sqlite_master order by type, name")]:
        print("schema differs")
        differences += 1
    for table in sorted(set(ta) & set(tb)):
        if table.endswith("_fts"):
            # Reading an external-content FTS table reads its content table; the shadow tables hold the index.
            continue
        shown, count_a, count_b = 0, 0, 0
        for ra, rb in _zip_longest(rows(ca, table), rows(cb, table)):
            count_a += ra is not None
            count_b += rb is not None
            if ra != rb:
                differences += 1
                if shown < show:
                    print(f"{table}: {str(ra)[:300]}\n{' ' * len(table)}  {str(rb)[:300]}")
                    shown += 1
        if count_a != count_b:
            print(f"{table}: {count_a} rows against {count_b}")
    return differences


def _zip_longest(x, y):
    from itertools import zip_longest

    return zip_longest(x, y)


if __name__ == "__main__":
    n = compare(sys.argv[1], sys.argv[2])
    print("same rows" if not n else f"{n} difference(s)")
    sys.exit(1 if n else 0)
