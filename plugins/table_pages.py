"""Table pages and lists: tables listed in a reader's order (long text is folded by plugins/cell_links.py)."""
from datasette import hookimpl

from sichuan_edu.site import in_reading_order


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["reading_order"] = in_reading_order
