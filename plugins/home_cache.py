"""The home page rendered once while the databases are immutable, then sent again as it is.

Datasette 0.65 builds its home page with a loop over every table: two permission checks each (each
one a query, and a deep copy of the whole metadata), then its columns, keys and full-text table: 43
tables made the page cost about 40 times Datasette's cheapest page. When every database is immutable
(`datasette serve -i`, as `make serve` and `datasette publish` serve them) the page cannot change while
the server runs, so the first rendering of `/` is kept and sent again to every visitor whose request
could not be answered differently: no query string, no sign-in cookie or header (a signed-in actor or a
one-time message changes the page). Any other request, and every request while a database is mutable
(the tests' Datasette, a `datasette serve` without -i), is rendered by Datasette as before. What the
page shows is plugins/home_page.py's and templates/index.html's business; this only keeps it.
"""
from datasette import hookimpl

from sichuan_edu.requests import header, neutral_cookies


def anonymous_and_plain(scope) -> bool:
    """A GET of the page itself by a visitor Datasette knows nothing about."""
    if scope.get("method") != "GET" or scope.get("query_string") or header(scope, b"authorization") is not None:
        return False
    return neutral_cookies(scope)


def cache_key(datasette):
    """The served databases, if all are immutable (then the page cannot change); else None."""
    key = []
    for name, db in datasette.databases.items():
        if name.startswith("_"):  # Datasette's own _internal, and _memory: not listed to visitors
            continue
        if db.is_mutable:
            return None
        key.append((name, db.path, db.size))
    return tuple(key)


def cached_home(app, datasette):
    # The cache lives on the Datasette instance: its test client and the server build separate apps.
    if not hasattr(datasette, "_sichuan_home_cache"):
        datasette._sichuan_home_cache = {}
    cache = datasette._sichuan_home_cache

    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or scope["path"] != datasette.urls.instance() or not anonymous_and_plain(scope):
            return await app(scope, receive, send)
        key = cache_key(datasette)
        if key is None:
            return await app(scope, receive, send)
        # The accepted encoding is part of the key, should a wrapper inside this one compress.
        key = (key, header(scope, b"accept-encoding") or b"")
        hit = cache.get(key)
        if hit is not None:
            start, body = hit
            await send(dict(start))
            await send({"type": "http.response.body", "body": body})
            return
        parts, state = [], {}

        async def capture(message):
            if message["type"] == "http.response.start":
                state["start"] = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await app(scope, receive, capture)
        start = state.get("start")
        if start and start["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in start.get("headers", [])):
            if len(cache) > 8:  # a few encodings at most; never grows without bound
                cache.clear()
            cache[key] = (dict(start), b"".join(parts))

    return wrapped


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: cached_home(app, datasette)
