"""Many-valued columns (schema.LIST_COLUMNS) as lists: arrays in JSON, items joined with '；' in CSV."""
from functools import partial

from datasette import hookimpl

from sichuan_edu.schema import LIST_COLUMNS
from sichuan_edu.site import list_cell, lists_as_lists


@hookimpl
def asgi_wrapper():
    return partial(lists_as_lists, lists=LIST_COLUMNS)


@hookimpl
def render_cell(value, column, table):
    return list_cell(table, column, value, LIST_COLUMNS)
