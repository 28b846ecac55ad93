"""Foreign-key labels of an immutable database read from memory, not by a query per column per page.

Datasette 0.65 labels each foreign-key column of a table page (and each faceted foreign-key column)
with its own query: one more trip to a SQL thread per column, and under load each trip waits behind
every other request on the event loop (the load test's slowest addresses were those with the most
trips: institutions faceted by type and city made 6, cases 4). While a database is immutable the
labels of a table it points to cannot change, so the first time one is asked for, all of that table's
labels are read in one query (the key is its primary key and the table has at most MAX_ROWS rows)
and kept; later labels cost a dictionary lookup. Larger tables, mutable databases and tables without a
label column are labelled by Datasette as before; so is a value not found (the same query, the same
answer: nothing for a dangling key).
"""
from __future__ import annotations

from datasette import hookimpl
from datasette.utils import escape_sqlite

MAX_ROWS = 50_000  # per table pointed to; 50,000 short labels are a few MB per process
MAX_TOTAL = 200_000  # labels kept per process, all tables together


async def _labels(db, table: str, column: str, kept: dict, total: list):
    """{key: label} of every row of table, or None when Datasette's own query should answer."""
    key = (db.name, table, column)
    if key in kept:
        return kept[key]
    labels = None
    label_column = await db.label_column_for_table(table)
    if label_column and await db.primary_keys(table) == [column] and total[0] < MAX_TOTAL:
        sql = "select {}, {} from {} limit {}".format(
            escape_sqlite(column), escape_sqlite(label_column), escape_sqlite(table), MAX_ROWS + 1)
        try:
            rows = (await db.execute(sql, truncate=False)).rows
        except Exception:  # interrupted by the time limit, or the like: Datasette's query per page instead
            rows = None
        if rows is not None and len(rows) <= MAX_ROWS and total[0] + len(rows) <= MAX_TOTAL:
            labels = {row[0]: row[1] for row in rows}
            total[0] += len(labels)
    kept[key] = labels
    return labels


def labels_from_memory(datasette) -> bool:
    original = getattr(datasette, "expand_foreign_keys", None)
    if original is None or getattr(original, "sichuan_kept", False):
        return False
    kept: dict = {}
    total = [0]

    async def expand_foreign_keys(database, table, column, values):
        db = datasette.databases.get(database)
        if db is None or db.is_mutable:
            return await original(database, table, column, values)
        fk = next((fk for fk in await db.foreign_keys_for_table(table) if fk["column"] == column), None)
        if fk is None:
            return {}
        labels = await _labels(db, fk["other_table"], fk["other_column"], kept, total)
        if labels is None:
            return await original(database, table, column, values)
        found, missing = {}, []
        for value in set(values):
            if value in labels:
                found[(column, value)] = labels[value]
            elif value is not None:  # `in (null)` matches nothing: no query for it
                missing.append(value)
        if missing:  # a dangling key, or a value stored with another type: Datasette's query decides
            found.update(await original(database, table, column, missing))
        return found

    expand_foreign_keys.sichuan_kept = True
    datasette.expand_foreign_keys = expand_foreign_keys
    return True


@hookimpl
def startup(datasette):
    labels_from_memory(datasette)
