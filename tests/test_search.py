"""Search finds exactly the rows that contain the query, wherever users search."""
import re
import sqlite3
import urllib.parse

import pytest
from datasette.app import Datasette

from conftest import ROOT
from sichuan_edu.search import match_expression

QUERIES = [
    # single characters
    "省", "校", "县", "罗", "就", "典",
    # two-character words
    "就业", "教育", "招生", "案例", "毕业", "泸州", "宜宾", "成都",
    # strings that are not words
    "业生", "育厅", "合现", "考委", "融合典", "生就",
    # long phrases
    "深化产教融合现场推进会", "全省职业教育深化产教融合", "关于做好2023届全国普通高校毕业生就业创业工作的通知",
    "四川省“十四五”县域普通高中发展提升行动计划实施方案",
    # names
    "罗强", "李建勤", "刘全胜", "吴镓骏", "白丽芬", "余孝其",
    # digits mixed with Chinese, punctuation
    "2023届", "11月17日", "20个", "230", "96%", "2022", "“健康研考”", "国办发〔2022〕13号", "1：12.5",
    # several terms: all must occur
    "产教融合 就业", "罗强 泸州", "毕业生 双选会", "教育厅 方案", "省委 省政府 会议",
    # a case by its unit or city
    "四川化工", "泸州职业技术学院",
    # nothing to find
    "北京大学", "上海", "人工智能",
]

SEARCH_COLUMNS = {"articles": ["title", "body"], "cases": ["title", "units", "cities"], "people": ["name", "pinyin"],
                  "institutions": ["name", "pinyin"]}


def squash(text):
    return re.sub(r"\s+", "", text or "").lower()


def truth(conn, table, query, columns=None):
    """Rows where every term is a substring of one searched column (whitespace ignored)."""
    columns = columns or SEARCH_COLUMNS[table]
    terms = [squash(t) for t in query.split()]
    rows = conn.execute(f"select id, {', '.join(columns)} from {table}").fetchall()
    return {r[0] for r in rows if all(any(t in squash(v) for v in r[1:]) for t in terms)}


def recall_precision(found, expected):
    hits = len(found & expected)
    return (hits / len(expected) if expected else 1.0, hits / len(found) if found else 1.0)


@pytest.fixture(scope="module")
def conn(db_path):
    return sqlite3.connect(db_path)


@pytest.fixture(scope="module")
def ds(db_path):
    import yaml

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"))


def test_enough_queries():
    assert len(QUERIES) >= 40


@pytest.mark.asyncio
@pytest.mark.parametrize("table", list(SEARCH_COLUMNS))
async def test_table_search_box_recall_and_precision(ds, conn, table):
    found_all, expected_all = set(), set()
    for q in QUERIES:
        r = await ds.client.get(f"/sichuan_edu/{table}.json?_search={urllib.parse.quote(q)}&_size=max&_shape=array")
        assert r.status_code == 200, (q, r.text[:200])
        found = {row["id"] for row in r.json()}
        expected = truth(conn, table, q)
        assert found >= expected, (table, q, expected - found)  # recall 1.0 for every query
        found_all |= {(q, x) for x in found}
        expected_all |= {(q, x) for x in expected}
    recall, precision = recall_precision(found_all, expected_all)
    assert recall == 1.0 and precision >= 0.98, (recall, precision)


@pytest.mark.asyncio
async def test_search_column_and_box_keeps_query(ds, conn):
    r = await ds.client.get("/sichuan_edu/articles.json?_shape=array&_search_title=" + urllib.parse.quote("泸州"))
    assert {row["id"] for row in r.json()} == truth(conn, "articles", "泸州", ["title"]) == {"000_c7edaf26723f02d6-a2"}
    html = (await ds.client.get("/sichuan_edu/articles?_search=" + urllib.parse.quote("产教融合 就业"))).text
    assert 'value="产教融合 就业"' in html


@pytest.mark.asyncio
async def test_sql_function_recall_and_precision(ds, conn):
    sql = ("select articles.id as rid from articles_fts join articles on articles.rowid = articles_fts.rowid "
           "where articles_fts match match_expression(:q)")
    for q in QUERIES:
        r = await ds.client.get("/sichuan_edu.json?" + urllib.parse.urlencode({"sql": sql, "q": q, "_shape": "array"}))
        assert r.status_code == 200, r.text[:200]
        assert {row["rid"] for row in r.json()} == truth(conn, "articles", q), q


@pytest.mark.asyncio
async def test_canned_search_ranks_title_matches_first_with_snippet(ds):
    r = await ds.client.get("/sichuan_edu/search.json?" + urllib.parse.urlencode({"q": "产教融合", "_shape": "array"}))
    rows = r.json()
    assert [row["article_id"][-2:] for row in rows] == ["a5", "a2"]
    assert "【产教融合】" in rows[0]["snippet"]
    empty = await ds.client.get("/sichuan_edu/search.json?q=&_shape=array")
    assert empty.status_code == 200 and empty.json() == []


@pytest.mark.asyncio
async def test_search_all_lists_every_searchable_table(ds):
    html = (await ds.client.get("/-/search?q=" + urllib.parse.quote("教育"))).text
    for table in SEARCH_COLUMNS:
        assert f'"table": "{table}"' in html


def test_plain_sqlite3_can_search_as_the_readme_says(db_path):
    """No plugin, no custom tokenizer: the README's query in the standard library's sqlite3."""
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "select a.title from articles a join articles_fts f on f.rowid = a.rowid "
        "where articles_fts match '\"产教 教融 融合\"' order by a.seq").fetchall()
    assert [r[0] for r in rows] == ["全省职业教育深化产教融合现场推进会在泸州召开",
                                    "四川发布20个产教融合典型案例"]
    assert conn.execute("select count(*) from articles_fts where articles_fts match '\"省\"*'").fetchone()[0] == 5


@pytest.mark.parametrize("query,expression", [
    ("省", '"省"*'),
    ("就业", '"就业"'),
    ("产教融合 就业", '"产教 教融 融合" AND "就业"'),
    ("", '""'),
    ('a"b', '"a"" ""b"'),
])
def test_match_expression(query, expression):
    assert match_expression(query) == expression


@pytest.mark.asyncio
async def test_pinyin_finds_names(ds):
    r = await ds.client.get("/sichuan_edu/people.json?_shape=array&_search=luoqiang")
    assert [p["name"] for p in r.json()] == ["罗强"]
    r = await ds.client.get("/sichuan_edu/institutions.json?_shape=array&_search=" + urllib.parse.quote("luzhou zhiye"))
    assert [i["name"] for i in r.json()] == ["泸州职业技术学院"]
