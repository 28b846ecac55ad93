"""Many-valued columns (schema.LIST_COLUMNS) as lists: arrays in JSON, items joined with '；' in CSV (in HTML:
plugins/cell_links.py)."""
from functools import partial

from datasette import hookimpl

from sichuan_edu.schema import LIST_COLUMNS
from sichuan_edu.site import lists_as_lists


@hookimpl
def asgi_wrapper():
    return partial(lists_as_lists, lists=LIST_COLUMNS)
