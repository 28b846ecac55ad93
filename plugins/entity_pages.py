"""The pages of a person, an institution, a case and a city (Datasette's row pages, with our templates)."""
from datasette import hookimpl
from datasette.utils import tilde_decode

from sichuan_edu.entities import ENTITY_PAGES, entity_context


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table not in ENTITY_PAGES or request is None:
        return {}

    async def inner():
        pk = tilde_decode(request.url_vars.get("pks", ""))
        return {"sichuan_entity": await entity_context(datasette.get_database(database), table, pk,
                                                       datasette.urls.database(database), datasette.urls.path("").rstrip("/"))}

    return inner
