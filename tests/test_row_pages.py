"""Row pages without a template of their own read down the page: field, what it means, value."""
import pytest

from conftest import PAGE_ID, html_of


@pytest.mark.asyncio
async def test_a_row_is_a_list_of_fields_with_their_meaning_and_links_to_other_rows(site):
    html = await html_of(site, f"/sichuan_edu/captions/{PAGE_ID}-p1")
    assert '<dl class="row-fields">' in html and '<table class="rows-and-columns">' not in html
    assert '<dt class="col-text">text <span class="what">说明文字 · Caption text</span></dt>' in html
    assert f'<a href="/sichuan_edu/articles/{PAGE_ID}-a2">{PAGE_ID}-a2</a>' in html
    assert f'<a href="/sichuan_edu/pages/{PAGE_ID}">{PAGE_ID}</a>' in html
    assert f'<a href="/sichuan_edu/captions/{PAGE_ID}-p1">' not in html  # its own id is not a link


@pytest.mark.asyncio
async def test_a_long_text_is_folded_with_its_length(site):
    html = await html_of(site, f"/sichuan_edu/pages/{PAGE_ID}")
    assert "<details><summary>共 6,486 字 6,486 characters</summary>" in html
    assert "标题在正文后 (headlines after their text)" in html


@pytest.mark.asyncio
async def test_the_article_page_ends_with_the_chinese_footer(site):
    html = await html_of(site, f"/sichuan_edu/articles/{PAGE_ID}-a2")
    assert "所有字段 All fields of this row" in html and "指向本行的数据" in html
    assert "Links from other tables" not in html and "<p>This data as" not in html
