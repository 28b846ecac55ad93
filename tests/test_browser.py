"""The site in a real browser (Debian's chromium, driven by Playwright): what a new user sees."""
import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PAGE_ID, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.skipif(
    os.environ.get("SICHUAN_EDU_NO_BROWSER") == "1", reason="browser tests switched off by SICHUAN_EDU_NO_BROWSER=1"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_path: Path):
    port = free_port()
    datasette = Path(sys.executable).with_name("datasette")
    proc = subprocess.Popen(
        [str(datasette), "serve", "-i", str(db_path), "--metadata", str(ROOT / "metadata.yml"),
         "--plugins-dir", str(ROOT / "plugins"), "--template-dir", str(ROOT / "templates"),
         "--port", str(port), "--setting", "sql_time_limit_ms", "2000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("datasette did not start")


@pytest.fixture(scope="module")
def site(db_path):
    proc, url = serve(db_path)
    yield url
    proc.terminate()
    proc.wait()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is not installed: make test installs it (apt-get install chromium)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    # Map tiles come from the internet, which tests do not reach: answer them empty, at once.
    pg.route("https://*.tile.openstreetmap.org/**", lambda route: route.fulfill(status=204, body=""))
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def test_home_page_shows_counts_and_city_markers(page, site):
    page.goto(site + "/")
    counts = page.locator("#counts").inner_text()
    for text in ["1\n版面 pages", "6\n文章 articles", "12\n人物 people", "43\n机构 institutions", "20\n典型案例 cases"]:
        assert text in counts
    page.wait_for_selector("#city-map[data-markers]")
    # the five cities that hold institutions: 成都 泸州 德阳 广元 宜宾
    assert page.locator("#city-map .leaflet-marker-icon").count() == 5
    page.locator("#city-map .leaflet-marker-icon").first.click()
    assert "机构 institutions" in page.locator(".leaflet-popup-content").inner_text()
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)


def test_search_box_finds_articles(page, site):
    page.goto(site + "/sichuan_edu/articles")
    page.fill("input[name=_search]", "产教融合")
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    assert page.input_value("input[name=_search]") == "产教融合"
    ids = page.locator("table.rows-and-columns td.col-id").all_inner_texts()
    assert sorted(ids) == [f"{PAGE_ID}-a2", f"{PAGE_ID}-a5"]
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)


def test_article_page_reads_as_an_article(page, site):
    page.goto(f"{site}/sichuan_edu/articles/{PAGE_ID}-a2")
    assert page.locator("h2.headline").inner_text() == "全省职业教育深化产教融合现场推进会在泸州召开"
    assert page.locator(".article .body p").count() == 5
    people = page.locator(".entities a[href*='/people/']").all_inner_texts()
    assert people[:2] == ["钟兴茂", "陈朝和"] and "罗强" in people
    page.locator(".entities a", has_text="中共四川省委教育工作委员会").click()
    page.wait_for_load_state()
    assert "/sichuan_edu/institutions/" in page.url
    page.go_back()
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)


def test_cases_csv_download_keeps_chinese(page, site):
    page.goto(site + "/sichuan_edu/cases")
    with page.expect_download() as info:
        page.evaluate("url => { const a = document.createElement('a'); a.href = url; a.download = 'cases.csv'; document.body.appendChild(a); a.click(); }",
                      "/sichuan_edu/cases.csv?_size=max&_dl=1")
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == 20
    assert rows[17]["title"] == "厂校融合共建光电信息产业“厂中校、校中厂”"


def test_institutions_table_shows_a_map(page, site):
    page.goto(site + "/sichuan_edu/institutions")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=10000)
    assert page.locator(".leaflet-marker-icon, .marker-cluster").count() >= 5
    # Leaflet's own buttons speak Chinese too (its script is served translated)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "放大"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "缩小"
    page.screenshot(path=str(ARTIFACTS / "institutions-map.png"), full_page=True)


XSS_PAGE = {
    "四川科技职业学院\n\n搭建双选平台促就业": "四川科技职业学院<img src=x onerror=alert(1)>\n\n搭建双选平台促就业",
    "会议强调，各地": "会议强调\"><img src=x onerror=alert(2)>，各地",
    "成都工业学院": "成都<script>alert(3)</script>工业学院",
    "11月17日，全省职业教育深化产教融合现场推进会在泸州召开。": "11月17日，<svg onload=alert(4)>全省职业教育深化产教融合现场推进会在泸州召开。",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from sichuan_edu.pipeline import build

    from conftest import SEED_PAGE

    folder = tmp_path_factory.mktemp("hostile")
    text = SEED_PAGE.read_text(encoding="utf-8")
    for old, new in XSS_PAGE.items():
        assert old in text
        text = text.replace(old, new)
    (folder / SEED_PAGE.name).write_text(text, encoding="utf-8")
    db = folder / "sichuan_edu.db"
    build(folder, db)
    proc, url = serve(db)
    yield url
    proc.terminate()
    proc.wait()


def test_markup_from_pages_is_shown_as_text(page, hostile_site):
    """Pages are text: markup in them never runs, on any page a user can reach."""
    page.goto(hostile_site + "/")
    page.wait_for_selector("#city-map[data-markers]")
    for marker in page.locator("#city-map .leaflet-marker-icon").all():
        marker.dispatch_event("click")
        page.wait_for_timeout(100)
    page.goto(f"{hostile_site}/sichuan_edu/articles?_search=" + "搭建双选平台")
    page.locator("table.rows-and-columns td.col-id a").first.click()
    page.wait_for_load_state()
    assert page.locator("h2.headline").inner_text() == "四川科技职业学院<img src=x onerror=alert(1)> 搭建双选平台促就业"
    page.goto(f"{hostile_site}/sichuan_edu/institutions?city_id=510100")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=10000)
    for marker in page.locator(".marker-cluster, .leaflet-marker-icon").all():
        marker.dispatch_event("click")
        page.wait_for_timeout(200)
    for marker in page.locator(".leaflet-marker-icon").all():  # clusters opened: every single marker's popup
        marker.dispatch_event("click")
        page.wait_for_timeout(100)
    page.goto(f"{hostile_site}/sichuan_edu/institutions?_search=" + "工业学院")
    assert "成都<script>alert(3)</script>工业学院" in page.locator("table.rows-and-columns").inner_text()
    for path in ["/sichuan_edu/articles", "/sichuan_edu/cases", "/sichuan_edu/captions", "/sichuan_edu/city_map",
                 "/sichuan_edu/search?q=会议强调", "/-/search?q=工业学院"]:
        page.goto(hostile_site + path)
        page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "hostile-search.png"), full_page=True)
    assert page.dialogs == []


@pytest.fixture
def phone(browser):
    """A 390 px wide phone screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    pg = context.new_page()
    pg.route("https://*.tile.openstreetmap.org/**", lambda route: route.fulfill(status=204, body=""))
    yield pg
    context.close()


def no_horizontal_overflow(pg):
    return pg.evaluate("document.documentElement.scrollWidth") <= pg.viewport_size["width"]


def test_search_page_reads_on_a_phone(phone, site):
    """The home search box leads to ranked, linked results with marked snippets, each well under a screen."""
    phone.goto(site + "/")
    phone.fill("#home-search input[name=q]", "产教融合")
    phone.press("#home-search input[name=q]", "Enter")
    phone.wait_for_selector("#results")
    assert "/-/find?q=" in phone.url
    results = phone.locator("li.result")
    assert results.count() == 2
    links = phone.locator("li.result h3 a")
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        f"/sichuan_edu/articles/{PAGE_ID}-a5", f"/sichuan_edu/articles/{PAGE_ID}-a2"]
    assert links.first.inner_text() == "四川发布20个产教融合典型案例"
    for i in range(2):
        assert results.nth(i).locator(".snippet mark").count() >= 1
        assert results.nth(i).bounding_box()["height"] < 844 / 2
    assert "典型案例 Cases (2)" in phone.locator("#cases").inner_text()
    assert no_horizontal_overflow(phone)
    phone.screenshot(path=str(ARTIFACTS / "search-page-phone.png"), full_page=True)
    links.first.click()
    phone.wait_for_load_state()
    assert phone.locator("h2.headline").inner_text() == "四川发布20个产教融合典型案例"


def test_search_page_facets_and_sections(page, site):
    page.goto(site + "/-/find?q=" + "泸州")
    assert page.locator("li.result").count() == 3
    page.locator(".facet-keyword a", has_text="产教融合").click()
    page.wait_for_load_state()
    assert "keyword=" in page.url and page.locator("li.result").count() == 2
    assert page.locator(".facet-keyword .selected").count() == 1
    institutions = page.locator("#institutions").inner_text()
    assert "泸州职业技术学院" in institutions and "泸州市政府（文中作）" in institutions
    page.screenshot(path=str(ARTIFACTS / "search-page-facets.png"), full_page=True)


def test_search_page_shows_markup_as_text(page, hostile_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for q in ["搭建双选平台", "工业学院", "会议强调", "产教融合"]:
        page.goto(hostile_site + "/-/find?q=" + q)
        page.wait_for_timeout(200)
    page.goto(hostile_site + "/-/find?q=" + "搭建双选平台")
    assert "四川科技职业学院<img src=x onerror=alert(1)>" in page.locator("#results").inner_text()
    assert page.locator("#results img").count() == 0
    assert dialogs == [] and page.dialogs == []


def test_excel_csv_link_downloads_every_case_with_chinese_intact(page, site):
    """The table page links a CSV for Excel: a UTF-8 byte-order mark, then all the rows."""
    page.goto(site + "/sichuan_edu/cases")
    link = page.locator("p.export-links a.excel-csv")
    assert link.inner_text() == "Excel（CSV，UTF-8 BOM）"
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "cases.csv"
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 20 and list(rows[0])[0] == "id"
    assert {r["title"] for r in rows} >= {"厂校融合共建光电信息产业“厂中校、校中厂”", "产学研一体化装备制造业卓越工匠培养"}
    assert "成都职业技术学院、成都京东方光电科技有限公司" in {r["units"] for r in rows}


def test_article_page_offers_a_citation(phone, site):
    phone.goto(f"{site}/sichuan_edu/articles/{PAGE_ID}-a5")
    assert phone.locator("#cite-gbt").inner_text() == "[1] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]."
    assert "报纸名、出版日期、版次" in phone.locator("#cite .meta").inner_text()
    phone.locator("#cite summary", has_text="BibTeX").click()
    bib = phone.locator("#cite-bibtex").inner_text()
    assert "author = {{钟兴茂} and {陈朝和}}" in bib and "journal" not in bib
    phone.locator("#cite summary", has_text="RIS").click()
    assert phone.locator("#cite-ris").inner_text().startswith("TY  - NEWS\nAU  - 钟兴茂\nAU  - 陈朝和\n")
    assert no_horizontal_overflow(phone)
    phone.locator("#cite").screenshot(path=str(ARTIFACTS / "citation-phone.png"))


# --- page view, entity pages, home and tables (issue 13) -------------------------------------------

def test_article_provenance_opens_the_page_with_its_lines_highlighted(page, site):
    page.goto(f"{site}/sichuan_edu/articles/{PAGE_ID}-a3")
    page.locator("#provenance").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/-/page/{PAGE_ID}?article={PAGE_ID}-a3#L169")
    marked = page.locator("#lines .line.on:not(.blank)")
    numbers = [int(x.split("L")[1]) for x in marked.evaluate_all("els => els.map(e => e.id)")]
    assert numbers[0] == 169 and numbers[-1] == 293 and len(numbers) > 50
    # line 169 also ends article 2's headline: only article 3's part of it is marked
    line = page.locator("#L169")
    assert line.locator("span.on").first.inner_text() == "据教育部官网消息"
    assert line.locator("span.k-headline:not(.on)").inner_text() == "全省职业教育深化产教融合现场推进会在泸州召开"
    assert page.locator("#L168.on, #L294.on").count() == 0
    box = page.locator("#L169").bounding_box()
    assert 0 <= box["y"] < 1000  # scrolled to the article's first line
    assert "第 169–293 行" in page.locator("#chosen").inner_text()
    page.screenshot(path=str(ARTIFACTS / "page-view.png"))


def test_page_view_lists_the_page_in_order_and_switches_the_highlight(page, site):
    page.goto(f"{site}/-/pages")
    page.locator("a", has_text="日期未知").first.click()
    page.wait_for_load_state()
    page.locator("#issue-pages h2 a").first.click()
    page.wait_for_load_state()
    items = page.locator("#contents li.item")
    kinds = items.evaluate_all("els => els.map(e => e.className.split(' ')[1])")
    assert kinds == ["item-article"] * 4 + ["item-caption", "item-article", "item-table", "item-article"]
    page.locator("#contents li.item-table a.pick").click()
    page.wait_for_load_state()
    assert page.locator("#lines .line.on").count() > 20 and page.locator("#L478.on").count() == 1
    page.locator("#contents li.item-article a.pick", has_text="四川发布20个产教融合典型案例").click()
    page.wait_for_load_state()
    assert page.locator("#L405.on").count() == 1 and page.locator("#L480.rel").count() == 1  # its table: related
    page.screenshot(path=str(ARTIFACTS / "page-view-article-5.png"), full_page=False)


def test_person_page_lists_their_articles_by_title(page, site):
    page.goto(f"{site}/sichuan_edu/articles/{PAGE_ID}-a2")
    page.locator(".entities a", has_text="罗强").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "罗强"
    titles = page.locator("#articles ol.articles > li > a").all_inner_texts()
    assert sorted(titles) == ["全省职业教育深化产教融合现场推进会在泸州召开",
                              "罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”"]
    assert "副省长" in page.locator("#titles").inner_text() and "主持 (presided)" in page.locator("#articles").inner_text()
    assert "刘全胜" in page.locator("#companions").inner_text()
    page.screenshot(path=str(ARTIFACTS / "person.png"), full_page=True)


def test_institution_page_shows_printed_forms_and_place(page, site):
    page.goto(f"{site}/sichuan_edu/articles/{PAGE_ID}-a1")
    page.locator(".entities a", has_text="中共四川省委教育工作委员会").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "中共四川省委教育工作委员会"
    assert "省委教育工委" in page.locator("#forms").inner_text()
    place = page.locator("#place").inner_text()
    assert "四川省" in place and "成都市" in place
    assert "党政机关 (Party or government body)" in page.locator("#facts").inner_text()
    page.goto(f"{site}/sichuan_edu/cases/{PAGE_ID}-c09")
    page.locator("#units a", has_text="泸州职业技术学院").click()
    page.wait_for_load_state()
    facts = page.locator("#facts").inner_text()
    assert "4151012967" in facts and "泸州市" in facts
    page.screenshot(path=str(ARTIFACTS / "institution.png"), full_page=True)


def test_entity_headings_are_names_not_ids(page, site):
    import re

    for path, name in [(f"/sichuan_edu/cases/{PAGE_ID}-c04", "校企双主体全过程定制化现代化工工匠培养"),
                       ("/sichuan_edu/cities/510500", "泸州市"), ("/sichuan_edu/places/510000", "四川省"),
                       (f"/sichuan_edu/page_tables/{PAGE_ID}-t1", "四川省产教融合典型案例")]:
        page.goto(site + path)
        heading = page.locator("h1").first.inner_text()
        assert heading == name and not re.search(r"\d{6,}", heading), (path, heading)
    page.goto(site + "/sichuan_edu/people")
    for link in page.locator("table.rows-and-columns td.col-id a").all()[:3]:
        href = link.get_attribute("href")
        page2 = page.context.new_page()
        page2.goto(site + href)
        heading = page2.locator("h1").first.inner_text()
        assert heading and not re.search(r"\d", heading), heading
        page2.close()


def test_home_lists_queries_and_tables_for_readers_and_labels_markers(page, site):
    page.goto(site + "/")
    assert page.locator("ul.queries li").count() == 5
    page.locator("ul.queries a", has_text="人物的文章与职务").click()
    page.wait_for_load_state()
    assert page.locator("table.rows-and-columns td.col-name").first.inner_text() == "罗强"
    page.go_back()
    first = page.locator("#tables ~ ul.tables").first.locator("a").all_inner_texts()
    assert first[:7] == ["articles", "cases", "institutions", "people", "cities", "places", "pages"]
    assert page.locator("#tables-plumbing").get_attribute("open") is None  # provenance and build tables: folded
    page.wait_for_selector("#city-map[data-markers]")
    labels = sorted(int(t) for t in page.locator("#city-map .count-marker").all_inner_texts())
    assert len(labels) == 5 and sum(labels) == 36 and max(labels) == 27
    page.locator("#city-map .count-marker", has_text="4").click()
    page.locator(".leaflet-popup-content a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "泸州市"


def test_table_page_shows_data_before_column_notes(page, site):
    page.goto(site + "/sichuan_edu/articles")
    notes = page.locator("#column-notes")
    assert notes.get_attribute("open") is None and not page.locator("#column-notes dd").first.is_visible()
    assert not page.locator("dl.column-descriptions").is_visible()
    table_top = page.locator("table.rows-and-columns").bounding_box()["y"]
    assert table_top < 1000  # the first rows are on the first screen
    body = page.locator("table.rows-and-columns td.col-body").first.bounding_box()
    assert body["height"] < 200  # three lines and the length, not the whole article
    page.screenshot(path=str(ARTIFACTS / "articles-table.png"))


PHONE_PAGES = ["/", "/-/pages", "/sichuan_edu/cities_by_institutions", "/sichuan_edu/search?q=泸州",
               f"/sichuan_edu/captions/{PAGE_ID}-p1", f"/sichuan_edu/pages/{PAGE_ID}", "/sichuan_edu?sql=select+*+from+articles",
               "/sichuan_edu/institutions?_facet=type",
               "/sichuan_edu/person_articles?name=罗强", "/sichuan_edu/city_map?_sort_desc=institutions", "/-/search?q=泸州", "/-/pages?paper=none&date=none", f"/-/page/{PAGE_ID}?article={PAGE_ID}-a5",
               f"/sichuan_edu/articles/{PAGE_ID}-a2", "/sichuan_edu/people/129809847585312",
               f"/sichuan_edu/cases/{PAGE_ID}-c04", "/sichuan_edu/cities/510500", "/sichuan_edu/institutions/123352964314677",
               "/sichuan_edu", "/sichuan_edu/articles", "/sichuan_edu/cases", "/sichuan_edu/people", "/-/find?q=泸州"]


def test_no_page_overflows_a_phone(phone, site):
    wide = []
    for path in PHONE_PAGES:
        phone.goto(site + path)
        phone.wait_for_timeout(150)
        if not no_horizontal_overflow(phone):
            wide.append((path, phone.evaluate("document.documentElement.scrollWidth")))
    assert wide == []
    # nor does a value run off its card in a table shown as cards (a page's file name and id, unbroken)
    for path in ["/sichuan_edu/cases", "/sichuan_edu/articles"]:
        phone.goto(site + path)
        spilling = phone.evaluate("Array.from(document.querySelectorAll('.rows-and-columns td'))"
                                  ".filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.className)")
        assert spilling == [], (path, spilling[:3])
    phone.goto(f"{site}/-/page/{PAGE_ID}?article={PAGE_ID}-a5#L405")
    phone.screenshot(path=str(ARTIFACTS / "page-view-phone.png"))
    phone.goto(f"{site}/sichuan_edu/people/129809847585312")
    phone.screenshot(path=str(ARTIFACTS / "person-phone.png"), full_page=True)


def test_page_view_and_entity_pages_show_markup_as_text(page, hostile_site):
    page.goto(hostile_site + "/sichuan_edu/institutions.json?_shape=array&name__contains=script")
    institution = page.evaluate("JSON.parse(document.body.innerText)")[0]["id"]
    for path in ["/-/pages", "/-/pages?paper=none&date=none", f"/-/page/{PAGE_ID}?article={PAGE_ID}-a4#L295",
                 f"/-/page/{PAGE_ID}?caption={PAGE_ID}-p1", f"/sichuan_edu/institutions/{institution}",
                 f"/sichuan_edu/cases/{PAGE_ID}-c18", "/sichuan_edu/cities/510100", "/sichuan_edu/people/129809847585312",
                 f"/sichuan_edu/captions/{PAGE_ID}-p1"]:
        page.goto(hostile_site + path)
        page.wait_for_timeout(200)
    page.goto(f"{hostile_site}/-/page/{PAGE_ID}?article={PAGE_ID}-a4")
    assert "四川科技职业学院<img src=x onerror=alert(1)>" in page.locator("#lines").inner_text()
    assert page.locator("#lines img, #contents img").count() == 0
    page.goto(f"{hostile_site}/sichuan_edu/institutions/{institution}")
    assert page.locator("h1").inner_text() == "成都<script>alert(3)</script>工业学院"
    assert page.dialogs == []


# --- the page image of a PDF page (issue 15) ----------------------------------------------------------

PDF_PAGE = "p017"  # a corpus page of five news articles set in columns (tests/corpus/pdf-sample/)


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    """The seed page and a PDF page, built as a user builds them, and served."""
    from conftest import run_build

    seeds = tmp_path_factory.mktemp("pdf-seeds")
    shutil.copy(ROOT / "seeds" / "000_c7edaf26723f02d6.txt", seeds)
    shutil.copy(ROOT / "seeds" / "manifest.csv", seeds)
    shutil.copy(ROOT / "tests" / "corpus" / "pdf-sample" / f"{PDF_PAGE}.pdf", seeds)
    db_path = seeds.parent / "pdf.db"
    result = run_build(seeds, db_path)
    assert result.returncode == 0, result.stderr
    proc, url = serve(db_path)
    yield url, db_path
    proc.terminate()
    proc.wait()


def _boxes(db_path, page_id):
    import sqlite3

    conn = sqlite3.connect(db_path)
    rows = conn.execute("select line_no, x0, top, x1, bottom, page_width, page_height from line_boxes "
                        "where page_id = ?", (page_id,)).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_pdf_page_view_shows_the_image_with_the_articles_lines_boxed(page, pdf_site):
    url, db_path = pdf_site
    import sqlite3

    article = sqlite3.connect(db_path).execute(
        "select id from articles where page_id = ? order by char_count desc", (PDF_PAGE,)).fetchone()[0]
    page.goto(f"{url}/-/page/{PDF_PAGE}?article={article}")
    img = page.locator("#page-image img")
    page.wait_for_function("() => { const i = document.querySelector('#page-image img'); return i.complete && i.naturalWidth > 0; }")
    assert img.evaluate("i => i.naturalWidth") == 1200
    frame = img.bounding_box()
    boxes = _boxes(db_path, PDF_PAGE)
    drawn = page.locator("#page-image a.box.on")
    marked = {int(x[1:]) for x in page.locator("#lines .line.on:not(.blank)").evaluate_all("els => els.map(e => e.id)")}
    lines = [int(n) for n in drawn.evaluate_all("els => els.map(e => e.dataset.line)")]
    # a box for every highlighted line of the text, and none for any other line
    assert lines and set(lines) == marked
    for box, no in zip(drawn.all(), lines):
        got = box.bounding_box()
        x0, top, x1, bottom, width, height = boxes[no]
        sx, sy = frame["width"] / width, frame["height"] / height
        # where the line is printed on the page, scaled to the image as shown (a part of a line: within it)
        assert abs(got["y"] - (frame["y"] + top * sy)) < 1.5 and abs(got["height"] - (bottom - top) * sy) < 1.5
        assert got["x"] >= frame["x"] + x0 * sx - 1.5 and got["x"] + got["width"] <= frame["x"] + x1 * sx + 1.5
    # the image sits beside the text on a wide screen
    text = page.locator("#lines").bounding_box()
    assert frame["x"] >= text["x"] + text["width"] - 1
    page.screenshot(path=str(ARTIFACTS / "page-view-pdf.png"))


def test_pdf_page_image_is_cached_and_the_page_fits_a_phone(phone, pdf_site):
    url, _ = pdf_site
    phone.goto(f"{url}/-/page/{PDF_PAGE}?article={PDF_PAGE}-a1")
    phone.wait_for_function("() => document.querySelector('#page-image img').naturalWidth > 0")
    assert no_horizontal_overflow(phone)
    src = phone.locator("#page-image img").get_attribute("src")
    response = phone.request.get(url + src)
    assert response.status == 200 and response.headers["content-type"] == "image/webp"
    assert "immutable" in response.headers["cache-control"]
    again = phone.request.get(url + src, headers={"If-None-Match": response.headers["etag"]})
    assert again.status == 304
    phone.screenshot(path=str(ARTIFACTS / "page-view-pdf-phone.png"))


# --- the five tasks, done as a researcher does them, from the home page, clicks counted ------------

class Clicks:
    """Clicks on a page, counted; typing a search and pressing Enter counts as one."""

    def __init__(self, pg):
        self.pg, self.n = pg, 0

    def click(self, locator):
        self.n += 1
        locator.click()
        self.pg.wait_for_load_state()

    def search(self, selector, text):
        self.n += 1
        self.pg.fill(selector, text)
        self.pg.press(selector, "Enter")
        self.pg.wait_for_load_state()


def record(task, clicks, how):
    """Kept beside the screenshots: how many clicks each task took, and which."""
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "tasks.txt", "a", encoding="utf-8") as out:
        out.write(f"{task}: {clicks} ({how})\n")


def test_task_luzhou_vocational_colleges_with_cases(page, site):
    """泸州 vocational colleges with their cases: the map's 泸州 marker, then its page."""
    page.goto(site + "/")
    page.wait_for_selector("#city-map .count-marker")
    clicks = Clicks(page)
    clicks.click(page.locator("#city-map .count-marker", has_text="4"))
    clicks.click(page.locator(".leaflet-popup-content a"))
    assert page.locator("h1").inner_text() == "泸州市"
    colleges = [li for li in page.locator("#institutions li").all_inner_texts() if "高职院校" in li]
    assert [c.split(" ·")[0] for c in colleges] == ["四川化工职业技术学院", "泸州职业技术学院"]
    assert all("案例 1 cases" in c for c in colleges)
    cases = page.locator("#cases li").all_inner_texts()
    assert any(c.startswith("“四六”深度融合的“泸职模式”") and "泸州职业技术学院" in c for c in cases)
    assert any(c.startswith("校企双主体全过程定制化现代化工工匠培养") and "四川化工职业技术学院" in c for c in cases)
    assert clicks.n == 2
    record("泸州的高职院校及其案例", clicks.n, "地图上的泸州标记 → 弹窗里的城市页")
    page.screenshot(path=str(ARTIFACTS / "task-luzhou.png"), full_page=True)


def test_task_every_article_naming_luo_qiang_with_his_titles(page, site):
    """Every article naming 罗强, with the titles printed there: search his name, open his page."""
    page.goto(site + "/")
    clicks = Clicks(page)
    clicks.search("#home-search input[name=q]", "罗强")
    clicks.click(page.locator("#people a", has_text="罗强"))
    assert page.locator("h1").inner_text() == "罗强"
    articles = page.locator("#articles ol.articles > li").all_inner_texts()
    assert len(articles) == 2 == int(page.locator("#articles h2").inner_text().split("(")[1].rstrip(")"))
    by_title = {a.split("\n")[0]: a for a in articles}
    assert "副省长、省招考委主任" in by_title["罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”"]
    assert "副省长" in by_title["全省职业教育深化产教融合现场推进会在泸州召开"]
    assert {"副省长", "省招考委主任"} <= {t.split(" ")[0] for t in page.locator("#titles ul.chips > li").all_inner_texts()}
    assert clicks.n == 2
    record("罗强的全部文章及其职务", clicks.n, "首页检索“罗强” → 人物页")
    page.screenshot(path=str(ARTIFACTS / "task-luo-qiang.png"), full_page=True)


def test_task_all_cases_with_units_as_a_spreadsheet(page, site):
    """All cases with their units, as a file Excel opens: the cases table, then its Excel link."""
    page.goto(site + "/")
    clicks = Clicks(page)
    clicks.click(page.locator("#tables ~ ul.tables a", has_text="cases").first)
    with page.expect_download() as info:
        clicks.n += 1
        page.locator("p.export-links a.excel-csv").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only after a byte-order mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 20 and all(r["title"] and r["units"] for r in rows)
    assert {r["title"]: r["units"] for r in rows}["校企双主体全过程定制化现代化工工匠培养"] == "四川化工职业技术学院、泸天化（集团）有限责任公司"
    assert clicks.n == 2
    record("全部案例及报送单位，存为表格", clicks.n, "首页表格列表的 cases → Excel（CSV，UTF-8 BOM）")


def test_task_cities_by_number_of_institutions_unknowns_shown(page, site):
    """Cities by number of institutions, with the institutions whose city is unknown: one link on the home page."""
    page.goto(site + "/")
    clicks = Clicks(page)
    clicks.click(page.locator("#cities-by-count"))
    cities = page.locator("table.rows-and-columns td.col-city").all_inner_texts()
    counts = [int(n) for n in page.locator("table.rows-and-columns td.col-institutions").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and sum(counts) == 43 and len(cities) == 23
    assert cities[:2] == ["成都市", "泸州市"] and counts[:2] == [27, 4]
    unknown = {c: n for c, n in zip(cities, counts) if "未知" in c}
    assert unknown == {"不在四川或地点未知 · outside Sichuan or place unknown": 4, "城市未知（四川省内）· city unknown, in Sichuan": 3}
    assert clicks.n == 1
    record("各市机构数（含城市未知）", clicks.n, "首页地图下的“各市机构数”")
    page.screenshot(path=str(ARTIFACTS / "task-cities.png"), full_page=True)
    clicks.click(page.locator("table.rows-and-columns td.col-city a", has_text="泸州市"))
    assert page.locator("h1").inner_text() == "泸州市"


def test_task_an_articles_lines_on_its_page(page, site):
    """An article's lines on its page: search, open the article, follow its provenance link."""
    page.goto(site + "/")
    clicks = Clicks(page)
    clicks.search("#home-search input[name=q]", "产教融合")
    clicks.click(page.locator("li.result h3 a", has_text="四川发布20个产教融合典型案例"))
    clicks.click(page.locator("#provenance"))
    assert f"/-/page/{PAGE_ID}?article={PAGE_ID}-a5" in page.url
    marked = [int(x[1:]) for x in page.locator("#lines .line.on:not(.blank)").evaluate_all("els => els.map(e => e.id)")]
    assert marked[0] == 405 and len(marked) > 20
    assert 0 <= page.locator(f"#L{marked[0]}").bounding_box()["y"] < 1000  # scrolled to it
    assert clicks.n == 3
    record("一篇文章在版面上的各行", clicks.n, "首页检索 → 文章 → 逐行出处")
    page.screenshot(path=str(ARTIFACTS / "task-article-lines.png"))


def test_datasette_interface_reads_in_chinese(page, site):
    """Datasette's own labels on a table page are Chinese: headings, filters, export, facets, the column menu."""
    page.goto(site + "/sichuan_edu/cases?_facet_array=cities")
    text = page.locator("body").inner_text()
    assert page.locator("form.filters input[type=submit]").input_value() == "应用"
    for chinese in ["20 行", "检索：", "查看并编辑 SQL", "高级导出 Advanced export", "建议分面 Suggested facets",
                    "cities (列表 array)", "由 Datasette 提供", "数据许可 Data license", "首页 home"]:
        assert chinese in text, chinese
    for english in ["20 rows", "View and edit SQL", "(array)", "Queries took", "download file", "sorted by"]:
        assert english not in text, english
    page.locator("th.col-seq svg.dropdown-menu-icon").click()
    menu = page.locator("body > .dropdown-menu")
    assert menu.locator("a.dropdown-sort-asc").inner_text() == "升序排列"
    assert menu.locator("a.dropdown-hide-column").inner_text() == "隐藏此列"
    assert menu.locator(".dropdown-column-type").inner_text() == "类型 Type：INTEGER"
    page.keyboard.press("Escape")
    # a column with blanks offers the not-blank filter; every link of the menu (shown or not) is Chinese
    page.goto(site + "/sichuan_edu/cases")
    page.locator("th.col-category svg.dropdown-menu-icon").click()
    assert menu.locator("a.dropdown-not-blank").inner_text() == "只看非空行"
    assert menu.locator("a.dropdown-facet").inner_text() == "按此分面"
    menu_text = menu.evaluate("m => m.textContent")
    for english in ["Sort", "Facet by", "Hide this", "Show all", "not-blank", "Type:"]:
        assert english not in menu_text, english
    assert page.locator(".filter-row a[aria-label]").first.get_attribute("aria-label") == "取消此条件"
    page.screenshot(path=str(ARTIFACTS / "table-in-chinese.png"))
