"""/-/pages and /-/page/<page_id>: browse paper -> issue -> page, and read a page line by line."""
from urllib.parse import unquote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from sichuan_edu.page_view import browse_context, image_response, page_context, parse_browse
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


async def page_image(datasette, request):
    name = await dataset_database(datasette)
    answer = name and await image_response(datasette.get_database(name), unquote(request.url_vars["page_id"]),
                                           request.url_vars["format"], request.args.get("v"),
                                           request.headers.get("if-none-match"))
    if not answer:
        raise NotFound("这个版面没有图像 no image of this page")
    status, headers, body = answer
    return Response(body, status=status, headers=headers, content_type=headers.pop("content-type", "image/webp"))


@hookimpl
def register_routes():
    return [(r"^/-/pages$", pages), (r"^/-/page/(?P<page_id>[^/]+)$", page),
            (r"^/-/page/(?P<page_id>[^/]+)/image\.(?P<format>[a-z]+)$", page_image)]
