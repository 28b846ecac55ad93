"""The site's interface beyond Datasette's templates: its scripts served in Chinese (labels.INTERFACE_SCRIPTS,
plugins/interface_zh.py), and canned queries' results linked to the rows they name (site.query_cell)."""
import re

import pytest
from markupsafe import Markup

from conftest import PAGE_ID, html_of
from sichuan_edu.labels import INTERFACE_SCRIPTS, translate_script
from sichuan_edu.site import query_cell


@pytest.mark.parametrize("address", sorted(INTERFACE_SCRIPTS))
def test_every_script_fragment_is_in_the_installed_script(address):
    translated = translate_script(address)  # strict: a fragment the package reworded raises
    for old, new in INTERFACE_SCRIPTS[address][2]:
        assert new in translated and old not in translated


@pytest.mark.asyncio
async def test_the_site_serves_scripts_translated_at_their_own_addresses(site):
    for address in INTERFACE_SCRIPTS:
        response = await site.client.get(address)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
        assert response.text == translate_script(address)
    assert "升序排列" in (await site.client.get("/-/static/table.js")).text


def test_a_query_listing_rows_of_two_tables_links_each_title_to_its_own():
    case = {"article_id": None, "case_id": "p-c01", "title": "案例"}
    assert query_cell(case, None, "title", "案例", "/db") == Markup('<a href="/db/cases/p-c01">案例</a>')
    article = {"article_id": "p-a1", "case_id": None, "title": "文章"}
    assert query_cell(article, None, "title", "文章", "/db") == Markup('<a href="/db/articles/p-a1">文章</a>')


@pytest.mark.asyncio
@pytest.mark.parametrize("path, links", [
    # the ranked search: every result's title opens its article
    ("/sichuan_edu/search?q=产教融合", [f"articles/{PAGE_ID}-a5", f"articles/{PAGE_ID}-a2"]),
    ("/sichuan_edu/institution_articles_and_cases?name=教育厅", ["institutions/", f"articles/{PAGE_ID}-a1"]),
    ("/sichuan_edu/institution_articles_and_cases?name=四川化工职业技术学院", ["institutions/", f"cases/{PAGE_ID}-c"]),
    ("/sichuan_edu/city_institutions_and_cases?city=泸州", ["cities/510500", "institutions/", f"cases/{PAGE_ID}-c"]),
    ("/sichuan_edu/co_occurrence?name=罗强", ["people/"]),
])
async def test_canned_query_results_link_titles_and_names_to_their_pages(site, path, links):
    html = await html_of(site, path)
    hrefs = re.findall(r'<td class="col-[a-z_]+"><a href="/sichuan_edu/([^"]+)"', html)
    for link in links:
        assert any(h.startswith(link) for h in hrefs), (link, hrefs)
    if path.startswith("/sichuan_edu/search"):
        assert hrefs == links
