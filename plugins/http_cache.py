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
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from asgi_gzip import GZipMiddleware
from datasette import hookimpl

MAX_AGE = 3600  # seconds a page may be reused without asking; an hour is the longest a new build waits
GZIP_LEVEL = 6
GZIP_MIN_BYTES = 1000
CHUNK_BYTES = 64 * 1024  # a streamed body (Datasette's CSV sends one message a row) goes out in pieces this big
LIVE_PATHS = ("/-/threads", "/-/actor", "/-/permissions", "/-/messages", "/-/auth-token", "/-/logout",
              "/-/allow-debug", "/-/login")
SIGNED_IN_COOKIES = ("ds_actor",)


def _header(scope, name: bytes) -> bytes | None:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return v
    return None


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
    if _header(scope, b"authorization") is not None:
        return False
    cookie = (_header(scope, b"cookie") or b"").decode("latin-1")
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
        asked = _header(scope, b"if-none-match")
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
    return lambda app: gzip_unless_compressed(http_cache(app, datasette))
