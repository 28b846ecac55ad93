"""The site through Datasette's own client: pages answer, tables hold the right rows, exports work."""
import csv
import io

import pytest
from datasette.app import Datasette

from conftest import PAGE_ID, ROOT


@pytest.fixture(scope="module")
def ds(db_path):
    import yaml

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    # The built database is named after its file; the test copy is sichuan_edu.db too.
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                     settings={"sql_time_limit_ms": 5000})


async def get(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response


@pytest.mark.asyncio
@pytest.mark.parametrize("path", [
    "/", "/sichuan_edu", "/sichuan_edu/pages", "/sichuan_edu/articles", "/sichuan_edu/people",
    "/sichuan_edu/article_people", "/sichuan_edu/institutions", "/sichuan_edu/institution_names",
    "/sichuan_edu/cases", "/sichuan_edu/case_institutions", "/sichuan_edu/cities", "/sichuan_edu/counties",
    "/sichuan_edu/captions", "/sichuan_edu/residue", "/sichuan_edu/segments", "/sichuan_edu/page_tables",
    "/sichuan_edu/article_dates", "/sichuan_edu/article_keywords", "/sichuan_edu/build_warnings", "/sichuan_edu/city_map",
    "/sichuan_edu/person_institutions", "/sichuan_edu/documents", "/sichuan_edu/article_documents",
    "/sichuan_edu/article_institutions", "/sichuan_edu/article_places",
    f"/sichuan_edu/articles/{PAGE_ID}-a2",
])
async def test_page_answers(ds, path):
    await get(ds, path)


@pytest.mark.asyncio
async def test_article_row_shows_title_and_body(ds):
    html = (await get(ds, f"/sichuan_edu/articles/{PAGE_ID}-a4")).text
    assert "四川科技职业学院 搭建双选平台促就业" in html
    assert "该校学生吴镓骏感叹道" in html


@pytest.mark.asyncio
async def test_articles_json(ds):
    data = (await get(ds, "/sichuan_edu/articles.json?_shape=array&_sort=seq")).json()
    assert [a["seq"] for a in data] == [1, 2, 3, 4, 5, 6]
    assert data[2]["title"] is None and data[2]["byline"] == "据教育部官网消息"


@pytest.mark.asyncio
async def test_cases_csv_keeps_chinese(ds):
    text = (await get(ds, "/sichuan_edu/cases.csv?_size=max&_sort=seq")).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 20
    assert rows[0]["title"] == "产学研一体化装备制造业卓越工匠培养"
    assert rows[17]["units"] == "成都职业技术学院、成都京东方光电科技有限公司"


@pytest.mark.asyncio
async def test_cities_are_the_21_divisions(ds):
    data = (await get(ds, "/sichuan_edu/cities.json?_shape=array&_size=max")).json()
    assert len(data) == 21
    names = {c["name"] for c in data}
    assert {"成都市", "泸州市", "宜宾市", "凉山彝族自治州", "甘孜藏族自治州", "阿坝藏族羌族自治州"} <= names
    luzhou = next(c for c in data if c["name"] == "泸州市")
    assert (luzhou["id"], round(luzhou["latitude"], 2), round(luzhou["longitude"], 2)) == (510500, 28.87, 105.44)


@pytest.mark.asyncio
async def test_search_box_finds_chinese(ds):
    data = (await get(ds, "/sichuan_edu/articles.json?_search=产教融合&_shape=array")).json()
    assert sorted(a["seq"] for a in data) == [2, 5]
    data = (await get(ds, "/sichuan_edu/articles.json?_search=就业&_shape=array")).json()
    assert sorted(a["seq"] for a in data) == [2, 3, 4, 5]


@pytest.mark.asyncio
async def test_foreign_key_labels(ds):
    data = (await get(ds, "/sichuan_edu/institutions.json?_labels=on&_shape=array&name__exact=泸州职业技术学院")).json()
    assert data[0]["city_id"] == {"value": 510500, "label": "泸州市"}


@pytest.mark.asyncio
async def test_runaway_query_is_stopped_while_others_are_served(db_path):
    import asyncio
    import json

    import yaml

    settings = json.loads((ROOT / "settings.json").read_text())
    ds = Datasette(immutables=[str(db_path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
                   plugins_dir=str(ROOT / "plugins"), settings=settings)
    runaway = ds.client.get("/sichuan_edu.json", params={
        "sql": "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"})
    normal = ds.client.get("/sichuan_edu/cases.json?_shape=array&_size=5")
    slow, fast = await asyncio.gather(runaway, normal)
    assert slow.status_code == 400 and "took too long" in slow.json()["error"]
    assert fast.status_code == 200 and len(fast.json()) == 5


@pytest.mark.asyncio
async def test_site_cannot_write(db_path):
    import yaml

    ds = Datasette(immutables=[str(db_path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
                   plugins_dir=str(ROOT / "plugins"))
    r = await ds.client.get("/sichuan_edu.json", params={"sql": "delete from articles"})
    assert r.status_code == 400
    r = await ds.client.get("/sichuan_edu.json", params={"sql": "select count(*) as n from articles", "_shape": "array"})
    assert r.json() == [{"n": 6}]
    r = await ds.client.post("/sichuan_edu/articles/-/insert", json={"row": {"id": "x"}})
    assert r.status_code in (403, 404, 405)
