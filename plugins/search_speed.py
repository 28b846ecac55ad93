"""Datasette's table search (`?_search=`) at the cost of the full-text index, on immutable databases.

Datasette 0.65 filters a searched table with `rowid in (select rowid from T_fts where T_fts match ...)`
and then, on 100,000 articles where a common term matches most of them (measured in bench/bench.py):
- counts the matches through the table (`select count(*) from T where rowid in (...)`): a b-tree
  seek per match, 30 ms, where the full-text index alone counts them in 2 ms;
- sorts every matching row, bodies and all, by the primary key to show the first 50: 45 ms, where
  walking the key's index until 50 matches are found takes a few;
- computes each facet the metadata lists over every match (three here, 50 ms each).

So, for a table whose full-text table is an external-content index of it (`content=[T]`: the build
keeps them equal and checks it), while the database is immutable:
- the count is asked of the full-text table (the same number);
- the first page is taken by walking the primary key's index when the matches are many (then the walk
  stops early), and left to Datasette's sort when they are few (then the sort is cheap): the same
  rows in the same order either way (walk_plan chooses, from the count);
- facets are computed on a search only when the request asks for one (`_facet=`); a plain search gets
  `_nofacet=1`, which Datasette's links then keep.
Anything else (other filters, another sort, a later page, a mutable database) runs as Datasette wrote it.
"""
from __future__ import annotations

import contextvars
import re
from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.database import Results

NAME = r"(?:\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_]*)"
MATCH = r"(?P<match>escape_fts\(:search\)|:search)"
FTS_FILTER = rf"rowid in \(select rowid from (?P<fts>{NAME}) where (?P=fts) match {MATCH}\)"
COUNT_SQL = re.compile(rf"select count\(\*\) from (?P<table>{NAME}) where {FTS_FILTER} $")
ROWS_SQL = re.compile(rf"select (?P<cols>.+) from (?P<table>{NAME}) where {FTS_FILTER} order by (?P<pk>{NAME}) "
                      rf"limit (?P<limit>\d+)$", re.S)
CONTENT = re.compile(r"content\s*=\s*(?:\[([^\]]+)\]|\"([^\"]+)\"|'([^']+)'|(\w+))", re.I)

# One request's count of matches, found while choosing how to fetch its rows and reused for its count.
_request_counts: contextvars.ContextVar[dict | None] = contextvars.ContextVar("sichuan_fts_counts", default=None)


def unescape(name: str) -> str:
    return name[1:-1] if name.startswith("[") else name


def fts_layout(conn) -> dict:
    """{table: (fts table, index on its primary key or None, rows)} for external-content FTS tables."""
    out = {}
    for fts, sql in conn.execute("select name, sql from sqlite_master where rootpage = 0 and sql like '%USING FTS%'"):
        m = CONTENT.search(sql or "")
        if not m:
            continue
        table = next(g for g in m.groups() if g)
        if not conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [table]).fetchone():
            continue
        pk_index = None
        for _, name, _, origin, _ in conn.execute(f"pragma index_list([{table}])"):
            if origin == "pk":
                cols = [r[2] for r in conn.execute(f"pragma index_info([{name}])")]
                if len(cols) == 1:
                    pk_index = (name, cols[0])
        rows = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
        out[table] = (fts, pk_index, rows)
    return out


def walk_plan(matches: int, limit: int, total: int, prefix: bool = False) -> str:
    """How to find the first `limit` of `matches` rows in key order, from costs measured on 107,000
    articles (bench/bench.py): sorting costs about 0.6 us a match (every match's row is read); gathering
    the matches' rowids and walking the key's index about 0.12 us a match; walking the index and looking
    each row up in the full-text index about 20 us a row walked, and the walk meets about
    limit * total / matches rows before it has `limit` matches. A prefix query (a one-character term,
    `"省"*`) looked up row by row merges every indexed pair that starts with it each time: about 9 ms a
    row on 8,000 articles (190 ms for 21 rows, where gathering its matches takes 12 ms), so never walked so."""
    walked = limit * total / max(matches, 1)
    if matches * matches <= limit * total / 4:  # few matches (under ~1% of 100,000): sorting them is cheap
        return "sort"
    if 20 * walked < 0.12 * matches and not prefix:  # most rows match: the walk ends almost at once
        return "walk-exists"
    return "walk-in"


def is_prefix(match: str, params: dict) -> bool:
    """Whether the MATCH expression searched has a prefix query (`*`); unsure counts as yes."""
    query = params.get("search")
    if not isinstance(query, str):
        return True
    if match.startswith("escape_fts"):  # the site's escape_fts is search.match_expression (search_functions.py)
        from sichuan_edu.search import match_expression

        query = match_expression(query)
    return "*" in query


def speed_up(db) -> None:
    """Wrap one immutable database's execute() with the rewrites above."""
    original = db.execute
    state = {}

    async def layout():
        if "layout" not in state:
            state["layout"] = await db.execute_fn(fts_layout)
        return state["layout"]

    async def fts_count(fts: str, match: str, params) -> int:
        sql = f"select count(*) from [{fts}] where [{fts}] match {match}"
        counts = _request_counts.get()
        key = (sql, tuple(sorted((params or {}).items())))
        if counts is not None and key in counts:
            return counts[key]
        n = (await original(sql, params)).rows[0][0]
        if counts is not None:
            counts[key] = n
        return n

    async def execute(sql, params=None, *args, **kwargs):
        count = COUNT_SQL.match(sql) if sql.startswith("select count(*) from ") else None
        rows = ROWS_SQL.match(sql) if count is None and " order by " in sql else None
        m = count or rows
        if m is None or not isinstance(params, dict):
            return await original(sql, params, *args, **kwargs)
        table, fts = unescape(m["table"]), unescape(m["fts"])
        found = (await layout()).get(table)
        if found is None or found[0] != fts:
            return await original(sql, params, *args, **kwargs)
        if count:
            n = await fts_count(fts, m["match"], params)
            return Results([(n,)], False, [("count(*)", None, None, None, None, None, None)])
        _, pk_index, total = found
        limit = int(m["limit"])
        if pk_index is None or unescape(m["pk"]) != pk_index[1]:
            return await original(sql, params, *args, **kwargs)
        matches = await fts_count(fts, m["match"], params)
        plan = walk_plan(matches, limit, total, prefix=is_prefix(m["match"], params))
        if plan == "sort":
            return await original(sql, params, *args, **kwargs)
        if plan == "walk-in":  # the matches' rowids gathered once, then the key's index walked
            test = f"rowid in (select rowid from [{fts}] where [{fts}] match {m['match']})"
        else:  # each row the walk meets looked up in the index: no gathering at all
            test = f"exists (select 1 from [{fts}] where [{fts}] match {m['match']} and [{fts}].rowid = [{table}].rowid)"
        fast = (f"select {m['cols']} from [{table}] where rowid in (select rowid from [{table}] indexed by [{pk_index[0]}] "
                f"where {test} order by {m['pk']} limit {limit}) order by {m['pk']} limit {limit}")
        return await original(fast, params, *args, **kwargs)

    db.execute = execute


def search_without_facets(query_string: bytes) -> bytes:
    """A table search asks for no facet: add _nofacet=1 (Datasette then computes none)."""
    if b"_search" not in query_string:
        return query_string
    keys = [k for k, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)]
    if not any(k == "_search" or k.startswith("_search_") for k in keys):
        return query_string
    if any(k.startswith("_facet") or k == "_nofacet" for k in keys):
        return query_string
    return query_string + b"&_nofacet=1"


def request_scope(app, datasette):
    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        if any(not db.is_mutable for db in datasette.databases.values()):
            scope = {**scope, "query_string": search_without_facets(scope.get("query_string", b""))}
        token = _request_counts.set({})
        try:
            await app(scope, receive, send)
        finally:
            _request_counts.reset(token)

    return wrapped


@hookimpl
def startup(datasette):
    for name, db in datasette.databases.items():
        if not db.is_mutable and not getattr(db, "sichuan_search_speed", False):
            speed_up(db)
            db.sichuan_search_speed = True


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: request_scope(app, datasette)
