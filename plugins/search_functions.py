"""SQL functions for Chinese search: `match_expression(q)` and Datasette's own `escape_fts(q)`."""
from datasette import hookimpl

from sichuan_edu.search import index_text, match_expression


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, so our escape_fts wins
def prepare_connection(conn):
    conn.create_function("match_expression", 1, match_expression, deterministic=True)
    conn.create_function("escape_fts", 1, match_expression, deterministic=True)
    conn.create_function("index_text", 1, index_text, deterministic=True)
