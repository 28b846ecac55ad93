"""Load test on loopback: N concurrent clients for T seconds of mixed requests (table, facets, search,
CSV, map JSON, article pages), with a runaway query (a recursive CTE and a huge LIKE) fired in the
middle. Stops by itself and reports throughput, p50/p99 latency, errors and 5xx; first, for --floor-seconds,
the same clients ask only Datasette's cheapest page (/-/versions.json), and the mix's throughput is also
given as a ratio to that floor (the machine is shared: absolute figures move with its load).

The site keeps the answers it has sent (plugins/http_cache.py), and this mix repeats 22 addresses, so
after the first few seconds nearly every request is a cache hit; `--no-response-cache` measures the same
mix with every request a miss (the report counts both).

The site is started as `make serve` starts it (`sichuan-edu serve`: one process per core), or as one
plain `datasette serve` process with --server datasette, to compare. The clients are bench/httpload.py's
(keep-alive connections that cost little CPU, so the server, not the client, is measured).

    .venv/bin/python bench/loadtest.py --db bench/work/serve1000.db --clients 50 --seconds 60
"""
from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpload  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = [
    "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r",
    "select count(*) from articles a, articles b, articles c where a.body || b.body like '%' || c.title || '%不存在%'",
]


OVERRIDES: dict = {}


def settings_args() -> list[str]:
    settings = {**json.loads((ROOT / "settings.json").read_text()), **OVERRIDES}
    return [arg for k, v in settings.items() for arg in ("--setting", k, str(v).lower())]


def start(db: Path, port: int, server: str = "serve", workers: str = "auto", plugins: Path = ROOT / "plugins",
          response_cache: bool = True, metadata: Path = ROOT / "metadata.yml") -> subprocess.Popen:
    args = ["-i", str(db), "--metadata", str(metadata), "--plugins-dir", str(plugins),
            "--template-dir", str(ROOT / "templates"), "--port", str(port), *settings_args()]
    if server == "datasette":
        command = [str(Path(sys.executable).with_name("datasette")), "serve", *args]
    else:
        command = [sys.executable, "-m", "sichuan_edu", "serve", "--workers", workers, *args]
    import os

    env = {**os.environ, **({} if response_cache else {"SICHUAN_EDU_RESPONSE_CACHE_MB": "0"})}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=env)
    for _ in range(1200):
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    stop(proc)
    raise SystemExit("the server did not start")


def stop(proc: subprocess.Popen) -> None:
    import os
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def paths(db_name: str, article_ids: list[str]) -> list[str]:
    q = urllib.parse.quote
    searches = ["就业", "产教融合", "省", "教育厅", "毕业生 双选会", "2023届"]
    return (
        [f"/{db_name}/articles", f"/{db_name}/cases", f"/{db_name}/institutions?_facet=type&_facet=city_id",
         f"/{db_name}/cases?_facet=category", f"/{db_name}/cases.csv?_size=max", f"/{db_name}/city_map.json?_shape=array",
         f"/{db_name}/institutions.json?_shape=array&_size=max", "/"]
        + [f"/{db_name}/articles?_search={q(s)}" for s in searches]
        + [f"/{db_name}/search?q={q(s)}" for s in searches[:3]]
        + [f"/{db_name}/articles/{q(a)}" for a in article_ids[:5]]
    )


async def runaway(base: str, db_name: str, delay: float, out: list):
    await asyncio.sleep(delay)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for sql in RUNAWAY:
            t = time.perf_counter()
            r = await http.get(f"/{db_name}.json", params={"sql": sql})
            out.append({"sql": sql[:60], "status": r.status_code, "seconds": round(time.perf_counter() - t, 2),
                        "error": (r.json().get("error") or "")[:80] if r.headers.get("content-type", "").startswith("application/json") else ""})


async def main_async(args) -> dict:
    import os
    import sqlite3
    import tempfile

    # Served under the name the metadata and canned queries use, whatever the file is called.
    source = Path(args.db).resolve()
    db = Path(tempfile.mkdtemp()) / "sichuan_edu.db"
    db.symlink_to(source)
    db_name = db.stem

    ids = [r[0] for r in sqlite3.connect(db).execute("select id from articles order by rowid limit 5")]
    port = args.port
    proc = start(db, port, args.server, args.workers, Path(args.plugins_dir).resolve(), not args.no_response_cache,
                 Path(args.metadata).resolve())
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()  # the machine is shared: how busy it was as the test began
    try:
        urls = paths(db_name, ids)
        # The machine is shared: the same clients on Datasette's cheapest page first, so the mix's figures
        # can be read as ratios to what this server could do at that moment.
        floor = await httpload.load("127.0.0.1", port, "/-/versions.json", args.clients, args.floor_seconds, seed=1)
        runaways = []
        load, _ = await asyncio.gather(
            httpload.load("127.0.0.1", port, urls, args.clients, args.seconds, seed=1),
            runaway(base, db_name, args.seconds / 3, runaways),
        )
    finally:
        stop(proc)
    return {
        "server": args.server, "workers": args.workers, "settings": OVERRIDES,
        "response_cache": not args.no_response_cache, "response_cache_answers": load["response_cache"],
        "load_before": [round(x, 2) for x in load_before], "db": str(source), "clients": args.clients,
        "seconds": round(load["seconds"], 1), "requests": load["requests"],
        "throughput_rps": round(load["rps"], 1), "p50_ms": round(load["p50_ms"], 1), "p99_ms": round(load["p99_ms"], 1),
        "mean_ms": round(load["mean_ms"], 1), "statuses": load["statuses"], "errors": load["errors"],
        "client_cpu_share": round(load["client_cpu_share"], 2), "runaway_queries": runaways,
        "floor": {"path": "/-/versions.json", "seconds": round(floor["seconds"], 1), "requests": floor["requests"],
                  "throughput_rps": round(floor["rps"], 1), "p50_ms": round(floor["p50_ms"], 1),
                  "p99_ms": round(floor["p99_ms"], 1), "errors": floor["errors"]},
        "throughput_vs_floor": round(load["rps"] / floor["rps"], 4) if floor["rps"] else None,
        "per_path": {p: {k: round(v, 1) for k, v in s.items()} for p, s in sorted(
            load["per_path"].items(), key=lambda kv: -kv[1]["mean_ms"])},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sichuan_edu.db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--floor-seconds", type=float, default=10,
                        help="seconds of the same clients on /-/versions.json before the mix (the floor)")
    parser.add_argument("--server", choices=["serve", "datasette"], default="serve",
                        help="serve: as `make serve` (default); datasette: one `datasette serve` process")
    parser.add_argument("--workers", default="auto")
    parser.add_argument("--plugins-dir", default=str(ROOT / "plugins"), help="another plugins folder (an older version's)")
    parser.add_argument("--metadata", default=str(ROOT / "metadata.yml"), help="another metadata file (an older version's)")
    parser.add_argument("--no-response-cache", action="store_true",
                        help="serve with the kept answers off (SICHUAN_EDU_RESPONSE_CACHE_MB=0): every request a miss")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "loadtest.json"))
    parser.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a Datasette setting other than settings.json's (to try one)")
    args = parser.parse_args(argv)
    OVERRIDES.update(dict(args.setting))
    result = httpload.run(main_async(args))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
