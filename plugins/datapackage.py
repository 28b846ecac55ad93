"""/-/datapackage.json: the Frictionless description of the published tables."""
from datasette import hookimpl
from datasette.utils.asgi import Response

from sichuan_edu.datapackage import describe


async def datapackage(datasette, request):
    base = f"{request.scheme}://{request.host}"
    return Response.json(describe(datasette.metadata(), base_url=base))


@hookimpl
def register_routes():
    return [(r"^/-/datapackage\.json$", datapackage)]
