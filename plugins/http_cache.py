"""HTTP caching and gzip for a site whose databases are immutable.

- A streamed body's many small messages (Datasette's CSV sends one a row) are sent in 64 KB pieces.
- gzip (asgi-gzip, Starlette's middleware) for clients that accept it, at zlib's default level 6 (level 9
  costs more CPU for a few per cent less): a table page of articles is a tenth of its size.
- While every database is immutable (`datasette serve -i`), a page can only change when the database
  file or the site's code, templates, metadata or settings change, which means a new deployment. So a
  successful GET answered to a visitor without sign-in gets `Cache-Control: public, max-age=3600` in place
  of Datasette's five seconds, and an ETag naming the databases' contents and the site's version; a
  request that brings that ETag back (If-None-Match) gets `304 Not Modified` at once, without running the
  page's queries. Datasette's other choices stand: `?_ttl=`, `no-cache`, `no-store`, `private` (set with
  any cookie), and its static files' own headers. Pages that show the server's state (/-/threads, the
  actor, permissions, messages) are left alone.
- While every database is immutable, a page answered once can be sent again as it is: the last
  RESPONSE_CACHE_BYTES of answers (their bytes as sent, compressed or not) are kept per process, keyed by the
  whole address and whether the client takes gzip, for a visitor without sign-in or cookies (but the CSRF
  token, which no GET page of an immutable site uses). A page is kept only if it answered 200 with no cookie
  set and no `no-store`/`private`/`no-cache`, and its body is at most RESPONSE_CACHE_ENTRY_BYTES. Every
  answer says `x-response-cache: hit` or `miss`. SICHUAN_EDU_RESPONSE_CACHE_MB=0 in the environment turns
  the cache off (the benchmarks measure the site both ways). A kept page shows the query time of the
  answer kept (its footer, `query_ms`).
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from pathlib import Path

from asgi_gzip import GZipMiddleware
from datasette import hookimpl

from sichuan_edu.requests import header, neutral_cookies

MAX_AGE = 3600  # seconds a page may be reused without asking; an hour is the longest a new build waits
GZIP_LEVEL = 6
GZIP_MIN_BYTES = 1000
CHUNK_BYTES = 64 * 1024  # a streamed body (Datasette's CSV sends one message a row) goes out in pieces this big
LIVE_PATHS = ("/-/threads", "/-/actor", "/-/permissions", "/-/messages", "/-/auth-token", "/-/logout",
              "/-/allow-debug", "/-/login")
SIGNED_IN_COOKIES = ("ds_actor",)
RESPONSE_CACHE_BYTES = 64 * 1024 * 1024  # per process; a 1,000-page database's 158 articles-table pages: 7 MB gzipped
RESPONSE_CACHE_ENTRY_BYTES = 1024 * 1024  # a bigger body (a whole table's CSV) is streamed each time, not kept
CACHE_ENV = "SICHUAN_EDU_RESPONSE_CACHE_MB"
UNCACHEABLE_CONTROLS = (b"no-store", b"private", b"no-cache")


def immutable(datasette) -> bool:
    dbs = [db for name, db in datasette.databases.items() if not name.startswith("_")]
    return bool(dbs) and not any(db.is_mutable for db in dbs)


def site_version(datasette) -> str:
    """A digest of everything a page is made from: each database's contents (Datasette's own hash of an
    immutable file), the metadata, settings, installed plugins and their versions, templates and the
    project's code."""
    h = hashlib.sha256()
    for name, db in sorted(datasette.databases.items()):
        if not name.startswith("_"):
            h.update(f"{name}={db.hash}\n".encode())
    h.update(json.dumps(datasette.metadata(), sort_keys=True, default=str).encode())
    h.update(json.dumps(datasette.settings_dict(), sort_keys=True, default=str).encode())
    h.update(json.dumps(datasette._plugins(), sort_keys=True, default=str).encode())
    import datasette as datasette_package
    import sichuan_edu

    h.update(datasette_package.__version__.encode() if hasattr(datasette_package, "__version__") else b"")
    folders = [datasette.plugins_dir, *(getattr(datasette, "template_dir", None) and [datasette.template_dir] or []),
               os.path.dirname(sichuan_edu.__file__)]
    for folder in folders:
        if folder and os.path.isdir(folder):
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".yml", ".json", ".txt", ".csv", ".tsv"):
                    h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:20]


def cacheable_request(scope) -> bool:
    if scope.get("method") not in ("GET", "HEAD"):
        return False
    if scope["path"].startswith(LIVE_PATHS) or b"_ttl=" in scope.get("query_string", b""):
        return False
    if header(scope, b"authorization") is not None:
        return False
    cookie = (header(scope, b"cookie") or b"").decode("latin-1")
    return not any(f"{name}=" in cookie for name in SIGNED_IN_COOKIES)


def coalesced(send):
    """send() that joins a streamed body's small messages into pieces of CHUNK_BYTES: Datasette's CSV
    sends one message a row, and each message costs the server a write and the gzip layer a call."""
    parts, size = [], [0]

    async def send_coalesced(message):
        if message["type"] != "http.response.body":
            return await send(message)
        body, more = message.get("body", b""), message.get("more_body", False)
        if more and not parts and len(body) >= CHUNK_BYTES:
            return await send(message)
        parts.append(body)
        size[0] += len(body)
        if more and size[0] < CHUNK_BYTES:
            return
        joined = b"".join(parts)
        parts.clear()
        size[0] = 0
        await send({**message, "body": joined})

    return send_coalesced


def http_cache(app, datasette):
    state = {}

    def etag() -> bytes:
        if "etag" not in state:
            state["etag"] = f'W/"{site_version(datasette)}"'.encode()
        return state["etag"]

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        send = coalesced(send)
        if not cacheable_request(scope) or not immutable(datasette):
            return await app(scope, receive, send)
        tag = etag()
        asked = header(scope, b"if-none-match")
        if asked and (asked.strip() == b"*" or tag in [t.strip() for t in asked.split(b",")]):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", tag), (b"cache-control", f"public, max-age={MAX_AGE}".encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        default = f"max-age={datasette.setting('default_cache_ttl')}".encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                control = next((v for k, v in headers if k.lower() == b"cache-control"), None)
                if b"set-cookie" not in names and (control is None or control.strip() == default):
                    headers = [(k, v) for k, v in headers if k.lower() not in (b"cache-control", b"etag")]
                    headers += [(b"cache-control", f"public, max-age={MAX_AGE}".encode()), (b"etag", tag)]
                    message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


def cache_bytes_from_env() -> int:
    value = os.environ.get(CACHE_ENV)
    if value in (None, ""):
        return RESPONSE_CACHE_BYTES
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1
    if not megabytes >= 0:
        raise ValueError(f"{CACHE_ENV} must be a number of megabytes (0: no kept answers), not {value!r}")
    return int(megabytes * 1024 * 1024)


class ResponseCache:
    """Whole answers (start message, body) by key, least recently used dropped first past max_bytes."""

    def __init__(self, max_bytes: int, entry_bytes: int = RESPONSE_CACHE_ENTRY_BYTES):
        self.max_bytes, self.entry_bytes = max_bytes, entry_bytes
        self.entries: OrderedDict = OrderedDict()
        self.size = self.hits = self.misses = 0

    def get(self, key):
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
        return hit

    def put(self, key, start: dict, body: bytes) -> None:
        cost = len(body) + len(key[0]) + 200
        if cost > min(self.entry_bytes, self.max_bytes):
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[1]) + len(key[0]) + 200
        while self.entries and self.size + cost > self.max_bytes:
            k, (_, b) = self.entries.popitem(last=False)
            self.size -= len(b) + len(k[0]) + 200
        self.entries[key] = (start, body)
        self.size += cost


def cache_key(scope) -> tuple | None:
    """The key of a request whose answer may be shared: an anonymous GET without cookies that matter."""
    if scope.get("method") != "GET" or not cacheable_request(scope) or header(scope, b"if-none-match") is not None:
        return None
    if not neutral_cookies(scope):
        return None
    address = (scope.get("root_path", "") + scope["path"]).encode("utf-8", "surrogateescape") + b"?" + scope.get("query_string", b"")
    return address, b"gzip" in (header(scope, b"accept-encoding") or b"").lower()


def shareable(start: dict) -> bool:
    if start["status"] != 200:
        return False
    for k, v in start.get("headers", []):
        k = k.lower()
        if k == b"set-cookie" or (k == b"cache-control" and any(c in v.lower() for c in UNCACHEABLE_CONTROLS)):
            return False
    return True


def response_cache(app, datasette, cache: ResponseCache):
    async def wrapped(scope, receive, send):
        key = cache_key(scope) if scope["type"] == "http" and cache.max_bytes > 0 else None
        if key is None or not immutable(datasette):
            return await app(scope, receive, send)
        hit = cache.get(key)
        if hit is not None:
            cache.hits += 1
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        cache.misses += 1
        state = {"parts": [], "size": 0, "keep": False}

        async def capture(message):
            if message["type"] == "http.response.start":
                state["keep"] = shareable(message)
                message = {**message, "headers": [*message.get("headers", []), (b"x-response-cache", b"miss")]}
                if state["keep"]:
                    state["start"] = {**message, "headers": [*message["headers"][:-1], (b"x-response-cache", b"hit")]}
            elif message["type"] == "http.response.body" and state["keep"]:
                body = message.get("body", b"")
                state["size"] += len(body)
                if state["size"] > cache.entry_bytes:
                    state["keep"], state["parts"] = False, []
                else:
                    state["parts"].append(body)
                if state["keep"] and not message.get("more_body", False):
                    cache.put(key, state["start"], b"".join(state["parts"]))
            await send(message)

        await app(scope, receive, capture)

    return wrapped


# Compressed formats gain nothing from gzip (a page image: about 1%, for the CPU of compressing it).
COMPRESSED_SUFFIXES = (".webp", ".jpg", ".jpeg", ".png", ".gz", ".zip")


def gzip_unless_compressed(app):
    zipped = GZipMiddleware(app, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)

    async def wrapped(scope, receive, send):
        inner = app if scope["type"] == "http" and scope["path"].endswith(COMPRESSED_SUFFIXES) else zipped
        await inner(scope, receive, send)

    return wrapped


@hookimpl(trylast=True)  # the outermost wrapper: it sees every other plugin's response, and compresses last
def asgi_wrapper(datasette):
    # The kept answers live on the Datasette instance: its test client and the server build separate apps.
    if not hasattr(datasette, "_sichuan_response_cache"):
        datasette._sichuan_response_cache = ResponseCache(cache_bytes_from_env())
    cache = datasette._sichuan_response_cache
    return lambda app: response_cache(gzip_unless_compressed(http_cache(app, datasette)), datasette, cache)
