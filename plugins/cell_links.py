"""How cells read in HTML: long text folded in table views, many-valued columns as lists, query results' names
linked to their rows, codes as words, the map's popup as its text (sichuan_edu/site.py). One hook for all of
them: Datasette asks once per cell."""
from datasette import hookimpl

from sichuan_edu.schema import LIST_COLUMNS
from sichuan_edu.site import cell_renderer

cell_html = cell_renderer(LIST_COLUMNS)
TABLE_CELLS, QUERY_CELLS = cell_html.table_cells, cell_html.query_cells


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if (table, column) not in TABLE_CELLS if table is not None else column not in QUERY_CELLS:
        return None  # most cells of a table page or a query: answered before anything is looked up
    return cell_html(row, value, column, table, lambda: datasette.urls.database(database),
                     lambda: datasette.setting("truncate_cells_html"))
