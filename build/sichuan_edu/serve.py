"""`make serve`: the site in as many server processes as the machine has cores, in one command.

    sichuan-edu serve [--workers N|auto] [--server uvicorn|granian] [--access-log] DATASETTE-SERVE-OPTIONS...

Everything after our own options is `datasette serve`'s command line (files, -i, --metadata,
--plugins-dir, --template-dir, --setting, --inspect-file, --host, --port, ...), read by Datasette's own
command, so the site is configured exactly as `datasette serve` would configure it. Each worker process
builds that Datasette and serves its ASGI app; uvicorn (default, with uvloop and httptools) or granian
balances connections over the workers. Datasette answers in one Python thread per process (its SQL runs
in a few threads, but templates, JSON and plugins hold the GIL), so one process uses at most about one
core; N processes use N (bench/serve_bench.py measures it).

Before a worker takes requests it runs Datasette's start-up (plugins' startup hooks, the checks
`datasette serve` runs, table counts, each immutable database's hash) and renders the home page once, so
no visitor waits for those. Workers share one signing secret (DATASETTE_SECRET, made here when unset),
so a cookie signed by one process is read by the others.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sys

ENV = "SICHUAN_EDU_DATASETTE_ARGS"
SERVERS = ("uvicorn", "granian")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def datasette_params(args: list[str]) -> dict:
    """`datasette serve ARGS` read by Datasette's own click command: its parameters."""
    from datasette.cli import serve

    ctx = serve.make_context("datasette serve", list(args))
    return dict(ctx.params)


def make_datasette(args: list[str]):
    """The Datasette instance `datasette serve ARGS` would serve (not started)."""
    from datasette.cli import serve

    ctx = serve.make_context("datasette serve", list(args))
    with ctx:
        return ctx.invoke(serve.callback, **{**ctx.params, "return_instance": True})


async def startup(ds) -> None:
    """What `datasette serve` does before it listens, then what the first request would do."""
    from datasette.cli import check_databases

    await ds.invoke_startup()
    await check_databases(ds)
    await ds.refresh_schemas()
    for db in list(ds.databases.values()):
        if not db.is_mutable:
            await db.table_counts(limit=60 * 60 * 1000)
            await asyncio.to_thread(lambda: db.hash)  # hashing a big file would block the event loop
    response = await ds.client.get("/")  # renders and caches the home page (plugins/home_page.py)
    if response.status_code != 200:
        raise RuntimeError(f"home page answered {response.status_code}")


def app():
    """ASGI app factory for each worker: Datasette, configured from the environment, with a lifespan
    that starts it before the worker accepts requests."""
    ds = make_datasette(json.loads(os.environ[ENV]))
    inner = ds.app()

    async def asgi(scope, receive, send):
        if scope["type"] != "lifespan":
            return await inner(scope, receive, send)
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await startup(ds)
                except Exception as e:  # the server reports it and stops: a broken site must not listen
                    await send({"type": "lifespan.startup.failed", "message": f"{type(e).__name__}: {e}"})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    asgi.datasette = ds
    return asgi


def run(server: str, workers: int, host: str, port: int, uds: str | None, access_log: bool) -> None:
    target = f"{__name__}:app"
    if server == "granian":
        from granian import Granian
        from granian.constants import Interfaces

        Granian(target, address=host, port=port, uds=uds, interface=Interfaces.ASGI, workers=workers,
                factory=True, log_access=access_log, respawn_failed_workers=True).serve()
    else:
        import uvicorn

        uvicorn.run(target, factory=True, host=host, port=port, uds=uds, workers=workers, lifespan="on",
                    log_level="info", access_log=access_log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sichuan-edu serve", allow_abbrev=False,
        description="Serve the site with Datasette in several processes. Options not listed here are "
                    "`datasette serve`'s (files, -i, --metadata, --setting, --port, ...).")
    parser.add_argument("--workers", default="auto", help="server processes (default: auto, one per core)")
    parser.add_argument("--server", choices=SERVERS, default="granian", help="HTTP server (default: granian)")
    parser.add_argument("--access-log", action="store_true", help="log every request (off: it costs CPU)")
    ours, rest = parser.parse_known_args(argv)
    workers = cores() if ours.workers == "auto" else int(ours.workers)
    if workers < 1:
        parser.error("--workers must be at least 1")
    try:
        params = datasette_params(rest)
        make_datasette(rest)  # fails here, once, on a bad option, file or plugin; not in every worker
    except Exception as e:  # click's usage errors and Datasette's start-up errors
        message = getattr(e, "format_message", lambda: str(e))()
        print(f"error: {message}", file=sys.stderr)
        return 2
    os.environ[ENV] = json.dumps(rest)
    if not os.environ.get("DATASETTE_SECRET") and not params.get("secret"):
        os.environ["DATASETTE_SECRET"] = secrets.token_hex(32)  # one secret for every worker
    print(f"sichuan-edu: {workers} {ours.server} worker(s) on http://{params['host']}:{params['port']}/", file=sys.stderr,
          flush=True)
    run(ours.server, workers, params["host"], params["port"], params.get("uds"), ours.access_log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
