"""The search page (/-/find): its pure parts, its ranking on the seed and on the page corpus, and what it
shows through Datasette."""
import sqlite3
import urllib.parse

import pytest

from conftest import PAGE_ID, ROOT
from sichuan_edu import search_page
from sichuan_edu.search_page import (SearchRequest, article_result, articles_sql, facet_items, first_words, forms_of,
                                     highlight, page_links, parse_request, search_url, snippet_html, titles_of)

A = lambda n: f"{PAGE_ID}-a{n}"  # noqa: E731


# --- the request and its links ---------------------------------------------------------------------

def test_parse_request_reads_query_facets_and_page():
    req = parse_request({"q": " 产教融合 就业 ", "paper": "四川教育报", "year": "2026", "page": "3"})
    assert req == SearchRequest(q="产教融合 就业", paper="四川教育报", year="2026", keyword=None, page=3)
    assert req.terms == ["产教融合", "就业"]


@pytest.mark.parametrize("page", ["", "x", "-4", "0", "99999"])
def test_parse_request_keeps_page_in_range(page):
    assert 1 <= parse_request({"q": "a", "page": page}).page <= search_page.MAX_PAGE


def test_search_url_changes_one_field_and_drops_page_one():
    req = SearchRequest(q="泸州 就业", year="2022?", page=2)
    assert search_url(req, "/-/find", page=1) == "/-/find?q=%E6%B3%B8%E5%B7%9E+%E5%B0%B1%E4%B8%9A&year=2022%3F"
    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(search_url(req, paper="none")).query))
    assert back == {"q": "泸州 就业", "paper": "none", "year": "2022?", "page": "2"}
    assert parse_request(back) == SearchRequest(q="泸州 就业", paper="none", year="2022?", page=2)


# --- what a result shows -----------------------------------------------------------------------------

def test_highlight_marks_every_occurrence_and_escapes_markup():
    html = str(highlight("成都<script>alert(1)</script>工业学院与成都工业", ["成都", "工业"]))
    assert html == ("<mark>成都</mark>&lt;script&gt;alert(1)&lt;/script&gt;<mark>工业</mark>学院与"
                    "<mark>成都工业</mark>")


def test_highlight_finds_terms_across_line_breaks_and_case():
    assert str(highlight("产教\n融合 APP", ["产教融合", "app"])) == "<mark>产教 融合</mark> <mark>APP</mark>"


def test_snippet_is_short_marked_and_cut_with_ellipses():
    text = "甲" * 200 + "产教融合" + "乙" * 200
    html = str(snippet_html(text, ["产教融合"], width=40))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>产教融合</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) == 42


def test_snippet_prefers_the_place_where_all_terms_occur():
    text = "就业" + "甲" * 100 + "产教融合" + "乙" * 100 + "产教融合，促进就业" + "丙" * 100
    html = str(snippet_html(text, ["产教融合", "就业"], width=40))
    assert "<mark>产教融合</mark>，促进<mark>就业</mark>" in html


def test_snippet_never_cuts_a_marked_term():
    text = "甲" * 50 + "产教融合" + "乙" * 5 + "产教融合" + "丙" * 50
    for width in range(10, 40):
        html = str(snippet_html(text, ["产教融合"], width=width))
        assert html.count("<mark>") == html.count("<mark>产教融合</mark>") >= 1


def test_snippet_without_a_hit_shows_the_beginning():
    assert str(snippet_html("<b>第一句。</b>第二句。", ["罗强"], width=8)) == "&lt;b&gt;第一句。&lt;…"


def test_first_words_for_an_untitled_article():
    assert first_words("日前，教育部印发\n《关于做好》", n=8) == "日前，教育部印发…"
    assert first_words("短", n=8) == "短"


def test_article_result_marks_untitled_and_unknowns():
    row = {"id": "x-a1", "title": None, "kicker": None, "subtitle": None, "byline": "据教育部官网消息",
           "body": "日前，教育部印发《通知》，部署就业工作。", "paper": None, "published": None, "page_no": None,
           "content_year": 2022}
    r = article_result(row, ["就业"], "/db/articles/x-a1")
    assert r["title_html"] is None and r["first_words"].startswith("日前，教育部印发")
    assert r["place"] == "报纸未知 · 日期未知" and r["inferred_year"] == 2022
    assert "<mark>就业</mark>" in str(r["snippet_html"])
    dated = article_result({**row, "title": "标题", "paper": "四川教育报", "published": "2026-03-19", "page_no": 6},
                           ["就业"], "/u")
    assert dated["place"] == "四川教育报 · 2026-03-19 · 第6版" and dated["inferred_year"] is None


def test_facet_items_label_unknown_and_inferred_and_toggle():
    req = SearchRequest(q="就业", year="2022?", page=3)
    items = facet_items(req, "year", [{"value": "2022?", "n": 4}, {"value": "2026", "n": 2}, {"value": "none", "n": 1}])
    assert [(i["label"], i["count"], i["selected"]) for i in items] == [
        ("2022（推断 inferred）", 4, True), ("2026", 2, False), ("日期未知 unknown", 1, False)]
    assert items[0]["url"] == "/-/find?q=%E5%B0%B1%E4%B8%9A"  # choosing the chosen value again widens the search
    assert items[1]["url"].endswith("&year=2026")  # and a new choice starts at page 1
    papers = facet_items(req, "paper", [{"value": None, "n": 3}])
    assert papers[0]["label"] == "未知 unknown" and "paper=none" in papers[0]["url"]


def test_page_links_show_ends_and_neighbours():
    req = SearchRequest(q="教育", page=7)
    links = page_links(req, total=search_page.PAGE_SIZE * 20)
    assert [link.get("label", "…") for link in links] == ["1", "…", "5", "6", "7", "8", "9", "…", "20"]
    assert [link["label"] for link in links if link.get("current")] == ["7"]
    assert page_links(SearchRequest(q="教育"), total=search_page.PAGE_SIZE) == []


def test_titles_and_forms_from_json():
    assert titles_of('["[\\"副省长\\", \\"省招考委主任\\"]", null, "[\\"副省长\\"]"]') == ["副省长", "省招考委主任"]
    assert forms_of('[["省委教育工委", "printed"], ["新名", "later_name"]]') == [
        {"name": "省委教育工委", "kind": "文中作"}, {"name": "新名", "kind": "后称"}]


# --- ranking ------------------------------------------------------------------------------------------

def ranked(conn, q, **facets):
    conn.row_factory = sqlite3.Row
    sql, params = articles_sql(SearchRequest(q=q, **facets))
    return [dict(r) for r in conn.execute(sql, params)]


@pytest.fixture(scope="module")
def seed_conn(db_path):
    return sqlite3.connect(db_path)


def test_seed_ranks_headline_matches_first(seed_conn):
    assert [r["id"] for r in ranked(seed_conn, "产教融合")] == [A(5), A(2)]


def test_seed_ranks_a_common_term_where_bm25_cannot(seed_conn):
    """就业 is in four of six articles: bm25's IDF is clamped, and rounded every score is -0.0. The
    headline 促就业 comes first, then the employment notice (就业 throughout), the passing mentions last."""
    rows = ranked(seed_conn, "就业")
    assert {round(r["score"], 3) for r in rows} == {0.0}
    assert [r["id"] for r in rows][:2] == [A(4), A(3)]
    assert rows[1]["occurrences"] > 10 and {r["occurrences"] for r in rows[2:]} == {1}


def test_seed_several_terms_must_all_occur(seed_conn):
    assert {r["id"] for r in ranked(seed_conn, "产教融合 就业")} == {A(2), A(5)}
    assert ranked(seed_conn, "产教融合 北京大学") == []


@pytest.fixture(scope="module")
def corpus_conn(tmp_path_factory):
    """The page corpus as PDFium extracted it: 46 pages, about 400 articles from three papers."""
    from sichuan_edu.pipeline import build

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    build(ROOT / "tests" / "corpus" / "pages" / "pdfium", path)
    return sqlite3.connect(path)


CORPUS_QUERIES = ["教育", "学校", "学生", "春节", "中国", "发展", "工作", "国家", "法", "省", "北京", "安全", "经济",
                  "学校 学生", "中华人民共和国"]


@pytest.mark.parametrize("q", CORPUS_QUERIES)
def test_corpus_ranking_is_ordered_by_its_keys(corpus_conn, monkeypatch, q):
    monkeypatch.setattr(search_page, "PAGE_SIZE", 1000)
    rows = ranked(corpus_conn, q)
    assert len(rows) > 5
    keys = [(-r["title_hits"], r["score"], -r["occurrences"]) for r in rows]
    assert keys == sorted(keys)
    terms = q.split()
    # headline matches first: no article with a term in its headline after one without
    hits = [any(t in (r["title"] or "").replace(" ", "") for t in terms) for r in rows]
    assert hits == sorted(hits, reverse=True)


def test_corpus_reprinted_article_ties_are_broken_by_date(corpus_conn):
    rows = ranked(corpus_conn, "春节")
    same = [r for r in rows if r["title"] and r["title"].replace(" ", "") == "中国驻非盟使团举办2026年“欢乐春节”庆祝活动"]
    assert len(same) == 3
    assert [r["published"] for r in same] == sorted((r["published"] for r in same), reverse=True)


def test_corpus_pages_of_results_add_up_to_one_ranking(corpus_conn, monkeypatch):
    """Each page computes the tie-break only near its own rows; together the pages are the full ranking."""
    monkeypatch.setattr(search_page, "PAGE_SIZE", 1000)
    whole = [r["id"] for r in ranked(corpus_conn, "发展")]
    monkeypatch.setattr(search_page, "PAGE_SIZE", 7)
    paged = []
    for page in range(1, len(whole) // 7 + 2):
        paged += [r["id"] for r in ranked(corpus_conn, "发展", page=page)]
    assert paged == whole


def test_corpus_facet_filters_narrow_the_results(corpus_conn, monkeypatch):
    monkeypatch.setattr(search_page, "PAGE_SIZE", 1000)
    every = ranked(corpus_conn, "学校")
    one_paper = ranked(corpus_conn, "学校", paper="四川教育导报")
    assert 0 < len(one_paper) < len(every)
    assert {r["paper"] for r in one_paper} == {"四川教育导报"}
    year = ranked(corpus_conn, "学校", year="2026")
    assert year and all(r["published"].startswith("2026") for r in year)


# --- through Datasette ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ds(db_path):
    import yaml
    from datasette.app import Datasette

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"))


async def find(ds, **args):
    r = await ds.client.get("/-/find?" + urllib.parse.urlencode(args))
    assert r.status_code == 200, r.text[:300]
    return r.text


@pytest.mark.asyncio
async def test_page_lists_linked_results_with_snippets(ds):
    html = await find(ds, q="产教融合")
    assert html.index(f'href="/sichuan_edu/articles/{A(5)}"') < html.index(f'href="/sichuan_edu/articles/{A(2)}"')
    assert "四川发布20个<mark>产教融合</mark>典型案例" in html
    assert 'class="snippet"' in html and "文章 <strong>2</strong> 篇" in html


@pytest.mark.asyncio
async def test_page_marks_untitled_articles(ds):
    html = await find(ds, q="就业")
    assert '<span class="untitled">无标题</span> 日前，教育部印发《关于做好2023届全国普通高校…' in html
    assert "None" not in html.split('id="results"')[1].split("</ol>")[0]


@pytest.mark.asyncio
async def test_page_finds_cases_by_unit_institutions_by_printed_form_people_by_pinyin(ds):
    html = await find(ds, q="四川化工")
    assert "校企双主体全过程定制化现代化工工匠培养" in html and ">泸天化（集团）有限责任公司</a>" in html
    html = await find(ds, q="省委教育工委")
    assert ">中共四川省委教育工作委员会</a>" in html and "<mark>省委教育工委</mark>（文中作）" in html
    html = await find(ds, q="luoqiang")
    assert ">罗强</a> · 副省长、省招考委主任 · 文章 2 articles" in html


@pytest.mark.asyncio
async def test_page_without_a_query_explains_itself(ds):
    html = await find(ds)
    assert "空格分隔表示同时包含" in html and 'id="results"' not in html


@pytest.mark.asyncio
async def test_home_search_box_goes_to_the_search_page(ds):
    html = (await ds.client.get("/")).text
    assert 'action="/-/find"' in html and 'name="q"' in html
