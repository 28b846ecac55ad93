"""Reading an immutable database: memory-mapped, and its schema looked up once.

- Memory mapping: searches that touch many rows are three times faster than through SQLite's read
  calls (see bench/bench.py).
- The schema: Datasette 0.65 asks SQLite about the schema again on every request (an articles table
  page: 46 trips to a SQL thread, 38 of them for table names, columns, keys, foreign keys, full-text
  tables and the permission check's name lookup; each trip is a thread hand-off that waits for the
  GIL under load). An immutable database's schema cannot change while it is served, so each answer
  is kept the first time (at most MAX_ENTRIES of them); so is the unfiltered row count of each table,
  which Datasette counted at start-up (it reuses counts itself only when given an inspect file).
- Facets of a whole table: the facets metadata.yml lists are computed on every view of a table; over a
  whole table (no filter, no search) their answer cannot change either, so each is computed once
  (on 100,000 articles the three facets of the articles page cost 18 ms a view, and the array facet of
  the cases page 78 ms). Facets of a filtered or searched view are computed as before.
- The check Datasette makes on every request that no schema changed: made once while every database
  served is immutable.
- A database's address (`datasette.urls.database`), which a table page asks for once a cell (the query-cell
  links' render_cell hook), tilde-encodes its name every time: the encoding, a pure function of the name,
  is kept (an articles table page asked 1,300 times).
Mutable databases are left as they are, but for Datasette's own _internal database, whose tables
(not rows) are fixed once Datasette has created them.
"""
from __future__ import annotations

import copy
import functools
import re

from datasette import hookimpl
from datasette.database import Results

MMAP_BYTES = 1 << 32  # 4 GB: more than a decade of pages; the OS maps only what is read
MAX_ENTRIES = 10_000  # answers kept per database: table names come from URLs, so misses are unbounded

# Database methods whose answers depend on the schema and the metadata only (both fixed while serving).
SCHEMA_METHODS = ("table_names", "view_names", "hidden_table_names", "table_exists", "table_columns",
                  "table_column_details", "primary_keys", "fts_table", "label_column_for_table",
                  "foreign_keys_for_table", "get_all_foreign_keys", "get_table_definition", "get_view_definition",
                  "attached_databases")
# SQL that reads nothing but the schema: Datasette's own statements, matched exactly.
SCHEMA_SQL = re.compile(r"\s*(select [^;]* from sqlite_master\b[^;]*|PRAGMA schema_version;?|PRAGMA database_list;?)\s*",
                        re.I | re.S)
NAME = r"(?:\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_]*)"
UNFILTERED_COUNT = re.compile(rf"select count\(\*\) from ({NAME}) $")
# Datasette's column and array facets over a whole table (its inner select has no where clause).
UNFILTERED_FACET = re.compile(rf"(?:with inner as \(|select {NAME} as value, count\(\*\) as count from \( )"
                              rf"select [^()]* from {NAME} \)")


@hookimpl
def prepare_connection(conn, database, datasette):
    db = datasette.databases.get(database)
    if db is not None and not db.is_mutable:
        conn.execute(f"pragma mmap_size = {MMAP_BYTES}")


def _key(args, kwargs):
    try:
        key = (args, tuple(sorted(kwargs.items())))
        hash(key)
        return key
    except TypeError:
        return None


def _memoized(method, cache, ready):
    async def wrapper(*args, **kwargs):
        key = _key(args, kwargs)
        if key is None or not ready():
            return await method(*args, **kwargs)
        if key in cache:
            return copy.deepcopy(cache[key])  # callers may change what they get (lists of names, keys)
        value = await method(*args, **kwargs)
        if len(cache) < MAX_ENTRIES:
            cache[key] = copy.deepcopy(value)
        return value

    return wrapper


def _schema_execute(original, db, cache):
    async def cached(key, sql, params, args, kwargs):
        """The rows of a query that cannot change while the database is immutable, run once."""
        if key in cache:
            rows, description = cache[key]
            return Results(list(rows), False, description)
        results = await original(sql, params, *args, **kwargs)
        if len(cache) < MAX_ENTRIES:
            cache[key] = (list(results.rows), results.description)
        return results

    async def execute(sql, params=None, *args, **kwargs):
        if isinstance(sql, str) and not args and not params and "count(*) as count" in sql:
            normal = " ".join(sql.split())
            if UNFILTERED_FACET.match(normal):
                return await cached(("facet", normal), sql, params, args, kwargs)
        if isinstance(sql, str) and not args and not kwargs.get("truncate"):
            m = UNFILTERED_COUNT.match(sql) if sql.startswith("select count(*) from ") else None
            if m and not params:
                table = m.group(1)[1:-1] if m.group(1).startswith("[") else m.group(1)
                counts = db.cached_table_counts or {}
                if counts.get(table) is not None:
                    return Results([(counts[table],)], False, [("count(*)", None, None, None, None, None, None)])
            elif "sqlite_master" in sql or sql.lstrip().upper().startswith("PRAGMA"):
                key = _key((sql, params if not isinstance(params, (dict, list)) else
                            tuple(sorted(params.items())) if isinstance(params, dict) else tuple(params)), {})
                if key is not None and SCHEMA_SQL.fullmatch(sql):
                    return await cached(key, sql, params, args, kwargs)
        return await original(sql, params, *args, **kwargs)

    return execute


def remember_schema(db, datasette) -> bool:
    if getattr(db, "sichuan_schema_cached", False):
        return False
    if db.name == "_internal":
        # Datasette's own database: its rows change, its tables do not once Datasette has made them
        # (datasette-search-all's menu link looks them over on every page).
        ready = lambda: getattr(datasette, "internal_db_created", False)  # noqa: E731
    elif db.is_mutable:
        return False
    else:
        ready = lambda: True  # noqa: E731
    for name in SCHEMA_METHODS:
        method = getattr(db, name, None)
        if method is not None:
            setattr(db, name, _memoized(method, {}, ready))
    if not db.is_mutable:
        db.execute = _schema_execute(db.execute, db, {})
    db.sichuan_schema_cached = True
    return True


def refresh_schemas_once(datasette) -> bool:
    """Datasette re-reads every database's schema version on every request (two trips to a SQL thread
    even for /-/versions.json); while the databases served are the same immutable ones, once is enough."""
    original = getattr(datasette, "refresh_schemas", None)
    if original is None or getattr(original, "sichuan_once", False):
        return False
    done = {}

    def served():
        return tuple((name, id(db)) for name, db in datasette.databases.items())

    async def refresh_schemas():
        key = served()
        if done.get("key") == key:
            return
        await original()
        if all(not db.is_mutable for name, db in datasette.databases.items() if name != "_internal"):
            done["key"] = key

    refresh_schemas.sichuan_once = True
    datasette.refresh_schemas = refresh_schemas
    return True


def encoded_names_once() -> bool:
    """Datasette's URL builder tilde-encodes a database's name each time it is asked for the database's
    address: a pure function of the name, so each answer is kept (at most MAX_ENTRIES names)."""
    import datasette.url_builder as url_builder

    if getattr(url_builder.tilde_encode, "cache_info", None):
        return False
    url_builder.tilde_encode = functools.lru_cache(maxsize=MAX_ENTRIES)(url_builder.tilde_encode)
    return True


@hookimpl
def startup(datasette):
    for db in datasette.databases.values():
        remember_schema(db, datasette)
    refresh_schemas_once(datasette)
    encoded_names_once()
