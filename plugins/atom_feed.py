"""/-/newest.atom: an Atom feed of the newest articles (build/sichuan_edu/feeds.py), linked from every page's head."""
import os
from datetime import datetime, timezone

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from sichuan_edu.feeds import NEWEST_SQL, atom_feed
from sichuan_edu.site import dataset_database


async def newest(datasette, request):
    name = await dataset_database(datasette)
    if name is None:
        raise NotFound("no database with articles")
    db = datasette.get_database(name)
    rows = [dict(r) for r in await db.execute(NEWEST_SQL)]
    built = datetime.fromtimestamp(os.path.getmtime(db.path), timezone.utc)
    site = datasette.absolute_url(request, datasette.urls.path("/"))
    body = atom_feed(rows, site, datasette.absolute_url(request, request.path),
                     datasette.absolute_url(request, datasette.urls.table(name, "articles")), built)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@hookimpl
def register_routes():
    return [(r"^/-/newest\.atom$", newest)]


@hookimpl
def extra_body_script():
    # Feed readers find the feed from any page (<link rel=alternate> in the head).
    return """(function () {
  var link = document.createElement("link");
  link.rel = "alternate"; link.type = "application/atom+xml"; link.title = "最新文章 · Newest articles";
  link.href = "/-/newest.atom";
  document.head.appendChild(link);
})();"""
