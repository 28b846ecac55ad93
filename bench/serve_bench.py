"""Serving throughput as ratios to Datasette's own floor: `make bench-serve` (or run this file).

A server is started the way `make serve` starts it (or as plain `datasette serve`, to compare), on a
copy of a database named sichuan_edu.db; then, for each page below, `--clients` keep-alive connections
send requests back to back for `--seconds` (bench/httpload.py, a client that costs little CPU).
Each page's requests per second is divided by the floor: `/-/versions.json`, the cheapest page
Datasette serves, measured on the same server in the same run. The machines are shared and noisy, so
ratios are what the results compare, never absolute times.

    .venv/bin/python bench/serve_bench.py --db bench/work/serve1000.db --server serve --label after
    .venv/bin/python bench/serve_bench.py --db bench/work/serve1000.db --server datasette --label before

The site keeps the answers it has sent (plugins/http_cache.py), so a page asked again and again is a
cache hit. Each page is therefore also measured over many distinct addresses (every page of the articles
table, hundreds of articles, searches for hundreds of words), and `--no-response-cache` serves the site
with that cache off (every request a miss): compare the labels.

Results go to bench/results/serve.json (one entry per label) and are printed as a table.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpload  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
Q = urllib.parse.quote


def settings_args() -> list[str]:
    settings = json.loads((ROOT / "settings.json").read_text())
    return [arg for k, v in settings.items() for arg in ("--setting", k, str(v).lower())]


PLUGINS = ROOT / "plugins"
METADATA = ROOT / "metadata.yml"


def datasette_args(db: Path, port: int) -> list[str]:
    """What `make serve` passes to Datasette."""
    return ["-i", str(db), "--metadata", str(METADATA), "--plugins-dir", str(PLUGINS),
            "--template-dir", str(ROOT / "templates"), *settings_args(), "--port", str(port)]


def command(server: str, db: Path, port: int, workers: str) -> list[str]:
    bin_ = Path(sys.executable).parent
    if server == "datasette":  # one process, as `make serve` ran it before issue 14
        return [str(bin_ / "datasette"), "serve", *datasette_args(db, port)]
    if server == "serve":  # what `make serve` runs now
        return [sys.executable, "-m", "sichuan_edu", "serve", "--workers", workers, *datasette_args(db, port)]
    if server in ("uvicorn", "granian"):  # the same app under another server, to choose between them
        return [sys.executable, "-m", "sichuan_edu", "serve", "--server", server, "--workers", workers,
                *datasette_args(db, port)]
    raise SystemExit(f"unknown server {server}")


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpload.run(httpload.get_once("127.0.0.1", port, "/-/versions.json"))[0] == 200:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise SystemExit("server did not answer")


DISTINCT = 300  # addresses a distinct-address page cycles through (chosen at random by each client)


def pages(db: Path) -> dict[str, str | list[str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    article = conn.execute("select id from articles order by rowid limit 1 offset 3").fetchone()[0]
    # Every 50th key starts a page of the articles table (Datasette's _next for a table sorted by its key).
    starts = [r[0] for r in conn.execute("select id from (select id, row_number() over (order by id) as n "
                                         "from articles) where n % 50 = 0 limit ?", [DISTINCT])]
    articles = [r[0] for r in conn.execute("select id from articles order by random() limit ?", [DISTINCT])]
    # Words of every frequency: the keywords articles are tagged with, most common first.
    # (a database built before article_keywords existed: each article's first keyword)
    tagged = "article_keywords" if conn.execute(
        "select 1 from sqlite_master where name = 'article_keywords'").fetchone() else "articles"
    words = [r[0] for r in conn.execute(f"select keyword from {tagged} where keyword is not null group by keyword "
                                        "order by count(*) desc limit ?", [DISTINCT])]
    return {
        "floor /-/versions.json": "/-/versions.json",
        "home /": "/",
        "articles HTML table": "/sichuan_edu/articles",
        "article page": f"/sichuan_edu/articles/{Q(article)}",
        "articles JSON": "/sichuan_edu/articles.json",
        "search JSON ?_search=就业": f"/sichuan_edu/articles.json?_search={Q('就业')}",
        "search HTML ?_search=就业": f"/sichuan_edu/articles?_search={Q('就业')}",
        "search page /-/find?q=就业": f"/-/find?q={Q('就业')}",
        "institutions faceted": "/sichuan_edu/institutions?_facet=type&_facet=city_id",
        f"articles HTML table, {len(starts)} distinct pages": [f"/sichuan_edu/articles?_next={Q(s)}" for s in starts],
        f"article page, {len(articles)} distinct": [f"/sichuan_edu/articles/{Q(a)}" for a in articles],
        f"search JSON, {len(words)} distinct words": [f"/sichuan_edu/articles.json?_search={Q(w)}" for w in words],
    }


def measure(server: str, db_file: Path, workers: str, clients: int, seconds: float, port: int,
            only: list[str] | None = None, gzip: bool = False, response_cache: bool = True) -> dict:
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "sichuan_edu.db"  # the name metadata.yml and the canned queries use
    db.symlink_to(db_file.resolve())
    env = {**os.environ, **({} if response_cache else {"SICHUAN_EDU_RESPONSE_CACHE_MB": "0"})}
    proc = subprocess.Popen(command(server, db, port, workers), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, env=env)
    out = {}
    try:
        wait_ready(port, proc)
        headers = {"Accept-Encoding": "gzip"} if gzip else None
        for name, path in pages(db).items():
            if only and not any(o in name for o in only) and not name.startswith("floor"):
                continue
            httpload.run(httpload.load("127.0.0.1", port, path, clients, min(1.0, seconds / 3), headers))  # warm up
            r = httpload.run(httpload.load("127.0.0.1", port, path, clients, seconds, headers))
            out[name] = {k: r[k] for k in ("rps", "p50_ms", "p99_ms", "requests", "errors", "statuses",
                                           "bytes_mean", "client_cpu_share", "response_cache")}
            if isinstance(path, list):
                out[name]["distinct_paths"] = len(path)
            print(f"  {name}: {r['rps']:.1f} req/s, p50 {r['p50_ms']:.1f} ms, {r['bytes_mean']:.0f} B, "
                  f"client CPU {r['client_cpu_share']:.2f}, {r['statuses']}, cache {r['response_cache']}", flush=True)
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
    floor = out["floor /-/versions.json"]["rps"]
    for v in out.values():
        v["ratio_to_floor"] = v["rps"] / floor
    return out


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def markdown(results: dict) -> str:
    labels = list(results)
    names = list(dict.fromkeys(n for r in results.values() for n in r["pages"]))
    head = "| page | " + " | ".join(f"{l} ({results[l]['server']}, {results[l]['workers']} w)" for l in labels) + " |\n"
    head += "|---|" + "---:|" * len(labels) + "\n"
    rows = []
    for n in names:
        cells = []
        for l in labels:
            p = results[l]["pages"].get(n)
            cells.append("—" if p is None else
                         (f"{p['rps']:.0f} req/s" if n.startswith("floor") else f"{p['ratio_to_floor']:.3f}× ({p['rps']:.0f}/s, p50 {p['p50_ms']:.0f} ms)"))
        rows.append(f"| {n} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "work" / "serve1000.db"))
    parser.add_argument("--server", default="serve", choices=["serve", "datasette", "uvicorn", "granian"])
    parser.add_argument("--workers", default="auto", help="server processes (default: as many as cores)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--label", default=None)
    parser.add_argument("--only", nargs="*", help="measure only pages whose names contain one of these")
    parser.add_argument("--gzip", action="store_true", help="ask for gzip (Accept-Encoding), as browsers do")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-response-cache", action="store_true",
                        help="serve with the kept answers off (SICHUAN_EDU_RESPONSE_CACHE_MB=0): every request a miss")
    parser.add_argument("--plugins-dir", default=None, help="another plugins folder (e.g. an older version's)")
    parser.add_argument("--metadata", default=None, help="another metadata file (e.g. an older version's)")
    args = parser.parse_args(argv)
    if args.metadata:
        global METADATA
        METADATA = Path(args.metadata).resolve()
    if args.plugins_dir:
        global PLUGINS
        PLUGINS = Path(args.plugins_dir).resolve()
    label = args.label or f"{args.server}-{args.workers}"
    print(f"{label}: {args.server}, workers {args.workers}, {args.clients} clients x {args.seconds}s, {args.db}", flush=True)
    pages_ = measure(args.server, Path(args.db), args.workers, args.clients, args.seconds, args.port or free_port(),
                     args.only, args.gzip, not args.no_response_cache)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "serve.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results[label] = {"server": args.server, "workers": args.workers, "plugins": str(PLUGINS), "clients": args.clients,
                      "seconds": args.seconds, "db": str(args.db), "cpus": os.cpu_count(), "gzip": args.gzip,
                      "response_cache": not args.no_response_cache, "load_before": os.getloadavg(),
                      "when": time.strftime("%Y-%m-%d %H:%M"), "pages": pages_}
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown({label: results[label]}))
    (RESULTS / "serve.md").write_text(
        f"Requests per second of each page as a ratio to the floor (`/-/versions.json`) of the same server in the same\n"
        f"run ({args.clients} keep-alive clients, {args.seconds:.0f} s a page; `make bench-serve`). Columns: every label in serve.json.\n\n"
        + markdown(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
