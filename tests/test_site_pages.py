"""The page view, entity pages, home and table lists, and bilingual labels: their pure parts on small
inputs, then the pages through Datasette's own client on the seed database."""
import json

import pytest

from conftest import PAGE_ID, ROOT
from sichuan_edu import entities, labels, page_view, site
from sichuan_edu.page_view import Selection

A = lambda n: f"{PAGE_ID}-a{n}"  # noqa: E731
LUO_QIANG = 129809847585312


# --- labels -----------------------------------------------------------------------------------

@pytest.mark.parametrize("vocabulary, code, shown", [
    ("role", "presided", "主持 (presided)"),
    ("role", "special_correspondent", "特约记者 (special correspondent)"),
    ("institution_type", "高职院校", "高职院校 (vocational college)"),
    ("level", "national", "中央 (national)"),
    ("name_kind", "printed", "文中写法 (as printed)"),
    ("role", "sang", "sang"),  # a code no table knows is shown as it is
    ("nothing", "x", "x"),
    ("role", None, ""),
])
def test_label_is_chinese_then_english(vocabulary, code, shown):
    assert labels.label(vocabulary, code) == shown


def test_every_role_the_brief_names_has_a_label():
    for role in ["author", "photographer", "presided", "attended", "spoke", "quoted", "mentioned", "correspondent",
                 "intern", "special_correspondent"]:
        assert labels.zh("role", role) != role and labels.en("role", role)


def test_every_institution_type_in_the_knowledge_files_has_a_label():
    import re

    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds" / "knowledge").glob("*.yml"))
    types = set(re.findall(r"type: ([^,}\s]+)", text))
    assert types and all(labels.en("institution_type", t) for t in types), types - set(labels.LABELS["institution_type"])


def test_labels_keep_order_and_drop_repeats():
    assert labels.labels("role", ["attended", "spoke", "attended", None]) == ["出席 (attended)", "讲话 (spoke)"]


# --- page view: addresses and browse ---------------------------------------------------------------

def test_page_url_quotes_the_id_and_anchors_the_line():
    assert page_view.page_url("p 1", article="p 1-a2", line=76) == "/-/page/p%201?article=p+1-a2#L76"
    assert page_view.page_url("p1", base="/base") == "/base/-/page/p1"
    assert page_view.page_url("p1", line=None, case=None) == "/-/page/p1"


def test_browse_url_names_unknowns_none():
    assert page_view.browse_url() == "/-/pages"
    assert page_view.browse_url(paper="四川教育报", date="none") == "/-/pages?paper=%E5%9B%9B%E5%B7%9D%E6%95%99%E8%82%B2%E6%8A%A5&date=none"
    assert page_view.parse_browse({"paper": "none", "date": " 2022-11-18 "}) == page_view.BrowseRequest("none", None, "2022-11-18")


def issue(paper, date, pages=1, articles=3, content_year=None):
    return {"paper": paper, "date": date, "pages": pages, "articles": articles, "content_year": content_year}


def test_issues_grouped_by_paper_then_year_newest_open():
    rows = [issue("四川教育报", "2023-01-06", 4), issue("四川教育报", "2022-11-18", 8), issue("四川教育报", "2022-11-11"),
            issue(None, None, content_year=2022)]
    papers = page_view.group_issues(rows)
    assert [p["label"] for p in papers] == ["四川教育报", "报纸未知 paper unknown"]
    years = papers[0]["years"]
    assert [(y["param"], y["open"], len(y["issues"])) for y in years] == [("2023", True, 1), ("2022", False, 2)]
    assert papers[0]["pages"] == 13 and papers[0]["issues"] == 3
    unknown = papers[1]["years"][0]["issues"][0]
    assert unknown["label"] == "日期未知 date unknown（2022 年，推断 inferred）"
    assert unknown["url"] == "/-/pages?paper=none&date=none"


def test_chosen_year_opens_instead_of_the_newest():
    rows = [issue("四川教育报", "2023-01-06"), issue("四川教育报", "2022-11-18")]
    years = page_view.group_issues(rows, chosen_paper="四川教育报", chosen_year="2022")[0]["years"]
    assert [y["open"] for y in years] == [False, True]


def test_issue_pages_name_untitled_articles_by_their_first_words():
    rows = [{"id": "p3", "file": "p3.txt", "page_no": 3, "section": "职教周刊", "article_count": 1, "content_year": None,
             "articles": json.dumps([{"id": "p3-a1", "seq": 1, "title": None, "first_words": "日前，教育部 印发《关于做好2023届全国普通高校毕业生就业创业工作的通知》"}])}]
    page = page_view.issue_pages(rows)[0]
    assert page["label"] == "第3版" and page["url"] == "/-/page/p3"
    assert page["articles"][0]["label"] == "无标题：日前，教育部印发《关于做好2023届全国普通高校…" and page["articles"][0]["untitled"]


# --- page view: lines, pieces, highlights ------------------------------------------------------------

TEXT = "甲乙丙\n\n丁戊 己庚\n辛壬"
# line 1 is article 1's headline; line 3 holds article 1's last words and article 2's source line; line 4 a case.
SEGMENTS = [
    {"line_no": 1, "col_start": 0, "last_line": 3, "col_end": 2, "kind": "body", "article_id": "a1"},
    {"line_no": 3, "col_start": 3, "last_line": 3, "col_end": 5, "kind": "byline", "article_id": "a2"},
    {"line_no": 4, "col_start": 0, "last_line": 4, "col_end": 2, "kind": "table_item", "case_id": "c1"},
]
PARENTS = {("case", "c1"): "a1", ("case_table", "c1"): "t1"}


def pieces(line):
    return [(p["text"], p["kind"], p["mark"]) for p in line["pieces"]]


def test_page_lines_cut_a_line_where_two_articles_meet():
    lines = page_view.page_lines(TEXT, SEGMENTS)
    assert [line["no"] for line in lines] == [1, 2, 3, 4]
    assert pieces(lines[0]) == [("甲乙丙", "body", "")]
    assert lines[1]["blank"] and pieces(lines[1]) == []
    assert pieces(lines[2]) == [("丁戊", "body", ""), (" ", None, ""), ("己庚", "byline", "")]
    assert "".join(p["text"] for line in lines for p in line["pieces"]) == TEXT.replace("\n", "")


def test_choosing_an_article_marks_its_stretches_and_its_cases():
    marks = page_view.segment_marks(SEGMENTS, Selection("article", "a1"), PARENTS)
    assert marks == ["on", "", "rel"]
    lines = page_view.page_lines(TEXT, SEGMENTS, marks)
    assert [line["mark"] for line in lines] == ["on", "on", "on", "rel"]  # the blank line inside joins the stretch
    assert pieces(lines[2]) == [("丁戊", "body", "on"), (" ", None, ""), ("己庚", "byline", "")]


def test_choosing_the_other_article_marks_only_its_part_of_the_shared_line():
    marks = page_view.segment_marks(SEGMENTS, Selection("article", "a2"), PARENTS)
    lines = page_view.page_lines(TEXT, SEGMENTS, marks)
    assert [line["mark"] for line in lines] == ["", "", "on", ""]
    assert pieces(lines[2])[2] == ("己庚", "byline", "on") and pieces(lines[2])[0][2] == ""


def test_choosing_a_table_marks_its_case_rows_too():
    assert page_view.segment_marks(SEGMENTS, Selection("table", "t1"), PARENTS) == ["", "", "on"]
    assert page_view.segment_marks(SEGMENTS, Selection("case", "c1"), PARENTS) == ["", "", "on"]
    assert page_view.segment_marks(SEGMENTS, Selection(), PARENTS) == ["", "", ""]


def test_overlapping_segments_show_each_character_once():
    segs = [{"line_no": 1, "col_start": 0, "last_line": 1, "col_end": 2, "kind": "body"},
            {"line_no": 1, "col_start": 1, "last_line": 1, "col_end": 3, "kind": "caption"}]
    assert pieces(page_view.page_lines("甲乙丙", segs)[0]) == [("甲乙", "body", ""), ("丙", "caption", "")]


def test_page_lines_number_as_the_file_does_with_any_line_ending():
    assert [line["no"] for line in page_view.page_lines("a\r\nb\rc\n", [])] == [1, 2, 3, 4]


# Line boxes as line_boxes holds them: [line_no, x0, top, x1, bottom, page_width, page_height], in points.
BOXES = [[1, 100, 50, 160, 60, 1000, 2000], [3, 100, 80, 190, 90, 1000, 2000], [4, 100, 95, 130, 105, 1000, 2000]]


def test_image_boxes_cut_a_shared_line_by_character_widths():
    marks = page_view.segment_marks(SEGMENTS, Selection("article", "a2"), PARENTS)
    # line 3 is 丁戊 己庚: 2 + 0.5 + 2 ems; article 2 has 己庚, the last 2 ems of its 90 points
    assert page_view.image_boxes(TEXT, SEGMENTS, marks, BOXES) == [
        {"line": 3, "mark": "on", "left": 15.0, "top": 4.0, "width": 4.0, "height": 0.5}]


def test_image_boxes_cover_each_marked_line_and_skip_lines_without_a_box():
    marks = page_view.segment_marks(SEGMENTS, Selection("article", "a1"), PARENTS)
    boxes = page_view.image_boxes(TEXT, SEGMENTS, marks, BOXES)
    assert [(b["line"], b["mark"], b["left"], b["width"]) for b in boxes] == [
        (1, "on", 10.0, 6.0), (3, "on", 10.0, 4.0), (4, "rel", 10.0, 3.0)]  # line 2 is blank: no box
    assert page_view.image_boxes(TEXT, SEGMENTS, ["", "", ""], BOXES) == []


def test_image_boxes_join_pieces_of_one_line_that_meet():
    segs = [{"line_no": 1, "col_start": 0, "last_line": 1, "col_end": 1, "kind": "headline"},
            {"line_no": 1, "col_start": 1, "last_line": 1, "col_end": 3, "kind": "byline"}]
    assert page_view.image_boxes("甲乙丙", segs, ["on", "on"], BOXES[:1]) == [
        {"line": 1, "mark": "on", "left": 10.0, "top": 2.5, "width": 6.0, "height": 0.5}]


def test_image_url_names_the_images_version():
    image = {"format": "webp", "sha256": "ab" * 32}
    assert page_view.image_url("p 1", image, "/base") == "/base/-/page/p%201/image.webp?v=" + "ab" * 8


def test_parse_selection_takes_the_first_kind_given():
    assert page_view.parse_selection({"article": " p-a2 ", "case": "c"}) == Selection("article", "p-a2")
    assert page_view.parse_selection({"case": "p-c04"}) == Selection("case", "p-c04")
    assert page_view.parse_selection({"article": ""}) == Selection()


def test_page_title_says_what_is_unknown():
    assert page_view.page_title({"paper_shown": "四川教育报", "date_shown": "2022-11-18", "page_no_shown": 3}) == "四川教育报 · 2022-11-18 · 第3版"
    assert page_view.page_title({"paper_shown": None, "date_shown": None, "page_no_shown": None}) == "报纸未知 · 日期未知 · 版次未知"


def test_contents_are_in_printed_order():
    page = {"id": "p", "articles": [{"id": "p-a1", "seq": 1, "title": "标题", "kicker": None, "byline": None, "first_words": "",
                                    "first_line": 1, "last_line": 9},
                                   {"id": "p-a2", "seq": 2, "title": None, "kicker": None, "byline": None, "first_words": "首句",
                                    "first_line": 20, "last_line": 30}],
            "captions": [{"id": "p-p1", "text": "说明", "article_id": "p-a1", "article_inferred": 1, "line_no": 12}],
            "tables": [], "cases": [], "residue": []}
    items = page_view.contents(page, "", "/db", Selection("article", "p-a2"))
    assert [(i["kind"], i["line"]) for i in items] == [("article", 1), ("caption", 12), ("article", 20)]
    assert items[2]["chosen"] and items[2]["label"] == "无标题：首句" and items[2]["url"] == "/-/page/p?article=p-a2#L20"


# --- entity pages: pure parts -----------------------------------------------------------------------

def test_when_marks_an_inferred_year():
    assert entities.when("2022-11-18", 2022) == "2022-11-18"
    assert entities.when(None, 2022) == "2022年（推断 inferred）"
    assert entities.when(None) == "日期未知 date unknown"


def test_distinct_titles_across_roles():
    assert entities.distinct_titles([["副省长"], ["副省长", "省招考委主任"], None]) == ["副省长", "省招考委主任"]


def test_place_line_names_the_division_and_what_it_lies_in():
    assert entities.place_line({"place_name": "苍溪县", "place_prefecture": "广元市", "place_province": "四川省"}) == "苍溪县（广元市，四川省）"
    assert entities.place_line({"place_name": "四川省", "place_prefecture": None, "place_province": None}) == "四川省"
    assert entities.place_line({"place_name": None}) == ""


def test_article_item_links_the_article_and_its_lines():
    item = entities.article_item({"id": "p-a3", "title": None, "first_words": "日前，教育部印发", "date": None, "paper": None,
                                  "page_no": 3, "content_year": 2022, "page_id": "p", "first_line": 169}, "/db")
    assert item["url"] == "/db/articles/p-a3" and item["page_url"] == "/-/page/p?article=p-a3#L169"
    assert (item["label"], item["where"], item["when"]) == ("无标题：日前，教育部印发", "报纸未知 · 第3版", "2022年（推断 inferred）")


def test_person_context_merges_the_identifying_institution():
    row = {"id": 1, "name": "吴镓骏", "pinyin": "wujiajun", "identity": "name+institution", "institution_id": 7,
           "institution_name": "四川科技职业学院", "institution_type": "高职院校", "article_count": 1,
           "articles": "[]", "titles": "[]", "roles": json.dumps([{"role": "quoted", "articles": 1}]),
           "institutions": json.dumps([{"id": 7, "name": "四川科技职业学院", "type": "高职院校", "relations": ["学生"], "articles": ["p-a4"]}]),
           "companions": "[]"}
    p = entities.person_context(row, "/db")
    assert p["institutions"] == [{"id": 7, "name": "四川科技职业学院", "identifies": True, "type": "高职院校 (vocational college)",
                                  "relations": ["学生"], "url": "/db/institutions/7"}]
    assert p["roles"] == [{"label": "引语 (quoted)", "articles": 1}] and p["identity"] == "姓名与机构 (by name and institution)"


# --- home and table lists -----------------------------------------------------------------------

def test_tables_in_a_readers_order_plumbing_and_hidden_last():
    tables = [{"name": n, "hidden": n.endswith("_fts")} for n in
              ["segments", "articles_fts", "people", "article_people", "pages", "new_table", "articles", "build_warnings"]]
    assert [t["name"] for t in site.in_reading_order(tables)] == [
        "articles", "people", "pages", "article_people", "new_table", "segments", "build_warnings", "articles_fts"]


def test_table_groups_carry_the_chinese_description():
    groups = site.table_groups(["segments", "cases", "article_people"], {
        "cases": "典型案例：由按列展开的表格还原成行 · Cases", "article_people": "文章中的人物及其角色 · Who appears"})
    assert [(g["key"], [t["name"] for t in g["tables"]]) for g in groups] == [
        ("data", ["cases"]), ("links", ["article_people"]), ("plumbing", ["segments"])]
    assert groups[0]["tables"][0]["description"] == "典型案例" and groups[2]["tables"][0]["description"] == ""


def test_home_queries_follow_the_metadata_with_an_example():
    queries = site.home_queries({"person_articles": {"title": "人物的文章与职务"}, "search": {}}, "/sichuan_edu")
    assert [(q["name"], q["url"]) for q in queries] == [
        ("search", "/sichuan_edu/search?q=%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88"),
        ("person_articles", "/sichuan_edu/person_articles?name=%E7%BD%97%E5%BC%BA")]
    assert queries[1]["title"] == "人物的文章与职务" and queries[0]["title"] == "search"


def test_long_cells_are_wrapped_for_folding_and_escaped():
    body = "<b>正文</b>" * 20
    cell = str(site.clamped_cell("articles", "body", body))
    assert cell.startswith('<div class="cell-clamp">&lt;b&gt;正文&lt;/b&gt;') and "共 180 字 180 characters" in cell
    assert site.clamped_cell("articles", "body", "短") is None
    assert site.clamped_cell("articles", "title", body) is None and site.clamped_cell(None, "body", body) is None
    capped = str(site.clamped_cell("pages", "text", "字" * 5000, cap=2048))
    assert "字" * 2048 + "…</div>" in capped and "字" * 2049 not in capped and "共 5,000 字" in capped


def test_one_renderer_folds_query_results_and_leaves_other_table_cells_alone():
    cell_html = site.cell_renderer({"articles": ["keywords"]})
    body = "正文" * 60
    assert "共 120 字" in cell_html({}, body, "body", None, lambda: "/db")  # select * from articles
    assert "共 120 字" in cell_html({}, body, "body", "articles", lambda: "/db")
    assert cell_html({}, body, "title", "articles", lambda: "/db") is None
    assert cell_html({}, '["a", "b"]', "keywords", "articles", lambda: "/db") == "a；b"
    row = {"article_id": "p-a1", "title": "标题"}
    assert cell_html(row, "标题", "title", None, lambda: "/db") == '<a href="/db/articles/p-a1">标题</a>'


def test_query_cells_left_at_once_are_cells_no_rule_changes():
    """cell_links answers a query's cell outside query_cells with None before asking the renderer: every
    rule's own columns, with values each rule acts on, must be inside it."""
    from sichuan_edu.schema import LIST_COLUMNS

    cell_html = site.cell_renderer(LIST_COLUMNS)
    names = ({c for _, c in site.CLAMPED_COLUMNS} | set(site.QUERY_LINKS) | {c for _, c in site.CODE_COLUMNS}
             | {c for cols in LIST_COLUMNS.values() for c in cols} | {"id", "rank", "snippet", "page_id"})
    row = {f"{c}_id": "x" for c in ("article", "case", "city", "institution", "person", "appears_with")}
    values = ["字" * 100, '["a", "b"]', "[]", "x"] + [code for vocabulary in site.LABELS.values() for code in vocabulary]
    changed = {c for c in names for v in values if cell_html(row, v, c, None, lambda: "/db") is not None}
    assert changed and changed <= cell_html.query_cells


# --- through Datasette -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ds(site):
    return site


async def html(ds, path):
    r = await ds.client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    return r.text


@pytest.mark.asyncio
async def test_browse_leads_from_paper_to_issue_to_page(ds):
    top = await html(ds, "/-/pages")
    assert "报纸未知 paper unknown" in top and 'href="/-/pages?paper=none&amp;date=none"' in top
    issue_page = await html(ds, "/-/pages?paper=none&date=none")
    assert f'href="/-/page/{PAGE_ID}"' in issue_page and "四川发布20个产教融合典型案例" in issue_page


@pytest.mark.asyncio
async def test_page_view_numbers_lines_and_highlights_an_article(ds):
    page = await html(ds, f"/-/page/{PAGE_ID}?article={A(3)}")
    assert page.count(' id="L') == 686
    line_169 = page.split('id="L169"')[1].split("</div>")[0]
    # the line holds the end of article 2's headline (not highlighted) and article 3's start (highlighted)
    assert '<span class="k-headline">全省职业教育深化产教融合现场推进会在泸州召开</span>' in line_169
    assert '<span class="k-byline on">据教育部官网消息</span>' in line_169
    assert "第 169–293 行" in page and "已标出" in page


@pytest.mark.asyncio
async def test_page_view_lists_articles_captions_and_tables_in_order(ds):
    page = await html(ds, f"/-/page/{PAGE_ID}")
    contents = page.split('id="contents"')[1].split("</nav>")[0]
    order = [contents.index(s) for s in ["罗强主持召开", "无标题：日前", "11月17日，全省职业教育", "四川发布20个", "四川省产教融合典型案例", "无标题：四川省教育厅"]]
    assert order == sorted(order)
    assert "已标出" not in page


@pytest.mark.asyncio
async def test_unknown_page_is_not_found(ds):
    assert (await ds.client.get("/-/page/nothing")).status_code == 404


@pytest.mark.asyncio
async def test_article_provenance_lands_on_the_page_view(ds):
    page = await html(ds, f"/sichuan_edu/articles/{A(2)}")
    assert f'id="provenance" href="/-/page/{PAGE_ID}?article={A(2)}#L76"' in page


@pytest.mark.asyncio
async def test_person_page_is_headed_by_the_name_and_lists_articles(ds):
    page = await html(ds, f"/sichuan_edu/people/{LUO_QIANG}")
    assert "<h1>罗强</h1>" in page and "<title>罗强 · 人物 Person</title>" in page
    articles = page.split('id="articles"')[1].split("</section>")[0]
    assert ">罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”</a>" in articles
    assert "出席 (attended)、讲话 (spoke)" in articles
    assert "副省长" in page.split('id="titles"')[1] and ">刘全胜</a>" in page


@pytest.mark.asyncio
async def test_institution_page_shows_printed_forms_place_and_code(ds):
    data = (await ds.client.get("/sichuan_edu/institutions.json?_shape=array&name=中共四川省委教育工作委员会")).json()
    page = await html(ds, f"/sichuan_edu/institutions/{data[0]['id']}")
    assert "<h1>中共四川省委教育工作委员会</h1>" in page
    assert "省委教育工委 <span class=\"sub\">文中写法 (as printed)</span>" in page
    assert "四川省" in page.split('id="place"')[1].split("</dd>")[0]
    luzhou = (await ds.client.get("/sichuan_edu/institutions.json?_shape=array&name=泸州职业技术学院")).json()[0]
    page = await html(ds, f"/sichuan_edu/institutions/{luzhou['id']}")
    assert "4151012967" in page and ">泸州市</a>" in page and "高职院校 (vocational college)" in page
    assert "“四六”深度融合的“泸职模式”</a>" in page


@pytest.mark.asyncio
async def test_case_page_links_its_units_and_article(ds):
    page = await html(ds, f"/sichuan_edu/cases/{PAGE_ID}-c04")
    assert "<h1>校企双主体全过程定制化现代化工工匠培养</h1>" in page
    units = page.split('id="units"')[1].split("</dd>")[0]
    assert ">四川化工职业技术学院</a>" in units and ">泸天化（集团）有限责任公司</a>" in units and ">泸州市</a>" in units
    assert "表中未印类别" in page and f'href="/sichuan_edu/articles/{A(5)}"' in page
    assert f'href="/-/page/{PAGE_ID}?case={PAGE_ID}-c04#L486"' in page


@pytest.mark.asyncio
async def test_city_page_lists_institutions_cases_and_articles(ds):
    page = await html(ds, "/sichuan_edu/cities/510500")
    assert "<h1>泸州市</h1>" in page
    for name in ["泸州职业技术学院", "四川化工职业技术学院", "“四六”深度融合的“泸职模式”", "全省职业教育深化产教融合现场推进会在泸州召开"]:
        assert f">{name}</a>" in page


@pytest.mark.asyncio
async def test_other_rows_are_headed_by_their_label(ds):
    page = await html(ds, f"/sichuan_edu/page_tables/{PAGE_ID}-t1")
    assert ">四川省产教融合典型案例</h1>" in page and f"/-/page/{PAGE_ID}?table={PAGE_ID}-t1#L478" in page


@pytest.mark.asyncio
async def test_home_links_queries_and_lists_tables_in_reading_order(ds):
    page = await html(ds, "/")
    queries = page.split('id="queries"')[1].split("</ul>")[0]
    assert 'href="/sichuan_edu/person_articles?name=%E7%BD%97%E5%BC%BA"' in queries and "某人出现在哪些文章" in queries
    tables = page.split('id="tables"')[1]
    assert tables.index(">articles</a>") < tables.index(">cases</a>") < tables.index(">pages</a>") < tables.index(">segments</a>")
    assert 'href="/-/pages"' in page
    assert 'href="/sichuan_edu/cities_by_institutions"' in page and "institutions?city_id__isnull=1" in page


@pytest.mark.asyncio
async def test_database_page_lists_tables_in_reading_order(ds):
    page = await html(ds, "/sichuan_edu")
    names = [part.split('"')[0] for part in page.split('<h3><a href="/sichuan_edu/')[1:]]
    assert names[:7] == ["articles", "cases", "institutions", "people", "cities", "places", "pages"]
    assert names.index("segments") > names.index("counties")


@pytest.mark.asyncio
async def test_table_page_folds_column_notes_and_bodies(ds):
    page = await html(ds, "/sichuan_edu/articles")
    assert '<details class="column-notes" id="column-notes">' in page
    assert page.index('id="column-notes"') < page.index('class="rows-and-columns')
    assert page.count('<div class="cell-clamp">') == 6 and "-webkit-line-clamp: 3" in page
    row = await html(ds, f"/sichuan_edu/articles/{A(4)}")
    assert "该校学生吴镓骏感叹道" in row and "-webkit-line-clamp" not in row  # the row's page shows it whole


@pytest.mark.asyncio
async def test_city_map_popup_is_chinese_with_english_and_links_the_city(ds):
    rows = (await ds.client.get("/sichuan_edu/city_map.json?_shape=array&id=510500")).json()
    popup = json.loads(rows[0]["popup"])
    assert popup == {"title": "泸州市", "description": "4 机构 institutions · 2 案例 cases · 3 文章 articles",
                     "link": "/sichuan_edu/cities/510500"}


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/-/pages", f"/-/page/{PAGE_ID}", f"/sichuan_edu/people/{LUO_QIANG}",
                                  "/sichuan_edu/cities/510500", f"/sichuan_edu/cases/{PAGE_ID}-c01"])
async def test_pages_answer_quickly_enough(ds, path):
    import time

    await ds.client.get(path)  # warm
    start = time.perf_counter()
    await html(ds, path)
    assert time.perf_counter() - start < 1.0, path


# --- the page view of a PDF page: its image and the chosen lines boxed (issue 15) ---------------------------

@pytest.fixture(scope="module")
def pdf_ds(tmp_path_factory):
    import shutil

    import yaml
    from datasette.app import Datasette

    from sichuan_edu.pipeline import build

    seeds = tmp_path_factory.mktemp("pdf-seeds")
    shutil.copy(ROOT / "tests" / "corpus" / "pdf-sample" / "p005.pdf", seeds)
    db_path = seeds.parent / "pdf.db"
    build(seeds, db_path)
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"))


@pytest.mark.asyncio
async def test_pdf_page_view_shows_the_image_and_boxes_the_chosen_lines(pdf_ds):
    page = await html(pdf_ds, "/-/page/p005?article=p005-a2")
    import re

    figure = page.split('id="page-image"')[1].split("</figure>")[0]
    assert '<img src="/-/page/p005/image.webp?v=' in figure
    lines = page.split('id="lines"')[1]
    marked = {int(n) for n in re.findall(r'<div class="line on" id="L(\d+)">', lines)}
    boxed = {int(n) for n in re.findall(r'class="box on" href="#L\d+" data-line="(\d+)"', figure)}
    assert marked and boxed == marked
    plain = await html(pdf_ds, "/-/page/p005")
    assert 'id="page-image"' in plain and 'class="box' not in plain


@pytest.mark.asyncio
async def test_text_page_has_no_image(ds):
    assert 'id="page-image"' not in await html(ds, f"/-/page/{PAGE_ID}?article={A(3)}")
    assert (await ds.client.get(f"/-/page/{PAGE_ID}/image.webp")).status_code == 404


@pytest.mark.asyncio
async def test_page_image_is_served_with_cache_headers(pdf_ds):
    page = await html(pdf_ds, "/-/page/p005")
    src = page.split('<img src="')[1].split('"')[0]
    r = await pdf_ds.client.get(src)
    assert r.status_code == 200 and r.headers["content-type"] == "image/webp" and r.content[8:12] == b"WEBP"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = await pdf_ds.client.get(src, headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    # an address without this image's version may be an old one: cached an hour only
    stale = await pdf_ds.client.get("/-/page/p005/image.webp?v=0")
    assert stale.status_code == 200 and stale.headers["cache-control"] == "public, max-age=3600"
    assert (await pdf_ds.client.get("/-/page/p005/image.jpeg")).status_code == 404
