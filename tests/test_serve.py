"""Serving (issue 14): `make serve`'s command starts one process per worker asked and answers; the home
page kept while the database is immutable is the page Datasette renders; cache headers, 304 and gzip;
a table search answers what Datasette's own SQL answers, facets only when asked; table permissions still
hold. Behaviour only: nothing here is timed (bench/serve_bench.py measures speed)."""
from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

from conftest import ROOT
from serve_bench import free_port  # bench/ is on the path (conftest)

Q = urllib.parse.quote


def settings_args() -> list[str]:
    settings = json.loads((ROOT / "settings.json").read_text())
    return [arg for k, v in settings.items() for arg in ("--setting", k, str(v).lower())]


def metadata() -> dict:
    return yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def immutable(db_path):
    return Datasette(immutables=[str(db_path)], metadata=metadata(), plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 5000})


@pytest.fixture(scope="module")
def mutable(db_path):
    return Datasette([str(db_path)], metadata=metadata(), plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 5000})


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            found += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
        except OSError:
            pass
    return found


def test_serve_command_starts_the_workers_asked_and_answers(db_path, tmp_path):
    # The command `make serve` runs, on a copy named as the site's database.
    db = tmp_path / "sichuan_edu.db"
    db.symlink_to(db_path)
    port = free_port()
    make = subprocess.run(["make", "--no-print-directory", "-n", "serve", f"DB={db}", f"PORT={port}", "WORKERS=2"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    # The recipe's lines (continued with backslashes); the database's own rule may print a build first.
    recipe = make.replace("\\\n", " ").splitlines()
    command = next(line for line in recipe if " -m sichuan_edu serve " in line).strip()
    assert "-m sichuan_edu serve --workers 2" in command
    argv = command.split()
    argv[0] = sys.executable
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=5) as r:
                    status = r.status
                    versions = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200, proc.stdout.read().decode() if proc.poll() is not None else "no answer"
        assert versions["datasette"]["version"].startswith("0.65.")
        assert len(children(proc.pid)) == 2
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sichuan_edu/articles.json?_shape=array&_search={Q('就业')}",
                                    timeout=10) as r:
            assert len(json.loads(r.read())) == 4
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_serve_command_rejects_a_bad_option_once():
    r = subprocess.run([sys.executable, "-m", "sichuan_edu", "serve", "--no-such-option"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.startswith("error:") and r.stderr.count("error") == 1


@pytest.mark.asyncio
async def test_kept_home_page_is_the_page_datasette_renders(immutable):
    first = await immutable.client.get("/")
    kept = await immutable.client.get("/")
    # Any query string goes to Datasette's own view, rendered afresh.
    fresh = await immutable.client.get("/?_fresh=1")
    assert first.status_code == kept.status_code == fresh.status_code == 200
    assert first.text == kept.text == fresh.text.replace(".json?_fresh=1", ".json")
    assert "sichuan_edu" in kept.text and 'id="counts"' in kept.text


@pytest.mark.asyncio
async def test_home_page_of_a_mutable_database_is_rendered_each_time(mutable):
    await mutable.client.get("/")
    assert not getattr(mutable, "_sichuan_home_cache", {})


def timeless(html: str) -> str:
    import re

    return re.sub(r"Queries took [0-9.]+ms|查询用时 [0-9.]+ 毫秒", "", html)  # the footer, in English or Chinese


@pytest.mark.asyncio
async def test_cache_headers_304_and_gzip(immutable):
    r = await immutable.client.get("/sichuan_edu/articles")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=3600"
    etag = r.headers["etag"]
    assert etag.startswith('W/"')
    again = await immutable.client.get("/sichuan_edu/articles", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    # The same ETag names every page of this database and code: a table page is also unchanged.
    assert (await immutable.client.get("/sichuan_edu/cases", headers={"if-none-match": etag})).status_code == 304
    # A signed-in visitor's page is neither marked public nor answered 304.
    signed = await immutable.client.get("/sichuan_edu/articles", headers={"if-none-match": etag},
                                        cookies={"ds_actor": "x"})
    assert signed.status_code == 200 and "public" not in signed.headers.get("cache-control", "")
    # gzip for clients that accept it (httpx decodes it back).
    z = await immutable.client.get("/sichuan_edu/articles", headers={"accept-encoding": "gzip"})
    assert z.headers["content-encoding"] == "gzip" and "Accept-Encoding" in z.headers["vary"]
    assert timeless(z.text) == timeless(r.text)
    plain = await immutable.client.get("/sichuan_edu/articles", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and timeless(plain.text) == timeless(r.text)


@pytest.mark.asyncio
async def test_streamed_csv_is_whole(immutable, db_path):
    r = await immutable.client.get("/sichuan_edu/cases.csv?_stream=on&_size=max", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200
    rows = r.text.strip().splitlines()
    assert len(rows) == 1 + sqlite3.connect(db_path).execute("select count(*) from cases").fetchone()[0]
    raw = gzip.compress(r.content)  # a whole, well-formed body (httpx decoded the gzip already)
    assert gzip.decompress(raw) == r.content


@pytest.mark.asyncio
async def test_mutable_database_keeps_datasettes_headers(mutable):
    r = await mutable.client.get("/sichuan_edu/articles")
    assert r.status_code == 200 and "etag" not in r.headers
    assert r.headers.get("cache-control") != "public, max-age=3600"


def datasette_search(db_path, term: str, limit: int):
    """What Datasette's table search answers, by its own SQL, run without Datasette."""
    sys.path.insert(0, str(ROOT / "build"))
    from sichuan_edu.search import match_expression

    conn = sqlite3.connect(db_path)
    where = "rowid in (select rowid from articles_fts where articles_fts match ?)"
    q = match_expression(term)
    ids = [r[0] for r in conn.execute(f"select id from articles where {where} order by id limit {limit}", [q])]
    count = conn.execute(f"select count(*) from articles where {where}", [q]).fetchone()[0]
    return ids, count


@pytest.mark.asyncio
@pytest.mark.parametrize("plan", [None, "sort", "walk-in", "walk-exists"])
@pytest.mark.parametrize("term", ["就业", "产教融合", "省", "教育厅", "不存在的词"])
@pytest.mark.parametrize("size", [1, 2, 3, 50])
async def test_search_answers_what_datasettes_sql_answers(immutable, db_path, monkeypatch, term, size, plan):
    module = pm.get_plugin("search_speed.py")
    if plan is not None:  # every way of fetching the page, whatever the data's size would choose
        monkeypatch.setattr(module, "walk_plan", lambda matches, limit, total, prefix=False: plan)
    await immutable.client.get("/-/versions.json")  # the kept answers exist once the app is built
    monkeypatch.setattr(immutable._sichuan_response_cache, "max_bytes", 0)  # each plan answers afresh
    r = await immutable.client.get(f"/sichuan_edu/articles.json?_search={Q(term)}&_size={size}&_shape=objects")
    assert r.status_code == 200 and "x-response-cache" not in r.headers
    data = r.json()
    ids, count = datasette_search(db_path, term, size)
    assert [row["id"] for row in data["rows"]] == ids
    assert data["filtered_table_rows_count"] == count


@pytest.mark.asyncio
async def test_search_facets_only_when_asked(immutable, mutable):
    plain = (await immutable.client.get(f"/sichuan_edu/articles.json?_search={Q('就业')}")).json()
    assert plain["facet_results"] == {}
    asked = (await immutable.client.get(f"/sichuan_edu/articles.json?_search={Q('就业')}&_facet=page_id")).json()
    assert "page_id" in asked["facet_results"]
    # Without a search, the facets metadata.yml lists are computed as always.
    table = (await immutable.client.get("/sichuan_edu/articles.json")).json()
    assert set(table["facet_results"]) >= {"page_id", "published", "keyword"}
    # A mutable database: Datasette unchanged.
    searched = (await mutable.client.get(f"/sichuan_edu/articles.json?_search={Q('就业')}")).json()
    assert set(searched["facet_results"]) >= {"page_id", "published", "keyword"}


def test_walk_plan_sorts_few_matches_and_walks_many():
    module = pm.get_plugin("search_speed.py")
    assert module is not None
    assert module.walk_plan(29, 51, 106896) == "sort"
    assert module.walk_plan(16697, 51, 106896) == "walk-in"
    assert module.walk_plan(100316, 51, 106896) == "walk-exists"


@pytest.mark.asyncio
async def test_table_permissions_still_hold(db_path):
    meta = metadata()
    meta["databases"]["sichuan_edu"].setdefault("tables", {}).setdefault("cases", {})["allow"] = {"id": "root"}
    ds = Datasette(immutables=[str(db_path)], metadata=meta, plugins_dir=str(ROOT / "plugins"),
                   template_dir=str(ROOT / "templates"))
    for _ in range(2):  # the second answer comes from the kept permission
        assert (await ds.client.get("/sichuan_edu/cases.json")).status_code == 403
        assert (await ds.client.get("/sichuan_edu/articles.json?_size=1")).status_code == 200


@pytest.mark.asyncio
async def test_compressed_formats_are_not_gzipped():
    import importlib.util

    import httpx

    spec = importlib.util.spec_from_file_location("http_cache_plugin", ROOT / "plugins" / "http_cache.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    gzip_unless_compressed = plugin.gzip_unless_compressed

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/octet-stream")]})
        await send({"type": "http.response.body", "body": b"x" * 5000})

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=gzip_unless_compressed(app)), base_url="http://t")
    image = await client.get("/-/page/p/image.webp", headers={"accept-encoding": "gzip"})
    page = await client.get("/-/page/p", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in image.headers and image.content == b"x" * 5000
    assert page.headers["content-encoding"] == "gzip" and page.content == b"x" * 5000


def http_cache_plugin():
    import importlib.util

    spec = importlib.util.spec_from_file_location("http_cache_plugin", ROOT / "plugins" / "http_cache.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    return plugin


@pytest.mark.asyncio
async def test_kept_answer_is_the_answer_datasette_sent(immutable):
    path = "/sichuan_edu/articles.json?_search=" + Q("案例") + "&_size=1"
    first = await immutable.client.get(path)
    kept = await immutable.client.get(path)
    assert first.headers["x-response-cache"] == "miss" and kept.headers["x-response-cache"] == "hit"
    assert kept.status_code == 200 and kept.content == first.content
    assert {k: v for k, v in kept.headers.items() if k != "x-response-cache"} == \
        {k: v for k, v in first.headers.items() if k != "x-response-cache"}
    # Another address, or the same one asked without gzip, is its own answer.
    other = await immutable.client.get(path.replace("_size=1", "_size=2"))
    assert other.headers["x-response-cache"] == "miss" and len(first.json()["rows"]) == 1 < len(other.json()["rows"])
    plain = await immutable.client.get(path, headers={"accept-encoding": "identity"})
    assert plain.headers["x-response-cache"] == "miss" and "content-encoding" not in plain.headers
    assert {**plain.json(), "query_ms": 0} == {**first.json(), "query_ms": 0}  # the time taken differs


@pytest.mark.asyncio
async def test_answers_for_one_visitor_or_failures_are_not_kept(immutable):
    path = "/sichuan_edu/cases.json?_size=2"
    await immutable.client.get(path)
    for cookies in ({"ds_actor": "x"}, {"ds_messages": "x"}):
        assert "x-response-cache" not in (await immutable.client.get(path, cookies=cookies)).headers
    # The CSRF token changes no page that a GET shows: such a visitor shares the kept answer.
    assert (await immutable.client.get(path, cookies={"ds_csrftoken": "x"})).headers["x-response-cache"] == "hit"
    for _ in range(2):
        missing = await immutable.client.get("/sichuan_edu/no_such_table")
        assert missing.status_code == 404 and missing.headers["x-response-cache"] == "miss"
    assert "x-response-cache" not in (await immutable.client.get("/-/threads.json")).headers


@pytest.mark.asyncio
async def test_mutable_database_answers_are_not_kept(mutable):
    for _ in range(2):
        assert "x-response-cache" not in (await mutable.client.get("/sichuan_edu/cases.json?_size=2")).headers


def test_response_cache_drops_the_least_recently_used_past_its_bound():
    cache = http_cache_plugin().ResponseCache(max_bytes=3000, entry_bytes=1500)
    start = {"type": "http.response.start", "status": 200, "headers": []}
    for name in (b"/a", b"/b"):
        cache.put((name, True), start, b"x" * 1000)
    assert cache.get((b"/a", True)) is not None  # /a used last: /b goes first
    cache.put((b"/c", True), start, b"x" * 1000)
    assert cache.get((b"/b", True)) is None and cache.get((b"/a", True)) and cache.get((b"/c", True))
    assert cache.size <= cache.max_bytes
    cache.put((b"/big", True), start, b"x" * 2000)  # over one entry's bound: sent, never kept
    assert cache.get((b"/big", True)) is None and len(cache.entries) == 2


@pytest.mark.asyncio
async def test_database_addresses_from_kept_encodings_are_datasettes(immutable):
    import datasette.url_builder as url_builder
    from datasette.utils import tilde_encode

    await immutable.invoke_startup()
    assert url_builder.tilde_encode.cache_info() and url_builder.tilde_encode is not tilde_encode
    for name in ("sichuan_edu", "a b/c.d~e", "四川"):
        assert url_builder.tilde_encode(name) == url_builder.tilde_encode(name) == tilde_encode(name)
    assert immutable.urls.database("sichuan_edu", format="json") == "/sichuan_edu.json"


def test_response_cache_size_comes_from_the_environment(monkeypatch):
    plugin = http_cache_plugin()
    monkeypatch.delenv(plugin.CACHE_ENV, raising=False)
    assert plugin.cache_bytes_from_env() == plugin.RESPONSE_CACHE_BYTES
    monkeypatch.setenv(plugin.CACHE_ENV, "0")
    assert plugin.cache_bytes_from_env() == 0
    monkeypatch.setenv(plugin.CACHE_ENV, "1.5")
    assert plugin.cache_bytes_from_env() == 1536 * 1024
    for bad in ("lots", "-1", "nan"):
        monkeypatch.setenv(plugin.CACHE_ENV, bad)
        with pytest.raises(ValueError, match=plugin.CACHE_ENV):
            plugin.cache_bytes_from_env()
