"""SQL functions for Chinese search: match_expression(q), search_snippet(text, q), and escape_fts(q)."""
from datasette import hookimpl

from sichuan_edu.search import index_text, match_expression, snippet


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, so our escape_fts replaces its one
def prepare_connection(conn):
    conn.create_function("match_expression", 1, match_expression, deterministic=True)
    # Datasette's table search (?_search=) calls escape_fts(:search); ours builds the bigram query.
    conn.create_function("escape_fts", 1, match_expression, deterministic=True)
    conn.create_function("search_snippet", 2, snippet, deterministic=True)
    conn.create_function("index_text", 1, index_text, deterministic=True)
