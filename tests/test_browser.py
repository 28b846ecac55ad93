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
