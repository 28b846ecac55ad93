"""Table permission checks without a deep copy of the metadata each time.

Datasette 0.65.5 answers "may this actor view table T?" by deep-copying every metadata source (here
metadata.yml, 30 KB of descriptions) to find T's `allow` blocks; a table page checks two or four
times, the home page twice per table, datasette-search-all's menu link once per page. The answer
depends only on the metadata, which Datasette 0.65 reads once at start-up (`--reload` restarts the
process), so it is computed once per table and kept. Not done when a plugin supplies metadata through
the `get_metadata` hook (that metadata may change between requests), nor on a Datasette without this
method (other versions: nothing to fix there).
"""
from datasette import hookimpl
from datasette.plugins import pm


def _dynamic_metadata() -> bool:
    return bool(pm.hook.get_metadata.get_hookimpls())


def cache_table_permissions(datasette) -> bool:
    original = getattr(datasette, "_table_permission_allows", None)
    if original is None or getattr(original, "sichuan_cached", False) or _dynamic_metadata():
        return False
    cache = {}

    def table_permission_allows(database, table):
        key = (database, table, id(datasette._metadata_local))
        if key not in cache:
            cache[key] = original(database, table)
        return list(cache[key])

    table_permission_allows.sichuan_cached = True
    datasette._table_permission_allows = table_permission_allows
    return True


@hookimpl
def startup(datasette):
    cache_table_permissions(datasette)
