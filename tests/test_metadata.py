"""metadata.yml describes every table and column the build makes, and its queries answer."""
import sqlite3
import urllib.parse

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES = METADATA["databases"]["sichuan_edu"]["tables"]
QUERIES = METADATA["databases"]["sichuan_edu"]["queries"]


def user_tables(db_path):
    conn = sqlite3.connect(db_path)
    rows = conn.execute("select name, type from sqlite_master where type in ('table', 'view') "
                        "and name not like 'sqlite_%' and name not like '%_fts%'").fetchall()
    return {name: [c[1] for c in conn.execute(f"pragma table_info([{name}])")] for name, _ in rows}


def test_every_table_and_column_is_described(db_path):
    for table, columns in user_tables(db_path).items():
        assert TABLES.get(table, {}).get("description"), f"{table} has no description"
        described = TABLES[table].get("columns", {})
        missing = [c for c in columns if not described.get(c)]
        assert not missing, f"{table}: columns without a description: {missing}"


def test_descriptions_are_chinese_and_english():
    for table, meta in TABLES.items():
        for text in [meta["description"], *meta.get("columns", {}).values()]:
            assert "·" in text and any("\u4e00" <= ch <= "\u9fff" for ch in text) and any(ch.isascii() and ch.isalpha() for ch in text), (table, text)


def test_entity_tables_have_label_columns():
    for table in ["pages", "articles", "people", "institutions", "cases", "cities", "counties", "documents", "page_tables"]:
        assert TABLES[table].get("label_column"), table


def test_top_level_fields():
    for key in ["title", "description_html", "license", "license_url", "source", "source_url", "about", "about_url"]:
        assert METADATA.get(key), key


@pytest.fixture(scope="module")
def ds(db_path):
    return Datasette([str(db_path)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"))


async def query(ds, query_name, **params):
    r = await ds.client.get(f"/sichuan_edu/{query_name}.json?_shape=array&" + urllib.parse.urlencode(params))
    assert r.status_code == 200, r.text[:300]
    return r.json()


@pytest.mark.asyncio
async def test_every_canned_query_answers_with_empty_parameters(ds):
    for name in QUERIES:
        assert QUERIES[name].get("description"), name
        r = await ds.client.get(f"/sichuan_edu/{name}.json?_shape=array&q=&name=&city=")
        assert r.status_code == 200, (name, r.text[:300])


@pytest.mark.asyncio
async def test_person_articles_names_titles(ds):
    rows = await query(ds, "person_articles", name="罗强")
    assert [(r["article_id"][-2:], r["role"], r["titles"]) for r in rows] == [
        ("a1", "presided", ["副省长", "省招考委主任"]),  # JSON answers many-valued columns as arrays
        ("a2", "attended", ["副省长"]),
        ("a2", "spoke", ["副省长"]),
    ]


@pytest.mark.asyncio
async def test_institution_by_short_name(ds):
    rows = await query(ds, "institution_articles_and_cases", name="教育厅")
    assert {r["institution"] for r in rows} == {"四川省教育厅"}
    assert sorted((r["item_id"][-2:], r["printed_as"]) for r in rows) == [
        ("a1", "教育厅"), ("a2", "教育厅"), ("a5", "四川省教育厅"), ("a5", "教育厅"), ("a6", "四川省教育厅")]


@pytest.mark.asyncio
async def test_city_query_lists_luzhou_institutions_and_cases(ds):
    rows = await query(ds, "city_institutions_and_cases", city="泸州")
    assert [(r["institution"], r["case_title"]) for r in rows] == [
        ("四川化工职业技术学院", "校企双主体全过程定制化现代化工工匠培养"),
        ("泸天化（集团）有限责任公司", "校企双主体全过程定制化现代化工工匠培养"),  # 泸: placed in 泸州
        ("泸州市人民政府", None),
        ("泸州职业技术学院", "“四六”深度融合的“泸职模式”"),
    ]


@pytest.mark.asyncio
async def test_co_occurrence(ds):
    rows = await query(ds, "co_occurrence", name="罗强")
    assert {(r["appears_with"], r["articles"]) for r in rows} == {("刘全胜", 2), ("李建勤", 2), ("余孝其", 1)}


@pytest.mark.asyncio
async def test_article_page_reads_like_an_article(ds):
    html = (await ds.client.get("/sichuan_edu/articles/000_c7edaf26723f02d6-a1")).text
    assert '<h2 class="headline">罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”</h2>' in html
    assert html.count("<p>") >= 3 and "<p>会议强调，各地、各有关部门（单位）" in html
    assert ">罗强</a> · 副省长、省招考委主任 · 主持 (presided)" in html
    assert ">中共四川省委教育工作委员会</a> (文中作 printed as 省委教育工委)" in html
    assert "segments?article_id=000_c7edaf26723f02d6-a1" in html
    html3 = (await ds.client.get("/sichuan_edu/articles/000_c7edaf26723f02d6-a3")).text
    assert "no headline printed on the page" in html3
    assert "《关于做好2023届全国普通高校毕业生就业创业工作的通知》" in html3


@pytest.mark.asyncio
async def test_home_page_counts(ds):
    html = (await ds.client.get("/")).text
    for n, label in [(1, "pages"), (6, "articles"), (12, "people"), (43, "institutions"), (20, "cases")]:
        assert f"<strong>{n}</strong>" in html and label in html
    assert 'id="city-map"' in html


@pytest.mark.asyncio
async def test_datapackage_describes_every_table(ds, db_path):
    r = await ds.client.get("/-/datapackage.json")
    assert r.status_code == 200
    package = r.json()
    names = {res["name"] for res in package["resources"]}
    assert {"articles", "cases", "institutions", "people", "cities", "segments"} <= names
    assert "build_info" not in names
    cases = next(res for res in package["resources"] if res["name"] == "cases")
    assert cases["path"].endswith("/sichuan_edu/cases.csv?_stream=on&_size=max")
    fields = {f["name"]: f for f in cases["schema"]["fields"]}
    assert fields["confidence"]["type"] == "number" and "置信度" in fields["confidence"]["description"]
    assert {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["id"]}} in cases["schema"]["foreignKeys"]
    # every resource's path answers with its rows
    csv_text = (await ds.client.get(cases["path"].split("http://localhost", 1)[-1])).text
    assert len(csv_text.strip().splitlines()) == 21
