"""Many-valued columns: arrays in JSON, items joined with '；' in CSV and HTML."""
import csv
import io
import json

import pytest

from conftest import PAGE_ID
from sichuan_edu.schema import LIST_COLUMNS
from sichuan_edu.site import join_list_cells, list_cell, list_columns_of


def test_join_list_cells_rewrites_only_arrays():
    text = ('id,keywords,body,n\r\n'
            'a,"[""研考"", ""考试""]","正文，含""引号""和[方括号]",1\r\n'
            'b,[],"[""x, y"", ""z""]","[1, 2]"\r\n'
            'c,"[不是JSON]",,"{""k"": 1}"\r\n')
    rows = list(csv.reader(io.StringIO(join_list_cells(text))))
    assert rows[1] == ["a", "研考；考试", '正文，含"引号"和[方括号]', "1"]
    assert rows[2] == ["b", "", "x, y；z", "1；2"]  # an item with a comma stays one quoted cell
    assert rows[3] == ["c", "[不是JSON]", "", '{"k": 1}']


def test_list_columns_of_paths():
    assert list_columns_of("/sichuan_edu/articles.json", LIST_COLUMNS) == LIST_COLUMNS["articles"]
    assert list_columns_of(f"/sichuan_edu/articles/{PAGE_ID}-a1.json", LIST_COLUMNS) == LIST_COLUMNS["articles"]
    assert "titles" in list_columns_of("/sichuan_edu.json", LIST_COLUMNS)  # SQL: by column name
    assert list_columns_of("/-/versions.json", LIST_COLUMNS) == []


def test_list_cell_in_html():
    assert str(list_cell("article_people", "titles", '["副省长", "<b>"]', LIST_COLUMNS)) == "副省长；&lt;b&gt;"
    assert list_cell("articles", "body", '["x"]', LIST_COLUMNS) is None


@pytest.fixture(scope="module")
def ds(site):
    return site


@pytest.mark.asyncio
async def test_json_answers_arrays(ds, db):
    stored = {r["id"]: json.loads(r["keywords"]) for r in db.query("select id, keywords from articles")}
    rows = (await ds.client.get("/sichuan_edu/articles.json?_shape=array&_col=keywords")).json()
    assert {r["id"]: r["keywords"] for r in rows} == stored and all(isinstance(v, list) for v in stored.values())
    row = (await ds.client.get(f"/sichuan_edu/articles/{PAGE_ID}-a1.json?_shape=array")).json()[0]
    assert row["keywords"] == stored[f"{PAGE_ID}-a1"]
    titles = (await ds.client.get("/sichuan_edu.json?_shape=array&sql=select+titles+from+article_people+"
                                  "where+titles+is+not+null")).json()
    assert titles and all(isinstance(r["titles"], list) and r["titles"] for r in titles)


@pytest.mark.asyncio
@pytest.mark.parametrize("extra", ["", "&_stream=on&_bom=1"])
async def test_csv_joins_items(ds, db, extra):
    text = (await ds.client.get(f"/sichuan_edu/article_people.csv?_size=max{extra}")).text.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == db["article_people"].count
    stored = sorted("；".join(json.loads(r["titles"])) for r in db.query("select titles from article_people where titles is not null"))
    assert sorted(r["titles"] for r in rows if r["titles"]) == stored and any("；" in t for t in stored)


@pytest.mark.asyncio
async def test_html_shows_items(ds):
    html = (await ds.client.get("/sichuan_edu/article_people?titles__notblank=1")).text
    assert "副省长；省招考委主任" in html


def test_keywords_link_table_matches_the_list_column(db):
    linked = {}
    for r in db.query("select article_id, rank, keyword from article_keywords order by article_id, rank"):
        linked.setdefault(r["article_id"], []).append(r["keyword"])
    listed = {r["id"]: json.loads(r["keywords"]) for r in db.query("select id, keywords from articles")}
    assert linked == {k: v for k, v in listed.items() if v} and sum(map(len, linked.values())) > 0


@pytest.mark.asyncio
async def test_keywords_facet_across_articles(ds, db):
    data = (await ds.client.get("/sichuan_edu/article_keywords.json?_facet=keyword&_size=0")).json()
    counts = {f["value"]: f["count"] for f in data["facet_results"]["keyword"]["results"]}
    expected = {r["keyword"]: r["n"] for r in db.query("select keyword, count(*) n from article_keywords group by keyword")}
    assert counts and all(expected[k] == n for k, n in counts.items())
