"""What the site's custom pages show, read from the database (used by the plugins in plugins/)."""
from __future__ import annotations

import json

from .citations import Source, authors_of, citations

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
    out = {}
    for key, sql in ARTICLE_SQL.items():
        rows = [dict(r) for r in (await db.execute(sql, {"id": article_id})).rows]
        out[key] = rows
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
