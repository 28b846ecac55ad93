"""What the site's custom pages show, read from the database (used by the plugins in plugins/)."""
from __future__ import annotations

import functools
import json
import re

from markupsafe import Markup, escape

from .citations import Source, authors_of, citations
from .labels import LABELS, label, replace_fragments

COUNTED = ["pages", "articles", "people", "institutions", "cases"]

ARTICLE_SQL = {
    "article": "select articles.*, pages.file, pages.paper, pages.published as page_published, pages.page_no, "
               "pages.printed_paper, pages.printed_date, pages.printed_page_no "
               "from articles join pages on pages.id = articles.page_id where articles.id = :id",
    "credits": "select people.name, article_people.role from article_people join people on people.id = article_people.person_id "
               "where article_people.article_id = :id order by article_people.rowid",
    "people": "select people.id, people.name, group_concat(article_people.role, ', ') as roles, "
              "max(article_people.titles) as titles from article_people join people on people.id = article_people.person_id "
              "where article_people.article_id = :id group by people.id order by min(article_people.rowid)",
    "institutions": "select institutions.id, institutions.name, institutions.type, "
                    "group_concat(distinct article_institutions.printed_name) as printed from article_institutions "
                    "join institutions on institutions.id = article_institutions.institution_id "
                    "where article_institutions.article_id = :id group by institutions.id "
                    "order by min(article_institutions.first_line), institutions.name",
    "places": "select cities.id as city_id, cities.name as city, counties.id as county_id, counties.name as county, "
              "article_places.printed_name, article_places.mentions from article_places "
              "join cities on cities.id = article_places.city_id left join counties on counties.id = article_places.county_id "
              "where article_places.article_id = :id order by article_places.first_line",
    "documents": "select documents.id, documents.title, documents.issuer, documents.number from article_documents "
                 "join documents on documents.id = article_documents.document_id where article_documents.article_id = :id "
                 "order by documents.title",
    "cases": "select id, seq, title, units, category from cases where article_id = :id order by seq",
    "dates": "select printed, iso_date, year_source from article_dates where article_id = :id order by line_no",
}


async def article_context(db, article_id: str, url: str | None = None) -> dict:
    """Everything the article page shows, as plain dicts (db is a datasette Database; url the page's address)."""
    def read(conn) -> dict:
        # One trip to Datasette's SQL thread for all of the page's queries (under load, eight trips queue eight times).
        cursor = conn.cursor()
        out = {}
        for key, sql in ARTICLE_SQL.items():
            cursor.execute(sql, {"id": article_id})
            names = [d[0] for d in cursor.description]
            out[key] = [dict(zip(names, row)) for row in cursor.fetchall()]
        return out

    out = await db.execute_fn(read)
    article = out.pop("article")
    if not article:
        return {}
    a = article[0]
    a["paragraphs"] = (a["body"] or "").split("\n")
    a["keywords"] = json.loads(a["keywords"] or "[]")
    for p in out["people"]:
        p["titles"] = "、".join(json.loads(p["titles"])) if p["titles"] else ""
    credits = out.pop("credits")
    return {"article": a, **out, "citation": citations(citation_source(a, credits, url))}


def citation_source(a: dict, credits: list[dict], url: str | None = None) -> Source:
    """What a citation may say of an article: the manifest's paper, date and page, else what the margins print."""
    return Source(id=a["id"], title=a["title"], authors=authors_of([(c["name"], c["role"]) for c in credits]),
                  paper=a["paper"] or a["printed_paper"], published=a["page_published"] or a["printed_date"],
                  page_no=a["page_no"] or a["printed_page_no"], first_words=a["body"], url=url)


async def dataset_database(datasette) -> str | None:
    """The name of the first database that holds this dataset's articles."""
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists("articles"):
            return name
    return None


async def home_counts(db) -> dict[str, int]:
    """How many of each thing the dataset holds."""
    return {t: (await db.execute(f"select count(*) from [{t}]")).rows[0][0] for t in COUNTED}


BOM = "\ufeff".encode("utf-8")


def bom_requested(query_string: bytes) -> tuple[bool, bytes]:
    """Whether a CSV request asks for a byte-order mark (`_bom=1`), and its query without that argument."""
    from urllib.parse import parse_qsl, urlencode

    args = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    wanted = any(k == "_bom" and v not in ("", "0", "off") for k, v in args)
    return wanted, urlencode([(k, v) for k, v in args if k != "_bom"]).encode("latin-1")


def csv_with_bom(app):
    """ASGI middleware: `.csv?_bom=1` answers Datasette's own CSV (streamed or not, every option kept)
    preceded by a UTF-8 byte-order mark, which Excel needs to read UTF-8 rather than the local code page
    (GBK on Chinese Windows). Without `_bom` nothing changes, so programs reading the CSV see no BOM."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or not scope["path"].endswith(".csv"):
            return await app(scope, receive, send)
        wanted, query = bom_requested(scope.get("query_string", b""))
        if not wanted:
            return await app(scope, receive, send)
        state = {"ok": False, "sent": False}

        async def send_with_bom(message):
            if message["type"] == "http.response.start":
                state["ok"] = message["status"] == 200
                if state["ok"]:
                    message = {**message, "headers": [
                        (k, str(int(v) + len(BOM)).encode() if k.lower() == b"content-length" else v)
                        for k, v in message.get("headers", [])]}
            elif message["type"] == "http.response.body" and state["ok"] and not state["sent"]:
                state["sent"] = True
                message = {**message, "body": BOM + message.get("body", b"")}
            await send(message)

        await app({**scope, "query_string": query}, receive, send_with_bom)

    return wrapped


# --- home and table lists ---------------------------------------------------------------------

# The tables in the order a reader wants them: what the pages are about first, then the tables that link
# them, then provenance and the build's own plumbing. A table not named here joins the links group.
TABLE_GROUPS = [
    ("data", "数据 The data", ["articles", "cases", "institutions", "people", "cities", "places", "pages"]),
    ("links", "关联与细节 Links and details", [
        "article_people", "article_institutions", "case_institutions", "person_institutions", "article_places",
        "article_keywords", "article_dates", "documents", "article_documents", "captions", "page_tables", "table_cells", "counties"]),
    ("plumbing", "出处与构建 Provenance and build", ["segments", "line_boxes", "page_images", "institution_names", "city_map", "residue", "build_warnings"]),
]
GROUP_OF = {name: group for group, _, names in TABLE_GROUPS for name in names}
POSITION = {name: i for i, name in enumerate(n for _, _, names in TABLE_GROUPS for n in names)}


def reading_position(name: str) -> tuple[int, int, str]:
    """Sort key for a table: its group, its place in the group, then its name (unknown tables after the links)."""
    group = GROUP_OF.get(name, "links")
    rank = [g for g, _, _ in TABLE_GROUPS].index(group)
    return rank, POSITION.get(name, len(POSITION)), name


def in_reading_order(tables: list) -> list:
    """Datasette's table list (dicts with a name and `hidden`, or names) sorted for a reader, hidden ones last."""
    def key(t):
        return (bool(t.get("hidden")), *reading_position(t["name"])) if isinstance(t, dict) else (False, *reading_position(t))

    return sorted(tables, key=key)


def table_groups(names: list[str], descriptions: dict[str, str] | None = None,
                 counts: dict[str, int] | None = None) -> list[dict]:
    """The tables grouped for the home page, each with its Chinese description's first part and count."""
    descriptions, counts = descriptions or {}, counts or {}
    groups = {g: {"key": g, "label": label, "tables": []} for g, label, _ in TABLE_GROUPS}
    for name in sorted(names, key=reading_position):
        text = descriptions.get(name) or ""
        groups[GROUP_OF.get(name, "links")]["tables"].append(
            {"name": name, "description": short_description(text), "count": counts.get(name)})
    return [g for g in groups.values() if g["tables"]]


def short_description(text: str, limit: int = 40) -> str:
    """A table description's Chinese half, up to its first stop (the metadata writes `中文 · English`)."""
    chinese = text.split(" · ")[0]
    for stop in ("：", "；", "。", "（"):
        chinese = chinese.split(stop)[0]
    return chinese[:limit] + ("…" if len(chinese) > limit else "")


# The canned queries worth a reader's click, each with one sentence and an example to start from.
HOME_QUERIES = [
    ("search", "按相关度检索文章，显示命中处摘录。", "Ranked article search with snippets.", {"q": "产教融合"}),
    ("person_articles", "某人出现在哪些文章、任何角色、当时所印职务。", "A person's articles, roles and printed titles.",
     {"name": "罗强"}),
    ("institution_articles_and_cases", "用机构的任何写法（简称、旧称）查它出现的文章和报送的案例。",
     "An institution's articles and cases, by any form of its name.", {"name": "教育厅"}),
    ("city_institutions_and_cases", "某市有哪些机构、报送了哪些案例。", "A city's institutions and the cases they submitted.",
     {"city": "泸州"}),
    ("co_occurrence", "哪些人物常在同一篇文章中出现。", "Who appears with whom, by shared articles.", {"name": ""}),
]


def home_queries(queries: dict, db_url: str) -> list[dict]:
    """The canned queries the metadata defines, in HOME_QUERIES' order, with a sentence and an example link."""
    from urllib.parse import urlencode

    out = []
    for name, zh, en, example in HOME_QUERIES:
        if name not in (queries or {}):
            continue
        url = f"{db_url}/{name}" + ("?" + urlencode(example) if example else "")
        out.append({"name": name, "title": queries[name].get("title") or name, "zh": zh, "en": en, "url": url})
    return out


# Long text in table views is folded to a few lines by the table template's CSS (.cell-clamp), with its length
# beside it. Datasette 0.65's render_cell cannot tell a table view from a row view, so the cell keeps its
# text up to Datasette's own cap for table cells (truncate_cells_html) and only the table page's style
# folds it; the article page and the page view show the whole text, JSON and CSV always do.
CLAMPED_COLUMNS = {("articles", "body"), ("articles", "subheads"), ("pages", "text"), ("pages", "furniture")}
CLAMP_OVER = 80  # characters: shorter cells are shown as they are
CELL_CAP = 2048  # Datasette's default truncate_cells_html


def clamped_cell(table: str | None, column: str, value, cap: int = CELL_CAP):
    """A long text cell wrapped for folding, with its length (None: show the cell as Datasette does)."""
    if (table, column) not in CLAMPED_COLUMNS or not isinstance(value, str) or len(value) <= CLAMP_OVER:
        return None
    shown = value if not cap or len(value) <= cap else value[:cap] + "…"
    return Markup('<div class="cell-clamp">{}</div><span class="cell-length" hidden>共 {:,} 字 {:,} characters</span>').format(
        escape(shown), len(value), len(value))


# --- many-valued columns: arrays in JSON, '；'-joined in CSV ------------------------------------------------

LIST_SEPARATOR = "；"
# A quoted CSV cell holding a JSON array (Datasette writes the stored text as is): "[""a"", ""b""]"
_LIST_CELL = re.compile(r'(?<![^,\n])(?:"(\[(?:[^"\n]|"")*\])"|(\[\]))(?=,|\r?\n|$)')


def join_list_cells(text: str) -> str:
    """CSV text with every cell that holds a JSON array of strings or numbers written as its items joined
    with '；' (quoted again where CSV needs it); any other cell is left as it is."""

    def joined(m: re.Match) -> str:
        try:
            items = json.loads((m.group(1) or m.group(2)).replace('""', '"'))
        except ValueError:
            return m.group(0)
        if not isinstance(items, list) or not all(isinstance(x, (str, int, float)) for x in items):
            return m.group(0)
        value = LIST_SEPARATOR.join(str(x) for x in items)
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value

    return _LIST_CELL.sub(joined, text)


def list_columns_of(path: str, lists: dict[str, list[str]]) -> list[str]:
    """The many-valued columns a JSON request under a database may return: a table's own (table and row
    pages), or for SQL and canned queries every such column, by name."""
    parts = [p for p in path.split("/") if p]
    if not parts or parts[0].startswith("-"):
        return []
    if len(parts) >= 2 and parts[1].removesuffix(".json") in lists:
        return lists[parts[1].removesuffix(".json")]
    return sorted({c for cols in lists.values() for c in cols})  # SQL and canned queries: by column name


def lists_as_lists(app, lists: dict[str, list[str]]):
    """ASGI middleware: JSON answers many-valued columns as arrays (Datasette's own `_json=<column>`), CSV as
    items joined with '；' (streamed CSV is rewritten line by line; a JSON array never spans lines)."""
    from urllib.parse import parse_qsl, urlencode

    async def wrapped(scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.endswith(".json"):
            columns = list_columns_of(path, lists)
            if columns:
                args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                asked = {v for k, v in args if k == "_json"}
                args += [("_json", c) for c in columns if c not in asked]
                scope = {**scope, "query_string": urlencode(args).encode("latin-1")}
            return await app(scope, receive, send)
        if not path.endswith(".csv"):
            return await app(scope, receive, send)
        state = {"ok": False, "pending": b""}

        async def send_joined(message):
            if message["type"] == "http.response.start":
                state["ok"] = message["status"] == 200
                if state["ok"]:  # the length changes: sent chunked instead
                    message = {**message, "headers": [(k, v) for k, v in message.get("headers", [])
                                                      if k.lower() != b"content-length"]}
            elif message["type"] == "http.response.body" and state["ok"]:
                data = state["pending"] + message.get("body", b"")
                more = message.get("more_body", False)
                cut = data.rfind(b"\n") + 1 if more else len(data)
                state["pending"] = data[cut:]
                message = {**message, "body": join_list_cells(data[:cut].decode("utf-8")).encode("utf-8")}
            await send(message)

        await app(scope, receive, send_joined)

    return wrapped


def list_cell(table: str | None, column: str, value, lists: dict[str, list[str]]):
    """A many-valued cell in HTML: its items joined with '；' (None: not such a cell, shown as Datasette does)."""
    # a table's own list columns; in a query's results (no table) every list column, by name, as in JSON
    known = lists.get(table, []) if table else {c for cols in lists.values() for c in cols}
    if column not in known or not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    if not items:  # an empty string would make Datasette show the stored "[]"
        return Markup('<span class="empty-list"></span>')
    return escape(LIST_SEPARATOR.join(str(x) for x in items))


# --- query results: names link to their rows, codes read as words -------------------------------------------

# In a canned query's results a name column links to its row when the row holds that row's id beside it.
# A column may name rows of several tables (a query listing articles and cases): the first id present links it.
QUERY_LINKS = {"title": [("article_id", "articles"), ("case_id", "cases")], "case_title": [("case_id", "cases")],
               "city": [("city_id", "cities")], "institution": [("institution_id", "institutions")],
               "person": [("person_id", "people")], "appears_with": [("appears_with_id", "people")]}
# Code columns shown as 中文 (English) wherever they appear (labels.py); the stored code stays in JSON and CSV.
# (table, column) -> vocabulary; table None: a query's column of that name.
CODE_COLUMNS = {("article_people", "role"): "role", (None, "role"): "role", ("institutions", "type"): "institution_type",
                (None, "type"): "institution_type", ("institutions", "level"): "level", ("places", "level"): "level",
                ("institution_names", "kind"): "name_kind", ("segments", "kind"): "segment_kind",
                ("pages", "headline_order"): "headline_order"}


def query_cell(row, table: str | None, column: str, value, db_url: str):
    """A query result's cell as a link to its row or a code's label (None: shown as Datasette shows it)."""
    if table is None and column in QUERY_LINKS and isinstance(value, str):
        keys = row.keys() if hasattr(row, "keys") else []
        for id_column, target in QUERY_LINKS[column]:
            if id_column in keys and row[id_column] is not None:
                from urllib.parse import quote

                return Markup('<a href="{}/{}/{}">{}</a>').format(db_url, target, quote(str(row[id_column]), safe=""), value)
    vocabulary = CODE_COLUMNS.get((table, column))
    if vocabulary and isinstance(value, str) and value in LABELS[vocabulary]:
        return escape(label(vocabulary, value))
    return None


def popup_cell(table: str | None, column: str, value):
    """The map's popup JSON (city_map.popup) in a table view: its description, linked to its page."""
    if (table, column) != ("city_map", "popup") or not isinstance(value, str):
        return None
    try:
        popup = json.loads(value)
    except ValueError:
        return None
    if not isinstance(popup, dict) or not popup.get("link"):
        return None
    return Markup('<a href="{}">{}</a>').format(popup["link"], popup.get("description") or popup.get("title") or "")


# --- one renderer for every cell ----------------------------------------------------------------------------

# A table page asks for each cell's HTML (1,300 times on a page of articles): the cells of the table columns
# none of the rules above concerns are answered at once, by one set lookup.
CLAMPED_NAMES = {column: table for table, column in CLAMPED_COLUMNS}


def cell_renderer(lists: dict[str, list[str]]):
    """The function giving a cell's HTML by the rules above, in order: folded long text, a list, the map's
    popup, a query's link or label; None: shown as Datasette shows it. Its db_url: a function giving the
    database's address (asked only for a query's cells); cap: Datasette's truncate_cells_html, or a function
    giving it."""
    table_cells = frozenset(CLAMPED_COLUMNS | {(t, c) for t, cols in lists.items() for c in cols}
                            | {key for key in CODE_COLUMNS if key[0] is not None} | {("city_map", "popup")})

    def cell_html(row, value, column: str, table: str | None, db_url, cap: int = CELL_CAP):
        if table is not None and (table, column) not in table_cells:
            return None
        if callable(cap):
            cap = cap()
        # a query's results (select * from articles) fold long text as its table's page does
        clamped = clamped_cell(CLAMPED_NAMES.get(column) if table is None else table, column, value, cap)
        if clamped is not None:
            return clamped
        listed = list_cell(table, column, value, lists)
        if listed is not None:
            return listed
        if table is not None:
            return popup_cell(table, column, value) or query_cell(row, table, column, value, "")
        return query_cell(row, table, column, value, db_url())

    # a query's columns (table None) that some rule above concerns, by name: the others are left at once
    query_cells = frozenset(set(CLAMPED_NAMES) | {c for cols in lists.values() for c in cols} | set(QUERY_LINKS)
                            | {c for t, c in CODE_COLUMNS if t is None})
    cell_html.table_cells = table_cells  # a hook can answer the other cells before gathering arguments
    cell_html.query_cells = query_cells
    return cell_html


# --- table rows in one loop -----------------------------------------------------------------------------------

# Datasette's templates write a table's body with a template expression per cell (class, type, value), each
# awaited by Jinja's async mode: on a page of 50 articles, 1,300 cells, that loop was the largest part of the
# page's time. The same markup is made by one Python loop per page: the loops below are swapped in as
# Datasette's templates load (plugins/table_speed.py), and tests/test_table_speed.py renders both ways.
FASTER_TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "_table.html": [("""        {% for row in display_rows %}
            <tr>
                {% for cell in row %}
                    <td class="col-{{ cell.column|to_css_class }} type-{{ cell.value_type }}">{{ cell.value }}</td>
                {% endfor %}
            </tr>
        {% endfor %}""", "        {{ display_rows|table_rows_html }}")],
    "query.html": [("""    {% for row in display_rows %}
        <tr>
            {% for column, td in zip(columns, row) %}
                <td class="col-{{ column|to_css_class }}">{{ td }}</td>
            {% endfor %}
        </tr>
    {% endfor %}""", "    {{ display_rows|query_rows_html(columns) }}")],
}


def faster_template(name: str, source: str, strict: bool = False) -> str:
    """A Datasette template's source with its per-cell loops as one filter call (strict: a loop not found
    raises KeyError, as labels.translate_template)."""
    return replace_fragments(name, source, FASTER_TEMPLATES.get(name, []), strict)


@functools.lru_cache(maxsize=4096)
def _css_class(name: str) -> str:
    from datasette.utils import to_css_class

    return str(escape(to_css_class(name)))


def table_rows_html(rows) -> Markup:
    """A table page's rows (Datasette's cells: column, value_type, value) as _table.html writes them."""
    out = []
    for row in rows:
        out.append("<tr>")
        for cell in row:
            out.append(f'<td class="col-{_css_class(cell["column"])} type-{escape(cell["value_type"])}">{escape(cell["value"])}</td>')
        out.append("</tr>\n")
    return Markup("".join(out))


def query_rows_html(rows, columns) -> Markup:
    """A query's rows (display values in column order) as query.html writes them."""
    classes = [_css_class(c) for c in columns]
    out = []
    for row in rows:
        out.append("<tr>")
        out.extend(f'<td class="col-{c}">{escape(td)}</td>' for c, td in zip(classes, row))
        out.append("</tr>\n")
    return Markup("".join(out))
