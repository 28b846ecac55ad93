"""Load test on loopback: N concurrent clients for T seconds of mixed requests (table, facets, search,
CSV, map JSON, article pages), with a runaway query (a recursive CTE and a huge LIKE) fired in the
middle. Stops by itself and reports throughput, p50/p99 latency, errors and 5xx.

    .venv/bin/python bench/loadtest.py --db sichuan_edu.db --clients 50 --seconds 60
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = [
    "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r",
    "select count(*) from articles a, articles b, articles c where a.body || b.body like '%' || c.title || '%不存在%'",
]


def settings_args() -> list[str]:
    settings = json.loads((ROOT / "settings.json").read_text())
    return [arg for k, v in settings.items() for arg in ("--setting", k, str(v).lower())]


def start(db: Path, port: int) -> subprocess.Popen:
    datasette = Path(sys.executable).with_name("datasette")
    proc = subprocess.Popen([str(datasette), "serve", "-i", str(db), "--metadata", str(ROOT / "metadata.yml"),
                             "--plugins-dir", str(ROOT / "plugins"), "--template-dir", str(ROOT / "templates"),
                             "--port", str(port), *settings_args()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("datasette did not start")


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


async def client(base: str, urls: list[str], until: float, latencies: list, statuses: dict, rng: random.Random):
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            url = rng.choice(urls)
            t = time.perf_counter()
            try:
                r = await http.get(url)
                status = r.status_code
            except httpx.HTTPError as e:
                status = type(e).__name__
            latencies.append(time.perf_counter() - t)
            statuses[status] = statuses.get(status, 0) + 1


async def runaway(base: str, db_name: str, delay: float, out: list):
    await asyncio.sleep(delay)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for sql in RUNAWAY:
            t = time.perf_counter()
            r = await http.get(f"/{db_name}.json", params={"sql": sql})
            out.append({"sql": sql[:60], "status": r.status_code, "seconds": round(time.perf_counter() - t, 2),
                        "error": (r.json().get("error") or "")[:80] if r.headers.get("content-type", "").startswith("application/json") else ""})


async def main_async(args) -> dict:
    import sqlite3
    import tempfile

    # Served under the name the metadata and canned queries use, whatever the file is called.
    source = Path(args.db).resolve()
    db = Path(tempfile.mkdtemp()) / "sichuan_edu.db"
    db.symlink_to(source)
    db_name = db.stem

    ids = [r[0] for r in sqlite3.connect(db).execute("select id from articles order by rowid limit 5")]
    port = args.port
    proc = start(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        urls = paths(db_name, ids)
        latencies, statuses, runaways = [], {}, []
        until = time.monotonic() + args.seconds
        started = time.perf_counter()
        rng = random.Random(1)
        await asyncio.gather(
            *(client(base, urls, until, latencies, statuses, random.Random(rng.random())) for _ in range(args.clients)),
            runaway(base, db_name, args.seconds / 3, runaways),
        )
        elapsed = time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait()
    lat = sorted(latencies)
    return {
        "clients": args.clients, "seconds": round(elapsed, 1), "requests": len(lat),
        "throughput_rps": round(len(lat) / elapsed, 1),
        "p50_ms": round(1000 * lat[len(lat) // 2], 1), "p99_ms": round(1000 * lat[int(len(lat) * 0.99)], 1),
        "mean_ms": round(1000 * statistics.mean(lat), 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
        "errors": sum(v for k, v in statuses.items() if not isinstance(k, int) or k >= 500),
        "runaway_queries": runaways,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sichuan_edu.db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)
    result = asyncio.run(main_async(args))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "loadtest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
