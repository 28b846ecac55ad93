"""/-/pages and /-/page/<page_id>: browse paper -> issue -> page, and read a page line by line."""
from urllib.parse import unquote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from sichuan_edu.page_view import browse_context, page_context, parse_browse
from sichuan_edu.site import dataset_database


async def _render(datasette, request, template, context, name):
    return Response.html(await datasette.render_template(
        template, {**context, "database": name, "metadata": datasette.metadata()}, request=request))


async def pages(datasette, request):
    name = await dataset_database(datasette)
    if name is None:
        raise NotFound("no database with articles")
    context = await browse_context(datasette.get_database(name), parse_browse(request.args), datasette.urls.path("").rstrip("/"))
    return await _render(datasette, request, "sichuan_pages.html", context, name)


async def page(datasette, request):
    name = await dataset_database(datasette)
    if name is None:
        raise NotFound("no database with articles")
    # Datasette routes on the raw path, so the id arrives percent-encoded.
    context = await page_context(datasette.get_database(name), unquote(request.url_vars["page_id"]), request.args,
                                 datasette.urls.path("").rstrip("/"), datasette.urls.database(name))
    if context is None:
        raise NotFound("没有这个版面 no such page")
    return await _render(datasette, request, "sichuan_page.html", context, name)


@hookimpl
def register_routes():
    return [(r"^/-/pages$", pages), (r"^/-/page/(?P<page_id>[^/]+)$", page)]
