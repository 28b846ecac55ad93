"""/-/find: the search page people read (ranked articles with snippets, facets, cases, institutions, people)."""
from datasette import hookimpl
from datasette.utils.asgi import Response

from sichuan_edu.search_page import SEARCH_PATH, parse_request, search_context
from sichuan_edu.site import dataset_database


async def find(datasette, request):
    name = await dataset_database(datasette)
    if name is None:
        return Response.text("no database with articles", status=404)
    context = await search_context(datasette.get_database(name), parse_request(request.args),
                                   db_url=datasette.urls.database(name), path=datasette.urls.path(SEARCH_PATH))
    return Response.html(await datasette.render_template("sichuan_search.html", {**context, "database": name, "metadata": datasette.metadata()},
                                                         request=request))


@hookimpl
def register_routes():
    # Not /-/search: datasette-search-all serves that page (every table's search box on one page).
    return [(r"^/-/find$", find)]
