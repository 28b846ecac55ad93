"""CSV that Excel opens: `_bom=1` puts a UTF-8 byte-order mark before Datasette's own CSV, nothing else changes."""
import csv
import io

import pytest

from conftest import ROOT
from sichuan_edu.site import BOM, bom_requested, csv_with_bom


@pytest.mark.parametrize("query, wanted, rest", [
    (b"_bom=1&_size=max", True, b"_size=max"),
    (b"_size=max&_bom=on&_dl=1", True, b"_size=max&_dl=1"),
    (b"_bom=0", False, b""),
    (b"_size=max", False, b"_size=max"),
    (b"q=%E4%BA%A7%E6%95%99&_bom=1", True, b"q=%E4%BA%A7%E6%95%99"),
])
def test_bom_requested(query, wanted, rest):
    assert bom_requested(query) == (wanted, rest)


async def run(app, path, query=b""):
    sent = []

    async def send(message):
        sent.append(message)

    await csv_with_bom(app)({"type": "http", "path": path, "query_string": query}, None, send)
    return sent


def fixed_app(status, body, seen=None):
    async def app(scope, receive, send):
        if seen is not None:
            seen.append(scope["query_string"])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/csv"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body, "more_body": True})
        await send({"type": "http.response.body", "body": body})
    return app


@pytest.mark.asyncio
async def test_middleware_adds_the_mark_once_and_fixes_the_length():
    seen = []
    sent = await run(fixed_app(200, "名称\n".encode(), seen), "/db/t.csv", b"_bom=1&_size=max")
    assert seen == [b"_size=max"]
    assert dict(sent[0]["headers"])[b"content-length"] == str(len("名称\n".encode()) + 3).encode()
    assert sent[1]["body"] == BOM + "名称\n".encode() and sent[2]["body"] == "名称\n".encode()


@pytest.mark.asyncio
@pytest.mark.parametrize("path, query, status", [("/db/t.csv", b"", 200), ("/db/t.json", b"_bom=1", 200),
                                                 ("/db/t.csv", b"_bom=1", 400)])
async def test_middleware_leaves_other_responses_alone(path, query, status):
    sent = await run(fixed_app(status, b"x"), path, query)
    assert sent[1]["body"] == b"x"


@pytest.fixture(scope="module")
def ds(db_path):
    import yaml
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
                     plugins_dir=str(ROOT / "plugins"))


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/sichuan_edu/cases.csv?_size=max&_sort=seq&_bom=1",
                                  "/sichuan_edu/cases.csv?_size=max&_sort=seq&_stream=on&_dl=1&_bom=1"])
async def test_table_csv_with_bom_reads_back(ds, path):
    r = await ds.client.get(path)
    assert r.status_code == 200 and r.content.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 20 and list(rows[0])[0] == "id"
    assert rows[17]["units"] == "成都职业技术学院、成都京东方光电科技有限公司"


@pytest.mark.asyncio
async def test_query_csv_with_bom_and_plain_csv_without(ds):
    r = await ds.client.get("/sichuan_edu/search.csv?q=%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88&_bom=1")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert r.content.startswith(BOM) and [row["title"] for row in rows] == [
        "四川发布20个产教融合典型案例", "全省职业教育深化产教融合现场推进会在泸州召开"]
    assert not (await ds.client.get("/sichuan_edu/cases.csv")).content.startswith(BOM)
