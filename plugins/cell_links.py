"""Cells that point somewhere: query results' names link to their rows, codes read as words, and the map's
popup column reads as its text (sichuan_edu/site.py)."""
from datasette import hookimpl

from sichuan_edu.site import popup_cell, query_cell


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    return popup_cell(table, column, value) or query_cell(row, table, column, value, datasette.urls.database(database))
