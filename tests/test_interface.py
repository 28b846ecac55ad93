"""Datasette's own interface in Chinese (labels.INTERFACE_TEMPLATES, plugins/interface_zh.py), and cells that
link or read as words (site.query_cell, site.popup_cell)."""
from pathlib import Path

import datasette
import datasette_search_all
import jinja2
import pytest
from markupsafe import Markup

from conftest import PAGE_ID, html_of
from sichuan_edu.labels import (INTERFACE_TEMPLATES, filters_in_chinese, interface_description, interface_label,
                                translate_template, translating_loader)
from sichuan_edu.site import list_cell, popup_cell, query_cell

DEFAULT_TEMPLATES = Path(datasette.__file__).parent / "templates"
PLUGIN_TEMPLATES = Path(datasette_search_all.__file__).parent / "templates"


def template_source(name: str) -> str:
    path = DEFAULT_TEMPLATES / name
    return (path if path.exists() else PLUGIN_TEMPLATES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(INTERFACE_TEMPLATES))
def test_every_fragment_is_in_the_installed_template_and_the_result_parses(name):
    source = template_source(name)
    translated = translate_template(name, source)  # strict: a fragment Datasette reworded raises
    for old, new in INTERFACE_TEMPLATES[name]:
        assert new in translated
    jinja2.Environment().parse(translated)


def test_a_reworded_fragment_fails_the_strict_check_and_stays_english_on_the_site():
    source = template_source("_suggested_facets.html").replace("Suggested facets: ", "Facets you might like: ")
    with pytest.raises(KeyError, match="_suggested_facets.html"):
        translate_template("_suggested_facets.html", source)
    lenient = translate_template("_suggested_facets.html", source, strict=False)
    assert "Facets you might like: " in lenient and "interface_label" in lenient


def test_the_projects_own_templates_are_left_as_written(tmp_path):
    own, theirs = tmp_path / "own", tmp_path / "theirs"
    own.mkdir(), theirs.mkdir()
    (own / "_suggested_facets.html").write_text("Suggested facets: ours", encoding="utf-8")
    (theirs / "_table.html").write_text('<p class="zero-results">0 records</p>', encoding="utf-8")
    env = jinja2.Environment(loader=translating_loader(jinja2.FileSystemLoader([str(own), str(theirs)]), [str(own)]))
    assert env.get_template("_suggested_facets.html").render() == "Suggested facets: ours"
    assert env.get_template("_table.html").render() == '<p class="zero-results">没有记录 0 records</p>'


@pytest.mark.parametrize("text, kind, expected", [
    ("contains", "operator", "包含"), ("array", "facet_type", "列表 array"), ("date", "facet_type", "日期 date"),
    ("date", "operator", "日期为"), ("hide", "sql", "隐藏 SQL"), ("home", "crumb", "首页 home"),
    ("sichuan_edu", "crumb", "sichuan_edu"), ("a new operator", "operator", "a new operator"), (None, "menu", None),
])
def test_interface_labels(text, kind, expected):
    assert interface_label(text, kind) == expected


@pytest.mark.parametrize("english, chinese", [
    ("sorted by id", "按 id 升序排列"),
    ("where category is null sorted by seq descending", "条件：category is null，按 seq 降序排列"),
    ('where search matches "泸州" and city_id = 510500', '条件：检索 "泸州" and city_id = 510500'),
    # values are data: a value that reads like Datasette's wording is left alone
    ('where title = "x sorted by seq"', '条件：title = "x sorted by seq"'),
    ("", ""),
])
def test_filter_descriptions(english, chinese):
    assert interface_description(english) == chinese


@pytest.mark.parametrize("args, search, sort, sort_desc, chinese", [
    ([("category__isnull", "1")], None, None, "seq", "条件：category 为 NULL，按 seq 降序排列"),
    ([("city_id", "510500"), ("name__contains", "学院"), ("type__not", "企业")], "泸州", "id", None,
     "条件：检索“泸州”；city_id = 510500；name 包含“学院”；type ≠ 企业，按 id 升序排列"),
    ([("cities__arraycontains", "泸州市")], None, None, None, "条件：cities 含有“泸州市”"),
    ([], None, "id", None, "按 id 升序排列"),
])
def test_filters_in_chinese_from_the_requests_own_filters(args, search, sort, sort_desc, chinese):
    from datasette.filters import Filters

    filters = Filters(args)
    english = " ".join(b for b in [filters.human_description_en(
        extra=[f'search matches "{search}"'] if search else None),
        f"sorted by {sort or sort_desc}{' descending' if sort_desc else ''}" if sort or sort_desc else ""] if b)
    assert filters_in_chinese(english, filters, search, sort, sort_desc) == chinese
    assert interface_description(english, filters, search, sort, sort_desc) == chinese


def test_a_clause_another_plugin_added_keeps_datasettes_description():
    from datasette.filters import Filters

    filters = Filters([("city_id", "510500")])
    english = 'where cases.id = "x" and city_id = 510500 sorted by id'  # e.g. a _through clause
    assert filters_in_chinese(english, filters, None, "id", None) is None
    assert interface_description(english, filters, None, "id", None) == '条件：cases.id = "x" and city_id = 510500，按 id 升序排列'


def test_query_results_link_names_to_their_rows_and_show_codes_as_labels():
    row = {"city_id": 510500, "city": "泸州市", "article_id": "p-a1", "title": "<b>标题</b>", "role": "presided"}
    assert query_cell(row, None, "city", "泸州市", "/db") == Markup('<a href="/db/cities/510500">泸州市</a>')
    assert query_cell(row, None, "title", row["title"], "/db") == Markup('<a href="/db/articles/p-a1">&lt;b&gt;标题&lt;/b&gt;</a>')
    assert query_cell(row, None, "role", "presided", "/db") == "主持 (presided)"
    assert query_cell(row, "article_people", "role", "presided", "/db") == "主持 (presided)"
    assert query_cell(row, "articles", "title", row["title"], "/db") is None  # tables link by their own keys
    assert query_cell({"city_id": None}, None, "city", "城市未知", "/db") is None
    assert query_cell(row, None, "role", "a_new_role", "/db") is None


def test_the_map_popup_column_reads_as_its_text():
    cell = popup_cell("city_map", "popup", '{"title": "泸州市", "description": "4 机构 <i>", "link": "/db/cities/510500"}')
    assert cell == Markup('<a href="/db/cities/510500">4 机构 &lt;i&gt;</a>')
    assert popup_cell("cities", "popup", "{}") is None and popup_cell("city_map", "popup", "not json") is None


def test_list_cells_in_query_results_and_empty_lists():
    lists = {"article_people": ["titles"], "cases": ["cities"]}
    assert list_cell(None, "titles", '["副省长", "省招考委主任"]', lists) == "副省长；省招考委主任"
    assert list_cell("cases", "titles", '["a"]', lists) is None
    assert list_cell("cases", "cities", "[]", lists)  # shown empty: an empty string would show the stored "[]"
    assert "[" not in str(list_cell("cases", "cities", "[]", lists))


@pytest.mark.asyncio
async def test_table_page_speaks_chinese(site):
    html = await html_of(site, "/sichuan_edu/cases?_facet_array=cities&_sort_desc=seq&_size=5&category__isnull=1")
    for chinese in ["20 行", "条件：category 为 NULL，按 seq 降序排列", "<h3>高级导出 Advanced export</h3>", "查看并编辑 SQL", "下一页 Next page",
                    "cities (列表 array)", '<option value="">- 字段 -</option>', ">包含</option>", 'value="应用"',
                    "查询用时", "数据许可 Data license：", "首页 home"]:
        assert chinese in html, chinese
    for english in [" rows\n", "sorted by", 'value="Apply"', "> descending</label>", "Queries took", "(array)",
                    ">contains</option>", ">home</a>"]:
        assert english not in html, english


@pytest.mark.asyncio
async def test_database_and_query_pages_speak_chinese(site):
    html = await html_of(site, "/sichuan_edu")
    assert "<h2 id=\"tables\">数据表 Tables</h2>" in html and "常用查询 Queries" in html and 'value="运行 SQL"' in html
    html = await html_of(site, "/sichuan_edu/person_articles?name=罗强")
    assert "SQL 查询 SQL query：3 行" in html and "查询参数 Query parameters" in html and "显示 SQL" in html
    assert "副省长；省招考委主任" in html and "主持 (presided)" in html
    assert f'<a href="/sichuan_edu/articles/{PAGE_ID}-a2">全省职业教育深化产教融合现场推进会在泸州召开</a>' in html


@pytest.mark.asyncio
async def test_words_a_user_types_are_never_translated(site):
    html = await html_of(site, "/sichuan_edu/articles?_search=Next+page+sorted+by+id")
    assert 'value="Next page sorted by id"' in html and "条件：检索“Next page sorted by id”，按 id 升序排列" in html


@pytest.mark.asyncio
async def test_cities_by_institutions_shows_the_unknowns(site):
    rows = (await site.client.get("/sichuan_edu/cities_by_institutions.json?_shape=array")).json()
    assert [(r["city"], r["institutions"]) for r in rows[:5]] == [
        ("成都市", 27), ("泸州市", 4), ("不在四川或地点未知 · outside Sichuan or place unknown", 4),
        ("城市未知（四川省内）· city unknown, in Sichuan", 3), ("德阳市", 2)]
    assert len(rows) == 23 and sum(r["institutions"] for r in rows) == 43  # every city, every institution once
