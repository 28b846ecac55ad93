"""Table and query rows written by one Python loop (site.FASTER_TEMPLATES) give Datasette's own markup."""
import re
from pathlib import Path

import datasette
import jinja2
import pytest
from datasette.utils import to_css_class
from markupsafe import Markup

from conftest import html_of
from sichuan_edu.site import FASTER_TEMPLATES, faster_template, query_rows_html, table_rows_html

TEMPLATES = Path(datasette.__file__).parent / "templates"
CELLS = [
    [{"column": "id", "value_type": "pk", "value": Markup('<a href="/db/t/1">1</a>')},
     {"column": "title", "value_type": "str", "value": "<b>产教 & 融合</b>"},
     {"column": "has space", "value_type": "none", "value": Markup("&nbsp;")},
     {"column": "_n", "value_type": "int", "value": "3"}],
    [{"column": "id", "value_type": "pk", "value": Markup('<a href="/db/t/2">2</a>')},
     {"column": "title", "value_type": "str", "value": '"引号" \'单\''},
     {"column": "has space", "value_type": "str", "value": Markup('<span class="x">已标</span>')},
     {"column": "_n", "value_type": "int", "value": "4"}],
]


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def original_loop(name: str, **context) -> str:
    env = jinja2.Environment(autoescape=True)
    env.filters["to_css_class"] = to_css_class
    loop = FASTER_TEMPLATES[name][0][0]
    return env.from_string(loop).render(zip=zip, **context)


@pytest.mark.parametrize("name", sorted(FASTER_TEMPLATES))
def test_every_loop_is_in_the_installed_template(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    faster = faster_template(name, source, strict=True)
    assert "rows_html" in faster and FASTER_TEMPLATES[name][0][0] not in faster


def test_a_reworded_loop_fails_the_strict_check_and_is_left_alone_on_the_site():
    with pytest.raises(KeyError, match="_table.html"):
        faster_template("_table.html", "<tbody>{% for row in rows %}{% endfor %}</tbody>", strict=True)
    assert faster_template("_table.html", "<tbody></tbody>") == "<tbody></tbody>"


def test_table_rows_are_the_templates_markup():
    assert squeezed(str(table_rows_html(CELLS))) == squeezed(original_loop("_table.html", display_rows=CELLS))
    assert "&lt;b&gt;产教 &amp; 融合&lt;/b&gt;" in table_rows_html(CELLS)


def test_query_rows_are_the_templates_markup():
    columns = ["title", "has space"]
    rows = [["<i>a</i>", Markup("<a href='/x'>x</a>")], [None, "1 < 2"]]
    assert squeezed(str(query_rows_html(rows, columns))) == squeezed(
        original_loop("query.html", display_rows=rows, columns=columns))


@pytest.mark.asyncio
async def test_the_site_writes_its_rows_by_the_loop(site):
    html = await html_of(site, "/sichuan_edu/cases")
    assert html.count('<td class="col-title type-str">') == 20
    html = await html_of(site, "/sichuan_edu/search?q=泸州")
    assert html.count('<td class="col-snippet">') == 3
