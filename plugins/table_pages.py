"""Table pages and lists: long text folded in table views, and tables listed in a reader's order."""
from datasette import hookimpl

from sichuan_edu.site import clamped_cell, in_reading_order


@hookimpl
def render_cell(value, column, table, datasette):
    return clamped_cell(table, column, value, datasette.setting("truncate_cells_html"))


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["reading_order"] = in_reading_order
